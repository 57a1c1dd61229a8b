"""`make bench-peak`: the month-end peak, measured over HTTP against the prefork server.

Run by the Makefile as ``python tools/bench_peak.py ADDONS_PATH DATA_DIR`` on a database
made by ``KEEP=1 make bench-scale`` (SHAPE=company by default: tools/bench_shape.py;
SHAPE=uniform for bench_scale's own), named PEAK_DB or party_quant_scale[_SHAPE]_SIZE.

1. Prepares the month's end once (set-based; a second run finds it done): a login for
   every member and the officers (tools/bench_users.py, one known password), this
   month's evaluations of every branch (40 % already self-assessed), the past months'
   reviewed scores (the committee's dashboards), 30 claims waiting in every branch,
   last month's publicity published in every branch.
2. Starts the prefork server (tools/run.sh: WORKERS HTTP workers, no cron worker, the
   limits of odoo.conf.example) and ramps STEPS concurrent users (default 10 50 100
   200), each a thread with its own session (an HTTP client that logs in once as a
   real user of the company, /web/session/authenticate, then clicks through its role's
   screens with THINK seconds between screens, default uniform 1-5 s). The users are
   drawn in the roles' proportions (MIX): members 70 % (their workbench, My Points
   Summary, My Points, the publicity), secretaries 20 % (their workbench, filling the
   self-assessment, approving a claim, recording a meeting), general branches 7 % (the
   workbench, the self-assessments to review, the record signals), the committee 3 %
   (the cockpit, Points Analysis, Points by Part and Branch, Scores by Type and Month).
   A screen is the requests the web client sends for it (JSON-RPC
   /web/dataset/call_kw, /web/action/run), with the fields of the view as its user
   sees it; its time is what the user waits for, all its requests one after another.
3. Prints per step: users, screens and requests per second, p50/p95/p99 per screen,
   errors, the load average, then the server's and PostgreSQL's settings.

STEP_SECONDS (default 60) is the measured window of a step, after every user of the
step has logged in (logins are measured apart: "login"). WORKERS="2 4 6" runs the ramp
once per number of workers. Nothing is dropped; the writes (saved self-assessments,
approved claims, recorded meetings) stay in the database.
"""

import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import date, datetime, timedelta

import requests

SIZE = int(os.environ.get("SIZE", 100000))
SHAPE = os.environ.get("SHAPE", "company")
DB = os.environ.get("PEAK_DB") or (
    f"party_quant_scale_{SIZE}" if SHAPE == "uniform" else f"party_quant_scale_{SHAPE}_{SIZE}"
)
PORT = int(os.environ.get("PEAK_PORT", 8215))
WORKERS = [int(w) for w in os.environ.get("WORKERS", "4").split()]
STEPS = [int(n) for n in os.environ.get("STEPS", "10 50 100 200").split()]
STEP_SECONDS = float(os.environ.get("STEP_SECONDS", 60))
THINK = tuple(float(t) for t in os.environ.get("THINK", "1 5").split())
MIX = {"member": 0.70, "secretary": 0.20, "general": 0.07, "committee": 0.03}
CLAIMS_A_BRANCH = 30
SELF_ASSESSED = 0.4
SEED = 20261203
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# The screens: (model, view type, view xmlid or None) whose fields each role reads.
VIEWS = {
    "member": [
        ("party.member.workbench", "kanban", None),
        ("party.member", "form", "party_quant.party_member_view_form_points"),
        ("party.point.line", "kanban", None),
        ("party.point.publicity", "list", None),
        ("party.point.publicity", "form", None),
    ],
    "secretary": [
        ("party.workbench", "kanban", None),
        ("party.evaluation", "list", None),
        ("party.evaluation", "form", None),
        ("party.point.line", "list", None),
        ("party.point.line", "form", None),
    ],
    "general": [
        ("party.workbench", "kanban", None),
        ("party.evaluation", "list", None),
        ("party.evaluation", "form", None),
        ("party.record.signal", "list", None),
    ],
    "committee": [("party.cockpit", "kanban", None)],
}


# ----------------------------------------------------------------------------------
# 1. The month's end, prepared in the database
# ----------------------------------------------------------------------------------
def prepare(addons_path, data_dir):
    sys.path.insert(0, os.environ.get("ODOO_PATH", "/opt/odoo"))
    import odoo  # noqa: PLC0415 (the path is set above)

    odoo.tools.config.parse_config(
        [f"--addons-path={addons_path}", f"--data-dir={data_dir}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(DB)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        Org = env["party.organization"]
        branches = Org.search([("name", "=like", "Scale Branch %")], order="id")
        generals = Org.search([("name", "=like", "Scale General %")], order="id")
        committee = Org.search([("name", "=like", "Scale Committee%")], limit=1)
        if not branches:
            raise SystemExit(f"{DB} holds no generated company: run KEEP=1 make bench-scale")
        start = time.perf_counter()
        cr.execute("SELECT 1 FROM res_users WHERE login LIKE 'pm%' LIMIT 1")
        if not cr.fetchone():
            from bench_users import create_users  # noqa: PLC0415

            create_users(env, [[b] for b in branches.ids], generals, committee)
        ICP = env["ir.config_parameter"]
        if not ICP.get_param("party_quant.bench_peak_prepared"):
            month_end(env, branches)
            ICP.set_param("party_quant.bench_peak_prepared", fields_now())
        cr.commit()
        print(f"PEAK prepared in {time.perf_counter() - start:.0f} s", flush=True)
        plan = collect(env, branches)
        cr.rollback()
    odoo.sql_db.close_all()
    return plan


def fields_now():
    return datetime.now().isoformat(timespec="seconds")


def month_end(env, branches):
    cr = env.cr
    today = date.today()
    Period = env["party.period"]
    month = Period._get_period(today.replace(day=1))
    created = env["party.evaluation"]._create_for_periods(month)
    env.flush_all()
    cr.execute(
        """UPDATE party_evaluation SET state = 'self_assessed'
            WHERE period_id = %s AND organization_id = ANY(%s) AND state = 'draft'
              AND (hashtext('sa' || id) & 2147483647) %% 100 < %s""",
        [month.id, branches.ids, int(SELF_ASSESSED * 100)],
    )
    print(f"PEAK {len(created)} evaluations of {month.name} opened", flush=True)
    # The past months' reviewed scores (rows without lines: what the dashboards read).
    past = Period._get_periods([date(today.year, m, 1) for m in range(1, today.month)])
    env.flush_all()
    cr.execute(
        """INSERT INTO party_evaluation (organization_id, period_id, branch_type_id,
                                         general_branch_id, period_kind, period_start,
                                         path_kind, state, final_score,
                                         create_date, write_date, create_uid, write_uid)
           SELECT o.id, p.id, o.branch_type_id, o.general_branch_id, p.kind, p.date_start,
                  CASE WHEN o.general_branch_id IS NULL THEN 'direct' ELSE 'standard' END,
                  'reviewed',
                  70 + (hashtext('fs' || o.id || '-' || p.id) & 2147483647) %% 30,
                  now(), now(), 1, 1
             FROM party_organization AS o, party_period AS p
            WHERE o.id = ANY(%s) AND p.id = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM party_evaluation AS e
                               WHERE e.organization_id = o.id AND e.period_id = p.id)""",
        [branches.ids, [p.id for p in past.values()]],
    )
    print(f"PEAK {cr.rowcount} past evaluations (reviewed scores)", flush=True)
    # Claims waiting for the branch officers: CLAIMS_A_BRANCH a branch, this month.
    from bench_rules import claim_rule  # noqa: PLC0415

    rule = claim_rule(env)
    cr.execute(
        """INSERT INTO party_point_line (name, member_id, rule_id, part, date, points, state,
                                         organization_id, general_branch_id, description,
                                         create_date, write_date, create_uid, write_uid)
           SELECT m.name, m.id, %(rule)s, %(part)s,
                  %(first)s + (hashtext('cd' || m.id || '-' || k) & 2147483647)
                              %% GREATEST(%(days)s, 1),
                  %(points)s, 'submitted', m.organization_id, m.general_branch_id,
                  '本月承担支部重点工作', now(), now(), COALESCE(m.user_id, 1),
                  COALESCE(m.user_id, 1)
             FROM (SELECT *, row_number() OVER (PARTITION BY organization_id ORDER BY id) AS n
                     FROM party_member WHERE organization_id = ANY(%(branches)s)) AS m,
                  generate_series(1, 3) AS k
            WHERE m.n > 3 AND (hashtext('cl' || m.id) & 2147483647) %% 1000
                              < 1000 * %(claims)s / (3 * 50)""",
        {
            "rule": rule.id,
            "part": rule.part,
            "first": today.replace(day=1),
            "days": today.day,
            "points": rule.points or rule.points_min or 1,
            "branches": branches.ids,
            "claims": CLAIMS_A_BRANCH,
        },
    )
    print(f"PEAK {cr.rowcount} claims waiting", flush=True)
    publish(env, branches)
    cr.execute("ANALYZE")


def publish(env, branches):
    """Last month's publicity, published in every branch that has none, set-based (as
    action_publish computes it, without the members' inbox notices)."""
    cr = env.cr
    today = date.today()
    last = env["party.period"]._get_period(today.replace(day=1) - timedelta(days=1))
    env.flush_all()
    cr.execute(
        """INSERT INTO party_point_publicity (organization_id, period_id, name, state,
                                              period_start, published_on, window_end,
                                              create_uid, write_uid, create_date, write_date)
           SELECT o.id, %(period)s, o.name || ' ' || %(label)s, 'published', %(start)s,
                  %(today)s, %(today)s + 5, 1, 1, now(), now()
             FROM party_organization AS o
            WHERE o.id = ANY(%(branches)s)
              AND NOT EXISTS (SELECT 1 FROM party_point_publicity AS p
                               WHERE p.organization_id = o.id AND p.period_id = %(period)s)
           RETURNING id""",
        {
            "period": last.id,
            "label": last.name,
            "start": last.date_start,
            "today": today,
            "branches": branches.ids,
        },
    )
    new = [row[0] for row in cr.fetchall()]
    cr.execute(
        """INSERT INTO party_point_publicity_line (publicity_id, member_id, obligation, role,
                                                   advancement, deduction, total, rank,
                                                   create_uid, write_uid, create_date,
                                                   write_date)
           SELECT p.id, m.id, s.obligation, s.role, s.advancement, s.deduction, s.total,
                  RANK() OVER (PARTITION BY p.id ORDER BY s.total DESC), 1, 1, now(), now()
             FROM party_point_publicity AS p
             JOIN party_member AS m ON m.organization_id = p.organization_id,
                  LATERAL (SELECT COALESCE(SUM(points) FILTER (WHERE part = 'obligation'), 0)
                                      AS obligation,
                                  COALESCE(SUM(points) FILTER (WHERE part = 'role'), 0) AS role,
                                  COALESCE(SUM(points) FILTER (WHERE part = 'advancement'), 0)
                                      AS advancement,
                                  COALESCE(SUM(points) FILTER (WHERE part = 'deduction'), 0)
                                      AS deduction,
                                  COALESCE(SUM(points), 0) AS total
                             FROM party_point_summary
                            WHERE member_id = m.id AND organization_id = p.organization_id
                              AND month BETWEEN %(start)s AND %(end)s) AS s
            WHERE p.id = ANY(%(new)s)""",
        {"start": last.date_start, "end": last.date_end, "new": new},
    )
    print(f"PEAK {len(new)} publicity of {last.name} published ({cr.rowcount} lines)", flush=True)


def collect(env, branches):
    """The users of each role, their screens' fields and the ids the screens use."""
    cr = env.cr
    today = date.today()
    month = env["party.period"]._get_period(today.replace(day=1))
    cr.execute(
        """SELECT u.id, u.login, array_agg(r.organization_id ORDER BY r.organization_id)
             FROM res_users AS u
             JOIN party_organization_res_users_rel AS r ON r.user_id = u.id
            WHERE u.login LIKE 'pm%%' GROUP BY u.id"""
    )
    officers = {uid: (login, scope) for uid, login, scope in cr.fetchall()}
    kinds = {o["id"]: o["kind"] for o in env["party.organization"].search_read([], ["kind"])}
    users = {"member": [], "secretary": [], "general": [], "committee": []}
    # A secretary approves the claims of their own branch (the member's): no two
    # virtual users decide the same claim.
    cr.execute(
        """SELECT m.user_id, m.organization_id FROM party_member AS m
            WHERE m.user_id IS NOT NULL AND m.organization_id = ANY(%s)""",
        [branches.ids],
    )
    own_branch = dict(cr.fetchall())
    for uid, (login, scope) in officers.items():
        kind = kinds[scope[0]]
        role = {"branch": "secretary", "general_branch": "general"}.get(kind, "committee")
        users[role].append(
            {"uid": uid, "login": login, "scope": scope, "branch": own_branch.get(uid, scope[0])}
        )
    cr.execute(
        """SELECT u.id, u.login, m.organization_id FROM res_users AS u
             JOIN party_member AS m ON m.user_id = u.id
            WHERE u.login LIKE 'pm%%' AND m.organization_id = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM party_organization_res_users_rel AS r
                               WHERE r.user_id = u.id)""",
        [branches.ids],
    )
    users["member"] = [{"uid": u, "login": login, "branch": b} for u, login, b in cr.fetchall()]
    cr.execute(
        """SELECT organization_id, id FROM party_evaluation WHERE period_id = %s""", [month.id]
    )
    evaluations = dict(cr.fetchall())
    cr.execute(
        "SELECT organization_id, array_agg(id ORDER BY id) FROM party_member "
        "WHERE organization_id = ANY(%s) GROUP BY 1",
        [branches.ids],
    )
    members = dict(cr.fetchall())
    specs = {}
    for role, views in VIEWS.items():
        uid = users[role][0]["uid"]
        for model, view_type, xmlid in views:
            view_id = env.ref(xmlid).id if xmlid else False
            result = env[model].with_user(uid).get_views([(view_id, view_type)])
            specs[f"{role}:{model}:{view_type}"] = spec_of(result, model)
    cr.execute(
        """SELECT name, setting, unit FROM pg_settings
            WHERE name IN ('max_connections', 'shared_buffers', 'work_mem',
                           'effective_cache_size', 'random_page_cost', 'jit',
                           'max_parallel_workers_per_gather', 'server_version')"""
    )
    pg = {name: f"{setting}{' ×' + unit if unit else ''}" for name, setting, unit in cr.fetchall()}
    cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
    size = cr.fetchone()[0]
    return {
        "users": users,
        "evaluations": evaluations,
        "members": members,
        "specs": specs,
        "actions": {
            "my_points": env.ref("party_quant.party_member_action_my_points").id,
        },
        "month": month.id,
        "pg": pg,
        "size": size,
        "member_count": sum(len(m) for m in members.values()),
        "branch_count": len(branches),
    }


def spec_of(result, model):
    """The web client's specification of the fields to read for a view."""
    models = result["models"]

    def spec(fields, depth):
        out = {}
        for name, field in fields.items():
            if field["type"] == "many2one":
                out[name] = {"fields": {"display_name": {}}}
            elif field["type"] in ("one2many", "many2many"):
                sub = models.get(field["relation"], {}).get("fields")
                out[name] = {"fields": spec(sub, depth + 1)} if sub and depth == 0 else {}
            else:
                out[name] = {}
        return out

    return spec(models[model]["fields"], 0)


# ----------------------------------------------------------------------------------
# 2. The load
# ----------------------------------------------------------------------------------
class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.step = None
        self.samples = defaultdict(list)  # (step, screen) -> seconds
        self.requests = defaultdict(int)  # step -> requests
        self.errors = defaultdict(list)  # step -> messages

    def screen(self, name, seconds, requests_count, step=None):
        """A screen counts in the step it started in, when it ended in it too (not the
        screens queued behind the logins of a step's new users)."""
        with self.lock:
            if name == "login":
                self.samples[(None, name)].append(seconds)
            elif step is not None and self.step == step:
                self.samples[(step, name)].append(seconds)
                self.requests[step] += requests_count

    def error(self, name, message):
        with self.lock:
            self.errors[self.step if self.step is not None else "login"].append(
                f"{name}: {message}"
            )


class User(threading.Thread):
    def __init__(self, url, plan, role, who, stats, stop, seed):
        super().__init__(daemon=True)
        self.url, self.plan, self.role, self.who = url, plan, role, who
        self.stats, self.stop = stats, stop
        self.rng = random.Random(seed)
        self.session = requests.Session()
        # A worker of the prefork server serves one request a connection: a new one
        # each time, as through a proxy (a reused one may be closed under the client).
        self.session.headers["Connection"] = "close"
        self.logged_in = threading.Event()
        self.calls = 0

    def post(self, path, params):
        self.calls += 1
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": self.calls},
            timeout=120,
        )
        response.raise_for_status()
        answer = response.json()
        if answer.get("error"):
            error = answer["error"]
            raise RuntimeError(error.get("data", {}).get("message") or error.get("message"))
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", {"lang": "zh_CN", "tz": "Asia/Shanghai", "uid": self.uid})
        return self.post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def spec(self, model, view_type):
        return self.plan["specs"][f"{self.role}:{model}:{view_type}"]

    def run(self):
        self.uid = self.who["uid"]
        start = time.perf_counter()
        try:
            self.post(
                "/web/session/authenticate",
                {"db": DB, "login": self.who["login"], "password": PASSWORD},
            )
            self.stats.screen("login", time.perf_counter() - start, 1)
        except Exception as error:  # noqa: BLE001 (counted and reported)
            self.stats.error("login", error)
            return
        finally:
            self.logged_in.set()
        screens = SCREENS[self.role]
        while not self.stop.is_set():
            name, screen = self.rng.choice(screens)
            start, calls, step = time.perf_counter(), self.calls, self.stats.step
            try:
                screen(self)
                self.stats.screen(name, time.perf_counter() - start, self.calls - calls, step)
            except Exception as error:  # noqa: BLE001 (counted and reported)
                self.stats.error(name, str(error)[:200])
            self.stop.wait(self.rng.uniform(*THINK))


# The screens, as the web client calls them.
def listed(u, model, view_type, domain=(), limit=80):
    """A list or kanban: the records of a domain with the view's fields, and their
    count up to 10,001 (the web client's DEFAULT_COUNT_LIMIT + 1)."""
    return u.call(
        model,
        "web_search_read",
        list(domain),
        specification=u.spec(model, view_type),
        limit=limit,
        count_limit=10001,
    )


def member_workbench(u):
    listed(u, "party.member.workbench", "kanban", limit=40)


def my_points_summary(u):
    action = u.post("/web/action/run", {"action_id": u.plan["actions"]["my_points"]})
    u.call(
        "party.member",
        "web_read",
        [action["res_id"]],
        specification=u.spec("party.member", "form"),
    )


def my_points(u):
    domain = [("member_id.user_id", "=", u.uid)]
    spec = u.spec("party.point.line", "kanban")
    groups = u.call(
        "party.point.line",
        "web_read_group",
        domain,
        fields=[],
        groupby=["part"],
        lazy=True,
    )
    for group in groups["groups"][:2]:
        u.call(
            "party.point.line",
            "web_search_read",
            group["__domain"],
            specification=spec,
            limit=40,
            count_limit=10001,
        )


def publicity(u):
    found = listed(u, "party.point.publicity", "list")
    if found["records"]:
        u.call(
            "party.point.publicity",
            "web_read",
            [found["records"][0]["id"]],
            specification=u.spec("party.point.publicity", "form"),
        )


def workbench(u):
    listed(u, "party.workbench", "kanban", limit=40)


def self_assessment(u):
    evaluation = u.plan["evaluations"].get(str(u.who["branch"]))
    if not evaluation:
        return
    listed(u, "party.evaluation", "list", [("period_id", "=", u.plan["month"])])
    spec = u.spec("party.evaluation", "form")
    record = u.call("party.evaluation", "web_read", [evaluation], specification=spec)[0]
    if record.get("state") == "draft" and record.get("line_ids"):
        lines = record["line_ids"][: u.rng.randint(1, 3)]
        u.call(
            "party.evaluation",
            "web_save",
            [evaluation],
            {
                "line_ids": [
                    [1, line["id"], {"self_score": round(line.get("max_score", 5) * 0.9, 1)}]
                    for line in lines
                ]
            },
            specification=spec,
        )


def approve_claim(u):
    found = listed(
        u,
        "party.point.line",
        "list",
        [("state", "=", "submitted"), ("organization_id", "=", u.who["branch"])],
    )
    if found["records"]:
        line = found["records"][0]["id"]
        u.call(
            "party.point.line", "web_read", [line], specification=u.spec("party.point.line", "form")
        )
        u.call("party.point.line", "action_approve", [line])


def record_meeting(u):
    members = u.plan["members"].get(str(u.who["branch"]), [])
    start = datetime.now().replace(microsecond=0) + timedelta(days=u.rng.randint(1, 20))
    u.call(
        "party.meeting",
        "web_save",
        [],
        {
            "name": "月度支部党员大会（压力测试）",
            "kind": "member_assembly",
            "organization_id": u.who["branch"],
            "start": start.strftime("%Y-%m-%d %H:%M:%S"),
            "place": "党员活动室",
            "attendee_ids": [[6, 0, members]],
        },
        specification={"name": {}, "state": {}},
    )


def review(u):
    found = listed(u, "party.evaluation", "list", [("state", "=", "self_assessed")])
    if found["records"]:
        u.call(
            "party.evaluation",
            "web_read",
            [u.rng.choice(found["records"])["id"]],
            specification=u.spec("party.evaluation", "form"),
        )


def signals(u):
    listed(u, "party.record.signal", "list", [("state", "=", "open")])


def cockpit(u):
    listed(u, "party.cockpit", "kanban", limit=40)


def points_analysis(u):
    # The pivot's grouped reads: every prefix of its rows × of its columns.
    for rows in ([], ["general_branch_id"], ["general_branch_id", "organization_id"]):
        for columns in ([], ["part"]):
            u.call(
                "party.point.report", "read_group", [], ["points:sum"], rows + columns, lazy=False
            )


def points_by_branch(u):
    for groupby in ([], ["organization_id"], ["organization_id", "part"], ["part"]):
        u.call("party.point.report", "read_group", [], ["points:sum"], groupby, lazy=False)


def scores(u):
    u.call(
        "party.evaluation",
        "read_group",
        [("state", "=", "reviewed"), ("period_kind", "=", "month")],
        ["final_score:avg"],
        ["period_start:month", "branch_type_id"],
        lazy=False,
    )


SCREENS = {
    "member": [
        ("member: workbench", member_workbench),
        ("member: My Points Summary", my_points_summary),
        ("member: My Points", my_points),
        ("member: publicity", publicity),
    ],
    "secretary": [
        ("secretary: workbench", workbench),
        ("secretary: self-assessment (save)", self_assessment),
        ("secretary: approve a claim", approve_claim),
        ("secretary: record a meeting", record_meeting),
    ],
    "general": [
        ("general branch: workbench", workbench),
        ("general branch: review a self-assessment", review),
        ("general branch: record signals", signals),
    ],
    "committee": [
        ("committee: cockpit", cockpit),
        ("committee: Points Analysis", points_analysis),
        ("committee: Points by Part and Branch", points_by_branch),
        ("committee: Scores by Type and Month", scores),
    ],
}
PASSWORD = None


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def start_server(workers):
    log = os.path.join(REPO, ".build", f"peak_server_{workers}.log")
    if os.path.exists(log):
        os.remove(log)  # the log of this run only (log_summary)
    server = subprocess.Popen(
        [
            "bash",
            os.path.join(REPO, "tools", "run.sh"),
            f"--logfile={log}",
            "--log-level=info",
            f"--db_maxconn={max(64, workers * 16)}",
        ],
        env=dict(
            os.environ,
            DB=DB,
            HTTP_PORT=str(PORT),
            GEVENT_PORT=str(PORT + 10000),
            WORKERS=str(workers),
            CRON_WORKERS="0",
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if requests.get(f"http://localhost:{PORT}/web/health", timeout=5).ok:
                return server, log
        except requests.RequestException:
            time.sleep(1)
    stop_server(server)
    raise SystemExit(f"the server did not answer on port {PORT} (see {log})")


def stop_server(server):
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def ramp(plan, workers, server):
    url = f"http://localhost:{PORT}"
    stats, stop = Stats(), threading.Event()
    rng = random.Random(SEED)
    pools = {role: rng.sample(plan["users"][role], len(plan["users"][role])) for role in MIX}
    taken = defaultdict(int)
    threads, results = [], []
    for step in STEPS:
        # Users added for this step in the roles' proportions (largest remainder).
        while len(threads) < step:
            counts = {role: sum(1 for t in threads if t.role == role) for role in MIX}
            role = max(MIX, key=lambda r: MIX[r] * (len(threads) + 1) - counts[r])
            if taken[role] >= len(pools[role]):
                role = "member"
            who = pools[role][taken[role]]
            taken[role] += 1
            thread = User(url, plan, role, who, stats, stop, rng.random())
            thread.start()
            threads.append(thread)
            time.sleep(0.02)
        for thread in threads:
            thread.logged_in.wait(300)
        with stats.lock:
            stats.step = step
        load_before = os.getloadavg()[0]
        start, cpu = time.perf_counter(), time.process_time()
        odoo_before, pg_before = cpu_seconds(server)
        time.sleep(STEP_SECONDS)
        client_cpu = time.process_time() - cpu
        odoo_after, pg_after = cpu_seconds(server)
        server_cpu = (odoo_after - odoo_before, pg_after - pg_before)
        with stats.lock:
            stats.step = None
        elapsed = time.perf_counter() - start
        results.append((step, elapsed, load_before, os.getloadavg()[0]))
        roles = defaultdict(int)
        for thread in threads:
            roles[thread.role] += 1
        report_step(stats, step, elapsed, load_before, dict(roles), workers, client_cpu, server_cpu)
    stop.set()
    for thread in threads:
        thread.join(130)
    return stats, results


def log_summary(log):
    """Per route, from the server's log (werkzeug's line ends with the request's query
    count, query seconds and other seconds): what the server itself spent."""
    routes = defaultdict(list)
    pattern = re.compile(r'"POST (\S+) HTTP[^"]*" \d+ - (\d+) ([\d.]+) ([\d.]+)')
    with open(log, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            found = pattern.search(line)
            if found:
                route, queries, sql, other = found.groups()
                routes[route.replace("/web/dataset/call_kw/", "")].append(
                    (int(queries), float(sql), float(other))
                )
    print("\n| route (server side, the whole run) | count | queries | SQL | total |")
    print("|---|---|---|---|---|")
    for route, rows in sorted(routes.items(), key=lambda r: -len(r[1])):
        print(
            f"| {route} | {len(rows)} | {statistics.mean(r[0] for r in rows):.0f} | "
            f"{statistics.mean(r[1] for r in rows) * 1000:,.0f} ms | "
            f"{statistics.mean(r[1] + r[2] for r in rows) * 1000:,.0f} ms |"
        )


def cpu_seconds(server):
    """CPU seconds used so far by the server's processes (its process group: the master
    and its workers) and by PostgreSQL's backends of the database: what each request
    costs, whatever else the shared machine runs."""
    import psycopg2  # noqa: PLC0415 (the server's driver)

    with psycopg2.connect(dbname="postgres") as cnx, cnx.cursor() as cr:
        cr.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DB])
        backends = {pid for (pid,) in cr.fetchall()}
    cnx.close()
    tick = os.sysconf("SC_CLK_TCK")
    odoo = postgres = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / tick
        if int(fields[2]) == server.pid:
            odoo += used
        elif int(entry) in backends:
            postgres += used
    return odoo, postgres


def report_step(stats, step, elapsed, load_before, roles, workers, client_cpu, server_cpu):
    with stats.lock:
        rows = {name: list(v) for (s, name), v in stats.samples.items() if s == step}
        logins = list(stats.samples.get((None, "login"), []))
        requests_count = stats.requests[step]
        errors = list(stats.errors[step])
    screens = sum(len(v) for v in rows.values())
    everything = [x for v in rows.values() for x in v]
    print(
        f"\nPEAK {workers} workers, {step} users {roles}: {elapsed:.0f} s, "
        f"{screens / elapsed:.1f} screens/s, {requests_count / elapsed:.1f} req/s, "
        f"{len(errors)} errors, load average {load_before:.1f} → {os.getloadavg()[0]:.1f}, "
        f"the load script's CPU {client_cpu / elapsed:.0%}",
        flush=True,
    )
    print("| screen | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|")
    for name in sorted(rows):
        values = rows[name]
        print(
            f"| {name} | {len(values)} | {percentile(values, 50) * 1000:,.0f} ms | "
            f"{percentile(values, 95) * 1000:,.0f} ms | {percentile(values, 99) * 1000:,.0f} ms"
            f" | {max(values) * 1000:,.0f} ms |"
        )
    if everything:
        print(
            f"| all screens | {len(everything)} | {percentile(everything, 50) * 1000:,.0f} ms | "
            f"{percentile(everything, 95) * 1000:,.0f} ms | "
            f"{percentile(everything, 99) * 1000:,.0f} ms | {max(everything) * 1000:,.0f} ms |"
        )
    if requests_count:
        odoo, postgres = server_cpu
        print(
            f"(CPU a request: Odoo {odoo / requests_count * 1000:.0f} ms, PostgreSQL "
            f"{postgres / requests_count * 1000:.0f} ms; the server used "
            f"{(odoo + postgres) / elapsed:.2f} cores)"
        )
    if logins:
        print(
            f"(logins so far: {len(logins)}, p50 {statistics.median(logins) * 1000:,.0f} ms,"
            f" p95 {percentile(logins, 95) * 1000:,.0f} ms)"
        )
    for message in sorted(set(errors))[:10]:
        print(f"ERROR ×{errors.count(message)} {message}")
    sys.stdout.flush()


def main():
    global PASSWORD  # noqa: PLW0603 (the logins' password, from bench_users)
    from bench_users import PASSWORD as password  # noqa: PLC0415

    PASSWORD = password
    addons_path, data_dir = sys.argv[1:3]
    plan = json.loads(json.dumps(prepare(addons_path, data_dir)))  # str keys, as sent
    print(
        f"PEAK {DB}: {plan['member_count']:,} members, {plan['branch_count']} branches, "
        f"{plan['size']}; users: "
        + ", ".join(f"{role} {len(who)}" for role, who in plan["users"].items()),
        flush=True,
    )
    print(
        f"PEAK PostgreSQL: {plan['pg']}; think time {THINK[0]}–{THINK[1]} s; "
        f"{STEP_SECONDS:.0f} s a step",
        flush=True,
    )
    for workers in WORKERS:
        server, log = start_server(workers)
        try:
            print(
                f"PEAK server: {workers} HTTP workers, no cron worker, db_maxconn "
                f"{max(64, workers * 16)}, limits of tools/run.sh; log {log}",
                flush=True,
            )
            ramp(plan, workers, server)
        finally:
            stop_server(server)
        log_summary(log)


if __name__ == "__main__":
    main()
