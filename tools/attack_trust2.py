#!/usr/bin/env python3
"""Issue 20's attacks on what came after issue 12, over JSON-RPC and HTTP against a
running server with the demo data: records that award points or fulfil duties
(one-person meetings, hours, study records, the expected list of an assembly, guests),
dues against the tiers, questionnaires, the inspection team's view of members, sizes
and uploads, and the report routes. The scope and self-decision classes are in
attack_rpc.py; this module uses its sessions and its tally.

    python3 tools/attack_trust2.py --url http://127.0.0.1:8285 --db pq_redteam_live

Each attempt expects a refusal and is read back as admin: "ACCEPTED" when its effect is
there, "RAW" for a 500 or a non-Odoo error. Loopback only, bounded (a few dozen calls).
The database is changed: run it on a copy.
"""

import argparse
import base64
import sys
import urllib.parse
from datetime import datetime, timedelta

from attack_rpc import Attack, Session, Tally, classify


class Trust2:
    def __init__(self, attack):
        self.attack = attack
        self.tally = attack.tally
        self.admin = attack.admin
        self.s = attack.sessions
        self.info = {role: self._user(role) for role in ("member", "branch", "inspector")}

    # -- helpers -----------------------------------------------------------
    def _user(self, role):
        ok, res, _ = self.admin.call(
            "res.users", "read", [[self.s[role].uid], ["party_member_id", "party_organization_ids"]]
        )
        row = res[0]
        member = row["party_member_id"] and row["party_member_id"][0]
        branch = False
        if member:
            branch = self.admin.call("party.member", "read", [[member], ["organization_id"]])[1][0][
                "organization_id"
            ][0]
        return {"member": member, "branch": branch}

    def admin_search(self, model, domain, fields=("id",), limit=5):
        ok, res, _ = self.admin.call(
            model, "search_read", [domain, list(fields)], {"limit": limit, "order": "id"}
        )
        return res if ok else []

    def admin_read(self, model, rid, names):
        ok, res, _ = self.admin.call(model, "read", [[rid], names])
        return res[0] if ok and res else {}

    def attempt(self, kind, role, what, call, effect):
        """``call``: (model, method, args[, kwargs]) as ``role``; ``effect``: a function
        of the call's result, True when the forbidden effect is there."""
        if self.tally.full():
            return None
        ok, res, message = self.s[role].call(*call)
        if not ok:
            self.tally.add(kind, role, what, classify(False, res), f"{res}: {message[:120]}")
            return None
        try:
            hit = effect(res)
        except Exception as error:  # the read-back itself failing is no hole
            hit = False
            message = f"read-back: {error}"
        self.tally.add(kind, role, what, "ACCEPTED" if hit else "no effect", message[:120])
        return res

    def route(self, kind, role, path, ok_statuses=(200,)):
        if self.tally.full():
            return
        status, _body = self.s[role].get(path)
        if status >= 500:
            outcome = "RAW"
        elif status in ok_statuses:
            outcome = "no effect"
        else:
            outcome = "refused"
        self.tally.add(kind, role, f"GET {path[:80]}", outcome, f"HTTP {status}")

    def run(self):
        for name in ("plausibility", "dues", "questionnaires", "team_view", "sizes", "routes"):
            before = len(self.tally.rows)
            print(f"== {name}", flush=True)
            getattr(self, name)()
            part = self.tally.rows[before:]
            print(
                f"   {len(part)} attempts, {sum(r[3] == 'ACCEPTED' for r in part)} accepted, "
                f"{sum(r[3] == 'RAW' for r in part)} raw",
                flush=True,
            )

    # -- classes -----------------------------------------------------------
    def plausibility(self):
        me, branch = self.info["branch"]["member"], self.info["branch"]["branch"]
        start = (datetime.utcnow() - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S")

        def meeting(kind, **extra):
            vals = {"name": "RT", "kind": kind, "organization_id": branch, "start": start}
            vals.update(extra)
            ok, mid, _ = self.s["branch"].call("party.meeting", "create", [vals])
            return mid if ok else None

        # A one-person theme day, held: points for the officer alone.
        mid = meeting("theme_day")
        if mid:
            self.s["branch"].call(
                "party.meeting", "write", [[mid], {"attendee_ids": [(6, 0, [me])]}]
            )
            self.attempt(
                "plausibility",
                "branch",
                "hold a one-person meeting for points",
                ("party.meeting", "action_done", [[mid]]),
                lambda _r, mid=mid: bool(
                    self.admin_search(
                        "party.point.line", [("meeting_id", "=", mid), ("state", "=", "approved")]
                    )
                ),
            )
        # A 500-hour lecture.
        mid = meeting("lecture")
        if mid:
            self.attempt(
                "plausibility",
                "branch",
                "a 500-hour 党课",
                ("party.meeting", "write", [[mid], {"hours": 500, "attendee_ids": [(6, 0, [me])]}]),
                lambda _r, mid=mid: self.admin_read("party.meeting", mid, ["hours"]).get("hours", 0)
                > 24,
            )
        # Five 24-hour study records for oneself on one day.
        before = self.admin_read("party.member", me, ["study_hours_year"]).get(
            "study_hours_year", 0
        )
        day = datetime.utcnow().strftime("%Y-%m-%d")
        for n in range(5):
            self.attempt(
                "plausibility",
                "branch",
                f"own 24 h study record #{n + 1} on one day",
                (
                    "party.study.record",
                    "create",
                    [{"member_id": me, "date": day, "hours": 24, "subject": f"RT {n}"}],
                ),
                lambda _r: self.admin_read("party.member", me, ["study_hours_year"]).get(
                    "study_hours_year", 0
                )
                > before + 8,
            )
        # The expected list of an assembly, trimmed; a member of another branch added.
        mid = meeting("member_assembly")
        if mid:
            expected = self.admin_read("party.meeting", mid, ["expected_ids"]).get(
                "expected_ids", []
            )
            trimmed = expected[:3]
            self.attempt(
                "plausibility",
                "branch",
                "trim the expected list of an assembly to 3",
                ("party.meeting", "write", [[mid], {"expected_ids": [(6, 0, trimmed)]}]),
                lambda _r: len(expected) > 3
                and sorted(self.admin_read("party.meeting", mid, ["expected_ids"])["expected_ids"])
                == sorted(trimmed),
            )
            other = self.admin_search("party.member", [("organization_id", "!=", branch)], limit=1)
            if other:
                oid = other[0]["id"]
                self.attempt(
                    "plausibility",
                    "branch",
                    "a member of another branch as attendee and voter",
                    ("party.meeting", "write", [[mid], {"attendee_ids": [(4, oid)]}]),
                    lambda _r: oid
                    in self.admin_read("party.meeting", mid, ["attendee_ids"])["attendee_ids"],
                )

    def dues(self):
        me, branch = self.info["branch"]["member"], self.info["branch"]["branch"]
        own = self.admin_search(
            "party.dues", [("member_id", "=", me), ("state", "!=", "paid")], ["amount_due"], 1
        )
        other = self.admin_search(
            "party.dues",
            [("organization_id", "=", branch), ("member_id", "!=", me), ("state", "!=", "paid")],
            ["amount_due"],
            1,
        )
        for label, rows in (("own", own), ("a member's", other)):
            for row in rows:
                rid, due = row["id"], row["amount_due"]
                self.attempt(
                    "dues",
                    "branch",
                    f"rewrite {label} dues {due} -> 0.01",
                    ("party.dues", "write", [[rid], {"amount_due": 0.01}]),
                    lambda _r, rid=rid, due=due: self.admin_read("party.dues", rid, ["amount_due"])[
                        "amount_due"
                    ]
                    != due,
                )
        base = self.admin_read("party.member", me, ["dues_base", "dues_category"])
        for vals in ({"dues_base": 1.0}, {"dues_category": "other"}):
            name = next(iter(vals))
            self.attempt(
                "dues",
                "branch",
                f"lower own {name}",
                ("party.member", "write", [[me], vals]),
                lambda _r, name=name: self.admin_read("party.member", me, [name])[name]
                != base.get(name),
            )

    def questionnaires(self):
        inspections = self.admin_search(
            "party.inspection", [("survey_id", "!=", False)], ["survey_id", "organization_id"], 1
        )
        if not inspections:
            return
        survey = inspections[0]["survey_id"][0]
        token = self.admin_read("survey.survey", survey, ["access_token"]).get("access_token")
        # Members of the inspected branch, each answering from fresh sessions (no cookie).
        members = self.admin_search(
            "party.member",
            [
                ("organization_id", "=", inspections[0]["organization_id"][0]),
                ("user_id", "!=", False),
            ],
            ["user_id"],
            1,
        )
        users = [m["user_id"][0] for m in members]
        logins = [self.admin_read("res.users", u, ["login"])["login"] for u in users] or ["member"]
        for login in logins[:1]:
            for n in range(3):
                if self.tally.full():
                    return
                count_before = len(
                    self.admin_search("survey.user_input", [("survey_id", "=", survey)], limit=1000)
                )
                try:
                    session = Session(self.attack.url, self.attack.db, login, login)
                except SystemExit:
                    return
                status, _ = session.get(f"/survey/start/{token}")
                count_after = len(
                    self.admin_search("survey.user_input", [("survey_id", "=", survey)], limit=1000)
                )
                hit = status == 200 and count_after > count_before and n > 0
                outcome = "RAW" if status >= 500 else ("ACCEPTED" if hit else "refused")
                self.tally.add(
                    "questionnaires",
                    login,
                    f"start the questionnaire again (#{n + 1})",
                    outcome,
                    f"HTTP {status}",
                )
        ok, res, _ = self.admin.call("survey.survey", "read", [[survey], ["access_mode"]])
        public = ok and res[0]["access_mode"] == "public"
        self.tally.add(
            "questionnaires",
            "admin",
            "the inspection questionnaire is public",
            "ACCEPTED" if public else "refused",
        )

    def team_view(self):
        # An inspection of the inspector's team whose branch is outside their own scope:
        # what they read there, they read only as the team.
        uid = self.s["inspector"].uid
        scope = self.admin_read("res.users", uid, ["party_scope_ids"]).get("party_scope_ids", [])
        ok, found, _ = self.s["inspector"].call(
            "party.inspection",
            "search_read",
            [[("team_member_ids", "in", [uid])], ["organization_id", "state"]],
        )
        found = [
            row
            for row in (found if ok else [])
            if row["organization_id"] and row["organization_id"][0] not in scope
        ]
        if not found:
            return
        branch = found[0]["organization_id"][0]
        for name in ("dues_base", "points_total", "study_hours_year", "employee_number"):
            self.attempt(
                "team_view",
                "inspector",
                f"read {name} of the inspected branch's members",
                (
                    "party.member",
                    "search_read",
                    [[("organization_id", "=", branch)], ["name", name]],
                    {"limit": 5},
                ),
                lambda res, name=name: any(
                    row.get(name) not in (False, None, 0, 0.0, "") for row in res
                ),
            )

    def sizes(self):
        branch = self.info["branch"]["branch"]
        meetings = self.admin_search(
            "party.meeting", [("organization_id", "=", branch), ("state", "=", "draft")], limit=1
        )
        if meetings:
            mid = meetings[0]["id"]
            big = "<p>" + "党" * (5 * 1024 * 1024 // 3) + "</p>"
            self.attempt(
                "sizes",
                "branch",
                "5 MB of HTML in the minutes",
                ("party.meeting", "write", [[mid], {"minutes": big}]),
                lambda _r: len(
                    self.admin_read("party.meeting", mid, ["minutes"]).get("minutes") or ""
                )
                > 1_000_000,
            )
        claim = self.admin_search(
            "party.point.line",
            [("member_id", "=", self.info["member"]["member"]), ("state", "=", "draft")],
            limit=1,
        )
        others = self.admin_search(
            "party.point.line", [("member_id", "!=", self.info["member"]["member"])], limit=1
        )
        if not claim:
            return
        cid = claim[0]["id"]
        for label, name, data in (
            ("20 MiB evidence", "big.jpg", b"\xff\xd8\xff" + b"0" * (20 * 1024 * 1024)),
            (".exe evidence", "tool.exe", b"MZ" + b"\0" * 1024),
        ):
            self.attempt(
                "sizes",
                "member",
                label,
                (
                    "ir.attachment",
                    "create",
                    [
                        {
                            "name": name,
                            "datas": base64.b64encode(data).decode(),
                            "res_model": "party.point.line",
                            "res_id": cid,
                        }
                    ],
                ),
                lambda res: bool(res),
            )
        ok, aid, _ = self.s["member"].call(
            "ir.attachment",
            "create",
            [
                {
                    "name": "ok.png",
                    "datas": base64.b64encode(b"\x89PNG\r\n").decode(),
                    "res_model": "party.point.line",
                    "res_id": cid,
                }
            ],
        )
        if ok and others:
            target = others[0]["id"]
            self.attempt(
                "sizes",
                "member",
                "re-point an upload to someone else's entry",
                ("ir.attachment", "write", [[aid], {"res_id": target}]),
                lambda _r: self.admin_read("ir.attachment", aid, ["res_id"]).get("res_id")
                == target,
            )

    def routes(self):
        q = urllib.parse.quote
        for path in (
            "/report/pdf/party_quant.report_ranking/0",
            "/report/xlsx/party_quant.report_ranking_xlsx/abc",
            "/report/xlsx/party_quant.report_ranking_xlsx/1,abc",
            "/report/pdf/party_quant.report_nonexistent/1",
            "/report/pdf/party_quant.report_handbook/1?options=" + q('{"year": "abc"}'),
            "/report/pdf/party_quant.report_handbook/1?options=notjson",
            "/report/xlsx/party_quant.report_points_ledger_xlsx/1?options=" + q('{"year": "abc"}'),
        ):
            self.route("routes", "committee", path, ok_statuses=())
        # Two records of different branches in one file (these failed with a 500).
        for report, model in (
            ("party_quant.report_inspection", "party.inspection"),
            ("party_quant.report_meeting_signin", "party.meeting"),
            ("party_quant.report_evaluation_sheet", "party.evaluation"),
        ):
            ids = [r["id"] for r in self.admin_search(model, [], limit=2)]
            if len(ids) == 2:
                self.route("routes", "admin", f"/report/pdf/{report}/{ids[0]},{ids[1]}")
        self.attempt(
            "routes",
            "committee",
            "print handbooks for the year 'abc'",
            ("party.handbook.print", "create", [{"year": "abc"}]),
            lambda res: bool(res),
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8285")
    parser.add_argument("--db", required=True)
    parser.add_argument("--max-attempts", type=int, default=200)
    parser.add_argument("--max-seconds", type=int, default=600)
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    if urllib.parse.urlparse(options.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("loopback only: --url must be http://127.0.0.1:<port>")
    tally = Tally(options.max_attempts, options.max_seconds, options.verbose)
    Trust2(Attack(options.url.rstrip("/"), options.db, tally)).run()
    counts = tally.counts()
    print(
        f"TALLY attempts={counts['attempts']} refused={counts['refused']} "
        f"accepted_wrongly={counts['ACCEPTED']} no_effect={counts['no effect']} "
        f"raw_errors={counts['RAW']}"
    )
    return 1 if counts["ACCEPTED"] or counts["RAW"] else 0


if __name__ == "__main__":
    sys.exit(main())
