from odoo import api, fields, models
from odoo.tools import SQL

from .party_evaluation import SIGNATURE_FIELDS


class PartyEvaluation(models.Model):
    _inherit = "party.evaluation"

    @api.model
    def _demo_generate(self):
        """Demo data: the months of this year so far reviewed and closed, with scores
        that are deterministic (a function of the ids), and the current month in
        progress."""
        # The lines copy the criteria in every language: their terms must be loaded.
        self.env["party.meeting"]._demo_language()
        today = fields.Date.context_today(self)
        Period = self.env["party.period"]
        past = Period.browse(
            [
                period.id
                for period in Period._get_periods(
                    [today.replace(month=m, day=1) for m in range(1, today.month)]
                ).values()
            ]
        )
        evaluations = self._create_for_periods(past) if past else self.browse()
        if evaluations:
            evaluations.activity_ids.unlink()
            self.env.flush_all()
            # Each branch has a level (0.80-0.98) and each line some noise; the
            # general branch and the committee mostly trim the self-assessment.
            self.env.cr.execute(
                SQL(
                    """UPDATE party_evaluation_line AS line
                          SET self_score =
                                  ROUND((max_score * LEAST(1, q.level + 0.04))::numeric, 1),
                              preliminary_score =
                                  ROUND((max_score * LEAST(1, q.level + 0.02))::numeric, 1),
                              final_score = ROUND((max_score * q.level)::numeric, 1)
                         FROM (SELECT line.id,
                                      CASE WHEN line.category = 'bonus'
                                           THEN MOD(line.id * 7, 4) / 10.0
                                           ELSE 0.80 + MOD(e.organization_id * 13, 12) / 100.0
                                                + MOD(line.id * 17 + e.period_id * 5, 7) / 100.0
                                      END AS level
                                 FROM party_evaluation_line line
                                 JOIN party_evaluation e ON e.id = line.evaluation_id
                                WHERE e.id IN %s) AS q
                        WHERE q.id = line.id""",
                    tuple(evaluations.ids),
                )
            )
            self.env.cr.execute(
                SQL(
                    "UPDATE party_evaluation SET state = 'reviewed' WHERE id IN %s",
                    tuple(evaluations.ids),
                )
            )
            self.env.invalidate_all()
            evaluations.modified(["state"])
            evaluations.line_ids.modified(["self_score", "preliminary_score", "final_score"])
            evaluations._demo_sign()
            self.env.flush_all()
            # Close them in order: ranks, pay factors, escalations, seals.
            past._close()
        # The current month: a third of the branches submitted, a sixth further.
        month = Period._get_period(today)
        current = self._create_for_periods(month) | month.evaluation_ids
        demo_branch = self.env.ref("party_quant.party_org_branch_service_hall_demo", False)
        for index, evaluation in enumerate(current.sorted("id")):
            if evaluation.organization_id == demo_branch or index % 3 == 0:
                continue
            factor = 0.9 if index % 2 else 1.0
            evaluation.write(
                {
                    "line_ids": [
                        (1, line.id, {"self_score": line.max_score * factor})
                        for line in evaluation.line_ids
                        if line.category != "bonus"
                    ]
                }
            )
            evaluation.action_submit()
            if index % 6 == 1 and evaluation.state == "self_assessed":
                evaluation.action_approve()

    def _demo_sign(self):
        """Signatures of the demo's reviewed months: the first officer of each level,
        two, four and six days after the month's end (one query)."""
        rows = []
        for organization in self.organization_id:
            users = {
                level: organization._level_users(level)[:1].id or None for level in SIGNATURE_FIELDS
            }
            if not organization.general_branch_id:
                users["general_branch"] = None
            rows.append(SQL("(%s, %s::int, %s::int, %s::int)", organization.id, *users.values()))
        self.env.cr.execute(
            SQL(
                """UPDATE party_evaluation e
                      SET self_user_id = u.branch, preliminary_user_id = u.general_branch,
                          final_user_id = u.committee,
                          self_date = p.date_end + interval '2 days 9 hours',
                          preliminary_date = CASE WHEN u.general_branch IS NOT NULL
                                             THEN p.date_end + interval '4 days 9 hours' END,
                          final_date = p.date_end + interval '6 days 9 hours'
                     FROM (VALUES %s) AS u(organization_id, branch, general_branch, committee),
                          party_period p
                    WHERE e.organization_id = u.organization_id AND p.id = e.period_id
                      AND e.id IN %s""",
                SQL(", ").join(rows),
                tuple(self.ids),
            )
        )
        self.invalidate_model([f for pair in SIGNATURE_FIELDS.values() for f in pair])
