from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index

from .party_settings import setting

MEETING_KINDS = [
    ("member_assembly", "Member Assembly"),
    ("committee_meeting", "Branch Committee Meeting"),
    ("group_meeting", "Party Group Meeting"),
    ("lecture", "Party Lecture"),
    ("theme_day", "Theme Party Day"),
    ("study", "Study"),
]
LATE_PARAM = "party_quant.late_entry_days"
LATE_DEFAULT = 7
# How far ahead a meeting may be planned.
PLAN_AHEAD_YEARS = 1


class PartyMeeting(models.Model):
    """A meeting of a branch (三会一课, theme day, study) with its attendance; holding
    it awards the attendance points from the record, not from claims."""

    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.evidence.mixin", "party.guard.mixin"]
    _order = "start desc, id desc"

    _transitions = {
        ("draft", "done"): "officer",
        ("draft", "cancelled"): "officer",
        ("done", "cancelled"): "officer",
        ("cancelled", "draft"): "officer",
    }
    # Derived from the record: the date, who was absent, the points it awarded, and
    # whether it was recorded late.
    _system_fields = frozenset({"date", "absentee_ids", "late_entry", "point_line_ids"})

    name = fields.Char(string="Topic", required=True, tracking=True)
    kind = fields.Selection(MEETING_KINDS, required=True, default="member_assembly", tracking=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        domain="[('kind', '=', 'branch')]",
        tracking=True,
    )
    start = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    date = fields.Date(compute="_compute_date", store=True, index=True)
    place = fields.Char()
    hours = fields.Float(digits=(4, 1), help="Length of a study session or lecture.")
    host_id = fields.Many2one("party.member", domain="[('organization_id', '=', organization_id)]")
    minutes = fields.Html()
    resolutions = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_meeting_ir_attachment_rel",
        "meeting_id",
        "attachment_id",
        string="Attachments",
    )
    expected_ids = fields.Many2many(
        "party.member",
        "party_meeting_expected_rel",
        "meeting_id",
        "member_id",
        compute="_compute_expected_ids",
        store=True,
        readonly=False,
        help="The branch's members, or its committee for a committee meeting.",
    )
    attendee_ids = fields.Many2many(
        "party.member", "party_meeting_attendee_rel", "meeting_id", "member_id", string="Attendees"
    )
    absentee_ids = fields.Many2many(
        "party.member",
        "party_meeting_absentee_rel",
        "meeting_id",
        "member_id",
        string="Absentees",
        compute="_compute_absentee_ids",
        store=True,
    )
    leave_reasons = fields.Text(help="Who was excused, and why.")
    state = fields.Selection(
        [("draft", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    late_entry = fields.Boolean(
        readonly=True,
        help="Recorded more than the allowed number of days after the meeting (see settings).",
    )
    point_line_ids = fields.One2many("party.point.line", "meeting_id", string="Points Awarded")
    attendee_count = fields.Integer(compute="_compute_counts")
    expected_count = fields.Integer(compute="_compute_counts")

    @api.depends("start")
    def _compute_date(self):
        for meeting in self:
            meeting.date = (
                fields.Datetime.context_timestamp(meeting, meeting.start).date()
                if meeting.start
                else False
            )

    @api.depends("organization_id", "kind")
    def _compute_expected_ids(self):
        for meeting in self:
            branch = meeting.organization_id
            if meeting.kind == "committee_meeting":
                meeting.expected_ids = branch.committee_member_ids | branch.secretary_id
            else:
                meeting.expected_ids = branch.member_ids

    def init(self):
        # The burst signal: a branch's meetings by creation (party_record_signal.py).
        create_index(
            self.env.cr,
            "party_meeting_organization_create_idx",
            self._table,
            ["organization_id", "create_date"],
        )

    @api.depends("expected_ids", "attendee_ids")
    def _compute_absentee_ids(self):
        for meeting in self:
            meeting.absentee_ids = meeting.expected_ids - meeting.attendee_ids

    @api.depends("expected_ids", "attendee_ids")
    def _compute_counts(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.attendee_ids)
            meeting.expected_count = len(meeting.expected_ids)

    @api.constrains("organization_id")
    def _check_branch(self):
        for meeting in self:
            if meeting.organization_id.kind != "branch":
                raise ValidationError(_("Meetings are held by branches."))

    @api.constrains("hours")
    def _check_hours(self):
        for meeting in self:
            if meeting.hours < 0:
                raise ValidationError(
                    _("The length of %(name)s cannot be negative.", name=meeting.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_values(vals)
        if not self.env.su:
            self._check_start([vals.get("start") for vals in vals_list])
        meetings = super().create(vals_list)
        days = setting(self.env, LATE_PARAM, LATE_DEFAULT)
        today = fields.Date.context_today(self)
        late = meetings.filtered(lambda m: m.date and (today - m.date).days > days)
        if late:
            # Whether the record came late is the system's finding.
            late.sudo().write({"late_entry": True})
        return meetings

    def write(self, vals):
        self._check_values(vals)
        business = {f for f in vals if not f.startswith(("message_", "activity_"))}
        if "state" in vals and business - {"state"}:
            raise UserError(_("Save the meeting, then change its state."))
        if business - {"state", "late_entry"}:
            frozen = self.filtered(lambda m: m.state != "draft")
            if frozen:
                raise UserError(
                    _(
                        "%(name)s is held or cancelled: reopen it as planned to change it.",
                        name=frozen[0].name,
                    )
                )
        if "start" in vals and not self.env.su:
            self._check_start([vals["start"]])
        return super().write(vals)

    def action_done(self):
        """Hold the meetings: award the attendance rule's points to each attendee, as
        approved entries linked to the meeting, within the rule's caps."""
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        """Cancel the meetings; points they awarded are withdrawn (while the month
        is open)."""
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _may_officer(self):
        return self.organization_id._user_is_officer()

    def _check_transition(self, new_state, vals):
        for meeting in self:
            if new_state == "done" and meeting.state != "draft":
                raise UserError(_("%(name)s is not planned.", name=meeting.name))
            if new_state == "draft" and meeting.state != "cancelled":
                raise UserError(_("Only cancelled meetings are planned again."))
        res = super()._check_transition(new_state, vals)
        if new_state == "done":
            today = fields.Date.context_today(self)
            for meeting in self:
                if not meeting.attendee_ids:
                    raise UserError(_("Record who attended %(name)s first.", name=meeting.name))
                if meeting.date > today:
                    raise UserError(_("%(name)s has not been held yet.", name=meeting.name))
        elif new_state == "cancelled":
            self.point_line_ids.filtered(
                lambda line: line.state == "approved"
            )._check_closed_month()
        return res

    def _after_transition(self, moved_from, vals):
        if vals["state"] == "done":
            self._award_points()
        elif vals["state"] == "cancelled":
            lines = self.point_line_ids.filtered(lambda line: line.state == "approved")
            if lines:
                # Withdrawn by the system with the meeting they came from (approved →
                # rejected is the system's move); the totals follow.
                lines.sudo().write(
                    {"state": "rejected", "reject_reason": _("The meeting was cancelled.")}
                )

    @api.model
    def _check_start(self, starts):
        """Meetings are planned at most a year ahead."""
        limit = fields.Datetime.now() + relativedelta(years=PLAN_AHEAD_YEARS)
        for start in starts:
            if start and fields.Datetime.to_datetime(start) > limit:
                raise UserError(
                    _(
                        "A meeting cannot be planned for %(date)s: at most a year ahead.",
                        date=fields.Datetime.to_datetime(start).date(),
                    )
                )

    def _award_points(self):
        """Study sessions earn the study rule; every other meeting the attendance rule."""
        lines = self.env["party.point.line"]
        for rule_xmlid, meetings in (
            ("party_quant.point_rule_study", self.filtered(lambda m: m.kind == "study")),
            ("party_quant.point_rule_attendance", self.filtered(lambda m: m.kind != "study")),
        ):
            if meetings:
                lines |= meetings._award_rule(self.env.ref(rule_xmlid))
        return lines

    def _award_rule(self, rule):
        Line = self.env["party.point.line"].sudo()
        pairs = [(meeting, member) for meeting in self for member in meeting.attendee_ids]
        if not pairs:
            return Line
        # What the cap still allows each member this month (one query).
        used = defaultdict(float)
        for member, month, points in Line._read_group(
            [
                ("state", "=", "approved"),
                ("rule_id", "=", rule.id),
                ("member_id", "in", list({m.id for _meeting, m in pairs})),
            ],
            ["member_id", "date:month"],
            ["points:sum"],
        ):
            used[member.id, month.year, month.month] += points
        vals_list, skipped = [], defaultdict(list)
        for meeting, member in pairs:
            key = (member.id, meeting.date.year, meeting.date.month)
            if rule.cap_month and used[key] + rule.points > rule.cap_month:
                skipped[meeting].append(member.name)
                continue
            used[key] += rule.points
            vals_list.append(
                {
                    "member_id": member.id,
                    "rule_id": rule.id,
                    "date": meeting.date,
                    "points": rule.points,
                    "meeting_id": meeting.id,
                    "description": meeting.name,
                }
            )
        lines = Line._create_approved(vals_list)
        for meeting, names in skipped.items():
            meeting.message_post(
                body=_(
                    "No attendance points for %(names)s: the monthly cap is reached.",
                    names=", ".join(names),
                )
            )
        return lines
