from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_labels import selection_labels, system_env

ESCALATION_KINDS = [
    ("criticism", "Notice of Criticism"),
    ("admonishment", "Admonishment Talks"),
    ("removal", "Removal or Demotion of the Secretary"),
]
# Months (or years, for removal) in a row as last of the type that trigger each kind.
STREAK_CRITICISM = 3
STREAK_ADMONISHMENT = 6
STREAK_REMOVAL_YEARS = 2


class PartyEscalation(models.Model):
    """A consequence of ranking last (通报批评, 诫勉谈话, 调离/降职), proposed by the
    monthly or annual close for the committee to carry out."""

    _name = "party.escalation"
    _description = "Escalation"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "period_start desc, id desc"
    # The committee carries a proposal out or cancels it (with a resolution); nothing
    # else moves.
    _transitions = {("proposed", "done"): "committee", ("proposed", "cancelled"): "committee"}
    _initial_state = "proposed"
    # What the close proposes: only the close (the system) sets it.
    _system_fields = frozenset(
        {
            "name",
            "organization_id",
            "period_id",
            "period_start",
            "kind",
            "branch_type_id",
            "streak",
            "evaluation_ids",
            "secretary_id",
            "member_ids",
        }
    )

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization", string="Branch", required=True, index=True, ondelete="restrict"
    )
    period_id = fields.Many2one("party.period", required=True, index=True, ondelete="restrict")
    period_start = fields.Date(related="period_id.date_start", store=True, string="Period Start")
    kind = fields.Selection(ESCALATION_KINDS, required=True, tracking=True)
    state = fields.Selection(
        [("proposed", "Proposed"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="proposed",
        required=True,
        tracking=True,
        index=True,
    )
    branch_type_id = fields.Many2one("party.branch.type")
    streak = fields.Integer(
        help="Months (years for a removal) in a row the branch was last of its type."
    )
    evaluation_ids = fields.Many2many(
        "party.evaluation",
        string="Evidence",
        help="The evaluations in which the branch was last of its type.",
    )
    secretary_id = fields.Many2one("party.member")
    member_ids = fields.Many2many(
        "party.member",
        string="Persons Concerned",
        help="Admonishment talks: the branch committee members. Removal: the other "
        "committee members, each admonished once.",
    )
    resolution = fields.Text(tracking=True, help="What was done, or why it was cancelled.")

    _sql_constraints = [
        (
            "organization_period_kind_uniq",
            "unique(organization_id, period_id, kind)",
            "This escalation already exists.",
        ),
    ]

    @api.depends("kind", "organization_id.name", "period_id.name")
    def _compute_name(self):
        """Stored in the language of who proposes it, the company's for a cron:
        "第一支部 2026年10月 通报批评"."""
        env = system_env(self).env
        labels = selection_labels(env, self._name, "kind")
        for escalation in self:
            escalation.name = " ".join(
                part
                for part in (
                    escalation.organization_id.name,
                    escalation.period_id.with_env(env).label,
                    labels.get(escalation.kind),
                )
                if part
            )

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_transition(self, new_state, vals):
        if self.filtered(lambda e: e.state != "proposed"):
            raise UserError(_("Only proposed escalations can be done or cancelled."))
        res = super()._check_transition(new_state, vals)
        if new_state == "cancelled":
            resolution = vals.get("resolution")
            missing = self.filtered(
                lambda e: not ((e.resolution if resolution is None else resolution) or "").strip()
            )
            if missing:
                raise UserError(
                    _("Write in the resolution why %(name)s is cancelled.", name=missing[0].name)
                )
        return res

    def _after_transition(self, moved_from, vals):
        self._close_activities()

    def _close_activities(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_escalation")
        activities = self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        if activities:
            activities.action_feedback()

    def _schedule_activities(self):
        """One activity per escalation for the officers of the committee (batched)."""
        activity_type = self.env.ref("party_quant.mail_activity_type_escalation")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for escalation in self:
            for user in escalation.organization_id._level_users("committee"):
                vals_list.append(
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": model_id,
                        "res_id": escalation.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "summary": escalation.name,
                        "automated": True,
                    }
                )
        if vals_list:
            # Scheduled by the close, which the committee or the cron runs; the
            # activities belong to the committee's officers.
            self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _sync_for_period(self, period):
        """Propose the escalations the close of ``period`` calls for, keeping those
        already acted upon and dropping proposals no longer called for (after a
        reopen). A handful of queries whatever the number of branches."""
        Evaluation = self.env["party.evaluation"]
        if period.kind == "month":
            triggering = Evaluation.search(
                [
                    ("period_id", "=", period.id),
                    ("last_streak", "in", [STREAK_CRITICISM, STREAK_ADMONISHMENT]),
                ]
            )
            wanted = {
                (
                    e.organization_id.id,
                    "criticism" if e.last_streak == STREAK_CRITICISM else "admonishment",
                ): e
                for e in triggering
            }
        else:
            triggering = Evaluation.search(
                [
                    ("period_id", "=", period.id),
                    ("last_streak", ">=", STREAK_REMOVAL_YEARS),
                    ("secretary_low_rank", "=", True),
                ]
            )
            wanted = {(e.organization_id.id, "removal"): e for e in triggering}
        existing = self.search([("period_id", "=", period.id)])
        existing.filtered(
            lambda x: x.state == "proposed" and (x.organization_id.id, x.kind) not in wanted
        ).unlink()
        have = {(x.organization_id.id, x.kind) for x in existing.exists()}
        evidence = self._streak_evaluations(period, triggering)
        vals_list = []
        for (org_id, kind), evaluation in wanted.items():
            if (org_id, kind) in have:
                continue
            branch = evaluation.organization_id
            secretary = evaluation.secretary_id or branch.secretary_id
            committee_members = branch.committee_member_ids | branch.secretary_id
            vals_list.append(
                {
                    "organization_id": org_id,
                    "period_id": period.id,
                    "kind": kind,
                    "branch_type_id": evaluation.branch_type_id.id,
                    "streak": evaluation.last_streak,
                    "evaluation_ids": [(6, 0, evidence[evaluation].ids)],
                    "secretary_id": secretary.id,
                    "member_ids": [
                        (
                            6,
                            0,
                            (
                                committee_members - secretary
                                if kind == "removal"
                                else committee_members
                            ).ids,
                        )
                    ],
                }
            )
        # The close is the committee's (or the cron's) act; escalations are created for
        # the committee whoever triggered it.
        created = self.sudo().create(vals_list)
        if created:
            # What the close writes is in the company's language (a cron has none).
            written = system_env(created)
            written._message_log_batch(bodies={e.id: e._evidence_html() for e in written})
            written._schedule_activities()
        return created

    @api.model
    def _streak_evaluations(self, period, evaluations):
        """{evaluation: the evaluations of its streak}, in one query."""
        if not evaluations:
            return {}
        longest = max(evaluations.mapped("last_streak"))
        step = relativedelta(years=1) if period.kind == "year" else relativedelta(months=1)
        candidates = self.env["party.evaluation"].search(
            [
                ("organization_id", "in", evaluations.organization_id.ids),
                ("period_kind", "=", period.kind),
                ("is_last_in_type", "=", True),
                ("period_start", ">", period.date_start - step * longest),
                ("period_start", "<=", period.date_start),
            ]
        )
        return {
            evaluation: candidates.filtered(
                lambda c, e=evaluation: c.organization_id == e.organization_id
                and c.period_start > period.date_start - step * e.last_streak
            )
            for evaluation in evaluations
        }

    def _evidence_html(self):
        self.ensure_one()
        rows = Markup().join(
            Markup("<li>%s: %s (%s)</li>")
            % (
                e.period_id.with_env(self.env).label,
                f"{e.final_score:.2f}",
                self.env._("last of %(type)s", type=e.branch_type_id.name),
            )
            for e in self.evaluation_ids.sorted("period_start")
        )
        return Markup("<ul>%s</ul>") % rows
