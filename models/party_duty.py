"""Duties (履责清单): what falls due for a branch or a person in a period, fulfilled by a
record the system already has — a held meeting, a talk, study hours, confirmed
appraisals — never by ticking a box.

Everything here is set-based: generating a period's duties is one INSERT per rule of
the catalogue (whatever the number of branches, members and months), refreshing their
state one UPDATE per kind of fulfilment. Both are the system's; users cannot write a
duty's state or the record that fulfilled it (``_system_fields``).
"""

import logging
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_duty_rule import LIFE_MEETING
from .party_guard import SYSTEM
from .party_labels import system_env
from .party_member_status import DUTY_EXCLUDED
from .party_settings import SETTINGS, setting
from .party_study import study_required_sql, study_sources_sql

_logger = logging.getLogger(__name__)

REMINDER_PARAM, REMINDER_DEFAULT = SETTINGS["duty_reminder_days"]
STATES = [("open", "To Do"), ("done", "Done"), ("late", "Done Late"), ("overdue", "Overdue")]
# Fulfilled: on time (done), or by a record dated after the due date or entered late
# (late, issue 20: a record made up afterwards does not turn a duty done).
FULFILLED = ("done", "late")
STATUSES = [
    ("red", "Overdue"),
    ("amber", "Due Soon"),
    ("grey", "Not Due Yet"),
    ("green", "Done"),
    ("late", "Done Late"),
]
# Calendar colours of the statuses (Odoo's palette: 1 red, 2 orange, 10 green, 28 grey,
# 5 purple).
STATUS_COLORS = {"red": 1, "amber": 2, "grey": 28, "green": 10, "late": 5}
# The columns a refresh sets from the records.
FULFILMENT_COLUMNS = ("meeting_id", "talk_id", "appraisal_id", "study_hours", "fulfilled_date")


def period_window(frequency, day):
    """(first day, last day) of the month, quarter or year holding ``day``."""
    if frequency == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    if frequency == "quarter":
        start = day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
        return start, start + relativedelta(months=3, days=-1)
    start = day.replace(day=1, month=1)
    return start, start.replace(month=12, day=31)


def due_date(rule, start):
    """The day a duty of ``rule`` whose period starts on ``start`` falls due."""
    month = start if rule.frequency == "month" else start + relativedelta(months=rule.due_month - 1)
    last = month + relativedelta(months=1, days=-1)
    return last if not rule.due_day else month.replace(day=min(rule.due_day, last.day))


class PartyDuty(models.Model):
    _name = "party.duty"
    _description = "Duty"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "due_date, organization_id, rule_id, member_id, id"

    # The system's moves only: the refresh reads the records (held meetings, talks,
    # study hours, appraisals) and the date.
    _transitions = {
        ("open", "done"): SYSTEM,
        ("open", "overdue"): SYSTEM,
        ("overdue", "done"): SYSTEM,
        ("overdue", "open"): SYSTEM,
        ("done", "open"): SYSTEM,
        ("done", "overdue"): SYSTEM,
        ("open", "late"): SYSTEM,
        ("overdue", "late"): SYSTEM,
        ("late", "open"): SYSTEM,
        ("late", "overdue"): SYSTEM,
        ("late", "done"): SYSTEM,
        ("done", "late"): SYSTEM,
    }
    _initial_state = "open"
    # A duty is the catalogue applied to a branch and a period; its state and the
    # record that fulfilled it follow from the records. Only the note is the users'.
    _system_fields = frozenset(
        {
            "rule_id",
            "organization_id",
            "general_branch_id",
            "member_id",
            "period_id",
            "date_start",
            "date_end",
            "due_date",
            "state",
            "reminded",
            *FULFILMENT_COLUMNS,
        }
    )

    name = fields.Char(related="rule_id.name", string="Duty")
    rule_id = fields.Many2one(
        "party.duty.rule", string="Kind of Duty", required=True, index=True, ondelete="restrict"
    )
    frequency = fields.Selection(related="rule_id.frequency")
    assignee = fields.Selection(related="rule_id.assignee")
    fulfilment = fields.Selection(related="rule_id.fulfilment")
    organization_id = fields.Many2one(
        "party.organization", string="Branch", required=True, index=True, ondelete="cascade"
    )
    general_branch_id = fields.Many2one(
        related="organization_id.general_branch_id", store=True, string="General Branch"
    )
    member_id = fields.Many2one(
        "party.member",
        string="Person",
        index="btree_not_null",
        ondelete="cascade",
        help="The person the duty falls on; empty for a duty of the branch.",
    )
    period_id = fields.Many2one(
        "party.period",
        required=True,
        index=True,
        help="The month the duty falls due in (the year for a yearly duty).",
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    due_date = fields.Date(required=True, index=True)
    state = fields.Selection(STATES, required=True, default="open", index=True, tracking=True)
    status = fields.Selection(
        STATUSES,
        string="Alert",
        compute="_compute_status",
        search="_search_status",
        help="Green: done; amber: due within the reminder days (settings); red: overdue; "
        "grey: open, not due yet; done late: fulfilled by a record dated after the due date "
        "or entered late.",
    )
    status_color = fields.Integer(compute="_compute_status")
    # What fulfilled it.
    meeting_id = fields.Many2one("party.meeting", string="Held Meeting", ondelete="set null")
    talk_id = fields.Many2one("party.talk", ondelete="set null")
    appraisal_id = fields.Many2one("party.appraisal", ondelete="set null")
    study_hours = fields.Float(digits=(6, 1), help="Study hours of the period so far.")
    study_hours_required = fields.Float(digits=(6, 1), compute="_compute_study_hours_required")
    fulfilled_date = fields.Date(string="Fulfilled on")
    fulfilled_ref = fields.Reference(
        [
            ("party.meeting", "Meeting"),
            ("party.talk", "Talk"),
            ("party.appraisal", "Appraisal"),
            ("party.member", "Study Hours of"),
        ],
        string="Fulfilling Record",
        compute="_compute_fulfilled_ref",
    )
    reminded = fields.Boolean(readonly=True, help="The reminder activity was scheduled.")
    note = fields.Text()

    def init(self):
        # One duty per rule, branch, person and period (ON CONFLICT of the generation).
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS party_duty_unique_idx ON party_duty
               (rule_id, organization_id, COALESCE(member_id, 0), date_start)"""
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("rule_id", "organization_id", "member_id", "period_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for duty in self:
            parts = [duty.rule_id.name, duty.member_id.name, duty.period_id.label]
            duty.display_name = " · ".join(p for p in parts if p)

    @api.depends("state", "due_date")
    def _compute_status(self):
        soon = fields.Date.context_today(self) + timedelta(days=self._reminder_days())
        for duty in self:
            if duty.state == "overdue":
                duty.status = "red"
            elif duty.state == "late":
                duty.status = "late"
            elif duty.state == "done":
                duty.status = "green"
            elif duty.due_date and duty.due_date <= soon:
                duty.status = "amber"
            else:
                duty.status = "grey"
            duty.status_color = STATUS_COLORS[duty.status]

    def _search_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Search the status with = or in."))
        values = {value} if isinstance(value, str) else set(value or ())
        soon = fields.Date.context_today(self) + timedelta(days=self._reminder_days())
        domains = {
            "red": [("state", "=", "overdue")],
            "late": [("state", "=", "late")],
            "amber": [("state", "=", "open"), ("due_date", "<=", soon)],
            "grey": [("state", "=", "open"), ("due_date", ">", soon)],
            "green": [("state", "=", "done")],
        }
        parts = [domains[v] for v in values if v in domains]
        domain = ["|"] * (len(parts) - 1) + [term for part in parts for term in part]
        if not domain:
            domain = [(0, "=", 1)]
        return ["!", *domain] if operator in ("!=", "not in") else domain

    @api.depends("member_id", "fulfilment")
    def _compute_study_hours_required(self):
        required = self.member_id._study_hours_required_map()
        for duty in self:
            duty.study_hours_required = (
                required.get(duty.member_id.id, 0.0) if duty.fulfilment == "study_hours" else 0.0
            )

    @api.depends("meeting_id", "talk_id", "appraisal_id", "state", "fulfilment")
    def _compute_fulfilled_ref(self):
        for duty in self:
            record = duty.meeting_id or duty.talk_id or duty.appraisal_id
            if not record and duty.fulfilment == "study_hours" and duty.state in FULFILLED:
                record = duty.member_id
            duty.fulfilled_ref = f"{record._name},{record.id}" if record else False

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def action_update(self):
        """On demand (the list's button): this period's duties of every branch from the
        catalogue, and the state of the duties the user sees from the records."""
        if not self.env.user.has_group("party_quant.group_party_branch"):
            raise UserError(_("Only officers update the duties."))
        scope = None
        if not self.env.user.has_group("party_quant.group_party_committee"):
            scope = self.env.user.party_scope_ids.filtered(lambda o: o.kind == "branch")
            if not scope:
                raise UserError(_("You manage no branch."))
        # The catalogue applied and the state read from the records are the system's.
        Duty = self.sudo()
        Duty._drop_stale()
        Duty._generate([fields.Date.context_today(self)])
        Duty._refresh(scope)
        return True

    # ------------------------------------------------------------------
    # Generation and refresh (the system's)
    # ------------------------------------------------------------------
    @api.model
    def _generate(self, dates, rules=None):
        """Create the duties of the periods holding ``dates`` for every branch (and
        person) each active rule falls on, if they do not exist yet: one INSERT per
        rule whatever the number of branches, members and dates. Returns the number
        of duties created."""
        Rule = self.env["party.duty.rule"].sudo()
        rules = (rules or Rule.search([])).sudo()
        days = {fields.Date.to_date(d) for d in dates}
        windows = {
            rule: sorted({period_window(rule.frequency, day) for day in days}) for rule in rules
        }
        Period = self.env["party.period"]
        dues = {
            (rule, start): due_date(rule, start)
            for rule, spans in windows.items()
            for start, _e in spans
        }
        month_dues = {d for (rule, _s), d in dues.items() if rule.frequency != "year"}
        year_dues = {d for (rule, _s), d in dues.items() if rule.frequency == "year"}
        months = Period._get_periods(month_dues, "month") if month_dues else {}
        years = Period._get_periods(year_dues, "year") if year_dues else {}
        self.env.flush_all()
        created = 0
        for rule, spans in windows.items():
            if not spans:
                continue
            rows = []
            for start, end in spans:
                due = dues[rule, start]
                period = (
                    years[due.replace(month=1, day=1)]
                    if rule.frequency == "year"
                    else months[due.replace(day=1)]
                )
                rows.append(SQL("(%s, %s, %s, %s::int)", start, end, due, period.id))
            self.env.cr.execute(
                SQL(
                    """INSERT INTO party_duty (rule_id, organization_id, general_branch_id,
                                               member_id, period_id, date_start, date_end,
                                               due_date, state, study_hours, reminded,
                                               create_uid, create_date, write_uid, write_date)
                       SELECT %(rule)s, t.organization_id, t.general_branch_id, t.member_id,
                              w.period_id, w.date_start, w.date_end, w.due_date, 'open', 0,
                              FALSE, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s,
                              NOW() AT TIME ZONE 'UTC'
                         FROM (VALUES %(rows)s) AS w(date_start, date_end, due_date, period_id)
                        CROSS JOIN (%(targets)s) AS t
                  ON CONFLICT DO NOTHING""",
                    rule=rule.id,
                    uid=self.env.uid,
                    rows=SQL(", ").join(rows),
                    targets=self._targets_sql(rule),
                )
            )
            created += self.env.cr.rowcount
        if created:
            self.invalidate_model()
        return created

    @api.model
    def _targets_sql(self, rule):
        """SQL rows (organization_id, general_branch_id, member_id) the rule falls on."""
        branches = SQL("b.kind = 'branch' AND b.active")
        if rule.organization_id:
            branches = SQL(
                "%s AND b.parent_path LIKE %s", branches, f"{rule.organization_id.parent_path}%"
            )
        if rule.assignee == "branch":
            return SQL(
                "SELECT b.id AS organization_id, b.general_branch_id, NULL::int AS member_id"
                " FROM party_organization b WHERE %s",
                branches,
            )
        if rule.assignee == "secretary":
            return SQL(
                """SELECT b.id AS organization_id, b.general_branch_id, b.secretary_id AS member_id
                     FROM party_organization b JOIN party_member m ON m.id = b.secretary_id
                    WHERE %s AND m.active AND m.organization_id = b.id""",
                branches,
            )
        if rule.assignee == "committee":
            return SQL(
                """SELECT DISTINCT b.id AS organization_id, b.general_branch_id, m.id AS member_id
                     FROM party_organization b
                     JOIN (SELECT organization_id, member_id
                             FROM party_organization_committee_member_rel
                           UNION SELECT id, secretary_id FROM party_organization
                            WHERE secretary_id IS NOT NULL) AS seat ON seat.organization_id = b.id
                     JOIN party_member m ON m.id = seat.member_id
                    WHERE %s AND m.active AND m.organization_id = b.id""",
                branches,
            )
        # Members out of contact, suspended or gone have no personal duties (the
        # counting table, models/party_member_status.py).
        return SQL(
            """SELECT b.id AS organization_id, b.general_branch_id, m.id AS member_id
                 FROM party_organization b JOIN party_member m ON m.organization_id = b.id
                WHERE %s AND m.active AND COALESCE(m.status, 'active') NOT IN %s""",
            branches,
            tuple(sorted(DUTY_EXCLUDED)),
        )

    @api.model
    def _refresh(self, organizations=None, fulfilments=None):
        """Set the state and the fulfilling record of the duties (of ``organizations``'
        branches, else all) from the records: one UPDATE per kind of fulfilment, whatever
        the number of branches. Reminders of duties now done are removed."""
        self.env.flush_all()
        today = fields.Date.context_today(self)
        scope = SQL("TRUE")
        if organizations is not None:
            if not organizations:
                return self.browse()
            scope = SQL("d.organization_id IN %s", tuple(organizations.ids))
        changed_done = []
        for fulfilment in fulfilments or ("meeting", "talk", "study_hours", "appraisal"):
            found = getattr(self, f"_found_{fulfilment}_sql")(scope)
            self.env.cr.execute(
                SQL(
                    """UPDATE party_duty d
                          SET meeting_id = n.meeting_id, talk_id = n.talk_id,
                              appraisal_id = n.appraisal_id, study_hours = n.hours,
                              fulfilled_date = n.fulfilled_date, state = n.state,
                              write_uid = %(uid)s, write_date = NOW() AT TIME ZONE 'UTC'
                         FROM (SELECT d.id, f.meeting_id, f.talk_id, f.appraisal_id,
                                      COALESCE(f.hours, 0) AS hours,
                                      CASE WHEN f.done THEN f.fulfilled_date END AS fulfilled_date,
                                      CASE WHEN f.done AND f.on_time THEN 'done'
                                           WHEN f.done THEN 'late'
                                           WHEN d.due_date < %(today)s THEN 'overdue'
                                           ELSE 'open' END AS state
                                 FROM party_duty d
                                 JOIN party_duty_rule r ON r.id = d.rule_id
                            LEFT JOIN (%(found)s) AS f ON f.duty_id = d.id
                                WHERE r.fulfilment = %(fulfilment)s AND %(scope)s) AS n
                        WHERE n.id = d.id
                          AND (d.meeting_id, d.talk_id, d.appraisal_id, d.study_hours,
                               d.fulfilled_date, d.state)
                              IS DISTINCT FROM (n.meeting_id, n.talk_id, n.appraisal_id,
                               n.hours::numeric, n.fulfilled_date, n.state)
                    RETURNING d.id, d.state""",
                    uid=self.env.uid,
                    today=today,
                    found=found,
                    fulfilment=fulfilment,
                    scope=scope,
                )
            )
            changed_done += [
                duty_id for duty_id, state in self.env.cr.fetchall() if state in FULFILLED
            ]
        # Written in SQL: the cached duties (and what is computed from them) are stale.
        self.invalidate_model()
        if changed_done:
            # The reminder is moot once the record is there.
            self.env["mail.activity"].sudo().search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", changed_done),
                    (
                        "activity_type_id",
                        "=",
                        self.env.ref("party_quant.mail_activity_type_duty").id,
                    ),
                ]
            ).unlink()
        return self.browse(changed_done)

    def _found_meeting_sql(self, scope):
        """The first held meeting of the rule's kind in the duty's period, of the
        branch (hosted by the person, for a personal duty); on time when it is dated by
        the due date and, if entered late, entered by then."""
        return SQL(
            """SELECT DISTINCT ON (d.id) d.id AS duty_id, m.id AS meeting_id,
                      NULL::int AS talk_id, NULL::int AS appraisal_id, NULL::float8 AS hours,
                      m.date AS fulfilled_date, TRUE AS done, %(on_time)s AS on_time
                 FROM party_duty d
                 JOIN party_duty_rule r ON r.id = d.rule_id
                 JOIN party_meeting m ON m.organization_id = d.organization_id
                  AND m.kind = r.meeting_kind AND m.state = 'done'
                  AND m.date BETWEEN d.date_start AND d.date_end
                  AND (d.member_id IS NULL OR m.host_id = d.member_id)
                WHERE r.fulfilment = 'meeting' AND %(scope)s
             ORDER BY d.id, %(on_time)s DESC, m.date, m.id""",
            scope=scope,
            on_time=SQL(
                """m.date <= d.due_date AND NOT (COALESCE(m.late_entry, FALSE)
                   AND m.create_date::date > d.due_date)"""
            ),
        )

    def _found_talk_sql(self, scope):
        """The first talk of the period between the person and someone else of the
        branch's committee (the secretary included)."""
        return SQL(
            """WITH part AS (
                       SELECT t.id AS talk_id, t.talker_id AS member_id, t.date FROM party_talk t
                       UNION SELECT rel.talk_id, rel.member_id, t.date
                         FROM party_talk_member_rel rel JOIN party_talk t ON t.id = rel.talk_id
                   ), seat AS (
                       SELECT organization_id, member_id
                         FROM party_organization_committee_member_rel
                       UNION SELECT id, secretary_id FROM party_organization
                        WHERE secretary_id IS NOT NULL
                   )
               SELECT DISTINCT ON (d.id) d.id AS duty_id, NULL::int AS meeting_id,
                      own.talk_id, NULL::int AS appraisal_id, NULL::float8 AS hours,
                      own.date AS fulfilled_date, TRUE AS done, own.date <= d.due_date AS on_time
                 FROM party_duty d
                 JOIN party_duty_rule r ON r.id = d.rule_id
                 JOIN part own ON own.member_id = d.member_id
                  AND own.date BETWEEN d.date_start AND d.date_end
                 JOIN part other ON other.talk_id = own.talk_id AND other.member_id <> d.member_id
                 JOIN seat ON seat.organization_id = d.organization_id
                  AND seat.member_id = other.member_id
                WHERE r.fulfilment = 'talk' AND %s
             ORDER BY d.id, own.date, own.talk_id""",
            scope,
        )

    def _found_study_hours_sql(self, scope):
        """The person's study hours of the period, done once they reach the hours
        required of them (32, 56 for officers: settings)."""
        return SQL(
            """SELECT d.id AS duty_id, NULL::int AS meeting_id, NULL::int AS talk_id,
                      NULL::int AS appraisal_id, SUM(src.hours) AS hours,
                      MAX(src.date) AS fulfilled_date,
                      SUM(src.hours) >= %(required)s AS done,
                      MAX(src.date) <= d.due_date AS on_time
                 FROM party_duty d
                 JOIN party_duty_rule r ON r.id = d.rule_id
                 JOIN (%(sources)s) AS src ON src.member_id = d.member_id
                  AND src.date BETWEEN d.date_start AND d.date_end
                WHERE r.fulfilment = 'study_hours' AND %(scope)s
             GROUP BY d.id, d.member_id, d.due_date""",
            required=study_required_sql(self.env, SQL("d.member_id")),
            sources=study_sources_sql(),
            scope=scope,
        )

    def _found_appraisal_sql(self, scope):
        """The branch's confirmed democratic appraisals of the duty's year."""
        return SQL(
            """SELECT DISTINCT ON (d.id) d.id AS duty_id, NULL::int AS meeting_id,
                      NULL::int AS talk_id, a.id AS appraisal_id, NULL::float8 AS hours,
                      (a.write_date AT TIME ZONE 'UTC')::date AS fulfilled_date, TRUE AS done,
                      (a.write_date AT TIME ZONE 'UTC')::date <= d.due_date AS on_time
                 FROM party_duty d
                 JOIN party_duty_rule r ON r.id = d.rule_id
                 JOIN party_appraisal a ON a.organization_id = d.organization_id
                  AND a.year = EXTRACT(YEAR FROM d.date_start) AND a.state = 'confirmed'
                WHERE r.fulfilment = 'appraisal' AND %s
             ORDER BY d.id, a.write_date, a.id""",
            scope,
        )

    @api.model
    def _drop_stale(self):
        """Remove the personal duties not done yet, of periods not over, that no longer
        fall on their person (moved to another branch, archived, no longer the secretary
        or on the committee), with their reminders: two queries."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """DELETE FROM party_duty d
                    USING party_duty_rule r, party_member m
                    WHERE r.id = d.rule_id AND m.id = d.member_id
                      AND d.state NOT IN %(fulfilled)s AND d.date_end >= %(today)s
                      AND (NOT m.active OR m.organization_id IS DISTINCT FROM d.organization_id
                           OR (r.assignee = 'secretary' AND NOT EXISTS (
                                   SELECT 1 FROM party_organization o
                                    WHERE o.id = d.organization_id AND o.secretary_id = m.id))
                           OR (r.assignee = 'committee' AND NOT EXISTS (
                                   SELECT 1 FROM party_organization o
                                    WHERE o.id = d.organization_id AND o.secretary_id = m.id
                                   UNION ALL
                                   SELECT 1 FROM party_organization_committee_member_rel c
                                    WHERE c.organization_id = d.organization_id
                                      AND c.member_id = m.id)))
                RETURNING d.id""",
                today=fields.Date.context_today(self),
                fulfilled=FULFILLED,
            )
        )
        dropped = [row[0] for row in self.env.cr.fetchall()]
        if dropped:
            self.env.cr.execute(
                SQL(
                    "DELETE FROM mail_activity WHERE res_model = %s AND res_id IN %s",
                    self._name,
                    tuple(dropped),
                )
            )
            self.invalidate_model()
            self.env["mail.activity"].invalidate_model()
        return len(dropped)

    @api.model
    def _reminder_days(self):
        return setting(self.env, REMINDER_PARAM, REMINDER_DEFAULT)

    @api.model
    def _remind(self):
        """An activity, a set number of days (settings) before the due date, for each
        open duty not reminded yet: to the branch's secretary (officers) for the
        branch's and the secretary's duties, to the person for their own."""
        today = fields.Date.context_today(self)
        Duty = system_env(self.sudo())
        duties = Duty.search(
            [
                ("state", "=", "open"),
                ("reminded", "=", False),
                ("due_date", ">=", today),
                ("due_date", "<=", today + timedelta(days=self._reminder_days())),
            ]
        )
        if not duties:
            return 0
        activity_type = self.env.ref("party_quant.mail_activity_type_duty")
        model_id = self.env["ir.model"]._get_id(self._name)
        officers = {}
        vals_list = []
        for duty in duties:
            if duty.assignee in ("committee", "member"):
                users = duty.member_id.user_id
            else:
                branch = duty.organization_id
                if branch not in officers:
                    officers[branch] = branch.secretary_id.user_id or branch._level_users("branch")
                users = officers[branch]
            summary = Duty.env._(
                "Due on %(date)s: %(duty)s", date=duty.due_date, duty=duty.display_name
            )
            vals_list += [
                {
                    "res_model_id": model_id,
                    "res_id": duty.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": duty.due_date,
                    "summary": summary[:200],
                }
                for user in users
                if user.active
            ]
        self.env["mail.activity"].sudo().create(vals_list)
        # Reminded once; the flag is the system's.
        duties.write({"reminded": True})
        return len(vals_list)

    @api.model
    def _cron_duties(self):
        """Daily: this month's, quarter's and year's duties of every branch, their state
        from the records (overdue past the due date), and the reminders."""
        Duty = self.sudo()
        today = fields.Date.context_today(self)
        dropped = Duty._drop_stale()
        created = Duty._generate([today])
        fulfilled = len(Duty._refresh())
        reminded = Duty._remind()
        # One step, reported: what the run did (the cron's progress and log).
        self.env["ir.cron"]._notify_progress(
            done=dropped + created + fulfilled + reminded, remaining=0
        )
        _logger.info(
            "Duties: %s dropped, %s created, %s fulfilled, %s reminders.",
            dropped,
            created,
            fulfilled,
            reminded,
        )
        return True


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    kind = fields.Selection(selection_add=[LIFE_MEETING], ondelete={LIFE_MEETING[0]: "set default"})

    def _after_transition(self, moved_from, vals):
        res = super()._after_transition(moved_from, vals)
        # Held or cancelled: the duties it fulfils follow (the system's).
        self.env["party.duty"].sudo()._refresh(self.organization_id, ("meeting", "study_hours"))
        return res

    def unlink(self):
        organizations = self.organization_id
        res = super().unlink()
        self.env["party.duty"].sudo()._refresh(organizations, ("meeting", "study_hours"))
        return res


class PartyAppraisal(models.Model):
    _inherit = "party.appraisal"

    def _after_transition(self, moved_from, vals):
        res = super()._after_transition(moved_from, vals)
        self.env["party.duty"].sudo()._refresh(self.organization_id, ("appraisal",))
        return res


class PartyEvaluation(models.Model):
    _inherit = "party.evaluation"

    duty_ids = fields.Many2many(
        "party.duty",
        string="Duties of the Period",
        compute="_compute_duty_ids",
        groups="party_quant.group_party_branch",
        help="The branch's duties falling due in the evaluated month (or year).",
    )
    duty_open_count = fields.Integer(
        string="Duties Not Done",
        compute="_compute_duty_ids",
        groups="party_quant.group_party_branch",
    )

    @api.depends("organization_id", "period_id")
    def _compute_duty_ids(self):
        periods = self.period_id
        duties = self.env["party.duty"].search(
            [
                ("organization_id", "in", self.organization_id.ids),
                ("due_date", ">=", min(periods.mapped("date_start"), default=date.max)),
                ("due_date", "<=", max(periods.mapped("date_end"), default=date.min)),
            ]
        )
        for evaluation in self:
            start, end = evaluation.period_id.date_start, evaluation.period_id.date_end
            mine = duties.filtered(
                lambda d, e=evaluation, s=start, t=end: d.organization_id == e.organization_id
                and s <= d.due_date <= t
            )
            evaluation.duty_ids = mine
            evaluation.duty_open_count = len(mine.filtered(lambda d: d.state not in FULFILLED))


class PartyWorkbench(models.Model):
    _inherit = "party.workbench"

    duties_open = fields.Integer(string="Duties Open This Month", compute="_compute_duty_figures")
    duties_overdue = fields.Integer(compute="_compute_duty_figures")

    @api.depends_context("uid")
    def _compute_duty_figures(self):
        """One query for every card: the branch's duties due this month, by state."""
        today = fields.Date.context_today(self)
        start, end = period_window("month", today)
        # Counts over the cards' own branches (read by the user), one query.
        counts = {
            (org.id, state): count
            for org, state, count in self.env["party.duty"]
            .sudo()
            ._read_group(
                [
                    ("organization_id", "in", self.organization_id.ids),
                    ("due_date", ">=", start),
                    ("due_date", "<=", end),
                    ("state", "not in", FULFILLED),
                ],
                ["organization_id", "state"],
                ["__count"],
            )
        }
        for card in self:
            org = card.organization_id.id
            card.duties_overdue = counts.get((org, "overdue"), 0)
            card.duties_open = counts.get((org, "open"), 0) + card.duties_overdue

    def _compute_branch_figures(self, month, last, today):
        """The duties line is one of the month's tasks: the count above the lines
        ("4 / 6") counts every line the card lists."""
        res = super()._compute_branch_figures(month, last, today)
        for card in self:
            done = card.tasks_done + (not card.duties_open)
            total = card.tasks_total + 1
            card.update(
                {
                    "tasks_done": done,
                    "tasks_total": total,
                    "progress": round(100.0 * done / total, 1),
                }
            )
        return res

    def action_open_duties(self):
        self.ensure_one()
        start, end = period_window("month", fields.Date.context_today(self))
        return self._action(
            "party_duty_action",
            [*self._scope(), ("due_date", ">=", start), ("due_date", "<=", end)],
            {"search_default_not_done": 1},
        )
