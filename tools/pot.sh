#!/usr/bin/env bash
# make pot: export party_quant's terms from the test database and merge zh_CN.po.
source "$(dirname "$0")/common.sh"
require_odoo
DB="${TEST_DB:-party_quant_test}"
db_exists "$DB" || die "no database $DB: run make test first."
odoo_bin -d "$DB" -u party_quant --stop-after-init --log-level=warn
odoo_bin -d "$DB" --i18n-export="$REPO/i18n/party_quant.pot" --modules=party_quant \
    --stop-after-init --log-level=warn
"$ODOO_PYTHON" "$REPO/tools/i18n_merge.py"
