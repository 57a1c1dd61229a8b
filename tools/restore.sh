#!/usr/bin/env bash
# make restore FILE=backups/mycompany-....zip DB=newname [FORCE=1]: a backup made by
# `make backup` (or Odoo's database manager) into a new database with its filestore
# (`odoo-bin db load`; the copy gets a new database uuid). FORCE=1 replaces an
# existing database of that name. Then `make start DB=newname` serves it.
source "$(dirname "$0")/common.sh"
require_odoo

FILE="${FILE:-}"
DB="${DB:-}"
[ -n "$FILE" ] && [ -n "$DB" ] || die "make restore FILE=backups/....zip DB=newname"
[ -f "$FILE" ] || die "no file $FILE."
if [ -f "$FILE.sha256" ]; then
    (cd "$(dirname "$FILE")" && sha256sum --quiet -c "$(basename "$FILE").sha256") ||
        die "$FILE does not match its checksum $FILE.sha256."
fi
"$ODOO_PYTHON" "$REPO/tools/backup_check.py" "$FILE" || die "$FILE is not a complete backup."
if db_exists "$DB"; then
    [ -n "${FORCE:-}" ] || die "database $DB exists: choose another name, or FORCE=1 to replace it."
fi
start=$(date +%s)
odoo_sub db load ${FORCE:+--force} "$DB" "$FILE" 2>"$BUILD_DIR/restore.log" ||
    die "odoo-bin db load failed (log: $BUILD_DIR/restore.log)."
echo "restored $FILE into $DB in $(($(date +%s) - start)) s"
