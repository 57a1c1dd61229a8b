"""The rules the generated datasets use (tools/bench_scale.py, bench_shape.py,
bench_peak.py): one place for what the ledgers and the claims draw from."""


def ledger_rules(env, table):
    """The uncapped rules that are not deductions, in a temporary table ``table``
    (k, id, part, points) that the ledger's INSERT joins by k; returns their number."""
    rules = env["party.point.rule"].search(
        [("part", "!=", "deduction"), ("cap_month", "=", 0), ("cap_year", "=", 0)]
    )
    env.cr.execute(f"CREATE TEMP TABLE {table} (k int, id int, part varchar, points numeric)")
    env.cr.executemany(
        f"INSERT INTO {table} VALUES (%s, %s, %s, %s)",
        [(k, r.id, r.part, r.points or r.points_min or 1) for k, r in enumerate(rules)],
    )
    return len(rules)


def claim_rule(env):
    """A rule a branch officer approves: a role without evidence or caps if there is
    one, else the first of the branch's level."""
    Rule = env["party.point.rule"]
    return Rule.search(
        [
            ("part", "=", "role"),
            ("evidence_required", "=", False),
            ("award_level", "=", "branch"),
            ("cap_month", "=", 0),
            ("cap_year", "=", 0),
        ],
        limit=1,
    ) or Rule.search([("award_level", "=", "branch")], limit=1)
