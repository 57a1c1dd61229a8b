"""`make bench-scale`: the issue-14 dataset, generated with set-based SQL, and every
screen or job of its table measured against its floor (the best single SQL query for
the same result). Median of 3 runs each; writes are rolled back.

Run by the Makefile as ``python tools/bench_scale.py ADDONS_PATH DATA_DIR``.
SIZE sets the number of members (default 100,000: 2,000 branches of 50, 20 general
branches, a year of 10 approved entries a member a month, 3 meetings a branch a month
with attendance). The database, party_quant_scale_<SIZE>, is a copy of $TEST_DB (run
`make test` first; SCALE_DB=party_quant_scale_... another name), dropped at the end
unless KEEP=1.
"""

import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_rules import claim_rule, ledger_rules  # noqa: E402 (next to this file)

SIZE = int(os.environ.get("SIZE", 100000))
# SHAPE=company: tools/bench_shape.py's dataset (a real company's shape) instead of the
# uniform one below; the same measures.
SHAPE = os.environ.get("SHAPE", "uniform")
MEMBERS_A_BRANCH = 50
BRANCHES = max(SIZE // MEMBERS_A_BRANCH, 1)
GENERALS = max(min(20, BRANCHES // 10), 1)
ENTRIES_A_MONTH = 10
MEETINGS_A_MONTH = 3
SOURCE_DB = os.environ.get("TEST_DB", "party_quant_test")
# SCALE_DB names the database (it must start with party_quant_scale_ or end with
# _scale: the bench drops it): two benches on one server each their own.
DB = os.environ.get("SCALE_DB") or (
    f"party_quant_scale_{SIZE}" if SHAPE == "uniform" else f"party_quant_scale_{SHAPE}_{SIZE}"
)
YEAR = date.today().year
RUNS = 3
# The count the web client asks of a list (its DEFAULT_COUNT_LIMIT + 1).
COUNT_LIMIT = 10001
# REUSE=1: measure the database kept by an earlier KEEP=1 run (kept again: never
# dropped; after `-u party_quant`
# on it), without generating it again; MEASURE=0: generate only.
REUSE = bool(os.environ.get("REUSE"))
MEASURE = os.environ.get("MEASURE", "1") != "0"
# SIGNALS_ONLY=1: the record signals' rows only (generated without the point ledger:
# minutes); SIGNALS=0: without the two signals refreshes (minutes at full size).
SIGNALS_ONLY = bool(os.environ.get("SIGNALS_ONLY"))
SIGNALS = os.environ.get("SIGNALS", "1") != "0"


def timed(function, runs=RUNS, before=None):
    """Median seconds of ``runs`` calls, and the queries of the last."""
    seconds, queries = [], 0
    for _run in range(runs):
        if before:
            before()
        cr = ENV.cr
        start_count, start = cr.sql_log_count, time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
        queries = cr.sql_log_count - start_count
    return statistics.median(seconds), queries


def floor(query, params=(), before=None):
    def run():
        ENV.cr.execute(query, params)
        if ENV.cr.description:
            ENV.cr.fetchall()

    return timed(run, before=before)[0]


ROWS = []


@contextmanager
def rolled_back():
    """Whatever the block writes is undone (Odoo's savepoint keeps it on success)."""
    ENV.flush_all()
    ENV.cr.execute("SAVEPOINT bench_scale")
    try:
        yield
        ENV.flush_all()
    finally:
        ENV.cr.execute("ROLLBACK TO SAVEPOINT bench_scale")
        ENV.invalidate_all(flush=False)


def row(name, measured, floor_seconds, note=""):
    seconds, queries = measured
    ratio = f"{seconds / floor_seconds:,.1f}×" if floor_seconds else "–"
    ROWS.append((name, seconds, queries, floor_seconds, ratio, note))
    print(
        f"SCALE {name:<58} {seconds * 1000:>9.1f} ms {queries:>5} q"
        f"   floor {floor_seconds * 1000:>8.1f} ms  {ratio:>8} {note}",
        flush=True,
    )


def generate(env):
    """The dataset, with set-based SQL (organizations through the ORM: a few thousand)."""
    cr = env.cr
    Org = env["party.organization"].with_context(tracking_disable=True, mail_create_nolog=True)
    committee = Org.create({"name": "Scale Committee", "kind": "committee"})
    generals = Org.create(
        [
            {"name": f"Scale General {g:02d}", "kind": "general_branch", "parent_id": committee.id}
            for g in range(GENERALS)
        ]
    )
    types = env["party.branch.type"].search([])
    branches = Org.create(
        [
            {
                "name": f"Scale Branch {b:04d}",
                "kind": "branch",
                "parent_id": generals[b % GENERALS].id,
                "branch_type_id": types[b % len(types)].id,
            }
            for b in range(BRANCHES)
        ]
    )
    env.flush_all()
    cr.execute(
        """INSERT INTO party_member (name, organization_id, general_branch_id, branch_type_id,
                                     state, active, points_total, join_date,
                                     create_date, write_date, create_uid, write_uid)
           SELECT 'Scale Member ' || branch.id || '-' || n, branch.id, branch.general_branch_id,
                  branch.branch_type_id, 'full', TRUE, 0, DATE '2000-01-01',
                  now(), now(), 1, 1
             FROM party_organization AS branch, generate_series(1, %s) AS n
            WHERE branch.id = ANY(%s)""",
        [MEMBERS_A_BRANCH, branches.ids],
    )
    cr.execute(
        """INSERT INTO party_member_membership (member_id, organization_id, date_start,
                                                create_date, write_date, create_uid, write_uid)
           SELECT id, organization_id, DATE '2000-01-01', now(), now(), 1, 1
             FROM party_member WHERE organization_id = ANY(%s)""",
        [branches.ids],
    )
    if not SIGNALS_ONLY:  # the ledger and its summaries: the signals read none of them
        rules = ledger_rules(env, "scale_rule")
        # The ledger in one statement; the summary built once after it (its triggers off
        # for the bulk load, then _summary_rebuild: what an upgrade does).
        cr.execute("ALTER TABLE party_point_line DISABLE TRIGGER USER")
        cr.execute(
            """INSERT INTO party_point_line (name, member_id, rule_id, part, date, points, state,
                                             organization_id, general_branch_id, approved_by_id,
                                             description, create_date, write_date,
                                             create_uid, write_uid)
               SELECT member.name, member.id, rule.id, rule.part,
                      make_date(%(year)s, month.n, 1 + entry.k * 2), rule.points, 'approved',
                      member.organization_id, member.general_branch_id, 1,
                      'Scale entry', now(), now(), 1, 1
                 FROM party_member AS member,
                      generate_series(1, 12) AS month(n),
                      generate_series(0, %(entries)s - 1) AS entry(k),
                      scale_rule AS rule
                WHERE member.organization_id = ANY(%(branches)s)
                  AND rule.k = entry.k %% %(rules)s""",
            {
                "year": YEAR,
                "entries": ENTRIES_A_MONTH,
                "branches": branches.ids,
                "rules": rules,
            },
        )
        cr.execute("ALTER TABLE party_point_line ENABLE TRIGGER USER")
        start = time.perf_counter()
        env["party.point.report"]._summary_rebuild()
        print(f"SCALE summary rebuilt from the ledger in {time.perf_counter() - start:.1f} s")
    # Meetings: 3 a branch a month, minutes of their own (one in 500 a near copy of the
    # previous meeting's), everyone present.
    cr.execute(
        """INSERT INTO party_meeting (organization_id, name, kind, state, date, start, minutes,
                                      late_entry, create_date, write_date, create_uid,
                                      write_uid)
           SELECT branch.id, 'Scale meeting ' || month || '-' || n, 'member_assembly', 'done',
                  make_date(%(year)s, month, 1 + n * 7),
                  make_date(%(year)s, month, 1 + n * 7) + TIME '09:00',
                  '<p>' || (SELECT string_agg(chr(19968 + ((hashtext(branch.id || '-' || month
                                          || '-' || n || '-' || i) & 2147483647) %% 3000)), '')
                              FROM generate_series(1, 150) AS i) || '</p>',
                  FALSE, LEAST(make_date(%(year)s, month, 2 + n * 7) + TIME '10:00',
                               now() - INTERVAL '1 day'),
                  LEAST(make_date(%(year)s, month, 2 + n * 7) + TIME '10:00',
                        now() - INTERVAL '1 day'), 1, 1
             FROM party_organization AS branch, generate_series(1, 12) AS month,
                  generate_series(0, %(meetings)s - 1) AS n
            WHERE branch.id = ANY(%(branches)s)""",
        {"year": YEAR, "meetings": MEETINGS_A_MONTH, "branches": branches.ids},
    )
    cr.execute(
        """UPDATE party_meeting AS copy
              SET minutes = overlay(original.minutes PLACING '改动' FROM 40 FOR 2)
             FROM party_meeting AS original
            WHERE copy.organization_id = ANY(%s) AND copy.id %% 500 = 0
              AND original.id = copy.id - 1 AND original.organization_id = copy.organization_id""",
        [branches.ids],
    )
    cr.execute(
        """INSERT INTO party_meeting_attendee_rel (meeting_id, member_id)
           SELECT meeting.id, member.id
             FROM party_meeting AS meeting
             JOIN party_member AS member ON member.organization_id = meeting.organization_id
            WHERE meeting.organization_id = ANY(%s)""",
        [branches.ids],
    )
    cr.execute("ANALYZE")
    return branches, generals


def measure(env, branches, generals):
    import odoo  # noqa: PLC0415 (imported once the path is set)

    cr = env.cr
    Line = env["party.point.line"]
    branch = branches[len(branches) // 2]
    if SHAPE == "company":  # the long tail's end: the largest branch
        branch = max(branches, key=lambda b: len(b.member_ids))
    # The branch's last members (its first are the officers of tools/bench_users.py).
    member = branch.sudo().member_ids[-1]
    Users = env["res.users"].with_context(no_reset_password=True, active_test=False)
    user = Users.search([("login", "=", "scale_member")]) or (
        Users.create(
            {
                "name": "Scale Member User",
                "login": "scale_member",
                "groups_id": [
                    odoo.Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("party_quant.group_party_member").id,
                        ]
                    )
                ],
            }
        )
    )
    member.user_id = user
    officer = Users.search([("login", "=", "scale_officer")]) or (
        Users.create(
            {
                "name": "Scale Officer",
                "login": "scale_officer",
                "groups_id": [
                    odoo.Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("party_quant.group_party_branch").id,
                        ]
                    )
                ],
                "party_organization_ids": [odoo.Command.set(branch.ids)],
            }
        )
    )
    branch.sudo().member_ids[-2].user_id = officer
    env.flush_all()
    cr.commit()
    month_start, month_end = date(YEAR, 6, 1), date(YEAR, 6, 30)
    if SIGNALS_ONLY:
        measure_signals(env)
        return

    # My Points: the member's form, its summary fields.
    fields = [
        "points_month",
        "points_year",
        "points_year_obligation",
        "points_year_role",
        "points_year_advancement",
        "points_year_deduction",
        "points_rank_in_branch",
        "points_reachable",
    ]
    mine = member.with_user(user)
    row(
        "a member opens My Points Summary",
        timed(lambda: mine.read(fields), before=env.invalidate_all),
        floor(
            """SELECT part, SUM(points) FROM party_point_line
                WHERE member_id = %s AND state = 'approved' AND date >= %s GROUP BY part""",
            [member.id, date(YEAR, 1, 1)],
        ),
    )
    # Points Analysis: the default pivot's read_groups, as the committee sees it.
    Report = env["party.point.report"]

    def pivot():
        # The web pivot reads every prefix of its rows (general branch, branch) × of
        # its columns (part): six grouped reads.
        for rows in ([], ["general_branch_id"], ["general_branch_id", "organization_id"]):
            for columns in ([], ["part"]):
                Report.read_group([], ["points:sum"], rows + columns, lazy=False)

    row(
        "Points Analysis opens (default pivot)",
        timed(pivot),
        floor(
            """SELECT general_branch_id, part, SUM(points) FROM party_point_line
                WHERE state = 'approved' GROUP BY ROLLUP (general_branch_id, part)"""
        ),
        "floor: the ledger",
    )
    row(
        "points analysis, general branch × month",
        timed(
            lambda: Report.read_group(
                [], ["points:sum"], ["general_branch_id", "date:month"], lazy=False
            )
        ),
        floor(
            """SELECT general_branch_id, date_trunc('month', date), SUM(points)
                 FROM party_point_line WHERE state = 'approved' GROUP BY 1, 2"""
        ),
        "floor: the ledger",
    )
    spec = {"name": {}, "member_id": {"fields": {"display_name": {}}}, "date": {}, "points": {}}
    as_officer = Line.with_user(officer)
    # As the web client asks: a page of 80 and the count up to 10,001 (its
    # DEFAULT_COUNT_LIMIT + 1; "10000+" in the pager beyond).
    row(
        "a branch officer opens Point Entries (To Approve)",
        timed(
            lambda: as_officer.web_search_read(
                [("state", "=", "submitted")], spec, limit=80, count_limit=COUNT_LIMIT
            ),
            before=env.invalidate_all,
        ),
        floor(
            """SELECT id, name, member_id, date, points
                 FROM party_point_line WHERE organization_id = %s AND state = 'submitted'
                ORDER BY date DESC, id DESC LIMIT 80""",
            [branch.id],
        ),
        "rules: the trust helper's",
    )
    row(
        "… the same list, all entries (filter removed)",
        timed(
            lambda: as_officer.web_search_read([], spec, limit=80, count_limit=COUNT_LIMIT),
            before=env.invalidate_all,
        ),
        floor(
            """SELECT id, name, member_id, date, points
                 FROM party_point_line WHERE organization_id = %s
                ORDER BY date DESC, id DESC LIMIT 80""",
            [branch.id],
        ),
        "rules: the trust helper's",
    )
    if SIGNALS:  # SIGNALS=0: without the refreshes (minutes at full size)
        measure_signals(env)
    row(
        "monthly totals of all members × part (_totals)",
        timed(lambda: Line.sudo()._totals(month_start, month_end)),
        floor(
            """SELECT member_id, part, SUM(points) FROM party_point_line
                WHERE state = 'approved' AND date BETWEEN %s AND %s GROUP BY 1, 2""",
            [month_start, month_end],
        ),
        "floor: the ledger",
    )
    rule = claim_rule(env)
    entries = []

    def submitted():
        env.invalidate_all()
        line = (
            Line.sudo()
            .create(
                {
                    "member_id": member.id,
                    "rule_id": rule.id,
                    "date": date.today().replace(day=1),
                    "description": "Scale",
                }
            )
            .with_user(officer)
        )
        line.sudo().write({"state": "submitted"})
        line.can_approve  # noqa: B018 (loaded as the form shows it)
        env.flush_all()
        entries.append(line)

    with rolled_back():
        measured = timed(lambda: entries[-1].action_approve(), before=submitted)
    row(
        "approve one entry",
        measured,
        floor("UPDATE party_point_line SET state = state WHERE id = %s", [member.id]),
    )
    month = env["party.period"]._get_period(month_start)

    def publicity():
        with rolled_back():
            env["party.point.publicity"].create(
                {"organization_id": branch.id, "period_id": month.id}
            )._compute_lines()
            env.flush_all()

    row(
        f"publicity of a branch of {len(branch.member_ids)}",
        timed(publicity),
        floor(
            """SELECT member_id, part, SUM(points) FROM party_point_line
                WHERE state = 'approved' AND organization_id = %s AND date BETWEEN %s AND %s
                GROUP BY 1, 2""",
            [branch.id, month_start, month_end],
        ),
        "floor: the ledger",
    )
    # Close a month of every branch: evaluations opened and reviewed (committed, as they
    # are weeks before the close: rows inserted by the closing transaction itself would
    # have each foreign key checked again at every update), then the close, rolled back
    # and the table vacuumed before each run, so that each run finds the same table.
    close_month = env["party.period"]._get_period(date(YEAR + 5, 1, 1))  # a month still open
    env["party.evaluation"]._create_for_periods(close_month)
    env.flush_all()
    cr.execute(
        """UPDATE party_evaluation SET state = 'reviewed', final_score = 60 + MOD(id * 7, 40)
            WHERE period_id = %s""",
        [close_month.id],
    )
    cr.commit()
    env.invalidate_all()

    def vacuum():
        cr.rollback()
        env.invalidate_all(flush=False)
        subprocess.run(
            ["psql", "-q", "-d", DB, "-c", "VACUUM ANALYZE party_evaluation"], check=True
        )

    pay = env["party.evaluation"]._pay_settings()
    row(
        f"close a month of {len(branches)} branches",
        timed(lambda: (close_month._close(), env.flush_all()), before=vacuum),
        floor(
            """WITH placed AS (
                   SELECT e.id,
                          CASE WHEN e.state = 'reviewed' THEN
                              RANK() OVER (PARTITION BY e.branch_type_id, e.state = 'reviewed'
                                           ORDER BY ROUND(e.final_score::numeric, 2) DESC)
                          END AS rank,
                          COALESCE(e.state = 'reviewed'
                                   AND COUNT(*) FILTER (WHERE e.state = 'reviewed') OVER t >= 2
                                   AND e.final_score = MIN(e.final_score)
                                       FILTER (WHERE e.state = 'reviewed') OVER t,
                                   FALSE) AS last,
                          MOD(before.last_streak, 6) AS streak, o.secretary_id, o.secretary_mode,
                          (CASE WHEN o.secretary_mode = 'full_time' THEN %(full)s
                                ELSE %(part)s END / 100.0)::numeric AS share,
                          (CASE WHEN e.state <> 'reviewed' OR e.final_score >= %(base)s THEN 1
                                ELSE ROUND(e.final_score / %(base)s, 6) END)::numeric AS ratio
                     FROM party_evaluation AS e
                     JOIN party_organization AS o ON o.id = e.organization_id
                     LEFT JOIN party_evaluation AS before
                       ON before.organization_id = e.organization_id
                      AND before.period_id = %(previous)s
                    WHERE e.period_id = %(period)s
                   WINDOW t AS (PARTITION BY e.branch_type_id)),
               closed AS (
                   UPDATE party_evaluation AS e
                      SET rank_in_type = p.rank, is_last_in_type = p.last,
                          last_streak = CASE WHEN p.last THEN 1 + COALESCE(p.streak, 0) ELSE 0 END,
                          secretary_id = p.secretary_id,
                          secretary_mode = COALESCE(p.secretary_mode, 'part_time'),
                          linked_share = p.share, payout_ratio = p.ratio,
                          closed_unreviewed = e.state <> 'reviewed',
                          pay_factor = ROUND(1 - p.share * (1 - p.ratio), 6),
                          seal_digest = encode(sha256(convert_to(concat_ws('|', e.id,
                              e.organization_id, e.state, COALESCE(e.final_score::text, ''),
                              COALESCE(p.rank::text, ''),
                              ROUND(1 - p.share * (1 - p.ratio), 6)::text), 'UTF8')), 'hex')
                     FROM placed AS p WHERE p.id = e.id
                   RETURNING e.id, e.seal_digest)
               UPDATE party_period SET state = 'closed', seal = (
                   SELECT encode(sha256(convert_to(string_agg(seal_digest, ',' ORDER BY id),
                                                   'UTF8')), 'hex') FROM closed)
                WHERE id = %(period)s""",
            {
                "full": pay["full_time"],
                "part": pay["part_time"],
                "base": pay["base_score"],
                "previous": close_month._previous().id or None,
                "period": close_month.id,
            },
            before=vacuum,
        ),
        "floor: ranks, pay, last places, streaks and seal in one statement",
    )
    cr.rollback()
    cr.execute("DELETE FROM party_evaluation WHERE period_id = %s", [close_month.id])
    cr.commit()


def measure_signals(env):
    """The record signals' refresh: the first after an install or upgrade, then the
    next day's."""
    cr = env.cr
    Signal = env["party.record.signal"]
    # The signals' work is undone after the two measures (a savepoint: the close
    # below commits its evaluations).
    env.flush_all()
    cr.execute("SAVEPOINT bench_signals")
    # As after an upgrade: every meeting compared once.
    env["ir.config_parameter"].set_param("party_quant.signals_minutes_compared_at", False)
    # The next day: a hundredth of the meetings changed, every hundredth by id (one in
    # three branches, each month), then a hundredth at random across the year and the
    # company (a fixed seed).
    changes = {
        "record-signals refresh (next day)": "id % 100 = 0",
        "record-signals refresh (next day, 1 % at random)": "random() < 0.01",
    }
    for label in ("record-signals refresh (first, everything)", *changes):

        def refresh():
            with rolled_back():
                Signal._refresh()

        if label in changes:
            # what the next day finds: Signal._refresh() ran, then these changes
            cr.execute("ROLLBACK TO SAVEPOINT bench_signals_compared")
            env.invalidate_all(flush=False)
            cr.execute("SELECT setseed(0.24)")
            cr.execute(
                f"""UPDATE party_meeting SET write_date = now() + INTERVAL '1 minute'
                     WHERE {changes[label]}"""
            )
        # The first once (a minute); the next day's median of 3, each undone.
        measured = timed(refresh, runs=1 if "first" in label else RUNS)
        if "first" in label:
            Signal._refresh()
            env.flush_all()
            cr.execute("SAVEPOINT bench_signals_compared")
        row(
            label,
            measured,
            floor(
                """SELECT md5(party_meeting_minutes_text(minutes)), COUNT(*) FROM party_meeting
                    GROUP BY 1 HAVING COUNT(*) > 1"""
            ),
            "floor: one pass over the minutes",
        )
    env.flush_all()
    cr.execute("ROLLBACK TO SAVEPOINT bench_signals")
    env.invalidate_all(flush=False)


def main():
    global ENV  # noqa: PLW0603 (the measures' environment)
    addons_path, data_dir = sys.argv[1:3]
    if not (DB.startswith("party_quant_scale_") or DB.endswith("_scale")):
        raise SystemExit(
            "the scale database's name starts with party_quant_scale_ or ends with _scale"
        )
    if not REUSE:
        subprocess.run(["dropdb", "--if-exists", "--force", DB], check=True)
        subprocess.run(["createdb", "-T", SOURCE_DB, DB], check=True)
    sys.path.insert(0, os.environ.get("ODOO_PATH", "/opt/odoo"))
    import odoo  # noqa: PLC0415 (the path is set above)

    odoo.tools.config.parse_config(
        [f"--addons-path={addons_path}", f"--data-dir={data_dir}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(DB)
    try:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
            ENV = env
            start = time.perf_counter()
            if REUSE:
                Org = env["party.organization"]
                branches = Org.search([("name", "=like", "Scale Branch %")], order="id")
                generals = Org.search([("name", "=like", "Scale General %")], order="id")
            elif SHAPE == "company":
                import bench_shape  # noqa: PLC0415 (next to this file)

                branches, generals = bench_shape.generate(env, SIZE, YEAR, SIGNALS_ONLY)
            elif SHAPE == "uniform":
                branches, generals = generate(env)
            else:
                raise SystemExit(f"SHAPE={SHAPE}: uniform or company")
            cr.commit()
            generation = time.perf_counter() - start
            cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cr.fetchone()[0]
            cr.execute("SELECT COUNT(*) FROM party_point_line")
            lines = cr.fetchone()[0]
            print(
                f"SCALE {SIZE} members, {len(branches)} branches, {lines:,} point entries: "
                f"generated in {generation:.0f} s, database {size}",
                flush=True,
            )
            if MEASURE:
                measure(env, branches, generals)
            cr.rollback()
        print(
            "\n| screen or job | time | queries | floor | ratio | note |\n|---|---|---|---|---|---|"
        )
        for name, seconds, queries, floor_seconds, ratio, note in ROWS:
            print(
                f"| {name} | {seconds * 1000:,.0f} ms | {queries} | "
                f"{floor_seconds * 1000:,.1f} ms | {ratio} | {note} |"
            )
    finally:
        # A database measured again (REUSE=1) is kept whatever happens: it took the
        # better part of an hour to generate (a failed REUSE run once dropped it).
        if not os.environ.get("KEEP") and not REUSE:
            odoo.sql_db.close_db(DB)
            subprocess.run(["dropdb", "--if-exists", "--force", DB], check=True)


ENV = None
if __name__ == "__main__":
    main()
