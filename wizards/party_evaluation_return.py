from odoo import fields, models


class PartyEvaluationReturn(models.TransientModel):
    """Ask why evaluations are sent back one level."""

    _name = "party.evaluation.return"
    _description = "Return Evaluation"

    evaluation_ids = fields.Many2many(
        "party.evaluation",
        default=lambda self: self.env["party.evaluation"].browse(
            self.env.context.get("active_ids", [])
        ),
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.evaluation_ids._return(self.reason)
        return {"type": "ir.actions.act_window_close"}
