#!/usr/bin/env python3
"""Read Odoo test logs and print one closing line per log and a total: 'N passed,
N failed'.

    test_summary.py LOG [RC]                   one log (Odoo's exit status RC)
    test_summary.py NAME LOG RC [NAME LOG RC]  the passes of make test, by name

A skipped test counts as failed (a skipped browser test is a test that did not
run), and so does any ERROR or CRITICAL line outside the tests, a non-zero exit
of Odoo, or a run with no test at all. Exit status 1 unless every pass passed.
"""

import re
import sys

LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
TOTAL = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIP = re.compile(r" skipped (\S+) : (.*)$")
FAIL = re.compile(r"^(FAIL|ERROR): (\S+)")


def summarize(path, odoo_rc, prefix=""):
    """Print the log's failures and its line; return (passed, failed)."""
    failed = errors = run = 0
    skipped, problems, failing = [], [], []
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            line = line.rstrip("\n")
            level = LEVEL.match(line)
            if total := TOTAL.search(line):
                failed, errors, run = map(int, total.groups())
            elif skip := SKIP.search(line):
                skipped.append(f"{skip.group(1)}: {skip.group(2)}")
            elif fail := FAIL.search(line):
                failing.append(f"{fail.group(1)} {fail.group(2)}")
            if level and level.group("level") in ("ERROR", "CRITICAL"):
                problems.append(line[:300])
    bad = failed + errors + len(skipped)
    if not run:
        problems.append("no test ran")
    # Errors logged outside any test (a module that fails to load, a broken view)
    # count once; the per-test ERROR lines are already in failed/errors.
    extra = 1 if (problems and not failed + errors) or (odoo_rc and not bad) else 0
    for name in failing:
        print(f"  {name}")
    for name in skipped:
        print(f"  SKIPPED (counts as failed): {name}")
    for line in problems[:20]:
        print(f"  {line}")
    passed = max(run - bad, 0)
    print(f"{prefix}{passed} passed, {bad + extra} failed")
    return passed, bad + extra


def main(args):
    if len(args) <= 2:
        _passed, failed = summarize(args[0], int(args[1]) if len(args) > 1 else 0)
        return 0 if failed == 0 else 1
    if len(args) % 3:
        sys.exit("usage: test_summary.py NAME LOG RC [NAME LOG RC ...]")
    passed = failed = 0
    for start in range(0, len(args), 3):
        name, path, odoo_rc = args[start : start + 3]
        one_passed, one_failed = summarize(path, int(odoo_rc), prefix=f"[{name}] ")
        passed, failed = passed + one_passed, failed + one_failed
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
