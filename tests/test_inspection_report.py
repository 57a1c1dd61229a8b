import io

from openpyxl import load_workbook

from odoo.tests import HttpCase, TransactionCase, tagged

from .test_reports import pdf_text


@tagged("post_install", "-at_install")
class TestInspectionDemo(TransactionCase):
    def test_demo_plans(self):
        """One quarterly plan done (findings, anonymous answers, rectifications some
        closed) and one in progress."""
        plans = self.env["party.inspection.plan"].search([])
        done = plans.filtered(lambda p: p.state == "done")
        running = plans.filtered(lambda p: p.state == "in_progress")
        self.assertEqual(len(done), 1)
        self.assertEqual(done.period_kind, "quarter")
        self.assertEqual(len(running), 1)
        self.assertEqual(len(done.inspection_ids), 38)
        self.assertTrue(done.inspection_ids.finding_ids)
        tasks = done.inspection_ids.rectification_ids
        self.assertEqual(set(tasks.mapped("state")), {"open", "submitted", "closed"})
        self.assertTrue(all(i.survey_participation >= 3 for i in done.inspection_ids))
        answers = self.env["survey.user_input"].search(
            [("survey_id", "in", done.inspection_ids.survey_id.ids)]
        )
        self.assertFalse(answers.partner_id, "anonymous answers")
        self.assertTrue(done.inspection_ids.practice_ids.filtered(lambda p: p.state == "published"))
        # The demo inspector (a production branch's secretary) is on a running team,
        # and reads the inspected branch's meetings of the month, not its own branch's
        # neighbours'.
        inspector = self.env["res.users"].search([("login", "=", "inspector")])
        inspection = running.inspection_ids.filtered(lambda i: inspector in i.team_member_ids)
        self.assertEqual(len(inspection), 1)
        meetings = self.env["party.meeting"].with_user(inspector).search([])
        self.assertEqual(
            set(meetings.organization_id.ids) - set(inspector.party_organization_ids.ids),
            set(inspection.organization_id.ids) & set(meetings.organization_id.ids),
        )


@tagged("post_install", "-at_install")
class TestInspectionReports(HttpCase):
    """The inspection report (PDF, Chinese) of a demo branch, rendered by wkhtmltopdf
    and read back with pdftotext; the plan's summary workbook read with openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.Report = cls.env["ir.actions.report"].with_context(force_report_rendering=True)
        cls.plan = cls.env["party.inspection.plan"].search([("state", "=", "done")], limit=1)
        cls.inspection = cls.plan.inspection_ids.filtered("finding_ids").sorted("id")[0]

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def test_inspection_report_pdf(self):
        content, kind = self.Report._render_qweb_pdf(
            "party_quant.action_report_inspection", self.inspection.ids
        )
        self.assertEqual(kind, "pdf")
        text = pdf_text(content)
        flat = "".join(text.split())
        for needle in (
            "互查互评报告",
            self.inspection.organization_id.name,
            "一、查阅资料",
            "三、发现的问题",
            "四、整改任务",
            "检查组组长",
            self.inspection.finding_ids[0].name,
            # The item in the reader's language (the demo named it in English).
            self.inspection.check_ids[0].criterion_id.name,
            "第1页",
        ):
            self.assertIn("".join(needle.split()), flat)

    def test_plan_summary_xlsx(self):
        content, kind = self.Report._render_xlsx(
            "party_quant.action_report_inspection_plan_xlsx", self.plan.ids, None
        )
        self.assertEqual(kind, "xlsx")
        book = load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["各支部", "按标准统计问题", "整改任务"])
        branches = book["各支部"]
        self.assertEqual(branches.cell(2, 1).value, "党支部")
        self.assertEqual(branches.max_row - 2, len(self.plan.inspection_ids))
        names = {row[0].value for row in branches.iter_rows(min_row=3)}
        self.assertIn(self.inspection.organization_id.name, names)
        tasks = book["整改任务"]
        self.assertEqual(tasks.max_row - 2, len(self.plan.inspection_ids.rectification_ids))
