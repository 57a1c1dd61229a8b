from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PARTS = [
    ("obligation", "Fulfilling Obligations"),
    ("role", "Playing a Role"),
    ("advancement", "Showing Advancement"),
    ("deduction", "Deduction"),
]
AWARD_LEVELS = [
    ("branch", "Branch"),
    ("general_branch", "General Branch"),
    ("committee", "Party Committee"),
]


class PartyPointRule(models.Model):
    """A rule of the points handbook (《党员积分手册》): what earns or loses points."""

    _name = "party.point.rule"
    _description = "Point Rule"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "part_sequence, sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(
        index="btree_not_null",
        tracking=True,
        help="The rule's code in the company's points handbook (规则代码): the handbook "
        "import matches a row by this code.",
    )
    sequence = fields.Integer(default=10)
    part = fields.Selection(PARTS, required=True, default="obligation", tracking=True)
    part_sequence = fields.Integer(compute="_compute_part_sequence", store=True)
    points = fields.Float(
        required=True,
        default=1.0,
        digits=(5, 1),
        tracking=True,
        help="Points of one entry; the default within the range when there is one.",
    )
    points_min = fields.Float(
        string="Minimum",
        digits=(5, 1),
        tracking=True,
        help="With Maximum: a range to choose within.",
    )
    points_max = fields.Float(string="Maximum", digits=(5, 1), tracking=True)
    cap_month = fields.Float(
        string="Cap per Month", digits=(6, 1), tracking=True, help="0 means no cap."
    )
    cap_year = fields.Float(
        string="Cap per Year", digits=(6, 1), tracking=True, help="0 means no cap."
    )
    evidence_required = fields.Boolean(tracking=True)
    award_level = fields.Selection(
        AWARD_LEVELS,
        string="Approved by",
        required=True,
        default="branch",
        tracking=True,
        help="The level whose officers approve entries of this rule.",
    )
    source = fields.Selection(
        [
            ("manual", "Manual"),
            ("meeting", "Meeting Attendance"),
            ("dues", "Dues"),
            ("study", "Study"),
        ],
        required=True,
        default="manual",
        help="Where entries come from: claimed by hand, or generated from records.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("part")
    def _compute_part_sequence(self):
        order = {key: index for index, (key, _label) in enumerate(PARTS)}
        for rule in self:
            rule.part_sequence = order.get(rule.part, 0)

    @api.constrains("part", "points", "points_min", "points_max")
    def _check_points(self):
        for rule in self:
            low, high = rule._range()
            if rule.part == "deduction" and high >= 0:
                raise ValidationError(
                    _(
                        "A deduction rule takes points away: %(name)s must be negative.",
                        name=rule.name,
                    )
                )
            if rule.part != "deduction" and low < 0:
                raise ValidationError(_("Only deductions are negative: %(name)s.", name=rule.name))
            if not low <= rule.points <= high:
                raise ValidationError(
                    _("The points of %(name)s must lie within its range.", name=rule.name)
                )

    @api.constrains("cap_month", "cap_year")
    def _check_caps(self):
        for rule in self:
            if rule.cap_month < 0 or rule.cap_year < 0:
                raise ValidationError(_("Caps cannot be negative."))

    @api.depends("name", "points", "points_min", "points_max", "evidence_required")
    @api.depends_context("party_rule_picker", "lang")
    def _compute_display_name(self):
        """In the claim form's picker (its field's context asks for it, for display
        only): each rule's points, range and whether it needs evidence."""
        picker = self.env.context.get("party_rule_picker")
        for rule in self:
            rule.display_name = (
                f"{rule.name} ({rule._picker_hint()})" if picker and rule.name else rule.name
            )

    def _picker_hint(self):
        """ "2 分 · 1–3 · 需佐证": the points, the range if any, the evidence needed."""
        self.ensure_one()
        low, high = self._range()
        points = f"{self.points:g}"
        parts = [self.env._("%(points)s points", points=points)]
        if low != high:
            parts.append(f"{low:g}–{high:g}")
        if self.evidence_required:
            parts.append(self.env._("evidence needed"))
        return " · ".join(parts)

    def _range(self):
        """(lowest, highest) points an entry of this rule may have."""
        self.ensure_one()
        if self.points_min or self.points_max:
            return min(self.points_min, self.points_max), max(self.points_min, self.points_max)
        return self.points, self.points
