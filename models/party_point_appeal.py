from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from .party_decision import notify_inbox
from .party_labels import company_lang


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
    correct_rule_id = fields.Many2one(
        "party.point.rule",
        string="Rule of the Missing Credit",
        ondelete="restrict",
        help="A credit that was not recorded (漏记): the rule that gives it. The correction "
        "is then a new entry of this rule, its points checked against this rule's range; "
        "empty, the appealed entry itself is corrected.",
    )
    correction_line_id = fields.Many2one("party.point.line", string="Correction", readonly=True)
    can_decide = fields.Boolean(
        compute="_compute_can_decide", help="The user decides the appeal (the level above)."
    )

    @api.depends("state", "organization_id")
    @api.depends_context("uid")
    def _compute_can_decide(self):
        for appeal in self:
            appeal.can_decide = appeal.state == "open" and appeal._may_decider()

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
        original entry is never edited. With a rule of the missing credit, the new
        entry is that credit (漏记)."""
        self.write({"state": "corrected"})

    def action_decide(self):
        """The decision in a dialog: decision, outcome, points (and the rule of a
        missing credit) are written with the move in one step, so that a decision
        that fails leaves nothing behind."""
        self.ensure_one()
        if not self.can_decide:
            raise UserError(_("The appeal is decided by the level above the branch."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Decide the Appeal"),
            "res_model": "party.point.appeal.decide",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_appeal_id": self.id},
        }

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

    def _check_decision(self, rule, points):
        """A correction as the decision dialog asks it, checked before anything is
        written: the decider, the appeal still open, the rule, the points."""
        self.ensure_one()
        if self.state != "open":
            raise UserError(_("This appeal is already decided."))
        if not self.env.su and not self._may_decider():
            raise UserError(_("The appeal is decided by the level above the branch."))
        if not rule:
            raise UserError(_("Choose the rule of the missing credit."))
        self._correction_points(rule, points)

    def _correction_points(self, rule=None, correct=None):
        """The points the correction adds. The appealed entry (with its earlier
        corrections) must end within its rule's range, or at 0 when it should not
        have been given at all; a missing credit (another rule) gives points within
        that rule's range. ``rule`` and ``correct`` default to the appeal's."""
        self.ensure_one()
        original = self.point_line_id
        rule = rule if rule is not None else self.correct_rule_id or original.rule_id
        correct = correct if correct is not None else self.correct_points
        missing = rule != original.rule_id
        if missing and rule.part == "deduction":
            raise ValidationError(_("A missing credit is not a deduction: choose another rule."))
        low, high = rule._range()
        out_of_range = float_compare(correct, low, 1) < 0 or float_compare(correct, high, 1) > 0
        if missing and (out_of_range or float_is_zero(correct, 1)):
            raise ValidationError(
                _(
                    "%(rule)s gives between %(low)s and %(high)s points; %(points)s was "
                    "decided.",
                    rule=rule.name,
                    low=low,
                    high=high,
                    points=correct,
                )
            )
        if missing:
            return correct
        if not float_is_zero(correct, 1) and out_of_range:
            raise ValidationError(
                _(
                    "%(rule)s gives between %(low)s and %(high)s points (or 0 to withdraw "
                    "the entry); %(points)s was decided.",
                    rule=rule.name,
                    low=low,
                    high=high,
                    points=correct,
                )
            )
        # Earlier corrections of the entry count, whoever approved them (not the
        # missing credits added on its appeals: they are entries of their own rule).
        current = original.points + sum(
            self.env["party.point.line"]
            .sudo()
            .search(
                [
                    ("corrected_line_id", "=", original.id),
                    ("rule_id", "=", original.rule_id.id),
                    ("state", "=", "approved"),
                ]
            )
            .mapped("points")
        )
        difference = correct - current
        if float_is_zero(difference, 1):
            raise UserError(_("The correct points equal the entry's: uphold the appeal instead."))
        return difference

    def _after_transition(self, moved_from, vals):
        if vals["state"] == "corrected":
            self._create_corrections()
            self._schedule_branch_followup()
        self._close_activities()
        self._notify_member()

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
            rule = appeal.correct_rule_id or original.rule_id
            description = (
                _(
                    "Missing credit added after the appeal on %(entry)s: %(decision)s",
                    entry=original.name,
                    decision=appeal.decision,
                )
                if rule != original.rule_id
                else _(
                    "Correction of %(entry)s after appeal: %(decision)s",
                    entry=original.name,
                    decision=appeal.decision,
                )
            )
            correction = Line._create_approved(
                {
                    "member_id": original.member_id.id,
                    "rule_id": rule.id,
                    "is_correction": True,
                    "corrected_line_id": original.id,
                    "date": fields.Date.context_today(self) if month_closed else original.date,
                    "points": appeal._correction_points(),
                    "description": description,
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

    def _notify_member(self):
        """The member is told of the decision in their Discuss inbox, in their
        language: upheld (the appeal is refused) or corrected, with the decision."""
        # The decider may not read the member's user; the member is told anyway.
        appeals = self.sudo().filtered(lambda appeal: appeal.member_id.user_id.partner_id)
        bodies, partners = {}, {}
        for appeal in appeals:
            partner = appeal.member_id.user_id.partner_id
            env = appeal.with_context(lang=partner.lang or company_lang(self.env)).env
            values = {
                "entry": appeal.point_line_id.with_env(env).rule_id.name,
                "date": appeal.point_line_id.date,
                "decision": appeal.decision or "",
                "points": f"{appeal.correction_line_id.points:g}",
                "rule": appeal.correction_line_id.with_env(env).rule_id.name,
            }
            if appeal.state == "upheld":
                body = env._(
                    "Your appeal on “%(entry)s” of %(date)s is refused: the entry stays. "
                    "%(decision)s",
                    **values,
                )
            elif appeal.correct_rule_id and appeal.correct_rule_id != appeal.point_line_id.rule_id:
                body = env._(
                    "Your appeal on “%(entry)s” of %(date)s is accepted: the missing credit "
                    "“%(rule)s” of %(points)s points is added. %(decision)s",
                    **values,
                )
            else:
                body = env._(
                    "Your appeal on “%(entry)s” of %(date)s is accepted: the entry is "
                    "corrected by %(points)s points. %(decision)s",
                    **values,
                )
            bodies[appeal.id], partners[appeal.id] = body, partner.id
        if bodies:
            notify_inbox(appeals, bodies, partners)

    def _schedule_branch_followup(self):
        """A corrected appeal changes the member's points after the publicity: the
        branch's officers get a to-do on the publicity to tell the branch."""
        activity_type = self.env.ref("party_quant.mail_activity_type_point")
        model_id = self.env["ir.model"]._get_id("party.point.publicity")
        today = fields.Date.context_today(self)
        vals_list = []
        for appeal in self:
            branch = appeal.organization_id
            summary = self.env._(
                "Appeal corrected: tell the branch about %(member)s's points",
                member=appeal.member_id.name,
            )
            vals_list += [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": appeal.publicity_id.id,
                    "user_id": user.id,
                    "date_deadline": today,
                    "summary": summary,
                    "note": appeal.decision,
                    "automated": True,
                }
                for user in branch._level_users("branch") - appeal.member_id.user_id
            ]
        if vals_list:
            # The decider (the level above) schedules the branch officers' to-do.
            self.env["mail.activity"].sudo().create(vals_list)
