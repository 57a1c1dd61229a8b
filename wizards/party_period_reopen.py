from odoo import fields, models


class PartyPeriodReopen(models.TransientModel):
    """Ask why closed periods are reopened."""

    _name = "party.period.reopen"
    _description = "Reopen Period"

    period_ids = fields.Many2many(
        "party.period",
        default=lambda self: self.env["party.period"].browse(
            self.env.context.get("active_ids", [])
        ),
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.period_ids._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
