from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .party_meeting import MEETING_KINDS

# The kinds of meeting a duty may ask for: the branch's meetings and the organizational
# life meeting (组织生活会), which the meetings take as a kind of their own.
LIFE_MEETING = ("life_meeting", "Organizational Life Meeting")
DUTY_MEETING_KINDS = [*MEETING_KINDS, LIFE_MEETING]
FREQUENCIES = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]
ASSIGNEES = [
    ("branch", "The Branch"),
    ("secretary", "The Secretary"),
    ("committee", "Each Committee Member"),
    ("member", "Each Member"),
]
FULFILMENTS = [
    ("meeting", "A Held Meeting"),
    ("talk", "A Talk with the Committee"),
    ("study_hours", "Study Hours Reached"),
    ("appraisal", "Confirmed Democratic Appraisals"),
]


class PartyDutyRule(models.Model):
    """A kind of duty of the catalogue (履责清单): how often it falls due, on whom, by
    when, and which record fulfils it. The committee edits the shipped catalogue (the
    2018 branch work regulations, data/party_duty_rule_data.xml); a branch or a general
    branch adds its own duties (``organization_id``), which fall on it and the branches
    under it."""

    _name = "party.duty.rule"
    _description = "Duty Rule"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Own Duty of",
        index=True,
        ondelete="cascade",
        tracking=True,
        help="Empty: a duty of every branch (the committee's catalogue). Set: a duty the "
        "organization added for itself and the branches under it.",
    )
    frequency = fields.Selection(FREQUENCIES, required=True, default="month", tracking=True)
    due_month = fields.Integer(
        string="Due in Month",
        default=1,
        tracking=True,
        help="Yearly duties: the month of the year (1-12); quarterly duties: the month of "
        "the quarter (1-3). Ignored for monthly duties.",
    )
    due_day = fields.Integer(
        default=0,
        tracking=True,
        help="Day of the month the duty falls due; 0 for the last day of the month.",
    )
    assignee = fields.Selection(
        ASSIGNEES, string="Falls on", required=True, default="branch", tracking=True
    )
    fulfilment = fields.Selection(
        FULFILMENTS, string="Fulfilled by", required=True, default="meeting", tracking=True
    )
    meeting_kind = fields.Selection(
        DUTY_MEETING_KINDS,
        string="Kind of Meeting",
        tracking=True,
        help="The kind of meeting that fulfils the duty; for a duty of the secretary, a "
        "meeting the secretary hosted.",
    )
    description = fields.Text(help="Where the duty comes from (the regulation).")
    duty_count = fields.Integer(compute="_compute_duty_count")

    @api.constrains("frequency", "due_month", "due_day", "fulfilment", "meeting_kind", "assignee")
    def _check_rule(self):
        for rule in self:
            months = {"month": 1, "quarter": 3, "year": 12}[rule.frequency]
            if rule.frequency != "month" and not 1 <= rule.due_month <= months:
                raise ValidationError(
                    _(
                        "%(name)s: the due month is between 1 and %(months)s.",
                        name=rule.name,
                        months=months,
                    )
                )
            if not 0 <= rule.due_day <= 31:
                raise ValidationError(
                    _("%(name)s: the due day is between 0 (last day) and 31.", name=rule.name)
                )
            if rule.fulfilment == "meeting" and not rule.meeting_kind:
                raise ValidationError(
                    _("%(name)s: give the kind of meeting that fulfils it.", name=rule.name)
                )
            personal = rule.assignee != "branch"
            if rule.fulfilment in ("talk", "study_hours") and not personal:
                raise ValidationError(
                    _("%(name)s: talks and study hours are duties of persons.", name=rule.name)
                )
            if rule.fulfilment == "appraisal" and personal:
                raise ValidationError(
                    _("%(name)s: the democratic appraisal is a duty of the branch.", name=rule.name)
                )
            if rule.fulfilment == "meeting" and rule.assignee in ("committee", "member"):
                raise ValidationError(
                    _(
                        "%(name)s: a meeting fulfils a duty of the branch or of its secretary.",
                        name=rule.name,
                    )
                )
            if rule.organization_id and rule.organization_id.kind == "committee":
                raise ValidationError(
                    _(
                        "%(name)s: the committee's duties are the catalogue's (leave the "
                        "organization empty).",
                        name=rule.name,
                    )
                )

    def _compute_duty_count(self):
        counts = dict(
            self.env["party.duty"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.duty_count = counts.get(rule, 0)

    def action_view_duties(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_duty_action")
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {}
        return action
