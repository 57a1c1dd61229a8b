#!/usr/bin/env python3
"""Merge i18n/party_quant.pot into i18n/zh_CN.po (like msgmerge): keeps existing
translations, adds new msgids empty, drops obsolete ones, and lists what is
left untranslated. Exit status 1 when anything is untranslated.

    python3 tools/i18n_merge.py [extra translations .py defining T = {msgid: msgstr} ...]
"""

import runpy
import sys
from pathlib import Path

import polib

I18N = Path(__file__).resolve().parent.parent / "i18n"


def main(*extras):
    pot = polib.pofile(str(I18N / "party_quant.pot"))
    po_path = I18N / "zh_CN.po"
    old_entries = polib.pofile(str(po_path)) if po_path.exists() else []
    old = {e.msgid: e.msgstr for e in old_entries}
    for extra in extras:
        old.update(runpy.run_path(extra)["T"])
    po = polib.POFile(wrapwidth=78)
    po.metadata = dict(pot.metadata)
    po.metadata.update(
        {
            "Language": "zh_CN",
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
    )
    po.header = (
        "Translation of Odoo Server.\nThis file contains the translation of the "
        "following modules:\n\t* party_quant"
    )
    missing = []
    for entry in pot:
        entry.msgstr = old.get(entry.msgid, "")
        if not entry.msgstr:
            missing.append(entry.msgid)
        po.append(entry)
    # Terms that dependencies (mail) add to our models but translate nowhere are
    # not exported to the .pot; they are kept here with an "inherited" comment.
    pot_ids = {entry.msgid for entry in pot}
    po.extend(e for e in old_entries if "inherited" in e.tcomment and e.msgid not in pot_ids)
    po.save(str(po_path))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(pot)} messages, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
