from odoo import api, fields, models


class PartyPointAppealDecide(models.TransientModel):
    """The decision of an appeal in one step: the decision, the outcome and the
    points (with the rule of a missing credit, 漏记) are checked first, then written
    with the move of the appeal; a decision that fails leaves nothing behind."""

    _name = "party.point.appeal.decide"
    _description = "Decide a Points Appeal"

    appeal_id = fields.Many2one("party.point.appeal", required=True, ondelete="cascade")
    entry_rule_id = fields.Many2one(related="appeal_id.point_line_id.rule_id", string="Entry Rule")
    entry_points = fields.Float(
        related="appeal_id.point_line_id.points", string="Entry Points", digits=(6, 1)
    )
    reason = fields.Text(related="appeal_id.reason", string="Reason of the Appeal")
    outcome = fields.Selection(
        [
            ("uphold", "Refuse the appeal: the entry stays"),
            ("correct", "Correct the entry's points"),
            ("missing", "Add a missing credit"),
        ],
        required=True,
        default="uphold",
    )
    rule_id = fields.Many2one(
        "party.point.rule",
        string="Rule of the Missing Credit",
        domain="[('part', '!=', 'deduction')]",
    )
    points = fields.Float(
        string="Correct Points",
        digits=(6, 1),
        compute="_compute_points",
        store=True,
        readonly=False,
        precompute=True,
        help="What the entry should have given (0 withdraws it), or the missing credit's "
        "points, within its rule's range.",
    )
    decision = fields.Text(required=True)

    @api.depends("outcome", "rule_id", "appeal_id")
    def _compute_points(self):
        for wizard in self:
            if wizard.outcome == "missing":
                wizard.points = wizard.rule_id.points
            else:
                wizard.points = wizard.appeal_id.point_line_id.points

    def action_confirm(self):
        self.ensure_one()
        appeal = self.appeal_id
        if self.outcome == "uphold":
            appeal.write({"decision": self.decision})
            appeal.action_uphold()
        else:
            rule = self.rule_id if self.outcome == "missing" else appeal.point_line_id.rule_id
            if self.outcome == "missing" and not rule:
                rule = self.env["party.point.rule"]
            # Checked before anything is written.
            appeal._check_decision(rule, self.points)
            appeal.write(
                {
                    "decision": self.decision,
                    "correct_points": self.points,
                    "correct_rule_id": rule.id if self.outcome == "missing" else False,
                }
            )
            appeal.action_correct()
        return {"type": "ir.actions.act_window_close"}
