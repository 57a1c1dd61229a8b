from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_settings import SETTINGS, setting

GRADES = [
    ("excellent", "Excellent"),
    ("qualified", "Qualified"),
    ("basic", "Basically Qualified"),
    ("unqualified", "Unqualified"),
]
# Settings: the lowest yearly total of each grade above "unqualified".
THRESHOLD_PARAMS = {
    "excellent": SETTINGS["appraisal_excellent"],
    "qualified": SETTINGS["appraisal_qualified"],
    "basic": SETTINGS["appraisal_basic"],
}


class PartyAppraisal(models.Model):
    """Democratic appraisal of a member (民主评议党员) for a year: the grade the
    yearly points suggest, confirmed or overridden (with a reason) by the branch."""

    _name = "party.appraisal"
    _description = "Democratic Appraisal"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "year desc, organization_id, points desc"

    _transitions = {
        ("draft", "confirmed"): "officer",
        ("confirmed", "draft"): "officer",
    }
    # The yearly points and the grade they suggest come from the ledger.
    _system_fields = frozenset({"points", "suggested_grade", "excellent_candidate"})
    # A secretary's own appraisal is confirmed by another officer.
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({"confirmed"})

    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        "party.organization", string="Branch", required=True, index=True
    )
    year = fields.Integer(required=True, index=True)
    points = fields.Float(string="Yearly Points", digits=(8, 1), readonly=True)
    suggested_grade = fields.Selection(GRADES, readonly=True)
    grade = fields.Selection(GRADES, tracking=True)
    override_reason = fields.Text(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
    )
    excellent_candidate = fields.Boolean(
        compute="_compute_excellent_candidate",
        store=True,
        help="Graded excellent: candidate for excellent member.",
    )

    _sql_constraints = [
        ("member_year_uniq", "unique(member_id, year)", "A member is appraised once a year."),
    ]

    @api.depends("grade", "state")
    def _compute_excellent_candidate(self):
        for appraisal in self:
            appraisal.excellent_candidate = (
                appraisal.state == "confirmed" and appraisal.grade == "excellent"
            )

    @api.model
    def _grade_for(self, points):
        for grade, (param, default) in THRESHOLD_PARAMS.items():
            if points >= setting(self.env, param, default):
                return grade
        return "unqualified"

    @api.model
    def _generate(self, year, branches):
        """Create or refresh the draft appraisals of ``branches``' members for
        ``year`` from their approved points (one query for the totals)."""
        # The system's figures: every approved entry of the year counts, whoever reads.
        Appraisal = self.sudo()
        totals = Appraisal.env["party.point.line"]._totals(
            date(year, 1, 1), date(year, 12, 31), ("member_id",)
        )
        members = branches.member_ids
        existing = {
            a.member_id: a
            for a in Appraisal.search([("member_id", "in", members.ids), ("year", "=", year)])
        }
        vals_list = []
        for member in members:
            points = totals.get((member.id,), 0.0)
            suggested = Appraisal._grade_for(points)
            appraisal = existing.get(member)
            if appraisal and appraisal.state == "draft":
                appraisal.write(
                    {"points": points, "suggested_grade": suggested, "grade": suggested}
                )
            elif not appraisal:
                vals_list.append(
                    {
                        "member_id": member.id,
                        "organization_id": member.organization_id.id,
                        "year": year,
                        "points": points,
                        "suggested_grade": suggested,
                        "grade": suggested,
                    }
                )
        return Appraisal.create(vals_list).with_env(self.env)

    @api.model
    def _action_generate(self, year=None):
        """Suggest grades for the members of the branches in the user's scope (all
        branches for the committee) and show them."""
        user = self.env.user
        Org = self.env["party.organization"]
        if user.has_group("party_quant.group_party_committee"):
            branches = Org.search([("kind", "=", "branch")])
        else:
            branches = Org.search(
                [("kind", "=", "branch"), ("id", "child_of", user.party_organization_ids.ids)]
            )
        if not branches:
            raise UserError(_("You manage no branch."))
        year = year or fields.Date.context_today(self).year
        # The officer asks; the figures are the system's (points, suggested grades).
        self._generate(year, branches)
        action = self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_appraisal_action")
        action["domain"] = [("year", "=", year), ("organization_id", "in", branches.ids)]
        return action

    def write(self, vals):
        if "state" in vals and set(vals) - {"state"}:
            raise UserError(_("Save the grade, then confirm it."))
        if (
            "state" not in vals
            and not self.env.su
            and self.filtered(lambda appraisal: appraisal.state != "draft")
        ):
            raise UserError(_("A confirmed appraisal is reset to draft before it changes."))
        return super().write(vals)

    def action_confirm(self):
        self.write({"state": "confirmed"})

    def action_reset(self):
        self.write({"state": "draft"})

    def _check_transition(self, new_state, vals):
        res = super()._check_transition(new_state, vals)
        if new_state != "confirmed":
            return res
        for appraisal in self:
            if not appraisal.grade:
                raise UserError(_("Give the grade of %(member)s.", member=appraisal.member_id.name))
            if (
                appraisal.grade != appraisal.suggested_grade
                and not (appraisal.override_reason or "").strip()
            ):
                raise UserError(
                    _(
                        "The grade of %(member)s differs from the suggested one: give the reason.",
                        member=appraisal.member_id.name,
                    )
                )
        return res
