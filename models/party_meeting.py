from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

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


class PartyMeeting(models.Model):
    """A meeting of a branch (三会一课, theme day, study) with its attendance; holding
    it awards the attendance points from the record, not from claims."""

    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.evidence.mixin", "party.guard.mixin"]
    _order = "start desc, id desc"

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

    @api.model_create_multi
    def create(self, vals_list):
        meetings = super().create(vals_list)
        days = setting(self.env, LATE_PARAM, LATE_DEFAULT)
        today = fields.Date.context_today(self)
        late = meetings.filtered(lambda m: m.date and (today - m.date).days > days)
        if late:
            late.write({"late_entry": True})
        return meetings

    def write(self, vals):
        if set(vals) - {"state", "late_entry"} and any(
            not f.startswith(("message_", "activity_")) for f in vals
        ):
            frozen = self.filtered(lambda m: m.state != "draft")
            if frozen:
                raise UserError(
                    _(
                        "%(name)s is held or cancelled: reopen it as planned to change it.",
                        name=frozen[0].name,
                    )
                )
        return super().write(vals)

    def action_done(self):
        """Hold the meetings: award the attendance rule's points to each attendee, as
        approved entries linked to the meeting, within the rule's caps."""
        for meeting in self:
            if meeting.state != "draft":
                raise UserError(_("%(name)s is not planned.", name=meeting.name))
            if not meeting.attendee_ids:
                raise UserError(_("Record who attended %(name)s first.", name=meeting.name))
        self.write({"state": "done"})
        self._award_points()
        return True

    def action_cancel(self):
        """Cancel the meetings; points they awarded are withdrawn (while the month
        is open)."""
        lines = self.point_line_ids.filtered(lambda line: line.state == "approved")
        lines._check_closed_month()
        self.write({"state": "cancelled"})
        if lines:
            # Withdrawn by the system with the meeting they came from; approved entries
            # are otherwise immutable, hence the low-level write.
            lines.sudo()._write(
                {"state": "rejected", "reject_reason": _("The meeting was cancelled.")}
            )
            lines.invalidate_recordset(["state", "reject_reason"])
            lines.member_id._update_points_total()
        return True

    def action_draft(self):
        if self.filtered(lambda m: m.state != "cancelled"):
            raise UserError(_("Only cancelled meetings are planned again."))
        self.write({"state": "draft"})

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
