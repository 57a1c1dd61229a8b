"""Study hours (学时): every member's hours of the year, from the study meetings and
party lectures they attended and their other study records, against 32 a year (56 for
branch secretaries and committee members; settings)."""

from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_duty import study_required_sql, study_sources_sql

# Hours of one study record at most (a day of training).
MAX_RECORD_HOURS = 24.0


class PartyStudyRecord(models.Model):
    """Study outside the branch's meetings: an online course, a training, a session of
    the committee's party school."""

    _name = "party.study.record"
    _description = "Study Record"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "date desc, id desc"
    # The member's branch, kept from the member.
    _system_fields = frozenset({"organization_id"})

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade", tracking=True
    )
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Branch", index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    hours = fields.Float(digits=(4, 1), required=True, tracking=True)
    subject = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        [
            ("online", "Online Course"),
            ("training", "Training"),
            ("school", "Party School"),
            ("other", "Other"),
        ],
        required=True,
        default="online",
    )

    @api.constrains("hours", "date")
    def _check_record(self):
        today = fields.Date.context_today(self)
        for record in self:
            if not 0 < record.hours <= MAX_RECORD_HOURS:
                raise ValidationError(
                    _(
                        "The hours of %(subject)s are between 0 and %(max)s.",
                        subject=record.subject,
                        max=MAX_RECORD_HOURS,
                    )
                )
            if record.date > today:
                raise ValidationError(_("Study is recorded once it took place."))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._refresh_duties()
        return records

    def write(self, vals):
        organizations = self.organization_id
        res = super().write(vals)
        if vals.keys() & {"member_id", "date", "hours"}:
            self._refresh_duties(organizations)
        return res

    def unlink(self):
        organizations = self.organization_id
        res = super().unlink()
        self.env["party.duty"].sudo()._refresh(organizations, ("study_hours",))
        return res

    def _refresh_duties(self, organizations=None):
        # The study-hours duties follow from the hours (the system's).
        self.env["party.duty"].sudo()._refresh(
            self.organization_id | (organizations or self.organization_id.browse()),
            ("study_hours",),
        )


class PartyMember(models.Model):
    _inherit = "party.member"

    study_hours_year = fields.Float(
        string="Study Hours This Year",
        digits=(6, 1),
        compute="_compute_study_hours",
        help="Study meetings and party lectures attended (held), and other study records, "
        "this year.",
    )
    study_hours_required = fields.Float(
        digits=(6, 1),
        compute="_compute_study_hours",
        help="32 a year, 56 for branch secretaries and committee members (settings).",
    )
    study_hours_behind = fields.Boolean(
        string="Behind on Study Hours",
        compute="_compute_study_hours",
        search="_search_study_hours_behind",
    )
    study_record_ids = fields.One2many("party.study.record", "member_id", string="Study Records")

    def _compute_study_hours(self):
        year = fields.Date.context_today(self).year
        hours = self._study_hours_map(year)
        required = self._study_hours_required_map()
        for member in self:
            member.study_hours_year = hours.get(member.id, 0.0)
            member.study_hours_required = required.get(member.id, 0.0)
            member.study_hours_behind = member.study_hours_year < member.study_hours_required

    def _study_hours_map(self, year):
        """{member id: study hours of ``year``}, one query for all the members."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT src.member_id, SUM(src.hours) FROM (%s) AS src
                    WHERE src.member_id IN %s AND src.date BETWEEN %s AND %s
                 GROUP BY src.member_id""",
                study_sources_sql(),
                tuple(ids),
                date(year, 1, 1),
                date(year, 12, 31),
            )
        )
        return dict(self.env.cr.fetchall())

    def _study_hours_required_map(self):
        """{member id: yearly study hours required}, one query."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT m.id, %s FROM party_member m WHERE m.id IN %s",
                study_required_sql(self.env, SQL("m.id")),
                tuple(ids),
            )
        )
        return dict(self.env.cr.fetchall())

    def _search_study_hours_behind(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search behind on study hours with = or !=."))
        year = fields.Date.context_today(self).year
        behind = SQL(
            """(SELECT m.id FROM party_member m
                WHERE COALESCE((SELECT SUM(src.hours) FROM (%(sources)s) AS src
                                 WHERE src.member_id = m.id
                                   AND src.date BETWEEN %(start)s AND %(end)s), 0)
                      < %(required)s)""",
            sources=study_sources_sql(),
            start=date(year, 1, 1),
            end=date(year, 12, 31),
            required=study_required_sql(self.env, SQL("m.id")),
        )
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", behind)]

    def action_view_study_records(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_study_record_action"
        )
        action["domain"] = [("member_id", "=", self.id)]
        action["context"] = {"default_member_id": self.id}
        return action
