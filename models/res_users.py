from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    party_organization_ids = fields.Many2many(
        "party.organization",
        "party_organization_res_users_rel",
        "user_id",
        "organization_id",
        string="Managed Party Organizations",
        help="The organizations this user manages as an officer: their scope for "
        "branch and general-branch rights.",
    )
    party_member_ids = fields.One2many("party.member", "user_id", string="Party Member Records")
    party_member_id = fields.Many2one(
        "party.member",
        compute="_compute_party_member_id",
        search="_search_party_member_id",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["party_organization_ids", "party_member_id"]

    @api.depends("party_member_ids")
    def _compute_party_member_id(self):
        for user in self:
            user.party_member_id = user.party_member_ids[:1]

    def _search_party_member_id(self, operator, value):
        return [("party_member_ids", operator, value)]

    def write(self, vals):
        res = super().write(vals)
        if "party_organization_ids" in vals:
            # Officer scopes feed the record rules, whose domains are cached.
            self.env.registry.clear_cache()
        return res
