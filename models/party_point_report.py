import logging

from odoo import api, fields, models, tools
from odoo.osv import expression
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


def statement_triggers(name, table, upsert, old_rows, new_rows, old_name, new_name):
    """The DDL of three statement-level triggers on ``table`` (insert, update, delete)
    that run ``upsert`` over the transition tables: the new rows, the old rows negated
    and the new ones, the old rows negated. ``old_rows``/``new_rows`` select from the
    transition tables ``old_name``/``new_name``."""
    bodies = {
        "insert": (new_rows, f"NEW TABLE AS {new_name}"),
        "update": (
            f"{old_rows} UNION ALL {new_rows}",
            f"OLD TABLE AS {old_name} NEW TABLE AS {new_name}",
        ),
        "delete": (old_rows, f"OLD TABLE AS {old_name}"),
    }
    ddl = []
    for event, (rows, referencing) in bodies.items():
        ddl.append(
            f"""CREATE OR REPLACE FUNCTION {name}_{event}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {upsert % rows};
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS {name}_{event} ON {table};
CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {table}
    REFERENCING {referencing}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}_{event}();"""
        )
    return "\n".join(ddl)


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

SUMMARY_TRIGGER = statement_triggers(
    "party_point_summary",
    "party_point_line",
    SUMMARY_UPSERT,
    OLD_ROWS,
    NEW_ROWS,
    "old_rows",
    "new_rows",
)

# The branch summary: the points summary summed per branch × month × part (~50 times
# fewer rows), kept from the points summary by its own statement-level triggers, in the
# same transaction: `row_count` is the number of member rows with entries (the
# analysis' count). The committee's analyses grouped by branch, general branch, type,
# month and part read it (see PartyPointReport._read_group).
BRANCH_TABLE = """
CREATE TABLE IF NOT EXISTS party_point_branch_summary (
    id serial PRIMARY KEY,
    organization_id integer,
    month date NOT NULL,
    part varchar,
    points numeric NOT NULL DEFAULT 0,
    entry_count integer NOT NULL DEFAULT 0,
    row_count integer NOT NULL DEFAULT 0,
    CONSTRAINT party_point_branch_summary_key
        UNIQUE NULLS NOT DISTINCT (organization_id, month, part)
);
"""
BRANCH_UPSERT = """
INSERT INTO party_point_branch_summary AS branch
       (organization_id, month, part, points, entry_count, row_count)
SELECT organization_id, month, part, SUM(points), SUM(entry_count), SUM(row_count)
  FROM (%s) AS delta
 GROUP BY organization_id, month, part
HAVING SUM(points) <> 0 OR SUM(entry_count) <> 0 OR SUM(row_count) <> 0
    ON CONFLICT ON CONSTRAINT party_point_branch_summary_key DO UPDATE
   SET points = branch.points + EXCLUDED.points,
       entry_count = branch.entry_count + EXCLUDED.entry_count,
       row_count = branch.row_count + EXCLUDED.row_count
"""
OLD_SUMMARY = """SELECT organization_id, month, part, -points AS points,
                       -entry_count AS entry_count, -(entry_count <> 0)::int AS row_count
                  FROM old_summary"""
NEW_SUMMARY = """SELECT organization_id, month, part, points, entry_count,
                       (entry_count <> 0)::int AS row_count
                  FROM new_summary"""
BRANCH_TRIGGER = statement_triggers(
    "party_point_branch_summary",
    "party_point_summary",
    BRANCH_UPSERT,
    OLD_SUMMARY,
    NEW_SUMMARY,
    "old_summary",
    "new_summary",
)

# The members' cumulative points (party_member.points_total), kept from the points
# summary by its own statement-level triggers in the same statement as the ledger's
# change: the approval's UPDATE carries them, no query of its own. Recomputed from the
# summary for the members a statement touched (not a delta), so that a rebuild or a
# bulk insert into the summary leaves them right too.
MEMBER_TOTAL_UPDATE = """
UPDATE party_member AS member
   SET points_total = COALESCE((SELECT SUM(summary.points) FROM party_point_summary AS summary
                                 WHERE summary.member_id = member.id), 0)
 WHERE member.id IN (SELECT member_id FROM (%s) AS changed)
"""
MEMBER_TOTAL_TRIGGER = statement_triggers(
    "party_member_points_total",
    "party_point_summary",
    MEMBER_TOTAL_UPDATE,
    "SELECT member_id FROM old_summary",
    "SELECT member_id FROM new_summary",
    "old_summary",
    "new_summary",
)

# The ledger's figures, summed as the summary keeps them.
LEDGER_SUMS = """
SELECT member_id, organization_id, date_trunc('month', date)::date AS month, part,
       SUM(points) AS points, COUNT(*) AS entry_count
  FROM party_point_line
 WHERE state = 'approved'
 GROUP BY member_id, organization_id, date_trunc('month', date)::date, part
"""
# ... and as the branch summary keeps them.
LEDGER_BRANCH_SUMS = """
SELECT organization_id, date_trunc('month', date)::date AS month, part,
       SUM(points) AS points, COUNT(*) AS entry_count, COUNT(DISTINCT member_id) AS row_count
  FROM party_point_line
 WHERE state = 'approved'
 GROUP BY organization_id, date_trunc('month', date)::date, part
"""
# What the branch summary can answer for the analysis: these fields (grouped or in the
# domain) and these aggregates, the count being the number of member rows.
BRANCH_FIELDS = frozenset(
    {"organization_id", "general_branch_id", "branch_type_id", "part", "date"}
)
BRANCH_AGGREGATES = {
    "__count": "row_count:sum",
    "points:sum": "points:sum",
    "entry_count:sum": "entry_count:sum",
}


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
        cr.execute(SQL(BRANCH_TABLE))
        cr.execute(SQL(BRANCH_TRIGGER))
        cr.execute(SQL(MEMBER_TOTAL_TRIGGER))
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
        else:
            # A branch summary new to an installed database: from the points summary.
            cr.execute(SQL("SELECT 1 FROM party_point_branch_summary LIMIT 1"))
            if not cr.fetchone():
                cr.execute(
                    SQL(BRANCH_UPSERT % NEW_SUMMARY.replace("new_summary", "party_point_summary"))
                )

    # ------------------------------------------------------------------
    # Analyses from the branch summary
    # ------------------------------------------------------------------
    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """The committee's analyses that group and filter only by branch, general
        branch, type, month and part are read from the branch summary (the same sums
        and counts from ~50 times fewer rows); the others, and every other user's
        (their record rules read the member), from the points summary."""
        branch = self._branch_read_group_spec(domain, groupby, aggregates, having, order)
        if branch is None:
            return super()._read_group(
                domain, groupby, aggregates, having, offset=offset, limit=limit, order=order
            )
        branch_aggregates, branch_order = branch
        return self.env["party.point.branch.report"]._read_group(
            domain, groupby, branch_aggregates, offset=offset, limit=limit, order=branch_order
        )

    def _branch_read_group_spec(self, domain, groupby, aggregates, having, order):
        """(aggregates, order) for the branch summary, or None when it cannot answer."""
        # Only the committee's record rule is everything: the others' read the member.
        if having or not (
            self.env.su or self.env.user.has_group("party_quant.group_party_committee")
        ):
            return None
        if any(spec.split(":")[0] not in BRANCH_FIELDS for spec in groupby):
            return None
        if any(spec not in BRANCH_AGGREGATES for spec in aggregates):
            return None
        for leaf in domain or ():
            if isinstance(leaf, str):  # '&', '|', '!'
                continue
            if not isinstance(leaf, list | tuple) or len(leaf) != 3:
                return None
            if tuple(leaf) in (expression.TRUE_LEAF, expression.FALSE_LEAF):
                continue
            if not isinstance(leaf[0], str) or leaf[0].split(".")[0] not in BRANCH_FIELDS:
                return None
        branch_order = None
        if order:
            terms = []
            for term in order.split(","):
                spec, *direction = term.split()
                if spec in BRANCH_AGGREGATES:
                    spec = BRANCH_AGGREGATES[spec]
                elif spec not in groupby:
                    return None
                terms.append(" ".join([spec, *direction]))
            branch_order = ", ".join(terms)
        return [BRANCH_AGGREGATES[spec] for spec in aggregates], branch_order

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
        differences = self.env.cr.fetchall()
        # The branch summary against the ledger: its keys have no member (None).
        self.env.cr.execute(
            SQL(
                """SELECT NULL::integer,
                          COALESCE(branch.organization_id, ledger.organization_id),
                          COALESCE(branch.month, ledger.month),
                          COALESCE(branch.part, ledger.part),
                          COALESCE(branch.points, 0), COALESCE(ledger.points, 0),
                          COALESCE(branch.entry_count, 0), COALESCE(ledger.entry_count, 0)
                     FROM (SELECT * FROM party_point_branch_summary
                            WHERE row_count <> 0 OR entry_count <> 0 OR points <> 0) AS branch
                     FULL JOIN (%s) AS ledger
                       ON ledger.month = branch.month
                      AND ledger.part IS NOT DISTINCT FROM branch.part
                      AND ledger.organization_id IS NOT DISTINCT FROM branch.organization_id
                    WHERE COALESCE(branch.points, 0) <> COALESCE(ledger.points, 0)
                       OR COALESCE(branch.entry_count, 0) <> COALESCE(ledger.entry_count, 0)
                       OR COALESCE(branch.row_count, 0) <> COALESCE(ledger.row_count, 0)
                    ORDER BY 3, 2""",
                SQL(LEDGER_BRANCH_SUMS),
            )
        )
        return differences + self.env.cr.fetchall()

    @api.model
    def _summary_rebuild(self):
        """Make both summaries the ledger's sums again (two statements: the points
        summary's trigger fills the branch summary); return the number of differences
        found before. From ``odoo-bin shell``:
        ``env["party.point.report"]._summary_rebuild(); env.cr.commit()``."""
        differences = len(self._summary_check())
        # TRUNCATE fires no row trigger: the branch summary is emptied with it.
        self.env.cr.execute(SQL("TRUNCATE party_point_summary, party_point_branch_summary"))
        self.env.cr.execute(
            SQL(
                """INSERT INTO party_point_summary
                          (member_id, organization_id, month, part, points, entry_count)
                   %s""",
                SQL(LEDGER_SUMS),
            )
        )
        # The insert's trigger recomputed the totals of members with approved points;
        # a member left without any has none.
        self.env.cr.execute(
            SQL(
                """UPDATE party_member SET points_total = 0
                    WHERE points_total <> 0 AND NOT EXISTS (
                          SELECT 1 FROM party_point_summary WHERE member_id = party_member.id)"""
            )
        )
        self.env["party.member"].invalidate_model(["points_total"])
        if differences:
            _logger.warning(
                "Points summary rebuilt: %s keys differed from the ledger.", differences
            )
        return differences


class PartyPointBranchReport(models.Model):
    """Approved points per branch, month and part: a view over the branch summary,
    which the committee's points analyses read (see PartyPointReport._read_group)."""

    _name = "party.point.branch.report"
    _description = "Points Analysis by Branch"
    _auto = False
    _order = "date desc"

    organization_id = fields.Many2one("party.organization", string="Branch", readonly=True)
    general_branch_id = fields.Many2one("party.organization", readonly=True)
    branch_type_id = fields.Many2one("party.branch.type", readonly=True)
    part = fields.Selection(PARTS, readonly=True)
    date = fields.Date(string="Month", readonly=True)
    points = fields.Float(digits=(8, 1), readonly=True, aggregator="sum")
    entry_count = fields.Integer(readonly=True, aggregator="sum")
    row_count = fields.Integer(string="Member Rows", readonly=True, aggregator="sum")

    def init(self):
        # Its table (and the triggers filling it) are party.point.report's; whichever
        # model's init runs first makes the table.
        self.env.cr.execute(SQL(BRANCH_TABLE))
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT branch.id, branch.organization_id, organization.general_branch_id,
                       organization.branch_type_id, branch.part, branch.month AS date,
                       branch.points, branch.entry_count, branch.row_count
                  FROM party_point_branch_summary AS branch
                  LEFT JOIN party_organization AS organization
                         ON organization.id = branch.organization_id
                 WHERE branch.row_count <> 0
            )""",
                SQL.identifier(self._table),
            )
        )
