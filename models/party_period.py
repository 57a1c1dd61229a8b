from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class PartyPeriod(models.Model):
    """A month or a year of evaluations; created when first needed."""

    _name = "party.period"
    _description = "Evaluation Period"
    _inherit = ["mail.thread"]
    _order = "date_start desc, kind desc"

    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, required=True, precompute=True
    )
    kind = fields.Selection(
        [("month", "Month"), ("year", "Year")], required=True, default="month", index=True
    )
    date_start = fields.Date(string="Start", required=True, index=True)
    date_end = fields.Date(string="End", compute="_compute_date_end", store=True, readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
        help="Evaluations of a closed period can no longer be changed.",
    )
    year_id = fields.Many2one(
        "party.period",
        compute="_compute_year_id",
        store=True,
        index=True,
        help="The year period a month belongs to.",
    )
    evaluation_ids = fields.One2many("party.evaluation", "period_id", string="Evaluations")
    evaluation_count = fields.Integer(compute="_compute_evaluation_count")

    _sql_constraints = [
        ("kind_start_uniq", "unique(kind, date_start)", "This period already exists."),
    ]

    @api.constrains("kind", "date_start")
    def _check_date_start(self):
        for period in self:
            if period.date_start.day != 1 or (
                period.kind == "year" and period.date_start.month != 1
            ):
                raise ValidationError(
                    _("A month starts on its first day and a year on the first of January.")
                )

    @api.depends("kind", "date_start")
    def _compute_name(self):
        for period in self:
            if not period.date_start:
                period.name = False
            elif period.kind == "year":
                period.name = f"{period.date_start.year}"
            else:
                period.name = f"{period.date_start.year}-{period.date_start.month:02d}"

    @api.depends("kind", "date_start")
    def _compute_date_end(self):
        for period in self:
            if not period.date_start:
                period.date_end = False
                continue
            length = relativedelta(years=1) if period.kind == "year" else relativedelta(months=1)
            period.date_end = period.date_start + length - relativedelta(days=1)

    @api.depends("kind", "date_start")
    def _compute_year_id(self):
        months = self.filtered(lambda p: p.kind == "month" and p.date_start)
        (self - months).year_id = False
        if months:
            years = self._get_periods({m.date_start for m in months}, "year")
            for month in months:
                month.year_id = years[month.date_start.replace(month=1)]

    def _compute_evaluation_count(self):
        counts = dict(
            self.env["party.evaluation"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.evaluation_count = counts.get(period, 0)

    def write(self, vals):
        if {"kind", "date_start"} & vals.keys() and self.evaluation_ids:
            raise UserError(_("The dates of a period that has evaluations cannot change."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_evaluation_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id, "search_default_group_state": 0}
        return action

    def action_create_evaluations(self):
        """Create the missing evaluations of these periods for every active branch."""
        self.env["party.evaluation"].check_access("create")
        created = self.env["party.evaluation"]._create_for_periods(self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if created else "info",
                "message": _("%(count)s evaluations created.", count=len(created)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _get_periods(self, dates, kind="month"):
        """Return {first day: period} for the periods of ``kind`` holding ``dates``,
        creating those that do not exist yet (two queries whatever the count)."""
        starts = {
            fields.Date.to_date(d).replace(day=1, **({"month": 1} if kind == "year" else {}))
            for d in dates
        }
        # Periods are shared reference data; whoever needs one may cause it to exist.
        Period = self.sudo().with_context(active_test=False)
        found = {
            p.date_start: p
            for p in Period.search([("kind", "=", kind), ("date_start", "in", list(starts))])
        }
        missing = sorted(starts - found.keys())
        if missing:
            for period in Period.create([{"kind": kind, "date_start": d} for d in missing]):
                found[period.date_start] = period
        return {start: found[start].with_env(self.env) for start in starts}

    @api.model
    def _get_period(self, date, kind="month"):
        return next(iter(self._get_periods([date], kind).values()))

    def _check_open(self):
        closed = self.filtered(lambda p: p.state == "closed")
        if closed:
            raise UserError(
                _(
                    "The period %(period)s is closed: its evaluations can no longer change.",
                    period=", ".join(closed.mapped("name")),
                )
            )
