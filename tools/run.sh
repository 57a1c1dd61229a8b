#!/usr/bin/env bash
# make run: serve Odoo with party_quant and its demo data at http://localhost:$HTTP_PORT.
source "$(dirname "$0")/common.sh"
require_odoo

DB="${DB:-party_quant}"
HTTP_PORT="${HTTP_PORT:-8069}"
if ! db_exists "$DB"; then
    echo "Creating database $DB with party_quant and its demo data..."
    ensure_template_db "${TEMPLATE_DB:-party_quant_template}"
    clone_db "${TEMPLATE_DB:-party_quant_template}" "$DB"
    odoo_bin -d "$DB" -i party_quant --stop-after-init --log-level=warn
fi
echo "Serving $DB at http://localhost:$HTTP_PORT (logins in README.md)"
odoo_bin -d "$DB" --db-filter="^$DB\$" --http-port="$HTTP_PORT" -u party_quant "$@"
