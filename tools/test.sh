#!/usr/bin/env bash
# make test: party_quant installed with its tests into fresh databases, two passes, one
# summary line each and a total:
#   demo    TEST_DB, installed with its demo data: every test tagged standard (TEST_TAGS);
#   golive  ${TEST_DB}_golive, installed WITHOUT demo data (as `make start` does): the
#           tests tagged party_golive (GOLIVE_TAGS), which are not standard tests: a
#           company going live on an empty database (tests/test_golive.py).
# TEST_PASSES="demo" or "golive" runs one of them (while iterating).
# Each log ends with Odoo's time and query count of every test (odoo.tests.stats at
# DEBUG): tools/test_times.py compares two runs' logs test by test.
source "$(dirname "$0")/common.sh"
require_odoo

TEST_DB="${TEST_DB:-party_quant_test}"
TEMPLATE_DB="${TEMPLATE_DB:-party_quant_template}"
TEST_TAGS="${TEST_TAGS:-/party_quant}"
GOLIVE_DB="${GOLIVE_DB:-${TEST_DB}_golive}"
GOLIVE_TAGS="${GOLIVE_TAGS:-party_golive/party_quant}"
TEST_PASSES="${TEST_PASSES:-demo golive}"

# run_pass NAME DB TEMPLATE TAGS [odoo options]: install with the tests, log in .build.
summary_args=()
run_pass() {
    local name="$1" db="$2" template="$3" tags="$4" log="$BUILD_DIR/test.log" rc start
    [ "$name" = demo ] || log="$BUILD_DIR/test_$name.log"
    shift 4
    clone_db "$template" "$db"
    echo "[$name] Installing party_quant with tests into $db (log: $log)..."
    start=$(date +%s)
    set +e
    odoo_bin -d "$db" -i party_quant "$@" --test-enable --test-tags "$tags" \
        --stop-after-init --log-level=info --http-port="${TEST_HTTP_PORT:-8169}" \
        --log-handler=odoo.tests.stats:DEBUG --max-cron-threads=0 >"$log" 2>&1
    rc=$?
    set -e
    echo "[$name] Odoo exited with $rc after $(($(date +%s) - start)) s."
    summary_args+=("$name" "$log" "$rc")
}

for pass in $TEST_PASSES; do
    case "$pass" in
    demo)
        ensure_template_db "$TEMPLATE_DB"
        run_pass demo "$TEST_DB" "$TEMPLATE_DB" "$TEST_TAGS"
        ;;
    golive)
        ensure_template_db "${TEMPLATE_DB}_nodemo" without_demo
        run_pass golive "$GOLIVE_DB" "${TEMPLATE_DB}_nodemo" "$GOLIVE_TAGS" --without-demo=all
        ;;
    *) die "TEST_PASSES: unknown pass $pass (demo, golive)." ;;
    esac
done
"$ODOO_PYTHON" "$REPO/tools/test_summary.py" "${summary_args[@]}"
