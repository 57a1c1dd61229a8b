"""The step catalogue of member development (发展党员) as data: rule versions, their steps
and each step's time guards.

- ``party.development.rule.version``: a version of the rules (the 2014 《中国共产党发展
  党员工作细则》 shipped and active; a 2026 draft with the reported differences, marked
  unconfirmed). One version is active: new candidates follow it; a candidate keeps the
  version it started under.
- ``party.development.step``: one step: its phase, sequence, the article it rests on, the
  level that acts (支部委员会, 支部党员大会, 党总支, 党委), the record that proves it and
  the phase the candidate enters once it is passed.
- ``party.development.guard``: a time guard of a step: at least (``min``) or at most
  (``max``) ``value`` days, months or working days after an earlier step (or, without
  one, from the step's own start to its end: a publicity window). Breaching it refuses
  the step, asks for a reason, or only warns; local practice guards are off until a
  committee switches them on.

Working days are those of ``chinese_calendar`` (public holidays and 调休 workdays, as
published by the State Council); for a year the package does not know yet, Monday to
Friday are counted and the step says so.
"""

from datetime import timedelta

import chinese_calendar
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_settings import SETTINGS

PHASES = [
    ("applicant", "Applicant"),
    ("activist", "Activist"),
    ("target", "Development Target"),
    ("probationary", "Probationary Member"),
    ("full", "Full Member"),
    ("closed", "Closed"),
]
ACTORS = [
    ("branch_committee", "Branch Committee"),
    ("branch_assembly", "Branch Member Assembly"),
    ("general_branch", "General Branch"),
    ("committee", "Party Committee"),
]
# The level of the organization tree whose officers act for each actor.
ACTOR_LEVELS = {
    "branch_committee": "branch",
    "branch_assembly": "branch",
    "general_branch": "general_branch",
    "committee": "committee",
}
PROOFS = [
    ("talk", "Talk"),
    ("resolution", "Meeting Resolution"),
    ("attachment", "Attachment"),
    ("training", "Training"),
    ("review", "Review"),
    ("none", "None"),
]
UNITS = [("days", "Days"), ("months", "Months"), ("working_days", "Working Days")]
BREACHES = [
    ("refuse", "Refuse"),
    ("reason", "Needs a Reason"),
    ("warn", "Warn"),
]
KINDS = [
    ("flow", "Step of the Procedure"),
    ("extension", "Extension of the Probation"),
    ("cancellation", "Cancellation"),
]


def is_working_day(day):
    """Whether ``day`` is a working day in mainland China, and whether the calendar
    package knew its year (beyond it: Monday to Friday)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def working_days_between(start, end):
    """The working days after ``start`` up to ``end`` included (0 when ``end`` is not
    after ``start``), and whether every year of them was known to the calendar."""
    count, known = 0, True
    day = start + timedelta(days=1)
    while day <= end:
        working, in_calendar = is_working_day(day)
        count += working
        known = known and in_calendar
        day += timedelta(days=1)
    return count, known


def add_working_days(start, days):
    """The day that is the ``days``-th working day after ``start``."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        left -= is_working_day(day)[0]
    return day


def interval_end(start, value, unit):
    """The day ``value`` ``unit`` after ``start``."""
    if unit == "months":
        return start + relativedelta(months=value)
    if unit == "working_days":
        return add_working_days(start, value)
    return start + timedelta(days=value)


class PartyDevelopmentRuleVersion(models.Model):
    _name = "party.development.rule.version"
    _description = "Member Development Rule Version"
    _inherit = ["party.guard.mixin"]
    _order = "date desc, id desc"

    # The rules' own words (Chinese in every language): names, articles, notes.
    name = fields.Char(required=True)
    code = fields.Char(required=True, copy=False, default=lambda self: self._new_code())
    date = fields.Date(string="Issued On")
    active_version = fields.Boolean(
        string="In Force",
        copy=False,
        help="New candidates follow the version in force; a candidate keeps the version "
        "it started under.",
    )
    confirmed = fields.Boolean(
        default=True,
        help="Unchecked: a version from reports, not from the published text. A committee "
        "checks it against the text before putting it in force.",
    )
    note = fields.Text()
    step_ids = fields.One2many("party.development.step", "version_id", string="Steps")

    _sql_constraints = [("code_uniq", "unique(code)", "Another rule version has this code.")]

    @api.constrains("active_version", "confirmed")
    def _check_in_force(self):
        if any(version.active_version and not version.confirmed for version in self):
            raise ValidationError(
                _("A rule version is put in force once it is checked against the published text.")
            )
        if self.search_count([("active_version", "=", True)]) > 1:
            raise ValidationError(_("One rule version is in force at a time."))

    def action_put_in_force(self):
        """The committee switches the rules new candidates follow."""
        self.ensure_one()
        self.search([("active_version", "=", True), ("id", "!=", self.id)]).write(
            {"active_version": False}
        )
        self.write({"active_version": True})
        return True

    @api.model
    def _new_code(self):
        """A free code for a new (or copied) version."""
        codes = set(self.with_context(active_test=False).search([]).mapped("code"))
        number = len(codes) + 1
        while f"v{number}" in codes:
            number += 1
        return f"v{number}"

    @api.model
    def _in_force(self):
        return self.search([("active_version", "=", True)], limit=1)


class PartyDevelopmentStep(models.Model):
    _name = "party.development.step"
    _description = "Member Development Step"
    _inherit = ["party.guard.mixin"]
    _order = "version_id, sequence, id"

    version_id = fields.Many2one(
        "party.development.rule.version",
        string="Rule Version",
        required=True,
        index=True,
        ondelete="cascade",
    )
    rule_version = fields.Char(related="version_id.code", string="Rule Version Code")
    code = fields.Char(
        required=True, copy=False, help="The same step keeps its code across versions."
    )
    sequence = fields.Integer(required=True)
    name = fields.Char(required=True)
    kind = fields.Selection(KINDS, required=True, default="flow")
    phase = fields.Selection(PHASES[:5], required=True)
    sets_phase = fields.Selection(
        PHASES, string="Candidate Enters", help="The phase the candidate enters once passed."
    )
    article = fields.Char(required=True, help="The article the step rests on.")
    actor = fields.Selection(ACTORS, string="Who Acts", required=True)
    proof = fields.Selection(PROOFS, string="Proving Record", required=True, default="none")
    has_window = fields.Boolean(
        string="Window", help="The step runs from its date to an end date (a publicity)."
    )
    needs_secret_ballot = fields.Boolean(string="Secret Ballot")
    guard_ids = fields.One2many("party.development.guard", "step_id", string="Time Guards")
    description = fields.Text()

    _sql_constraints = [
        ("code_uniq", "unique(version_id, code)", "A step code appears once in a rule version.")
    ]

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        # A step added to a version (a module update creating the 党总支's 审议, a
        # committee's new step) changes the candidates' current step; the ORM does not
        # follow a created record back through the candidates' many2one, hence this.
        steps.version_id.modified(["step_ids"])
        return steps

    def copy_data(self, default=None):
        # A copy is a new step of the version: its own code.
        vals_list = super().copy_data(default=default)
        for step, vals in zip(self, vals_list, strict=True):
            vals.setdefault("code", f"{step.code}_{step.id}_copy")
        return vals_list

    @api.depends("sequence", "name", "kind", "actor")
    def _compute_display_name(self):
        # The 25 steps of the procedure are numbered; a 党总支's 审议, taken only under a
        # general branch, and the extension or the end of a development are not.
        for step in self:
            numbered = step.kind == "flow" and step.actor != "general_branch"
            step.display_name = f"{step.sequence}. {step.name}" if numbered else step.name


class PartyDevelopmentGuard(models.Model):
    _name = "party.development.guard"
    _description = "Member Development Time Guard"
    _inherit = ["party.guard.mixin"]
    _order = "step_id, id"

    step_id = fields.Many2one(
        "party.development.step", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection([("min", "At Least"), ("max", "At Most")], required=True)
    from_step_id = fields.Many2one(
        "party.development.step",
        ondelete="cascade",
        help="Counted from the date this earlier step was passed; empty: from the step's "
        "own start to its end (a publicity window).",
    )
    value = fields.Integer(required=True)
    unit = fields.Selection(UNITS, required=True, default="days")
    breach = fields.Selection(
        BREACHES,
        string="When Breached",
        required=True,
        default="refuse",
        help="Refuse: the step is refused. Needs a reason: it is taken with the reason "
        "written down. Warn: it is taken and marked.",
    )
    plus_extension = fields.Boolean(
        string="Moves with an Extension",
        help="The interval grows by the months the probation was extended.",
    )
    local_practice = fields.Boolean(
        help="A local practice, not the rules' text: applied only when switched on."
    )
    enabled = fields.Boolean(default=True, string="Switched On")

    @api.constrains("value", "from_step_id", "step_id")
    def _check_guard(self):
        for guard in self:
            if guard.value <= 0:
                raise ValidationError(_("A time guard counts at least one day."))
            if guard.from_step_id and guard.from_step_id.version_id != guard.step_id.version_id:
                raise ValidationError(_("A time guard counts from a step of the same version."))

    def _describe(self):
        """The guard in words: 'at least 1 year after 3. ...'."""
        self.ensure_one()
        units = dict(self._fields["unit"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        since = self.from_step_id.display_name or _("its start")
        return _(
            "%(kind)s %(value)s %(unit)s from %(step)s",
            kind=kinds[self.kind],
            value=self.value,
            unit=units[self.unit],
            step=since,
        )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_development_reminder_days = fields.Integer(
        string="Development Reminders (days before)",
        config_parameter=SETTINGS["development_reminder_days"][0],
        default=SETTINGS["development_reminder_days"][1],
        help="Whoever acts on a candidate's step is reminded this many days before its "
        "window closes.",
    )

    def set_values(self):
        if not 0 <= self.party_development_reminder_days <= 90:
            raise UserError(self.env._("Development reminders are between 0 and 90 days before."))
        return super().set_values()
