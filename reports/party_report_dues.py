from odoo import fields, models
from odoo.exceptions import AccessError


class PartyReportDuesPublication(models.AbstractModel):
    """党费收缴情况公示: each branch's dues of a year, month by month, through the
    project's layout (charset, running line, page numbers)."""

    _name = "report.party_quant.report_dues_publication"
    _inherit = "report.party_quant.abstract"
    _description = "Dues Collected (yearly publication)"

    def _year(self, data):
        return self.env["report.party_quant.abstract"]._data_year(data)

    def _report_values(self, docs, data):
        """Each branch's dues of the year by month, from one grouped read (the
        reader's rules apply)."""
        year = self._year(data)
        rows = {}
        for org, month, count, due, paid, arrears in self.env["party.dues"]._read_group(
            [
                ("organization_id", "child_of", docs.ids),
                ("month", ">=", f"{year}-01-01"),
                ("month", "<=", f"{year}-12-31"),
            ],
            ["organization_id", "month:month"],
            ["__count", "amount_due:sum", "amount_paid:sum", "arrears:sum"],
            order="month:month",
        ):
            rows.setdefault(org.id, []).append(
                {
                    "month": month.strftime("%Y-%m"),
                    "month_label": self._month_label(month),
                    "count": count,
                    "due": due,
                    "paid": paid,
                    "arrears": arrears,
                }
            )
        return {
            "year": year,
            "year_label": self._year_label(year),
            "dues_rows": rows,
            "printed_on": self._format_date(fields.Date.context_today(self)),
        }

    def _running_period(self, docs, data):
        return self._year_label(self._year(data or {}))


class PartyReportMeetingSignin(models.AbstractModel):
    """签到二维码: the sheet put at a meeting's door, one page per meeting."""

    _name = "report.party_quant.report_meeting_signin"
    _inherit = "report.party_quant.abstract"
    _description = "Meeting Sign-in QR Code"

    def _report_values(self, docs, data):
        """The sheet holds the meeting's secret link: for its branch's officers only,
        refused (403) before anything is rendered."""
        if not self.env.su and not all(meeting._may_officer() for meeting in docs):
            raise AccessError(self.env._("Only the branch's officers print its sign-in QR code."))
        return {
            "qr_codes": {meeting.id: meeting._signin_qr_data_uri() for meeting in docs},
            "starts": {meeting.id: meeting._signin_local(meeting.start) for meeting in docs},
        }
