"""Benchmarks, run inside `odoo-bin shell` by tools/bench.sh; everything is rolled back.

Prints one line per measure: name, branches, seconds, queries.
"""

import datetime
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


def bench_duties(env, branches, label):
    """The obligation calendar: a new year's duties of every branch generated (its
    months, quarters and year), then their state refreshed from the records."""
    Duty = env["party.duty"]
    rules = env["party.duty.rule"].search_count([])
    dates = [f"2032-{month:02d}-01" for month in range(1, 13)]
    env["party.period"]._get_periods(dates)
    env["party.period"]._get_periods(dates[:1], "year")
    env.flush_all()
    with QueryCounter(env.cr) as counter:
        created = Duty._generate(dates)
    print(
        f"BENCH {'duties: generate a year, ' + label:<40} {branches:>6} {counter.seconds:>8.2f} s"
        f" {counter.queries:>7} queries ({rules} rules, {created} duties)"
    )
    with QueryCounter(env.cr) as counter:
        Duty._refresh()
    total = Duty.search_count([])
    print(
        f"BENCH {'duties: refresh state, ' + label:<40} {branches:>6} {counter.seconds:>8.2f} s"
        f" {counter.queries:>7} queries ({total} duties)"
    )


def main(env):
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
    Org = env["party.organization"]
    demo = Org.search_count([("kind", "=", "branch")])
    bench_duties(env, demo, "demo branches")
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
    Report = env["ir.actions.report"].with_context(force_report_rendering=True, lang="zh_CN")
    with QueryCounter(env.cr) as counter:
        Report._render_qweb_pdf("party_quant.action_report_ranking", month.ids)
    report("ranking PDF of the month", counter)
    with QueryCounter(env.cr) as counter:
        Report._render_xlsx("party_quant.action_report_ranking_xlsx", month.ids, None)
    report("ranking Excel of the month", counter)
    bench_handbooks(env, Report, general, types)
    # Last: its members would change what the measures above count (the dues
    # count every member of the bench branches).
    bench_duties_scaled(env, general, demo)
    bench_dues(env, general)


def bench_duties_scaled(env, general, demo):
    """The same with the bench branches: three members each, the first their
    secretary and on the committee with the second."""
    branches = env["party.organization"].search(
        [("parent_id", "=", general.id), ("kind", "=", "branch")]
    )
    members = env["party.member"].create(
        [
            {"name": f"{branch.name} member {i}", "organization_id": branch.id, "state": "full"}
            for branch in branches
            for i in range(3)
        ]
    )
    env.flush_all()
    # Seats set in SQL: the bench's fixture, not a flow under test.
    env.cr.execute(
        """UPDATE party_organization b SET secretary_id = m.first
             FROM (SELECT organization_id, MIN(id) AS first FROM party_member
                    WHERE id = ANY(%s) GROUP BY organization_id) m
            WHERE m.organization_id = b.id""",
        [members.ids],
    )
    env.cr.execute(
        """INSERT INTO party_organization_committee_member_rel (organization_id, member_id)
           SELECT organization_id, id FROM (
               SELECT organization_id, id,
                      ROW_NUMBER() OVER (PARTITION BY organization_id ORDER BY id) AS n
                 FROM party_member WHERE id = ANY(%s)) s WHERE n <= 2""",
        [members.ids],
    )
    env.invalidate_all()
    bench_duties(env, demo + len(branches), f"{len(branches)} more branches")


def bench_handbooks(env, Report, general, types):
    """A branch of 30 members with a year of entries (4 a month each): its handbooks
    in one PDF."""
    branch = env["party.organization"].create(
        {
            "name": "Bench Handbook Branch",
            "kind": "branch",
            "parent_id": general.id,
            "branch_type_id": types[0].id,
        }
    )
    members = env["party.member"].create(
        [{"name": f"Member {i:02d}", "organization_id": branch.id} for i in range(30)]
    )
    rules = env["party.point.rule"].search([("part", "!=", "deduction")], limit=4)
    env["party.point.line"]._create_approved(
        [
            {
                "member_id": member.id,
                "rule_id": rule.id,
                "date": f"2030-{month:02d}-{10 + index}",
                "points": rule.points or rule.points_min,
                "description": f"Bench entry {month}-{index}",
            }
            for member in members
            for month in range(1, 13)
            for index, rule in enumerate(rules)
        ]
    )
    env.flush_all()
    with QueryCounter(env.cr) as counter:
        content = Report._render_qweb_pdf(
            "party_quant.action_report_handbook_branch", branch.ids, data={"year": 2030}
        )[0]
    print(
        f"BENCH {'handbooks of a branch, 30 members (PDF)':<40} {30:>6} "
        f"{counter.seconds:>8.2f} s {counter.queries:>7} queries, {len(content) // 1024} KiB"
    )


def bench_dues(env, general):
    """The month's dues of 50 members in each branch (by the tiers, with the arrears
    counted): one INSERT ... SELECT and one UPDATE, whatever the number of members."""
    env.flush_all()
    env.cr.execute(
        """INSERT INTO party_member (name, organization_id, state, active, dues_category,
                                     dues_base, create_uid, create_date, write_uid, write_date)
           SELECT 'Bench Payer ' || o.id || '-' || n, o.id, 'full', TRUE,
                  CASE WHEN n %% 10 = 0 THEN 'retired' WHEN n %% 25 = 1 THEN 'other'
                       ELSE 'employed' END,
                  2000 + n * 250, 1, NOW(), 1, NOW()
             FROM party_organization o, generate_series(1, 50) n
            WHERE o.parent_id = %s AND o.kind = 'branch' AND o.name ~ '^Bench [0-9]+$'""",
        [general.id],
    )
    Dues = env["party.dues"]
    month = datetime.date.today().replace(day=1)
    with QueryCounter(env.cr) as counter:
        created = Dues._generate_month(month)
    print(
        f"BENCH {f'monthly dues, {created} members':<40} {BRANCHES:>6} "
        f"{counter.seconds:>8.2f} s {counter.queries:>7} queries, {created} records"
    )


def bench_import(env):
    """Go-live imports as the administrator (a committee user): a tree of about 2,000
    organizations (50 general branches of 40 branches, the same names under each), then
    100,000 members with valid ID numbers and officers by post, then the same roster
    again (nothing changes)."""
    import base64  # noqa: PLC0415

    from odoo.addons.party_quant.tests import roster_data  # noqa: PLC0415

    env = env(user=env.ref("base.user_admin").id, su=False)
    env["ir.config_parameter"].sudo().set_param("party_quant.import_background_rows", 10**6)
    Import = env["party.import"]
    tree = roster_data.organization_rows(prefix="BI", generals=50, branches=40, root="Bench 党委")
    members = roster_data.member_rows(
        roster_data.branch_codes(tree), int(env.context.get("bench_members", 100000)), first=10**6
    )
    sheets = [
        ("organizations", roster_data.ORGANIZATION_HEADER, tree, "organizations"),
        ("members", roster_data.MEMBER_HEADER, members, "members"),
        ("members", roster_data.MEMBER_HEADER, members, "members again"),
    ]
    for kind, header, rows, label in sheets:
        record = Import.create(
            {
                "kind": kind,
                "file": base64.b64encode(roster_data.to_csv(header, rows)),
                "filename": f"{label}.csv",
            }
        )
        with QueryCounter(env.cr) as counter:
            record.action_import()
            env.flush_all()
        print(
            f"BENCH {'import ' + label:<40} {len(rows):>6} {counter.seconds:>8.2f} s"
            f" {counter.queries:>7} queries ({record.state}: {record.created_count} created,"
            f" {record.updated_count} updated, {record.unchanged_count} unchanged,"
            f" {record.error_count} problems)"
        )


if env.context.get("bench_only") == "import":  # noqa: F821
    bench_import(env)  # noqa: F821
else:
    main(env)  # noqa: F821
    bench_import(env)  # noqa: F821
env.cr.rollback()  # noqa: F821
