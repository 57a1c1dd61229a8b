#!/usr/bin/env bash
# make lint: ruff (format and lint) and pylint-odoo with the OCA mandatory checks.
source "$(dirname "$0")/common.sh"
cd "$REPO"
"$ODOO_PYTHON" -m ruff format --check .
"$ODOO_PYTHON" -m ruff check --no-fix .
# pylint-odoo wants the addon under its technical name: lint through a link.
lintdir="$(mktemp -d)"
trap 'rm -rf "$lintdir"' EXIT
ln -s "$REPO" "$lintdir/party_quant"
(cd "$lintdir" && "$ODOO_PYTHON" -m pylint --rcfile="$REPO/.pylintrc-mandatory" party_quant)
echo "lint: no messages"
