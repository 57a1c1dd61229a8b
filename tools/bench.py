"""Benchmarks, run inside `odoo-bin shell` by tools/bench.sh; everything is rolled back.

Prints one line per measure: name, branches, seconds, queries.
"""

import time

BRANCHES = int(env.context.get("bench_branches", 2000))  # noqa: F821 (odoo shell)


class QueryCounter:
    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.start_count = self.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.queries = self.cr.sql_log_count - self.start_count


def report(name, counter):
    print(f"BENCH {name:<40} {BRANCHES:>6} {counter.seconds:>8.2f} s {counter.queries:>7} queries")


def main(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    Org = env["party.organization"]
    committee = Org.create({"name": "Bench Committee", "kind": "committee"})
    general = Org.create(
        {"name": "Bench General", "kind": "general_branch", "parent_id": committee.id}
    )
    types = env["party.branch.type"].search(
        [("code", "in", ["management", "service", "operating", "production"])]
    )
    Org.create(
        [
            {
                "name": f"Bench {i}",
                "kind": "branch",
                "parent_id": general.id,
                "branch_type_id": types[i % len(types)].id,
            }
            for i in range(BRANCHES)
        ]
    )
    env.flush_all()
    month = env["party.period"]._get_period("2031-01-01")
    Evaluation = env["party.evaluation"]
    with QueryCounter(env.cr) as counter:
        Evaluation._create_for_periods(month)
        env.flush_all()
    report("open a month (evaluations + lines)", counter)
    env.cr.execute(
        """UPDATE party_evaluation SET state = 'reviewed', final_score = 60 + MOD(id * 7, 40)
            WHERE period_id = %s""",
        [month.id],
    )
    env.invalidate_all()
    with QueryCounter(env.cr) as counter:
        Evaluation._compute_ranks(month)
    report("rank a month within types", counter)
    with QueryCounter(env.cr) as counter:
        month._close()
        env.flush_all()
    report("close a month (ranks, pay, last places, seal)", counter)


main(env)  # noqa: F821
env.cr.rollback()  # noqa: F821
