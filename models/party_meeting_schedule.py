from odoo import fields, models, tools
from odoo.tools import SQL

from .party_meeting import MEETING_KINDS
from .party_settings import SETTINGS

# Kinds with a minimum frequency: (setting, default months between two meetings).
FREQUENCY_PARAMS = {
    "committee_meeting": SETTINGS["every_months_committee_meeting"],
    "group_meeting": SETTINGS["every_months_group_meeting"],
    "member_assembly": SETTINGS["every_months_member_assembly"],
    "lecture": SETTINGS["every_months_lecture"],
}


class PartyMeetingSchedule(models.Model):
    """For each branch and kind of meeting with a minimum frequency: the last one
    held and whether the branch is behind schedule (a view over the meetings)."""

    _name = "party.meeting.schedule"
    _description = "Meeting Schedule"
    _auto = False
    _order = "behind desc, organization_id, kind"

    organization_id = fields.Many2one("party.organization", string="Branch", readonly=True)
    general_branch_id = fields.Many2one("party.organization", readonly=True)
    kind = fields.Selection(MEETING_KINDS, readonly=True)
    every_months = fields.Integer(string="Every (months)", readonly=True)
    last_held = fields.Date(readonly=True)
    next_due = fields.Date(readonly=True)
    behind = fields.Boolean(string="Behind Schedule", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        requirements = SQL(", ").join(
            SQL("(%s, %s, %s)", kind, param, default)
            for kind, (param, default) in FREQUENCY_PARAMS.items()
        )
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    WITH requirement(kind, param, every_default) AS (VALUES %s),
                    frequency AS (
                        SELECT requirement.kind,
                               COALESCE(NULLIF(parameter.value, '')::int, requirement.every_default)
                                   AS every_months
                          FROM requirement
                     LEFT JOIN ir_config_parameter AS parameter ON parameter.key = requirement.param
                    ),
                    held AS (
                        SELECT organization_id, kind, MAX(date) AS last_held
                          FROM party_meeting WHERE state = 'done' GROUP BY organization_id, kind
                    )
                    SELECT ROW_NUMBER() OVER (ORDER BY branch.id, frequency.kind) AS id,
                           branch.id AS organization_id,
                           branch.general_branch_id,
                           frequency.kind,
                           frequency.every_months,
                           held.last_held,
                           (held.last_held + make_interval(months => frequency.every_months))::date
                               AS next_due,
                           held.last_held IS NULL
                               OR held.last_held + make_interval(months => frequency.every_months)
                                  < CURRENT_DATE AS behind
                      FROM party_organization AS branch
                     CROSS JOIN frequency
                 LEFT JOIN held ON held.organization_id = branch.id AND held.kind = frequency.kind
                     WHERE branch.kind = 'branch' AND branch.active
                )""",
                SQL.identifier(self._table),
                requirements,
            )
        )
