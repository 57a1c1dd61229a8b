#!/usr/bin/env bash
# Benchmarks on the test database (run `make test` first); nothing is kept.
# BENCH_BRANCHES sets the number of branches (default 2000); BENCH_MEMBERS the members of
# the roster import (100000); BENCH_ONLY=import runs the go-live imports alone.
source "$(dirname "$0")/common.sh"
require_odoo
DB="${TEST_DB:-party_quant_test}"
ADDONS_PATH="$(addons_path)"
db_exists "$DB" || die "no database $DB: run make test first."
sed -e "s/env.context.get(\"bench_branches\", 2000)/${BENCH_BRANCHES:-2000}/" \
    -e "s/env.context.get(\"bench_members\", 100000)/${BENCH_MEMBERS:-100000}/" \
    -e "s/env.context.get(\"bench_only\")/\"${BENCH_ONLY:-all}\"/" "$REPO/tools/bench.py" \
    | "$ODOO_PYTHON" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
        --data-dir="$DATA_DIR" -d "$DB" --no-http --log-level=warn 2>&1 | grep -E '^BENCH|Error'
