from collections import defaultdict
from datetime import date

from odoo import _, models

from ..models.party_labels import selection_labels
from .party_report import PART_KEYS


class PartyReportXlsx(models.AbstractModel):
    """The workbook plumbing party_quant's Excel reports share (on OCA's report_xlsx):
    formats, a sheet with a title row, a bold frozen header with filters, column
    widths, and A4 printing. Subclasses only say which columns and rows."""

    _name = "report.party_quant.abstract_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Party Building Excel Report"

    def _formats(self, workbook):
        font = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "vcenter"}
        cell = {**font, "border": 1, "border_color": "#999999"}
        return {
            "title": workbook.add_format({**font, "bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {**cell, "bold": True, "bg_color": "#EFE7E6", "align": "center", "text_wrap": True}
            ),
            "text": workbook.add_format({**cell, "text_wrap": True}),
            "int": workbook.add_format({**cell, "num_format": "0", "align": "center"}),
            "score": workbook.add_format({**cell, "num_format": "0.00"}),
            "points": workbook.add_format({**cell, "num_format": "0.0"}),
            "signed": workbook.add_format({**cell, "num_format": "+0.00;-0.00;0.00"}),
            "ratio": workbook.add_format({**cell, "num_format": "0.000000"}),
            "percent": workbook.add_format({**cell, "num_format": "0%"}),
            "date": workbook.add_format({**cell, "num_format": "yyyy-mm-dd", "align": "center"}),
            "bold": workbook.add_format({**cell, "bold": True, "num_format": "0.00"}),
        }

    def _write_sheet(self, workbook, formats, name, title, columns, rows):
        """A sheet ``name``: ``title`` in row 1, the header in row 2 (bold, frozen, with
        filters), then ``rows``, each a list of values matching ``columns``, a list of
        (label, width, format key)."""
        sheet = workbook.add_worksheet(name[:31])
        sheet.write(0, 0, title, formats["title"])
        sheet.set_row(0, 24)
        sheet.set_row(1, 30)
        for col, (label, width, _fmt) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(1, col, label, formats["header"])
        for row_index, row in enumerate(rows, start=2):
            for col, value in enumerate(row):
                fmt = formats[columns[col][2]]
                if value is None or value is False:
                    sheet.write_blank(row_index, col, None, fmt)
                elif isinstance(value, date):
                    sheet.write_datetime(row_index, col, value, fmt)
                else:
                    sheet.write(row_index, col, value, fmt)
        sheet.freeze_panes(2, 0)
        sheet.autofilter(1, 0, max(1, len(rows) + 1), len(columns) - 1)
        sheet.set_paper(9)  # A4
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(1)
        return sheet

    def _get_objs_for_report(self, docids, data):
        """The records printed, after checking the user may read them: a refusal is an
        AccessError (403) before anything is written, as for the PDFs."""
        records = super()._get_objs_for_report(docids, data)
        records.check_access("read")
        return records

    def _period_title(self, report_title, period):
        label = self.env["report.party_quant.abstract"]._period_label(period)
        return " · ".join(part for part in (self.env.company.name, report_title, label) if part)


class PartyReportRankingXlsx(models.AbstractModel):
    """Rankings of a month or a year: one sheet per branch type."""

    _name = "report.party_quant.report_ranking_xlsx"
    _inherit = "report.party_quant.abstract_xlsx"
    _description = "Ranking (Excel)"

    def generate_xlsx_report(self, workbook, data, periods):
        formats = self._formats(workbook)
        states = selection_labels(self.env, "party.evaluation", "state")
        for period in periods:
            annual = period.kind == "year"
            title = self._period_title(
                _("Annual Ranking") if annual else _("Monthly Ranking"), period
            )
            columns = [
                (_("Rank"), 7, "int"),
                (_("Branch"), 24, "text"),
                (_("General Branch"), 18, "text"),
            ]
            if annual:
                columns += [
                    (_("Monthly Average"), 11, "score"),
                    (_("Months Reviewed"), 9, "int"),
                    (_("Year-end Score"), 11, "score"),
                    (_("Final Score"), 11, "bold"),
                    (_("Honors Candidate"), 10, "text"),
                    (_("Secretary Ranked Low"), 10, "text"),
                ]
            else:
                columns += [
                    (_("Self"), 9, "score"),
                    (_("Preliminary"), 9, "score"),
                    (_("Final"), 9, "bold"),
                    (_("Rank Change"), 9, "int"),
                    (_("Score Change"), 9, "signed"),
                    (_("State"), 12, "text"),
                ]
            columns += [
                (_("Last in Type"), 8, "text"),
                (_("Last-place Streak"), 9, "int"),
                (_("Escalations"), 18, "text"),
            ]
            for table in period._ranking_tables():
                rows = []
                for row in table["rows"]:
                    evaluation = row["evaluation"]
                    values = [
                        row["rank"] or None,
                        evaluation.organization_id.name,
                        evaluation.general_branch_id.name or "",
                    ]
                    if annual:
                        values += [
                            evaluation.monthly_average,
                            evaluation.monthly_count,
                            evaluation.year_end_score,
                            evaluation.final_score if row["reviewed"] else None,
                            "★" if evaluation.honor_candidate else "",
                            "✓" if evaluation.secretary_low_rank else "",
                        ]
                    else:
                        values += [
                            evaluation.self_total,
                            evaluation.preliminary_total
                            if evaluation.path_kind == "standard"
                            else None,
                            evaluation.final_score if row["reviewed"] else None,
                            row["rank_change"] if row["rank_change"] is not False else None,
                            row["score_change"] if row["score_change"] is not False else None,
                            states[evaluation.state],
                        ]
                    values += [
                        "▼" if evaluation.is_last_in_type else "",
                        evaluation.last_streak or None,
                        "、".join(row["escalations"]),
                    ]
                    rows.append(values)
                name = table["branch_type"].name
                if len(periods) > 1:
                    name = f"{period.name} {name}"
                self._write_sheet(workbook, formats, name, title, columns, rows)


class PartyReportPayLinkageXlsx(models.AbstractModel):
    """The pay-linkage sheet for HR."""

    _name = "report.party_quant.report_pay_linkage_xlsx"
    _inherit = "report.party_quant.abstract_xlsx"
    _description = "Pay Linkage (Excel)"

    def generate_xlsx_report(self, workbook, data, periods):
        formats = self._formats(workbook)
        modes = selection_labels(self.env, "party.pay.linkage", "secretary_mode")
        # The secretary concerned reads their own rows, the committee and HR every one.
        rows_by_period = self.env["party.pay.linkage"]._rows_by_period(periods)
        columns = [
            (_("General Branch"), 18, "text"),
            (_("Branch"), 24, "text"),
            (_("Branch Type"), 12, "text"),
            (_("Secretary"), 12, "text"),
            (_("Mode"), 9, "text"),
            (_("Final Score"), 10, "score"),
            (_("Linked Share"), 9, "percent"),
            (_("Payout Ratio"), 11, "ratio"),
            (_("Pay Factor"), 11, "ratio"),
            (_("Note"), 24, "text"),
        ]
        for period in periods:
            rows = []
            for row in rows_by_period[period.id]:
                frozen = bool(row.linked_share)
                note = ""
                if row.closed_unreviewed:
                    note = _("Closed unreviewed: no deduction")
                elif period.state != "closed":
                    note = _("Not closed yet")
                rows.append(
                    [
                        row.general_branch_id.name or "",
                        row.organization_id.name,
                        row.branch_type_id.name,
                        row.secretary_id.name or "",
                        modes.get(row.secretary_mode, ""),
                        row.final_score,
                        row.linked_share if frozen else None,
                        row.payout_ratio if frozen else None,
                        row.pay_factor if frozen else None,
                        note,
                    ]
                )
            self._write_sheet(
                workbook,
                formats,
                period.name,
                self._period_title(_("Pay Linkage"), period),
                columns,
                rows,
            )


class PartyReportLedgerXlsx(models.AbstractModel):
    """The points ledger (台账) of a branch, or of every branch under a general branch
    or the committee: the approved entries of the year, and the totals per member."""

    _name = "report.party_quant.report_points_ledger_xlsx"
    _inherit = "report.party_quant.abstract_xlsx"
    _description = "Points Ledger (Excel)"

    def generate_xlsx_report(self, workbook, data, organizations):
        formats = self._formats(workbook)
        year = self.env["report.party_quant.report_handbook"]._year(data or {})
        parts = selection_labels(self.env, "party.point.rule", "part")
        lines = self.env["party.point.line"].search(
            [
                ("organization_id", "child_of", organizations.ids),
                ("state", "=", "approved"),
                ("date", ">=", date(year, 1, 1)),
                ("date", "<=", date(year, 12, 31)),
            ],
            order="organization_id, date, member_id, id",
        )
        scope = "、".join(organizations.mapped("name"))
        title = " · ".join((self.env.company.name, _("Points Ledger"), scope, str(year)))
        self._write_sheet(
            workbook,
            formats,
            _("Ledger"),
            title,
            [
                (_("Date"), 11, "date"),
                (_("Member"), 12, "text"),
                (_("Branch"), 22, "text"),
                (_("General Branch"), 16, "text"),
                (_("Part"), 12, "text"),
                (_("Rule"), 26, "text"),
                (_("Reason"), 36, "text"),
                (_("Points"), 8, "points"),
                (_("Approved by"), 12, "text"),
            ],
            [
                [
                    line.date,
                    line.member_id.name,
                    line.organization_id.name,
                    line.general_branch_id.name or "",
                    parts.get(line.part, ""),
                    line.rule_id.name,
                    line.description or line.meeting_id.name or "",
                    line.points,
                    line.approved_by_id.name or "",
                ]
                for line in lines
            ],
        )
        totals = defaultdict(lambda: dict.fromkeys(PART_KEYS, 0.0))
        for line in lines:
            totals[line.member_id, line.organization_id][line.part] += line.points
        rows = [
            [member.name, branch.name, *by_part.values(), sum(by_part.values())]
            for (member, branch), by_part in sorted(
                totals.items(), key=lambda item: (item[0][1].name, -sum(item[1].values()))
            )
        ]
        self._write_sheet(
            workbook,
            formats,
            _("Totals"),
            title,
            [(_("Member"), 12, "text"), (_("Branch"), 22, "text")]
            + [(parts[key], 11, "points") for key in PART_KEYS]
            + [(_("Total"), 10, "points")],
            rows,
        )
