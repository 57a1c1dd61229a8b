#!/usr/bin/env bash
# make test: a fresh database, party_quant installed with its tests, a summary line.
source "$(dirname "$0")/common.sh"
require_odoo

TEST_DB="${TEST_DB:-party_quant_test}"
TEMPLATE_DB="${TEMPLATE_DB:-party_quant_template}"
LOG="$BUILD_DIR/test.log"
TEST_TAGS="${TEST_TAGS:-/party_quant}"

ensure_template_db "$TEMPLATE_DB"
clone_db "$TEMPLATE_DB" "$TEST_DB"

echo "Installing party_quant with tests into $TEST_DB (log: $LOG)..."
start=$(date +%s)
set +e
odoo_bin -d "$TEST_DB" -i party_quant --test-enable --test-tags "$TEST_TAGS" \
    --stop-after-init --log-level=info --http-port="${TEST_HTTP_PORT:-8169}" \
    --max-cron-threads=0 >"$LOG" 2>&1
rc=$?
set -e
echo "Odoo exited with $rc after $(($(date +%s) - start)) s."
"$ODOO_PYTHON" "$REPO/tools/test_summary.py" "$LOG" "$rc"
