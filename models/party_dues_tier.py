from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

DUES_CATEGORIES = [
    ("employed", "Employed"),
    ("retired", "Retired"),
    ("other", "Student, Unemployed or on Allowance"),
]


class PartyDuesTier(models.Model):
    """A tier of the party dues (中组部《关于中国共产党党费收缴、使用和管理的规定》, 2008):
    for a category of members and an after-tax monthly income in (lower, upper], a
    share of the income or a fixed amount. The committee updates the table when the
    rules change; a bound belongs to the lower tier (3,000 元 pays 0.5%)."""

    _name = "party.dues.tier"
    _description = "Party Dues Tier"
    _inherit = ["party.guard.mixin"]
    _order = "category, lower_bound, id"

    category = fields.Selection(DUES_CATEGORIES, required=True, index=True)
    lower_bound = fields.Float(
        string="Income Above (元)",
        digits=(12, 2),
        help="The tier starts above this income (from 0 included for the first tier).",
    )
    upper_bound = fields.Float(
        string="Income Up To (元)",
        digits=(12, 2),
        help="The tier ends at this income, included; 0 for no upper bound.",
    )
    rate = fields.Float(string="Rate (%)", digits=(5, 2), help="Share of the monthly income.")
    fixed_amount = fields.Float(
        string="Fixed Amount (元/month)", digits=(10, 2), help="Instead of a rate."
    )
    active = fields.Boolean(default=True)

    @api.depends("category", "lower_bound", "upper_bound", "rate", "fixed_amount")
    def _compute_display_name(self):
        labels = dict(self._fields["category"]._description_selection(self.env))
        for tier in self:
            amount = (
                _("%(amount)s 元", amount=tier.fixed_amount)
                if tier.fixed_amount
                else f"{tier.rate:g}%"
            )
            upper = f"{tier.upper_bound:,.0f}" if tier.upper_bound else "∞"
            tier.display_name = (
                f"{labels.get(tier.category, '')} ({tier.lower_bound:,.0f}, {upper}] {amount}"
            )

    @api.constrains("category", "lower_bound", "upper_bound", "rate", "fixed_amount", "active")
    def _check_tiers(self):
        for tier in self:
            if tier.lower_bound < 0 or tier.upper_bound < 0 or tier.fixed_amount < 0:
                raise ValidationError(_("Incomes and amounts of a dues tier cannot be negative."))
            if tier.upper_bound and tier.upper_bound <= tier.lower_bound:
                raise ValidationError(_("A dues tier's upper bound is above its lower bound."))
            if not 0 <= tier.rate <= 100:
                raise ValidationError(_("A dues rate is between 0 and 100%."))
            if bool(tier.rate) == bool(tier.fixed_amount):
                raise ValidationError(_("A dues tier has either a rate or a fixed amount."))
        for category in set(self.mapped("category")):
            tiers = self.search([("category", "=", category)], order="lower_bound")
            for lower, upper in zip(tiers, tiers[1:], strict=False):
                if not lower.upper_bound or lower.upper_bound > upper.lower_bound:
                    raise ValidationError(
                        _(
                            "The dues tiers of a category cannot overlap: %(tier)s.",
                            tier=upper.display_name,
                        )
                    )

    @api.model
    def _amounts(self, pairs):
        """{(category, base): monthly dues} for the given pairs, from the active tiers
        (one query). 0 when no tier applies."""
        # The tiers are the rules every reader of a member's dues applies (HR reads
        # members without reading the table): hence sudo.
        tiers = self.sudo().search([])
        result = {}
        for category, base in pairs:
            result[category, base] = 0.0
            for tier in tiers:
                if tier.category != category:
                    continue
                if (tier.lower_bound and base <= tier.lower_bound) or (
                    tier.upper_bound and base > tier.upper_bound
                ):
                    continue
                result[category, base] = (
                    tier.fixed_amount
                    if tier.fixed_amount
                    else float_round(base * tier.rate / 100.0, precision_digits=2)
                )
                break
        return result
