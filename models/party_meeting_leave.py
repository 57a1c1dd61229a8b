from odoo import _, api, fields, models
from odoo.exceptions import UserError

LEAVE_TODO = "party_quant.mail_activity_type_leave"


def _leave_message(leave, env):
    """What the member reads of the decision on their leave request, in ``env``'s
    language."""
    values = {
        "meeting": leave.meeting_id.name,
        "start": fields.Datetime.context_timestamp(leave, leave.meeting_id.start).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "user": leave.env.user.name,
    }
    return {
        "approved": env._(
            "Your leave from %(meeting)s (%(start)s) is approved by %(user)s.", **values
        ),
        "refused": env._(
            "Your leave from %(meeting)s (%(start)s) is refused by %(user)s: "
            "please attend, or speak to your branch secretary.",
            **values,
        ),
        "requested": env._(
            "Your leave from %(meeting)s (%(start)s) is being reconsidered by %(user)s.",
            **values,
        ),
    }[leave.state]


class PartyMeetingLeave(models.Model):
    """A leave request (请假) for a meeting: asked before it starts, by the member or an
    officer for them, and approved by an officer; an approved leave turns the member's
    absence into an excused one."""

    _name = "party.meeting.leave"
    _description = "Meeting Leave Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin", "party.decision.mixin"]
    _order = "meeting_id desc, id"
    _rec_name = "member_id"

    _initial_state = "requested"
    _transitions = {
        ("requested", "approved"): "officer",
        ("requested", "refused"): "officer",
        ("approved", "requested"): "officer",
        ("refused", "requested"): "officer",
    }
    # Who decided and when, and the branch of the meeting: the system's.
    _system_fields = frozenset({"organization_id", "decided_by_id", "decided_on", "requested_on"})
    # An officer's own leave is decided by another officer.
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({"approved", "refused"})

    meeting_id = fields.Many2one("party.meeting", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        related="meeting_id.organization_id", store=True, string="Branch", index=True
    )
    member_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.party_member_id,
    )
    reason = fields.Text(required=True)
    requested_on = fields.Datetime(readonly=True, default=fields.Datetime.now)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        default="requested",
        required=True,
        tracking=True,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "meeting_member_uniq",
            "unique(meeting_id, member_id)",
            "A member asks for leave from a meeting once.",
        ),
    ]

    @api.depends("member_id", "meeting_id")
    def _compute_display_name(self):
        for leave in self:
            leave.display_name = _(
                "%(member)s: leave from %(meeting)s",
                member=leave.member_id.name or "",
                meeting=leave.meeting_id.name or "",
            )

    @api.constrains("member_id", "meeting_id")
    def _check_member(self):
        for leave in self:
            leave.meeting_id._check_expected(leave.member_id)

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        if not self.env.su:
            now = fields.Datetime.now()
            for leave in leaves:
                meeting = leave.meeting_id
                if meeting.state != "draft" or meeting.start <= now:
                    raise UserError(
                        _(
                            "Leave is asked before %(meeting)s starts.",
                            meeting=meeting.name,
                        )
                    )
                officer = meeting._may_officer()
                if not officer and leave.member_id not in self.env.user.party_member_ids:
                    raise UserError(_("Members ask for leave for themselves."))
        leaves._schedule_decision()
        return leaves

    def write(self, vals):
        business = {f for f in vals if not f.startswith(("message_", "activity_"))} - {"state"}
        if business and not self.env.su:
            decided = self.filtered(lambda leave: leave.state != "requested")
            if decided or self.meeting_id.filtered(lambda m: m.state != "draft"):
                raise UserError(_("A decided leave request, or one of a held meeting, is kept."))
        return super().write(vals)

    def _may_officer(self):
        return self.meeting_id._may_officer() and self.meeting_id.state == "draft"

    def _after_transition(self, moved_from, vals):
        # An approved leave leaves the member off a member assembly's list (and its
        # attendance, which follows the list: the system's); its quorum and votes are
        # checked again.
        for leave in self.filtered(lambda leave: leave.state == "approved"):
            meeting = leave.meeting_id
            if meeting.kind == "member_assembly" and leave.member_id in meeting.attendee_ids:
                meeting.sudo().write({"attendee_ids": [(3, leave.member_id.id)]})
        self.meeting_id._recheck_resolutions()
        decided = vals["state"] != "requested"
        # Who decided is recorded by the system.
        self.sudo().write(
            {
                "decided_by_id": self.env.user.id if decided else False,
                "decided_on": fields.Datetime.now() if decided else False,
            }
        )
        # The officers' to-do goes with the decision (and comes back when it is
        # reconsidered); the member is told either way.
        self._decision_done(LEAVE_TODO)
        if not decided:
            self._schedule_decision()
        self._decision_notify(lambda leave: leave.member_id.user_id.partner_id, _leave_message)

    def _schedule_decision(self):
        """A to-do for the branch's officers (not for the member asking), due when the
        meeting starts."""
        self._decision_todo(
            LEAVE_TODO,
            lambda leave: leave.organization_id._level_users("branch")
            - leave.sudo().member_id.user_id,
            lambda leave: fields.Date.context_today(leave, leave.meeting_id.start),
        )

    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_refuse(self):
        self.write({"state": "refused"})
        return True

    def action_reset(self):
        self.write({"state": "requested"})
        return True
