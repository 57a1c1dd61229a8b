import logging

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .party_point_rule import PARTS

_logger = logging.getLogger(__name__)

# The points summary: approved points per member × branch × month × part, kept by
# statement-level triggers on the ledger in the same transaction as every change of it
# (approval, correction, withdrawal, deduction, and any SQL the ledger receives): one
# set-based statement per batch, nothing for the ORM to forget. The ledger stays the
# source of truth: `_summary_check()` proves the summary equals it, `_summary_rebuild()`
# makes it so.
SUMMARY_TABLE = """
CREATE TABLE IF NOT EXISTS party_point_summary (
    id serial PRIMARY KEY,
    member_id integer NOT NULL,
    organization_id integer,
    month date NOT NULL,
    part varchar,
    points numeric NOT NULL DEFAULT 0,
    entry_count integer NOT NULL DEFAULT 0,
    CONSTRAINT party_point_summary_key
        UNIQUE NULLS NOT DISTINCT (member_id, month, part, organization_id)
);
CREATE INDEX IF NOT EXISTS party_point_summary_branch_month
    ON party_point_summary (organization_id, month);
CREATE INDEX IF NOT EXISTS party_point_summary_month ON party_point_summary (month);
"""

# The delta of a statement: approved rows leaving (old) and arriving (new), summed per key;
# rows an UPDATE left as they were cancel out and touch nothing.
SUMMARY_UPSERT = """
INSERT INTO party_point_summary AS summary
       (member_id, organization_id, month, part, points, entry_count)
SELECT member_id, organization_id, date_trunc('month', date)::date, part,
       SUM(points), SUM(entries)
  FROM (%s) AS delta
 GROUP BY member_id, organization_id, date_trunc('month', date)::date, part
HAVING SUM(entries) <> 0 OR SUM(points) <> 0
    ON CONFLICT ON CONSTRAINT party_point_summary_key DO UPDATE
   SET points = summary.points + EXCLUDED.points,
       entry_count = summary.entry_count + EXCLUDED.entry_count
"""
OLD_ROWS = """SELECT member_id, organization_id, date, part, -points AS points, -1 AS entries
                FROM old_rows WHERE state = 'approved'"""
NEW_ROWS = """SELECT member_id, organization_id, date, part, points, 1 AS entries
                FROM new_rows WHERE state = 'approved'"""

SUMMARY_TRIGGER = f"""
CREATE OR REPLACE FUNCTION party_point_summary_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {SUMMARY_UPSERT % NEW_ROWS};
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION party_point_summary_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {SUMMARY_UPSERT % (OLD_ROWS + " UNION ALL " + NEW_ROWS)};
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION party_point_summary_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {SUMMARY_UPSERT % OLD_ROWS};
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_point_summary_insert ON party_point_line;
DROP TRIGGER IF EXISTS party_point_summary_update ON party_point_line;
DROP TRIGGER IF EXISTS party_point_summary_delete ON party_point_line;
CREATE TRIGGER party_point_summary_insert AFTER INSERT ON party_point_line
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION party_point_summary_insert();
CREATE TRIGGER party_point_summary_update AFTER UPDATE ON party_point_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION party_point_summary_update();
CREATE TRIGGER party_point_summary_delete AFTER DELETE ON party_point_line
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION party_point_summary_delete();
"""

# The ledger's figures, summed as the summary keeps them.
LEDGER_SUMS = """
SELECT member_id, organization_id, date_trunc('month', date)::date AS month, part,
       SUM(points) AS points, COUNT(*) AS entry_count
  FROM party_point_line
 WHERE state = 'approved'
 GROUP BY member_id, organization_id, date_trunc('month', date)::date, part
"""


class PartyPointReport(models.Model):
    """Approved points per member, branch, month and part, for pivot and graph by
    branch, general branch, part and period: a view over the points summary, never
    the ledger's millions of entries."""

    _name = "party.point.report"
    _description = "Points Analysis"
    _auto = False
    _order = "date desc"

    member_id = fields.Many2one("party.member", readonly=True)
    organization_id = fields.Many2one("party.organization", string="Branch", readonly=True)
    general_branch_id = fields.Many2one("party.organization", readonly=True)
    branch_type_id = fields.Many2one("party.branch.type", readonly=True)
    part = fields.Selection(PARTS, readonly=True)
    date = fields.Date(string="Month", readonly=True)
    points = fields.Float(digits=(8, 1), readonly=True, aggregator="sum")
    entry_count = fields.Integer(readonly=True, aggregator="sum")

    def init(self):
        cr = self.env.cr
        cr.execute(SQL(SUMMARY_TABLE))
        cr.execute(SQL(SUMMARY_TRIGGER))
        tools.drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT summary.id, summary.member_id, summary.organization_id,
                       organization.general_branch_id, organization.branch_type_id,
                       summary.part, summary.month AS date, summary.points,
                       summary.entry_count
                  FROM party_point_summary AS summary
                  LEFT JOIN party_organization AS organization
                         ON organization.id = summary.organization_id
                 WHERE summary.entry_count <> 0
            )""",
                SQL.identifier(self._table),
            )
        )
        # A summary made before the triggers (an upgrade) starts from the ledger.
        cr.execute(SQL("SELECT 1 FROM party_point_summary LIMIT 1"))
        if not cr.fetchone():
            self._summary_rebuild()

    # ------------------------------------------------------------------
    # The summary against the ledger
    # ------------------------------------------------------------------
    @api.model
    def _summary_check(self):
        """Compare the summary with the ledger (one query); return the differing keys
        as a list of (member id, branch id, month, part, summary points, ledger points,
        summary count, ledger count): empty when the summary is right. Run it from
        ``odoo-bin shell``: ``env["party.point.report"]._summary_check()``."""
        self.env["party.point.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT COALESCE(summary.member_id, ledger.member_id),
                          COALESCE(summary.organization_id, ledger.organization_id),
                          COALESCE(summary.month, ledger.month),
                          COALESCE(summary.part, ledger.part),
                          COALESCE(summary.points, 0), COALESCE(ledger.points, 0),
                          COALESCE(summary.entry_count, 0), COALESCE(ledger.entry_count, 0)
                     FROM (SELECT * FROM party_point_summary WHERE entry_count <> 0
                                                               OR points <> 0) AS summary
                     FULL JOIN (%s) AS ledger
                       ON ledger.member_id = summary.member_id
                      AND ledger.month = summary.month
                      AND ledger.part IS NOT DISTINCT FROM summary.part
                      AND ledger.organization_id IS NOT DISTINCT FROM summary.organization_id
                    WHERE COALESCE(summary.points, 0) <> COALESCE(ledger.points, 0)
                       OR COALESCE(summary.entry_count, 0) <> COALESCE(ledger.entry_count, 0)
                    ORDER BY 3, 1""",
                SQL(LEDGER_SUMS),
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _summary_rebuild(self):
        """Make the summary the ledger's sums again (two statements); return the number
        of differences found before. From ``odoo-bin shell``:
        ``env["party.point.report"]._summary_rebuild(); env.cr.commit()``."""
        differences = len(self._summary_check())
        self.env.cr.execute(SQL("DELETE FROM party_point_summary"))
        self.env.cr.execute(
            SQL(
                """INSERT INTO party_point_summary
                          (member_id, organization_id, month, part, points, entry_count)
                   %s""",
                SQL(LEDGER_SUMS),
            )
        )
        if differences:
            _logger.warning(
                "Points summary rebuilt: %s keys differed from the ledger.", differences
            )
        return differences
