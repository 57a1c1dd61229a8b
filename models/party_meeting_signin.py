import hmac

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_guard import RECORDED


class PartyMeetingSignin(models.Model):
    """A line of a meeting's attendance log: a member's sign-in by phone (the QR code),
    or an officer's correction with its reason. The attendance follows each line."""

    _name = "party.meeting.signin"
    _description = "Meeting Sign-in"
    _order = "meeting_id desc, signin_time, id"
    _inherit = ["party.guard.mixin"]
    _rec_name = "member_id"

    # When, how and by whom: the system's, from the request.
    _system_fields = frozenset({"organization_id", "signin_time", "method", "user_id"})
    # One's own attendance is corrected by another officer.
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({RECORDED})

    meeting_id = fields.Many2one("party.meeting", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        related="meeting_id.organization_id", store=True, string="Branch", index=True
    )
    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="cascade")
    parent_expected_ids = fields.Many2many(related="meeting_id.expected_ids")
    signin_time = fields.Datetime(string="Time", readonly=True, default=fields.Datetime.now)
    method = fields.Selection(
        [("phone", "Signed in by Phone"), ("officer", "Corrected by an Officer")],
        readonly=True,
        default="officer",
        required=True,
    )
    present = fields.Boolean(default=True, help="Present (ticked) or absent.")
    reason = fields.Text(help="Why an officer corrected the attendance.")
    user_id = fields.Many2one(
        "res.users", string="Recorded by", readonly=True, default=lambda self: self.env.user
    )

    @api.constrains("member_id", "meeting_id")
    def _check_member(self):
        for line in self:
            line.meeting_id._check_expected(line.member_id)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            # A user's line is an officer's correction: with a reason, on a planned
            # meeting of their branch.
            for line in lines:
                meeting = line.meeting_id
                if not meeting._may_officer():
                    raise UserError(_("Only the branch's officers correct the attendance."))
                if not (line.reason or "").strip():
                    raise UserError(_("Give the reason of the correction."))
        lines._apply()
        return lines

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("A sign-in is kept as recorded: add a correction instead."))
        return super().write(vals)

    def _apply(self):
        """The attendance follows the lines (the system applies what was recorded); the
        corrections are logged on the meeting."""
        for meeting in self.meeting_id:
            if meeting.state != "draft":
                raise UserError(
                    _(
                        "%(name)s is held or cancelled: reopen it as planned to change it.",
                        name=meeting.name,
                    )
                )
            lines = self.filtered(lambda line, meeting=meeting: line.meeting_id == meeting)
            commands = [(4 if line.present else 3, line.member_id.id) for line in lines]
            # The attendance is derived from the sign-ins and corrections.
            meeting.sudo().write({"attendee_ids": commands})
            for line in lines.filtered(lambda line: line.method == "officer"):
                meeting.message_post(
                    body=_(
                        "Attendance corrected by %(user)s: %(member)s %(status)s. Reason: "
                        "%(reason)s",
                        user=line.user_id.name,
                        member=line.member_id.name,
                        status=_("present") if line.present else _("absent"),
                        reason=line.reason,
                    )
                )

    @api.model
    def _sign_in(self, meeting_id, token, user):
        """The phone's sign-in of ``user`` to the meeting: (status, meeting) where the
        status is ``ok``, ``already``, ``unknown``, ``not_expected``, ``closed``,
        ``early`` or ``late``. Run by the system for the user the request
        authenticated: members may not write meetings."""
        meeting = self.env["party.meeting"].sudo().browse(meeting_id).exists()
        if not meeting or not token or not hmac.compare_digest(meeting.signin_token or "", token):
            return "unknown", meeting.browse()
        member = meeting.expected_ids & user.party_member_ids
        if not member:
            return "not_expected", meeting
        if meeting.state != "draft":
            return "closed", meeting
        opens, closes = meeting._signin_window()
        now = fields.Datetime.now()
        if now < opens:
            return "early", meeting
        if now > closes:
            return "late", meeting
        if member[:1] in meeting.attendee_ids and meeting.signin_ids.filtered(
            lambda line: line.member_id == member[:1] and line.method == "phone"
        ):
            return "already", meeting
        # Recorded by the system for the authenticated user.
        self.sudo().create(
            {
                "meeting_id": meeting.id,
                "member_id": member[:1].id,
                "method": "phone",
                "present": True,
                "user_id": user.id,
                "signin_time": now,
            }
        )
        return "ok", meeting
