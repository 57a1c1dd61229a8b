"""Write a backup zip of DB in Odoo's own format (dump.sql, filestore/, manifest.json:
what `odoo-bin db load` and the database manager restore), database first:

1. pg_dump (one snapshot of the whole database),
2. then the filestore: every file the snapshot names exists by then, since Odoo writes
   an attachment's file before its row commits and removes files only in the daily
   garbage collection, once no row names them.

Odoo's `odoo-bin db dump` copies the filestore before pg_dump, so an attachment made
in between is named by the dump and missing from the zip; this order closes that gap,
and tools/backup_check.py proves the result.

usage: backup.py ADDONS_PATH DATA_DIR DB OUT.zip
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

import odoo
from odoo.service.db import dump_db_manifest
from odoo.tools import osutil
from odoo.tools.misc import exec_pg_environ, find_pg_tool


def main(addons_path, data_dir, db_name, out):
    odoo.tools.config.parse_config(["--addons-path", addons_path, "--data-dir", data_dir])
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [find_pg_tool("pg_dump"), "--no-owner", f"--file={work}/dump.sql", db_name],
            env=exec_pg_environ(),
            check=True,
        )
        filestore = odoo.tools.config.filestore(db_name)
        if os.path.exists(filestore):
            shutil.copytree(filestore, os.path.join(work, "filestore"))
        with odoo.sql_db.db_connect(db_name).cursor() as cr:
            manifest = dump_db_manifest(cr)
        with open(os.path.join(work, "manifest.json"), "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, indent=4)
        with open(out, "wb") as stream:
            osutil.zip_dir(work, stream, include_dir=False, fnct_sort=lambda n: n != "dump.sql")


if __name__ == "__main__":
    main(*sys.argv[1:5])
