"""The candidates import (发展党员 at go-live): people already in development come in
from a sheet, their past steps taken through the same checks as by hand, breaches
reported per row with the article, all or nothing, a second import changing nothing."""

import base64
import io
from datetime import timedelta
from unittest.mock import patch

from openpyxl import load_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models import party_import_candidates
from ..models.party_roster import id_number_with_check
from .roster_data import to_csv
from .test_development import PLAN
from .test_import import ImportCase


@tagged("post_install", "-at_install")
class TestImportCandidates(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.m11c, cls.m11d = Member.create(
            [
                {"name": "M11c", "organization_id": cls.branch_11.id, "state": "full"},
                {"name": "M11d", "organization_id": cls.branch_11.id, "state": "full"},
            ]
        )
        for member, number in (
            (cls.m11a, "E11A"),
            (cls.m11b, "E11B"),
            (cls.m11c, "E11C"),
            (cls.m11d, "E11D"),
        ):
            member.employee_number = number
        members = cls.branch_11.member_ids
        members.write({"join_date": "2010-01-01"})
        members.membership_ids.write({"date_start": "2010-01-01"})
        cls.branch_11.code = "T11"
        # The committee's approved development plans of the years of PLAN (an approval
        # without one needs a reason: TestDevelopmentPlan).
        cls.env["party.development.plan"].create(
            [
                {"year": year, "committee_id": cls.committee.id, "quota": 50, "state": "approved"}
                for year in (2023, 2024, 2025)
            ]
        )
        cls.version = cls.env.ref("party_quant.development_rule_2014")
        cls.Candidate = cls.env["party.candidate"].with_context(active_test=False)
        cls.header = list(cls.Import._columns_candidates().values())
        cls.header = [names[0] for names in cls.header]

    def id_number(self, serial):
        return id_number_with_check(f"11010519950101{serial:03d}")

    def row(self, name, serial, until=None, **cells):
        """A candidate of Branch 11 with every step of PLAN before ``until``."""
        row = {
            "姓名": name,
            "身份证号": self.id_number(serial),
            "所在党支部": "T11",
            "培养联系人": "E11C、E11D",
            "入党介绍人": "E11A、E11C",
            "志愿书编号": f"ZY-{serial}",
        }
        for step in self.version.step_ids.filtered(lambda s: s.kind == "flow").sorted("sequence"):
            if step.code == until:
                break
            row[step.name] = PLAN[step.code].isoformat()
            if step.has_window:
                row["公示结束日期"] = (PLAN[step.code] + timedelta(days=7)).isoformat()
        return row | cells

    def rows(self):
        return [
            self.row("申请人甲", 1, "activist"),
            self.row("积极分子乙", 2, "activist_education"),
            self.row("发展对象丙", 3, "committee_review"),
            self.row("预备党员丁", 4, "assign_group"),
            self.row("正式党员戊", 5),
        ]

    def candidates(self):
        return self.Candidate.search([("organization_id", "=", self.branch_11.id)])

    def assertProblem(self, record, row, *parts):
        messages = [message for number, message in self.problems(record) if number == row]
        self.assertTrue(
            any(all(part in message for part in parts) for message in messages),
            f"row {row}: {parts} not in {sorted(self.problems(record))}",
        )

    # ------------------------------------------------------------------
    def test_good_sheet_then_nothing_changes(self):
        header = [*self.header]
        record = self.run_import("candidates", header, self.rows())
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual((record.row_count, record.created_count), (5, 5))
        by_name = {candidate.name: candidate for candidate in self.candidates()}
        self.assertEqual(
            {name: candidate.phase for name, candidate in by_name.items()},
            {
                "申请人甲": "applicant",
                "积极分子乙": "activist",
                "发展对象丙": "target",
                "预备党员丁": "probationary",
                "正式党员戊": "full",
            },
        )
        self.assertEqual(len(by_name["申请人甲"].step_line_ids), 2)
        # 25 steps and the 党总支's two 审议 (branch 11 is under a general branch)
        self.assertEqual(len(by_name["正式党员戊"].step_line_ids), 27)
        self.assertEqual(by_name["申请人甲"].current_step_id.code, "activist")
        lines = self.candidates().step_line_ids
        self.assertTrue(all(lines.mapped("imported")))
        self.assertEqual(lines.acted_by_id, self.user_committee)
        self.assertEqual(set(lines.mapped("acted_level")), {"committee"})
        self.assertEqual(lines.import_id, record)
        self.assertEqual(
            by_name["积极分子乙"].contact_ids, self.m11c | self.m11d, "contacts by 工号"
        )
        # The approval made the member, joined on the assembly's date; the conversion
        # made them full at the end of the probation.
        probationary = by_name["预备党员丁"].member_id
        self.assertEqual(
            (probationary.state, probationary.join_date, probationary.organization_id),
            ("probationary", PLAN["acceptance_assembly"], self.branch_11),
        )
        full = by_name["正式党员戊"].member_id
        self.assertEqual(
            (full.state, full.full_member_date),
            ("full", PLAN["acceptance_assembly"].replace(year=2025)),
        )
        # The file is the proof: attached to each person's file.
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "party.candidate"), ("res_id", "in", self.candidates().ids)]
        )
        self.assertEqual(len(attachments), 5)
        self.assertIn("sheet.csv", by_name["申请人甲"].step_line_ids[:1]._summary())
        # One note per person (not one a step), and the to-do of whoever acts next.
        full_file = by_name["正式党员戊"].message_ids
        self.assertEqual(len(full_file), 1)
        self.assertEqual(full_file.attachment_ids.name, "sheet.csv")
        self.assertEqual(by_name["申请人甲"].activity_ids.user_id, self.user_branch)

        # A second import of the same sheet changes nothing.
        self.env.flush_all()
        stamps = {c.id: c.write_date for c in self.candidates()}
        line_stamps = {line.id: line.write_date for line in lines}
        again = self.run_import("candidates", header, self.rows())
        self.assertEqual(
            (again.state, again.created_count, again.updated_count, again.unchanged_count),
            ("done", 0, 0, 5),
        )
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual({c.id: c.write_date for c in self.candidates()}, stamps)
        self.assertEqual(
            {line.id: line.write_date for line in self.candidates().step_line_ids}, line_stamps
        )
        # The applicant moved on: the new steps only, through the same checks.
        rows = self.rows()
        rows[0] = self.row("申请人甲", 1, "activist_education")
        rows[4]["志愿书编号"] = ""  # an empty cell leaves the field as it is
        moved = self.run_import("candidates", header, rows)
        self.assertEqual((moved.state, moved.updated_count, moved.unchanged_count), ("done", 1, 4))
        self.assertEqual(by_name["正式党员戊"].application_form_number, "ZY-5")
        self.assertEqual(by_name["申请人甲"].phase, "activist")
        self.assertEqual(len(by_name["申请人甲"].step_line_ids), 5)
        # A step taken is kept as written: a file saying otherwise is refused.
        rows[1][self.version.step_ids.filtered(lambda s: s.code == "activist").name] = "2023-03-02"
        rows[2].pop("确定发展对象")
        rows[2].pop("发展对象报上级党委备案")
        rows[2].pop("确定入党介绍人")
        rows[2].pop("进行政治审查")
        rows[2].pop("开展集中培训")
        changed = self.run_import("candidates", header, rows)
        self.assertEqual(changed.state, "invalid")
        self.assertProblem(changed, 3, "2023-03-01", "2023-03-02")
        self.assertProblem(changed, 4, "确定发展对象")

    def test_activist_of_eleven_months_reported_nothing_written(self):
        rows = self.rows()
        eleven = (PLAN["activist"] + timedelta(days=335)).isoformat()
        rows[2]["确定发展对象"] = eleven
        for name in ("发展对象报上级党委备案", "确定入党介绍人", "进行政治审查", "开展集中培训"):
            rows[2][name] = eleven
        record = self.run_import("candidates", self.header, rows)
        self.assertEqual((record.state, record.created_count), ("invalid", 0))
        self.assertEqual(len(self.problems(record)), 1, record.errors)
        self.assertProblem(record, 4, "确定发展对象", "第十四条")
        self.assertFalse(self.candidates())
        # The dry run says the same and writes nothing either.
        checked = self.run_import("candidates", self.header, rows, check_only=True)
        self.assertEqual(self.problems(checked), self.problems(record))
        self.assertFalse(self.candidates())
        self.assertFalse(self.env["party.member"].search([("name", "=", "预备党员丁")]))

    def test_late_talk_needs_the_reason_column(self):
        late = (PLAN["application"] + timedelta(days=40)).isoformat()
        rows = [self.row("迟谈话", 7, "activist", 党组织派人谈话=late)]
        record = self.run_import("candidates", self.header, rows)
        self.assertEqual(record.state, "invalid")
        self.assertProblem(record, 2, "党组织派人谈话", "细则第八条")
        self.assertFalse(self.candidates())
        rows[0]["理由"] = "申请人外派援疆，回单位后谈话"
        record = self.run_import("candidates", self.header, rows)
        self.assertEqual(record.state, "done", record.report)
        talk = self.candidates().step_line_ids.filtered(
            lambda line: line.step_id.code == "application_talk"
        )
        self.assertEqual(talk.late_reason, "申请人外派援疆，回单位后谈话")
        self.assertIn("细则第八条", talk.warning)
        self.assertEqual([w["row"] for w in record.warnings], [2])
        self.assertIn("细则第八条", record.report)
        # The reason goes only where a guard asked for it.
        application = self.candidates().step_line_ids - talk
        self.assertFalse(application.late_reason)

    def test_warning_kept_on_the_line(self):
        guard = self.env.ref("party_quant.development_guard_2014_1")
        guard.breach = "warn"
        late = (PLAN["application"] + timedelta(days=40)).isoformat()
        record = self.run_import(
            "candidates", self.header, [self.row("迟谈话", 8, "activist", 党组织派人谈话=late)]
        )
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(len(record.warnings), 1)
        self.assertIn("细则第八条", record.warnings[0]["message"])
        self.assertTrue(self.candidates().step_line_ids.filtered("warning"))

    def test_sponsors_unknown_branch_and_bad_cells(self):
        rows = self.rows()
        rows[2]["入党介绍人"] = "E11A、E11B"  # a probationary sponsor
        rows[3]["入党介绍人"] = f"E11A、{rows[3]['身份证号']}"  # the candidate themselves
        rows[4]["所在党支部"] = "NOPE"
        rows[0]["培养联系人"] = "E99"
        rows[1]["递交入党申请书"] = "去年"
        young = self.row("未成年", 9, "application_talk")
        young["身份证号"] = id_number_with_check("11010520080101009")  # 14 at the application
        rows.append(young)
        rows.append(dict(self.row("重复", 1, "activist")))
        record = self.run_import("candidates", self.header, rows)
        self.assertEqual((record.state, record.created_count), ("invalid", 0))
        self.assertProblem(record, 4, "M11b", "第十五条")
        self.assertProblem(record, 5, "第十五条")
        self.assertProblem(record, 6, "NOPE")
        self.assertProblem(record, 2, "E99")
        self.assertProblem(record, 3, "去年")
        self.assertProblem(record, 7, "第五条")
        self.assertProblem(record, 8, self.id_number(1), "2")
        self.assertFalse(self.candidates())

    def test_roster_member_linked_and_only_when_approved(self):
        member = self.env["party.member"].create(
            {
                "name": "预备党员丁",
                "organization_id": self.branch_11.id,
                "state": "probationary",
                "id_number": self.id_number(4),
                "join_date": PLAN["acceptance_assembly"],
            }
        )
        record = self.run_import(
            "candidates", self.header, [self.row("预备党员丁", 4, "assign_group")]
        )
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(self.candidates().member_id, member)
        self.assertEqual(self.env["party.member"].search_count([("name", "=", "预备党员丁")]), 1)
        self.env["party.member"].create(
            {"name": "老党员", "organization_id": self.branch_11.id, "id_number": self.id_number(6)}
        )
        record = self.run_import("candidates", self.header, [self.row("老党员", 6, "target")])
        self.assertEqual(record.state, "invalid")
        self.assertProblem(record, 2, "老党员", "上级党委审批")

    def test_template_access_and_the_marker(self):
        record = self.Import.create({"kind": "candidates"})
        record.action_download_template()
        sheet = load_workbook(io.BytesIO(base64.b64decode(record.template))).active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:5], ["姓名", "身份证号", "出生日期", "性别", "所在党支部"])
        for name in ("递交入党申请书", "确定发展对象", "公示结束日期", "上级党委审批转正", "理由"):
            self.assertIn(name, header)
        # The example row is a valid applicant (its branch code aside).
        example = dict(zip(header, [cell.value for cell in sheet[2]], strict=False))
        self.assertTrue(example["递交入党申请书"])
        # Only the committee imports.
        with self.assertRaises(AccessError):
            self.env["party.import"].with_user(self.user_branch).create({"kind": "candidates"})
        # The import marker is the system's: a user cannot claim a step was imported.
        candidate = self.Candidate.with_user(self.user_branch).create(
            {"name": "手工", "organization_id": self.branch_11.id, "id_number": self.id_number(10)}
        )
        attachment = self.env["ir.attachment"].create({"name": "a.pdf", "raw": b"x"})
        step = self.version.step_ids.filtered(lambda s: s.code == "application")
        for values in ({"imported": True}, {"import_id": record.id}):
            with self.assertRaises(UserError):
                self.env["party.candidate.step"].with_user(self.user_branch).create(
                    {
                        "candidate_id": candidate.id,
                        "step_id": step.id,
                        "date": fields.Date.to_date("2023-01-03"),
                        "attachment_ids": [fields.Command.set(attachment.ids)],
                    }
                    | values
                )
        self.assertFalse(candidate.step_line_ids)

    def test_many_rows_in_the_background_in_steps(self):
        """A row weighs about 20 of another kind's (its steps' checks): 40 rows of the
        setting make 2 candidates; 5 go to the background, 2 a step here."""
        self.env["ir.config_parameter"].set_param("party_quant.import_background_rows", 40)
        record = self.Import.create(
            {
                "kind": "candidates",
                "file": base64.b64encode(to_csv(self.header, self.rows())),
                "filename": "candidates.csv",
            }
        )
        action = record.action_import()
        self.assertEqual(action["res_model"], "party.job")
        job = self.env["party.job"].browse(action["res_id"])
        self.assertEqual(record.state, "queued")
        self.assertFalse(self.candidates())
        with patch.object(party_import_candidates, "CANDIDATES_STEP", 2):
            for _step in range(5):
                self.env["party.job"]._cron_run()
                if job.state == "done":
                    break
        self.assertEqual((job.state, record.state), ("done", "done"), job.error)
        self.assertEqual(len(self.candidates()), 5)
        self.assertEqual(len(self.candidates().step_line_ids), 2 + 5 + 11 + 19 + 27)

    def test_problems_in_chinese(self):
        """The committee reads the report in Chinese: the guard's refusal with its row
        number and article, no English left in it."""
        rows = self.rows()
        eleven = (PLAN["activist"] + timedelta(days=335)).isoformat()
        rows[2]["确定发展对象"] = eleven
        record = self.run_import("candidates", self.header, rows, check_only=True)
        chinese = record.with_context(lang="zh_CN")
        chinese.action_check()
        self.assertEqual(chinese.state, "invalid")
        self.assertEqual([error["row"] for error in chinese.errors], [4])
        message = chinese.errors[0]["message"]
        self.assertIn("第十四条", message)
        self.assertNotRegex(message, r"[A-Za-z]{2,}")
        self.assertIn("4", chinese.report)
