from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyMemberMembership(models.Model):
    """One stay of a member in a branch, from ``date_start`` to ``date_end``."""

    _name = "party.member.membership"
    _inherit = ["party.guard.mixin"]
    _description = "Branch Membership History"
    _order = "member_id, date_start desc, id desc"

    member_id = fields.Many2one("party.member", required=True, ondelete="cascade", index=True)
    organization_id = fields.Many2one(
        "party.organization", string="Branch", required=True, ondelete="restrict", index=True
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", help="Empty while the member is still in the branch.")
    note = fields.Char(string="Transfer Reason")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for row in self:
            if row.date_end and row.date_end < row.date_start:
                raise ValidationError(
                    _(
                        "A branch stay of %(member)s cannot end before it starts.",
                        member=row.member_id.name,
                    )
                )
