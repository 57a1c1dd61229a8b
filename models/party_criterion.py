from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

CATEGORIES = [
    ("basic", "Common Basic Task"),
    ("specific", "Type-specific"),
    ("bonus", "Bonus Item"),
]
# Base criteria (common and type-specific) of one branch type total this much;
# bonus items come on top.
BASE_TOTAL = 100.0


class PartyCriterion(models.Model):
    """An evaluation criterion (考评标准) of the catalogue the committee keeps."""

    _name = "party.criterion"
    _description = "Evaluation Criterion"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "category_sequence, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        index="btree_not_null",
        tracking=True,
        help="The criterion's code in the company's scoring sheet (指标代码): the scoring-sheet "
        "import matches a row by its branch type and this code.",
    )
    sequence = fields.Integer(default=10)
    category = fields.Selection(CATEGORIES, required=True, default="specific", tracking=True)
    category_sequence = fields.Integer(compute="_compute_category_sequence", store=True)
    branch_type_ids = fields.Many2many(
        "party.branch.type",
        string="Branch Types",
        tracking=True,
        help="The branch types evaluated on this criterion; empty means every type.",
    )
    max_score = fields.Float(required=True, default=5.0, digits=(5, 1), tracking=True)
    guide = fields.Text(
        string="Scoring Guide",
        translate=True,
        tracking=True,
        help="What earns the points, and what loses them.",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("max_score_positive", "CHECK (max_score > 0)", "The max score must be positive."),
    ]

    @api.constrains("category", "branch_type_ids")
    def _check_category_types(self):
        for criterion in self:
            if criterion.category != "basic" and not criterion.branch_type_ids:
                raise ValidationError(
                    _(
                        "%(name)s is type-specific or a bonus item: choose its branch types.",
                        name=criterion.name,
                    )
                )

    @api.depends("category")
    def _compute_category_sequence(self):
        order = {key: index for index, (key, _label) in enumerate(CATEGORIES)}
        for criterion in self:
            criterion.category_sequence = order.get(criterion.category, 0)

    @api.model
    def _for_branch_types(self, branch_types):
        """Return {branch_type: criteria}, the active criteria a branch of each type
        is evaluated on, in catalogue order (one query)."""
        criteria = self.search(
            [
                "|",
                ("branch_type_ids", "=", False),
                ("branch_type_ids", "in", branch_types.ids),
            ]
        )
        return {
            branch_type: criteria.filtered(
                lambda c, t=branch_type: not c.branch_type_ids or t in c.branch_type_ids
            )
            for branch_type in branch_types
        }
