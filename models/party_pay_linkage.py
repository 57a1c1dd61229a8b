from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.tools import SQL

SECRETARY_MODES = [("full_time", "Full-time"), ("part_time", "Part-time")]


class PartyPayLinkage(models.Model):
    """The pay linkage of each branch's monthly evaluation, read only: the secretary
    concerned reads their own rows here, the committee and HR every row.

    The pay fields of ``party.evaluation`` and ``party.organization`` are restricted
    to the committee and HR by their ``groups``; a field's groups cannot say "the
    secretary of this branch", a record rule on this view can
    (``secretary_user_id = user``)."""

    _name = "party.pay.linkage"
    _description = "Pay Linkage"
    _auto = False
    _order = "period_start desc, general_branch_id, organization_id"
    _rec_name = "organization_id"

    evaluation_id = fields.Many2one("party.evaluation", readonly=True)
    period_id = fields.Many2one("party.period", readonly=True)
    period_start = fields.Date(string="Month", readonly=True)
    period_state = fields.Selection([("open", "Open"), ("closed", "Closed")], readonly=True)
    organization_id = fields.Many2one("party.organization", string="Branch", readonly=True)
    general_branch_id = fields.Many2one("party.organization", readonly=True)
    branch_type_id = fields.Many2one("party.branch.type", readonly=True)
    secretary_id = fields.Many2one("party.member", readonly=True)
    secretary_user_id = fields.Many2one("res.users", string="Secretary's User", readonly=True)
    secretary_mode = fields.Selection(SECRETARY_MODES, readonly=True)
    final_score = fields.Float(digits=(6, 2), readonly=True, aggregator="avg")
    rank_in_type = fields.Integer(string="Rank in Type", readonly=True, aggregator=False)
    linked_share = fields.Float(digits=(3, 2), readonly=True, aggregator=False)
    payout_ratio = fields.Float(digits=(7, 6), readonly=True, aggregator="avg")
    pay_factor = fields.Float(digits=(7, 6), readonly=True, aggregator="avg")
    closed_unreviewed = fields.Boolean(readonly=True)

    @api.model
    def _rows_by_period(self, periods):
        """{period id: the rows of the period the user may read}, by general branch and
        branch. The committee and HR read every row, a secretary their own; anyone else
        (or a secretary asking for months that are not theirs) is refused."""
        rows = self.search([("period_id", "in", periods.ids)])
        user = self.env.user
        if not rows and not (
            user.has_group("party_quant.group_party_committee")
            or user.has_group("party_quant.group_party_hr")
        ):
            raise AccessError(
                _(
                    "The pay linkage is for the party committee, HR and the secretary "
                    "concerned only."
                )
            )
        by_period = {period.id: self.browse() for period in periods}
        for row in rows.sorted(
            lambda r: (r.general_branch_id.name or "", r.organization_id.name or "")
        ):
            by_period[row.period_id.id] |= row
        return by_period

    def init(self):
        # The secretary and mode the close froze, else (an open month) the branch's.
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT evaluation.id, evaluation.id AS evaluation_id, evaluation.period_id,
                       period.date_start AS period_start, period.state AS period_state,
                       evaluation.organization_id, evaluation.general_branch_id,
                       evaluation.branch_type_id,
                       COALESCE(evaluation.secretary_id, organization.secretary_id)
                           AS secretary_id,
                       secretary.user_id AS secretary_user_id,
                       COALESCE(evaluation.secretary_mode, organization.secretary_mode)
                           AS secretary_mode,
                       evaluation.final_score, evaluation.rank_in_type,
                       evaluation.linked_share, evaluation.payout_ratio,
                       evaluation.pay_factor, evaluation.closed_unreviewed
                  FROM party_evaluation AS evaluation
                  JOIN party_period AS period ON period.id = evaluation.period_id
                  JOIN party_organization AS organization
                    ON organization.id = evaluation.organization_id
                  LEFT JOIN party_member AS secretary
                    ON secretary.id = COALESCE(evaluation.secretary_id, organization.secretary_id)
                 WHERE period.kind = 'month'
            )""",
                SQL.identifier(self._table),
            )
        )
