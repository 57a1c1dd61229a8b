#!/usr/bin/env python3
"""Compare two `make test` logs test by test: the time and queries Odoo measured for
every test (and class set-up) both runs have, from the "Detailed Tests Report" that
tools/test.sh asks of odoo.tests.stats.

    test_times.py BEFORE_LOG AFTER_LOG [--slower 0.10] [--floor 0.25] [--most 10]

Prints the common tests' total before and after, every common test slower by more
than --slower (a fraction) AND by more than --floor seconds (below that a test's time
is the machine's noise), and the tests whose query count grew most. Exit status 1 when
a test is slower by both margins or the common tests' total is slower by --slower.
"""

import argparse
import re
import sys

# Beyond this (or below 0) a test's time is a clock it froze or moved, not a time.
CLOCK_MOVED = 3600
LINE = re.compile(r"^\t(?P<id>[^:]+): (?P<time>[\d.]+)s (?P<queries>\d+) queries$")


def read(path):
    """{test id: (seconds, queries)} of the tests and set-ups (not module or class sums)."""
    found, inside = {}, False
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if "Detailed Tests Report:" in line:
                inside = True
                continue
            if not inside:
                continue
            match = LINE.match(line.rstrip("\n"))
            if not match:
                if not line.startswith("\t"):
                    inside = False
                continue
            test = match["id"]
            last = test.rsplit(".", 1)[-1]
            seconds = float(match["time"])
            if not 0 <= seconds <= CLOCK_MOVED:
                # A set-up that freezes or moves the clock (freezegun): no time.
                continue
            if last.startswith("test") or last in ("setUpClass", "tearDownClass"):
                found[test] = (seconds, int(match["queries"]))
    if not found:
        sys.exit(f"{path}: no Detailed Tests Report (run with odoo.tests.stats at DEBUG)")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--slower", type=float, default=0.10)
    parser.add_argument("--floor", type=float, default=0.25)
    parser.add_argument("--most", type=int, default=10, help="query increases listed")
    args = parser.parse_args()
    before, after = read(args.before), read(args.after)
    common = sorted(set(before) & set(after))
    total_before = sum(before[t][0] for t in common)
    total_after = sum(after[t][0] for t in common)
    print(
        f"{len(before)} tests and set-ups before, {len(after)} after, {len(common)} in both "
        f"({len(set(after) - set(before))} new, {len(set(before) - set(after))} gone)"
    )
    print(
        f"the common ones: {total_before:.1f} s before, {total_after:.1f} s after "
        f"({(total_after / total_before - 1) * 100:+.1f} %)"
    )
    slower = [
        (after[t][0] - before[t][0], t)
        for t in common
        if after[t][0] > before[t][0] * (1 + args.slower)
        and after[t][0] - before[t][0] > args.floor
    ]
    print(f"slower by more than {args.slower:.0%} and {args.floor} s: {len(slower)}")
    for delta, test in sorted(slower, reverse=True):
        print(f"  {test}: {before[test][0]:.2f} s -> {after[test][0]:.2f} s (+{delta:.2f} s)")
    faster = sum(1 for t in common if after[t][0] < before[t][0] * (1 - args.slower))
    print(f"faster by more than {args.slower:.0%}: {faster}")
    more = sorted(
        ((after[t][1] - before[t][1], t) for t in common if after[t][1] > before[t][1]),
        reverse=True,
    )
    fewer = sum(1 for t in common if after[t][1] < before[t][1])
    print(f"query counts: {len(more)} tests more, {fewer} fewer; the most added:")
    for delta, test in more[: args.most]:
        print(f"  {test}: {before[test][1]} -> {after[test][1]} queries (+{delta})")
    return 1 if slower or total_after > total_before * (1 + args.slower) else 0


if __name__ == "__main__":
    sys.exit(main())
