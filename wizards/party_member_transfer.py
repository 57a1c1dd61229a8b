from odoo import _, fields, models
from odoo.exceptions import UserError


class PartyMemberTransfer(models.TransientModel):
    """Move members to another branch from a given date, keeping their history."""

    _name = "party.member.transfer"
    _description = "Transfer Party Members"

    member_ids = fields.Many2many("party.member", string="Members", required=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="New Branch",
        required=True,
        domain="[('kind', '=', 'branch')]",
    )
    date = fields.Date(string="Transfer Date", required=True, default=fields.Date.context_today)
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        staying = self.member_ids.filtered(lambda m: m.organization_id == self.organization_id)
        if staying:
            raise UserError(
                _(
                    "%(members)s already belong to %(org)s.",
                    members=", ".join(staying.mapped("name")),
                    org=self.organization_id.name,
                )
            )
        self.member_ids.with_context(
            party_transfer_date=self.date, party_transfer_reason=self.reason
        ).write({"organization_id": self.organization_id.id})
        self.member_ids._message_log_batch(
            bodies={
                member.id: _(
                    "Transferred to %(org)s from %(date)s: %(reason)s",
                    org=self.organization_id.name,
                    date=self.date,
                    reason=self.reason,
                )
                for member in self.member_ids
            }
        )
        if self.env["party.member"].search_count([("id", "in", self.member_ids.ids)]) < len(
            self.member_ids
        ):
            # Moved out of the user's scope: their form cannot be shown any more.
            return self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_member_action")
        return {"type": "ir.actions.act_window_close"}
