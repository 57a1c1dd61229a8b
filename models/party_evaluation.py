from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.osv.expression import AND, FALSE_DOMAIN, OR
from odoo.tools import SQL, float_compare

from .party_labels import selection_labels, system_env
from .party_organization import LEVEL_GROUPS
from .party_settings import SETTINGS, setting

STATES = [
    ("draft", "Self-assessment"),
    ("self_assessed", "Self-assessed"),
    ("preliminary", "Preliminary Evaluated"),
    ("reviewed", "Reviewed"),
]
# "Self-assessed" (已自评) everywhere it is counted (workbench, cockpit): the
# self-assessment is submitted, whatever step the evaluation is at now.
SUBMITTED_STATES = ("self_assessed", "preliminary", "reviewed")
LEVELS = [
    ("branch", "Branch"),
    ("general_branch", "General Branch"),
    ("committee", "Party Committee"),
]
# The approval paths, as one table: the states an evaluation passes through and the
# level that acts on each. The acting level fills its score column and moves the
# evaluation to the next state (submit/approve) or back to the previous one
# (return, with a reason); on the last state it may only send it back.
PATHS = {
    "standard": (
        ("draft", "branch"),
        ("self_assessed", "general_branch"),
        ("preliminary", "committee"),
        ("reviewed", "committee"),
    ),
    # A branch directly under the committee skips the general-branch step.
    "direct": (
        ("draft", "branch"),
        ("self_assessed", "committee"),
        ("reviewed", "committee"),
    ),
    # An annual evaluation: the committee enters the year-end score and approves.
    "annual": (
        ("draft", "committee"),
        ("reviewed", "committee"),
    ),
}
# The score column of the evaluation lines each level fills.
SCORE_COLUMNS = {
    "branch": "self_score",
    "general_branch": "preliminary_score",
    "committee": "final_score",
}
# The note each level writes on a line (its reasons, next to its score).
NOTE_COLUMNS = {
    "branch": "note",
    "general_branch": "preliminary_note",
    "committee": "final_note",
}
# The fields recording who passed each level's step and when (the sheet's signatures).
SIGNATURE_FIELDS = {
    "branch": ("self_user_id", "self_date"),
    "general_branch": ("preliminary_user_id", "preliminary_date"),
    "committee": ("final_user_id", "final_date"),
}
# Every move of the paths, for the guard's table: ``_check_transition`` reads the acting
# level of the evaluation's own path from PATHS.
PATH_MOVES = {
    (state, path[position][0]): "path"
    for path in PATHS.values()
    for index, (state, _level) in enumerate(path)
    for position in (index - 1, index + 1)
    if 0 <= position < len(path)
}
# Settings (ir.config_parameter) and their defaults.
DEADLINE_PARAM = "party_quant.deadline_days_%s"
DEADLINE_DEFAULTS = {
    level: SETTINGS[f"deadline_days_{level}"][1]
    for level in ("branch", "general_branch", "committee")
}
WEIGHT_PARAMS = {
    "monthly_weight": SETTINGS["annual_monthly_weight"],
    "year_end_weight": SETTINGS["annual_year_end_weight"],
}
PAY_PARAMS = {
    "base_score": SETTINGS["pay_base_score"],
    "full_time": SETTINGS["pay_linked_share_full_time"],
    "part_time": SETTINGS["pay_linked_share_part_time"],
}
# Fields that may change on an evaluation of a closed period: the chatter's.
MAIL_FIELD_PREFIXES = ("message_", "activity_", "website_message")
# Fields of an annual evaluation the committee enters while it is a draft.
ANNUAL_INPUT_FIELDS = {"year_end_score", "monthly_weight", "year_end_weight"}
# What a user gives when creating an evaluation (the rest is the system's snapshot).
CREATE_FIELDS = {"organization_id", "period_id"}
# Never given on create: the lines come from the catalogue, a reason from a return.
NOT_ON_CREATE = {"line_ids", "return_reason"}


class PartyEvaluation(models.Model):
    """A branch's evaluation for a month (three-step approval) or a year."""

    _name = "party.evaluation"
    _description = "Branch Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "period_start desc, branch_type_id, rank_in_type, organization_id"
    _rec_name = "name"
    # Fields that only the workflow or the system set (the guard's ``_system_fields``): the
    # snapshot of the branch, the totals and scores the lines add up to, the rank, the pay
    # linkage, the close's marks, the seal and the signatures.
    _system_fields = frozenset(
        {
            "organization_id",
            "period_id",
            "branch_type_id",
            "general_branch_id",
            "path_kind",
            "rank_in_type",
            "monthly_average",
            "monthly_count",
            "secretary_id",
            "secretary_mode",
            "linked_share",
            "payout_ratio",
            "pay_factor",
            "is_last_in_type",
            "last_streak",
            "closed_unreviewed",
            "honor_candidate",
            "seal_digest",
            "reminder_state",
            "self_total",
            "preliminary_total",
            "final_total",
            "final_score",
            "acting_level",
            "escalation_ids",
            "name",
            "period_kind",
            "period_start",
            "period_state",
            "color",
            *(field for pair in SIGNATURE_FIELDS.values() for field in pair),
        }
    )
    _transitions = PATH_MOVES

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('kind', '=', 'branch')]",
    )
    period_id = fields.Many2one("party.period", required=True, index=True, ondelete="restrict")
    period_kind = fields.Selection(related="period_id.kind", store=True, string="Period Kind")
    period_start = fields.Date(related="period_id.date_start", store=True, string="Month")
    period_state = fields.Selection(
        related="period_id.state", string="Period State", tracking=False
    )
    # Kept as they were when the evaluation was created, so that a later change of the
    # branch's type or general branch does not move past results.
    branch_type_id = fields.Many2one("party.branch.type", readonly=True, index=True)
    general_branch_id = fields.Many2one("party.organization", readonly=True, index=True)
    path_kind = fields.Selection(
        [
            ("standard", "Standard"),
            ("direct", "Directly under the committee"),
            ("annual", "Annual"),
        ],
        string="Approval Path",
        readonly=True,
        required=True,
        default="standard",
    )
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand="_group_expand_states",
    )
    line_ids = fields.One2many(
        "party.evaluation.line", "evaluation_id", string="Criteria", copy=False
    )
    self_total = fields.Float(
        compute="_compute_totals", store=True, digits=(6, 2), tracking=True, aggregator="avg"
    )
    preliminary_total = fields.Float(
        compute="_compute_totals", store=True, digits=(6, 2), tracking=True, aggregator="avg"
    )
    final_total = fields.Float(
        compute="_compute_totals", store=True, digits=(6, 2), aggregator="avg"
    )
    final_score = fields.Float(
        compute="_compute_final_score",
        store=True,
        digits=(6, 2),
        tracking=True,
        aggregator="avg",
        help="Monthly: the committee's total. Annual: the weighted monthly average and "
        "year-end score.",
    )
    rank_in_type = fields.Integer(
        string="Rank in Type",
        readonly=True,
        copy=False,
        aggregator=False,
        help="Rank among the reviewed evaluations of the same branch type and period; "
        "ties share a rank (1, 2, 2, 4).",
    )
    rank_display = fields.Char(
        string="Rank",
        compute="_compute_rank_display",
        help="Rank in type out of the reviewed evaluations of the type and period "
        '("2 / 9"); empty until at least two are reviewed: a rank of one means '
        "nothing.",
    )
    return_reason = fields.Text(readonly=True, copy=False, tracking=True)
    # Who passed each step and when; a return clears the step it takes back.
    self_user_id = fields.Many2one(
        "res.users", string="Self-assessed by", readonly=True, copy=False
    )
    self_date = fields.Datetime(string="Self-assessed on", readonly=True, copy=False)
    preliminary_user_id = fields.Many2one(
        "res.users", string="Preliminary Evaluation by", readonly=True, copy=False
    )
    preliminary_date = fields.Datetime(
        string="Preliminary Evaluation on", readonly=True, copy=False
    )
    final_user_id = fields.Many2one("res.users", string="Reviewed by", readonly=True, copy=False)
    final_date = fields.Datetime(string="Reviewed on", readonly=True, copy=False)
    # Annual evaluations
    monthly_average = fields.Float(
        digits=(6, 2),
        readonly=True,
        aggregator="avg",
        help="Average of the year's reviewed monthly final scores.",
    )
    monthly_count = fields.Integer(string="Months Reviewed", readonly=True, aggregator=False)
    year_end_score = fields.Float(digits=(6, 2), tracking=True, aggregator="avg")
    monthly_weight = fields.Float(
        string="Monthly Weight (%)", digits=(5, 1), tracking=True, aggregator=False
    )
    year_end_weight = fields.Float(
        string="Year-end Weight (%)", digits=(5, 1), tracking=True, aggregator=False
    )
    secretary_low_rank = fields.Boolean(
        string="Secretary Ranked Low",
        tracking=True,
        help="The secretary ranked low in the company's annual middle-manager assessment.",
    )
    # Pay linkage, frozen by the monthly close with the secretary of that month
    secretary_id = fields.Many2one("party.member", readonly=True)
    # Pay data: the committee and HR; the secretary concerned reads party.pay.linkage.
    secretary_mode = fields.Selection(
        [("full_time", "Full-time"), ("part_time", "Part-time")],
        readonly=True,
        groups="party_quant.group_party_committee,party_quant.group_party_hr",
    )
    linked_share = fields.Float(
        groups="party_quant.group_party_committee,party_quant.group_party_hr",
        digits=(3, 2),
        readonly=True,
        aggregator=False,
        help="Share of the secretary's monthly base performance pay linked to the score.",
    )
    payout_ratio = fields.Float(
        groups="party_quant.group_party_committee,party_quant.group_party_hr",
        digits=(7, 6),
        readonly=True,
        aggregator="avg",
        help="1 if the final score reaches the base score, else final score / base score.",
    )
    pay_factor = fields.Float(
        groups="party_quant.group_party_committee,party_quant.group_party_hr",
        digits=(7, 6),
        readonly=True,
        aggregator="avg",
        help="1 - linked share × (1 - payout ratio): the factor applied to the secretary's "
        "monthly base performance pay.",
    )
    closed_unreviewed = fields.Boolean(
        readonly=True,
        help="The committee closed the period before this evaluation was reviewed; no "
        "pay deduction applies.",
    )
    is_last_in_type = fields.Boolean(string="Last in Type", readonly=True)
    last_streak = fields.Integer(
        string="Last-place Streak",
        readonly=True,
        aggregator="max",
        help="Periods in a row last of its type (months count again from 0 after an "
        "admonishment).",
    )
    honor_candidate = fields.Boolean(
        readonly=True, help="First of its type in the annual ranking: candidate for honors."
    )
    seal_digest = fields.Char(readonly=True, copy=False)
    reminder_state = fields.Char(readonly=True, copy=False)
    escalation_ids = fields.Many2many("party.escalation", string="Escalations", readonly=True)
    records_summary = fields.Html(
        string="Records of the Month",
        compute="_compute_records_summary",
        sanitize=False,
        help="Meetings held against the minimum frequency, and open record signals: "
        "the data behind the 三会一课 and records criteria.",
    )
    # The level that acts at the current state, from PATHS: the record rules, the
    # "waiting for me" search and the user's rights derive from it.
    acting_level = fields.Selection(
        LEVELS, compute="_compute_acting_level", store=True, index=True, string="Waiting for"
    )
    # Whether each level's step has been taken: until then its score column and total
    # are not shown as a result (the next level's input is prefilled from the previous
    # step, but that is not the next level's score).
    preliminary_done = fields.Boolean(
        string="Preliminary Evaluation Done", compute="_compute_steps_done"
    )
    final_done = fields.Boolean(string="Review Done", compute="_compute_steps_done")
    # Workflow helpers for the current user
    editable_column = fields.Char(compute="_compute_user_rights")
    can_submit = fields.Boolean(compute="_compute_user_rights")
    can_approve = fields.Boolean(compute="_compute_user_rights")
    can_return = fields.Boolean(compute="_compute_user_rights")
    is_waiting_for_me = fields.Boolean(
        string="Waiting for Me",
        compute="_compute_user_rights",
        search="_search_is_waiting_for_me",
    )
    color = fields.Integer(related="branch_type_id.color")

    _sql_constraints = [
        (
            "organization_period_uniq",
            "unique(organization_id, period_id)",
            "A branch has one evaluation per period.",
        ),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("organization_id")
    def _check_branch(self):
        for evaluation in self:
            if evaluation.organization_id.kind != "branch":
                raise ValidationError(
                    _(
                        "Only branches are evaluated; %(org)s is not a branch.",
                        org=evaluation.organization_id.name,
                    )
                )

    @api.constrains("year_end_score", "monthly_weight", "year_end_weight")
    def _check_annual_inputs(self):
        for evaluation in self.filtered(lambda e: e.path_kind == "annual"):
            if not 0 <= evaluation.year_end_score <= 100:
                raise ValidationError(_("The year-end score must be between 0 and 100."))
            check_weights(self.env, evaluation.monthly_weight, evaluation.year_end_weight)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("organization_id.name", "period_id.name")
    def _compute_name(self):
        for evaluation in self:
            evaluation.name = (
                f"{evaluation.organization_id.name or ''} {evaluation.period_id.name or ''}".strip()
            )

    @api.depends("line_ids.self_score", "line_ids.preliminary_score", "line_ids.final_score")
    def _compute_totals(self):
        for evaluation in self:
            lines = evaluation.line_ids
            evaluation.self_total = sum(lines.mapped("self_score"))
            evaluation.preliminary_total = sum(lines.mapped("preliminary_score"))
            evaluation.final_total = sum(lines.mapped("final_score"))

    @api.depends(
        "path_kind",
        "final_total",
        "monthly_average",
        "year_end_score",
        "monthly_weight",
        "year_end_weight",
    )
    def _compute_final_score(self):
        for evaluation in self:
            if evaluation.path_kind == "annual":
                evaluation.final_score = (
                    evaluation.monthly_average * evaluation.monthly_weight
                    + evaluation.year_end_score * evaluation.year_end_weight
                ) / 100.0
            else:
                evaluation.final_score = evaluation.final_total

    @api.depends("organization_id", "period_id")
    def _compute_records_summary(self):
        """Per evaluation: meetings held in the month by kind against what the
        frequency settings require, and the branch's open signals (three queries for
        any number of evaluations)."""
        from .party_meeting_schedule import FREQUENCY_PARAMS  # noqa: PLC0415 (cycle)

        monthly = self.filtered(lambda e: e.period_kind == "month" and e.organization_id)
        (self - monthly).records_summary = False
        if not monthly:
            return
        Meeting = self.env["party.meeting"].sudo()  # counts only, for the branch's reviewers
        held = {
            (org.id, kind, month): count
            for org, kind, month, count in Meeting._read_group(
                [
                    ("state", "=", "done"),
                    ("organization_id", "in", monthly.organization_id.ids),
                    ("date", ">=", min(monthly.mapped("period_start"))),
                    ("date", "<=", max(monthly.period_id.mapped("date_end"))),
                ],
                ["organization_id", "kind", "date:month"],
                ["__count"],
            )
        }
        signals = dict(
            self.env["party.record.signal"]
            .sudo()
            ._read_group(
                [("state", "=", "open"), ("organization_id", "in", monthly.organization_id.ids)],
                ["organization_id"],
                ["__count"],
            )
        )
        kinds = selection_labels(self.env, "party.meeting", "kind")
        for evaluation in monthly:
            rows = Markup()
            for kind, (param, default) in FREQUENCY_PARAMS.items():
                every = setting(self.env, param, default)
                count = sum(
                    n
                    for (org_id, k, month), n in held.items()
                    if org_id == evaluation.organization_id.id
                    and k == kind
                    and month.year == evaluation.period_start.year
                    and month.month == evaluation.period_start.month
                )
                required = (
                    self.env._("1 a month")
                    if every == 1
                    else self.env._("1 every %(months)s months", months=every)
                )
                css = "text-danger" if every == 1 and not count else ""
                rows += Markup('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td></tr>') % (
                    css,
                    kinds[kind],
                    count,
                    required,
                )
            open_signals = signals.get(evaluation.organization_id, 0)
            evaluation.records_summary = Markup(
                '<table class="table table-sm mb-1"><thead><tr><th>%s</th><th>%s</th><th>%s</th>'
                '</tr></thead><tbody>%s</tbody></table><p class="%s">%s</p>'
            ) % (
                self.env._("Meeting"),
                self.env._("Held this month"),
                self.env._("Required"),
                rows,
                "text-danger" if open_signals else "text-muted",
                self.env._("Open record signals: %(count)s", count=open_signals),
            )

    @api.depends("rank_in_type", "period_id", "branch_type_id")
    def _compute_rank_display(self):
        """ "rank / reviewed of the type", in one query for all the records; empty
        while fewer than two of the type are reviewed."""
        ranked = self.filtered("rank_in_type")
        # Counts over every branch of the type, not only those the user reads.
        counts = (
            {
                (period.id, branch_type.id): count
                for period, branch_type, count in self.env["party.evaluation"]
                .sudo()
                ._read_group(
                    [
                        ("period_id", "in", ranked.period_id.ids),
                        ("branch_type_id", "in", ranked.branch_type_id.ids),
                        ("state", "=", "reviewed"),
                    ],
                    ["period_id", "branch_type_id"],
                    ["__count"],
                )
            }
            if ranked
            else {}
        )
        for evaluation in self:
            count = counts.get((evaluation.period_id.id, evaluation.branch_type_id.id), 0)
            evaluation.rank_display = (
                f"{evaluation.rank_in_type} / {count}"
                if evaluation.rank_in_type and count >= 2
                else False
            )

    @api.depends("state", "path_kind")
    def _compute_acting_level(self):
        for evaluation in self:
            evaluation.acting_level = evaluation._step()[1]

    @api.depends("state", "path_kind")
    def _compute_steps_done(self):
        for evaluation in self:
            evaluation.preliminary_done = evaluation.path_kind == "standard" and (
                evaluation.state in ("preliminary", "reviewed")
            )
            evaluation.final_done = evaluation.state == "reviewed"

    @api.depends("acting_level", "state", "path_kind", "period_state")
    @api.depends_context("uid")
    def _compute_user_rights(self):
        for evaluation in self:
            index, _level = evaluation._step()
            level = evaluation.acting_level
            acts = evaluation.period_state != "closed" and evaluation._user_acts_as(level)
            last = index == len(PATHS[evaluation.path_kind]) - 1
            evaluation.is_waiting_for_me = acts and not last
            annual = evaluation.path_kind == "annual"
            evaluation.can_submit = acts and evaluation.state == "draft" and not annual
            evaluation.can_approve = acts and not last and (evaluation.state != "draft" or annual)
            evaluation.can_return = acts and index > 0
            evaluation.editable_column = (
                SCORE_COLUMNS[level] if acts and not last and not annual else False
            )

    def _search_is_waiting_for_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on %(field)s.", field="is_waiting_for_me"))
        acting = self._acting_domain()
        # Nothing waits on the last state of a path: it can only be returned.
        not_last = OR(
            [
                [("path_kind", "=", kind), ("state", "!=", path[-1][0])]
                for kind, path in PATHS.items()
            ]
        )
        domain = (
            AND([[("period_id.state", "=", "open")], not_last, acting])
            if acting != FALSE_DOMAIN
            else FALSE_DOMAIN
        )
        if (operator == "=") != value:
            return ["!", *domain]
        return domain

    @api.model
    def _acting_domain(self):
        """The evaluations the current user acts on now: those whose acting level is
        one of the user's levels, within that level's scope (as the write rules)."""
        user = self.env.user
        scope = user.party_organization_ids
        general = scope.filtered(lambda o: o.kind == "general_branch")
        scopes = {
            "branch": [("organization_id", "in", scope.ids)] if scope else FALSE_DOMAIN,
            "general_branch": [("organization_id", "child_of", general.ids)]
            if general
            else FALSE_DOMAIN,
            "committee": [],
        }
        return OR(
            [
                AND([[("acting_level", "=", level)], scopes[level]])
                for level, _label in LEVELS
                if user.has_group(LEVEL_GROUPS[level]) and scopes[level] != FALSE_DOMAIN
            ]
        )

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in STATES]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_create_values(vals_list)
        organizations = self.env["party.organization"].browse(
            [vals["organization_id"] for vals in vals_list if vals.get("organization_id")]
        )
        periods = self.env["party.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        periods._check_open()
        self._check_one_per_period(vals_list)
        weights = self._default_weights()
        for vals in vals_list:
            organization = organizations.browse(vals.get("organization_id"))
            period = periods.browse(vals.get("period_id"))
            vals["branch_type_id"] = organization.branch_type_id.id
            vals["general_branch_id"] = organization.general_branch_id.id
            if period.kind == "year":
                vals["path_kind"] = "annual"
                for field, weight in weights.items():
                    vals.setdefault(field, weight)
            else:
                vals["path_kind"] = "standard" if organization.general_branch_id else "direct"
            vals["state"] = "draft"
        # The snapshot above (type, general branch, path, state) is the system's: the
        # user's own values were checked, the records are created with superuser rights
        # and the user's access to them checked after.
        evaluations = super(PartyEvaluation, self.sudo()).create(vals_list).with_env(self.env)
        if not self.env.su:
            evaluations.check_access("create")
        monthly = evaluations.filtered(lambda e: e.path_kind != "annual")
        monthly._generate_lines()
        (evaluations - monthly)._update_monthly_averages()
        evaluations._update_activities()
        return evaluations

    @api.model
    def _check_create_values(self, vals_list):
        """A user gives the branch, the period and the annual inputs; the system
        fields, the lines and a state other than the first are refused."""
        self.check_access("create")
        for vals in vals_list:
            self._check_values(vals)
            refused = (self._get_system_fields() - CREATE_FIELDS | NOT_ON_CREATE) & vals.keys()
            if refused:
                raise UserError(
                    _(
                        "These fields are set by the system and cannot be changed: %(fields)s.",
                        fields=", ".join(
                            sorted(
                                self._fields[name]._description_string(self.env) for name in refused
                            )
                        ),
                    )
                )
            if vals.get("state", self._initial_state) != self._initial_state:
                raise UserError(
                    _(
                        "A new record starts as %(state)s; its state changes only through "
                        "its workflow.",
                        state=self._guard_state_label(self._initial_state),
                    )
                )

    @api.model
    def _check_one_per_period(self, vals_list):
        """Refuse a second evaluation of a branch for a period, before the database
        constraint would with a generic message."""
        pairs = [(vals.get("organization_id"), vals.get("period_id")) for vals in vals_list]
        seen = set()
        duplicates = {pair for pair in pairs if pair in seen or seen.add(pair)}
        existing = self.sudo().search(
            [
                ("organization_id", "in", [org for org, _period in pairs]),
                ("period_id", "in", [period for _org, period in pairs]),
            ]
        )
        duplicates |= {(e.organization_id.id, e.period_id.id) for e in existing} & set(pairs)
        if duplicates:
            org_id, period_id = sorted(duplicates)[0]
            raise ValidationError(
                _(
                    "%(branch)s already has an evaluation for %(period)s.",
                    branch=self.env["party.organization"].browse(org_id).name,
                    period=self.env["party.period"].browse(period_id).name,
                )
            )

    def write(self, vals):
        """The guard's write (system fields, values, the one transition check, the
        after-transition hook), after the closed period, the access rules and the
        annual inputs are checked; the lines' scores are written first, while the
        evaluation still waits for the level that scores them."""
        self._check_not_sealed(vals)
        self._check_write(vals)
        if "line_ids" in vals:
            vals = dict(vals)
            others = self._write_lines(vals.pop("line_ids"))
            if others:
                vals["line_ids"] = others
            if not vals:
                return True
        return super().write(vals)

    def _write_lines(self, commands):
        """Apply the form's line commands: users update the scores, notes and evidence
        of the evaluation's own lines (the criteria are fixed); the score changes are
        logged as one message per evaluation, through an argument no client can send.
        Returns the other commands, which only the system gives."""
        Line = self.env["party.evaluation.line"]
        changes, others = [], []
        for command in commands:
            if command[0] == Command.UPDATE:
                line = Line.browse(command[1])
                if line.evaluation_id not in self:
                    raise UserError(_("The criteria of an evaluation cannot be changed."))
                line._write_scores(command[2], changes)
            elif command[0] == Command.LINK and Line.browse(command[1]).evaluation_id in self:
                continue
            elif self.env.su:
                others.append(command)
            else:
                raise UserError(_("The criteria of an evaluation cannot be changed."))
        Line._log_score_changes(changes)
        return others

    def unlink(self):
        self._check_not_sealed({"id": True})
        return super().unlink()

    def _check_not_sealed(self, vals):
        """Evaluations of a closed (sealed) period are read-only, but for their chatter."""
        if any(not field.startswith(MAIL_FIELD_PREFIXES) for field in vals):
            self.period_id._check_open()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Branch officers: submit the self-assessment for approval."""
        not_draft = self.filtered(lambda e: e.state != "draft")
        if not_draft:
            raise UserError(
                _(
                    "Only self-assessments are submitted; %(names)s went further.",
                    names=_names(not_draft),
                )
            )
        return self._move_on()

    def action_approve(self):
        """Reviewers: approve the step and pass the evaluation to the next level."""
        drafts = self.filtered(lambda e: e.state == "draft" and e.path_kind != "annual")
        if drafts:
            raise UserError(
                _("%(names)s must be submitted by the branch first.", names=_names(drafts))
            )
        return self._move_on()

    def action_return(self):
        """Send the evaluations back one level; the reason is asked in a wizard."""
        for evaluation in self:
            evaluation._check_transition(evaluation._previous_state(), {"return_reason": "-"})
        return {
            "type": "ir.actions.act_window",
            "name": _("Return Evaluation"),
            "res_model": "party.evaluation.return",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_recompute_monthly_average(self):
        self._check_write({"year_end_score": 0})
        self._update_monthly_averages()

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _step(self):
        """(index, acting level) of the current state on the evaluation's path."""
        self.ensure_one()
        path = PATHS[self.path_kind or "standard"]
        for index, (state, level) in enumerate(path):
            if state == self.state:
                return index, level
        return len(path) - 1, path[-1][1]

    def _next_state(self):
        index, _level = self._step()
        path = PATHS[self.path_kind]
        return path[index + 1][0] if index + 1 < len(path) else False

    def _previous_state(self):
        index, _level = self._step()
        return PATHS[self.path_kind][index - 1][0] if index else False

    def _level_above(self):
        """The level that acts next on the evaluation's path, if it is another one
        (a late branch is reminded by its general branch, or the committee for a
        direct branch; a late general branch by the committee)."""
        self.ensure_one()
        next_state = self._next_state()
        above = next_state and dict(PATHS[self.path_kind])[next_state]
        return above if above != self.acting_level else False

    def _user_acts_as(self, level):
        """Whether the current user may act for ``level`` on this evaluation."""
        self.ensure_one()
        return self.organization_id._user_acts_as(level)

    def _level_label(self, level):
        return selection_labels(self.env, self._name, "acting_level")[level]

    def _state_label(self, state):
        return selection_labels(self.env, self._name, "state")[state]

    def _may_path(self):
        """The actor of every move of the table (PATH_MOVES): the level the evaluation
        waits for."""
        return self._user_acts_as(self.acting_level)

    def _check_transition(self, new_state, vals):
        """The one check of every state change: the move follows the path, the user
        acts for the level the evaluation waits for, the scores of that level are
        complete (moving on) or a reason is given (going back)."""
        for evaluation in self:
            evaluation.period_id._check_open()
            level = evaluation.acting_level
            forward = evaluation._next_state()
            backward = evaluation._previous_state()
            if new_state not in (forward, backward) or not new_state:
                raise UserError(
                    _(
                        "%(name)s cannot go from %(old)s to %(new)s.",
                        name=evaluation.name,
                        old=evaluation._state_label(evaluation.state),
                        new=evaluation._state_label(new_state) if new_state else "-",
                    )
                )
            if not evaluation._may_path():
                raise UserError(
                    _(
                        "%(name)s is waiting for the %(level)s (%(state)s); you cannot "
                        "act on it at this step.",
                        name=evaluation.name,
                        level=evaluation._level_label(level),
                        state=evaluation._state_label(evaluation.state),
                    )
                )
            if new_state == backward:
                if not (vals.get("return_reason") or "").strip():
                    raise UserError(
                        _("Give the reason for returning %(name)s.", name=evaluation.name)
                    )
            else:
                evaluation._check_complete(level)

    def _check_complete(self, level):
        self.ensure_one()
        if self.path_kind == "annual":
            if float_compare(self.year_end_score, 0.0, precision_digits=2) <= 0:
                raise UserError(_("Enter the year-end score of %(name)s first.", name=self.name))
            return
        column, note = SCORE_COLUMNS[level], NOTE_COLUMNS[level]
        empty = self.line_ids.filtered(
            lambda line: float_compare(line[column], 0.0, precision_digits=2) <= 0
            and not (line[note] or "").strip()
            and line.category != "bonus"
        )
        if empty:
            raise UserError(
                _(
                    "Score every criterion of %(name)s before passing it on; a zero score "
                    "needs a note saying why. Not scored: %(criteria)s.",
                    name=self.name,
                    criteria=", ".join(empty.mapped("name")),
                )
            )

    def _check_write(self, vals):
        """Record rules first (scope and acting level: AccessError), then the system
        fields and values (the guard checks them again, cheaply), the return reason and
        the annual inputs; the state change itself is the guard's, in write."""
        self.check_access("write")
        self._check_values(vals)
        if not self.env.su:
            self._check_system_fields(vals)
        guarded = ANNUAL_INPUT_FIELDS | {"secretary_low_rank", "return_reason", "line_ids"}
        if "return_reason" in vals and "state" not in vals:
            raise UserError(_("A return reason is given when returning an evaluation."))
        if not guarded & vals.keys():
            return
        self.period_id._check_open()
        for evaluation in self:
            if ANNUAL_INPUT_FIELDS & vals.keys() or "secretary_low_rank" in vals:
                if evaluation.path_kind != "annual":
                    raise UserError(
                        _(
                            "Year-end scores, weights and the cadre assessment belong to "
                            "annual evaluations."
                        )
                    )
                if not evaluation._user_acts_as("committee"):
                    raise UserError(_("Only the party committee enters annual evaluation results."))
                if (
                    ANNUAL_INPUT_FIELDS & vals.keys()
                    and evaluation.state != "draft"
                    and "state" not in vals
                ):
                    raise UserError(
                        _(
                            "%(name)s is reviewed; return it before changing its scores.",
                            name=evaluation.name,
                        )
                    )

    def _move_on(self):
        """Move each evaluation to the next state of its path, in batches per target."""
        by_target = defaultdict(lambda: self.browse())
        for evaluation in self:
            by_target[evaluation._next_state()] |= evaluation
        for target, evaluations in by_target.items():
            evaluations.write({"state": target})
        return True

    def _return(self, reason):
        """Send each evaluation back one level with ``reason``, posted in the chatter."""
        by_target = defaultdict(lambda: self.browse())
        for evaluation in self:
            by_target[evaluation._previous_state()] |= evaluation
        for target, evaluations in by_target.items():
            evaluations.write({"state": target, "return_reason": reason})
        return True

    def _after_transition(self, moved_from, vals):
        """Carry out what follows a state change, whether a button or a plain write
        asked for it: prefill the next column, sign the step, post the return reason,
        reschedule activities, update rankings and annual averages. ``moved_from``
        maps each evaluation's id to its state before the write."""
        moved_from = {evaluation: moved_from[evaluation.id] for evaluation in self}
        forward = self.filtered(lambda e: e._previous_state() == moved_from[e])
        forward._prefill_next_column(moved_from)
        returned = self - forward
        self._sign(forward, moved_from)
        for evaluation in returned:
            # The actor may have lost write access with the move; the message is the
            # workflow's record of it, posted in their name, a log nobody edits
            # (models/mail_message.py), hence not a comment.
            evaluation.sudo().message_post(
                body=_(
                    "Returned to %(state)s: %(reason)s",
                    state=evaluation._state_label(evaluation.state),
                    reason=vals.get("return_reason"),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
        self._update_activities(returned_reason=vals.get("return_reason"))
        touched = self.filtered(lambda e: "reviewed" in (e.state, moved_from[e]))
        if touched:
            self._compute_ranks(touched.period_id)
            monthly = touched.filtered(lambda e: e.path_kind != "annual")
            if monthly:
                years = monthly.period_id.year_id
                annual = self.search([("period_id", "in", years.ids), ("state", "=", "draft")])
                annual._update_monthly_averages()

    def _sign(self, forward, moved_from):
        """Sign the step each evaluation passed (forward) or clear the signature of
        the step it was returned to, in one write per level and direction."""
        groups = defaultdict(lambda: self.browse())
        for evaluation in self:
            moved_on = evaluation in forward
            state = moved_from[evaluation] if moved_on else evaluation.state
            groups[dict(PATHS[evaluation.path_kind])[state], moved_on] |= evaluation
        now = fields.Datetime.now()
        for (level, moved_on), evaluations in groups.items():
            user_field, date_field = SIGNATURE_FIELDS[level]
            # The signature is the workflow's record of the step, written whatever
            # the signer may still write after the move (system fields).
            evaluations.sudo().write(
                {user_field: moved_on and self.env.uid, date_field: moved_on and now}
            )

    def _prefill_next_column(self, moved_from):
        """Start the next level from the scores of the level before it, unless that
        level has already scored (after a return), in one query."""
        pairs = defaultdict(list)
        for evaluation in self:
            old_level = dict(PATHS[evaluation.path_kind])[moved_from[evaluation]]
            new_level = evaluation.acting_level
            source, target = SCORE_COLUMNS[old_level], SCORE_COLUMNS[new_level]
            if source != target and not any(evaluation.line_ids.mapped(target)):
                pairs[source, target].append(evaluation.id)
        Line = self.env["party.evaluation.line"]
        for (source, target), ids in pairs.items():
            Line.flush_model([source, target])
            self.env.cr.execute(
                SQL(
                    """UPDATE party_evaluation_line SET %s = %s
                        WHERE evaluation_id IN %s RETURNING id""",
                    SQL.identifier(target),
                    SQL.identifier(source),
                    tuple(ids),
                )
            )
            lines = Line.browse([row[0] for row in self.env.cr.fetchall()])
            lines.invalidate_recordset([target])
            lines.modified([target])

    def _update_activities(self, returned_reason=None):
        """Close this workflow's open activities and schedule one for each officer of
        the level each evaluation now waits for (none once it is reviewed)."""
        activity_type = self.env.ref("party_quant.mail_activity_type_evaluation")
        # The actor has just passed the step and may no longer write the evaluation;
        # activities are the workflow's notifications, handled with superuser rights.
        # Activities are read by the next level: not in English when a cron acts.
        evaluations = system_env(self.sudo())
        env = evaluations.env
        done = evaluations.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        if done:
            done.action_feedback(
                feedback=env._("Step completed by %(user)s.", user=self.env.user.name)
            )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for evaluation in evaluations:
            index, level = evaluation._step()
            if index == len(PATHS[evaluation.path_kind]) - 1:
                continue
            deadline = max(today, evaluation.period_id.date_end) + timedelta(
                days=self._deadline_days(level)
            )
            summary = {
                "branch": env._("Self-assess and submit"),
                "general_branch": env._("Preliminary evaluation"),
                "committee": env._("Committee review"),
            }[level]
            note = (
                Markup("<p>%s</p>") % env._("Returned: %(reason)s", reason=returned_reason)
                if returned_reason
                else False
            )
            for user in evaluation._level_users(level):
                vals_list.append(
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": model_id,
                        "res_id": evaluation.id,
                        "user_id": user.id,
                        "date_deadline": deadline,
                        "summary": summary,
                        "note": note,
                        "automated": True,
                    }
                )
        if vals_list:
            self.env["mail.activity"].sudo().create(vals_list)

    def _level_users(self, level):
        """The active users who act for ``level`` on this evaluation."""
        self.ensure_one()
        return self.organization_id._level_users(level)

    @api.model
    def _deadline_days(self, level):
        return max(setting(self.env, DEADLINE_PARAM % level, DEADLINE_DEFAULTS[level]), 0)

    @api.model
    def _pay_settings(self):
        return {
            key: setting(self.env, param, default) for key, (param, default) in PAY_PARAMS.items()
        }

    @api.model
    def _default_weights(self):
        return {
            field: setting(self.env, param, default)
            for field, (param, default) in WEIGHT_PARAMS.items()
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _generate_lines(self):
        """Create the lines of these monthly evaluations from the catalogue of each
        branch's type, keeping the criterion's name, guide and max score as they are."""
        self.branch_type_id._check_criteria_total()
        by_type = self.env["party.criterion"]._for_branch_types(self.branch_type_id)
        vals_list = [
            {
                "evaluation_id": evaluation.id,
                "criterion_id": criterion.id,
                "sequence": position,
                "category": criterion.category,
                "max_score": criterion.max_score,
            }
            for evaluation in self
            for position, criterion in enumerate(by_type[evaluation.branch_type_id])
        ]
        Line = self.env["party.evaluation.line"]
        # The committee creates evaluations; lines are theirs to create too, but the
        # snapshot below must not depend on who triggered the creation.
        lines = Line.sudo().create(vals_list)
        if not lines:
            return lines
        # Name and guide are translated: copy every language at once.
        self.env["party.criterion"].flush_model(["name", "guide"])
        self.env.cr.execute(
            SQL(
                """UPDATE party_evaluation_line AS line
                      SET name = criterion.name, guide = criterion.guide
                     FROM party_criterion AS criterion
                    WHERE criterion.id = line.criterion_id AND line.id IN %s""",
                tuple(lines.ids),
            )
        )
        lines.invalidate_recordset(["name", "guide"])
        return lines

    @api.model
    def _create_for_periods(self, periods):
        """Create the missing evaluations of ``periods`` for every active branch."""
        periods._check_open()
        branches = self.env["party.organization"].search(
            [("kind", "=", "branch"), ("branch_type_id", "!=", False)]
        )
        existing = set(
            self.with_context(active_test=False)
            .sudo()
            ._read_group([("period_id", "in", periods.ids)], ["period_id", "organization_id"])
        )
        vals_list = [
            {"organization_id": branch.id, "period_id": period.id}
            for period in periods
            for branch in branches
            if (period, branch) not in existing
        ]
        return self.create(vals_list)

    @api.model
    def _cron_create_monthly_evaluations(self):
        """Daily: make sure every branch has its evaluation for the current month
        (a no-op once they exist, so a missed run is caught up the next day)."""
        # A cron has no language: what it writes is in the company's.
        self = system_env(self)  # noqa: PLW0642
        month = self.env["party.period"]._get_period(fields.Date.context_today(self))
        created = self._create_for_periods(month) if month.state == "open" else self.browse()
        self.env["ir.cron"]._notify_progress(done=len(created), remaining=0)

    @api.model
    def _cron_remind_late(self):
        """Daily: an evaluation still waiting past its activity's deadline gets an
        activity for the level above (branch late → general branch, or the committee
        for a direct branch; general branch late → committee), once per step."""
        self = system_env(self)  # noqa: PLW0642 (a cron has no language)
        activity_type = self.env.ref("party_quant.mail_activity_type_evaluation")
        late = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("activity_type_id", "=", activity_type.id),
                ("date_deadline", "<", fields.Date.context_today(self)),
            ]
        )
        evaluations = (
            self.browse(set(late.mapped("res_id")))
            .exists()
            .filtered(
                lambda e: e.period_id.state == "open"
                and e.reminder_state != e.state
                and e._next_state()
            )
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for evaluation in evaluations:
            level = evaluation.acting_level
            above = evaluation._level_above()
            if not above:
                continue
            summary = self.env._(
                "Late: waiting for the %(level)s since its deadline",
                level=evaluation._level_label(level),
            )
            vals_list += [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": evaluation.id,
                    "user_id": user.id,
                    "date_deadline": today,
                    "summary": summary,
                    "automated": True,
                }
                for user in evaluation._level_users(above)
            ]
        if vals_list:
            # Reminders are the workflow's own notifications (cron, superuser).
            self.env["mail.activity"].sudo().create(vals_list)
        if evaluations:
            self.flush_model(["state"])
            self.env.cr.execute(
                SQL(
                    "UPDATE party_evaluation SET reminder_state = state WHERE id IN %s",
                    tuple(evaluations.ids),
                )
            )
            self.invalidate_model(["reminder_state"])
        self.env["ir.cron"]._notify_progress(done=len(evaluations), remaining=0)

    def _update_monthly_averages(self):
        """Set the monthly average of these annual evaluations from the reviewed
        monthly evaluations of their year, in one query."""
        annual = self.filtered(lambda e: e.path_kind == "annual")
        if not annual:
            return
        self.flush_model(["final_score", "state", "organization_id", "period_id"])
        self.env["party.period"].flush_model(["year_id"])
        self.env.cr.execute(
            SQL(
                """UPDATE party_evaluation AS annual
                      SET (monthly_average, monthly_count) = (
                          SELECT COALESCE(AVG(month.final_score), 0), COUNT(month.id)
                            FROM party_evaluation AS month
                            JOIN party_period AS period ON period.id = month.period_id
                           WHERE period.year_id = annual.period_id
                             AND month.organization_id = annual.organization_id
                             AND month.state = 'reviewed')
                    WHERE annual.id IN %s""",
                tuple(annual.ids),
            )
        )
        annual.invalidate_recordset(["monthly_average", "monthly_count"])
        annual.modified(["monthly_average"])

    @api.model
    def _close_evaluations(self, period, previous, cycle):
        """What the close writes in the evaluations of ``period``, in one statement
        whatever the number of branches (each row is rewritten once): the rank within
        the type (as ``_compute_ranks``), for a month the pay linkage with the secretary
        of the month (an evaluation closed unreviewed deducts nothing), the last of
        each type (ties are all last; a type needs two reviewed evaluations to have a
        last) with the streak counted from the ``previous`` period modulo ``cycle``,
        and the digest the period's seal is made of."""
        month = period.kind == "month"
        pay = self._pay_settings()
        self.env["party.organization"].flush_model(["secretary_id", "secretary_mode"])
        self.flush_model()
        linked_share = SQL(
            "CASE WHEN organization.secretary_mode = 'full_time' THEN %s ELSE %s END / 100.0",
            pay["full_time"],
            pay["part_time"],
        )
        payout_ratio = SQL(
            """CASE WHEN evaluation.state <> 'reviewed' OR evaluation.final_score >= %(base)s
                    THEN 1 ELSE ROUND(evaluation.final_score / %(base)s, 6) END""",
            base=pay["base_score"],
        )
        pay_factor = (
            SQL("ROUND(1 - placed.linked_share * (1 - placed.payout_ratio), 6)")
            if month
            else SQL("evaluation.pay_factor")
        )
        pay_columns = (
            SQL(
                """secretary_id = placed.secretary_id,
                   secretary_mode = COALESCE(placed.secretary_mode, 'part_time'),
                   linked_share = placed.linked_share, payout_ratio = placed.payout_ratio,
                   closed_unreviewed = evaluation.state <> 'reviewed',
                   pay_factor = %s,""",
                pay_factor,
            )
            if month
            else SQL("")
        )
        self.env.cr.execute(
            SQL(
                """WITH placed AS (
                       SELECT evaluation.id, %(rank)s AS rank,
                              COALESCE(evaluation.state = 'reviewed'
                                       AND COUNT(*) FILTER (WHERE evaluation.state = 'reviewed')
                                           OVER by_type >= 2
                                       AND evaluation.final_score = MIN(evaluation.final_score)
                                           FILTER (WHERE evaluation.state = 'reviewed')
                                           OVER by_type, FALSE) AS is_last,
                              MOD(before.last_streak, %(cycle)s) AS streak_before,
                              organization.secretary_id, organization.secretary_mode,
                              (%(linked_share)s)::numeric AS linked_share,
                              (%(payout_ratio)s)::numeric AS payout_ratio
                         FROM party_evaluation AS evaluation
                         JOIN party_organization AS organization
                           ON organization.id = evaluation.organization_id
                         LEFT JOIN party_evaluation AS before
                           ON before.organization_id = evaluation.organization_id
                          AND before.period_id = %(previous)s
                        WHERE evaluation.period_id = %(period)s
                       WINDOW by_type AS (PARTITION BY evaluation.branch_type_id))
                   UPDATE party_evaluation AS evaluation
                      SET rank_in_type = placed.rank,
                          is_last_in_type = placed.is_last,
                          last_streak = CASE WHEN placed.is_last
                                             THEN 1 + COALESCE(placed.streak_before, 0)
                                             ELSE 0 END,
                          %(pay_columns)s
                          seal_digest = %(digest)s
                     FROM placed
                    WHERE placed.id = evaluation.id""",
                rank=self._rank_sql(SQL("evaluation")),
                cycle=cycle,
                linked_share=linked_share,
                payout_ratio=payout_ratio,
                previous=previous.id or None,
                period=period.id,
                pay_columns=pay_columns,
                digest=self._seal_digest_sql(SQL("evaluation"), SQL("placed.rank"), pay_factor),
            )
        )
        self.invalidate_model()

    @api.model
    def _mark_honors(self, period):
        """The first of each type in the annual ranking (the annual close)."""
        self.env.cr.execute(
            SQL(
                """UPDATE party_evaluation
                      SET honor_candidate = (state = 'reviewed' AND rank_in_type = 1)
                    WHERE period_id = %s""",
                period.id,
            )
        )
        self.invalidate_model(["honor_candidate"])

    @api.model
    def _seal_digest_sql(self, table=None, rank=None, pay_factor=None):
        """The digest of one evaluation row: what the seal of its period protects
        (``rank`` and ``pay_factor``: the values being written, by the close)."""
        prefix = SQL("%s.", table) if table else SQL("")
        return SQL(
            """encode(sha256(convert_to(concat_ws('|', %(p)sid, %(p)sorganization_id, %(p)sstate,
                   COALESCE(%(p)sfinal_score::text, ''), COALESCE(%(rank)s::text, ''),
                   COALESCE(%(pay)s::text, '')), 'UTF8')), 'hex')""",
            p=prefix,
            rank=rank or SQL("%srank_in_type", prefix),
            pay=pay_factor or SQL("%spay_factor", prefix),
        )

    @api.model
    def _rank_sql(self, table=None):
        """The rank of a reviewed evaluation within its period and type by final score
        (competition ranking: 1, 2, 2, 4); others have none."""
        return SQL(
            """CASE WHEN %(p)sstate = 'reviewed' THEN
                   RANK() OVER (PARTITION BY %(p)speriod_id, %(p)sbranch_type_id,
                                             %(p)sstate = 'reviewed'
                                ORDER BY ROUND(%(p)sfinal_score::numeric, 2) DESC)
               END""",
            p=SQL("%s.", table) if table else SQL(""),
        )

    @api.model
    def _compute_ranks(self, periods):
        """Rank the reviewed evaluations of ``periods`` within their branch type by
        final score (competition ranking: 1, 2, 2, 4); others have no rank. One
        query whatever the number of branches."""
        if not periods:
            return
        self.flush_model(["final_score", "state", "branch_type_id", "period_id", "rank_in_type"])
        self.env.cr.execute(
            SQL(
                """UPDATE party_evaluation AS evaluation
                      SET rank_in_type = ranked.rank
                     FROM (SELECT id, %s AS rank
                             FROM party_evaluation
                            WHERE period_id IN %s) AS ranked
                    WHERE ranked.id = evaluation.id
                      AND evaluation.rank_in_type IS DISTINCT FROM ranked.rank""",
                self._rank_sql(),
                tuple(periods.ids),
            )
        )
        self.invalidate_model(["rank_in_type"])


def check_weights(env, monthly, year_end):
    """Raise unless the annual weights are positive and add up to 100%."""
    if monthly < 0 or year_end < 0 or float_compare(monthly + year_end, 100.0, precision_digits=1):
        raise ValidationError(
            env._("The monthly and year-end weights must be positive and add up to 100%.")
        )


def _names(records):
    return ", ".join(records.mapped("name"))
