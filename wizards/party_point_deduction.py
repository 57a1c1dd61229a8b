from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PartyPointDeduction(models.TransientModel):
    """扣分: an officer records a deduction in one form (member of their branches,
    deduction rule, evidence, reason); confirming creates the entry and submits it
    for approval in one step, so a mistake leaves no draft behind."""

    _name = "party.point.deduction"
    _description = "Record a Deduction"

    branch_ids = fields.Many2many(
        "party.organization",
        string="Your Branches",
        default=lambda self: self._default_branch_ids(),
        help="The branches the officer serves; the member is chosen among their members.",
    )
    member_id = fields.Many2one(
        "party.member",
        required=True,
        domain="[('organization_id', 'in', branch_ids)]",
    )
    rule_id = fields.Many2one(
        "party.point.rule",
        string="Deduction Rule",
        required=True,
        domain="[('part', '=', 'deduction')]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    points = fields.Float(
        digits=(6, 1), compute="_compute_points", store=True, readonly=False, precompute=True
    )
    description = fields.Text(string="Reason", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_point_deduction_ir_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Evidence",
    )
    rule_evidence_required = fields.Boolean(related="rule_id.evidence_required")

    @api.model
    def _default_branch_ids(self):
        # A filter of the member picker only: the entry checks the officer's branches.
        return self.env.user.party_scope_ids.filtered(lambda org: org.kind == "branch")

    @api.depends("rule_id")
    def _compute_points(self):
        for wizard in self:
            wizard.points = wizard.rule_id.points

    def action_confirm(self):
        """The entry, created as the officer (the entry's own checks apply: officers of
        the member's branch, the rule's range, evidence, reason) and submitted."""
        self.ensure_one()
        if self.rule_id.part != "deduction":
            raise UserError(_("Choose a deduction rule."))
        # sudo: only the member's branch, to say plainly that it is not the officer's
        # (the officer may not read a member of another branch: an access error).
        member = self.member_id.sudo()
        if member.organization_id not in self.env.user.party_scope_ids:
            raise UserError(_("You record deductions for the members of your branches only."))
        line = self.env["party.point.line"].create(
            {
                "member_id": self.member_id.id,
                "rule_id": self.rule_id.id,
                "date": self.date,
                "points": self.points,
                "description": self.description,
                "attachment_ids": [(6, 0, self.attachment_ids.ids)],
            }
        )
        line.action_submit()
        return {
            "type": "ir.actions.act_window",
            "name": _("Deduction"),
            "res_model": "party.point.line",
            "res_id": line.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
