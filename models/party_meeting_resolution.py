from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyMeetingResolution(models.Model):
    """A resolution voted by a 支部党员大会: valid only at a meeting with its quorum;
    passed when the yes-votes exceed half of the members with a vote who should
    attend (《中国共产党支部工作条例（试行）》)."""

    _name = "party.meeting.resolution"
    _description = "Meeting Resolution"
    _inherit = ["party.guard.mixin"]
    _order = "meeting_id desc, sequence, id"

    _system_fields = frozenset({"organization_id", "passed", "void"})

    meeting_id = fields.Many2one("party.meeting", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        related="meeting_id.organization_id", store=True, string="Branch", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(string="Motion", required=True)
    votes_yes = fields.Integer(string="Yes Votes")
    votes_no = fields.Integer(string="No Votes")
    votes_abstain = fields.Integer(string="Abstentions")
    passed = fields.Boolean(
        compute="_compute_passed",
        store=True,
        help="Yes-votes exceed half of the members with a vote who should attend.",
    )
    void = fields.Boolean(
        readonly=True,
        help="The meeting lost its quorum (or the members with a vote present) after the "
        "vote: the resolution is void and must be voted again.",
    )

    @api.depends("votes_yes", "meeting_id.voter_count", "void")
    def _compute_passed(self):
        for resolution in self:
            voters = resolution.meeting_id.voter_count
            resolution.passed = (
                not resolution.void and bool(voters) and resolution.votes_yes * 2 > voters
            )

    @api.constrains("meeting_id", "votes_yes", "votes_no", "votes_abstain")
    def _check_votes(self):
        for resolution in self:
            meeting = resolution.meeting_id
            if meeting.kind != "member_assembly":
                raise ValidationError(
                    _(
                        "Resolutions are voted by a member assembly, not by %(name)s.",
                        name=meeting.name,
                    )
                )
            if not meeting.quorum_ok:
                raise ValidationError(
                    _(
                        "%(name)s has no quorum (%(present)s of %(voters)s members with a vote "
                        "present, more than half needed): it cannot vote a resolution.",
                        name=meeting.name,
                        present=meeting.voters_present,
                        voters=meeting.voter_count,
                    )
                )
            votes = (resolution.votes_yes, resolution.votes_no, resolution.votes_abstain)
            if min(votes) < 0:
                raise ValidationError(_("Votes cannot be negative."))
            if sum(votes) > meeting.voters_present:
                raise ValidationError(
                    _(
                        "%(votes)s votes on a resolution of %(name)s, but only %(present)s "
                        "members with a vote are present.",
                        votes=sum(votes),
                        name=meeting.name,
                        present=meeting.voters_present,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        resolutions = super().create(vals_list)
        if not self.env.su:
            resolutions._check_meeting_open()
        return resolutions

    def write(self, vals):
        if not self.env.su:
            self._check_meeting_open()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._check_meeting_open()
        return super().unlink()

    def _check_meeting_open(self):
        for meeting in self.meeting_id:
            if meeting.state != "draft":
                raise ValidationError(
                    _(
                        "%(name)s is held or cancelled: reopen it as planned to change it.",
                        name=meeting.name,
                    )
                )
            if not meeting._may_officer():
                raise ValidationError(_("Only the branch's officers record the votes."))
