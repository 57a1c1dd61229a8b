"""A company goes live on an empty database (no demo data), as `make start` leaves it.

Not standard tests: tagged ``party_golive`` (and ``-standard``), they run in the second
pass of ``make test`` on a database where party_quant is installed without demo
(tools/test.sh), and ``make pytest`` runs this file against that database.
"""

import base64
import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, tagged

from .roster_data import (
    CRITERIA_HEADER,
    MEMBER_HEADER,
    ORGANIZATION_HEADER,
    branch_codes,
    criteria_rows,
    member_rows,
    organization_rows,
    to_csv,
)

CODE_RE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"\b[a-z]{3,}\b")
MEMBERS = 520


class GoLiveCase(HttpCase):
    """The production database of ``make start``: the company named, the administrator
    (the committee's first user) in zh_CN with the party administrator group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.admin = env.ref("base.user_admin")
        env.ref("base.main_company").name = "国网泉州供电公司"
        cls.admin.write(
            {
                "lang": "zh_CN",
                "tz": "Asia/Shanghai",
                "groups_id": [(4, env.ref("party_quant.group_party_admin").id)],
            }
        )
        # The committee's screens, as the administrator, in Chinese.
        cls.zh = env(user=cls.admin, context=dict(env.context, lang="zh_CN"))

    def assert_no_demo(self):
        """The database has no demo data: party_quant and base installed without it,
        no organization and no member before the imports."""
        modules = self.env["ir.module.module"].search([("name", "in", ("base", "party_quant"))])
        self.assertEqual(modules.mapped("state"), ["installed", "installed"])
        self.assertFalse(any(modules.mapped("demo")), "installed without demo data")
        self.assertFalse(
            self.env.ref("party_quant.party_org_committee_demo", raise_if_not_found=False)
        )
        Org = self.env["party.organization"].with_context(active_test=False)
        self.assertEqual(Org.search_count([]), 0)
        self.assertEqual(
            self.env["party.member"].with_context(active_test=False).search_count([]), 0
        )

    def run_import(self, kind, header, rows, check_only=False):
        record = self.zh["party.import"].create(
            {
                "kind": kind,
                "file": base64.b64encode(to_csv(header, rows)),
                "filename": f"{kind}.csv",
            }
        )
        record.action_check() if check_only else record.action_import()
        return record


@tagged("post_install", "-at_install", "party_golive", "-standard")
class TestGoLive(GoLiveCase):
    def test_empty_database_goes_live(self):
        self.assert_no_demo()
        Org = self.env["party.organization"]
        Member = self.env["party.member"].with_context(active_test=False)

        # 1. The scoring sheet, before the first month.
        criteria = self.run_import("criteria", CRITERIA_HEADER, criteria_rows())
        self.assertEqual(criteria.state, "done", criteria.report)

        # 2. The tree: 49 organizations, the same branch names under each general branch.
        org_rows = organization_rows(prefix="QZ", generals=4, branches=11)
        orgs = self.run_import("organizations", ORGANIZATION_HEADER, org_rows)
        self.assertEqual((orgs.state, orgs.created_count), ("done", 49), orgs.report)
        branches = Org.search([("kind", "=", "branch")])
        self.assertEqual(len(branches), 44)
        firsts = branches.filtered(lambda org: org.name == "第一党支部")
        self.assertEqual(len(firsts.parent_id), 4, "one 第一党支部 under each general branch")

        # 3. The roster: 520 members, ID numbers, probationary and full, officers by 职务.
        roster = member_rows(branch_codes(org_rows), MEMBERS)
        members = self.run_import("members", MEMBER_HEADER, roster)
        self.assertEqual((members.state, members.created_count), ("done", MEMBERS), members.report)
        self.assertEqual(Member.search_count([]), MEMBERS)
        self.assertEqual(Member.search_count([("state", "=", "probationary")]), MEMBERS // 10)
        self.assertEqual(Member.search_count([("state", "=", "full")]), MEMBERS - MEMBERS // 10)
        self.assertFalse(branches.filtered(lambda b: not b.secretary_id), "书记 is the secretary")
        posts = [row for row in roster if row["党内职务"]]
        self.assertEqual(len(branches.committee_member_ids), len(posts), "书记 to 纪检委员")
        self.assertEqual(len(posts), 44 * 5)
        first_row = roster[0]
        member = Member.search([("employee_number", "=", first_row["工号"])])
        self.assertEqual(
            (member.sudo().id_number_private, member.organization_id.code),
            (first_row["公民身份号码"], first_row["所在党组织"]),
        )

        # 4. The same files again: nothing changes.
        self.env.flush_all()
        stamps = {
            model: dict(self.env[model].search([]).mapped(lambda r: (r.id, r.write_date)))
            for model in ("party.organization", "party.member", "party.criterion")
        }
        for kind, header, rows, total in (
            ("criteria", CRITERIA_HEADER, criteria_rows(), 28),
            ("organizations", ORGANIZATION_HEADER, org_rows, 49),
            ("members", MEMBER_HEADER, roster, MEMBERS),
        ):
            again = self.run_import(kind, header, rows)
            self.assertEqual(
                (again.state, again.created_count, again.updated_count, again.unchanged_count),
                ("done", 0, 0, total),
                kind,
            )
        self.env.flush_all()
        self.env.invalidate_all()
        for model, before in stamps.items():
            after = dict(self.env[model].search([]).mapped(lambda r: (r.id, r.write_date)))
            self.assertEqual(after, before, model)

        # 5. The logins of every member, in one go, with their first-login slips.
        wizard = (
            self.zh["party.login.wizard"]
            .with_context(active_model="party.organization", active_ids=branches.ids)
            .create({})
        )
        wizard.action_create()
        self.assertEqual(wizard.created_count, MEMBERS)
        self.assertEqual(Member.search_count([("user_id", "=", False)]), 0)
        html = wizard.slips_id.sudo().raw.decode()
        logins = re.findall(r'<strong class="pq-login">([^<]+)</strong>', html)
        codes = dict(zip(logins, CODE_RE.findall(html), strict=True))
        self.assertEqual(len(codes), MEMBERS)
        users = Member.search([]).user_id
        self.assertEqual(set(users.mapped("lang")), {"zh_CN"})
        self.assertEqual(set(users.mapped("tz")), {"Asia/Shanghai"})

        # 6. A member signs in with the first-login code, then with the password.
        plain = Member.search([("party_post", "=", False), ("state", "=", "full")], limit=1)
        self.first_login(plain.user_id.login, codes[plain.user_id.login], "member-pass-1")
        self.opener.cookies.clear()  # a fresh browser: signed out
        self.web_login(plain.user_id.login, "member-pass-1")
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["uid"], plain.user_id.id)
        workbench = self.env.ref("party_quant.party_member_workbench_action")
        self.assertEqual(info["home_action_id"], workbench.id, "lands on the member's workbench")
        mine = self.call(
            "party.member.workbench", "web_search_read", [[]], {"specification": {"id": {}}}
        )
        self.assertEqual(mine["length"], 1, "the workbench shows the member their own")
        self.assertEqual(self.count("party.member", [("id", "!=", plain.id)]), 0)

        # 7. An officer, a secretary by the roster's 党内职务, sees their branch only (not
        # the branch of the same name under another general branch).
        branch = Org.search([("code", "=", "QZ01001")])
        twin = Org.search([("code", "=", "QZ02001")])
        self.assertEqual(branch.name, twin.name)
        secretary = branch.secretary_id
        self.assertEqual(secretary.party_post, "secretary")
        officer = secretary.user_id
        self.assertTrue(officer.has_group("party_quant.group_party_branch"))
        self.opener.cookies.clear()
        self.first_login(officer.login, codes[officer.login], "officer-pass-1")
        self.opener.cookies.clear()
        self.web_login(officer.login, "officer-pass-1")
        own = Member.search_count([("organization_id", "=", branch.id)])
        self.assertEqual(self.count("party.member", [("organization_id", "=", branch.id)]), own)
        self.assertEqual(self.count("party.member", [("organization_id", "=", twin.id)]), 0)
        self.assertEqual(self.count("party.member", []), own)

        # 8. The committee opens a month; the branch assesses itself; the month closes.
        Period = self.zh["party.period"]
        start = date.today().replace(day=1) - relativedelta(months=1)
        month = Period.create({"kind": "month", "date_start": start})
        month.action_create_evaluations()
        evaluations = month.evaluation_ids
        self.assertEqual(len(evaluations), 44)
        own_evaluation = evaluations.filtered(lambda e: e.organization_id == branch)
        self.assertEqual(
            self.count("party.evaluation", [("period_id", "=", month.id)]), 1, "only its own"
        )
        # Every branch's secretary (a user made by the logins) assesses their branch.
        for evaluation in evaluations:
            secretary_user = evaluation.organization_id.secretary_id.user_id
            self.fill(evaluation, "self_score", secretary_user)
            evaluation.with_user(secretary_user).action_submit()
        self.assertEqual(own_evaluation.self_user_id, officer)
        # The general branches' step: their officers are not in the roster (members
        # belong to branches), so the system passes it on; the committee reviews.
        evaluations.sudo().action_approve()
        for evaluation in evaluations:
            self.fill(evaluation, "final_score", self.admin, ratio=0.96)
        evaluations.with_user(self.admin).action_approve()
        self.assertEqual(set(evaluations.mapped("state")), {"reviewed"})
        month.action_close()
        self.assertEqual(month.state, "closed")
        evaluations.invalidate_recordset()
        self.assertEqual(set(evaluations.mapped("final_total")), {96})
        self.assertFalse(evaluations.filtered(lambda e: not e.rank_in_type), "ranked by type")
        self.assertEqual(set(evaluations.mapped("pay_factor")), {1.0}, "96 ≥ the base score 95")

        # 9. The checklist: everything but the confirmed settings is done.
        checklist = self.zh["party.setup.checklist"].browse(
            self.zh["party.setup.checklist"].action_open()["res_id"]
        )
        self.assertEqual(checklist.done_count, 7, checklist.read()[0])
        self.assertFalse(checklist.settings_done)

    def test_files_with_errors_write_nothing(self):
        self.assert_no_demo()
        org_rows = organization_rows(prefix="QZ", generals=4, branches=10)
        bad = [dict(row) for row in org_rows]
        by_code = {row["组织代码"]: row for row in bad}
        by_code["QZ01001"]["上级组织代码"] = "QZ99"  # unknown parent
        by_code["QZ01001"].pop("组织全称", None)
        by_code["QZ02"]["上级组织代码"] = "QZ02002"  # a general branch under its branch: cycle
        by_code["QZ03004"]["支部类型"] = "宣传型"  # unknown type
        bad.append(dict(by_code["QZ04005"]))  # a code used twice
        rows_of = {row["组织代码"]: number for number, row in enumerate(bad, start=2)}
        record = self.run_import("organizations", ORGANIZATION_HEADER, bad)
        self.assertEqual((record.state, record.created_count), ("invalid", 0))
        self.assertEqual(self.env["party.organization"].search_count([]), 0, "nothing written")
        problems = {error["row"]: error["message"] for error in record.errors}
        for code in ("QZ01001", "QZ03004"):
            self.assertIn(rows_of[code], problems, code)
        self.assertIn(len(bad) + 1, problems, "the second QZ04005")
        self.assertIn(rows_of["QZ02"], problems, "the cycle")
        self.assertIn("上级组织 QZ99 不存在。", problems.values())
        self.assertIn("支部类型 宣传型 无法识别。", problems.values())
        self.assert_chinese(record)

        # The members of a clean tree, with errors: none written either.
        self.assertEqual(
            self.run_import("organizations", ORGANIZATION_HEADER, org_rows).state, "done"
        )
        roster = member_rows(branch_codes(org_rows), 60)
        number = roster[3]["公民身份号码"]
        roster[3]["公民身份号码"] = f"{number[:14]}{(int(number[14]) + 1) % 10}{number[15:]}"
        roster[5]["所在党组织"] = "QZ77"  # unknown organization
        roster[8]["所在党组织"] = "QZ01"  # a general branch
        roster[10]["公民身份号码"] = roster[12]["公民身份号码"]  # twice
        roster[20]["手机号码"] = "12345"
        roster[30]["出生日期"] = "1990-13-01"
        record = self.run_import("members", MEMBER_HEADER, roster)
        self.assertEqual((record.state, record.created_count), ("invalid", 0))
        self.assertEqual(self.env["party.member"].search_count([]), 0, "nothing written")
        rows = {error["row"] for error in record.errors}
        self.assertTrue({5, 7, 10, 22, 32} <= rows, record.errors)
        self.assertTrue({12, 14} & rows, "the ID number used twice")
        self.assert_chinese(record)

    # ------------------------------------------------------------------
    def assert_chinese(self, record):
        """Each row's problem and the report are in Chinese, with the row number."""
        self.assertIn("未导入任何数据", record.report)
        for error in record.errors:
            self.assertTrue(error["row"], error)
            self.assertRegex(error["message"], CHINESE)
            self.assertNotRegex(error["message"], ENGLISH_WORD)

    def fill(self, evaluation, column, user, ratio=1.0):
        evaluation.with_user(user).write(
            {
                "line_ids": [
                    (
                        1,
                        line.id,
                        {column: 0 if line.category == "bonus" else line.max_score * ratio},
                    )
                    for line in evaluation.line_ids
                ]
            }
        )

    def post_form(self, path, **data):
        """Open the page and send its form, as a browser does (its CSRF token)."""
        page = self.url_open(path)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        done = self.url_open(path, data={"csrf_token": token, **data}, allow_redirects=False)
        self.assertIn(done.status_code, (302, 303), done.text[:500])
        return done

    def first_login(self, login, code, password):
        self.post_form(
            "/party/first-login", login=login, code=code, password=password, confirm=password
        )
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["username"], login)

    def web_login(self, login, password):
        """The sign-in form, as a person fills it in (the password checked for real)."""
        done = self.post_form("/web/login", login=login, password=password)
        self.assertNotIn("/web/login", done.headers["Location"])

    def call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def count(self, model, domain):
        return self.call(model, "search_count", [domain])


@tagged("post_install", "-at_install", "party_golive", "-standard")
class TestGoLiveChecklistTour(GoLiveCase):
    """The committee walks the first-run checklist at 1440 px on the empty database."""

    browser_size = "1440x900"

    def test_checklist_tour(self):
        self.assert_no_demo()
        self.env["ir.config_parameter"].set_param("party_quant.setup_settings_confirmed", "")
        self.start_tour("/odoo", "party_quant_golive_checklist", login="admin")
        self.assertEqual(self.env["party.organization"].search_count([("kind", "=", "branch")]), 2)
        self.assertTrue(
            self.env["ir.config_parameter"].get_param("party_quant.setup_settings_confirmed")
        )
