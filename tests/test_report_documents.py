"""Every report of party_quant for a selection, read back (issue 20 item 9, issue 21
item 1): each PDF rendered by wkhtmltopdf for two records of different branches, as
one file, and read with pdftotext (Chinese, no mojibake, no blank page); each
workbook opened with openpyxl. The report routes answer bad requests with 400 or 404
and a readable message (issue 20 item 8); downloads are named with branch and year."""

import io
import json
import os
import re
import subprocess
from urllib.parse import quote, unquote

from openpyxl import load_workbook

from odoo import fields
from odoo.tests import HttpCase, tagged

from .test_reports import pdf_pages, pdf_text

CHINESE = re.compile(r"[\u4e00-\u9fff]{2,}")
# UTF-8 read as Latin-1 (营 → è¥): letters of the Latin-1 supplement, which no
# Chinese document of the addon prints (× and ÷ are signs, which it does).
MOJIBAKE = re.compile(r"[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
PAGE_NUMBER = re.compile(r"第\s*\d+\s*页\s*/\s*共\s*\d+\s*页")

# Every report printed from records. Not the login slips: the login wizard renders them
# once, with the codes that exist nowhere else (tests/test_login.py).
PRINTS = [("report_name", "=like", "party_quant.%"), ("model", "!=", "party.login.wizard")]


def page_bodies(text):
    """The text of each page without the stamped running line (its first line) and
    page number."""
    bodies = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        bodies.append("\n".join(line for line in lines[1:] if not PAGE_NUMBER.search(line)))
    # pdftotext ends the last page with a form feed too.
    return bodies[:-1] if bodies and not bodies[-1] and len(bodies) > 1 else bodies


def two_of_different_branches(records):
    """Two of ``records``, of different organizations where they have one."""
    if "organization_id" not in records._fields:
        return records[:2]
    first = records[:1]
    other = records.filtered(lambda r: r.organization_id != first.organization_id)[:1]
    return first | (other or records[1:2])


@tagged("post_install", "-at_install")
class TestEveryReportForASelection(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.Report = cls.env["ir.actions.report"].with_context(force_report_rendering=True)
        cls.reports = cls.env["ir.actions.report"].search(PRINTS, order="id")

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def selection(self, model):
        """Two records of ``model`` a Print menu would offer, of different branches."""
        domains = {
            "party.period": [("kind", "=", "month"), ("evaluation_ids", "!=", False)],
            "party.organization": [("kind", "=", "branch"), ("member_ids", "!=", False)],
            "party.member": [("organization_id.kind", "=", "branch")],
        }
        records = self.env[model].search(domains.get(model, []), order="id")
        return two_of_different_branches(records)

    def test_every_report_prints_two_records_of_different_branches(self):
        """Every report of the addon (bound to a Print menu or printed from one) for two
        records as one file: a PDF in Chinese, no mojibake, no blank page, both records
        in it; a workbook that opens."""
        failures, printed = [], 0
        for report in self.reports:
            records = self.selection(report.model)
            self.assertEqual(len(records), 2, f"two records for {report.report_name}")
            try:
                if report.report_type == "xlsx":
                    content, _kind = self.Report._render_xlsx(report.report_name, records.ids, {})
                    load_workbook(io.BytesIO(content))
                    printed += 1
                    continue
                content, _kind = self.Report._render_qweb_pdf(report.report_name, records.ids)
            except Exception as error:  # noqa: BLE001 - every failure is listed
                failures.append(f"{report.report_name}: {error!r}")
                continue
            printed += 1
            text = pdf_text(content)
            if not CHINESE.search(text):
                failures.append(f"{report.report_name}: no Chinese in the PDF")
            if MOJIBAKE.search(text):
                failures.append(f"{report.report_name}: mojibake {MOJIBAKE.findall(text)[:5]}")
            bodies = page_bodies(text)
            if len(bodies) != pdf_pages(content):
                failures.append(f"{report.report_name}: {len(bodies)} texts, pages differ")
            blank = [number for number, body in enumerate(bodies, 1) if not body.strip()]
            if blank:
                failures.append(f"{report.report_name}: blank pages {blank}")
            if "organization_id" in records._fields or records._name == "party.organization":
                branches = records if records._name == "party.organization" else records
                for name in (
                    branches.mapped("name")
                    if records._name in ("party.organization", "party.member")
                    else records.organization_id.mapped("name")
                ):
                    if "".join(name.split()) not in "".join(text.split()):
                        failures.append(f"{report.report_name}: {name} missing")
        self.assertFalse(failures, "\n".join(failures))
        self.assertEqual(printed, len(self.reports))

    def test_sign_in_sheet_and_dues_publication_read_as_chinese(self):
        """The two documents that came out as mojibake with a blank second page: one
        page per record, the Chinese title and the branch's name readable."""
        meetings = self.selection("party.meeting")
        content, _kind = self.Report._render_qweb_pdf(
            "party_quant.report_meeting_signin", meetings.ids
        )
        self.assertEqual(pdf_pages(content), 2)
        flat = "".join(pdf_text(content).split())
        for meeting in meetings:
            self.assertIn("".join(meeting.organization_id.name.split()), flat)
        self.assertIn("请登录后用手机扫码签到", flat)
        self.save_png(content, "signin-sheet")
        branches = self.selection("party.organization")
        year = self.env["party.dues"].search([], order="month desc", limit=1).month.year
        content, _kind = self.Report._render_qweb_pdf(
            "party_quant.report_dues_publication", branches.ids, data={"year": year}
        )
        self.assertEqual(pdf_pages(content), 2)
        text = pdf_text(content)
        flat = "".join(text.split())
        self.assertIn("党费收缴情况公示", flat)
        self.assertIn(f"{year}年", flat)
        for branch in branches:
            self.assertIn("".join(branch.name.split()), flat)
        self.assertFalse(MOJIBAKE.search(text))
        self.save_png(content, "dues-publication")

    def test_official_documents_print_no_english_or_odoobot(self):
        """The inspection report's checklist in Chinese (the demo's items were named in
        English); no 签字：OdooBot on the evaluation sheet for a step the system took."""
        inspection = self.env["party.inspection"].search([("check_ids", "!=", False)], limit=1)
        content, _kind = self.Report._render_qweb_pdf(
            "party_quant.report_inspection", inspection.ids
        )
        flat = "".join(pdf_text(content).split())
        for check in inspection.check_ids:
            english = check.criterion_id.with_context(lang="en_US").name
            self.assertNotIn("".join(english.split()), flat)
            self.assertIn("".join(check.criterion_id.name.split())[:20], flat)
        evaluation = self.env["party.evaluation"].search(
            [("state", "!=", "draft"), ("period_id.state", "!=", "closed")], order="id", limit=1
        )
        root = self.env.ref("base.user_root")
        evaluation.sudo().write({"self_user_id": root.id})
        content, _kind = self.Report._render_qweb_pdf(
            "party_quant.report_evaluation_sheet", evaluation.ids
        )
        text = pdf_text(content)
        self.assertNotIn(root.name, text)
        self.assertIn("签字", text)

    def test_handbook_prints_who_awarded_each_entry(self):
        """The handbook's column reads ``awarded_by`` (the meeting record for a
        meeting's points), not the approver field (OdooBot for system entries)."""
        line = self.env["party.point.line"].search(
            [("state", "=", "approved"), ("meeting_id", "!=", False)], order="date desc", limit=1
        )
        content, _kind = self.Report._render_qweb_pdf(
            "party_quant.report_handbook", line.member_id.ids, data={"year": line.date.year}
        )
        text = pdf_text(content)
        self.assertIn("".join(line.awarded_by.split())[:4], "".join(text.split()))
        self.assertNotIn(self.env.ref("base.user_root").name, text)

    def save_png(self, content, name):
        """With PARTY_QUANT_DOCS set (a directory), the first page as a PNG, for the
        README's pictures (pdftoppm)."""
        folder = os.environ.get("PARTY_QUANT_DOCS")
        if folder:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    "-",
                    os.path.join(folder, f"{name}-page1"),
                ],
                input=content,
                check=True,
            )


@tagged("post_install", "-at_install")
class TestReportRoutes(HttpCase):
    """The report routes over HTTP, as the web client calls them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reports = cls.env["ir.actions.report"].search(PRINTS, order="id")
        cls.hall = cls.env.ref("party_quant.party_org_branch_service_hall_demo")

    def get(self, url):
        response = self.url_open(url, allow_redirects=False)
        self.assertNotIn("Traceback", response.text[:5000], url)
        return response

    def route(self, report):
        return f"/report/{'xlsx' if report.report_type == 'xlsx' else 'pdf'}/{report.report_name}"

    def test_bad_ids_answer_400_and_missing_records_404(self):
        self.authenticate("admin", "admin")
        for report in self.reports:
            route = self.route(report)
            for ids, status in (
                ("abc", 400),
                ("1,abc", 400),
                ("-1", 400),
                ("0", 404),
                (
                    "2147483000",
                    404,
                ),
            ):
                response = self.get(f"{route}/{ids}")
                self.assertEqual(response.status_code, status, f"{route}/{ids}")
        # The one the attack found (a TypeError in party_period._shifted).
        response = self.get("/report/pdf/party_quant.report_ranking/0")
        self.assertEqual(response.status_code, 404)
        # In the user's language (the demo admin's: zh_CN).
        self.assertIn("部分要打印的记录不存在", response.text)

    def test_unknown_reports_and_converters_answer_404(self):
        self.authenticate("admin", "admin")
        for url in (
            f"/report/pdf/party_quant.report_nothing/{self.hall.id}",
            f"/report/docx/party_quant.report_handbook_branch/{self.hall.id}",
            f"/report/xlsx/party_quant.report_handbook_branch/{self.hall.id}",
            f"/report/pdf/party_quant.report_points_ledger_xlsx/{self.hall.id}",
        ):
            self.assertEqual(self.get(url).status_code, 404, url)

    def test_bad_options_answer_400(self):
        """A wizard's print: the year and ids in ``options`` (JSON)."""
        self.authenticate("admin", "admin")
        for name in (
            "pdf/party_quant.report_handbook_branch",
            "xlsx/party_quant.report_points_ledger_xlsx",
            "pdf/party_quant.report_dues_publication",
        ):
            for options in (
                {"year": "abc", "ids": self.hall.ids},
                {"year": 10**12, "ids": self.hall.ids},
                {"year": 2026, "ids": ["x"]},
                {"year": 2026, "ids": "1"},
            ):
                url = f"/report/{name}?options={quote(json.dumps(options))}"
                self.assertEqual(self.get(url).status_code, 400, url)
            for raw in ("not json", "[1, 2]", "{"):
                url = f"/report/{name}?options={quote(raw)}"
                self.assertEqual(self.get(url).status_code, 400, url)
                url = f"/report/{name}/{self.hall.id}?context={quote(raw)}"
                self.assertEqual(self.get(url).status_code, 400, url)
        response = self.get(
            "/report/pdf/party_quant.report_handbook_branch?options="
            + quote(json.dumps({"year": "abc", "ids": self.hall.ids}))
        )
        self.assertIn("2199", response.text)

    def test_good_requests_still_print(self):
        self.authenticate("admin", "admin")
        response = self.get(f"/report/pdf/party_quant.report_dues_publication/{self.hall.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        options = quote(json.dumps({"year": 2025, "ids": self.hall.ids}))
        response = self.get(f"/report/xlsx/party_quant.report_points_ledger_xlsx?options={options}")
        self.assertEqual(response.status_code, 200)

    def test_downloads_are_named_with_branch_and_year(self):
        """The Print menu's handbooks and ledger (a wizard's print, with ``options``)
        were named 党员积分手册（全体党员）.pdf and 积分台账（Excel）.xlsx."""
        self.env.ref("base.user_admin").lang = "zh_CN"
        self.authenticate("admin", "admin")
        options = quote(json.dumps({"year": 2025, "ids": self.hall.ids}))
        this_year = str(fields.Date.today().year)
        for url, kind, name in (
            (
                f"/report/pdf/party_quant.report_handbook_branch?options={options}",
                "qweb-pdf",
                "2025年.pdf",
            ),
            (
                f"/report/xlsx/party_quant.report_points_ledger_xlsx?options={options}",
                "xlsx",
                "2025年.xlsx",
            ),
            (
                f"/report/pdf/party_quant.report_dues_publication/{self.hall.id}",
                "qweb-pdf",
                f"{this_year}年.pdf",
            ),
        ):
            response = self.get("/report/download?data=" + quote(json.dumps([url, kind])))
            self.assertEqual(response.status_code, 200, url)
            disposition = response.headers["Content-Disposition"]
            filename = unquote(disposition.split("UTF-8''")[-1])
            self.assertIn(self.hall.name, filename, url)
            self.assertTrue(filename.endswith(name), filename)

    def test_request_body_above_the_limit_answers_413(self):
        """A JSON-RPC body above web.max_file_upload_size is refused before it is read
        (a 140 MiB body was read and answered)."""
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("web.max_file_upload_size"), "33554432"
        )
        self.env["ir.config_parameter"].set_param("web.max_file_upload_size", "100000")
        self.authenticate("admin", "admin")
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": "res.partner",
                "method": "search_count",
                "args": [[["name", "=", "x" * 200000]]],
                "kwargs": {},
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json() if response.status_code == 200 else {}
        self.assertTrue(response.status_code == 413 or "error" in body, response.text[:300])
        if body:
            self.assertIn("Request Entity Too Large", json.dumps(body))
        payload["params"]["args"] = [[["name", "=", "x"]]]
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("result", response.json())
