"""Findings of a cross inspection, their score adjustments (accepted or rejected by
the committee at its review step, then part of the evaluation line's final score),
and the rectification tasks (整改) they open."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from .party_evaluation import PATHS
from .party_inspection_notice import inbox_notices, schedule_todos
from .party_labels import system_env
from .party_organization import LEVEL_GROUPS

FINDING_STATES = [
    ("draft", "Recorded"),
    ("proposed", "Adjustment Proposed"),
    ("accepted", "Adjustment Accepted"),
    ("rejected", "Adjustment Rejected"),
]
RECTIFICATION_STATES = [
    ("open", "To Rectify"),
    ("submitted", "Submitted"),
    ("closed", "Signed Off"),
    ("reopened", "Reopened"),
]
# What a finding's adjustment may no longer change once proposed.
FROZEN_FINDING_FIELDS = {"adjustment", "criterion_id", "inspection_id"}


# The committee's to-do on an evaluation with proposed adjustments (the msgid, English).
DECIDE_SUMMARY = "Decide the inspection adjustments"


class PartyInspectionFinding(models.Model):
    _name = "party.inspection.finding"
    _description = "Inspection Finding"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "inspection_id, criterion_id, id"

    _system_fields = frozenset({"evaluation_line_id", "decided_by_id", "decided_on"})
    _transitions = {
        ("draft", "proposed"): "team",
        ("proposed", "draft"): "team",
        ("proposed", "accepted"): "committee",
        ("proposed", "rejected"): "committee",
    }

    name = fields.Char(string="Finding", required=True, tracking=True)
    inspection_id = fields.Many2one(
        "party.inspection", required=True, index=True, ondelete="cascade"
    )
    plan_id = fields.Many2one(related="inspection_id.plan_id", store=True, index=True)
    organization_id = fields.Many2one(
        related="inspection_id.organization_id", store=True, string="Branch", index=True
    )
    branch_type_id = fields.Many2one(related="inspection_id.branch_type_id", store=True)
    general_branch_id = fields.Many2one(related="inspection_id.general_branch_id", store=True)
    criterion_id = fields.Many2one(
        "party.criterion", required=True, ondelete="restrict", tracking=True
    )
    method = fields.Selection(
        [
            ("documents", "Document Review"),
            ("questionnaire", "Questionnaire"),
            ("forum", "Staff Forum"),
            ("talk", "Individual Talk"),
        ],
        default="documents",
        required=True,
    )
    evidence = fields.Text(required=True, help="What was seen, read or heard.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_inspection_finding_ir_attachment_rel",
        "finding_id",
        "attachment_id",
        string="Evidence Files",
    )
    adjustment = fields.Float(
        string="Proposed Adjustment",
        digits=(5, 2),
        tracking=True,
        aggregator="sum",
        help="Points added to (or, negative, taken from) the criterion's final score of "
        "the period's evaluation, once the committee accepts.",
    )
    state = fields.Selection(
        FINDING_STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    decision_note = fields.Text(tracking=True)
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    decided_on = fields.Date(readonly=True)
    evaluation_line_id = fields.Many2one("party.evaluation.line", readonly=True, index=True)
    evaluation_id = fields.Many2one(related="evaluation_line_id.evaluation_id")
    needs_rectification = fields.Boolean(tracking=True)
    rectification_deadline = fields.Date()
    rectification_ids = fields.One2many("party.rectification", "finding_id")

    @api.constrains("adjustment")
    def _check_adjustment(self):
        for finding in self:
            if abs(finding.adjustment) > 100:
                raise ValidationError(_("An adjustment is at most 100 points either way."))

    @api.model_create_multi
    def create(self, vals_list):
        findings = super().create(vals_list)
        findings._open_rectifications()
        return findings

    def write(self, vals):
        frozen = FROZEN_FINDING_FIELDS & vals.keys()
        if frozen and not self.env.su and any(f.state != "draft" for f in self):
            raise UserError(_("Withdraw the proposal before changing the adjustment."))
        res = super().write(vals)
        if {"needs_rectification", "rectification_deadline"} & vals.keys():
            self._open_rectifications()
        return res

    def _open_rectifications(self):
        todo = self.filtered(lambda f: f.needs_rectification and not f.rectification_ids)
        missing = todo.filtered(lambda f: not f.rectification_deadline)
        if missing:
            raise UserError(_("Give the rectification deadline of %(name)s.", name=missing[0].name))
        if todo:
            # The branch's task, opened by the finding whoever records it.
            self.env["party.rectification"].sudo().create(
                [
                    {
                        "finding_id": finding.id,
                        "name": finding.name,
                        "deadline": finding.rectification_deadline,
                    }
                    for finding in todo
                ]
            )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _may_team(self):
        return self.inspection_id._may_team()

    def action_propose(self):
        self.write({"state": "proposed"})

    def action_withdraw(self):
        self.write({"state": "draft"})

    def action_accept(self):
        self.write({"state": "accepted"})

    def action_reject(self):
        self.write({"state": "rejected"})

    def _check_transition(self, new_state, vals):
        res = super()._check_transition(new_state, vals)
        if new_state == "proposed":
            for finding in self:
                if float_is_zero(finding.adjustment, precision_digits=2):
                    raise UserError(_("Enter the adjustment to propose first."))
        elif new_state in ("accepted", "rejected"):
            for finding in self:
                finding._check_committee_step()
        return res

    def _check_committee_step(self):
        """The committee decides while the evaluation waits for its review (or once
        reviewed, the period still open)."""
        evaluation = self.evaluation_line_id.evaluation_id
        if evaluation.period_id.state != "open":
            raise UserError(_("The period of %(name)s is closed.", name=evaluation.display_name))
        level = dict(PATHS[evaluation.path_kind])[evaluation.state]
        if level != "committee":
            raise UserError(
                _(
                    "%(name)s is not at the committee's review step yet.",
                    name=evaluation.display_name,
                )
            )

    def _after_transition(self, moved_from, vals):
        new_state = vals["state"]
        if new_state == "proposed":
            self._link_evaluation_lines()
            self._schedule_decisions()
        elif new_state in ("accepted", "rejected"):
            # The decision's signature (system fields).
            self.sudo().write(
                {"decided_by_id": self.env.uid, "decided_on": fields.Date.context_today(self)}
            )
            self._close_decisions(self.sudo().evaluation_line_id.evaluation_id)
            self._post_on_evaluations(new_state)
            self._notify_branches(new_state)
            reviewed = self.evaluation_line_id.evaluation_id.filtered(
                lambda e: e.state == "reviewed"
            )
            if reviewed:
                reviewed.flush_recordset(["final_score"])
                self.env["party.evaluation"]._compute_ranks(reviewed.period_id)
        elif new_state == "draft":
            # The link is the system's (the team may not read the evaluation).
            evaluations = self.sudo().evaluation_line_id.evaluation_id
            self.sudo().evaluation_line_id = False
            self._close_decisions(evaluations)

    def _decision_summary(self, env):
        return env._("Decide the inspection adjustments")

    def _schedule_decisions(self):
        """A to-do on each evaluation concerned for the committee, who decides the
        proposed adjustments at its review step (once per evaluation and person)."""
        evaluations = system_env(self.sudo()).evaluation_line_id.evaluation_id
        if evaluations:
            schedule_todos(
                evaluations,
                lambda evaluation: evaluation._level_users("committee"),
                self._decision_summary(evaluations.env),
                deadline=max(
                    fields.Date.context_today(self), max(evaluations.period_id.mapped("date_end"))
                ),
            )

    def _close_decisions(self, evaluations):
        """The committee's to-dos of the evaluations with no proposal left: done."""
        evaluations = system_env(evaluations.sudo())
        if not evaluations:
            return
        waiting = (
            self.sudo()
            .search(
                [
                    ("evaluation_line_id.evaluation_id", "in", evaluations.ids),
                    ("state", "=", "proposed"),
                ]
            )
            .evaluation_line_id.evaluation_id
        )
        # In every installed language, and the source (English): the to-do was written
        # in the language of whoever proposed.
        summaries = {
            self._decision_summary(self.with_context(lang=lang).env)
            for lang, _name in self.env["res.lang"].get_installed()
        } | {DECIDE_SUMMARY}
        todos = (evaluations - waiting).activity_ids.filtered(lambda a: a.summary in summaries)
        if todos:
            todos.action_feedback(
                feedback=evaluations.env._("Decided by %(user)s.", user=self.env.user.name)
            )

    def _notify_branches(self, new_state):
        """The inspected branch's officers are told of the committee's decision, in
        their inbox, on their evaluation."""
        by_evaluation = self.sudo().grouped(lambda f: f.evaluation_line_id.evaluation_id)
        evaluations = self.env["party.evaluation"].union(*by_evaluation)

        def body(evaluation, env):
            findings = by_evaluation[evaluation].with_env(env)
            lines = "; ".join(
                f"{finding.criterion_id.name} {finding.adjustment:+g} ({finding.name})"
                for finding in findings
            )
            if new_state == "accepted":
                return env._(
                    "The committee accepted the inspection adjustments of %(evaluation)s: "
                    "%(lines)s.",
                    evaluation=evaluation.display_name,
                    lines=lines,
                )
            return env._(
                "The committee rejected the inspection adjustments of %(evaluation)s: "
                "%(lines)s.",
                evaluation=evaluation.display_name,
                lines=lines,
            )

        inbox_notices(
            evaluations,
            lambda evaluation: evaluation._level_users("branch").partner_id,
            body,
        )

    def _link_evaluation_lines(self):
        """Each proposal applies to its criterion's line of the branch's evaluation of
        the plan's adjusted month (by default the last month inspected)."""
        Period = self.env["party.period"]
        for finding in self:
            plan = finding.plan_id
            period = plan.evaluation_period_id or Period._get_period(plan.date_to)
            line = (
                self.env["party.evaluation.line"]
                .sudo()
                .search(
                    [
                        ("organization_id", "=", finding.organization_id.id),
                        ("period_id", "=", period.id),
                        ("criterion_id", "=", finding.criterion_id.id),
                    ],
                    limit=1,
                )
            )
            if not line:
                raise UserError(
                    _(
                        "%(branch)s has no evaluation line for “%(criterion)s” in "
                        "%(period)s to adjust.",
                        branch=finding.organization_id.name,
                        criterion=finding.criterion_id.name,
                        period=period.name,
                    )
                )
            if float_compare(abs(finding.adjustment), line.max_score, precision_digits=2) > 0:
                raise UserError(
                    _(
                        "The adjustment exceeds the criterion's maximum of %(max)s.",
                        max=line.max_score,
                    )
                )
            # The link is the system's (the team may not read the evaluation).
            finding.sudo().evaluation_line_id = line

    def _post_on_evaluations(self, new_state):
        for finding in self:
            evaluation = finding.evaluation_line_id.evaluation_id
            points = f"{finding.adjustment:+g}"
            text = (
                _(
                    "Inspection adjustment accepted on “%(criterion)s”: %(points)s (%(finding)s).",
                    criterion=finding.criterion_id.name,
                    points=points,
                    finding=finding.name,
                )
                if new_state == "accepted"
                else _(
                    "Inspection adjustment rejected on “%(criterion)s”: %(finding)s.",
                    criterion=finding.criterion_id.name,
                    finding=finding.name,
                )
            )
            # The evaluation's record of the committee's decision.
            evaluation.sudo().message_post(
                body=Markup("<p>%s</p>") % text,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )


class PartyRectification(models.Model):
    """A rectification task (整改) of the inspected branch: done by the branch with
    evidence, checked by the team, closed or reopened."""

    _name = "party.rectification"
    _description = "Rectification"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "deadline, id"
    _initial_state = "open"

    _system_fields = frozenset({"finding_id", "overdue_notified", "closed_on"})
    _transitions = {
        ("open", "submitted"): "branch",
        ("reopened", "submitted"): "branch",
        ("submitted", "closed"): "team",
        ("submitted", "reopened"): "team",
    }

    name = fields.Char(string="Task", required=True, tracking=True)
    finding_id = fields.Many2one(
        "party.inspection.finding", required=True, index=True, ondelete="cascade", readonly=True
    )
    inspection_id = fields.Many2one(
        related="finding_id.inspection_id", store=True, index=True, string="Inspection"
    )
    plan_id = fields.Many2one(related="finding_id.plan_id", store=True)
    organization_id = fields.Many2one(
        related="finding_id.organization_id", store=True, string="Branch", index=True
    )
    criterion_id = fields.Many2one(related="finding_id.criterion_id", store=True)
    deadline = fields.Date(required=True, tracking=True)
    state = fields.Selection(
        RECTIFICATION_STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    evidence = fields.Text(string="What Was Done", tracking=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_rectification_ir_attachment_rel",
        "rectification_id",
        "attachment_id",
        string="Evidence Files",
    )
    check_note = fields.Text(string="Team's Check", tracking=True)
    overdue = fields.Boolean(compute="_compute_overdue", search="_search_overdue")
    # Who may take the task's next step (the buttons show for them only).
    can_report = fields.Boolean(compute="_compute_can_act")
    can_review = fields.Boolean(compute="_compute_can_act")
    overdue_notified = fields.Boolean(readonly=True)
    closed_on = fields.Date(readonly=True)

    def _compute_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.overdue = task.state in ("open", "reopened") and task.deadline < today

    @api.depends("state", "organization_id", "inspection_id")
    @api.depends_context("uid")
    def _compute_can_act(self):
        for task in self:
            task.can_report = task._may_branch()
            task.can_review = task._may_team()

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on overdue."))
        domain = [
            ("state", "in", ("open", "reopened")),
            ("deadline", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group(LEVEL_GROUPS["committee"]):
            if {"deadline", "check_note"} & vals.keys() and not all(
                task._may_team() for task in self
            ):
                raise UserError(_("Only the team or the committee checks and moves deadlines."))
            if {"evidence", "attachment_ids"} & vals.keys() and not all(
                task._may_branch() for task in self
            ):
                raise UserError(_("Only the branch reports what was done."))
        res = super().write(vals)
        if "deadline" in vals:
            # A new deadline may be missed again (system field).
            self.sudo().overdue_notified = False
        return res

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _may_branch(self):
        return self.organization_id._user_acts_as("branch")

    def _may_team(self):
        return self.inspection_id._may_team()

    def action_submit(self):
        for task in self:
            if not (task.evidence or "").strip() and not task.attachment_ids:
                raise UserError(_("Describe what was done, or attach evidence, before submitting."))
        self.write({"state": "submitted"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_reopen(self):
        if self.filtered(lambda t: not (t.check_note or "").strip()):
            raise UserError(_("Write in the team's check why the task is reopened."))
        self.write({"state": "reopened"})

    def _after_transition(self, moved_from, vals):
        new_state = vals["state"]
        # Activities are the workflow's notifications, whoever moves the task.
        tasks = self.sudo()
        tasks.activity_ids.action_feedback(
            feedback=_("Moved on by %(user)s.", user=self.env.user.name)
        )
        if new_state == "submitted":
            tasks._schedule(
                lambda t: t.inspection_id.team_member_ids,
                _("Check the rectification"),
                fields.Date.context_today(self),
            )
        elif new_state == "reopened":
            tasks._schedule(
                lambda t: t.organization_id._level_users("branch"),
                _("Rectification reopened"),
                None,
            )
        elif new_state == "closed":
            tasks.write({"closed_on": fields.Date.context_today(self)})
        if new_state in ("closed", "reopened"):
            tasks._notify_branch(new_state)

    def _notify_branch(self, new_state):
        """The branch's officers are told of the team's decision on their task."""

        def body(task, env):
            if new_state == "closed":
                return env._(
                    "The inspection team signed off the rectification “%(task)s”: %(note)s",
                    task=task.name,
                    note=task.check_note or "",
                )
            return env._(
                "The inspection team reopened the rectification “%(task)s”: %(note)s",
                task=task.name,
                note=task.check_note or "",
            )

        inbox_notices(self, lambda t: t.organization_id._level_users("branch").partner_id, body)

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        # The branch's officers are told of their new task (workflow notification).
        tasks.sudo()._schedule(
            lambda t: t.organization_id._level_users("branch"), _("Rectification due"), None
        )
        return tasks

    def _schedule(self, users_of, summary, deadline):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "activity_type_id": activity_type.id,
                "res_model_id": model_id,
                "res_id": task.id,
                "user_id": user.id,
                "date_deadline": deadline or task.deadline,
                "summary": summary,
                "note": Markup("<p>%s</p>") % task.name,
                "automated": True,
            }
            for task in self
            for user in users_of(task)
        ]
        if vals_list:
            self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _cron_overdue(self):
        """Daily: each task past its deadline, not done, gets one activity for the
        branch's officers and its general branch's (once per deadline)."""
        overdue = self.search([("overdue", "=", True), ("overdue_notified", "=", False)])
        overdue._schedule(
            lambda t: t.organization_id._level_users("branch")
            | t.organization_id._level_users("general_branch"),
            _("Rectification overdue"),
            fields.Date.context_today(self),
        )
        # Notified once per deadline (system field, cron).
        overdue.sudo().write({"overdue_notified": True})
        self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=0)


class PartyEvaluationLineInspection(models.Model):
    """The accepted inspection adjustments of an evaluation line, with their findings,
    added to the committee's score."""

    _inherit = "party.evaluation.line"

    inspection_finding_ids = fields.One2many(
        "party.inspection.finding", "evaluation_line_id", string="Inspection Findings"
    )
    inspection_adjustment = fields.Float(
        compute="_compute_inspection_adjustment",
        store=True,
        digits=(5, 2),
        help="The accepted adjustments of the cross inspections.",
    )
    inspection_note = fields.Text(
        string="Inspection Notes",
        compute="_compute_inspection_adjustment",
        store=True,
    )
    adjusted_final_score = fields.Float(
        string="Final after Inspection",
        compute="_compute_adjusted_final_score",
        store=True,
        digits=(5, 2),
        help="The final score plus the accepted adjustments, within 0 and the maximum.",
    )

    @api.depends(
        "inspection_finding_ids.state",
        "inspection_finding_ids.adjustment",
        "inspection_finding_ids.name",
    )
    def _compute_inspection_adjustment(self):
        for line in self:
            # Findings are the committee's and the team's; the line shows their outcome.
            accepted = line.sudo().inspection_finding_ids.filtered(lambda f: f.state == "accepted")
            line.inspection_adjustment = sum(accepted.mapped("adjustment"))
            line.inspection_note = (
                "\n".join(f"{f.adjustment:+g} {f.name}" for f in accepted) or False
            )

    @api.depends("final_score", "inspection_adjustment", "max_score")
    def _compute_adjusted_final_score(self):
        for line in self:
            line.adjusted_final_score = min(
                max(line.final_score + line.inspection_adjustment, 0.0), line.max_score
            )


class PartyEvaluationInspection(models.Model):
    _inherit = "party.evaluation"

    inspection_finding_ids = fields.Many2many(
        "party.inspection.finding",
        string="Inspection Adjustments",
        compute="_compute_inspection_finding_ids",
        groups="party_quant.group_party_branch",
        help="The adjustments the cross inspections proposed on this evaluation's lines, "
        "and the committee's decisions.",
    )
    inspection_proposed_count = fields.Integer(
        string="Adjustments to Decide",
        compute="_compute_inspection_finding_ids",
        groups="party_quant.group_party_branch",
    )

    def _compute_inspection_finding_ids(self):
        # As the reader: the findings their rules show (the branch's own, the team's,
        # the general branch's, all for the committee).
        findings = self.env["party.inspection.finding"].search(
            [("evaluation_line_id.evaluation_id", "in", self.ids)]
        )
        # Grouped by the system (the line's evaluation is the one asked for).
        by_evaluation = {
            evaluation_id: group.with_env(self.env)
            for evaluation_id, group in findings.sudo()
            .grouped(lambda f: f.evaluation_line_id.evaluation_id.id)
            .items()
        }
        for evaluation in self:
            mine = by_evaluation.get(evaluation.id, findings.browse())
            evaluation.inspection_finding_ids = mine
            evaluation.inspection_proposed_count = len(
                mine.filtered(lambda f: f.state == "proposed")
            )

    @api.depends("line_ids.adjusted_final_score")
    def _compute_totals(self):
        res = super()._compute_totals()
        for evaluation in self:
            evaluation.final_total = sum(evaluation.line_ids.mapped("adjusted_final_score"))
        return res
