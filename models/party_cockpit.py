from odoo import _, api, fields, models, tools
from odoo.tools import SQL

from .party_evaluation import SUBMITTED_STATES


class PartyCockpit(models.Model):
    """The committee's cockpit: for the whole committee and for each general branch,
    this month's evaluations by state, the late ones, the open record signals and the
    proposed escalations (a view, read in one query)."""

    _name = "party.cockpit"
    _description = "Committee Cockpit"
    _auto = False
    _order = "sequence, organization_id"

    organization_id = fields.Many2one("party.organization", string="Scope", readonly=True)
    sequence = fields.Integer(readonly=True)
    period_id = fields.Many2one("party.period", string="Month", readonly=True)
    evaluation_count = fields.Integer(string="Evaluations", readonly=True)
    draft_count = fields.Integer(string="Self-assessment", readonly=True)
    submitted_count = fields.Integer(
        string="Self-assessed",
        readonly=True,
        help="Evaluations whose self-assessment is submitted, whatever step they are at "
        "now (as on the workbench).",
    )
    self_assessed_count = fields.Integer(string="Awaiting Review", readonly=True)
    preliminary_count = fields.Integer(string="Preliminary Evaluated", readonly=True)
    reviewed_count = fields.Integer(string="Reviewed", readonly=True)
    late_count = fields.Integer(string="Late", readonly=True)
    signal_count = fields.Integer(string="Open Signals", readonly=True)
    escalation_count = fields.Integer(string="Proposed Escalations", readonly=True)
    progress = fields.Float(string="Reviewed (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    -- Each branch counts for its general branch and for the committee.
                    WITH branch AS (
                        SELECT o.id, o.general_branch_id AS scope_id
                          FROM party_organization o
                         WHERE o.kind = 'branch' AND o.active AND o.general_branch_id IS NOT NULL
                     UNION ALL
                        SELECT o.id, split_part(o.parent_path, '/', 1)::int
                          FROM party_organization o
                         WHERE o.kind = 'branch' AND o.active
                    ),
                    month AS (
                        SELECT id FROM party_period
                         WHERE kind = 'month'
                           AND date_start = date_trunc('month', CURRENT_DATE)::date
                    ),
                    evaluation AS (
                        SELECT branch.scope_id, e.state,
                               EXISTS (SELECT 1 FROM mail_activity a
                                        WHERE a.res_model = 'party.evaluation'
                                          AND a.res_id = e.id
                                          AND a.date_deadline < CURRENT_DATE) AS late
                          FROM party_evaluation e
                          JOIN month ON month.id = e.period_id
                          JOIN branch ON branch.id = e.organization_id
                    ),
                    scope AS (
                        SELECT o.id, o.kind FROM party_organization o
                         WHERE o.active AND o.kind IN ('committee', 'general_branch')
                    )
                    SELECT scope.id,
                           scope.id AS organization_id,
                           CASE WHEN scope.kind = 'committee' THEN 1 ELSE 2 END AS sequence,
                           (SELECT id FROM month) AS period_id,
                           COUNT(evaluation.state) AS evaluation_count,
                           COUNT(*) FILTER (WHERE evaluation.state = 'draft') AS draft_count,
                           COUNT(*) FILTER (WHERE evaluation.state IN %s) AS submitted_count,
                           COUNT(*) FILTER (WHERE evaluation.state = 'self_assessed')
                               AS self_assessed_count,
                           COUNT(*) FILTER (WHERE evaluation.state = 'preliminary')
                               AS preliminary_count,
                           COUNT(*) FILTER (WHERE evaluation.state = 'reviewed') AS reviewed_count,
                           COUNT(*) FILTER (WHERE evaluation.late) AS late_count,
                           (SELECT COUNT(*) FROM party_record_signal s
                              JOIN branch ON branch.id = s.organization_id
                             WHERE s.state = 'open' AND branch.scope_id = scope.id) AS signal_count,
                           (SELECT COUNT(*) FROM party_escalation x
                              JOIN branch ON branch.id = x.organization_id
                             WHERE x.state = 'proposed' AND branch.scope_id = scope.id)
                               AS escalation_count,
                           ROUND(100.0 * COUNT(*) FILTER (WHERE evaluation.state = 'reviewed')
                                 / GREATEST(COUNT(evaluation.state), 1), 1) AS progress
                      FROM scope
                 LEFT JOIN evaluation ON evaluation.scope_id = scope.id
                  GROUP BY scope.id, scope.kind
                )""",
                SQL.identifier(self._table),
                SUBMITTED_STATES,
            )
        )

    def _open(self, model, name, domain, context=None):
        self.ensure_one()
        scope = [("organization_id", "child_of", self.organization_id.id)]
        return {
            "type": "ir.actions.act_window",
            "name": f"{self.organization_id.name} · {name}",
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": scope + domain,
            "context": context or {},
        }

    @api.readonly  # on a read replica when there is one
    def action_open_evaluations(self):
        return self._open(
            "party.evaluation",
            _("Evaluations of the Month"),
            [("period_id", "=", self.period_id.id)],
        )

    @api.readonly
    def action_open_late(self):
        return self._open(
            "party.evaluation",
            _("Late Evaluations"),
            [
                ("period_id", "=", self.period_id.id),
                ("activity_ids.date_deadline", "<", fields.Date.context_today(self)),
            ],
        )

    @api.readonly
    def action_open_signals(self):
        return self._open("party.record.signal", _("Open Signals"), [("state", "=", "open")])

    @api.readonly
    def action_open_escalations(self):
        return self._open(
            "party.escalation", _("Proposed Escalations"), [("state", "=", "proposed")]
        )
