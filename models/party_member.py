from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_point_rule import PARTS

# Out of contact, suspended or gone: no rank among the branch's members (the counting
# table, models/party_member_status.py; the keys of party_roster.MEMBER_STATUS).
RANK_EXCLUDED = frozenset({"lost_contact", "suspended", "left"})


class PartyMember(models.Model):
    """A party member (党员). Their branch history lives in party.member.membership."""

    _name = "party.member"
    _description = "Party Member"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "organization_id, name, id"
    _rec_names_search = ["name", "employee_number"]
    # Totals and history are the system's: kept from the ledger and the transfers.
    # Committee seats are given on the organization (its officers, its checks): from
    # the member's side, a branch officer seated their member on any branch's committee.
    _system_fields = frozenset(
        {
            "committee_organization_ids",
            "points_total",
            "membership_ids",
            "point_line_ids",
            "general_branch_id",
            "branch_type_id",
        }
    )

    name = fields.Char(string="Full Name", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('kind', '=', 'branch')]",
    )
    general_branch_id = fields.Many2one(
        related="organization_id.general_branch_id", store=True, string="General Branch"
    )
    branch_type_id = fields.Many2one(
        related="organization_id.branch_type_id", store=True, string="Branch Type"
    )
    user_id = fields.Many2one(
        "res.users", ondelete="set null", tracking=True, index="btree_not_null"
    )
    state = fields.Selection(
        [("probationary", "Probationary"), ("full", "Full Member")],
        string="Status",
        required=True,
        default="probationary",
        tracking=True,
    )
    join_date = fields.Date(string="Joined the Party", tracking=True)
    full_member_date = fields.Date(string="Full Membership Date", tracking=True)
    position = fields.Char(string="Job Position", tracking=True)
    employee_number = fields.Char()
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    mobile = fields.Char()
    membership_ids = fields.One2many(
        "party.member.membership", "member_id", string="Branch History", readonly=True
    )
    committee_organization_ids = fields.Many2many(
        "party.organization",
        "party_organization_committee_member_rel",
        "member_id",
        "organization_id",
        string="Committee Seats",
        readonly=True,
    )
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)

    # Points: the system's totals of the member's approved entries.
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

    _sql_constraints = [
        ("user_uniq", "unique(user_id)", "A user can be linked to one party member only."),
    ]

    @api.constrains("organization_id")
    def _check_organization_is_branch(self):
        for member in self:
            if member.organization_id.kind != "branch":
                raise ValidationError(
                    _(
                        "%(member)s must belong to a branch, not to %(org)s.",
                        member=member.name,
                        org=member.organization_id.name,
                    )
                )

    @api.constrains("organization_id")
    def _check_officer_seats(self):
        # A member who leaves an organization cannot keep its secretary or
        # committee seat: the officer must be replaced first.
        seats = self.env["party.organization"].search(
            [
                "|",
                ("secretary_id", "in", self.ids),
                ("committee_member_ids", "in", self.ids),
            ]
        )
        for org, member in seats._seats_held_by_outsiders(self):
            raise ValidationError(
                _(
                    "%(member)s sits on the committee of %(org)s: appoint a replacement "
                    "before transferring them.",
                    member=member.name,
                    org=org.name,
                )
            )

    @api.constrains("state", "join_date", "full_member_date")
    def _check_dates(self):
        for member in self:
            if (
                member.join_date
                and member.full_member_date
                and member.full_member_date < member.join_date
            ):
                raise ValidationError(
                    _(
                        "%(member)s cannot become a full member before joining the Party.",
                        member=member.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("organization_id"):
                raise ValidationError(
                    _("%(member)s must belong to a branch.", member=vals.get("name", ""))
                )
        members = super().create(vals_list)
        today = fields.Date.context_today(self)
        # History rows are system records derived from the member's branch;
        # users do not write them directly, hence sudo.
        self.env["party.member.membership"].sudo().create(
            [
                {
                    "member_id": member.id,
                    "organization_id": member.organization_id.id,
                    "date_start": min(member.join_date or today, today),
                }
                for member in members
            ]
        )
        if any(vals.get("user_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return members

    def write(self, vals):
        moving = self.env["party.member"]
        if "organization_id" in vals:
            if not vals["organization_id"]:
                raise ValidationError(
                    _("%(member)s must belong to a branch.", member=self[:1].name)
                )
            moving = self.filtered(lambda m: m.organization_id.id != vals["organization_id"])
        res = super().write(vals)
        if moving:
            moving._record_transfer(
                self.env.context.get("party_transfer_date") or fields.Date.context_today(self),
                self.env.context.get("party_transfer_reason"),
            )
        if moving or "user_id" in vals:
            # Member-level record rules read the user's member and branch.
            self.env.registry.clear_cache()
        return res

    def _record_transfer(self, date, reason=None):
        """Close each member's open history row the day before ``date`` and
        open a new one in the member's current branch from ``date``."""
        date = self._check_transfer_date(date)
        Membership = self.env["party.member.membership"].sudo()  # system history, see create
        open_rows = Membership.search([("member_id", "in", self.ids), ("date_end", "=", False)])
        too_early = open_rows.filtered(lambda r: r.date_start > date)
        if too_early:
            raise ValidationError(
                _(
                    "%(member)s has been in %(org)s since %(date)s: a transfer cannot be "
                    "dated before that.",
                    member=too_early[0].member_id.name,
                    org=too_early[0].organization_id.name,
                    date=too_early[0].date_start,
                )
            )
        same_day = open_rows.filtered(lambda r: r.date_start == date)
        for branch, rows in same_day.grouped(lambda r: r.member_id.organization_id).items():
            rows.organization_id = branch
        (open_rows - same_day).write({"date_end": date - timedelta(days=1)})
        Membership.create(
            [
                {
                    "member_id": member.id,
                    "organization_id": member.organization_id.id,
                    "date_start": date,
                    "note": reason,
                }
                for member in self - same_day.member_id
            ]
        )

    def _check_transfer_date(self, date):
        """A user's transfer (the wizard's date, or the key a client may put in the
        context of a plain write: the same value, so the same checks) is a real date,
        not in the future and not in a closed month, whose history the close sealed.
        The system records any date (imports, the demo)."""
        try:
            day = fields.Date.to_date(date)
        except (TypeError, ValueError):
            day = None
        if not day:
            raise ValidationError(_("%(value)s is not a valid date.", value=str(date)[:50]))
        if self.env.su:
            return day
        if day > fields.Date.context_today(self):
            raise ValidationError(_("A transfer cannot be dated in the future."))
        period = self.env["party.period"]._get_period(day)
        if period.state == "closed":
            raise ValidationError(
                _(
                    "%(period)s is closed: a transfer cannot be dated in it.",
                    period=period.name,
                )
            )
        return day

    def _get_organization_on(self, date):
        """Return {member id: party.organization} giving each member's branch on
        ``date`` (one query). Before the first history row, the first branch
        counts; a member without history falls back to the current branch."""
        date = fields.Date.to_date(date)
        rows = (
            self.env["party.member.membership"]
            .sudo()  # system history; callers already hold the members
            .search_fetch(
                [
                    ("member_id", "in", self.ids),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", date),
                ],
                ["member_id", "organization_id", "date_start"],
                order="date_start asc, id asc",
            )
        )
        result = {}
        for row in rows:
            if row.date_start <= date or row.member_id.id not in result:
                result[row.member_id.id] = row.organization_id
        for member in self:
            if member.id not in result:
                result[member.id] = member.organization_id
        return {member_id: org.with_env(self.env) for member_id, org in result.items()}

    # ------------------------------------------------------------------
    # Points
    # ------------------------------------------------------------------
    def _compute_points_summary(self):
        """This month's and year's approved points, by part, the rank in the branch
        and what the caps still allow: a few queries for any number of members."""
        Line = self.env["party.point.line"].sudo()  # totals of the member's own branch only
        today = fields.Date.context_today(self)
        year_start, month_start = today.replace(month=1, day=1), today.replace(day=1)
        # From the points summary, in one query: this year's months by part of the
        # members (kind 0), and the year of their branches' members for the rank (kind 1).
        Line.flush_model(["member_id", "organization_id", "date", "part", "points", "state"])
        self.env.cr.execute(
            SQL(
                """SELECT 0, member_id, part, month, SUM(points)::float
                     FROM party_point_summary
                    WHERE member_id IN %s AND month BETWEEN %s AND %s
                    GROUP BY member_id, part, month
                   HAVING SUM(entry_count) <> 0
                   UNION ALL
                   SELECT 1, member_id, NULL, NULL, SUM(points)::float
                     FROM party_point_summary
                    WHERE organization_id IN %s AND month >= %s
                    GROUP BY member_id
                   HAVING SUM(entry_count) <> 0""",
                tuple(self.ids) or (0,),
                year_start,
                today.replace(month=12, day=31),
                tuple(self.organization_id.ids) or (0,),
                year_start,
            )
        )
        year, month = defaultdict(float), defaultdict(float)
        branch_totals = defaultdict(float)
        for kind, member_id, part, month_group, points in self.env.cr.fetchall():
            if kind:
                branch_totals[member_id] = points
                continue
            year[member_id, part] += points
            if month_group == month_start:
                month[member_id,] += points
        # The branches' active members and their status (the rank leaves out those out
        # of contact, suspended or gone), read in one query.
        branch_members = (
            self.env["party.member"]
            .sudo()
            .search_fetch(
                [("organization_id", "in", self.organization_id.ids)],
                ["organization_id", "status"],
            )
        )
        # The capped rules, read with what the table shows in one query.
        capped = self.env["party.point.rule"].search_fetch(
            ["|", ("cap_month", ">", 0), ("cap_year", ">", 0)],
            ["name", "cap_month", "cap_year"],
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
                    branch_totals.get(peer.id, 0.0)
                    for peer in branch_members
                    if peer.organization_id == member.organization_id
                    and (peer == member or (peer.status or "active") not in RANK_EXCLUDED)
                ),
                reverse=True,
            )
            mine = branch_totals.get(member.id, 0.0)
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
        (one query): the points summary's trigger does it with every change of the
        ledger (party_point_report.py); this is the repair, from ``odoo-bin shell``."""
        if not self:
            return
        # The summary follows the ledger at the flush (see party_point_report.py).
        self.env["party.point.line"].flush_model(["points", "state", "member_id"])
        self.env.cr.execute(
            SQL(
                """UPDATE party_member AS member
                      SET points_total = COALESCE((SELECT SUM(summary.points)
                                                     FROM party_point_summary AS summary
                                                    WHERE summary.member_id = member.id), 0)
                    WHERE member.id IN %s""",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["points_total"])
