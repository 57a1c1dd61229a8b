from collections import defaultdict
from datetime import date as Date

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare

from .party_evaluation import MAIL_FIELD_PREFIXES
from .party_labels import selection_labels
from .party_point_rule import PARTS

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# Allowed moves: state → {new state: who may make it}.
TRANSITIONS = {
    "draft": {"submitted": "claimant"},
    "submitted": {"approved": "approver", "rejected": "approver", "draft": "claimant"},
    "approved": {},
    "rejected": {},
}


class PartyPointLine(models.Model):
    """An entry of a member's points handbook: claimed or recorded, then approved."""

    _name = "party.point.line"
    _description = "Point Entry"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.evidence.mixin", "party.guard.mixin"]
    _order = "date desc, id desc"

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
        readonly=True,
        index=True,
        help="The member's branch on the date of the entry.",
    )
    general_branch_id = fields.Many2one(
        related="organization_id.general_branch_id", store=True, string="General Branch"
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    reject_reason = fields.Text(readonly=True, tracking=True)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True)
    meeting_id = fields.Many2one(
        "party.meeting",
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The meeting attended.",
    )
    is_correction = fields.Boolean(
        readonly=True, help="A correction after an appeal: the difference to the corrected entry."
    )
    can_approve = fields.Boolean(compute="_compute_can_approve")

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

    @api.depends("state", "rule_id.award_level", "organization_id")
    @api.depends_context("uid")
    def _compute_can_approve(self):
        for line in self:
            line.can_approve = line.state == "submitted" and line._user_may("approver")

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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["state"] = "draft"
        self._check_claimants(vals_list)
        self._set_organizations(vals_list)
        lines = super().create(vals_list)
        lines._check_closed_month()
        lines._check_author()
        return lines

    def write(self, vals):
        if any(not field.startswith(MAIL_FIELD_PREFIXES) for field in vals):
            self._check_closed_month()
        if "state" in vals:
            self._check_transition(vals["state"])
        elif {f for f in vals if not f.startswith(MAIL_FIELD_PREFIXES)} - {
            "reject_reason",
            "approved_by_id",
        }:
            frozen = self.filtered(lambda line: line.state != "draft")
            if frozen:
                raise UserError(
                    _(
                        "%(name)s is %(state)s and can no longer be changed.",
                        name=frozen[0].name,
                        state=frozen[0]._state_label(),
                    )
                )
        if {"member_id", "date"} & vals.keys() and len(self) > 1:
            for line in self:
                line.write(vals)
            return True
        if {"member_id", "date"} & vals.keys() and self:
            line_vals = {
                "member_id": vals.get("member_id", self.member_id.id),
                "date": vals.get("date", self.date),
            }
            self._set_organizations([line_vals])
            vals = dict(vals, organization_id=line_vals["organization_id"])
        res = super().write(vals)
        if {"member_id", "date", "rule_id", "points"} & vals.keys():
            self._check_closed_month()
            self._check_author()
        return res

    def unlink(self):
        self._check_closed_month()
        if self.filtered(lambda line: line.state not in ("draft", "rejected")):
            raise UserError(_("Submitted and approved entries cannot be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
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
        self.write({"state": "submitted"})
        self._schedule_approval()
        deductions = self.filtered(lambda line: line.part == "deduction")
        for line in deductions:
            # The member is told of a deduction recorded against them.
            line.sudo().message_post(
                body=_(
                    "A deduction of %(points)s points was recorded: %(reason)s",
                    points=line.points,
                    reason=line.description,
                ),
                partner_ids=line.member_id.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_approve(self):
        self._check_caps()
        self.write({"state": "approved", "approved_by_id": self.env.user.id})
        self._close_activities()
        self.member_id._update_points_total()
        return True

    def action_reject(self):
        for line in self:
            line._check_transition("rejected")
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Entry"),
            "res_model": "party.point.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _reject(self, reason):
        if not (reason or "").strip():
            raise UserError(_("Give the reason for rejecting."))
        self.write({"state": "rejected", "reject_reason": reason})
        self._close_activities()

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

    def _check_transition(self, new_state):
        for line in self:
            role = TRANSITIONS[line.state].get(new_state)
            if not role:
                raise UserError(
                    _(
                        "%(name)s cannot go from %(old)s to %(new)s.",
                        name=line.name,
                        old=line._state_label(),
                        new=selection_labels(self.env, self._name, "state")[new_state],
                    )
                )
            if not line._user_may(role):
                if role == "approver" and line.member_id.user_id == self.env.user:
                    raise UserError(_("You cannot approve or reject your own entry."))
                raise UserError(_("You may not do this on %(name)s.", name=line.name))

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
        months = self.env["party.period"].search(
            [
                ("kind", "=", "month"),
                ("state", "=", "closed"),
                (
                    "date_start",
                    "in",
                    list({line.date.replace(day=1) for line in self if line.date}),
                ),
            ]
        )
        if months:
            raise UserError(
                _(
                    "The month %(month)s is closed: its point entries can no longer change.",
                    month=months[0].name,
                )
            )

    def _check_caps(self):
        """Refuse approvals that would take a member past a rule's cap for the month
        or the year; one query for all the lines."""
        capped = self.filtered(lambda line: line.rule_id.cap_month or line.rule_id.cap_year)
        if not capped:
            return
        years = {line.date.year for line in capped}
        groups = self._read_group(
            [
                ("state", "=", "approved"),
                ("member_id", "in", capped.member_id.ids),
                ("rule_id", "in", capped.rule_id.ids),
                ("date", ">=", Date(min(years), 1, 1)),
                ("date", "<=", Date(max(years), 12, 31)),
            ],
            ["member_id", "rule_id", "date:month"],
            ["points:sum"],
        )
        month_total = defaultdict(float)
        year_total = defaultdict(float)
        for member, rule, month, points in groups:
            month_total[member.id, rule.id, month.year, month.month] += points
            year_total[member.id, rule.id, month.year] += points
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
    @api.model
    def _set_organizations(self, vals_list):
        """Set organization_id in each vals to the member's branch on its date
        (one query per distinct date)."""
        by_date = defaultdict(list)
        for vals in vals_list:
            if vals.get("member_id"):
                by_date[
                    fields.Date.to_date(vals.get("date") or fields.Date.context_today(self))
                ].append(vals)
        Member = self.env["party.member"]
        for day, day_vals in by_date.items():
            members = Member.browse([vals["member_id"] for vals in day_vals])
            branches = members._get_organization_on(day)
            for vals in day_vals:
                member = Member.browse(vals["member_id"])
                vals["organization_id"] = (branches.get(member.id) or member.organization_id).id

    def _schedule_approval(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_point")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        for line in self:
            level = line.rule_id.award_level
            if level == "general_branch" and not line.organization_id.sudo().general_branch_id:
                level = "committee"
            # A claimant (usually a member) may not read the member's user.
            for user in line.organization_id._level_users(level) - line.sudo().member_id.user_id:
                vals_list.append(
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": model_id,
                        "res_id": line.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "automated": True,
                    }
                )
        if vals_list:
            # The claimant (often a member) has no rights on others' activities; these
            # are the workflow's notifications for the approvers.
            self.env["mail.activity"].sudo().create(vals_list)

    def _close_activities(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_point")
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        if activities:
            activities.action_feedback()

    @api.model
    def _create_approved(self, vals_list):
        """Entries that come from a record (a meeting held, dues paid) or from an
        appeal's decision: created already approved, outside the claim workflow, and
        the members' totals updated. Approved entries are otherwise immutable, hence
        the low-level write of the state."""
        # The record's own rights were checked by its caller; the ledger is the system's.
        lines = self.sudo().create(vals_list)
        lines._write({"state": "approved", "approved_by_id": self.env.user.id})
        lines.invalidate_recordset(["state", "approved_by_id"])
        lines.member_id._update_points_total()
        return lines

    @api.model
    def _totals(self, date_from, date_to, groupby=("member_id", "part")):
        """{group key: approved points} between two dates, in one query."""
        groups = self._read_group(
            [("state", "=", "approved"), ("date", ">=", date_from), ("date", "<=", date_to)],
            list(groupby),
            ["points:sum"],
        )
        return {
            tuple(key.id if hasattr(key, "id") else key for key in group[:-1]): group[-1]
            for group in groups
        }


class PartyMember(models.Model):
    _inherit = "party.member"

    points_total = fields.Float(
        digits=(8, 1),
        readonly=True,
        aggregator="sum",
        help="Cumulative approved points (the sum of the member's approved entries).",
    )
    point_line_ids = fields.One2many("party.point.line", "member_id", string="Point Entries")
    points_month = fields.Float(
        string="Points This Month", compute="_compute_points_summary", digits=(8, 1)
    )
    points_year = fields.Float(
        string="Points This Year", compute="_compute_points_summary", digits=(8, 1)
    )
    points_year_obligation = fields.Float(
        string="Obligation This Year", compute="_compute_points_summary", digits=(8, 1)
    )
    points_year_role = fields.Float(
        string="Role This Year", compute="_compute_points_summary", digits=(8, 1)
    )
    points_year_advancement = fields.Float(
        string="Advancement This Year", compute="_compute_points_summary", digits=(8, 1)
    )
    points_year_deduction = fields.Float(
        string="Deductions This Year", compute="_compute_points_summary", digits=(8, 1)
    )
    points_rank_in_branch = fields.Integer(
        string="Rank in Branch", compute="_compute_points_summary", help="By this year's points."
    )
    points_reachable = fields.Html(
        string="Still Reachable",
        compute="_compute_points_summary",
        sanitize=False,
        help="Points still reachable this month and year under each capped rule.",
    )

    def _compute_points_summary(self):
        """This month's and year's approved points, by part, the rank in the branch
        and what the caps still allow: a few queries for any number of members."""
        Line = self.env["party.point.line"].sudo()  # totals of the member's own branch only
        today = fields.Date.context_today(self)
        year_start, month_start = today.replace(month=1, day=1), today.replace(day=1)
        year = Line._totals(year_start, today.replace(month=12, day=31), ("member_id", "part"))
        month = Line._totals(month_start, today, ("member_id",))
        branch_totals = defaultdict(float)
        for member, points in Line._read_group(
            [
                ("state", "=", "approved"),
                ("date", ">=", year_start),
                ("organization_id", "in", self.organization_id.ids),
            ],
            ["member_id"],
            ["points:sum"],
        ):
            branch_totals[member] = points
        branch_members = self.sudo().organization_id.member_ids
        capped = self.env["party.point.rule"].search(
            ["|", ("cap_month", ">", 0), ("cap_year", ">", 0)]
        )
        used = defaultdict(float)
        for member, rule, month_group, points in Line._read_group(
            [
                ("state", "=", "approved"),
                ("member_id", "in", self.ids),
                ("rule_id", "in", capped.ids),
                ("date", ">=", year_start),
            ],
            ["member_id", "rule_id", "date:month"],
            ["points:sum"],
        ):
            used[member.id, rule.id, "year"] += points
            if month_group.month == today.month:
                used[member.id, rule.id, "month"] += points
        for member in self:
            parts = {part: year.get((member.id, part), 0.0) for part, _label in PARTS}
            member.points_year_obligation = parts["obligation"]
            member.points_year_role = parts["role"]
            member.points_year_advancement = parts["advancement"]
            member.points_year_deduction = parts["deduction"]
            member.points_year = sum(parts.values())
            member.points_month = month.get((member.id,), 0.0)
            peers = sorted(
                (
                    branch_totals.get(peer, 0.0)
                    for peer in branch_members
                    if peer.organization_id == member.organization_id
                ),
                reverse=True,
            )
            mine = branch_totals.get(member, 0.0)
            member.points_rank_in_branch = peers.index(mine) + 1 if mine in peers else 0
            rows = Markup().join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    rule.name,
                    f"{max(rule.cap_month - used[member.id, rule.id, 'month'], 0):g}"
                    if rule.cap_month
                    else "–",
                    f"{max(rule.cap_year - used[member.id, rule.id, 'year'], 0):g}"
                    if rule.cap_year
                    else "–",
                )
                for rule in capped
            )
            member.points_reachable = Markup(
                '<table class="table table-sm"><thead><tr>'
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Rule"), self.env._("This month"), self.env._("This year"), rows)

    @api.model
    def _action_my_points(self):
        member = self.env.user.party_member_id
        if not member:
            raise UserError(_("Your user is not linked to a party member."))
        return {
            "type": "ir.actions.act_window",
            "name": _("My Points Summary"),
            "res_model": "party.member",
            "res_id": member.id,
            "view_mode": "form",
            "views": [(self.env.ref("party_quant.party_member_view_form_points").id, "form")],
            "target": "current",
        }

    def _update_points_total(self):
        """Recompute the cumulative points of these members from their approved entries
        (one query)."""
        if not self:
            return
        self.env["party.point.line"].flush_model(["points", "state", "member_id"])
        self.env.cr.execute(
            SQL(
                """UPDATE party_member AS member
                      SET points_total = COALESCE((SELECT SUM(line.points)
                                                     FROM party_point_line AS line
                                                    WHERE line.member_id = member.id
                                                      AND line.state = 'approved'), 0)
                    WHERE member.id IN %s""",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["points_total"])
