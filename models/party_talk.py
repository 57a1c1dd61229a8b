from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_guard import RECORDED


class PartyTalk(models.Model):
    """A heart-to-heart talk (谈心谈话): who talked with whom, when, about what. A talk
    between a member and someone of the branch committee fulfils both persons' talk
    duties of the year."""

    _name = "party.talk"
    _description = "Talk"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "date desc, id desc"
    # A talk is recorded by someone else than those talked with (never with oneself).
    _guard_subject_field = "member_ids"
    _guard_deciding_states = frozenset({RECORDED})

    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        domain="[('kind', '=', 'branch')]",
        tracking=True,
    )
    talker_id = fields.Many2one(
        "party.member",
        string="Talked by",
        required=True,
        index=True,
        tracking=True,
        help="The secretary, a committee member or a member who held the talk.",
    )
    member_ids = fields.Many2many(
        "party.member",
        "party_talk_member_rel",
        "talk_id",
        "member_id",
        string="Talked with",
        required=True,
        domain="[('organization_id', '=', organization_id)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    topics = fields.Char(required=True, tracking=True)
    notes = fields.Text()

    @api.depends("talker_id", "member_ids", "date")
    def _compute_display_name(self):
        for talk in self:
            names = ", ".join(talk.member_ids.mapped("name")[:3])
            talk.display_name = f"{talk.talker_id.name or ''} → {names} ({talk.date or ''})"

    @api.constrains("talker_id", "member_ids", "date", "organization_id")
    def _check_talk(self):
        today = fields.Date.context_today(self)
        # Read as the system: a member of another branch is not the user's to read.
        for talk in self.sudo():
            if not talk.member_ids:
                raise ValidationError(
                    _("Say whom %(talker)s talked with.", talker=talk.talker_id.name)
                )
            if talk.talker_id in talk.member_ids:
                raise ValidationError(
                    _("%(talker)s cannot talk with themselves.", talker=talk.talker_id.name)
                )
            if talk.date > today:
                raise ValidationError(_("A talk is recorded once it took place."))
            if talk.organization_id.kind != "branch":
                raise ValidationError(_("Talks are recorded by branches."))
            outsiders = talk.member_ids.filtered(
                lambda m, t=talk: m.organization_id != t.organization_id
            )
            if outsiders:
                raise ValidationError(
                    _(
                        "%(members)s are not members of %(branch)s.",
                        members=", ".join(outsiders.mapped("name")),
                        branch=talk.organization_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        talks = super().create(vals_list)
        talks._refresh_duties()
        return talks

    def write(self, vals):
        organizations = self.organization_id
        res = super().write(vals)
        if vals.keys() & {"talker_id", "member_ids", "date", "organization_id"}:
            self._refresh_duties(organizations)
        return res

    def unlink(self):
        organizations = self.organization_id
        res = super().unlink()
        self.env["party.duty"].sudo()._refresh(organizations, ("talk",))
        return res

    def _refresh_duties(self, organizations=None):
        # The talk duties follow from the talks (the system's).
        self.env["party.duty"].sudo()._refresh(
            self.organization_id | (organizations or self.organization_id.browse()), ("talk",)
        )
