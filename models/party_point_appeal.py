from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero


class PartyPointAppeal(models.Model):
    """A member's appeal against an entry of a publicity; the level above the branch
    upholds it or corrects it with a new entry."""

    _name = "party.point.appeal"
    _description = "Points Appeal"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "id desc"

    _initial_state = "open"
    # The level above the branch decides; correcting also writes the correction entry.
    _transitions = {
        ("open", "upheld"): "decider",
        ("open", "corrected"): "decider",
    }
    _system_fields = frozenset({"correction_line_id", "member_id", "organization_id", "name"})

    name = fields.Char(related="point_line_id.name")
    publicity_id = fields.Many2one(
        "party.point.publicity", required=True, index=True, ondelete="restrict"
    )
    point_line_id = fields.Many2one(
        "party.point.line", string="Entry", required=True, ondelete="restrict"
    )
    member_id = fields.Many2one(related="point_line_id.member_id", store=True)
    organization_id = fields.Many2one(related="publicity_id.organization_id", store=True)
    period_start = fields.Date(related="publicity_id.period_id.date_start")
    period_end = fields.Date(related="publicity_id.period_id.date_end")
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("open", "Under Review"), ("upheld", "Upheld"), ("corrected", "Corrected")],
        default="open",
        required=True,
        tracking=True,
    )
    decision = fields.Text(tracking=True)
    correct_points = fields.Float(digits=(6, 1), help="What the entry should have given.")
    correction_line_id = fields.Many2one("party.point.line", string="Correction", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        appeals = super().create(vals_list)
        for appeal in appeals:
            publicity, line = appeal.publicity_id, appeal.point_line_id
            if not publicity.window_open:
                raise UserError(_("The appeal window of %(name)s is closed.", name=publicity.name))
            if line.member_id.user_id != self.env.user and not self.env.su:
                raise UserError(_("You can only appeal your own entries."))
            month = publicity.period_id
            if (
                line.state != "approved"
                or line.organization_id != publicity.organization_id
                or not month.date_start <= line.date <= month.date_end
            ):
                raise ValidationError(_("Appeal an approved entry of the published month."))
            if not (appeal.reason or "").strip():
                raise ValidationError(_("Give the reason of the appeal."))
        appeals._schedule_decision()
        return appeals

    def write(self, vals):
        if {"publicity_id", "point_line_id"} & vals.keys():
            raise UserError(_("An appeal stays on the entry it was filed against."))
        if "state" in vals and set(vals) - {"state"}:
            raise UserError(_("Save the decision, then decide the appeal."))
        if not self.env.su and "state" not in vals and self.filtered(lambda a: a.state != "open"):
            raise UserError(_("This appeal is already decided."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_uphold(self):
        """Keep the entry as it is."""
        self.write({"state": "upheld"})

    def action_correct(self):
        """Correct the entry with a new, approved entry of the difference; the
        original entry is never edited."""
        self.write({"state": "corrected"})

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _level_above(self):
        self.ensure_one()
        return "general_branch" if self.organization_id.sudo().general_branch_id else "committee"

    def _may_decider(self):
        branch, level = self.organization_id, self._level_above()
        return branch._user_acts_as(level) or branch._user_acts_as("committee")

    def _check_transition(self, new_state, vals):
        for appeal in self:
            if appeal.state != "open":
                raise UserError(_("This appeal is already decided."))
            if not self.env.su and not appeal._may_decider():
                raise UserError(_("The appeal is decided by the level above the branch."))
            if not (appeal.decision or "").strip():
                raise UserError(_("Write the decision first."))
        res = super()._check_transition(new_state, vals)
        if new_state == "corrected":
            for appeal in self:
                appeal._correction_points()
        return res

    def _correction_points(self):
        """The difference the correction adds: the corrected entry (with its earlier
        corrections) must end within the rule's range, or at 0 when it should not
        have been given at all."""
        self.ensure_one()
        original = self.point_line_id
        # Earlier corrections of the entry count, whoever approved them.
        current = original.points + sum(
            self.env["party.point.line"]
            .sudo()
            .search([("corrected_line_id", "=", original.id), ("state", "=", "approved")])
            .mapped("points")
        )
        correct = self.correct_points
        low, high = original.rule_id._range()
        if not float_is_zero(correct, 1) and (
            float_compare(correct, low, 1) < 0 or float_compare(correct, high, 1) > 0
        ):
            raise ValidationError(
                _(
                    "%(rule)s gives between %(low)s and %(high)s points (or 0 to withdraw "
                    "the entry); %(points)s was decided.",
                    rule=original.rule_id.name,
                    low=low,
                    high=high,
                    points=correct,
                )
            )
        difference = correct - current
        if float_is_zero(difference, 1):
            raise UserError(_("The correct points equal the entry's: uphold the appeal instead."))
        return difference

    def _after_transition(self, moved_from, vals):
        if vals["state"] == "corrected":
            self._create_corrections()
        self._close_activities()

    def _create_corrections(self):
        Line = self.env["party.point.line"]
        for appeal in self:
            original = appeal.point_line_id
            month_closed = self.env["party.period"].search_count(
                [
                    ("kind", "=", "month"),
                    ("state", "=", "closed"),
                    ("date_start", "=", original.date.replace(day=1)),
                ]
            )
            # The correction is the decider's act on the member's ledger: created and
            # approved by the system on their decision (within the rule's caps).
            correction = Line._create_approved(
                {
                    "member_id": original.member_id.id,
                    "rule_id": original.rule_id.id,
                    "is_correction": True,
                    "corrected_line_id": original.id,
                    "date": fields.Date.context_today(self) if month_closed else original.date,
                    "points": appeal._correction_points(),
                    "description": _(
                        "Correction of %(entry)s after appeal: %(decision)s",
                        entry=original.name,
                        decision=appeal.decision,
                    ),
                }
            )
            # The link to the correction is the system's.
            appeal.sudo().write({"correction_line_id": correction.id})

    def _schedule_decision(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_point")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for appeal in self:
            vals_list += [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": appeal.id,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": self.env._("Decide the appeal"),
                    "automated": True,
                }
                for user in appeal.organization_id._level_users(appeal._level_above())
            ]
        if vals_list:
            # A member files the appeal; the activities are for the level above.
            self.env["mail.activity"].sudo().create(vals_list)

    def _close_activities(self):
        activities = self.sudo().activity_ids
        if activities:
            activities.action_feedback()
