from odoo import fields, models


class PartyPointReject(models.TransientModel):
    """Ask why point entries are rejected."""

    _name = "party.point.reject"
    _description = "Reject Point Entry"

    line_ids = fields.Many2many(
        "party.point.line",
        default=lambda self: self.env["party.point.line"].browse(
            self.env.context.get("active_ids", [])
        ),
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.line_ids._reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
