#!/usr/bin/env bash
# make smoke: the production mode end to end. A fresh database with party_quant and its
# demo data, the prefork server with 2 HTTP workers and a cron worker, then
# tools/smoke.py over HTTP (JSON-RPC logins as two roles, a claim and its approval
# from two processes at once, a PDF, a background job run by the cron worker); the
# server is stopped whatever happens. Prints "smoke: PASS" or "smoke: FAIL ..." and
# exits non-zero on failure.
source "$(dirname "$0")/common.sh"
require_odoo

SMOKE_DB="${SMOKE_DB:-party_quant_smoke}"
SMOKE_PORT="${SMOKE_PORT:-8179}"
SMOKE_GEVENT_PORT="${SMOKE_GEVENT_PORT:-8180}"
TEMPLATE_DB="${TEMPLATE_DB:-party_quant_template}"
LOG="$BUILD_DIR/smoke.log"

fail() {
    echo "smoke: FAIL $*" >&2
    exit 1
}

start=$(date +%s)
ensure_template_db "$TEMPLATE_DB"
clone_db "$TEMPLATE_DB" "$SMOKE_DB"
echo "Installing party_quant with its demo data into $SMOKE_DB..."
odoo_bin -d "$SMOKE_DB" -i party_quant --stop-after-init --log-level=warn \
    --http-port="$SMOKE_PORT" >"$LOG" 2>&1 || fail "installing party_quant (see $LOG)"

# wkhtmltopdf loads the report CSS from this server.
psql -d "$SMOKE_DB" -qc "INSERT INTO ir_config_parameter (key, value, create_uid, write_uid, create_date, write_date)
    VALUES ('report.url', 'http://localhost:$SMOKE_PORT', 1, 1, now(), now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"

echo "Starting the prefork server: 2 HTTP workers, 1 cron worker, port $SMOKE_PORT (log: $LOG)"
set +e
setsid env DB="$SMOKE_DB" HTTP_PORT="$SMOKE_PORT" GEVENT_PORT="$SMOKE_GEVENT_PORT" \
    WORKERS=2 CRON_WORKERS=1 bash "$REPO/tools/run.sh" --logfile="$LOG" --log-level=info \
    >>"$LOG" 2>&1 &
server=$!
set -e
stop_server() {
    # The server's process group: the main process and its workers.
    kill -TERM -- "-$server" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$server" 2>/dev/null || return 0; sleep 1; done
    kill -KILL -- "-$server" 2>/dev/null || true
}
trap stop_server EXIT

set +e
"$ODOO_PYTHON" "$REPO/tools/smoke.py" "http://localhost:$SMOKE_PORT" "$SMOKE_DB" "$server" "$SMOKE_GEVENT_PORT"
rc=$?
set -e
if grep -E "Traceback|CRITICAL" "$LOG" >/dev/null; then
    grep -E -m5 -A3 "Traceback|CRITICAL" "$LOG" >&2
    [ $rc -ne 0 ] || rc=3
fi
stop_server
trap - EXIT
if [ $rc -eq 0 ]; then
    echo "smoke: PASS in $(($(date +%s) - start)) s"
else
    echo "smoke: FAIL (rc $rc, server log $LOG)" >&2
fi
exit $rc
