from odoo import fields, models, tools
from odoo.tools import SQL

from .party_point_rule import PARTS


class PartyPointReport(models.Model):
    """Approved points, one row per entry, for pivot and graph by branch, general
    branch, part and period (a view over the ledger: totals are its sums)."""

    _name = "party.point.report"
    _description = "Points Analysis"
    _auto = False
    _order = "date desc"

    member_id = fields.Many2one("party.member", readonly=True)
    organization_id = fields.Many2one("party.organization", string="Branch", readonly=True)
    general_branch_id = fields.Many2one("party.organization", readonly=True)
    branch_type_id = fields.Many2one("party.branch.type", readonly=True)
    rule_id = fields.Many2one("party.point.rule", readonly=True)
    part = fields.Selection(PARTS, readonly=True)
    date = fields.Date(readonly=True)
    points = fields.Float(digits=(8, 1), readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT line.id, line.member_id, line.organization_id,
                       organization.general_branch_id, organization.branch_type_id,
                       line.rule_id, line.part, line.date, line.points
                  FROM party_point_line AS line
                  JOIN party_organization AS organization ON organization.id = line.organization_id
                 WHERE line.state = 'approved'
            )""",
                SQL.identifier(self._table),
            )
        )
