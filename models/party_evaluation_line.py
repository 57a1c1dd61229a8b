from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .party_criterion import CATEGORIES
from .party_evaluation import NOTE_COLUMNS, SCORE_COLUMNS
from .party_labels import system_env

SCORE_FIELDS = ("self_score", "preliminary_score", "final_score")
# What the acting level may change on a line besides its own score column: its own
# note (each level has one) and the evidence.
NOTE_FIELDS = (*NOTE_COLUMNS.values(), "attachment_ids")
# The criterion as it was when the evaluation was created, and where the line belongs.
CRITERION_FIELDS = frozenset(
    {"evaluation_id", "criterion_id", "name", "guide", "max_score", "category", "sequence"}
)


class PartyEvaluationLine(models.Model):
    """One criterion of an evaluation, scored by each level in turn."""

    _name = "party.evaluation.line"
    _description = "Evaluation Line"
    _inherit = ["party.evidence.mixin", "party.guard.mixin"]
    _order = "evaluation_id, sequence, id"
    _system_fields = CRITERION_FIELDS | {
        "organization_id",
        "period_id",
        "state",
        "preliminary_difference",
        "final_difference",
    }

    evaluation_id = fields.Many2one(
        "party.evaluation", required=True, index=True, ondelete="cascade", readonly=True
    )
    criterion_id = fields.Many2one(
        "party.criterion", required=True, ondelete="restrict", readonly=True
    )
    sequence = fields.Integer(readonly=True)
    # Kept as the criterion was when the evaluation was created.
    name = fields.Char(string="Criterion Name", translate=True, readonly=True)
    guide = fields.Text(string="Scoring Guide", translate=True, readonly=True)
    category = fields.Selection(CATEGORIES, readonly=True)
    max_score = fields.Float(string="Max", digits=(5, 1), readonly=True)
    self_score = fields.Float(digits=(5, 2))
    preliminary_score = fields.Float(digits=(5, 2))
    final_score = fields.Float(digits=(5, 2))
    preliminary_difference = fields.Float(
        string="Preliminary − Self",
        compute="_compute_differences",
        digits=(5, 2),
        help="How far the general branch moved from the self-assessment.",
    )
    final_difference = fields.Float(
        string="Final − Previous",
        compute="_compute_differences",
        digits=(5, 2),
        help="How far the committee moved from the previous step.",
    )
    # One note per level: the branch's (the field kept its historical name), the
    # general branch's and the committee's, so that no level overwrites another's.
    note = fields.Text(string="Branch Note")
    preliminary_note = fields.Text(string="General Branch Note")
    final_note = fields.Text(string="Committee Note")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_evaluation_line_ir_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
    )
    state = fields.Selection(related="evaluation_id.state")
    organization_id = fields.Many2one(
        related="evaluation_id.organization_id", store=True, precompute=True
    )
    period_id = fields.Many2one(related="evaluation_id.period_id", store=True, precompute=True)

    @api.constrains(*SCORE_FIELDS)
    def _check_scores(self):
        for line in self:
            for field in SCORE_FIELDS:
                line._check_score_bound(field, line[field])

    @api.depends(
        "self_score",
        "preliminary_score",
        "final_score",
        "evaluation_id.state",
        "evaluation_id.path_kind",
    )
    def _compute_differences(self):
        for line in self:
            state, path = line.evaluation_id.state, line.evaluation_id.path_kind
            standard = path == "standard"
            line.preliminary_difference = (
                line.preliminary_score - line.self_score if standard and state != "draft" else 0.0
            )
            previous = line.preliminary_score if standard else line.self_score
            reached = ("preliminary", "reviewed") if standard else ("self_assessed", "reviewed")
            line.final_difference = line.final_score - previous if state in reached else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Lines are the catalogue's, created with the evaluation.
            raise UserError(_("The criteria of an evaluation cannot be changed."))
        return super().create(vals_list)

    def write(self, vals):
        """Scores and notes, by the level the evaluation waits for; the score changes
        are logged in the evaluation's chatter, one message for this write."""
        before = self._check_score_write(vals)
        res = super().write(vals)
        self._log_score_changes(self._score_changes(before))
        return res

    def _write_scores(self, vals, changes):
        """Write ``vals`` and add the score changes to ``changes`` instead of logging
        them: the evaluation's write passes one list for all its lines and logs them
        once. The list is an argument, not something a client can send."""
        before = self._check_score_write(vals)
        res = super().write(vals)
        changes.extend(self._score_changes(before))
        return res

    def _check_score_write(self, vals):
        """Refuse what may not be written; return the scores before the write."""
        self.evaluation_id.period_id._check_open()
        scores = [field for field in SCORE_FIELDS if field in vals]
        notes = [field for field in NOTE_COLUMNS.values() if field in vals]
        if CRITERION_FIELDS & vals.keys() and not self.env.su:
            raise UserError(_("The criteria of an evaluation cannot be changed."))
        if scores or set(NOTE_FIELDS) & vals.keys():
            # Record rules first (scope and acting level: AccessError), then the workflow.
            self.check_access("write")
            self._check_line_write(scores, notes)
        self._check_values(vals)
        self._check_score_bounds(vals, scores)
        return {line: {field: line[field] for field in scores} for line in self}

    @staticmethod
    def _score_changes(before):
        """(line, field, old, new) for each score that changed since ``before``."""
        return [
            (line, field, old[field], line[field])
            for line, old in before.items()
            for field in old
            if float_compare(old[field], line[field], precision_digits=2)
        ]

    def unlink(self):
        self.evaluation_id.period_id._check_open()
        if not self.env.su:
            raise UserError(_("The criteria of an evaluation cannot be changed."))
        return super().unlink()

    def _check_score_bounds(self, vals, scores):
        """Each score within 0 and the line's max (bonus lines: their own max), before
        anything is written."""
        for field in scores:
            score = float(vals[field] or 0.0)
            for line in self:
                line._check_score_bound(field, score)

    def _check_score_bound(self, field, score):
        if score < 0 or float_compare(score, self.max_score, precision_digits=2) > 0:
            raise ValidationError(
                _(
                    "The %(column)s of “%(criterion)s” must be between 0 and "
                    "%(max)s; %(score)s was entered.",
                    column=self._fields[field]._description_string(self.env),
                    criterion=self.name,
                    max=self.max_score,
                    score=score,
                )
            )

    def _check_line_write(self, scores, notes=()):
        """Each level writes only its own score column and note, while the evaluation
        waits for it."""
        for evaluation in self.evaluation_id:
            evaluation.period_id._check_open()
            level = evaluation.acting_level
            waiting = evaluation._next_state()
            allowed = SCORE_COLUMNS[level]
            if not waiting or not evaluation._user_acts_as(level):
                raise UserError(
                    _(
                        "%(name)s is %(state)s: its scores cannot be changed by you now.",
                        name=evaluation.name,
                        state=evaluation._state_label(evaluation.state),
                    )
                )
            other = [field for field in scores if field != allowed]
            if other:
                raise UserError(
                    _(
                        "At this step of %(name)s only the %(column)s may change.",
                        name=evaluation.name,
                        column=self._fields[allowed]._description_string(self.env),
                    )
                )
            own_note = NOTE_COLUMNS[level]
            if any(field != own_note for field in notes):
                raise UserError(
                    _(
                        "At this step of %(name)s only the %(column)s may change.",
                        name=evaluation.name,
                        column=self._fields[own_note]._description_string(self.env),
                    )
                )

    @api.model
    def _log_score_changes(self, changes):
        """Post one message per evaluation listing the score changes."""
        by_evaluation = defaultdict(list)
        for line, field, old, new in changes:
            by_evaluation[line.evaluation_id].append((line, field, old, new))
        # One language for the whole log: the user's, or the company's when the
        # system scores (the demo, a cron) — not English names under a Chinese title.
        env = system_env(self).env
        for evaluation, items in by_evaluation.items():
            rows = Markup().join(
                Markup("<li>%s: %s %s → %s</li>")
                % (
                    line.with_env(env).name,
                    self._fields[field]._description_string(env),
                    f"{old:g}",
                    f"{new:g}",
                )
                for line, field, old, new in items
            )
            # Logged in the name of the user who scored; reviewers of later steps keep
            # read access only, and the log must not depend on it.
            evaluation.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>") % (env._("Scores changed"), rows),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=self.env.user.partner_id.id,
            )
