#!/usr/bin/env bash
# make backup DB=mycompany [BACKUP_DIR=backups]: the database and its filestore in one
# zip, Odoo's own format (dump.sql from pg_dump, the filestore, manifest.json; written
# by tools/backup.py, database first, then the filestore), which `make restore` and Odoo's database manager load on any machine
# with the same Odoo and party_quant. The zip is checked after writing (it opens, it
# holds the dump and the manifest, every file the database names is in it) and a
# .sha256 is written beside it. Prints the file's path.
source "$(dirname "$0")/common.sh"
require_odoo

DB="${DB:-}"
[ -n "$DB" ] || die "name the database: make backup DB=mycompany"
db_exists "$DB" || die "no database $DB."
BACKUP_DIR="${BACKUP_DIR:-$REPO/backups}"
mkdir -p "$BACKUP_DIR"
file="$BACKUP_DIR/$DB-$(date -u +%Y%m%d-%H%M%S).zip"
start=$(date +%s)
(cd "$ODOO_PATH" && PYTHONPATH="$ODOO_PATH" "$ODOO_PYTHON" "$REPO/tools/backup.py" "$(addons_path)" "$DATA_DIR" "$DB" "$file.part") \
    2>"$BUILD_DIR/backup.log" || die "dumping $DB failed (log: $BUILD_DIR/backup.log)."
"$ODOO_PYTHON" "$REPO/tools/backup_check.py" "$file.part" "$DB" ||
    die "the backup $file.part is incomplete: kept for inspection, not renamed."
mv "$file.part" "$file"
(cd "$BACKUP_DIR" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
echo "backup of $DB: $file ($(du -h "$file" | cut -f1), $(($(date +%s) - start)) s)"
