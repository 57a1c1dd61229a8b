#!/usr/bin/env bash
# make run: serve Odoo with party_quant and its demo data at http://localhost:$HTTP_PORT.
# Development by default (one threaded process, party_quant updated at start);
# WORKERS=n: Odoo's prefork server, as in production (README.md, "Deploying").
source "$(dirname "$0")/common.sh"
require_odoo

DB="${DB:-party_quant}"
HTTP_PORT="${HTTP_PORT:-8069}"
if ! db_exists "$DB"; then
    echo "Creating database $DB with party_quant and its demo data..."
    ensure_template_db "${TEMPLATE_DB:-party_quant_template}"
    clone_db "${TEMPLATE_DB:-party_quant_template}" "$DB"
    odoo_bin -d "$DB" -i party_quant --stop-after-init --log-level=warn --http-port="$HTTP_PORT"
fi
if [ -n "${WORKERS:-}" ] && [ "$WORKERS" != 0 ]; then
    [[ "$WORKERS" =~ ^[0-9]+$ ]] || die "WORKERS=$WORKERS is not a number of HTTP workers."
    # n HTTP workers, the gevent worker (inbox, live notifications) on GEVENT_PORT,
    # CRON_WORKERS cron workers (background jobs) and the limits of
    # tools/odoo.conf.example; extra arguments (-u party_quant after an upgrade,
    # --logfile=...) go to odoo-bin.
    echo "Serving $DB at http://localhost:$HTTP_PORT with $WORKERS HTTP workers, ${CRON_WORKERS:-2} cron workers, gevent on ${GEVENT_PORT:-8072}"
    exec "$ODOO_PYTHON" "$ODOO_PATH/odoo-bin" \
        --addons-path="$(addons_path)" --data-dir="$DATA_DIR" \
        -d "$DB" --db-filter="^$DB\$" --http-port="$HTTP_PORT" \
        --workers="$WORKERS" --max-cron-threads="${CRON_WORKERS:-2}" \
        --gevent-port="${GEVENT_PORT:-8072}" \
        --limit-memory-soft="${LIMIT_MEMORY_SOFT:-2147483648}" \
        --limit-memory-hard="${LIMIT_MEMORY_HARD:-2684354560}" \
        --limit-time-cpu="${LIMIT_TIME_CPU:-60}" --limit-time-real="${LIMIT_TIME_REAL:-120}" \
        --limit-time-real-cron="${LIMIT_TIME_REAL_CRON:-600}" \
        --limit-request=8192 "$@"
fi
echo "Serving $DB at http://localhost:$HTTP_PORT (logins in README.md)"
odoo_bin -d "$DB" --db-filter="^$DB\$" --http-port="$HTTP_PORT" -u party_quant "$@"
