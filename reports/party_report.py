import re
from collections import defaultdict
from datetime import date

from babel.dates import format_skeleton

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import babel_locale_parse, formatLang, get_lang

from ..models.party_evaluation import PATHS, SIGNATURE_FIELDS
from ..models.party_guard import DATE_MAX, DATE_MIN
from ..models.party_labels import selection_labels
from ..models.party_point_rule import PARTS
from .party_pdf import finish_pdf

# The years a report may be asked for (the guard's date window).
YEAR_MIN, YEAR_MAX = DATE_MIN.year, DATE_MAX.year
# The reports of a year (the wizard's or the current one): the year is in their name.
YEAR_REPORTS = {
    "party_quant.report_handbook",
    "party_quant.report_handbook_branch",
    "party_quant.report_points_ledger_xlsx",
    "party_quant.report_dues_publication",
}
# Points parts in the handbook's order, deductions last.
PART_KEYS = [key for key, _label in PARTS]


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """party_quant's PDFs get their running line (company, title, period) and page
        numbers drawn onto each page: Debian's wkhtmltopdf (no patched Qt) drops HTML
        headers and footers, and this works with either build."""
        content, kind = self._render_party_pdf_pages(report_ref, res_ids=res_ids, data=data)
        report = self._get_report(report_ref)
        report_model = self.env.get(f"report.{report.report_name}")
        if kind == "pdf" and hasattr(report_model, "_stamp_pages"):
            ids = [res_ids] if isinstance(res_ids, int) else res_ids or []
            line = report_model._running_line(report, self.env[report.model].browse(ids), data)
            content = report_model._stamp_pages(content, line)
        return content, kind

    def _render_party_pdf_pages(self, report_ref, res_ids=None, data=None):
        """The PDF as wkhtmltopdf makes it, without the running line and the page
        numbers: the background job renders a big print in parts and draws them once
        over the joined file (models/party_job.py)."""
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _party_file_title(self, records, data):
        """The name of the file a party_quant report downloads as: its title, the
        branches (or the record) and the year or period, e.g. "党员积分手册 营业厅党支部
        2026年" (the client's own is the title alone for a wizard's print)."""
        self.ensure_one()
        records = records.exists()
        Abstract = self.env["report.party_quant.abstract"]
        shown = (
            records.organization_id
            if records._name == "party.member" and len(records) > 1
            else records
        )
        names = list(dict.fromkeys(name for name in shown.mapped("display_name") if name))
        scope = "、".join(names[:3]) + ("…" if len(names) > 3 else "")
        when = ""
        if self.report_name in YEAR_REPORTS or "year" in (data or {}):
            when = Abstract._year_label(Abstract._data_year(data))
        elif records._name == "party.period" or "period_id" in records._fields:
            when = Abstract._running_period(records, data)
        parts = [self.name, scope, when if when not in scope else ""]
        title = " ".join(part for part in parts if part)
        return re.sub(r'[\\/:*?"<>|]+', "-", title)[:150]


class PartyReport(models.AbstractModel):
    """What party_quant's PDF reports share: Chinese period labels, the running line
    and page numbers, and ``_get_report_values`` calling ``_report_values``."""

    _name = "report.party_quant.abstract"
    _description = "Party Building Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self._docs(docids, data or {})
        # A clear AccessError before rendering, rather than one wrapped by QWeb.
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": docs._name,
            "docs": docs,
            "company": self.env.company,
            "period_label": self._period_label,
            "fmt_date": self._format_date,
            "fmt_num": self._format_number,
            **self._report_values(docs, data or {}),
        }

    def _docs(self, docids, data):
        """The records printed: ``docids``, or the ids a wizard put in ``data``."""
        report = self.env["ir.actions.report"]._get_report_from_name(self._name[len("report.") :])
        return self.env[report.model].browse(docids or data.get("ids") or [])

    def _report_values(self, docs, data):
        return {}

    @api.model
    def _data_year(self, data):
        """The year a wizard or a link asks for (``data['year']``), else the current
        one; anything but a plausible year answers a UserError (400 on the routes)."""
        year = (data or {}).get("year")
        if year in (None, False, ""):
            return fields.Date.context_today(self).year
        try:
            year = int(year)
        except (TypeError, ValueError, OverflowError):
            year = 0
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise UserError(
                _(
                    "The year to print must be a year between %(first)s and %(last)s.",
                    first=YEAR_MIN,
                    last=YEAR_MAX,
                )
            )
        return year

    def _year_label(self, year):
        """ "2026年" / "2026"."""
        return format_skeleton("y", date(year, 1, 1), locale=self._locale())

    def _month_label(self, month):
        """ "2026年11月" / "November 2026"."""
        return format_skeleton("yMMMM", month, locale=self._locale())

    def _running_period(self, docs, data):
        """The periods shown on every page: the records themselves, or theirs."""
        if docs._name == "party.period":
            periods = docs
        elif "period_id" in docs._fields:
            periods = docs.period_id
        else:
            return ""
        return "、".join(dict.fromkeys(self._period_label(period) for period in periods))

    def _running_line(self, report, docs, data):
        parts = [self.env.company.name, report.name, self._running_period(docs, data or {})]
        return "  |  ".join(part for part in parts if part)

    # ------------------------------------------------------------------
    # Formats: Chinese ones when the user's language is Chinese
    # ------------------------------------------------------------------
    def _locale(self):
        return babel_locale_parse(get_lang(self.env).code)

    def _period_label(self, period):
        """ "2026年11月" / "November 2026", or the year alone."""
        if not period:
            return ""
        skeleton = "y" if period.kind == "year" else "yMMMM"
        return format_skeleton(skeleton, period.date_start, locale=self._locale())

    def _format_date(self, value):
        if not value:
            return ""
        if isinstance(value, str):
            value = fields.Date.to_date(value)
        if hasattr(value, "hour"):
            value = fields.Datetime.context_timestamp(self, value).date()
        return format_skeleton("yMMMd", value, locale=self._locale())

    def _format_number(self, value, digits=2, signed=False):
        if value is None or value is False:
            return ""
        text = formatLang(self.env, abs(value) if signed else value, digits=digits)
        if signed:
            return ("+" if value > 0 else "−" if value < 0 else "±") + text
        return text

    def _stamp_pages(self, content, line):
        """The running line at the top of each page, "page n of N" at its foot."""
        printed = _("Printed %(date)s", date=self._format_date(fields.Date.context_today(self)))
        return finish_pdf(
            content,
            (line, printed),
            lambda page, pages: self.env._("Page %(page)s of %(pages)s", page=page, pages=pages),
        )


class PartyReportRanking(models.AbstractModel):
    """排名通报: the ranking of a month (or a year) by branch type."""

    _name = "report.party_quant.report_ranking"
    _inherit = "report.party_quant.abstract"
    _description = "Ranking Notice"

    def _report_values(self, docs, data):
        return {"tables": {period.id: period._ranking_tables() for period in docs}}


class PartyReportPayLinkage(models.AbstractModel):
    """The pay-linkage sheet for HR: each branch secretary's pay factor of the month."""

    _name = "report.party_quant.report_pay_linkage"
    _inherit = "report.party_quant.report_ranking"
    _description = "Pay Linkage Sheet"

    def _report_values(self, docs, data):
        # The rows of party.pay.linkage: the secretary concerned reads their own, the
        # committee and HR every one; anyone else is refused before rendering.
        return {"rows": self.env["party.pay.linkage"]._rows_by_period(docs)}


class PartyReportEvaluationSheet(models.AbstractModel):
    """考评表: one branch's evaluation, criterion by criterion, with the signatures."""

    _name = "report.party_quant.report_evaluation_sheet"
    _inherit = "report.party_quant.abstract"
    _description = "Evaluation Sheet"

    def _report_values(self, docs, data):
        return {
            "categories": selection_labels(self.env, "party.evaluation.line", "category"),
            "signatures": {doc.id: self._signatures(doc) for doc in docs},
        }

    def _signatures(self, evaluation):
        """(role, who, when) of each step of the evaluation's path."""
        roles = {
            "branch": _("Branch secretary (self-assessment)"),
            "general_branch": _("General branch (preliminary evaluation)"),
            "committee": _("Party committee (review)"),
        }
        levels = dict.fromkeys(level for _state, level in PATHS[evaluation.path_kind])
        return [
            (
                roles[level],
                self._signatory(evaluation[SIGNATURE_FIELDS[level][0]]),
                self._format_date(evaluation[SIGNATURE_FIELDS[level][1]]),
            )
            for level in levels
        ]

    def _signatory(self, user):
        """The name on a signature line: a person's, never the system's user (OdooBot),
        whose steps (a deadline's automatic move) leave the line to sign by hand."""
        if not user or user._is_superuser():
            return ""
        return user.name


class PartyReportEscalationNotice(models.AbstractModel):
    """通报批评 / 诫勉谈话 notices for escalations."""

    _name = "report.party_quant.report_escalation_notice"
    _inherit = "report.party_quant.report_evaluation_sheet"
    _description = "Escalation Notice"

    def _report_values(self, docs, data):
        Organization = self.env["party.organization"]
        return {
            "texts": {doc.id: self._notice_text(doc) for doc in docs},
            "kinds": selection_labels(self.env, docs._name, "kind"),
            # The issuer: the committee at the root of the branch's tree.
            "committees": {
                doc.id: Organization.browse(int(doc.organization_id.parent_path.split("/")[0]))
                for doc in docs
            },
        }

    def _notice_text(self, escalation):
        values = {
            "branch": escalation.organization_id.name,
            "type": escalation.branch_type_id.name or "",
            "count": escalation.streak,
        }
        if escalation.kind == "criticism":
            return _(
                "%(branch)s ranked last among the %(type)s branches in the monthly "
                "evaluation %(count)s months in a row. Under the rules of party-building "
                "quantified management, the party committee issues this notice of criticism "
                "to the branch and asks it to find the causes, set out corrections within a "
                "month and report on them.",
                **values,
            )
        if escalation.kind == "admonishment":
            return _(
                "%(branch)s ranked last among the %(type)s branches in the monthly "
                "evaluation %(count)s months in a row. Under the rules of party-building "
                "quantified management, the party committee will hold admonishment talks "
                "with the branch secretary and the members of the branch committee named "
                "below.",
                **values,
            )
        return _(
            "%(branch)s ranked last among the %(type)s branches in the annual evaluation "
            "%(count)s years in a row, and its secretary ranked low in the annual "
            "assessment of middle managers. Under the rules of party-building quantified "
            "management, the party committee proposes to transfer or demote the branch "
            "secretary and to hold admonishment talks with the other members of the "
            "branch committee.",
            **values,
        )


class PartyReportHandbook(models.AbstractModel):
    """党员积分手册: a member's year of points, month by month, by part."""

    _name = "report.party_quant.report_handbook"
    _inherit = "report.party_quant.abstract"
    _description = "Points Handbook"

    def _year(self, data):
        """The year printed: the wizard's, else the current one."""
        return self._data_year(data)

    def _members(self, docs):
        return docs

    def _report_values(self, docs, data):
        members = self._members(docs)
        # Not more handbooks in one request than the size setting: above it the Print
        # menu (and the wizard) hands the print to a background job, which renders
        # parts of that size; a request made by hand is refused rather than left to
        # time out.
        size = self.env["party.job"]._background_size()
        if len(members) > size:
            raise UserError(
                _(
                    "These are the handbooks of %(count)s members: print them from the "
                    "Print menu, which prepares more than %(size)s in the background.",
                    count=len(members),
                    size=size,
                )
            )
        year = self._year(data)
        return {
            "docs": members,
            "year": year,
            "year_label": self._year_label(year),
            "handbooks": self._handbooks(members, year),
            "parts": selection_labels(self.env, "party.point.rule", "part"),
            "grades": selection_labels(self.env, "party.appraisal", "grade"),
        }

    def _handbooks(self, members, year):
        """{member id: handbook} from one search of the year's approved entries and
        one of the appraisals."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        lines = self.env["party.point.line"].search(
            [
                ("member_id", "in", members.ids),
                ("state", "=", "approved"),
                ("date", ">=", start),
                ("date", "<=", end),
            ],
            order="member_id, date, id",
        )
        appraisals = {
            appraisal.member_id.id: appraisal
            for appraisal in self.env["party.appraisal"].search(
                [("member_id", "in", members.ids), ("year", "=", year)]
            )
        }
        by_member = defaultdict(lambda: defaultdict(list))
        for line in lines:
            by_member[line.member_id.id][line.date.month].append(line)
        handbooks = {}
        for member in members:
            months = []
            year_parts = dict.fromkeys(PART_KEYS, 0.0)
            for month in range(1, 13):
                month_lines = by_member[member.id].get(month, [])
                parts = dict.fromkeys(PART_KEYS, 0.0)
                for line in month_lines:
                    parts[line.part] += line.points
                    year_parts[line.part] += line.points
                months.append(
                    {
                        "label": format_skeleton(
                            "MMMM", date(year, month, 1), locale=self._locale()
                        ),
                        "lines": month_lines,
                        "parts": parts,
                        "total": sum(parts.values()),
                    }
                )
            total = sum(year_parts.values())
            appraisal = appraisals.get(member.id)
            handbooks[member.id] = {
                "months": months,
                "parts": year_parts,
                "total": total,
                # Only a confirmed appraisal prints a grade: months of points are
                # not a 民主评议 (issue 21.7).
                "grade": appraisal.grade if appraisal and appraisal.state == "confirmed" else False,
                "grade_confirmed": bool(appraisal and appraisal.state == "confirmed"),
            }
        return handbooks

    def _running_period(self, docs, data):
        return self._year_label(self._year(data or {}))


class PartyReportHandbookBranch(models.AbstractModel):
    """The handbooks of every member of a branch (or of the branches under a general
    branch or the committee), in one file."""

    _name = "report.party_quant.report_handbook_branch"
    _inherit = "report.party_quant.report_handbook"
    _description = "Points Handbooks of a Branch"

    def _members(self, docs):
        return self.env["party.member"].search(
            [("organization_id", "child_of", docs.ids)], order="organization_id, name"
        )
