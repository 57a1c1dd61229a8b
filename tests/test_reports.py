import io
import re
import subprocess

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

# Every report printed from records. Not the login slips: the login wizard renders them
# once, with the codes that exist nowhere else (tests/test_login.py).
PRINTS = [("report_name", "=like", "party_quant.%"), ("model", "!=", "party.login.wizard")]


def pdf_text(content):
    """The text of a PDF, laid out as on the page (poppler's pdftotext), as a reader
    searching or copying it would get it: no radicals for ideographs (⽀ for 支)."""
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def pdf_pages(content):
    result = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    return int(re.search(rb"Pages:\s+(\d+)", result.stdout).group(1))


@tagged("post_install", "-at_install")
class TestReports(HttpCase):
    """Every PDF and Excel report rendered for the demo data, in Chinese: wkhtmltopdf
    for real (not the HTML shortcut of test mode), then read back with pdftotext
    and openpyxl. An HttpCase: wkhtmltopdf loads Odoo's report CSS from the test
    server, which serves it in the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.Report = cls.env["ir.actions.report"].with_context(force_report_rendering=True)
        Period = cls.env["party.period"]
        # The latest demo month with evaluations, closed if the demo closed one.
        months = Period.search([("kind", "=", "month"), ("evaluation_ids", "!=", False)])
        cls.month = months.filtered(lambda p: p.state == "closed")[:1] or months[:1]
        cls.evaluation = cls.month.evaluation_ids.filtered(
            lambda e: e.state == "reviewed" or cls.month.state == "open"
        ).sorted("id")[0]
        cls.hall = cls.env.ref("party_quant.party_org_branch_service_hall_demo")
        cls.company = cls.env.company.name

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def render_pdf(self, xmlid, records, data=None):
        content, kind = self.Report._render_qweb_pdf(xmlid, records.ids, data=data)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        return content

    def render_xlsx(self, xmlid, records, data=None):
        content, kind = self.Report._render_xlsx(xmlid, records.ids, data)
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    def assertEveryPage(self, content, *texts):
        """The running line (company, period) is on each page, with its number."""
        text = pdf_text(content)
        pages = pdf_pages(content)
        for needle in texts:
            self.assertEqual(text.count(needle) >= pages, True, f"{needle!r} on each page")
        self.assertIn(f"第{pages}页/共{pages}页", re.sub(r"\s+", "", text))
        return text

    def row_of(self, text, name):
        return next(line for line in text.splitlines() if name in line)

    def test_monthly_ranking_pdf(self):
        content = self.render_pdf("party_quant.action_report_ranking", self.month)
        label = f"{self.month.date_start.year}年{self.month.date_start.month}月"
        text = self.assertEveryPage(content, self.company, label)
        self.assertIn("党支部月度考评排名通报", text)
        for heading in ("名次", "党支部", "党总支", "自评", "初评", "复查", "变化"):
            self.assertIn(heading, text)
        row = self.row_of(text, self.evaluation.organization_id.name)
        self.assertIn(f"{self.evaluation.final_score:.2f}", row)
        if self.evaluation.rank_in_type:
            self.assertRegex(row, rf"^\s*{self.evaluation.rank_in_type}\b")

    def test_annual_ranking_pdf_and_xlsx_with_honors(self):
        """Last year closed with the demo branches: the first of each type is marked."""
        year = self.env["party.period"]._get_period("2025-01-01", "year")
        annual = self.env["party.evaluation"].create(
            [
                {"organization_id": branch.id, "period_id": year.id}
                for branch in self.hall.parent_id.child_ids
            ]
        )
        for index, evaluation in enumerate(annual):
            evaluation.year_end_score = 80 + index
        annual.action_approve()
        year.action_close()
        best = annual.filtered("honor_candidate")
        self.assertTrue(best)
        content = self.render_pdf("party_quant.action_report_ranking", year)
        text = self.assertEveryPage(content, self.company, "2025年")
        self.assertIn("党支部年度考评排名通报", text)
        self.assertIn("年终考评得分", text)
        row = self.row_of(text, best[0].organization_id.name)
        self.assertIn("★ 评优候选", row)
        self.assertIn(f"{best[0].final_score:.2f}", row)

        book = self.render_xlsx("party_quant.action_report_ranking_xlsx", year)
        sheet = book[best[0].branch_type_id.name]
        header = [cell.value for cell in sheet[2]]
        self.assertEqual(header[:4], ["名次", "党支部", "党总支", "平时平均分"])
        row = next(
            r
            for r in sheet.iter_rows(min_row=3, values_only=True)
            if r[1] == best[0].organization_id.name
        )
        self.assertEqual(row[0], best[0].rank_in_type)
        self.assertAlmostEqual(row[6], best[0].final_score, places=2)
        self.assertEqual(row[7], "★")

    def test_evaluation_sheet_pdf(self):
        evaluation = self.evaluation
        content = self.render_pdf("party_quant.action_report_evaluation_sheet", evaluation)
        text = pdf_text(content)
        self.assertIn("党支部考评表", text)
        self.assertIn(evaluation.organization_id.name, text)
        self.assertIn("三会一课", text, "the criteria in Chinese")
        self.assertIn("评分细则", text)
        line = evaluation.line_ids.filtered(lambda line: line.name == "三会一课")
        self.assertRegex(
            self.row_of(text, "三会一课"), rf"{line.max_score:.1f}\s+{line.self_score:.1f}"
        )
        self.assertIn(f"{evaluation.final_total:.2f}", self.row_of(text, "合计"))
        for role in ("支部书记（自评）", "党委（复查）"):
            self.assertIn(role, text)
        if evaluation.final_user_id:
            self.assertIn(evaluation.final_user_id.name, text)

    def test_signatures_follow_the_workflow(self):
        """Who passed each step and when; a return clears the step it takes back."""
        evaluation = self.env["party.evaluation"].create(
            {
                "organization_id": self.hall.id,
                "period_id": self.env["party.period"]._get_period("2031-05-01").id,
            }
        )
        evaluation.write(
            {
                "line_ids": [
                    (1, line.id, {"self_score": line.max_score}) for line in evaluation.line_ids
                ]
            }
        )
        evaluation.action_submit()
        self.assertEqual(evaluation.self_user_id, self.env.user)
        self.assertTrue(evaluation.self_date)
        self.assertFalse(evaluation.preliminary_user_id)
        self.env["party.evaluation.return"].with_context(
            active_model="party.evaluation", active_ids=evaluation.ids
        ).create({"reason": "Minutes missing"}).action_confirm()
        self.assertEqual(evaluation.state, "draft")
        self.assertFalse(evaluation.self_user_id or evaluation.self_date)

    def test_pay_linkage_pdf_and_xlsx(self):
        content = self.render_pdf("party_quant.action_report_pay_linkage", self.month)
        text = self.assertEveryPage(content, self.company)
        self.assertIn("党支部书记绩效挂钩表", text)
        frozen = self.month.evaluation_ids.filtered("linked_share")[:1]
        book = self.render_xlsx("party_quant.action_report_pay_linkage_xlsx", self.month)
        self.assertEqual(book.sheetnames, [self.month.name])
        sheet = book[self.month.name]
        self.assertEqual(sheet.freeze_panes, "A3")
        self.assertEqual(
            [cell.value for cell in sheet[2]][:6],
            ["党总支", "党支部", "支部类型", "支部书记", "方式", "最终得分"],
        )
        if frozen:
            self.assertIn(
                f"{frozen.pay_factor:.6f}", self.row_of(text, frozen.organization_id.name)
            )
            row = next(
                r
                for r in sheet.iter_rows(min_row=3, values_only=True)
                if r[1] == frozen.organization_id.name
            )
            self.assertAlmostEqual(row[8], frozen.pay_factor, places=6)
            self.assertEqual(sheet.cell(3, 9).number_format, "0.000000")

    def test_monthly_ranking_xlsx(self):
        book = self.render_xlsx("party_quant.action_report_ranking_xlsx", self.month)
        types = self.month.evaluation_ids.branch_type_id.sorted("sequence")
        self.assertEqual(book.sheetnames, types.mapped("name"))
        sheet = book[self.evaluation.branch_type_id.name]
        self.assertEqual(sheet.freeze_panes, "A3")
        self.assertTrue(sheet["A2"].font.b, "bold header")
        self.assertEqual(
            [cell.value for cell in sheet[2]][:6],
            ["名次", "党支部", "党总支", "自评", "初评", "复查"],
        )
        self.assertIn("月度排名", sheet["A1"].value)
        row = next(
            r
            for r in sheet.iter_rows(min_row=3, values_only=True)
            if r[1] == self.evaluation.organization_id.name
        )
        self.assertAlmostEqual(row[3], self.evaluation.self_total, places=2)

    def test_escalation_notice_pdf(self):
        escalations = self.env["party.escalation"].search([], limit=2)
        self.assertTrue(escalations, "the demo's closed months propose escalations")
        content = self.render_pdf("party_quant.action_report_escalation_notice", escalations)
        text = pdf_text(content)
        for escalation in escalations:
            self.assertIn(escalation.organization_id.name, re.sub(r"\s+", "", text))
        kind = escalations[0].kind
        self.assertIn(
            {"criticism": "通报批评", "admonishment": "诫勉谈话", "removal": "调离"}[kind], text
        )
        self.assertIn("（盖章）", text)

    def test_points_handbook_pdf(self):
        line = self.env["party.point.line"].search(
            [("state", "=", "approved"), ("organization_id", "=", self.hall.id)], limit=1
        )
        member = line.member_id
        year = line.date.year
        content = self.render_pdf("party_quant.action_report_handbook", member, data={"year": year})
        text = self.assertEveryPage(content, self.company, f"{year}年")
        self.assertIn("党员积分手册", text)
        self.assertIn("党员基本信息", text)
        self.assertIn(member.name, text)
        self.assertIn(line.rule_id.name, text)
        total = sum(
            self.env["party.point.line"]
            .search(
                [
                    ("member_id", "=", member.id),
                    ("state", "=", "approved"),
                    ("date", ">=", f"{year}-01-01"),
                    ("date", "<=", f"{year}-12-31"),
                ]
            )
            .mapped("points")
        )
        self.assertIn(f"{total:.1f}", self.row_of(text, "年度  "))
        self.assertIn("民主评议等次", text)

    def test_points_handbooks_of_a_branch_in_one_file(self):
        members = self.hall.member_ids
        content = self.render_pdf("party_quant.action_report_handbook_branch", self.hall)
        text = pdf_text(content)
        for member in members:
            self.assertIn(member.name, text)
        self.assertEqual(text.count("党员基本信息"), len(members))
        self.assertGreaterEqual(pdf_pages(content), 2 * len(members), "cover and details each")

    def test_points_ledger_xlsx(self):
        year = self.env["party.point.line"].search([("state", "=", "approved")], limit=1).date.year
        book = self.render_xlsx(
            "party_quant.action_report_points_ledger_xlsx", self.hall, {"year": year}
        )
        self.assertEqual(book.sheetnames, ["台账", "合计"])
        ledger = book["台账"]
        lines = self.env["party.point.line"].search(
            [
                ("organization_id", "=", self.hall.id),
                ("state", "=", "approved"),
                ("date", ">=", f"{year}-01-01"),
                ("date", "<=", f"{year}-12-31"),
            ]
        )
        self.assertEqual(ledger.max_row - 2, len(lines))
        self.assertEqual([c.value for c in ledger[2]][:3], ["日期", "党员", "党支部"])
        totals = book["合计"]
        points = {row[0]: row[-1] for row in totals.iter_rows(min_row=3, values_only=True)}
        member = lines[0].member_id
        self.assertAlmostEqual(
            points[member.name],
            sum(lines.filtered(lambda entry: entry.member_id == member).mapped("points")),
        )
        # The whole company: every branch's entries.
        committee = self.env.ref("party_quant.party_org_committee_demo")
        company = self.render_xlsx(
            "party_quant.action_report_points_ledger_xlsx", committee, {"year": year}
        )
        self.assertGreater(company["台账"].max_row, ledger.max_row)

    def test_print_menu(self):
        """Every report is offered in the Print menu of its records."""
        reports = self.env["ir.actions.report"].search(PRINTS)
        # 13, the transfer letter (issue 25), member development's record (PDF) and
        # statistics (Excel) (issue 23).
        self.assertEqual(len(reports), 16)
        # The handbooks and the ledger through server actions, which hand big prints to
        # a background job (models/party_job.py); the others directly.
        through_jobs = {
            "party_quant.action_report_handbook",
            "party_quant.action_report_handbook_branch",
            "party_quant.action_report_points_ledger_xlsx",
        }
        direct = reports.filtered(lambda r: r.get_external_id()[r.id] not in through_jobs)
        self.assertEqual(len(direct), 13)
        self.assertTrue(all(r.binding_model_id and r.binding_type == "report" for r in direct))
        printed = self.env["ir.actions.server"].search(
            [("binding_type", "=", "report"), ("code", "=like", "action = records.action_print_%")]
        )
        self.assertEqual(
            sorted(action.model_id.model for action in printed),
            ["party.member", "party.organization", "party.organization"],
        )
        self.assertEqual(
            set(reports.filtered(lambda r: r.report_type == "xlsx").mapped("model")),
            {"party.period", "party.organization", "party.inspection.plan", "party.candidate"},
        )

    def test_cockpit(self):
        """The committee's card counts the whole company; each general branch its own."""
        cockpit = self.env["party.cockpit"].search([])
        committee = cockpit.filtered(lambda c: c.organization_id.kind == "committee")
        generals = cockpit - committee
        self.assertEqual(len(committee), 1)
        month = self.env["party.period"].search(
            [("kind", "=", "month"), ("date_start", "=", committee.period_id.date_start)]
        )
        self.assertEqual(committee.evaluation_count, len(month.evaluation_ids))
        self.assertEqual(
            committee.evaluation_count,
            sum(
                committee.mapped(
                    lambda c: c.draft_count
                    + c.self_assessed_count
                    + c.preliminary_count
                    + c.reviewed_count
                )
            ),
        )
        direct = month.evaluation_ids.filtered(lambda e: not e.general_branch_id)
        self.assertEqual(
            sum(generals.mapped("evaluation_count")) + len(direct), committee.evaluation_count
        )
        action = committee.action_open_evaluations()
        self.assertEqual(
            self.env["party.evaluation"].search_count(action["domain"]), committee.evaluation_count
        )
        self.assertEqual(
            committee.signal_count,
            self.env["party.record.signal"].search_count([("state", "=", "open")]),
        )

    def test_reports_follow_record_rules(self):
        """A member prints their own handbook; a branch officer cannot print the
        handbook of another branch's member, and sees only their branch in the month's
        pay linkage and the company's ledger."""
        member_user = self.env["res.users"].search([("login", "=", "member")])
        branch_user = self.env["res.users"].search([("login", "=", "branch")])
        member = member_user.party_member_id
        html = (
            self.env["ir.actions.report"]
            .with_user(member_user)
            ._render_qweb_html("party_quant.action_report_handbook", member.ids)[0]
        )
        self.assertIn(member.name, html.decode())
        stranger = self.env["party.member"].search(
            [("organization_id", "not in", branch_user.party_organization_ids.ids)], limit=1
        )
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(branch_user)._render_qweb_html(
                "party_quant.action_report_handbook", stranger.ids
            )
        committee = self.env.ref("party_quant.party_org_committee_demo")
        # The pay linkage of a month, for a branch secretary: their own rows only
        # (party.pay.linkage); the pay fields themselves are the committee's and HR's.
        content = (
            self.env["ir.actions.report"]
            .with_user(branch_user)
            ._render_xlsx("party_quant.action_report_pay_linkage_xlsx", self.month.ids, None)[0]
        )
        sheet = load_workbook(io.BytesIO(content))[self.month.name]
        self.assertEqual(
            {row[1] for row in sheet.iter_rows(min_row=3, values_only=True)},
            set(branch_user.party_organization_ids.mapped("name")),
        )
        self.assertEqual(
            self.env["party.pay.linkage"].with_user(branch_user).search([]).secretary_user_id,
            branch_user,
        )
        # A member is no secretary: refused before anything is rendered.
        for xmlid in (
            "party_quant.action_report_pay_linkage",
            "party_quant.action_report_pay_linkage_xlsx",
        ):
            with self.assertRaises(AccessError):
                self.render_as(member_user, xmlid, self.month)
        # The ledger of the committee, for a branch officer: only their branch's entries.
        book = self.render_xlsx_as(branch_user, committee)
        branches = {row[2] for row in book["台账"].iter_rows(min_row=3, values_only=True)}
        self.assertEqual(branches, set(branch_user.party_organization_ids.mapped("name")))

    def render_as(self, user, xmlid, records, data=None):
        """Render a report as ``user``: the HTML of a PDF report (the same values and
        access checks, without wkhtmltopdf), or the workbook."""
        Report = self.env["ir.actions.report"].with_user(user)
        if Report._get_report(xmlid).report_type == "xlsx":
            return Report._render_xlsx(xmlid, records.ids, data)[0]
        return Report._render_qweb_html(xmlid, records.ids, data=data)[0]

    def test_every_report_checks_access_first(self):
        """Every report × every role × a record the role may read and one it may not:
        rendered, or refused with an AccessError (403) before rendering, never another
        error (a 500) and never rendered for a record out of scope. The pay linkage is
        for the committee, HR and the secretary concerned only."""
        hr = self.env["res.users"].create(
            {
                "name": "HR",
                "login": "pq_report_hr",
                "groups_id": [Command.set(self.env.ref("party_quant.group_party_hr").ids)],
            }
        )
        users = (
            self.env["res.users"].search(
                [("login", "in", ("member", "branch", "general", "committee", "admin"))]
            )
            | hr
        )
        self.assertEqual(len(users), 6)
        pools = {
            "party.period": self.month,
            "party.evaluation": self.month.evaluation_ids,
            "party.escalation": self.env["party.escalation"].search([]),
            "party.member": self.hall.member_ids[:3]
            | self.env["party.member"].search([("organization_id", "!=", self.hall.id)], limit=3),
            "party.organization": self.env["party.organization"].search(
                [("kind", "=", "branch")], order="id"
            ),
            "party.inspection": self.env["party.inspection"].search([], order="id"),
            "party.inspection.plan": self.env["party.inspection.plan"].search([], order="id"),
            "party.meeting": self.env["party.meeting"].search(
                [("state", "=", "draft")], order="id"
            ),
            "party.transfer": self.env["party.transfer"].search([], order="id"),
            # Member development: the record and the statistics of the demo's candidates.
            "party.candidate": self.env["party.candidate"].search([], order="id"),
        }
        reports = self.env["ir.actions.report"].search(PRINTS)
        pay_reports = {"party_quant.report_pay_linkage", "party_quant.report_pay_linkage_xlsx"}
        # What a report lists besides its records, which its reader must have the right
        # to read: the month's escalations (rankings), the point entries (handbooks and
        # the ledger; not HR's).
        lists = {
            "party_quant.report_ranking": "party.escalation",
            "party_quant.report_ranking_xlsx": "party.escalation",
            "party_quant.report_handbook": "party.point.line",
            "party_quant.report_handbook_branch": "party.point.line",
            "party_quant.report_points_ledger_xlsx": "party.point.line",
            # The dues collected by the branch (not HR's).
            "party_quant.report_dues_publication": "party.dues",
        }
        committee_reports = {"party_quant.report_inspection_plan_xlsx"}
        # The sign-in QR code holds the meeting's secret: its officers' alone.
        officer_reports = {"party_quant.report_meeting_signin"}
        failures, cases = [], 0
        for report in reports:
            pool = pools[report.model]
            for user in users:
                readable = pool.filtered(lambda r, u=user: r.with_user(u).has_access("read"))
                candidates = [(True, readable[:1]), (False, (pool - readable)[:1])]
                for in_scope, records in candidates:
                    if not records:
                        continue
                    expected = in_scope
                    if report.report_name in lists:
                        expected = in_scope and self.env[lists[report.report_name]].with_user(
                            user
                        ).has_access("read")
                    if report.report_name in pay_reports:
                        expected = bool(
                            user.has_group("party_quant.group_party_committee")
                            or user.has_group("party_quant.group_party_hr")
                            or self.env["party.pay.linkage"].search_count(
                                [
                                    ("period_id", "in", records.ids),
                                    ("secretary_user_id", "=", user.id),
                                ]
                            )
                        )
                    if report.report_name in committee_reports:
                        # A plan's summary lists every inspected branch: the committee's.
                        expected = in_scope and user.has_group("party_quant.group_party_committee")
                    if report.report_name in officer_reports:
                        expected = in_scope and user.has_group("party_quant.group_party_branch")
                    cases += 1
                    try:
                        with self.env.cr.savepoint():
                            self.render_as(user, report.report_name, records)
                        outcome = True
                    except AccessError:
                        outcome = False
                    except Exception as error:  # noqa: BLE001 - any other error is a 500
                        failures.append(f"{report.report_name} as {user.login}: {error!r}")
                        continue
                    if outcome != expected:
                        failures.append(
                            f"{report.report_name} as {user.login} on {records}: "
                            f"{'rendered' if outcome else 'refused'}"
                        )
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreater(cases, 60)

    def test_reports_answer_403_over_http(self):
        """Over HTTP, a report out of scope answers 403, not 500 nor 200."""
        stranger = self.env["party.organization"].search(
            [("kind", "=", "branch"), ("id", "!=", self.hall.id)], limit=1
        )
        self.authenticate("branch", "branch")
        response = self.url_open(
            f"/report/xlsx/party_quant.report_points_ledger_xlsx/{stranger.id}"
        )
        self.assertEqual(response.status_code, 403)
        response = self.url_open(
            f"/report/xlsx/party_quant.report_points_ledger_xlsx/{self.hall.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.authenticate("member", "member")
        for name in (
            "pdf/party_quant.report_pay_linkage",
            "xlsx/party_quant.report_pay_linkage_xlsx",
        ):
            response = self.url_open(f"/report/{name}/{self.month.id}")
            self.assertEqual(response.status_code, 403, name)

    def render_xlsx_as(self, user, organization):
        content = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx("party_quant.action_report_points_ledger_xlsx", organization.ids, None)[0]
        )
        return load_workbook(io.BytesIO(content))

    def test_handbooks_of_a_chosen_year(self):
        """The wizard in the Action menu prints another year than the current one."""
        Wizard = self.env["party.handbook.print"].with_context(
            active_model="party.organization", active_ids=self.hall.ids
        )
        with self.assertRaises(ValidationError):
            Wizard.create({"year": 1999})
        action = Wizard.create({"year": 2025}).action_print()
        self.assertEqual(action["report_name"], "party_quant.report_handbook_branch")
        self.assertEqual(action["data"], {"year": 2025, "ids": self.hall.ids})
        # The client prints with the data only, as for any wizard's report.
        content = self.render_pdf(
            "party_quant.action_report_handbook_branch", self.hall.browse(), data=action["data"]
        )
        text = self.assertEveryPage(content, "2025年")
        self.assertEqual(text.count("党员基本信息"), len(self.hall.member_ids))
        self.assertIn("本年度暂无已审核积分记录", text)
        member = self.hall.member_ids[:1]
        action = (
            self.env["party.handbook.print"]
            .with_context(active_model="party.member", active_ids=member.ids)
            .create({"year": 2025})
            .action_print()
        )
        self.assertEqual(action["report_name"], "party_quant.report_handbook")
