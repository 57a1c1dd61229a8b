"""Check a backup zip of `make backup`: it opens, it holds dump.sql and manifest.json, and
every file the dumped database names in ir_attachment.store_fname is in its filestore.

usage: backup_check.py FILE.zip [DB]   (with DB, the manifest must name that database)

Exit status 0 when complete; otherwise the problems, one a line, and 1.
"""

import json
import re
import sys
import zipfile

# A COPY block of ir_attachment in pg_dump's plain format.
COPY_RE = re.compile(r"^COPY public\.ir_attachment \((?P<cols>[^)]*)\) FROM stdin;$")


def stored_files(dump):
    """The store_fname values of the dump's ir_attachment rows."""
    names, index = set(), None
    for raw in dump:
        line = raw.decode("utf-8", "replace").rstrip("\n")
        if index is None:
            match = COPY_RE.match(line)
            if match:
                index = [c.strip().strip('"') for c in match["cols"].split(",")].index(
                    "store_fname"
                )
            continue
        if line == "\\.":
            break
        value = line.split("\t")[index]
        if value != "\\N":
            names.add(value)
    return names


def main(path, db=None):
    problems = []
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        print(f"{path}: not a zip file ({error})")
        return 1
    with archive:
        members = set(archive.namelist())
        for needed in ("dump.sql", "manifest.json"):
            if needed not in members:
                problems.append(f"{path}: no {needed}")
        if not problems:
            manifest = json.loads(archive.read("manifest.json"))
            if db and manifest.get("db_name") != db:
                problems.append(f"{path}: the manifest names {manifest.get('db_name')}, not {db}")
            if "party_quant" not in manifest.get("modules", {}):
                problems.append(f"{path}: party_quant is not installed in this database")
            with archive.open("dump.sql") as dump:
                missing = {n for n in stored_files(dump) if f"filestore/{n}" not in members}
            if missing:
                problems.append(
                    f"{path}: {len(missing)} attachment files missing, e.g. {sorted(missing)[0]}"
                )
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
