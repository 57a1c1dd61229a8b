import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyQuantCase
from .roster_data import (
    MEMBER_HEADER,
    ORGANIZATION_HEADER,
    branch_codes,
    member_rows,
    organization_rows,
    to_csv,
)


class ImportCase(PartyQuantCase):
    """Imports of the go-live sheets, as the committee."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["party.import"].with_user(cls.user_committee)
        cls.Org = cls.env["party.organization"].with_context(active_test=False)
        cls.Member = cls.env["party.member"].with_context(active_test=False)

    def run_import(self, kind, header, rows, name="sheet.csv", check_only=False):
        record = self.Import.create(
            {
                "kind": kind,
                "file": base64.b64encode(to_csv(header, rows)),
                "filename": name,
            }
        )
        record.action_check() if check_only else record.action_import()
        return record

    def problems(self, record):
        return {(error["row"], error["message"]) for error in record.errors or []}


@tagged("post_install", "-at_install")
class TestImportOrganizations(ImportCase):
    def test_tree_in_any_order_then_nothing_changes(self):
        rows = organization_rows(prefix="GL", generals=4, branches=10)
        record = self.run_import("organizations", ORGANIZATION_HEADER, rows)
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual((record.row_count, record.created_count), (45, 45))
        committee = self.Org.search([("code", "=", "GL")])
        self.assertEqual((committee.kind, committee.name), ("committee", "国网泉州供电公司党委"))
        branches = self.Org.search([("code", "=like", "GL%"), ("kind", "=", "branch")])
        self.assertEqual(len(branches), 40)
        # The same name under every general branch, each under its own.
        first = branches.filtered(lambda org: org.name == "第一党支部")
        self.assertEqual(len(first), 4)
        self.assertEqual(len(first.parent_id), 4)
        self.assertEqual(first.parent_id.parent_id, committee)
        # Rows by path (every third branch) landed under the right general branch.
        by_path = self.Org.search([("code", "=", "GL01003")])
        self.assertEqual(by_path.parent_id.code, "GL01")
        self.assertEqual(by_path.name, "第三党支部")
        self.assertEqual(by_path.complete_name, "国网泉州供电公司党委 / 营销党总支 / 第三党支部")
        self.assertEqual(
            set(branches.branch_type_id.mapped("code")),
            {"management", "service", "operating", "production"},
        )
        # A second import of the same file changes nothing.
        self.env.flush_all()
        stamps = dict(
            self.Org.search([("code", "=like", "GL%")]).mapped(lambda o: (o.id, o.write_date))
        )
        again = self.run_import("organizations", ORGANIZATION_HEADER, rows)
        self.assertEqual(
            (again.state, again.created_count, again.updated_count, again.unchanged_count),
            ("done", 0, 0, 45),
        )
        self.assertEqual(self.Org.search_count([("code", "=like", "GL%")]), 45)
        self.assertEqual(
            dict(
                self.Org.search([("code", "=like", "GL%")]).mapped(lambda o: (o.id, o.write_date))
            ),
            stamps,
        )
        # A changed name and a branch moved to another general branch: updated by code.
        rows = [dict(row) for row in rows]
        for row in rows:
            if row["组织代码"] == "GL01001":
                row["组织名称"] = "营业一班党支部"
                row["上级组织代码"] = "GL02"
        moved = self.run_import("organizations", ORGANIZATION_HEADER, rows)
        self.assertEqual((moved.updated_count, moved.created_count), (1, 0))
        branch = self.Org.search([("code", "=", "GL01001")])
        self.assertEqual((branch.name, branch.parent_id.code), ("营业一班党支部", "GL02"))

    def test_errors_write_nothing_and_name_each_row(self):
        rows = [
            {"组织代码": "ER", "组织名称": "错误党委", "组织类别": "党委"},
            {"组织代码": "ER1", "组织名称": "总支甲", "上级组织代码": "ER", "组织类别": "党总支"},
            # 4: unknown parent
            {
                "组织代码": "ER2",
                "组织名称": "支部乙",
                "上级组织代码": "NOPE",
                "组织类别": "党支部",
                "支部类型": "服务型",
            },
            # 5, 6: a cycle
            {
                "组织代码": "ERA",
                "组织名称": "总支甲一",
                "上级组织代码": "ERB",
                "组织类别": "党总支",
            },
            {
                "组织代码": "ERB",
                "组织名称": "总支甲二",
                "上级组织代码": "ERA",
                "组织类别": "党总支",
            },
            # 7: unknown type
            {
                "组织代码": "ER3",
                "组织名称": "支部丙",
                "上级组织代码": "ER1",
                "组织类别": "党支部",
                "支部类型": "娱乐型",
            },
            # 8: a branch; 9: a child of that branch
            {
                "组织代码": "ER4",
                "组织名称": "支部丁",
                "上级组织代码": "ER1",
                "组织类别": "党支部",
                "支部类型": "生产型",
            },
            {
                "组织代码": "ER5",
                "组织名称": "支部戊",
                "上级组织代码": "ER4",
                "组织类别": "党支部",
                "支部类型": "生产型",
            },
            # 10: the code twice
            {
                "组织代码": "ER4",
                "组织名称": "支部己",
                "上级组织代码": "ER1",
                "组织类别": "党支部",
                "支部类型": "生产型",
            },
            # 11: an unknown level; 12: a path whose parent does not exist
            {"组织代码": "ER6", "组织名称": "小组", "上级组织代码": "ER1", "组织类别": "党小组"},
            {
                "组织代码": "ER7",
                "组织全称": "错误党委/没有的总支/支部庚",
                "组织类别": "党支部",
                "支部类型": "服务型",
            },
        ]
        before = self.Org.search_count([])
        record = self.run_import("organizations", ORGANIZATION_HEADER, rows, check_only=True)
        self.assertEqual(record.state, "invalid")
        rows_with_problems = {row for row, _message in self.problems(record)}
        self.assertEqual(rows_with_problems, {4, 5, 6, 7, 9, 10, 11, 12})
        messages = dict(self.problems(record))
        self.assertIn("NOPE", messages[4])
        self.assertIn("under itself", messages[5])
        self.assertIn("娱乐型", messages[7])
        self.assertIn("cannot have sub-organizations", messages[9])
        self.assertIn("used twice", messages[10])
        self.assertIn("党小组", messages[11])
        self.assertIn("没有的总支", messages[12])
        self.assertIn("Row", record.report)
        # Import refuses the same file: nothing written.
        record.action_import()
        self.assertEqual(record.state, "invalid")
        self.assertEqual(self.Org.search_count([]), before)
        self.assertFalse(self.Org.search([("code", "=like", "ER%")]))

    def test_only_the_committee_imports(self):
        record = self.Import.create({"kind": "organizations"})
        with self.assertRaises(AccessError):
            record.with_user(self.user_general).action_check()
        with self.assertRaises(AccessError):
            self.env["party.import"].with_user(self.user_general).create({"kind": "members"})
        with self.assertRaisesRegex(UserError, "file"):
            record.action_check()

    def test_template_and_xlsx(self):
        record = self.Import.create({"kind": "organizations"})
        action = record.action_download_template()
        self.assertIn("/template", action["url"])
        # The template is a workbook that imports as it is (its example row).
        record.write({"file": record.template, "filename": "template.xlsx"})
        record.action_check()
        self.assertEqual(record.row_count, 1)
        self.assertIn("QZ01", str(record.errors))  # the example's parent: unknown here


@tagged("post_install", "-at_install")
class TestImportMembers(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.org_rows = organization_rows(prefix="GM", generals=4, branches=10)
        record = cls.Import.create(
            {
                "kind": "organizations",
                "file": base64.b64encode(to_csv(ORGANIZATION_HEADER, cls.org_rows)),
                "filename": "tree.csv",
            }
        )
        record.action_import()
        assert record.state == "done", record.report
        cls.codes = branch_codes(cls.org_rows)
        cls.env["ir.config_parameter"].set_param("party_quant.import_background_rows", 5000)

    def test_roster_officers_and_reimport(self):
        rows = member_rows(self.codes, 520)
        record = self.run_import("members", MEMBER_HEADER, rows)
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(record.created_count, 520)
        members = self.Member.search(
            [("employee_number", "=like", "E%"), ("organization_id.code", "=like", "GM%")]
        )
        self.assertEqual(len(members), 520)
        self.assertEqual(len(members.filtered(lambda m: m.state == "probationary")), 52)
        zhang = members.filtered(lambda m: m.employee_number == "E0000000")
        self.assertEqual(zhang.id_number, rows[0]["公民身份号码"])
        self.assertEqual(str(zhang.birth_date), rows[0]["出生日期"])
        self.assertEqual((zhang.education, zhang.ethnicity), ("bachelor", "回族"))
        self.assertEqual(zhang.full_member_date.isoformat(), rows[0]["转正日期"])
        self.assertEqual(len(zhang.membership_ids), 1)
        # Officers by 党内职务: each branch its secretary and committee of five.
        branch = self.Org.search([("code", "=", self.codes[0])])
        self.assertEqual(branch.secretary_id.party_post, "secretary")
        self.assertEqual(len(branch.committee_member_ids), 5)
        self.assertEqual(
            set(branch.committee_member_ids.mapped("party_post")),
            {"secretary", "deputy_secretary", "organization", "propaganda", "discipline"},
        )
        # A second import of the same file changes nothing.
        self.env.flush_all()
        history = self.env["party.member.membership"].search_count([])
        messages = self.env["mail.message"].search_count([("model", "=", "party.member")])
        again = self.run_import("members", MEMBER_HEADER, rows)
        self.assertEqual(
            (again.state, again.created_count, again.updated_count, again.unchanged_count),
            ("done", 0, 0, 520),
        )
        self.assertEqual(self.env["party.member.membership"].search_count([]), history)
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", "party.member")]), messages
        )

    def test_branch_change_moves_through_the_transfer(self):
        rows = member_rows(self.codes, 80)
        self.run_import("members", MEMBER_HEADER, rows)
        mover_row = rows[49]  # a probationary member: no post
        self.assertFalse(mover_row["党内职务"])
        member = self.Member.search([("employee_number", "=", mover_row["工号"])])
        old_branch = member.organization_id
        rows[49] = dict(mover_row, 所在党组织=self.codes[7], 手机号码="13800000000")
        record = self.run_import("members", MEMBER_HEADER, rows)
        self.assertEqual((record.updated_count, record.unchanged_count), (1, 79))
        self.assertEqual(member.organization_id.code, self.codes[7])
        self.assertEqual(member.mobile, "13800000000")
        history = member.membership_ids.sorted("date_start")
        self.assertEqual(len(history), 2)
        self.assertEqual(history.organization_id, old_branch | member.organization_id)
        self.assertTrue(history.filtered(lambda row: row.organization_id == old_branch).date_end)

    def test_secretary_change_moves_the_scope(self):
        rows = member_rows(self.codes, 80)
        self.run_import("members", MEMBER_HEADER, rows)
        branch = self.Org.search([("code", "=", self.codes[0])])
        secretary = branch.secretary_id
        deputy = branch.committee_member_ids.filtered(lambda m: m.party_post == "deputy_secretary")
        old_user = self._user("pq_old_secretary", "group_party_member")
        new_user = self._user("pq_new_secretary", "group_party_member")
        secretary.user_id = old_user
        deputy.user_id = new_user
        group = self.env.ref("party_quant.group_party_branch")
        self.assertIn(branch, old_user.party_organization_ids)
        self.assertIn(group, old_user.groups_id)
        # The deputy becomes secretary, the secretary leaves the committee.
        for row in rows:
            if row["公民身份号码"] == secretary.sudo().id_number_private:
                row["党内职务"] = ""
            if row["公民身份号码"] == deputy.sudo().id_number_private:
                row["党内职务"] = "书记"
        record = self.run_import("members", MEMBER_HEADER, rows)
        self.assertEqual((record.state, record.updated_count), ("done", 2), record.report)
        self.assertEqual(branch.secretary_id, deputy)
        self.assertNotIn(secretary, branch.committee_member_ids)
        self.assertFalse(old_user.party_organization_ids)
        self.assertNotIn(group, old_user.groups_id)
        self.assertIn(branch, new_user.party_organization_ids)
        self.assertIn(branch, new_user.party_scope_ids)
        # The new secretary reads the branch's ID numbers; the old one no longer.
        self.assertNotIn("*", secretary.with_user(new_user).id_number)
        self.assertEqual(deputy.with_user(old_user).id_number.count("*"), 8)

    def test_posts_are_the_committees(self):
        with self.assertRaisesRegex(UserError, "party committee"):
            self.m11b.with_user(self.user_branch).party_post = "secretary"

    def test_errors_write_nothing(self):
        rows = member_rows(self.codes, 12)
        rows[0]["公民身份号码"] = rows[0]["公民身份号码"][:17] + (
            "0" if rows[0]["公民身份号码"][17] != "0" else "1"
        )  # row 2: check digit
        rows[1]["所在党组织"] = "NOWHERE"  # row 3
        rows[2]["所在党组织"] = "GM01"  # row 4: a general branch
        # Row 5 (first) and 6 (again): the same person twice.
        for column in ("公民身份号码", "出生日期", "性别"):
            rows[3][column] = rows[4][column]
        rows[6]["人员类别"] = "积极分子"  # row 8
        rows[7]["人员类别"] = "预备党员"  # row 9: with a full membership date
        rows[8]["手机号码"] = "12345"  # row 10
        rows[9]["出生日期"] = "1900-01-02"  # row 11: not the ID's
        rows[10]["党内职务"] = "书记"  # row 12: a second secretary in the same branch
        rows[10]["所在党组织"] = rows[0]["所在党组织"]
        before = self.Member.search_count([])
        record = self.run_import("members", MEMBER_HEADER, rows)
        self.assertEqual(record.state, "invalid")
        messages = {}
        for row, message in self.problems(record):
            messages.setdefault(row, []).append(message)
        self.assertEqual(set(messages), {2, 3, 4, 6, 8, 9, 10, 11})
        self.assertIn("check digit", messages[2][0])
        self.assertIn("NOWHERE", messages[3][0])
        self.assertIn("not a branch", messages[4][0])
        self.assertIn("already in row 5", messages[6][0])
        self.assertIn("积极分子", messages[8][0])
        self.assertIn("probationary", messages[9][0])
        self.assertIn("12345", messages[10][0])
        self.assertIn("1900-01-02", messages[11][0])
        self.assertEqual(self.Member.search_count([]), before)
        # Row 12's second secretary: found once the rest is clean.
        clean = member_rows(self.codes, 12)
        clean[10]["党内职务"] = "书记"
        clean[10]["所在党组织"] = clean[0]["所在党组织"]
        record = self.run_import("members", MEMBER_HEADER, clean)
        self.assertEqual(record.state, "invalid")
        self.assertEqual({row for row, _m in self.problems(record)}, {2, 12})
        self.assertEqual(self.Member.search_count([]), before)

    def test_big_import_in_the_background(self):
        self.env["ir.config_parameter"].set_param("party_quant.import_background_rows", 100)
        rows = member_rows(self.codes, 150, first=5000)
        record = self.Import.create(
            {
                "kind": "members",
                "file": base64.b64encode(to_csv(MEMBER_HEADER, rows)),
                "filename": "roster.csv",
            }
        )
        action = record.action_import()
        self.assertEqual(action["res_model"], "party.job")
        job = self.env["party.job"].browse(action["res_id"])
        self.assertEqual(
            (record.state, job.kind, job.user_id), ("queued", "import", self.user_committee)
        )
        self.assertFalse(self.Member.search([("employee_number", "=", rows[0]["工号"])]))
        for _step in range(5):
            self.env["party.job"]._cron_run()
            if job.state == "done":
                break
        self.assertEqual((job.state, record.state), ("done", "done"), job.error)
        self.assertEqual(job.progress, 100.0)
        self.assertEqual(
            self.Member.search_count([("employee_number", "in", [r["工号"] for r in rows])]), 150
        )
        message = job.message_ids.filtered(
            lambda m: self.user_committee.partner_id in m.partner_ids
        )[:1]
        self.assertIn("150", message.body)

    def test_secretary_named_on_the_tree(self):
        """The organization sheet's 书记 (by employee number here) becomes the branch's
        secretary through the members' posts; the former one stays on the committee."""
        self.run_import("members", MEMBER_HEADER, member_rows(self.codes, 80))
        branch = self.Org.search([("code", "=", self.codes[0])])
        secretary = branch.secretary_id
        deputy = branch.committee_member_ids.filtered(lambda m: m.party_post == "deputy_secretary")
        tree = [dict(row) for row in self.org_rows]
        for row in tree:
            if row["组织代码"] == self.codes[0]:
                row["书记"] = deputy.employee_number
            if row["组织代码"] == self.codes[1]:
                row["书记"] = "无此人"
        record = self.run_import("organizations", [*ORGANIZATION_HEADER, "书记"], tree)
        self.assertEqual(record.state, "invalid")
        self.assertIn("无此人", str(record.errors))
        self.assertEqual(branch.secretary_id, secretary)
        for row in tree:
            if row["组织代码"] == self.codes[1]:
                row["书记"] = ""
        record = self.run_import("organizations", [*ORGANIZATION_HEADER, "书记"], tree)
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(branch.secretary_id, deputy)
        self.assertEqual(secretary.party_post, "committee")
        self.assertIn(secretary, branch.committee_member_ids)
