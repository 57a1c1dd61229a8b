#!/usr/bin/env bash
# make pytest: the same tests under pytest-odoo, on a database where party_quant
# is installed (by default the one `make test` leaves behind).
source "$(dirname "$0")/common.sh"
require_odoo

PYTEST_DB="${PYTEST_DB:-${TEST_DB:-party_quant_test}}"
db_exists "$PYTEST_DB" || die "no database $PYTEST_DB: run make test (or set PYTEST_DB to a database with party_quant)."
ADDONS_PATH="$(addons_path)"
cat >"$BUILD_DIR/odoo.conf" <<CONF
[options]
addons_path = $ADDONS_PATH
data_dir = $DATA_DIR
http_port = ${TEST_HTTP_PORT:-8169}
CONF
cd "$ADDONS_DIR"
set +e
PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" ODOO_RC="$BUILD_DIR/odoo.conf" \
    "$ODOO_PYTHON" -m pytest -p no:cacheprovider --odoo-database="$PYTEST_DB" --odoo-http \
    -o python_files="test_*.py" "party_quant/tests" "$@"
rc=$?
[ $rc -eq 5 ] && echo "pytest collected no test" >&2
exit $rc
