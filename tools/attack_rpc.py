#!/usr/bin/env python3
"""Replay issue 12's forgeries, and more, over JSON-RPC against a running server.

    python3 tools/attack_rpc.py --url http://127.0.0.1:8285 --db pq_redteam_live

Every call is one any logged-in user can make with their own rights (the demo logins of
README.md, "Roles and demo logins", plus an HR user the script creates as admin). Each
attempt expects a refusal; the tally counts

- refused: a clean UserError / ValidationError / AccessError / MissingError (or 403/404
  for a report),
- accepted: the call went through and had its effect (read back as admin) — a hole,
- no effect: the call went through but nothing changed (not a hole, not a refusal),
- raw: a ValueError, TypeError, psycopg2 error, HTTP 500... instead of a message.

Loopback only, stdlib only, bounded by --max-attempts and --max-seconds. The database
is changed (what is accepted stays): run it on a copy (README, "Security model").
"""

import argparse
import http.cookiejar
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROLES = [
    ("member", "member"),
    ("hr", "redteam_hr"),
    ("inspector", "inspector"),
    ("branch", "branch"),
    ("general", "general"),
    ("committee", "committee"),
    ("admin", "admin"),
]
CLEAN = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.AccessDenied",
    "odoo.exceptions.RedirectWarning",
}
# What an inspection team may not read of the inspected branch's members (issue 20).
TEAM_PRIVATE_MEMBER_FIELDS = [
    "dues_base",
    "dues_category",
    "employee_number",
    "mobile",
    "position",
    "points_total",
    "study_hours_year",
    "join_date",
    "id_number",
    "birth_date",
]
# Every model with a workflow (issue 12's list plus the inspections and jobs).
WORKFLOW = [
    "party.evaluation",
    "party.point.line",
    "party.point.publicity",
    "party.point.appeal",
    "party.appraisal",
    "party.escalation",
    "party.period",
    "party.meeting",
    "party.dues",
    "party.inspection",
    "party.inspection.plan",
    "party.inspection.practice",
    "party.rectification",
    "party.inspection.finding",
    "party.job",
    "party.evaluation.line",
    "party.record.signal",
]
# The guard's tables and system fields (models/*.py, `_transitions`, `_system_fields`);
# the moves a table gives to a named check (officer, approver...) are the workflow's, not
# attacks, and are not tried; "system" moves and moves outside the table are.
TRANSITIONS = {
    "party.appraisal": {("draft", "confirmed"): "officer", ("confirmed", "draft"): "officer"},
    "party.escalation": {("proposed", "done"): "committee", ("proposed", "cancelled"): "committee"},
    "party.evaluation": {
        (a, b): "path"
        for a, b in [
            ("draft", "self_assessed"),
            ("self_assessed", "draft"),
            ("self_assessed", "preliminary"),
            ("preliminary", "self_assessed"),
            ("preliminary", "reviewed"),
            ("reviewed", "preliminary"),
            ("self_assessed", "reviewed"),
            ("reviewed", "self_assessed"),
            ("draft", "reviewed"),
            ("reviewed", "draft"),
        ]
    },
    "party.inspection": {
        ("draft", "in_progress"): "committee",
        ("in_progress", "done"): "team",
        ("done", "in_progress"): "committee",
    },
    "party.inspection.finding": {
        ("draft", "proposed"): "team",
        ("proposed", "draft"): "team",
        ("proposed", "accepted"): "committee",
        ("proposed", "rejected"): "committee",
    },
    "party.inspection.plan": {
        ("draft", "in_progress"): "committee",
        ("in_progress", "done"): "committee",
        ("in_progress", "draft"): "committee",
    },
    "party.inspection.practice": {
        ("draft", "published"): "committee",
        ("published", "draft"): "committee",
    },
    "party.job": {
        ("queued", "running"): "system",
        ("running", "queued"): "system",
        ("queued", "done"): "system",
        ("running", "done"): "system",
        ("queued", "failed"): "system",
        ("running", "failed"): "system",
        ("failed", "queued"): "owner",
    },
    "party.meeting": {
        ("draft", "done"): "officer",
        ("draft", "cancelled"): "officer",
        ("done", "cancelled"): "officer",
        ("cancelled", "draft"): "officer",
    },
    "party.period": {("open", "closed"): "system", ("closed", "open"): "system"},
    "party.point.appeal": {("open", "upheld"): "decider", ("open", "corrected"): "decider"},
    "party.point.line": {
        ("draft", "submitted"): "claimant",
        ("submitted", "draft"): "claimant",
        ("submitted", "approved"): "approver",
        ("submitted", "rejected"): "approver",
        ("draft", "approved"): "system",
        ("approved", "rejected"): "system",
    },
    "party.point.publicity": {("draft", "published"): "publisher"},
    "party.rectification": {
        ("open", "submitted"): "branch",
        ("reopened", "submitted"): "branch",
        ("submitted", "closed"): "team",
        ("submitted", "reopened"): "team",
    },
}
COMMITTEE_MOVES = {"committee"}
SYSTEM_FIELDS = {
    "party.appraisal": ["excellent_candidate", "points", "suggested_grade"],
    "party.dues": ["arrears", "organization_id", "point_line_id", "state"],
    "party.escalation": [
        "branch_type_id",
        "evaluation_ids",
        "kind",
        "member_ids",
        "name",
        "organization_id",
        "period_id",
        "period_start",
        "secretary_id",
        "streak",
    ],
    "party.evaluation": [
        "acting_level",
        "branch_type_id",
        "closed_unreviewed",
        "color",
        "escalation_ids",
        "final_date",
        "final_score",
        "final_total",
        "final_user_id",
        "general_branch_id",
        "honor_candidate",
        "is_last_in_type",
        "last_streak",
        "linked_share",
        "monthly_average",
        "monthly_count",
        "name",
        "organization_id",
        "path_kind",
        "pay_factor",
        "payout_ratio",
        "period_id",
        "period_kind",
        "period_start",
        "period_state",
        "preliminary_date",
        "preliminary_total",
        "preliminary_user_id",
        "rank_in_type",
        "reminder_state",
        "seal_digest",
        "secretary_id",
        "secretary_mode",
        "self_date",
        "self_total",
        "self_user_id",
    ],
    "party.evaluation.line": [
        "category",
        "criterion_id",
        "evaluation_id",
        "final_difference",
        "guide",
        "max_score",
        "name",
        "organization_id",
        "period_id",
        "preliminary_difference",
        "sequence",
        "state",
    ],
    "party.inspection": ["organization_id", "plan_id", "survey_id"],
    "party.inspection.finding": ["decided_by_id", "decided_on", "evaluation_line_id"],
    "party.inspection.plan": ["rotation"],
    "party.inspection.practice": ["published_date"],
    "party.job": [
        "attachment_id",
        "date_finished",
        "date_started",
        "done",
        "error",
        "kind",
        "name",
        "part_ids",
        "res_ids",
        "res_model",
        "total",
        "user_id",
        "year",
    ],
    "party.meeting": ["absentee_ids", "date", "late_entry", "point_line_ids"],
    "party.member": [
        "branch_type_id",
        "general_branch_id",
        "membership_ids",
        "point_line_ids",
        "points_total",
    ],
    "party.organization": ["complete_name", "general_branch_id", "parent_path"],
    "party.period": ["closed_by_id", "closed_on", "date_end", "evaluation_ids", "seal", "year_id"],
    "party.point.appeal": ["correction_line_id", "member_id", "name", "organization_id"],
    "party.point.line": [
        "approved_by_id",
        "corrected_line_id",
        "general_branch_id",
        "is_correction",
        "meeting_id",
        "name",
        "organization_id",
        "part",
        "reject_reason",
    ],
    "party.point.publicity": ["line_ids", "name", "period_start", "published_on", "window_end"],
    "party.point.publicity.line": [
        "advancement",
        "deduction",
        "member_id",
        "obligation",
        "publicity_id",
        "rank",
        "role",
        "total",
    ],
    "party.rectification": ["closed_on", "finding_id", "overdue_notified"],
}
# The committee's alone (issue 12, "Protected fields").
ORG_COMMITTEE_FIELDS = ["secretary_mode", "branch_type_id", "officer_user_ids", "kind", "parent_id"]
PAY_FIELDS = {
    "party.evaluation": ["pay_factor", "linked_share", "payout_ratio", "secretary_mode"],
    "party.organization": ["secretary_mode"],
}
# Readonly stored fields that a user may set all the same, and why (triaged by hand).
READONLY_ALLOWED = {
    # set from the record's other fields by an onchange in the form; the server derives
    # or checks them again (see the models)
}
# Keys found by grepping env.context / _context in models/ and wizards/, and issue 12's.
CONTEXT_KEYS = [
    {"party_period_closing": True},
    {"party_score_changes": []},
    {"party_transfer_date": "CLOSED"},  # the 15th of the latest closed month
    {"party_transfer_date": "2099-01-01"},
    {"party_transfer_date": "garbage"},
    {"party_transfer_reason": "x" * 5},
    {"active_test": False},
    {"tracking_disable": True},
    {"mail_notrack": True},
    {"install_mode": True},
    {"import_file": True},
]
NAVIGATION = ("action_view_", "action_open_", "action_print_", "action_refresh")
BAD_NUMBERS = [
    float("nan"),
    float("inf"),
    -float("inf"),
    1e308,
    2**63,
    -(2**63),
    "abc",
    [1, 2],
    {"a": 1},
]
# Numbers that cannot be negative (a rule's points or a finding's adjustment can: a
# deduction).
NONNEGATIVE = ("hours", "amount", "cap_", "score", "duration", "weight", "max_", "year")
# Deletions the access matrix gives the committee (inspection working records, the
# membership history it corrects): policy, not attacks.
UNLINK_ALLOWED = {
    ("committee", "party.inspection.practice"),
    ("committee", "party.inspection.session"),
    ("committee", "party.inspection.check"),
    ("committee", "party.member.membership"),
}
# What a copy must not carry over: the workflow's marks.
COPY_SET_BY_WORKFLOW = (
    "approved_by_id",
    "seal",
    "published_on",
    "correction_line_id",
    "meeting_id",
    "final_user_id",
    "preliminary_user_id",
    "closed_by_id",
    "decided_by_id",
    "point_line_id",
)
# Methods on the model, not on records (@api.model).
MODEL_METHODS = {"party.record.signal": {"action_refresh_signals"}}
BAD_DATES = ["2026-02-30", "0001-01-01", "9999-12-31", "abc", 12345, [2026, 1, 1]]
BAD_RELATIONS = ["abc", 2**40, -1, 999999999, [1], 1.5, {"id": 1}]


class Tally:
    def __init__(self, max_attempts, max_seconds, verbose):
        self.rows = []
        self.max_attempts = max_attempts
        self.deadline = time.monotonic() + max_seconds
        self.verbose = verbose

    def full(self):
        return len(self.rows) >= self.max_attempts or time.monotonic() > self.deadline

    def add(self, kind, role, what, outcome, detail=""):
        self.rows.append((kind, role, what, outcome, detail))
        if self.verbose or outcome in ("ACCEPTED", "RAW"):
            print(f"  [{outcome}] {kind} {role}: {what} {detail}"[:400], flush=True)

    def counts(self):
        out = {"attempts": len(self.rows)}
        for outcome in ("refused", "ACCEPTED", "no effect", "RAW"):
            out[outcome] = sum(1 for row in self.rows if row[3] == outcome)
        return out


class Session:
    def __init__(self, url, db, login, password):
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        result = self.rpc(
            "/web/session/authenticate", {"db": db, "login": login, "password": password}
        )
        if "error" in result:
            raise SystemExit(f"cannot log in as {login}: {result['error']['data'].get('message')}")
        self.uid = result["result"]["uid"]
        self.login = login
        self.context = result["result"].get("user_context", {})

    def rpc(self, path, params, timeout=60):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
        request = urllib.request.Request(
            self.url + path, body.encode(), {"Content-Type": "application/json"}
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            return {"error": {"data": {"name": f"HTTP {error.code}", "message": error.reason}}}

    def call(self, model, method, args, kwargs=None, context=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **(context or {})}
        result = self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )
        if "error" in result:
            data = result["error"].get("data", {})
            return False, data.get("name", "?"), data.get("message", "")
        return True, result.get("result"), ""

    def get(self, path, timeout=120):
        try:
            with self.opener.open(self.url + path, timeout=timeout) as response:
                return response.status, response.read(200)
        except urllib.error.HTTPError as error:
            return error.code, b""


def classify(ok, name):
    if ok:
        return "ACCEPTED"
    return "refused" if name in CLEAN else "RAW"


class Attack:
    def __init__(self, url, db, tally):
        self.url, self.db, self.tally = url, db, tally
        self.admin = Session(url, db, "admin", "admin")
        self.ensure_hr()
        self.sessions = {role: Session(url, db, login, login) for role, login in ROLES}
        self.fields = {}
        self.moved = set()
        self.models = [
            m["model"]
            for m in self.admin.call(
                "ir.model",
                "search_read",
                [[("model", "=like", "party.%"), ("transient", "=", False)], ["model"]],
            )[1]
        ]

    def ensure_hr(self):
        ok, ids, _ = self.admin.call("res.users", "search", [[("login", "=", "redteam_hr")]])
        if ids:
            return
        ok, group, _ = self.admin.call(
            "ir.model.data", "check_object_reference", ["party_quant", "group_party_hr"]
        )
        ok, base, _ = self.admin.call(
            "ir.model.data", "check_object_reference", ["base", "group_user"]
        )
        self.admin.call(
            "res.users",
            "create",
            [
                {
                    "name": "Red Team HR",
                    "login": "redteam_hr",
                    "password": "redteam_hr",
                    "groups_id": [(6, 0, [base[1], group[1]])],
                }
            ],
        )

    # -- helpers -----------------------------------------------------------
    def fields_of(self, model):
        if model not in self.fields:
            ok, res, _ = self.admin.call(
                model,
                "fields_get",
                [],
                {
                    "attributes": [
                        "type",
                        "readonly",
                        "store",
                        "relation",
                        "selection",
                        "required",
                        "compute",
                        "related",
                    ]
                },
            )
            self.fields[model] = res if ok else {}
        return self.fields[model]

    def read_admin(self, model, rid, names):
        ok, res, _ = self.admin.call(model, "read", [[rid], names], context={"active_test": False})
        return res[0] if ok and res else {}

    def visible(self, role, model, domain=(), limit=40):
        ok, res, _ = self.sessions[role].call(
            model, "search", [list(domain)], {"limit": limit, "order": "id desc"}
        )
        return res if ok else []

    def out_of_scope(self, role, model, domain=(), limit=3):
        seen = set(self.visible(role, model, domain, limit=10000))
        ok, ids, _ = self.admin.call(
            model, "search", [list(domain)], {"limit": 400, "order": "id desc"}
        )
        return [i for i in (ids if ok else []) if i not in seen][:limit]

    def plausible(self, model, name, desc, current, role):
        kind = desc["type"]
        if kind in ("integer",):
            return 7 if current != 7 else 8
        if kind in ("float", "monetary"):
            return 77.5 if current != 77.5 else 78.5
        if kind in ("char", "text", "html"):
            return "forged"
        if kind == "boolean":
            return not current
        if kind == "date":
            return "2026-01-15" if current != "2026-01-15" else "2026-01-16"
        if kind == "datetime":
            return "2026-01-15 08:00:00"
        if kind == "selection":
            keys = [k for k, _l in desc.get("selection") or []]
            others = [k for k in keys if k != current]
            return others[0] if others else (keys[0] if keys else "x")
        if kind == "many2one":
            if desc.get("relation") == "res.users":
                return self.sessions[role].uid
            ok, ids, _ = self.admin.call(desc["relation"], "search", [[]], {"limit": 2})
            cur = current[0] if current else None
            ids = [i for i in (ids if ok else []) if i != cur]
            return ids[0] if ids else 1
        if kind == "one2many":
            return [(5, 0, 0)]
        if kind == "many2many":
            # link one more record (an empty relation would not show a change)
            ok, ids, _ = self.admin.call(desc["relation"], "search", [[]], {"limit": 5})
            others = [i for i in (ids if ok else []) if i not in (current or [])]
            return [(4, others[0])] if others else [(6, 0, [])]
        return None

    def attempt_write(self, kind, role, model, rid, vals, context=None, check=None):
        """Write as role; if it went through, read back as admin: ACCEPTED when the
        values stuck, 'no effect' when nothing changed."""
        if self.tally.full():
            return
        names = [n for n in vals if n in self.fields_of(model)]
        before = self.read_admin(model, rid, names) if names else {}
        ok, res, msg = self.sessions[role].call(model, "write", [[rid], vals], context=context)
        what = f"{model}({rid}).write({short(vals)}){' ctx=' + short(context) if context else ''}"
        if not ok:
            self.tally.add(kind, role, what, classify(ok, res), f"{res}: {msg[:120]}")
            return
        after = self.read_admin(model, rid, names) if names else {}
        changed = [n for n in names if before.get(n) != after.get(n)]
        if check is not None:
            outcome = "ACCEPTED" if check(before, after) else "no effect"
        else:
            outcome = "ACCEPTED" if changed else "no effect"
        self.tally.add(kind, role, what, outcome, f"changed {changed}")

    def attempt_call(self, kind, role, model, method, args, kwargs=None, context=None, judge=None):
        if self.tally.full():
            return None
        ok, res, msg = self.sessions[role].call(model, method, args, kwargs, context=context)
        what = f"{model}.{method}({short(args)})"
        if not ok:
            self.tally.add(kind, role, what, classify(ok, res), f"{res}: {msg[:120]}")
            return None
        outcome = judge(res) if judge else "ACCEPTED"
        self.tally.add(kind, role, what, outcome, short(res))
        return res

    # -- 1. plain writes of state --------------------------------------------
    def states(self):
        for model in WORKFLOW:
            if model not in self.models or "state" not in self.fields_of(model):
                continue
            table = TRANSITIONS.get(model, {})
            keys = [k for k, _l in self.fields_of(model)["state"]["selection"]]
            for role, _login in ROLES:
                if role == "admin":
                    continue
                # one visible record per state, and records out of scope
                ok, rows, _ = self.sessions[role].call(
                    model, "search_read", [[], ["state"]], {"limit": 300, "order": "id desc"}
                )
                per_state = {}
                for row in rows if ok else []:
                    per_state.setdefault(row["state"], row["id"])
                for old, rid in per_state.items():
                    for new in keys:
                        if new == old:
                            continue
                        who = table.get((old, new))
                        if (
                            who is not None
                            and who != "system"
                            and not (role in ("member", "hr") and who not in ("claimant", "owner"))
                            and not (who in COMMITTEE_MOVES and role not in ("committee",))
                        ):
                            continue  # the workflow's own move
                        if who in ("claimant", "owner") and role == "member":
                            continue
                        self.attempt_write("state", role, model, rid, {"state": new})
                for rid in self.out_of_scope(role, model, limit=2):
                    state = self.read_admin(model, rid, ["state"]).get("state")
                    for new in keys:
                        if new != state:
                            self.attempt_write("state-out", role, model, rid, {"state": new})
                            break

    # -- 2. system-set and readonly fields, on write, create, web_save --------
    def system_fields(self):
        for model in self.models:
            desc = self.fields_of(model)
            system = set(SYSTEM_FIELDS.get(model, []))
            readonly = {
                n
                for n, d in desc.items()
                if (d.get("readonly") or d.get("compute"))
                and d.get("store")
                and n
                not in (
                    "id",
                    "create_uid",
                    "create_date",
                    "write_uid",
                    "write_date",
                    "display_name",
                    "state",
                )
                and not n.startswith("message_")
                and not n.startswith("activity_")
                and not n.startswith("website_message")
                and n not in READONLY_ALLOWED.get(model, ())
            }
            names = sorted(system | readonly)
            if not names:
                continue
            for role in ("member", "branch", "general", "committee", "admin"):
                ids = self.visible(role, model, limit=1)
                if not ids:
                    continue
                rid = ids[0]
                current = self.read_admin(model, rid, [n for n in names if n in desc])
                for name in names:
                    if name not in desc or self.tally.full():
                        continue
                    value = self.plausible(model, name, desc[name], current.get(name), role)
                    self.attempt_write(
                        "system-field" if name in system else "readonly-field",
                        role,
                        model,
                        rid,
                        {name: value},
                    )
                # create and web_save with the system fields, one call each
                for name in sorted(system)[:40]:
                    if name not in desc:
                        continue
                    value = self.plausible(model, name, desc[name], current.get(name), role)
                    self.attempt_call("create-system", role, model, "create", [[{name: value}]])
                if system:
                    name = sorted(system)[0]
                    value = self.plausible(model, name, desc[name], current.get(name), role)
                    self.attempt_write_web_save(role, model, rid, {name: value})

    def attempt_write_web_save(self, role, model, rid, vals):
        before = self.read_admin(model, rid, list(vals))
        ok, res, msg = self.sessions[role].call(
            model, "web_save", [[rid], vals], {"specification": {}}
        )
        if not ok:
            self.tally.add(
                "web_save",
                role,
                f"{model}({rid}) {short(vals)}",
                classify(ok, res),
                f"{res}: {msg[:100]}",
            )
            return
        after = self.read_admin(model, rid, list(vals))
        self.tally.add(
            "web_save",
            role,
            f"{model}({rid}) {short(vals)}",
            "ACCEPTED" if before != after else "no effect",
        )

    # -- 3. the committee's organization fields ------------------------------
    def organization(self):
        desc = self.fields_of("party.organization")
        for role in ("member", "hr", "inspector", "branch", "general"):
            for rid in self.visible(role, "party.organization", limit=3):
                current = self.read_admin("party.organization", rid, ORG_COMMITTEE_FIELDS)
                for name in ORG_COMMITTEE_FIELDS:
                    value = self.plausible(
                        "party.organization", name, desc[name], current.get(name), role
                    )
                    if name == "officer_user_ids":
                        value = [(4, self.sessions["member"].uid)]
                    self.attempt_write("org-field", role, "party.organization", rid, {name: value})

    # -- 4. context keys ------------------------------------------------------
    def context_keys(self):
        # a branch officer moves a member with each key; the membership history must not
        # take a date from the client
        ok, rows, _ = self.admin.call(
            "party.period",
            "search_read",
            [[("state", "=", "closed"), ("kind", "=", "month")], ["date_start"]],
            {"order": "date_start desc", "limit": 1},
        )
        closed_day = rows[0]["date_start"][:8] + "15" if ok and rows else "2000-01-15"
        for context in CONTEXT_KEYS:
            if context.get("party_transfer_date") == "CLOSED":
                context = {"party_transfer_date": closed_day}
            for role in ("branch", "general"):
                members = [
                    m for m in self.visible(role, "party.member", limit=40) if m not in self.moved
                ]
                orgs = self.visible(role, "party.organization", [("kind", "=", "branch")], limit=5)
                if not members or len(orgs) < 2:
                    continue
                member = members[-1]
                self.moved.add(member)
                cur = self.read_admin("party.member", member, ["organization_id"])[
                    "organization_id"
                ][0]
                target = next(o for o in orgs if o != cur)
                before = self.admin.call(
                    "party.member.membership",
                    "search_read",
                    [[("member_id", "=", member)], ["date_start", "date_end"]],
                )[1]
                ok, res, msg = self.sessions[role].call(
                    "party.member",
                    "write",
                    [[member], {"organization_id": target}],
                    context=context,
                )
                if not ok:
                    self.tally.add(
                        "context",
                        role,
                        f"transfer {short(context)}",
                        classify(ok, res),
                        f"{res}: {msg[:100]}",
                    )
                    continue
                after = self.admin.call(
                    "party.member.membership",
                    "search_read",
                    [[("member_id", "=", member)], ["date_start", "date_end"]],
                )[1]
                dates = {row["date_start"] for row in after} - {row["date_start"] for row in before}
                # a transfer into a closed month, the future or garbage is a forgery
                forged = (
                    "party_transfer_date" in context and context["party_transfer_date"] in dates
                )
                self.tally.add(
                    "context",
                    role,
                    f"transfer {short(context)}",
                    "ACCEPTED" if forged else "no effect",
                    f"new rows {sorted(dates)}",
                )
        # reopening an older month with the closing key; hiding the score log
        for role in ("branch", "general", "committee"):
            periods = self.admin.call(
                "party.period",
                "search_read",
                [[("state", "=", "closed")], ["id"]],
                {"order": "date_start asc", "limit": 1},
            )[1]
            for period in periods:
                self.attempt_write(
                    "context",
                    role,
                    "party.period",
                    period["id"],
                    {"state": "open"},
                    context={"party_period_closing": True},
                )
        for context in CONTEXT_KEYS:
            ok, rows, _ = self.sessions["general"].call(
                "party.evaluation",
                "search_read",
                [[("state", "in", ["reviewed", "preliminary"])], ["id"]],
                {"limit": 1},
            )
            for row in rows if ok else []:
                self.attempt_write(
                    "context",
                    "general",
                    "party.evaluation",
                    row["id"],
                    {"state": "draft"},
                    context=context,
                )

    # -- 5. numbers, dates, types ----------------------------------------------
    def values(self):
        targets = {
            "party.point.line": ("member", [("state", "=", "draft")]),
            "party.meeting": ("branch", [("state", "=", "draft")]),
            "party.evaluation.line": ("branch", [("state", "=", "draft")]),
            "party.dues": ("branch", []),
            "party.point.rule": ("committee", []),
            "party.criterion": ("committee", []),
            "party.branch.type": ("committee", []),
            "party.member": ("branch", []),
            "party.organization": ("committee", []),
            "party.appraisal": ("branch", [("state", "=", "draft")]),
            "party.inspection.plan": ("committee", []),
            "party.inspection": ("committee", []),
            "party.inspection.finding": ("committee", []),
            "party.rectification": ("branch", []),
            "party.period": ("committee", [("state", "=", "open")]),
            "party.point.appeal": ("general", []),
            "party.evaluation": ("branch", [("state", "=", "draft")]),
        }
        for model, (role, domain) in targets.items():
            ids = self.visible(role, model, domain, limit=1)
            if not ids:
                continue
            rid = ids[0]
            system = set(SYSTEM_FIELDS.get(model, []))
            for name, desc in sorted(self.fields_of(model).items()):
                if (
                    name in system
                    or desc.get("readonly")
                    or not desc.get("store")
                    or name == "state"
                ):
                    continue
                kind = desc["type"]
                if kind in ("float", "integer", "monetary"):
                    bad = BAD_NUMBERS
                elif kind in ("date", "datetime"):
                    bad = BAD_DATES
                elif kind in ("many2one",):
                    bad = BAD_RELATIONS
                elif kind in ("many2many", "one2many"):
                    bad = ["abc", 5, [(6, 0, ["x"])], [(4, "x")], [(99, 1)], [(6, 0, [999999999])]]
                elif kind in ("char", "text"):
                    bad = [123, ["a"], "x" * 200001]
                elif kind == "selection":
                    bad = ["nonsense", 3]
                else:
                    continue
                if kind in ("float", "integer", "monetary") and any(k in name for k in NONNEGATIVE):
                    bad = [*bad, -1.0 if kind != "integer" else -1]
                for value in bad:
                    if self.tally.full():
                        return
                    self.attempt_write("value", role, model, rid, {name: value})

    # -- 6. pay data ----------------------------------------------------------------
    def pay(self):
        for role in ("member", "inspector", "branch", "general"):
            session = self.sessions[role]
            for model, names in PAY_FIELDS.items():
                ids = self.visible(role, model, limit=3)
                for name in names:
                    for method, args, kwargs in [
                        ("read", [ids[:1], [name]], {}),
                        ("search_read", [[], [name]], {"limit": 3}),
                        ("web_search_read", [[]], {"specification": {name: {}}, "limit": 3}),
                        (
                            "read_group",
                            [
                                [],
                                [f"{name}:sum" if name != "secretary_mode" else name],
                                ["organization_id" if model == "party.evaluation" else "kind"],
                            ],
                            {},
                        ),
                        ("search_count", [[(name, "!=", False)]], {}),
                        ("search", [[]], {"order": f"{name} desc", "limit": 3}),
                        ("export_data", [ids[:1], [name]], {}),
                    ]:
                        if not ids and method in ("read", "export_data"):
                            continue
                        self.attempt_call(
                            "pay", role, model, method, args, kwargs, judge=self.pay_judge(method)
                        )
            # the pay linkage rows of others
            ok, rows, _ = session.call(
                "party.pay.linkage",
                "search_read",
                [
                    [],
                    [
                        "secretary_user_id"
                        if "secretary_user_id" in self.fields_of("party.pay.linkage")
                        else "id"
                    ],
                ],
                {"limit": 50},
            )
            field = (
                "secretary_user_id"
                if "secretary_user_id" in self.fields_of("party.pay.linkage")
                else None
            )
            others = [r for r in rows or [] if field and r[field] and r[field][0] != session.uid]
            self.tally.add(
                "pay",
                role,
                "party.pay.linkage rows of others",
                "ACCEPTED" if others else "refused",
                f"{len(others)} rows",
            )
            # tracking values of pay fields in the chatter
            ok, vals, _ = session.call(
                "mail.tracking.value",
                "search_read",
                [
                    [
                        (
                            "field_id.name",
                            "in",
                            ["pay_factor", "linked_share", "payout_ratio", "secretary_mode"],
                        )
                    ],
                    ["id"],
                ],
                {"limit": 5},
            )
            self.tally.add(
                "pay",
                role,
                "mail.tracking.value of pay fields",
                "ACCEPTED" if ok and vals else "refused",
                short(vals),
            )

    @staticmethod
    def pay_judge(method):
        def judge(res):
            if method == "search":
                return "no effect"  # an order alone is ambiguous; counted, not a hole
            if method == "search_count":
                return "no effect"
            if method == "read_group":
                leaked = any(
                    key.split(":")[0] in PAY_FIELDS["party.evaluation"]
                    and value not in (False, None)
                    for group in res or []
                    for key, value in group.items()
                )
                return "ACCEPTED" if leaked else "no effect"
            return "ACCEPTED" if res else "no effect"

        return judge

    # -- 7. reports out of scope -------------------------------------------------------
    def reports(self):
        ok, reports, _ = self.admin.call(
            "ir.actions.report",
            "search_read",
            [[("model", "=like", "party.%")], ["report_name", "report_type", "model"]],
        )
        for report in reports or []:
            kind = {"qweb-pdf": "pdf", "xlsx": "xlsx", "qweb-html": "html"}.get(
                report["report_type"]
            )
            if not kind:
                continue
            for role in ("member", "branch", "general", "inspector"):
                if self.tally.full():
                    return
                for rid in self.out_of_scope(role, report["model"], limit=1):
                    status, head = self.sessions[role].get(
                        f"/report/{kind}/{report['report_name']}/{rid}"
                    )
                    outcome = (
                        "refused"
                        if status in (403, 404)
                        else "RAW"
                        if status >= 500
                        else "ACCEPTED"
                    )
                    self.tally.add(
                        "report",
                        role,
                        f"/report/{kind}/{report['report_name']}/{rid}",
                        outcome,
                        str(status),
                    )

    # -- 8. public methods ---------------------------------------------------------------
    def methods(self):
        for model in self.models:
            names = PUBLIC_METHODS.get(model, [])
            for role in ("member", "hr", "branch", "general"):
                outside = self.out_of_scope(role, model, limit=1)
                inside = self.visible(role, model, limit=1)
                for name in names:
                    if self.tally.full():
                        return
                    for ids, where in ((outside, "out"), (inside, "in")):
                        if not ids:
                            continue
                        if where == "in" and (
                            role not in ("member", "hr") or name.startswith(NAVIGATION)
                        ):
                            continue
                        if (
                            where == "in"
                            and role == "member"
                            and name in MEMBER_METHODS.get(model, ())
                        ):
                            continue
                        before = (
                            self.read_admin(model, ids[0], ["state"])
                            if "state" in self.fields_of(model)
                            else {}
                        )

                        def judge(res, model=model, rid=ids[0], before=before, name=name):
                            after = self.read_admin(model, rid, ["state"]) if before else {}
                            if before != after:
                                return "ACCEPTED"
                            if name.startswith(NAVIGATION):
                                return "no effect"
                            return "no effect" if not res or isinstance(res, dict) else "ACCEPTED"

                        args = [] if name in MODEL_METHODS.get(model, ()) else [ids]
                        self.attempt_call(f"method-{where}", role, model, name, args, judge=judge)

    # -- 9. unlink, copy, name_create, message_post, attachments ----------------------
    def records(self):
        for model in self.models:
            for role in ("member", "hr", "branch", "general", "committee"):
                if self.tally.full():
                    return
                inside = self.visible(role, model, limit=1)
                outside = self.out_of_scope(role, model, limit=1)
                for rid in inside + outside:
                    if (role, model) in UNLINK_ALLOWED:
                        continue
                    self.attempt_call(
                        "unlink", role, model, "unlink", [[rid]], judge=lambda res: "ACCEPTED"
                    )
                for rid in inside:
                    state = (
                        self.read_admin(model, rid, ["state"]).get("state")
                        if "state" in self.fields_of(model)
                        else None
                    )

                    def copy_judge(res, model=model, state=state):
                        if not res:
                            return "no effect"
                        new = res if isinstance(res, int) else res[0]
                        names = [n for n in COPY_SET_BY_WORKFLOW if n in self.fields_of(model)]
                        row = self.read_admin(model, new, names + (["state"] if state else []))
                        if row.get("state", False) not in (
                            False,
                            "draft",
                            "open",
                            "proposed",
                            "queued",
                        ):
                            return "ACCEPTED"
                        return "ACCEPTED" if any(row.get(n) for n in names) else "no effect"

                    self.attempt_call("copy", role, model, "copy", [[rid]], judge=copy_judge)
                if role in ("member", "hr"):
                    self.attempt_call(
                        "name_create",
                        role,
                        model,
                        "name_create",
                        ["forged"],
                        judge=lambda res: "ACCEPTED" if res else "no effect",
                    )
                mail = "message_ids" in self.fields_of(model)
                for rid in outside:
                    if mail:
                        self.attempt_call(
                            "message_post", role, model, "message_post", [[rid]], {"body": "forged"}
                        )
                    self.attempt_call(
                        "attachment",
                        role,
                        "ir.attachment",
                        "create",
                        [
                            [
                                {
                                    "name": "forged.txt",
                                    "raw": "forged",
                                    "res_model": model,
                                    "res_id": rid,
                                }
                            ]
                        ],
                    )
                if (
                    mail
                    and role in ("member", "hr")
                    and inside
                    and model in ("party.evaluation", "party.organization", "party.period")
                ):
                    self.attempt_call(
                        "message_post", role, model, "message_post", [inside], {"body": "forged"}
                    )

    # -- 10. the chatter's logs, wizards ---------------------------------------------
    def chatter(self):
        """The score log and the workflow's messages are the audit trail."""
        for role in ("branch", "general", "committee"):
            session = self.sessions[role]
            ok, rows, _ = self.admin.call(
                "mail.message",
                "search_read",
                [
                    [
                        ("model", "=like", "party.%"),
                        ("message_type", "!=", "comment"),
                        ("author_id", "=", self.partner_of(role)),
                    ],
                    ["id", "model", "res_id"],
                ],
                {"limit": 12, "order": "id desc"},
            )
            rows = rows if ok else []
            # one message for each way in (a deleted message shows no other change)
            for index, row in enumerate(rows):
                mid = row["id"]
                edit = {"body": "forged"}
                for label, model, method, args in (
                    ("unlink", "mail.message", "unlink", [[mid]]),
                    ("write", "mail.message", "write", [[mid], edit]),
                    (
                        "cmd 1",
                        row["model"],
                        "write",
                        [[row["res_id"]], {"message_ids": [(1, mid, edit)]}],
                    ),
                    (
                        "cmd 2",
                        row["model"],
                        "write",
                        [[row["res_id"]], {"message_ids": [(2, mid)]}],
                    ),
                )[index % 4 : index % 4 + 1]:
                    if self.tally.full():
                        return
                    before = self.admin.call(
                        "mail.message", "search_read", [[("id", "=", mid)], ["body"]]
                    )[1]
                    ok, res, msg = session.call(model, method, args)
                    after = self.admin.call(
                        "mail.message", "search_read", [[("id", "=", mid)], ["body"]]
                    )[1]
                    what = f"{label} own log mail.message({mid}) of {row['model']}"
                    if not ok:
                        self.tally.add(
                            "chatter", role, what, classify(ok, res), f"{res}: {msg[:100]}"
                        )
                    else:
                        self.tally.add(
                            "chatter", role, what, "ACCEPTED" if before != after else "no effect"
                        )

    def partner_of(self, role):
        ok, rows, _ = self.admin.call(
            "res.users", "read", [[self.sessions[role].uid], ["partner_id"]]
        )
        return rows[0]["partner_id"][0]

    def wizards(self):
        """Wizards with records out of scope or a level above the user's."""
        closed = self.admin.call(
            "party.period",
            "search",
            [[("state", "=", "closed")]],
            {"order": "date_start desc", "limit": 1},
        )[1]
        for role in ("member", "hr", "branch", "general"):
            for wizard, field, model, method in (
                ("party.point.reject", "line_ids", "party.point.line", "action_confirm"),
                ("party.evaluation.return", "evaluation_ids", "party.evaluation", "action_confirm"),
                ("party.member.transfer", "member_ids", "party.member", "action_confirm"),
            ):
                ids = self.out_of_scope(role, model, limit=1)
                if not ids:
                    continue
                vals = {field: [(6, 0, ids)], "reason": "forged"}
                if wizard == "party.member.transfer":
                    orgs = self.visible(
                        role, "party.organization", [("kind", "=", "branch")], limit=1
                    )
                    vals["organization_id"] = orgs[0] if orgs else 1
                ok, wid, msg = self.sessions[role].call(wizard, "create", [vals])
                if not ok:
                    self.tally.add(
                        "wizard",
                        role,
                        f"{wizard} on {model}{ids}",
                        classify(ok, wid),
                        f"{wid}: {msg[:100]}",
                    )
                    continue
                before = self.read_admin(
                    model,
                    ids[0],
                    ["state"] if "state" in self.fields_of(model) else ["organization_id"],
                )
                ok2, res, msg = self.sessions[role].call(wizard, method, [[wid]])
                after = self.read_admin(model, ids[0], list(before))
                outcome = (
                    classify(ok2, res)
                    if not ok2
                    else ("ACCEPTED" if before != after else "no effect")
                )
                self.tally.add(
                    "wizard",
                    role,
                    f"{wizard} on {model}{ids}",
                    outcome,
                    f"{res}: {msg[:100]}" if not ok2 else "",
                )
            if closed:
                ok, wid, msg = self.sessions[role].call(
                    "party.period.reopen",
                    "create",
                    [{"period_ids": [(6, 0, closed)], "reason": "forged"}],
                )
                if ok:
                    ok, wid, msg = self.sessions[role].call(
                        "party.period.reopen", "action_confirm", [[wid]]
                    )
                state = self.read_admin("party.period", closed[0], ["state"]).get("state")
                self.tally.add(
                    "wizard",
                    role,
                    "party.period.reopen",
                    "ACCEPTED" if state == "open" else classify(ok, wid) if not ok else "no effect",
                    msg[:100],
                )

    def attachments(self):
        """An attachment on another branch's record, then read back."""
        for role in ("member", "branch", "general"):
            for model in ("party.evaluation", "party.point.line", "party.meeting", "party.member"):
                for rid in self.out_of_scope(role, model, limit=1):
                    ok, res, msg = self.sessions[role].call(
                        "ir.attachment",
                        "create",
                        [[{"name": "x.txt", "raw": "x", "res_model": model, "res_id": rid}]],
                    )
                    self.tally.add(
                        "attachment",
                        role,
                        f"create on {model}({rid})",
                        classify(ok, res),
                        f"{res}: {msg[:80]}" if not ok else "",
                    )
                ok, rows, _ = self.admin.call(
                    "ir.attachment", "search", [[("res_model", "=", model)]], {"limit": 50}
                )
                seen = set(self.visible(role, model, limit=10000))
                other = [a for a in (rows if ok else []) if a]
                for aid in other[:50]:
                    row = self.read_admin("ir.attachment", aid, ["res_id"])
                    if row.get("res_id") in seen:
                        continue
                    ok, res, msg = self.sessions[role].call(
                        "ir.attachment", "read", [[aid], ["datas"]]
                    )
                    self.tally.add(
                        "attachment",
                        role,
                        f"read attachment {aid} of {model}({row.get('res_id')})",
                        classify(ok, res),
                        f"{res}: {msg[:80]}" if not ok else "",
                    )
                    break

    # -- issue 20 items 5-6: the inspection team's view, the questionnaires -----------
    def _team_only_members(self):
        """Ids of the members the inspector reads only through a running inspection."""
        uid = self.sessions["inspector"].uid
        ok, inspections, _ = self.admin.call(
            "party.inspection",
            "search_read",
            [[("team_member_ids", "in", [uid]), ("state", "=", "in_progress")]],
            {"fields": ["organization_id", "survey_id"]},
        )
        inspected = {i["organization_id"][0] for i in inspections or []}
        ok, scope, _ = self.admin.call("res.users", "read", [[uid], ["party_scope_ids"]])
        own = set(scope[0]["party_scope_ids"]) if ok and scope else set()
        ok, ids, _ = self.admin.call(
            "party.member", "search", [[("organization_id", "in", sorted(inspected - own))]]
        )
        return (ids or []) if ok else [], inspections or []

    def team_view(self):
        """The inspector reads the inspected branch's members beyond their names."""
        ids, _inspections = self._team_only_members()
        if not ids:
            return
        private = [
            name for name in TEAM_PRIVATE_MEMBER_FIELDS if name in self.fields_of("party.member")
        ]
        truth = {r["id"]: r for r in self.admin.call("party.member", "read", [ids, private])[1]}
        for name in private:
            known = [i for i in ids if truth[i][name]]
            if not known:
                continue

            def leaked(rows, name=name, known=tuple(known)):
                return any(row.get(name) for row in rows or [] if row.get("id") in known)

            for method, args, kwargs, judge in [
                ("read", [known[:5], [name]], {}, leaked),
                ("search_read", [[("id", "in", known)], [name]], {}, leaked),
                (
                    "web_search_read",
                    [[("id", "in", known)]],
                    {"specification": {name: {}}},
                    lambda res, leaked=leaked: leaked((res or {}).get("records")),
                ),
                (
                    "search_count",
                    [[("id", "in", known), (name, "!=", False)]],
                    {},
                    bool,
                ),
                (
                    "search",
                    [[("id", "in", known)]],
                    {"order": f"{name} desc"},
                    bool,
                ),
                (
                    "export_data",
                    [known[:5], [name]],
                    {},
                    lambda res: any(any(row) for row in (res or {}).get("datas", [])),
                ),
            ]:
                self.attempt_call(
                    "team_view",
                    "inspector",
                    "party.member",
                    method,
                    args,
                    kwargs,
                    judge=lambda res, judge=judge: "ACCEPTED" if judge(res) else "no effect",
                )
        for aggregate in ("dues_base:sum", "points_total:sum"):
            self.attempt_call(
                "team_view",
                "inspector",
                "party.member",
                "read_group",
                [[("id", "in", ids)], [aggregate], ["organization_id"]],
                {},
                judge=lambda res: "ACCEPTED" if res else "no effect",
            )

    def questionnaire(self):
        """Answers beyond one per invited member: the public link, a second opening."""
        _ids, inspections = self._team_only_members()
        ok, running, _ = self.admin.call(
            "party.inspection",
            "search_read",
            [[("state", "=", "in_progress"), ("survey_id", "!=", False)]],
            {"fields": ["survey_id"], "limit": 3},
        )
        for inspection in running or []:
            survey_id = inspection["survey_id"][0]
            token = self.read_admin("survey.survey", survey_id, ["access_token"])["access_token"]

            def answers(survey_id=survey_id):
                return self.admin.call(
                    "survey.user_input", "search_count", [[("survey_id", "=", survey_id)]]
                )[1]

            for role in ("public", "member", "inspector", "branch"):
                before = answers()
                if role == "public":
                    opener = urllib.request.build_opener()
                    try:
                        opener.open(f"{self.url}/survey/start/{token}", timeout=60).read(100)
                    except urllib.error.HTTPError:
                        pass
                else:
                    for _attempt in range(2):
                        self.sessions[role].get(f"/party/questionnaire/{inspection['id']}")
                        self.sessions[role].get(f"/survey/start/{token}")
                after = answers()
                self.tally.add(
                    "questionnaire",
                    role,
                    f"survey {survey_id}: public link, invitation twice",
                    "ACCEPTED" if after - before > (0 if role == "public" else 1) else "refused",
                    f"{before} -> {after} answers",
                )


PUBLIC_METHODS = {
    "party.appraisal": ["action_confirm", "action_reset"],
    "party.branch.type": ["action_view_branches", "action_view_criteria"],
    "party.cockpit": [
        "action_open_escalations",
        "action_open_evaluations",
        "action_open_late",
        "action_open_signals",
    ],
    "party.escalation": ["action_cancel", "action_done"],
    "party.evaluation": [
        "action_approve",
        "action_recompute_monthly_average",
        "action_return",
        "action_submit",
    ],
    "party.inspection": ["action_done", "action_reopen"],
    "party.inspection.finding": [
        "action_accept",
        "action_propose",
        "action_reject",
        "action_withdraw",
    ],
    "party.inspection.plan": [
        "action_assign_teams",
        "action_done",
        "action_draft",
        "action_start",
        "action_view_findings",
    ],
    "party.inspection.practice": ["action_publish", "action_unpublish"],
    "party.job": ["action_refresh", "action_retry"],
    "party.meeting": ["action_cancel", "action_done", "action_draft"],
    "party.member": ["action_print_handbooks"],
    "party.member.workbench": [
        "action_claim",
        "action_open_claims",
        "action_open_meetings",
        "action_open_publicity",
    ],
    "party.organization": [
        "action_print_handbooks",
        "action_print_ledger",
        "action_view_children",
        "action_view_members",
    ],
    "party.period": [
        "action_check_seal",
        "action_close",
        "action_create_evaluations",
        "action_force_close",
        "action_reopen",
        "action_view_escalations",
        "action_view_evaluations",
    ],
    "party.point.appeal": ["action_correct", "action_uphold"],
    "party.point.line": ["action_approve", "action_reject", "action_submit"],
    "party.point.publicity": ["action_publish"],
    "party.record.signal": ["action_explain", "action_refresh_signals"],
    "party.rectification": ["action_close", "action_reopen", "action_submit"],
}
MEMBER_METHODS = {
    "party.point.line": ("action_submit",),
    "party.member.workbench": ("action_claim",),
}


CLASSES = (
    "states",
    "system_fields",
    "organization",
    "context_keys",
    "values",
    "pay",
    "reports",
    "methods",
    "records",
    "chatter",
    "wizards",
    "attachments",
    "team_view",
    "questionnaire",
)


# -- Issue 20 (items 1 and 2): moves out of scope, self-decisions ------------------
# Kept apart from the classes above: each class is a function of the Attack, listed in
# EXTRA_CLASSES, so that other classes can be added beside them.
# The writable fields that say where a record belongs (the guard's _get_scope_fields).
SCOPE_MOVES = {
    "party.appraisal": ("member_id", "organization_id"),
    "party.talk": ("organization_id", "talker_id", "member_ids"),
    "party.study.record": ("member_id",),
    "party.dues": ("member_id",),
    "party.duty.rule": ("organization_id",),
    "party.inspection.finding": ("inspection_id",),
    "party.meeting": ("organization_id",),
    "party.meeting.leave": ("member_id", "meeting_id"),
    "party.meeting.resolution": ("meeting_id",),
    "party.point.line": ("member_id",),
}


def attack_scope_moves(attack):
    """Write a scope field of a record the role may write to a record outside their
    reach (or empty it): the record would move into another branch's books."""
    for model, names in SCOPE_MOVES.items():
        if model not in attack.models:
            continue
        described = attack.fields_of(model)
        for role in ("branch", "general", "inspector", "member"):
            if role == "member" and model != "party.point.line":
                continue
            session = attack.sessions[role]
            domain = [("state", "in", ("draft", "due"))] if model == "party.point.line" else []
            ids = attack.visible(role, model, domain, limit=2)
            for name in names:
                desc = described.get(name)
                if not desc:
                    continue
                targets = attack.out_of_scope(role, desc["relation"], limit=1)
                if desc["relation"] == "party.inspection":
                    # Inspections the role reads but whose team they are not on.
                    targets += attack.visible(
                        role, "party.inspection", [("team_member_ids", "not in", [session.uid])], 1
                    )
                values = [[(6, 0, [t])] if desc["type"] == "many2many" else t for t in targets]
                if desc["type"] == "many2one" and not desc.get("required"):
                    values.append(False)
                for rid in ids:
                    for value in values:
                        attack.attempt_write("scope_move", role, model, rid, {name: value})


def attack_self_decisions(attack):
    """An officer decides their own case: confirms their appraisal, approves their
    leave and their claim, rewrites or "pays" their dues, records a talk with themselves,
    corrects their own attendance, records their own study hours."""
    today = time.strftime("%Y-%m-%d")
    for role in ("branch", "general", "inspector"):
        if attack.tally.full():
            return
        session = attack.sessions[role]
        ok, mine, _ = attack.admin.call(
            "party.member", "search", [[("user_id", "=", session.uid)]], {"limit": 1}
        )
        if not ok or not mine:
            continue
        me = mine[0]
        branch = attack.read_admin("party.member", me, ["organization_id"])["organization_id"][0]
        created = attack.admin.call

        def state_is(model, rid, states):
            row = attack.read_admin(model, rid, ["state"])
            return "ACCEPTED" if row.get("state") in states else "no effect"

        # The appraisal: the admin prepares it, the officer confirms it.
        ok, found, _ = created("party.appraisal", "search", [[("member_id", "=", me)]])
        appraisal = found[0] if ok and found else None
        if not appraisal:
            ok, appraisal, _ = created(
                "party.appraisal",
                "create",
                [{"member_id": me, "organization_id": branch, "year": int(today[:4]) - 1}],
            )
            appraisal = appraisal if ok else None
        if appraisal:
            created("party.appraisal", "write", [[appraisal], {"state": "draft"}])
            created(
                "party.appraisal",
                "write",
                [[appraisal], {"grade": "excellent", "override_reason": "red team"}],
            )
            attack.attempt_call(
                "self_decision",
                role,
                "party.appraisal",
                "action_confirm",
                [[appraisal]],
                judge=lambda res, rid=appraisal: state_is("party.appraisal", rid, ("confirmed",)),
            )
        # A meeting next week: their leave, and their own attendance corrected.
        start = time.strftime("%Y-%m-%d 09:00:00", time.gmtime(time.time() + 7 * 86400))
        ok, meeting, _ = created(
            "party.meeting",
            "create",
            [{"name": "Red team assembly", "organization_id": branch, "start": start}],
        )
        if ok:
            leave = attack.attempt_call(
                "self_decision",
                role,
                "party.meeting.leave",
                "create",
                [{"meeting_id": meeting, "member_id": me, "reason": "red team"}],
                judge=lambda res: "no effect",
            )
            if leave:
                attack.attempt_call(
                    "self_decision",
                    role,
                    "party.meeting.leave",
                    "action_approve",
                    [[leave]],
                    judge=lambda res, rid=leave: state_is(
                        "party.meeting.leave", rid, ("approved",)
                    ),
                )
            attack.attempt_call(
                "self_decision",
                role,
                "party.meeting.signin",
                "create",
                [{"meeting_id": meeting, "member_id": me, "reason": "I was there"}],
                judge=lambda res: "ACCEPTED" if res else "no effect",
            )
        # Their own claim, approved by themselves.
        ok, rules, _ = created(
            "party.point.rule",
            "search",
            [
                [
                    ("evidence_required", "=", False),
                    ("source", "=", "manual"),
                    ("part", "!=", "deduction"),
                    ("award_level", "=", "branch"),
                ]
            ],
            {"limit": 1},
        )
        if ok and rules:
            line = attack.attempt_call(
                "self_decision",
                role,
                "party.point.line",
                "create",
                [{"member_id": me, "rule_id": rules[0], "date": today, "description": "red"}],
                judge=lambda res: "no effect",
            )
            if line:
                session.call("party.point.line", "action_submit", [[line]])
                attack.attempt_call(
                    "self_decision",
                    role,
                    "party.point.line",
                    "action_approve",
                    [[line]],
                    judge=lambda res, rid=line: state_is("party.point.line", rid, ("approved",)),
                )
        # Their own dues: the amount, then the payment.
        ok, dues, _ = created(
            "party.dues", "search", [[("member_id", "=", me), ("state", "=", "due")]], {"limit": 1}
        )
        if ok and dues:
            attack.attempt_write("self_decision", role, "party.dues", dues[0], {"amount_due": 0.01})
            attack.attempt_write(
                "self_decision",
                role,
                "party.dues",
                dues[0],
                {"amount_paid": 1000.0, "paid_date": today},
            )
        # A talk with themselves, and their own study hours.
        ok, others, _ = created(
            "party.member",
            "search",
            [[("organization_id", "=", branch), ("id", "!=", me)]],
            {"limit": 1},
        )
        if ok and others:
            attack.attempt_call(
                "self_decision",
                role,
                "party.talk",
                "create",
                [
                    {
                        "organization_id": branch,
                        "talker_id": others[0],
                        "member_ids": [(6, 0, [me])],
                        "date": today,
                        "topics": "red team",
                    }
                ],
                judge=lambda res: "ACCEPTED" if res else "no effect",
            )
        attack.attempt_call(
            "self_decision",
            role,
            "party.study.record",
            "create",
            [{"member_id": me, "date": today, "hours": 24, "subject": "red team"}],
            judge=lambda res: "ACCEPTED" if res else "no effect",
        )


EXTRA_CLASSES = {
    "scope_moves": attack_scope_moves,
    "self_decisions": attack_self_decisions,
}
CLASSES += tuple(EXTRA_CLASSES)


def short(value):
    text = json.dumps(value, default=str) if not isinstance(value, str) else value
    return text if len(text) <= 90 else text[:87] + "..."


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8285")
    parser.add_argument("--db", required=True)
    parser.add_argument("--max-attempts", type=int, default=6000)
    parser.add_argument("--max-seconds", type=int, default=1500)
    parser.add_argument(
        "--only",
        help="comma-separated classes (default: all): " + ",".join(CLASSES),
    )
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", help="write every attempt to this file")
    options = parser.parse_args()
    host = urllib.parse.urlparse(options.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only: --url must be http://127.0.0.1:<port>")
    tally = Tally(options.max_attempts, options.max_seconds, options.verbose)
    attack = Attack(options.url.rstrip("/"), options.db, tally)
    classes = (options.only or ",".join(CLASSES)).split(",")
    for name in classes:
        before = len(tally.rows)
        print(f"== {name}", flush=True)
        if name in EXTRA_CLASSES:
            EXTRA_CLASSES[name](attack)
        else:
            getattr(attack, name)()
        part = tally.rows[before:]
        print(
            f"   {len(part)} attempts, {sum(r[3] == 'ACCEPTED' for r in part)} accepted, "
            f"{sum(r[3] == 'RAW' for r in part)} raw",
            flush=True,
        )
    counts = tally.counts()
    print(
        f"TALLY attempts={counts['attempts']} refused={counts['refused']} "
        f"accepted_wrongly={counts['ACCEPTED']} no_effect={counts['no effect']} "
        f"raw_errors={counts['RAW']}"
    )
    if options.json:
        with open(options.json, "w") as handle:
            json.dump(tally.rows, handle, ensure_ascii=False, indent=0, default=str)
    return 1 if counts["ACCEPTED"] or counts["RAW"] else 0


if __name__ == "__main__":
    sys.exit(main())
