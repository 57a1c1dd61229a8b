from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from .party_criterion import BASE_TOTAL


class PartyBranchType(models.Model):
    """Kind of branch (支部类型): branches of one type compete on one standard."""

    _name = "party.branch.type"
    _inherit = ["party.guard.mixin"]
    _description = "Branch Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical code used by integrations, e.g. management, service, "
        "operating, production.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    organization_ids = fields.One2many("party.organization", "branch_type_id", string="Branches")
    branch_count = fields.Integer(compute="_compute_branch_count")
    criterion_count = fields.Integer(compute="_compute_criteria_totals")
    base_total = fields.Float(
        compute="_compute_criteria_totals",
        digits=(5, 1),
        help="Max scores of the common and type-specific criteria; must be 100.",
    )
    bonus_total = fields.Float(compute="_compute_criteria_totals", digits=(5, 1))

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a branch type must be unique."),
    ]

    @api.depends("organization_ids")
    def _compute_branch_count(self):
        counts = dict(
            self.env["party.organization"]._read_group(
                [("branch_type_id", "in", self.ids), ("kind", "=", "branch")],
                ["branch_type_id"],
                ["__count"],
            )
        )
        for branch_type in self:
            branch_type.branch_count = counts.get(branch_type, 0)

    def _compute_criteria_totals(self):
        by_type = self.env["party.criterion"]._for_branch_types(self)
        for branch_type in self:
            criteria = by_type.get(branch_type, self.env["party.criterion"])
            bonus = criteria.filtered(lambda c: c.category == "bonus")
            branch_type.criterion_count = len(criteria)
            branch_type.base_total = sum((criteria - bonus).mapped("max_score"))
            branch_type.bonus_total = sum(bonus.mapped("max_score"))

    def _check_criteria_total(self):
        """Refuse to evaluate branches of a type whose base criteria do not total 100."""
        for branch_type in self:
            if float_compare(branch_type.base_total, BASE_TOTAL, precision_digits=1):
                raise UserError(
                    _(
                        "The criteria of the branch type %(type)s total %(total)s points; "
                        "the committee must bring them to %(expected)s before branches of "
                        "this type are evaluated.",
                        type=branch_type.name,
                        total=branch_type.base_total,
                        expected=BASE_TOTAL,
                    )
                )

    def action_view_criteria(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_criterion_action")
        action["domain"] = [
            "|",
            ("branch_type_ids", "=", False),
            ("branch_type_ids", "in", self.ids),
        ]
        action["context"] = {"default_branch_type_ids": self.ids}
        return action

    def action_view_branches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_organization_action"
        )
        action["domain"] = [("branch_type_id", "=", self.id), ("kind", "=", "branch")]
        action["context"] = {"default_branch_type_id": self.id, "default_kind": "branch"}
        return action
