"""Study hours (学时): every member's hours of the year, from the study meetings and
party lectures they attended and their other study records, against 32 a year (56 for
branch secretaries and committee members; settings)."""

from collections import defaultdict
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare

from .party_settings import SETTINGS, setting

# Hours of one study record at most (a day of training).
MAX_RECORD_HOURS = 24.0
STUDY_PARAMS = {
    "member": SETTINGS["study_hours_member"],
    "officer": SETTINGS["study_hours_officer"],
}
# The most study hours a member may record on one day, over all their records.
DAY_PARAM = SETTINGS["study_day_max_hours"]
# Meetings whose hours count as study hours (学时).
STUDY_MEETING_KINDS = ("study", "lecture")
# Fields of a record that an approval settles.
RECORD_FIELDS = frozenset({"member_id", "date", "hours", "subject", "kind"})


def study_required_sql(env, member_column):
    """SQL: the yearly study hours required of the member in ``member_column``: the
    officers' (a branch secretary or committee member) or every member's (settings)."""
    return SQL(
        """CASE WHEN EXISTS (SELECT 1 FROM party_organization_committee_member_rel c
                              WHERE c.member_id = %(member)s)
                  OR EXISTS (SELECT 1 FROM party_organization o
                              WHERE o.secretary_id = %(member)s AND o.active)
                THEN %(officer)s ELSE %(plain)s END""",
        member=member_column,
        officer=setting(env, *STUDY_PARAMS["officer"]),
        plain=setting(env, *STUDY_PARAMS["member"]),
    )


def study_sources_sql():
    """SQL rows (member_id, date, hours) of every study record that counts: study
    meetings and party lectures attended (held), and the other study records (online
    courses...) once an officer other than the member approved them."""
    return SQL(
        """SELECT rel.member_id, m.date, COALESCE(m.hours, 0)::float8 AS hours
             FROM party_meeting_attendee_rel rel
             JOIN party_meeting m ON m.id = rel.meeting_id
            WHERE m.state = 'done' AND m.kind IN %s
        UNION ALL
           SELECT s.member_id, s.date, s.hours::float8 FROM party_study_record s
            WHERE s.state = 'approved'""",
        STUDY_MEETING_KINDS,
    )


class PartyStudyRecord(models.Model):
    """Study outside the branch's meetings: an online course, a training, a session of
    the committee's party school."""

    _name = "party.study.record"
    _description = "Study Record"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "date desc, id desc"
    # The member's branch, kept from the member; who decided and when.
    _system_fields = frozenset({"organization_id", "decided_by_id", "decided_on"})
    # Recorded by an officer, decided by an officer other than the member (issue 20):
    # only approved records count to the study hours.
    _transitions = {
        ("draft", "submitted"): "recorder",
        ("draft", "approved"): "officer",
        ("draft", "refused"): "officer",
        ("submitted", "approved"): "officer",
        ("submitted", "refused"): "officer",
        ("submitted", "draft"): "recorder",
        ("refused", "draft"): "recorder",
    }
    # The guard's "the subject of a record may not take its deciding transitions".
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({"approved", "refused"})

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
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        help="Only approved records count to the study hours; an officer other than the "
        "member approves them.",
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_on = fields.Datetime(readonly=True)

    @api.constrains("hours", "date", "member_id", "state")
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
        self._check_day_limit()

    def _check_day_limit(self):
        """A member's records of a day (all but the refused) add up to the day's limit
        at most (settings): one grouped read for every member and day concerned."""
        limit = setting(self.env, *DAY_PARAM)
        records = self.filtered(lambda r: r.state != "refused")
        if not records:
            return
        totals = defaultdict(float)
        for member, day, hours in self._read_group(
            [
                ("member_id", "in", records.member_id.ids),
                ("date", "in", list(set(records.mapped("date")))),
                ("state", "!=", "refused"),
            ],
            ["member_id", "date:day"],
            ["hours:sum"],
        ):
            totals[member.id, day] = hours
        for record in records:
            total = totals[record.member_id.id, record.date]
            if float_compare(total, limit, precision_digits=1) > 0:
                raise ValidationError(
                    _(
                        "%(member)s would have %(hours)s study hours on %(date)s: at most "
                        "%(limit)s hours a day (settings).",
                        member=record.member_id.name,
                        hours=total,
                        date=record.date,
                        limit=limit,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._refresh_duties()
        return records

    def write(self, vals):
        if not self.env.su and vals.keys() & RECORD_FIELDS:
            settled = self.filtered(lambda r: r.state in ("submitted", "approved"))
            if settled:
                raise UserError(
                    _(
                        "%(subject)s is submitted or approved: it is kept as it was decided.",
                        subject=settled[0].subject,
                    )
                )
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

    def action_submit(self):
        self.write({"state": "submitted"})
        return True

    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_refuse(self):
        self.write({"state": "refused"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _may_recorder(self):
        """The officers of the member's branch record, submit and correct."""
        return self.organization_id._user_is_officer()

    def _may_officer(self):
        """An officer of the member's branch (or above) decides, never the member:
        nobody approves their own study hours."""
        return (
            self.organization_id._user_is_officer()
            and self.member_id not in self.env.user.party_member_ids
        )

    def _after_transition(self, moved_from, vals):
        decided = vals["state"] in self._guard_deciding_states
        # Who decided and when: the system's record.
        self.sudo().write(
            {
                "decided_by_id": self.env.user.id if decided else False,
                "decided_on": fields.Datetime.now() if decided else False,
            }
        )
        self._refresh_duties()

    def _refresh_duties(self, organizations=None):
        # The members' hours are computed from the records: read them again.
        self.env["party.member"].invalidate_model(
            ["study_hours_year", "study_hours_required", "study_hours_behind"]
        )
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
