#!/usr/bin/env bash
# make pytest: the same tests under pytest-odoo, in the two passes of make test, on the
# databases it leaves behind: every test but the go-live ones on the demo database
# (PYTEST_DB, default TEST_DB), tests/test_golive.py on the database without demo
# (PYTEST_GOLIVE_DB, default ${TEST_DB}_golive). pytest-odoo does not read Odoo's test
# tags, so the passes are split by file. Arguments go to both runs;
# PYTEST_PASSES="demo" or "golive" runs one.
source "$(dirname "$0")/common.sh"
require_odoo

PYTEST_DB="${PYTEST_DB:-${TEST_DB:-party_quant_test}}"
PYTEST_GOLIVE_DB="${PYTEST_GOLIVE_DB:-${TEST_DB:-party_quant_test}_golive}"
PYTEST_PASSES="${PYTEST_PASSES:-demo golive}"
GOLIVE_FILE="party_quant/tests/test_golive.py"
ADDONS_PATH="$(addons_path)"
cat >"$BUILD_DIR/odoo.conf" <<CONF
[options]
addons_path = $ADDONS_PATH
data_dir = $DATA_DIR
http_port = ${TEST_HTTP_PORT:-8169}
CONF
cd "$ADDONS_DIR"

run_pytest() {
    local db="$1" rc
    shift
    db_exists "$db" || die "no database $db: run make test (or set PYTEST_DB / PYTEST_GOLIVE_DB to a database with party_quant)."
    set +e
    PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" ODOO_RC="$BUILD_DIR/odoo.conf" \
        "$ODOO_PYTHON" -m pytest -p no:cacheprovider --odoo-database="$db" --odoo-http \
        -o python_files="test_*.py" "$@"
    rc=$?
    set -e
    [ $rc -eq 5 ] && echo "pytest collected no test on $db" >&2
    return $rc
}

status=0
for pass in $PYTEST_PASSES; do
    case "$pass" in
    demo) run_pytest "$PYTEST_DB" "party_quant/tests" --ignore="$GOLIVE_FILE" "$@" || status=1 ;;
    golive) run_pytest "$PYTEST_GOLIVE_DB" "$GOLIVE_FILE" "$@" || status=1 ;;
    *) die "PYTEST_PASSES: unknown pass $pass (demo, golive)." ;;
    esac
done
exit $status
