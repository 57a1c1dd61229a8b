from collections import defaultdict
from datetime import date as Date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, create_index, float_compare

from .party_decision import notify_inbox
from .party_evaluation import MAIL_FIELD_PREFIXES
from .party_guard import SYSTEM
from .party_labels import company_lang, selection_labels

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# The keys of the points summary a total may group by.
SUMMARY_KEYS = {"member_id", "organization_id", "month", "part"}
# How far ahead an entry may be dated: registration is monthly, the next month at most.
FUTURE_MONTHS = 1


class PartyPointLine(models.Model):
    """An entry of a member's points handbook: claimed or recorded, then approved."""

    _name = "party.point.line"
    _description = "Point Entry"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "party.evidence.mixin",
        "party.guard.mixin",
        "party.decision.mixin",
    ]
    _order = "date desc, id desc"

    _transitions = {
        ("draft", "submitted"): "claimant",
        ("submitted", "draft"): "claimant",
        ("submitted", "approved"): "approver",
        ("submitted", "rejected"): "approver",
        # A rejected claim is fixed and submitted again by whoever claimed it.
        ("rejected", "draft"): "reviser",
        # Entries from records (a meeting held, dues paid) and appeal corrections are
        # approved by the system as they are made; a cancelled meeting withdraws its own.
        ("draft", "approved"): SYSTEM,
        ("approved", "rejected"): SYSTEM,
    }
    _system_fields = frozenset(
        {
            "name",
            "part",
            "organization_id",
            "general_branch_id",
            "approved_by_id",
            "reject_reason",
            "meeting_id",
            "is_correction",
            "corrected_line_id",
        }
    )
    # A member's own entry is approved or rejected by someone else.
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({"approved", "rejected"})
    # Fields a move of state may carry: the reason of a rejection.
    _transition_fields = {"rejected": {"reject_reason"}}

    name = fields.Char(compute="_compute_name", store=True)
    member_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.party_member_id,
    )
    rule_id = fields.Many2one("party.point.rule", required=True, tracking=True, ondelete="restrict")
    part = fields.Selection(related="rule_id.part", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    points = fields.Float(
        digits=(6, 1),
        tracking=True,
        copy=True,
        aggregator="sum",
        compute="_compute_points",
        store=True,
        readonly=False,
        precompute=True,
    )
    description = fields.Text(tracking=True, help="What was done, or the reason of a deduction.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_point_line_ir_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        compute="_compute_organization_id",
        store=True,
        precompute=True,
        index=True,
        help="The member's branch on the date of the entry.",
    )
    general_branch_id = fields.Many2one(
        related="organization_id.general_branch_id", store=True, string="General Branch"
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, tracking=True, index=True, copy=False
    )
    points_counted = fields.Float(
        string="Counted Points",
        digits=(6, 1),
        aggregator="sum",
        compute="_compute_points_counted",
        store=True,
        help="The points of an approved entry; drafts, claims waiting for approval and "
        "rejected claims count 0.",
    )
    reject_reason = fields.Text(readonly=True, tracking=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False)
    meeting_id = fields.Many2one(
        "party.meeting",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="The meeting attended.",
    )
    is_correction = fields.Boolean(
        readonly=True,
        copy=False,
        help="A correction after an appeal: the difference to the corrected entry.",
    )
    corrected_line_id = fields.Many2one(
        "party.point.line",
        string="Corrected Entry",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The entry this correction changes.",
    )
    can_approve = fields.Boolean(compute="_compute_can_approve")
    can_revise = fields.Boolean(
        compute="_compute_can_revise",
        help="The user may fix this rejected claim and submit it again, or withdraw it.",
    )
    can_withdraw = fields.Boolean(compute="_compute_can_revise")
    awarded_by = fields.Char(
        string="Awarded by",
        compute="_compute_awarded_by",
        help="Who approved the entry, or the record that awarded its points.",
    )
    user_is_officer = fields.Boolean(compute="_compute_user_is_officer")
    rule_evidence_required = fields.Boolean(related="rule_id.evidence_required")
    appeal_publicity_id = fields.Many2one(
        "party.point.publicity",
        string="Publicity to Appeal in",
        compute="_compute_appeal_publicity_id",
        help="The open publicity of the entry's month, while the member may appeal it.",
    )

    @api.depends("member_id.name", "rule_id.name", "date")
    def _compute_name(self):
        for line in self:
            line.name = " · ".join(
                str(part) for part in (line.member_id.name, line.rule_id.name, line.date) if part
            )

    @api.depends("rule_id")
    def _compute_points(self):
        for line in self:
            line.points = line.rule_id.points

    @api.depends("state", "points")
    def _compute_points_counted(self):
        for line in self:
            line.points_counted = line.points if line.state == "approved" else 0.0

    @api.depends("member_id", "date")
    def _compute_organization_id(self):
        """The member's branch on the entry's date (one query per distinct date)."""
        today = fields.Date.context_today(self)
        by_date = defaultdict(lambda: self.browse())
        for line in self:
            by_date[line.date or today] |= line
        for day, lines in by_date.items():
            members = lines.member_id
            # The member's history is the system's; the branch of an entry is a fact.
            branches = members.sudo()._get_organization_on(day)
            for line in lines:
                member = line.member_id
                line.organization_id = branches.get(member.id) or member.organization_id

    @api.depends("state", "rule_id.award_level", "organization_id")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        for line in self:
            line.can_approve = line.state == "submitted" and line._user_may("approver")

    @api.depends("state", "meeting_id", "is_correction", "member_id", "organization_id")
    @api.depends_context("uid")
    def _compute_can_revise(self):
        for line in self:
            line.can_revise = line.state == "rejected" and line._may_reviser()
            line.can_withdraw = line.state in ("draft", "rejected") and line._may_reviser()

    @api.depends("approved_by_id", "meeting_id", "is_correction", "rule_id.source", "state")
    @api.depends_context("lang")
    def _compute_awarded_by(self):
        """The approver of a claim; for an entry the system awarded, the record it
        came from (会议记录 / 党费记录 / 申诉更正), never the system's own user."""
        for line in self:
            if line.state != "approved":
                line.awarded_by = False
            elif line.meeting_id:
                line.awarded_by = self.env._(
                    "Meeting record: %(meeting)s", meeting=line.meeting_id.name
                )
            elif line.is_correction:
                line.awarded_by = self.env._("Correction after an appeal")
            elif line.rule_id.source == "dues":
                line.awarded_by = self.env._("Dues record")
            elif line.approved_by_id and not line.approved_by_id._is_superuser():
                line.awarded_by = line.approved_by_id.name
            else:
                line.awarded_by = self.env._("Recorded by the system")

    # member_id: a new record's form starts every field of its onchange at False and
    # recomputes only what depends on a field with a default; without it, an officer
    # could not choose the member or see the deduction rules before saving.
    @api.depends("member_id")
    @api.depends_context("uid")
    def _compute_user_is_officer(self):
        officer = self.env.user.has_group("party_quant.group_party_branch")
        for line in self:
            line.user_is_officer = officer

    @api.depends("state", "organization_id", "date", "member_id")
    @api.depends_context("uid")
    def _compute_appeal_publicity_id(self):
        """One search for all the lines: the published, still open publicity of each
        own approved line's branch and month, unless the line is already appealed."""
        own = self.filtered(
            lambda line: line.state == "approved"
            and not line.is_correction
            and line.member_id.user_id == self.env.user
        )
        self.appeal_publicity_id = False
        if not own:
            return
        today = fields.Date.context_today(self)
        # The member reads their branch's publicity; searched once for all lines.
        publicities = self.env["party.point.publicity"].search(
            [
                ("organization_id", "in", own.organization_id.ids),
                ("state", "=", "published"),
                ("window_end", ">=", today),
                ("period_start", "<=", max(own.mapped("date"))),
            ]
        )
        by_month = {(p.organization_id.id, p.period_start): p for p in publicities}
        appealed = set(
            self.env["party.point.appeal"]
            .search([("point_line_id", "in", own.ids), ("state", "=", "open")])
            .point_line_id.ids
        )
        for line in own:
            if line.id not in appealed:
                line.appeal_publicity_id = by_month.get(
                    (line.organization_id.id, line.date.replace(day=1))
                )

    @api.constrains("points", "rule_id")
    def _check_points(self):
        for line in self.filtered(lambda line: not line.is_correction):
            low, high = line.rule_id._range()
            if float_compare(line.points, low, 1) < 0 or float_compare(line.points, high, 1) > 0:
                raise ValidationError(
                    _(
                        "%(rule)s gives between %(low)s and %(high)s points; "
                        "%(points)s was entered.",
                        rule=line.rule_id.name,
                        low=low,
                        high=high,
                        points=line.points,
                    )
                )

    def init(self):
        # A branch officer's list: the branch rule and the default order, one index.
        create_index(
            self.env.cr,
            "party_point_line_organization_date_idx",
            self._table,
            ["organization_id", "date DESC", "id DESC"],
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # Bad dates and ids answer in the user's language before they are used.
            self._check_values(vals)
        if not self.env.su:
            self._check_dates_ahead(vals.get("date") for vals in vals_list)
        self._check_claimants(vals_list)
        lines = super().create(vals_list)
        lines._check_closed_month()
        lines._check_author()
        lines._own_entries_outside_scope()
        return lines

    def write(self, vals):
        self._check_values(vals)
        business = {name for name in vals if not name.startswith(MAIL_FIELD_PREFIXES)}
        if business:
            self._check_closed_month()
        if "state" in vals:
            # A move of state changes nothing else of the entry.
            extra = business - {"state"} - self._transition_fields.get(vals["state"], set())
            if extra:
                raise UserError(
                    _(
                        "A change of state changes nothing else; save these first: %(fields)s.",
                        fields=", ".join(
                            sorted(
                                self._fields[name]._description_string(self.env) for name in extra
                            )
                        ),
                    )
                )
        elif business:
            frozen = self.filtered(lambda line: line.state != "draft")
            if frozen:
                raise UserError(
                    _(
                        "%(name)s is %(state)s and can no longer be changed.",
                        name=frozen[0].name,
                        state=frozen[0]._state_label(),
                    )
                )
        if "date" in vals and not self.env.su:
            self._check_dates_ahead([vals["date"]])
        res = super().write(vals)
        if {"member_id", "date", "rule_id", "points"} & vals.keys():
            self._check_closed_month()
            self._check_author()
        if {"member_id", "date"} & vals.keys():
            self._own_entries_outside_scope()
        return res

    def _own_entries_outside_scope(self):
        """An entry of an officer's own member record outside the officer's scope (a
        branch they belonged to, or joined, without managing it): the members' read
        rule opens it to them (res.users._party_point_members), whose domain the
        registry caches: cleared (rare: officers are members of the branches they
        manage). Whose record it is decides, whoever writes (hence sudo). Not cleared
        when the member had an entry outside the scope already: the rule holds them (an
        officer who belongs to a branch they do not manage would otherwise empty every
        worker's caches with each of their claims)."""
        users = self.sudo().member_id.user_id.filtered("party_organization_ids")
        for line in self.sudo().filtered(lambda line: line.member_id.user_id in users):
            scope = line.member_id.user_id.party_scope_ids
            if line.organization_id in scope:
                continue
            self.flush_model(["member_id", "organization_id"])
            self.env.cr.execute(
                SQL(
                    """SELECT 1 FROM party_point_line
                        WHERE member_id = %s AND id != ALL(%s)
                          AND (organization_id IS NULL OR organization_id != ALL(%s))
                        LIMIT 1""",
                    line.member_id.id,
                    self.ids,
                    scope.ids,
                )
            )
            if not self.env.cr.fetchone():
                self.env.registry.clear_cache()
                return

    def unlink(self):
        self._check_closed_month()
        if self.filtered(lambda line: line.state not in ("draft", "rejected")):
            raise UserError(_("Submitted and approved entries cannot be deleted."))
        if not self.env.su and self.filtered(lambda line: line.meeting_id or line.is_correction):
            raise UserError(
                _("Entries from a meeting record or an appeal are the system's: they stay.")
            )
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.write({"state": "submitted"})
        return True

    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_reject(self):
        for line in self:
            who = self._transitions.get((line.state, "rejected"))
            if who != "approver" or not line._user_may("approver"):
                line._refuse_move("rejected")
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Entry"),
            "res_model": "party.point.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_revise(self):
        """修改后重新提交: a rejected claim back to draft, to be fixed and submitted
        again; the reason of the rejection stays on the form."""
        self.write({"state": "draft"})
        return True

    def action_withdraw(self):
        """撤回: a draft or rejected claim is withdrawn (deleted), back to the list."""
        for line in self:
            if line.state not in ("draft", "rejected") or not line._may_reviser():
                raise UserError(
                    _(
                        "%(name)s is %(state)s: only your own draft or rejected claims can be "
                        "withdrawn.",
                        name=line.name,
                        state=line._state_label(),
                    )
                )
        self.unlink()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_point_line_action_mine"
        )

    def _reject(self, reason):
        self.write({"state": "rejected", "reject_reason": reason})

    def action_appeal(self):
        """申诉: the appeal of this entry in a dialog (submit or cancel), while the
        publicity of its month is open."""
        self.ensure_one()
        if not self.appeal_publicity_id:
            raise UserError(_("This entry cannot be appealed: no publicity of its month is open."))
        return self.appeal_publicity_id._appeal_action(self)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _may_claimant(self):
        return self._user_may("claimant")

    def _may_reviser(self):
        """Whoever may claim the entry fixes or withdraws it, unless it came from a
        record (a meeting, an appeal): those are the system's."""
        self.ensure_one()
        return not (self.meeting_id or self.is_correction) and self._user_may("claimant")

    def _may_approver(self):
        return self._user_may("approver")

    def _check_system_fields(self, vals):
        # The reason of a rejection is written with the move to rejected, never alone.
        allowed = self._transition_fields.get(vals.get("state"), set())
        return super()._check_system_fields(
            {name: value for name, value in vals.items() if name not in allowed}
        )

    def _check_transition(self, new_state, vals):
        """The table, then what each move needs: evidence to submit; caps (under a lock
        on the members) to approve, the approver being the system's to record; a reason
        to reject."""
        res = super()._check_transition(new_state, vals)
        if new_state == "submitted":
            missing = self.filtered(
                lambda line: line.rule_id.evidence_required and not line.attachment_ids
            )
            if missing:
                raise UserError(
                    _(
                        "%(rule)s requires evidence: attach a photo or a file.",
                        rule=missing[0].rule_id.name,
                    )
                )
        elif new_state == "approved":
            self._check_caps()
            # Set by the system with the move, in the same UPDATE: whoever approves.
            vals["approved_by_id"] = self.env.uid
        elif new_state == "rejected" and not (vals.get("reject_reason") or "").strip():
            raise UserError(_("Give the reason for rejecting."))
        return res

    def _after_transition(self, moved_from, vals):
        new_state = vals["state"]
        # The members read before the requests are removed (an unlink empties the
        # whole cache: they would be read again).
        members = self.sudo().member_id
        if new_state == "submitted":
            self._schedule_approval()
            # The member is told of a deduction recorded against them.
            self.filtered(lambda line: line.part == "deduction")._notify_member("deduction")
        else:
            self._close_activities()
            if new_state in ("approved", "rejected"):
                # The member is told of the decision on what they claimed, or was
                # recorded for them (not of the system's own entries).
                self.filtered(lambda line: moved_from.get(line.id) == "submitted")._notify_member(
                    new_state
                )
        if new_state == "approved" or "approved" in moved_from.values():
            # The totals are the system's, from every approved entry of the members:
            # the summary's trigger recomputes them in the statement that writes the
            # entries (see party_point_report.py), written now, then read afresh.
            self.flush_recordset()
            members.invalidate_recordset(["points_total"])

    def _notify_member(self, event):
        """A message in the member's Discuss inbox (in their language) on each line:
        ``event`` is approved, rejected or deduction. Set-based: one message per line
        and one inbox notification each, created in two batches whatever the number of
        lines; in the inbox whatever the member's notification preference, like the
        background jobs' results (nothing to send by e-mail within the approval). No live
        bus message: Odoo formats one per message and user, a query set per line; the
        member sees it in the inbox and its counter at their next page load."""
        # The officer may not read the member's user; the member is told anyway.
        # The members' users and the author's (the message's sender), read in one
        # query; then their partners (the members' language) in one.
        (self.sudo().member_id.user_id | self.env.user).fetch(["partner_id"])
        lines = self.sudo().filtered(lambda line: line.member_id.user_id.partner_id)
        if not lines:
            return
        (lines.member_id.user_id.partner_id | self.env.user.partner_id).fetch(
            ["lang", "name", "email"]
        )
        bodies, partners = {}, {}
        for line in lines:
            partner = line.member_id.user_id.partner_id
            env = line.with_context(lang=partner.lang or company_lang(self.env)).env
            values = {
                "rule": line.rule_id.with_env(env).name,
                "points": f"{line.points:g}",
                "date": line.date,
                "reason": line.reject_reason or line.description or "",
            }
            bodies[line.id] = {
                "approved": env._(
                    "Your entry “%(rule)s” of %(date)s is approved: %(points)s points.", **values
                ),
                "rejected": env._(
                    "Your entry “%(rule)s” of %(date)s is rejected: %(reason)s", **values
                ),
                "deduction": env._(
                    "A deduction of %(points)s points was recorded: %(reason)s", **values
                ),
            }[event]
            partners[line.id] = partner.id
        notify_inbox(lines, bodies, partners)

    def _refuse_move(self, new_state):
        raise UserError(
            _(
                "You may not move %(name)s from %(old)s to %(new)s.",
                name=self.display_name,
                old=self._guard_state_label(self.state),
                new=self._guard_state_label(new_state),
            )
        )

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _state_label(self):
        return selection_labels(self.env, self._name, "state")[self.state]

    def _user_may(self, role):
        """Whether the current user may act as ``role`` (claimant or approver) on the line."""
        self.ensure_one()
        if self.env.su:
            return True
        branch = self.organization_id
        if role == "claimant":
            if self.part == "deduction":
                return branch._user_acts_as("branch") or self._user_is_above_branch()
            return self.member_id.user_id == self.env.user or branch._user_acts_as("branch")
        if (
            self.member_id.user_id == self.env.user
            or self.create_uid == self.env.user
            and self.part != "deduction"
        ):
            return False
        level = self.rule_id.award_level
        if level == "branch" and self._user_is_above_branch():
            return True
        if level == "general_branch" and not self.organization_id.general_branch_id:
            level = "committee"
        return branch._user_acts_as(level) or (
            level == "general_branch" and branch._user_acts_as("committee")
        )

    def _user_is_above_branch(self):
        branch = self.organization_id
        return branch._user_acts_as("general_branch") or branch._user_acts_as("committee")

    @api.model
    def _check_claimants(self, vals_list):
        """Before anything is written: a member who is not an officer claims only for
        themself, and never a deduction."""
        if self.env.su or self.env.user.has_group("party_quant.group_party_branch"):
            return
        rules = self.env["party.point.rule"].browse(
            [v.get("rule_id") for v in vals_list if v.get("rule_id")]
        )
        own = self.env.user.party_member_id
        for vals in vals_list:
            if rules.browse(vals.get("rule_id")).part == "deduction":
                raise UserError(_("Only officers record deductions."))
            if vals.get("member_id") != own.id:
                raise UserError(_("You can only claim points for yourself."))

    @api.model
    def _check_dates_ahead(self, dates):
        """Entries are registered monthly: none dated past the end of next month."""
        today = fields.Date.context_today(self)
        limit = fields.Date.end_of(today + relativedelta(months=FUTURE_MONTHS), "month")
        for day in dates:
            if day and fields.Date.to_date(day) > limit:
                raise UserError(
                    _(
                        "An entry cannot be dated %(date)s: entries are registered up to "
                        "%(limit)s.",
                        date=fields.Date.to_date(day),
                        limit=limit,
                    )
                )

    def _check_author(self):
        """Members claim for themselves; deductions are recorded by officers with a reason."""
        for line in self:
            if line.part == "deduction" and not (line.description or "").strip():
                raise ValidationError(_("A deduction needs its reason in the description."))
            if not line._user_may("claimant"):
                if line.part == "deduction":
                    raise UserError(_("Only officers record deductions."))
                raise UserError(_("You can only claim points for yourself."))

    def _check_closed_month(self):
        if not self:
            return
        # The closed months are cached by the registry: no query while none is closed.
        closed = self.env["party.period"]._closed_month_starts() & {
            line.date.replace(day=1) for line in self if line.date
        }
        if closed:
            # The month's name for the message: periods are the company's calendar.
            months = (
                self.env["party.period"]
                .sudo()
                .search([("kind", "=", "month"), ("date_start", "in", sorted(closed))])
            )
            raise UserError(
                _(
                    "The month %(month)s is closed: its point entries can no longer change.",
                    month=months[0].name,
                )
            )

    def _check_caps(self):
        """Refuse approvals that would take a member past a rule's cap for the month
        or the year; one query for all the lines: the members' rows locked, then their
        approved points by rule and month. The lock holds until the transaction ends,
        before their entries are counted against the caps: a parallel approval for the
        same member waits there, and under the database's repeatable-read snapshots one
        that committed in the meantime makes this fail with a serialization error, which
        Odoo retries with fresh data. One row per member covers each month and the year
        of every cap."""
        capped = self.filtered(lambda line: line.rule_id.cap_month or line.rule_id.cap_year)
        if not capped:
            return
        years = {line.date.year for line in capped}
        # Every approved entry of the member counts, whatever the approver may read:
        # after a transfer, those approved in the old branch too. The members are the
        # outer side of the join, so that every one of them is locked whatever matches.
        self.flush_model(["state", "member_id", "rule_id", "date", "points"])
        self.env.cr.execute(
            SQL(
                """WITH locked AS MATERIALIZED (
                        SELECT id FROM party_member WHERE id IN %s ORDER BY id
                           FOR NO KEY UPDATE)
                   SELECT locked.id, sums.rule_id, sums.month, sums.points
                     FROM locked
                     JOIN LATERAL (
                          SELECT line.rule_id, date_trunc('month', line.date)::date AS month,
                                 SUM(line.points)::float AS points
                            FROM party_point_line AS line
                           WHERE line.member_id = locked.id
                             AND line.state = 'approved'
                             AND line.rule_id IN %s
                             AND line.date BETWEEN %s AND %s
                           GROUP BY 1, 2) AS sums ON TRUE""",
                tuple(capped.member_id.ids),
                tuple(capped.rule_id.ids),
                Date(min(years), 1, 1),
                Date(max(years), 12, 31),
            )
        )
        groups = self.env.cr.fetchall()
        month_total = defaultdict(float)
        year_total = defaultdict(float)
        for member_id, rule_id, month, points in groups:
            month_total[member_id, rule_id, month.year, month.month] += points
            year_total[member_id, rule_id, month.year] += points
        for line in capped.sorted("date"):
            rule = line.rule_id
            month_key = (line.member_id.id, rule.id, line.date.year, line.date.month)
            year_key = (line.member_id.id, rule.id, line.date.year)
            for cap, totals, key, label in (
                (rule.cap_month, month_total, month_key, _("month")),
                (rule.cap_year, year_total, year_key, _("year")),
            ):
                if cap and float_compare(totals[key] + line.points, cap, 1) > 0:
                    raise UserError(
                        _(
                            "%(member)s would pass the cap of %(cap)s points per %(span)s of "
                            "“%(rule)s” (%(total)s already approved).",
                            member=line.member_id.name,
                            cap=cap,
                            span=label,
                            rule=rule.name,
                            total=totals[key],
                        )
                    )
            month_total[month_key] += line.points
            year_total[year_key] += line.points

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _schedule_approval(self):
        def approvers(line):
            level = line.rule_id.award_level
            if level == "general_branch" and not line.organization_id.sudo().general_branch_id:
                level = "committee"
            # A claimant (usually a member) may not read the member's user.
            return line.organization_id._level_users(level) - line.sudo().member_id.user_id

        self._decision_todo("party_quant.mail_activity_type_point", approvers)

    def _close_activities(self):
        self._decision_done("party_quant.mail_activity_type_point")

    @api.model
    def _create_approved(self, vals_list):
        """Entries that come from a record (a meeting held, dues paid) or from an
        appeal's decision: created and approved by the system (draft → approved, a
        system move of the table), so caps, approver and totals follow as for any
        approval. The caller has checked the user's right on the record."""
        # The ledger's system fields (meeting, correction) and the system's move.
        lines = self.sudo().create(vals_list)
        lines.write({"state": "approved"})
        return lines.with_env(self.env)

    @api.model
    def _totals(self, date_from, date_to, groupby=("member_id", "part")):
        """{group key: approved points} between two dates, in one query: the system's
        figures, from the points summary when the dates take whole months (every
        approved entry counts, whoever asks); from the ledger, under the user's rules,
        otherwise."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        whole_months = date_from.day == 1 and date_to == fields.Date.end_of(date_to, "month")
        if self.env.su and whole_months and set(groupby) <= SUMMARY_KEYS:
            return {
                key[:-2]: key[-2]
                for key in self._summary_sums(
                    SQL("month BETWEEN %s AND %s", date_from, date_to), groupby
                )
            }
        groups = self._read_group(
            [("state", "=", "approved"), ("date", ">=", date_from), ("date", "<=", date_to)],
            list(groupby),
            ["points:sum"],
        )
        return {
            tuple(key.id if hasattr(key, "id") else key for key in group[:-1]): group[-1]
            for group in groups
        }

    @api.model
    def _summary_sums(self, where, groupby):
        """Rows of (*groupby, points, entries) of the points summary (see
        party_point_report.py) under the SQL condition ``where``: one query. The
        summary follows the ledger at each flush, hence the flush first."""
        self.flush_model(["member_id", "organization_id", "date", "part", "points", "state"])
        columns = [SQL.identifier(name) for name in groupby]
        self.env.cr.execute(
            SQL(
                """SELECT %s, SUM(points)::float, SUM(entry_count)::int
                     FROM party_point_summary
                    WHERE %s
                    GROUP BY %s
                   HAVING SUM(entry_count) <> 0""",
                SQL(", ").join(columns),
                where,
                SQL(", ").join(columns),
            )
        )
        return self.env.cr.fetchall()
