from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

from .party_evaluation import NOTE_COLUMNS, PATHS, SCORE_COLUMNS, STATES, SUBMITTED_STATES
from .party_labels import selection_labels

# The tasks of a branch's month, in the order the card lists them (the duties line,
# the sixth, is added by party_duty.py's PartyWorkbench).
BRANCH_TASKS = ("self_assessment", "meetings", "claims", "dues", "publicity")
# Criteria listed under "what it takes to reach the base score".
GAP_LISTED = 5


class PartyWorkbench(models.Model):
    """The first screen of an officer: one card per organization the user serves
    (a branch, a general branch or the committee) with what is to be done this
    month. A view over the organizations; the figures are computed for all the cards
    at once, a query or two per card whatever the number of branches."""

    _name = "party.workbench"
    _description = "Workbench"
    _auto = False
    _order = "sequence, organization_id"

    organization_id = fields.Many2one("party.organization", readonly=True)
    kind = fields.Selection(
        [("branch", "Branch"), ("general_branch", "General Branch"), ("committee", "Committee")],
        readonly=True,
    )
    sequence = fields.Integer(readonly=True)
    period_id = fields.Many2one("party.period", string="Month", compute="_compute_figures")
    # Branch: the month's tasks.
    evaluation_id = fields.Many2one(
        "party.evaluation", string="Evaluation of the Month", compute="_compute_figures"
    )
    evaluation_state = fields.Selection(
        STATES, string="Self-assessment", compute="_compute_figures"
    )
    # 三会一课 from one source, the duties (履责清单) a held meeting fulfils: those
    # due this quarter, done, and overdue — what the obligation calendar shows.
    meetings_held = fields.Integer(string="Meeting Duties Done", compute="_compute_figures")
    meetings_due = fields.Integer(string="Meeting Duties This Quarter", compute="_compute_figures")
    meetings_behind = fields.Integer(
        string="Meeting Duties Overdue",
        compute="_compute_figures",
        help="Meetings due this quarter (duties of the obligation calendar) not held by "
        "their due date.",
    )
    claims_waiting = fields.Integer(string="Claims to Approve", compute="_compute_figures")
    dues_unpaid = fields.Integer(
        string="Dues Overdue",
        compute="_compute_figures",
        help="Dues not paid in full of months that are over.",
    )
    dues_to_pay = fields.Integer(string="Dues to Pay This Month", compute="_compute_figures")
    publicity_draft = fields.Integer(string="Publicity to Publish", compute="_compute_figures")
    tasks_done = fields.Integer(compute="_compute_figures")
    tasks_total = fields.Integer(string="Tasks", compute="_compute_figures")
    progress = fields.Float(string="Progress (%)", compute="_compute_figures")
    # Branch: the score so far and what it takes to reach the base score.
    score = fields.Float(string="Score so Far", digits=(6, 2), compute="_compute_figures")
    score_basis = fields.Char(string="Score of", compute="_compute_figures")
    base_score = fields.Float(digits=(6, 2), compute="_compute_figures")
    score_gap = fields.Float(string="Points to the Base Score", compute="_compute_figures")
    gap_html = fields.Html(
        string="Where Points Were Lost", sanitize=False, compute="_compute_figures"
    )
    last_rank = fields.Integer(string="Last Month's Rank", compute="_compute_figures")
    last_rank_of = fields.Integer(string="Ranked in Type", compute="_compute_figures")
    # General branch and committee: the branches' month.
    branch_count = fields.Integer(string="Branches", compute="_compute_figures")
    submitted_count = fields.Integer(string="Self-assessed", compute="_compute_figures")
    reviewed_count = fields.Integer(string="Reviewed", compute="_compute_figures")
    waiting_count = fields.Integer(string="Waiting for You", compute="_compute_figures")
    late_count = fields.Integer(string="Late", compute="_compute_figures")
    behind_count = fields.Integer(string="Branches Behind on Meetings", compute="_compute_figures")
    behind_html = fields.Html(
        string="Branches Behind or Late", sanitize=False, compute="_compute_figures"
    )
    # Committee: the close of the month and the escalations.
    close_period_id = fields.Many2one(
        "party.period", string="Month to Close", compute="_compute_figures"
    )
    close_unreviewed = fields.Integer(string="Not Reviewed Yet", compute="_compute_figures")
    close_ready = fields.Boolean(string="Ready to Close", compute="_compute_figures")
    escalation_count = fields.Integer(string="Escalations to Act on", compute="_compute_figures")
    # General branch and committee: the members' appeals they decide.
    appeals_open = fields.Integer(
        string="Appeals to Decide",
        compute="_compute_appeals_open",
        help="Open appeals of the members of the branches under this organization.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    SELECT o.id, o.id AS organization_id, o.kind,
                           CASE o.kind WHEN 'branch' THEN 1
                                       WHEN 'general_branch' THEN 2 ELSE 3 END AS sequence
                      FROM party_organization o
                     WHERE o.active AND o.kind IN ('branch', 'general_branch', 'committee')
                )""",
                SQL.identifier(self._table),
            )
        )

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    @api.depends_context("uid", "lang")
    def _compute_figures(self):
        today = fields.Date.context_today(self)
        Period = self.env["party.period"]
        month = Period.search(
            [("kind", "=", "month"), ("date_start", "=", today.replace(day=1))], limit=1
        )
        last = Period.search(
            [
                ("kind", "=", "month"),
                ("date_start", "=", today.replace(day=1) - relativedelta(months=1)),
            ],
            limit=1,
        )
        for card in self:
            card.update(dict.fromkeys(self._figure_fields(), False))
            card.period_id = month
        branches = self.filtered(lambda c: c.kind == "branch")
        scopes = self.filtered(lambda c: c.kind != "branch")
        if branches:
            branches._compute_branch_figures(month, last, today)
        if scopes:
            scopes._compute_scope_figures(month, today)

    @api.depends_context("uid")
    def _compute_appeals_open(self):
        """One query for all the cards: the open appeals of the branches under each
        general branch or committee card (branch cards: none, the level above decides)."""
        self.appeals_open = 0
        scopes = self.filtered(lambda c: c.kind != "branch")
        if not scopes:
            return
        # Counted over the user's own cards (their scopes); the rules of the appeals
        # give the same figure, read here in one query whatever the user may open.
        groups = (
            self.env["party.point.appeal"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "open"),
                    ("organization_id", "child_of", scopes.organization_id.ids),
                ],
                ["organization_id"],
                ["__count"],
            )
        )
        for card in scopes:
            prefix = card.organization_id.parent_path
            card.appeals_open = sum(
                count for branch, count in groups if branch.parent_path.startswith(prefix)
            )

    @api.model
    def _figure_fields(self):
        return [
            name
            for name, field in self._fields.items()
            if field.compute == "_compute_figures" and name != "period_id"
        ]

    def _compute_branch_figures(self, month, last, today):
        """Every branch card at once: one read per source (evaluations of the month
        and the month before, lines of the month, meetings, schedule, claims, dues,
        publicity)."""
        # Counts over the branches of these cards, which the record rules give to the
        # user (their own branches): read with superuser rights so that a count does
        # not depend on the per-record rules of five other models.
        env = self.env(su=True)
        orgs = self.organization_id
        Evaluation = env["party.evaluation"]
        evaluations = {
            e.organization_id.id: e
            for e in Evaluation.search(
                [("organization_id", "in", orgs.ids), ("period_id", "in", (month | last).ids)]
            )
            if e.period_id == month
        }
        previous = Evaluation.search(
            [("organization_id", "in", orgs.ids), ("period_id", "=", last.id)]
        )
        ranked_in_type = dict(
            Evaluation._read_group(
                [
                    ("period_id", "=", last.id),
                    ("state", "=", "reviewed"),
                    ("branch_type_id", "in", previous.branch_type_id.ids),
                ],
                ["branch_type_id"],
                ["__count"],
            )
        )
        previous = {e.organization_id.id: e for e in previous}
        meeting_duties = self._meeting_duties(env, orgs, today)
        claims = dict(
            env["party.point.line"]._read_group(
                [("organization_id", "in", orgs.ids), ("state", "=", "submitted")],
                ["organization_id"],
                ["__count"],
            )
        )
        # Owed (欠缴) once the month is over; this month's are still to pay.
        dues, dues_to_pay = defaultdict(int), defaultdict(int)
        this_month = today.replace(day=1)
        for org, month_start, count in env["party.dues"]._read_group(
            [
                ("organization_id", "in", orgs.ids),
                ("state", "=", "due"),
                ("month", "<=", today),
            ],
            ["organization_id", "month:month"],
            ["__count"],
        ):
            target = dues if month_start < this_month else dues_to_pay
            target[org] += count
        publicity = dict(
            env["party.point.publicity"]._read_group(
                [("organization_id", "in", orgs.ids), ("state", "=", "draft")],
                ["organization_id"],
                ["__count"],
            )
        )
        # The evaluation the score is read from: this month's once submitted, else
        # the month before's.
        basis = {}
        for card in self:
            current = evaluations.get(card.organization_id.id)
            before = previous.get(card.organization_id.id)
            basis[card] = next(
                (e for e in (current, before) if e and e.state != "draft"),
                None,
            )
        lines = env["party.evaluation.line"].search(
            [("evaluation_id", "in", [e.id for e in basis.values() if e])]
        )
        lines_of = defaultdict(list)
        for line in lines:
            lines_of[line.evaluation_id.id].append(line)
        base = Evaluation._pay_settings()["base_score"]
        states = selection_labels(self.env, "party.evaluation", "state")
        for card in self:
            org = card.organization_id
            current = evaluations.get(org.id)
            duties = meeting_duties[org.id]
            counts = {
                "held": duties["done"],
                "behind": duties["overdue"],
                "claims": claims.get(org, 0),
                "dues": dues.get(org, 0),
                "publicity": publicity.get(org, 0),
            }
            done = {
                "self_assessment": bool(current and current.state in SUBMITTED_STATES),
                "meetings": not counts["behind"],
                "claims": not counts["claims"],
                "dues": not counts["dues"],
                "publicity": not counts["publicity"],
            }
            before = previous.get(org.id)
            card.update(
                {
                    "evaluation_id": current.id if current else False,
                    "evaluation_state": current.state if current else False,
                    "meetings_held": counts["held"],
                    "meetings_due": duties["total"],
                    "meetings_behind": counts["behind"],
                    "claims_waiting": counts["claims"],
                    "dues_unpaid": counts["dues"],
                    "dues_to_pay": dues_to_pay.get(org, 0),
                    "publicity_draft": counts["publicity"],
                    "tasks_done": sum(done.values()),
                    "tasks_total": len(BRANCH_TASKS),
                    "progress": round(100.0 * sum(done.values()) / len(BRANCH_TASKS), 1),
                    "base_score": base,
                    "last_rank": before.rank_in_type if before else 0,
                    "last_rank_of": ranked_in_type.get(before.branch_type_id, 0)
                    if before and before.rank_in_type
                    else 0,
                }
            )
            evaluation = basis[card]
            if evaluation:
                card._set_gap(evaluation, lines_of[evaluation.id], base, states)

    @api.model
    def _meeting_duties_domain(self, today):
        """The meeting duties (三会一课, 主题党日, 党课 …) the cards count: those a held
        meeting fulfils, due this quarter — the obligation calendar's default view."""
        start = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
        return [
            ("rule_id.fulfilment", "=", "meeting"),
            ("due_date", ">=", start),
            ("due_date", "<", start + relativedelta(months=3)),
        ]

    def _meeting_duties(self, env, organizations, today):
        """{organization id: {"done", "overdue", "total"}} of the meeting duties of
        these organizations, in one query."""
        counts = defaultdict(lambda: dict.fromkeys(("done", "overdue", "total"), 0))
        for org, state, count in env["party.duty"]._read_group(
            [("organization_id", "in", organizations.ids), *self._meeting_duties_domain(today)],
            ["organization_id", "state"],
            ["__count"],
        ):
            counts[org.id]["total"] += count
            if state in ("done", "overdue"):
                counts[org.id][state] += count
        return counts

    def _set_gap(self, evaluation, lines, base, states):
        """The score of the last step taken on ``evaluation`` and the criteria that
        lost points at that step, with that level's note (or the notes before it)."""
        path = PATHS[evaluation.path_kind]
        index = [state for state, _level in path].index(evaluation.state)
        level = path[index - 1][1] if index else path[0][1]
        column = SCORE_COLUMNS[level]
        # The reviewers' notes, the level's first, then the level's below it — never
        # the branch's own note under "Reviewer's note"; for a step the branch took
        # (its self-assessment), its own note under "Branch's note".
        levels = [lvl for _state, lvl in path[:index]][::-1] or [level]
        note_fields = [NOTE_COLUMNS[lvl] for lvl in levels if lvl != "branch" or level == "branch"]
        score = sum(line[column] for line in lines)
        lost = sorted(
            (
                line
                for line in lines
                if line.category != "bonus"
                and float_compare(line[column], line.max_score, precision_digits=2) < 0
            ),
            key=lambda line: line[column] - line.max_score,
        )
        rows = Markup().join(
            Markup('<tr><td>%s</td><td class="text-danger text-end">−%s</td><td>%s</td></tr>')
            % (
                line.with_env(self.env).name,
                f"{line.max_score - line[column]:g}",
                next((line[name] for name in note_fields if line[name]), ""),
            )
            for line in lost[:GAP_LISTED]
        )
        self.update(
            {
                "score": score,
                "score_basis": "%s · %s"
                % (evaluation.period_id.with_env(self.env).label, states[evaluation.state]),
                "score_gap": max(0.0, base - score),
                "gap_html": Markup(
                    '<table class="table table-sm mb-0"><thead><tr><th>%s</th><th>%s</th>'
                    "<th>%s</th></tr></thead><tbody>%s</tbody></table>"
                )
                % (
                    self.env._("Criterion"),
                    self.env._("Lost"),
                    self.env._("Branch's note")
                    if level == "branch"
                    else self.env._("Reviewer's note"),
                    rows,
                )
                if rows
                else False,
            }
        )

    def _compute_scope_figures(self, month, today):
        """General branches and the committee, all cards at once: the month's
        evaluations of their branches by state, late and waiting, the branches behind
        on meetings; for the committee, the month to close and the escalations."""
        env = self.env(su=True)  # counts over the user's own scopes (record rules)
        Evaluation = env["party.evaluation"]
        branches = env["party.organization"].search(
            [("kind", "=", "branch"), ("id", "child_of", self.organization_id.ids)]
        )
        scope_of = {}
        committee_cards = self.filtered(lambda c: c.kind == "committee")
        for branch in branches:
            scope_of[branch.id] = {branch.general_branch_id.id} | {
                card.organization_id.id
                for card in committee_cards
                if branch.parent_path.startswith(card.organization_id.parent_path)
            }
        rows = Evaluation.search_read(
            [("period_id", "=", month.id), ("organization_id", "in", branches.ids)],
            ["organization_id", "state", "acting_level", "activity_date_deadline"],
            load=None,
        )
        behind = {
            org_id
            for org_id, duties in self._meeting_duties(env, branches, today).items()
            if duties["overdue"]
        }
        stats = defaultdict(lambda: defaultdict(int))
        late, behind_names = defaultdict(set), defaultdict(set)
        names = dict(zip(branches.ids, branches.with_env(self.env).mapped("name"), strict=True))
        for branch in branches:
            for scope in scope_of[branch.id]:
                stats[scope]["branches"] += 1
                if branch.id in behind:
                    stats[scope]["behind"] += 1
                    behind_names[scope].add(names[branch.id])
        for row in rows:
            overdue = row["activity_date_deadline"] and row["activity_date_deadline"] < today
            for scope in scope_of.get(row["organization_id"], ()):
                stats[scope]["submitted"] += row["state"] in SUBMITTED_STATES
                stats[scope]["reviewed"] += row["state"] == "reviewed"
                if overdue:
                    stats[scope]["late"] += 1
                    late[scope].add(names[row["organization_id"]])
        waiting = self._waiting_counts(rows, scope_of)
        for card in self:
            org = card.organization_id.id
            figures = stats[org]
            card.update(
                {
                    "branch_count": figures["branches"],
                    "submitted_count": figures["submitted"],
                    "reviewed_count": figures["reviewed"],
                    "late_count": figures["late"],
                    "behind_count": figures["behind"],
                    "waiting_count": waiting.get(org, 0),
                    "progress": round(100.0 * figures["reviewed"] / figures["branches"], 1)
                    if figures["branches"]
                    else 0.0,
                    "behind_html": card._behind_html(late[org], behind_names[org]),
                }
            )
        if committee_cards:
            committee_cards._compute_close_figures(env, today)

    def _waiting_counts(self, rows, scope_of):
        """{scope: evaluations of the month waiting for that scope's level}."""
        level_of = {"general_branch": "general_branch", "committee": "committee"}
        waiting = defaultdict(int)
        kinds = dict(zip(self.organization_id.ids, self.mapped("kind"), strict=True))
        for row in rows:
            if row["state"] == "reviewed":
                continue
            for scope in scope_of.get(row["organization_id"], ()):
                if row["acting_level"] == level_of.get(kinds.get(scope)):
                    waiting[scope] += 1
        return waiting

    def _behind_html(self, late, behind):
        items = [(name, self.env._("late")) for name in sorted(late)] + [
            (name, self.env._("behind on meetings")) for name in sorted(behind)
        ]
        if not items:
            return False
        return Markup('<ul class="list-unstyled mb-0">%s</ul>') % Markup().join(
            Markup('<li><i class="fa fa-exclamation-triangle text-warning me-1"/>%s · %s</li>')
            % item
            for item in items[:8]
        )

    def _compute_close_figures(self, env, today):
        """The oldest open month with evaluations (the next to close) and how many of
        its evaluations are not reviewed yet; the proposed escalations."""
        to_close = env["party.period"].search(
            [
                ("kind", "=", "month"),
                ("state", "=", "open"),
                ("evaluation_ids", "!=", False),
                ("date_start", "<", today.replace(day=1)),
            ],
            order="date_start",
            limit=1,
        )
        unreviewed = (
            env["party.evaluation"].search_count(
                [("period_id", "=", to_close.id), ("state", "!=", "reviewed")]
            )
            if to_close
            else 0
        )
        escalations = env["party.escalation"].search_count([("state", "=", "proposed")])
        for card in self:
            card.update(
                {
                    "close_period_id": to_close.id,
                    "close_unreviewed": unreviewed,
                    "close_ready": bool(to_close) and not unreviewed,
                    "escalation_count": escalations,
                }
            )

    # ------------------------------------------------------------------
    # Links of the cards
    # ------------------------------------------------------------------
    def _action(self, xmlid, domain, context=None, name=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(f"party_quant.{xmlid}")
        action["domain"] = domain
        action["context"] = context or {}
        if name:
            action["name"] = name
        return action

    def _scope(self):
        return [("organization_id", "child_of", self.organization_id.id)]

    def action_open_evaluation(self):
        if self.evaluation_id:
            action = self._action("party_evaluation_action", [("id", "=", self.evaluation_id.id)])
            action.update({"res_id": self.evaluation_id.id, "view_mode": "form", "views": []})
            action["views"] = [(False, "form")]
            return action
        return self._action("party_evaluation_action", self._scope())

    def action_open_meetings(self):
        """三会一课 from the same source as the card: the meeting duties of the
        quarter, the overdue ones first when there are."""
        return self._action(
            "party_duty_action",
            [*self._scope(), *self._meeting_duties_domain(fields.Date.context_today(self))],
            {"search_default_red": 1} if self.meetings_behind or self.behind_count else {},
            name=self.env._("Meetings Due This Quarter"),
        )

    def action_open_claims(self):
        return self._action(
            "party_point_line_action", [*self._scope(), ("state", "=", "submitted")]
        )

    def action_open_dues(self):
        return self._action("party_dues_action", [*self._scope(), ("state", "=", "due")])

    def action_open_publicity(self):
        return self._action(
            "party_point_publicity_action", [*self._scope(), ("state", "=", "draft")]
        )

    def action_open_month(self):
        return self._action(
            "party_evaluation_action",
            [*self._scope(), ("period_id", "=", self.period_id.id)],
            {"search_default_group_state": 1},
        )

    def action_open_waiting(self):
        return self._action(
            "party_evaluation_action",
            [*self._scope(), ("is_waiting_for_me", "=", True)],
        )

    def action_open_late(self):
        return self._action(
            "party_evaluation_action",
            [
                *self._scope(),
                ("period_id", "=", self.period_id.id),
                ("activity_date_deadline", "<", fields.Date.context_today(self)),
            ],
        )

    def action_open_cockpit(self):
        return self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_cockpit_action")

    def action_open_close(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_period_action")
        if self.close_period_id:
            action.update({"res_id": self.close_period_id.id, "views": [(False, "form")]})
        return action

    def action_open_appeals(self):
        return self._action(
            "party_point_appeal_action",
            [*self._scope(), ("state", "=", "open")],
            name=self.env._("Appeals to Decide"),
        )

    def action_open_escalations(self):
        return self._action("party_escalation_action", [("state", "=", "proposed")])


class PartyMemberWorkbench(models.Model):
    """A member's first screen (phone-first): this month's and year's points by part,
    the rank in the branch, what the caps still allow, the branch's next meetings,
    the member's claims and the open publicity. A view over the members with a user;
    the figures of all cards are read at once."""

    _name = "party.member.workbench"
    _description = "My Workbench"
    _auto = False
    _order = "member_id"

    member_id = fields.Many2one("party.member", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    organization_id = fields.Many2one("party.organization", string="Branch", readonly=True)
    points_month = fields.Float(related="member_id.points_month")
    points_year = fields.Float(related="member_id.points_year")
    points_year_obligation = fields.Float(related="member_id.points_year_obligation")
    points_year_role = fields.Float(related="member_id.points_year_role")
    points_year_advancement = fields.Float(related="member_id.points_year_advancement")
    points_year_deduction = fields.Float(related="member_id.points_year_deduction")
    points_rank_in_branch = fields.Integer(related="member_id.points_rank_in_branch")
    points_reachable = fields.Html(related="member_id.points_reachable", sanitize=False)
    meetings_html = fields.Html(
        string="Next Meetings", sanitize=False, compute="_compute_member_figures"
    )
    meetings_planned = fields.Integer(compute="_compute_member_figures")
    claims_draft = fields.Integer(string="Claims in Draft", compute="_compute_member_figures")
    claims_submitted = fields.Integer(compute="_compute_member_figures")
    claims_rejected = fields.Integer(compute="_compute_member_figures")
    publicity_open = fields.Integer(string="Open Publicity", compute="_compute_member_figures")
    publicity_id = fields.Many2one(
        "party.point.publicity", string="Publicity to Appeal in", compute="_compute_member_figures"
    )
    notices_unread = fields.Integer(string="Unread Notices", compute="_compute_member_figures")
    # Dues: owed once a month is over (party.dues.overdue); this month's still to pay.
    dues_owed_count = fields.Integer(string="Months Owed", compute="_compute_dues_and_leave")
    dues_owed_amount = fields.Float(
        string="Dues Owed", digits=(10, 2), compute="_compute_dues_and_leave"
    )
    dues_to_pay = fields.Float(
        string="Dues to Pay This Month", digits=(10, 2), compute="_compute_dues_and_leave"
    )
    study_hours_year = fields.Float(related="member_id.study_hours_year")
    study_hours_required = fields.Float(related="member_id.study_hours_required")
    study_progress = fields.Float(string="Study Hours (%)", compute="_compute_dues_and_leave")
    # Their leave requests for the branch's coming meetings (and the last month's).
    leave_requested = fields.Integer(string="Leave Asked", compute="_compute_dues_and_leave")
    leave_approved = fields.Integer(compute="_compute_dues_and_leave")
    leave_refused = fields.Integer(compute="_compute_dues_and_leave")
    leave_html = fields.Html(
        string="My Leave Requests", sanitize=False, compute="_compute_dues_and_leave"
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                    SELECT m.id, m.id AS member_id, m.user_id, u.partner_id, m.organization_id
                      FROM party_member m
                      JOIN res_users u ON u.id = m.user_id
                     WHERE m.user_id IS NOT NULL AND m.active
                )""",
                SQL.identifier(self._table),
            )
        )

    @api.depends_context("uid", "lang")
    def _compute_member_figures(self):
        """Four queries for all cards: the branches' next meetings, the claims by
        state, the open publicity, the unread notices."""
        # The member's own claims and their branch's meetings and publicity, which the
        # record rules let them read; counted with superuser rights in one query each.
        env = self.env(su=True)
        branches = self.organization_id
        now = fields.Datetime.now()
        meetings = env["party.meeting"].search_read(
            [
                ("organization_id", "in", branches.ids),
                ("state", "=", "draft"),
                ("start", ">=", now),
            ],
            ["organization_id", "name", "start", "place"],
            order="start",
            load=None,
        )
        # A rejected claim needs the member while they may fix or withdraw it: their
        # own claim (not a deduction, not a record's entry) of a month still open.
        # One query with the closed months joined (a _read_group would need a second
        # query for them).
        env["party.point.line"].flush_model(
            ["member_id", "state", "part", "meeting_id", "is_correction", "date"]
        )
        env["party.period"].flush_model(["kind", "state", "date_start"])
        self.env.cr.execute(
            SQL(
                """SELECT l.member_id, l.state, COUNT(*)
                     FROM party_point_line l
                    WHERE l.member_id IN %s
                      AND (l.state IN ('draft', 'submitted')
                           OR (l.state = 'rejected'
                               AND l.part <> 'deduction'
                               AND l.meeting_id IS NULL
                               AND NOT COALESCE(l.is_correction, FALSE)
                               AND NOT EXISTS (
                                   SELECT 1 FROM party_period p
                                    WHERE p.kind = 'month' AND p.state = 'closed'
                                      AND p.date_start = date_trunc('month', l.date)::date)))
                    GROUP BY l.member_id, l.state""",
                tuple(self.member_id.ids) or (0,),
            )
        )
        claims = {(member_id, state): count for member_id, state, count in self.env.cr.fetchall()}
        today = fields.Date.context_today(self)
        publicity = defaultdict(list)
        for row in env["party.point.publicity"].search_read(
            [
                ("organization_id", "in", branches.ids),
                ("state", "=", "published"),
                ("window_end", ">=", today),
            ],
            ["organization_id"],
            order="period_start desc",
            load=None,
        ):
            publicity[row["organization_id"]].append(row["id"])
        # Notices addressed to them: the unread messages of their Discuss inbox.
        partners = self.partner_id
        unread = dict(
            env["mail.notification"]._read_group(
                [
                    ("res_partner_id", "in", partners.ids),
                    ("notification_type", "=", "inbox"),
                    ("is_read", "=", False),
                ],
                ["res_partner_id"],
                ["__count"],
            )
        )
        for card in self:
            org = card.organization_id
            upcoming = [m for m in meetings if m["organization_id"] == org.id][:3]
            card.meetings_planned = len(upcoming)
            card.meetings_html = (
                Markup('<ul class="list-unstyled mb-0">%s</ul>')
                % Markup().join(
                    Markup('<li><i class="fa fa-calendar me-1"/>%s · %s%s</li>')
                    % (
                        fields.Datetime.context_timestamp(self, m["start"]).strftime("%m-%d %H:%M"),
                        m["name"],
                        f" · {m['place']}" if m["place"] else "",
                    )
                    for m in upcoming
                )
                if upcoming
                else False
            )
            card.claims_draft = claims.get((card.member_id.id, "draft"), 0)
            card.claims_submitted = claims.get((card.member_id.id, "submitted"), 0)
            card.claims_rejected = claims.get((card.member_id.id, "rejected"), 0)
            card.publicity_open = len(publicity[org.id])
            card.publicity_id = publicity[org.id][0] if publicity[org.id] else False
            card.notices_unread = unread.get(card.partner_id, 0)

    @api.depends_context("uid", "lang")
    def _compute_dues_and_leave(self):
        """The dues owed and to pay, the study hours against the year's requirement,
        the leave requests: one query each for all cards."""
        # The member's own dues and leave requests, which the record rules let them
        # read; counted with superuser rights in one query each.
        env = self.env(su=True)
        now = fields.Datetime.now()
        Dues = env["party.dues"]
        members = self.member_id.ids
        # The dues owed (of months that are over, party.dues._overdue_domain) and this
        # month's still to pay, in one query.
        this_month = fields.Date.context_today(self).replace(day=1)
        Dues.flush_model(["member_id", "state", "month", "arrears"])
        self.env.cr.execute(
            SQL(
                """SELECT member_id,
                          COUNT(*) FILTER (WHERE month < %(month)s),
                          COALESCE(SUM(arrears) FILTER (WHERE month < %(month)s), 0)::float,
                          COALESCE(SUM(arrears) FILTER (WHERE month >= %(month)s), 0)::float
                     FROM party_dues
                    WHERE member_id IN %(members)s AND state = 'due'
                    GROUP BY member_id""",
                month=this_month,
                members=tuple(members) or (0,),
            )
        )
        owed, to_pay = {}, {}
        for member_id, count, amount, due in self.env.cr.fetchall():
            if count:
                owed[member_id] = (count, amount)
            to_pay[member_id] = due
        leaves = env["party.meeting.leave"].search_read(
            [
                ("member_id", "in", members),
                ("meeting_id.start", ">=", now - relativedelta(days=30)),
            ],
            ["member_id", "meeting_id", "state"],
            order="id desc",
        )
        states = selection_labels(self.env, "party.meeting.leave", "state")
        badges = {"requested": "text-bg-info", "approved": "text-bg-success"}
        for card in self:
            member = card.member_id.id
            count, amount = owed.get(member, (0, 0.0))
            mine = [leave for leave in leaves if leave["member_id"][0] == member]
            required = card.study_hours_required
            card.update(
                {
                    "dues_owed_count": count,
                    "dues_owed_amount": amount,
                    "dues_to_pay": to_pay.get(member, 0.0),
                    "study_progress": min(100.0, 100.0 * card.study_hours_year / required)
                    if required
                    else 100.0,
                    "leave_requested": sum(1 for lv in mine if lv["state"] == "requested"),
                    "leave_approved": sum(1 for lv in mine if lv["state"] == "approved"),
                    "leave_refused": sum(1 for lv in mine if lv["state"] == "refused"),
                    "leave_html": Markup('<ul class="list-unstyled mb-0">%s</ul>')
                    % Markup().join(
                        Markup('<li>%s <span class="badge %s">%s</span></li>')
                        % (
                            leave["meeting_id"][1],
                            badges.get(leave["state"], "text-bg-secondary"),
                            states[leave["state"]],
                        )
                        for leave in mine[:3]
                    )
                    if mine
                    else False,
                }
            )

    def _action(self, xmlid, domain=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(f"party_quant.{xmlid}")
        if domain is not None:
            action["domain"] = domain
        if context is not None:
            action["context"] = context
        return action

    def action_claim(self):
        """One tap to claim points: a new entry of the member, in its form."""
        self.ensure_one()
        action = self._action(
            "party_point_line_action_mine", context={"default_member_id": self.member_id.id}
        )
        action.update({"views": [(False, "form")], "view_mode": "form", "target": "current"})
        return action

    def action_open_claims(self):
        return self._action("party_point_line_action_mine")

    def action_open_publicity(self):
        self.ensure_one()
        return self._action(
            "party_point_publicity_action",
            [("organization_id", "=", self.organization_id.id), ("state", "=", "published")],
        )

    def action_open_meetings(self):
        self.ensure_one()
        return self._action(
            "party_meeting_action", [("organization_id", "=", self.organization_id.id)]
        )

    def action_open_dues(self):
        """The member's dues, newest first (cards on a phone)."""
        self.ensure_one()
        return self._action("party_dues_action", [("member_id", "=", self.member_id.id)], {})

    def action_open_duties(self):
        return self._action("party_duty_action_mine")

    def action_open_appeals(self):
        self.ensure_one()
        return self._action("party_point_appeal_action", [("member_id", "=", self.member_id.id)])

    def action_open_leave(self):
        self.ensure_one()
        return self._action(
            "party_meeting_leave_action", [("member_id", "=", self.member_id.id)], {}
        )

    def action_request_leave(self):
        """请假 from the card: the request form for the branch's next meeting, for the
        member themselves."""
        self.ensure_one()
        meeting = self.env["party.meeting"].search(
            [
                ("organization_id", "=", self.organization_id.id),
                ("state", "=", "draft"),
                ("start", ">", fields.Datetime.now()),
            ],
            order="start",
            limit=1,
        )
        if not meeting:
            raise UserError(self.env._("Your branch has no meeting planned to ask leave from."))
        action = meeting.action_request_leave()
        action["context"] = {
            "default_meeting_id": meeting.id,
            "default_member_id": self.member_id.id,
        }
        return action

    def action_appeal(self):
        """申诉 from the card: the appeal dialog of the open publicity."""
        self.ensure_one()
        return self.publicity_id.with_env(self.env).action_appeal()

    def action_open_inbox(self):
        return self.env["ir.actions.actions"]._for_xml_id("mail.action_discuss")
