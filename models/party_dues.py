from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class PartyDues(models.Model):
    """A member's party dues (党费) for a month: due, paid, and when. Paying in full
    by the end of the month earns the dues rule's points."""

    _name = "party.dues"
    _description = "Party Dues"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "month desc, member_id"

    # Derived from the amounts, or set when the points are awarded.
    _system_fields = frozenset({"organization_id", "state", "arrears", "point_line_id"})

    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="restrict")
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Branch"
    )
    month = fields.Date(
        required=True, index=True, help="Any day of the month; stored as its first day."
    )
    amount_due = fields.Float(digits=(10, 2), required=True)
    amount_paid = fields.Float(digits=(10, 2), tracking=True)
    paid_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("due", "Due"), ("on_time", "Paid on Time"), ("late", "Paid Late")],
        compute="_compute_state",
        store=True,
    )
    arrears = fields.Float(compute="_compute_state", store=True, digits=(10, 2), aggregator="sum")
    point_line_id = fields.Many2one("party.point.line", readonly=True, string="Points")

    _sql_constraints = [
        (
            "member_month_uniq",
            "unique(member_id, month)",
            "A member has one dues record per month.",
        ),
    ]

    @api.depends("amount_due", "amount_paid", "paid_date", "month")
    def _compute_state(self):
        for dues in self:
            dues.arrears = max(dues.amount_due - dues.amount_paid, 0.0)
            if dues.arrears > 0.005 or not dues.paid_date:
                dues.state = "due"
            elif dues.month and dues.paid_date <= fields.Date.end_of(dues.month, "month"):
                dues.state = "on_time"
            else:
                dues.state = "late"

    @api.constrains("paid_date", "amount_paid", "amount_due", "month")
    def _check_paid(self):
        today = fields.Date.context_today(self)
        for dues in self:
            if dues.amount_due <= 0:
                raise ValidationError(
                    _("The dues of %(member)s must be more than 0.", member=dues.member_id.name)
                )
            if dues.amount_paid < 0:
                raise ValidationError(_("Amounts cannot be negative."))
            if dues.month > today:
                raise ValidationError(
                    _(
                        "The month %(month)s has not started: no dues are recorded for it yet.",
                        month=dues.month.strftime("%Y-%m"),
                    )
                )
            if dues.paid_date and dues.paid_date > today:
                raise ValidationError(
                    _("%(member)s cannot have paid in the future.", member=dues.member_id.name)
                )
            if dues.amount_paid and not dues.paid_date:
                raise ValidationError(
                    _("Give the date %(member)s paid.", member=dues.member_id.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_values(vals)
            if vals.get("month"):
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        records = super().create(vals_list)
        records._award_points()
        return records

    def write(self, vals):
        self._check_values(vals)
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        if (
            self.filtered("point_line_id")
            and {"amount_due", "amount_paid", "paid_date", "month", "member_id"} & vals.keys()
        ):
            raise UserError(_("Dues that earned points can no longer change."))
        res = super().write(vals)
        self._award_points()
        return res

    def _award_points(self):
        """Dues paid in full by the end of the month earn the dues rule's points, once,
        as an approved entry (batched)."""
        earning = self.filtered(lambda d: d.state == "on_time" and not d.point_line_id)
        if not earning:
            return
        rule = self.env.ref("party_quant.point_rule_dues")
        lines = self.env["party.point.line"]._create_approved(
            [
                {
                    "member_id": dues.member_id.id,
                    "rule_id": rule.id,
                    "date": dues.month,
                    "points": rule.points,
                    "description": self.env._(
                        "Dues of %(month)s paid on %(date)s",
                        month=dues.month.strftime("%Y-%m"),
                        date=dues.paid_date,
                    ),
                }
                for dues in earning
            ]
        )
        for dues, line in zip(earning, lines, strict=True):
            # The link to the points is the system's.
            super(PartyDues, dues.sudo()).write({"point_line_id": line.id})
