from odoo import api, fields, models


class PartyBranchType(models.Model):
    """Kind of branch (支部类型): branches of one type compete on one standard."""

    _name = "party.branch.type"
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

    def action_view_branches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_organization_action"
        )
        action["domain"] = [("branch_type_id", "=", self.id), ("kind", "=", "branch")]
        action["context"] = {"default_branch_type_id": self.id, "default_kind": "branch"}
        return action
