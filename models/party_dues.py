import logging

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare

from . import party_job, party_member  # noqa: F401  (defined before they are extended here)
from .party_dues_tier import DUES_CATEGORIES
from .party_guard import RECORDED
from .party_labels import system_env
from .party_member_status import DUES_EXCLUDED

_logger = logging.getLogger(__name__)

# Consecutive unpaid months at which the secretary is warned; at the last the member
# is flagged (党章 Art. 9: six months without dues, without good reason).
ARREARS_WARNINGS = (3, 5)
ARREARS_LAPSE = 6
# The highest after-tax monthly income a dues base may have (a typo past it).
DUES_BASE_LIMIT = 10_000_000


def _money(amount):
    """An amount as the messages show it: two decimals."""
    return f"{amount:.2f}"


class PartyDues(models.Model):
    """A member's party dues (党费) for a month: due, paid, and when. Paying in full
    by the end of the month earns the dues rule's points."""

    _name = "party.dues"
    _description = "Party Dues"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "month desc, member_id"

    # Derived from the amounts, or set when the points are awarded.
    _system_fields = frozenset({"organization_id", "state", "arrears", "point_line_id"})
    # A member's own dues (amount, payment) are recorded by someone else.
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({RECORDED})

    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="restrict")
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Branch"
    )
    month = fields.Date(
        required=True, index=True, help="Any day of the month; stored as its first day."
    )
    amount_due = fields.Float(
        digits=(10, 2),
        required=True,
        tracking=True,
        help="The tier table's amount for the member's category and base; only the "
        "committee changes it, giving a reason.",
    )
    amount_reason = fields.Char(
        string="Reason for the Amount",
        help="Why the committee set an amount other than the tier table's (logged).",
    )
    amount_paid = fields.Float(digits=(10, 2), tracking=True)
    paid_date = fields.Date(tracking=True)
    state = fields.Selection(
        [("due", "Due"), ("on_time", "Paid on Time"), ("late", "Paid Late")],
        compute="_compute_state",
        store=True,
    )
    arrears = fields.Float(compute="_compute_state", store=True, digits=(10, 2), aggregator="sum")
    point_line_id = fields.Many2one("party.point.line", readonly=True, string="Points")
    # Owed (欠缴) only once the month is over: the dues of a month are due by its end,
    # so on the 3rd this month's dues are "to pay", not arrears.
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="Not paid in full and the month is over.",
    )

    _sql_constraints = [
        (
            "member_month_uniq",
            "unique(member_id, month)",
            "A member has one dues record per month.",
        ),
    ]

    @api.depends("amount_due", "amount_paid", "paid_date", "month")
    def _compute_state(self):
        for dues in self:
            dues.arrears = max(dues.amount_due - dues.amount_paid, 0.0)
            if dues.arrears > 0.005 or not dues.paid_date:
                dues.state = "due"
            elif dues.month and dues.paid_date <= fields.Date.end_of(dues.month, "month"):
                dues.state = "on_time"
            else:
                dues.state = "late"

    @api.depends("state", "month")
    @api.depends_context("tz")
    def _compute_overdue(self):
        this_month = fields.Date.context_today(self).replace(day=1)
        for dues in self:
            dues.overdue = dues.state == "due" and bool(dues.month) and dues.month < this_month

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Overdue dues are searched with = or != and true or false."))
        domain = self._overdue_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _overdue_domain(self):
        """The dues owed (欠缴): not paid in full, of a month that is over."""
        this_month = fields.Date.context_today(self).replace(day=1)
        return ["&", ("state", "=", "due"), ("month", "<", this_month)]

    @api.constrains("paid_date", "amount_paid", "amount_due", "month")
    def _check_paid(self):
        today = fields.Date.context_today(self)
        for dues in self:
            if dues.amount_due <= 0:
                raise ValidationError(
                    _("The dues of %(member)s must be more than 0.", member=dues.member_id.name)
                )
            if dues.amount_paid < 0:
                raise ValidationError(_("Amounts cannot be negative."))
            if dues.month > today:
                raise ValidationError(
                    _(
                        "The month %(month)s has not started: no dues are recorded for it yet.",
                        month=dues.month.strftime("%Y-%m"),
                    )
                )
            if dues.paid_date and dues.paid_date > today:
                raise ValidationError(
                    _("%(member)s cannot have paid in the future.", member=dues.member_id.name)
                )
            if dues.amount_paid and not dues.paid_date:
                raise ValidationError(
                    _("Give the date %(member)s paid.", member=dues.member_id.name)
                )

    @api.onchange("member_id")
    def _onchange_member_id(self):
        if self.member_id and self.member_id.dues_amount:
            self.amount_due = self.member_id.dues_amount

    @api.model_create_multi
    def create(self, vals_list):
        self._check_amounts_from_tiers(vals_list)
        records = super().create(vals_list)
        changed = records.filtered("amount_reason")
        if changed:
            changed._log_amount_change({dues.id: 0.0 for dues in changed})
        records._award_points()
        if records:
            records.member_id._update_dues_arrears()
        return records

    def write(self, vals):
        if (
            self.filtered("point_line_id")
            and {"amount_due", "amount_paid", "paid_date", "month", "member_id"} & vals.keys()
        ):
            raise UserError(_("Dues that earned points can no longer change."))
        old_amounts = {}
        if "amount_due" in vals:
            if not self.env.su:
                self._check_amount_change(vals)
            old_amounts = {dues.id: dues.amount_due for dues in self}
        res = super().write(vals)
        if old_amounts:
            self.filtered(
                lambda d: float_compare(d.amount_due, old_amounts[d.id], precision_digits=2)
            )._log_amount_change(old_amounts)
        self._award_points()
        if self and {"amount_due", "amount_paid", "paid_date", "month", "member_id"} & vals.keys():
            self.member_id._update_dues_arrears()
        return res

    def _guard_prepare_values(self, vals):
        # The month is stored as its first day (the guard checked the date).
        if vals.get("month"):
            vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)

    # ------------------------------------------------------------------
    # The amount due: the tiers', or the committee's with a reason
    # ------------------------------------------------------------------
    def _is_dues_authority(self):
        """Who may set an amount other than the tiers' or a member's base and category:
        the committee (党委/党建部). HR is a read-only group (no write right on party
        models): it changes them through the committee."""
        user = self.env.user
        return user.has_group("party_quant.group_party_committee") or user.has_group(
            "party_quant.group_party_hr"
        )

    @api.model
    def _check_amounts_from_tiers(self, vals_list):
        """A user's new dues: the amount is the tier table's for the member's category
        and base (filled in when left out); another amount is the committee's, with a
        reason."""
        # The tiers' amounts, whoever reads them (a member's base is read by the
        # branch's officers already; the check is the system's).
        members = (
            self.env["party.member"]
            .sudo()
            .browse([vals["member_id"] for vals in vals_list if vals.get("member_id")])
        )
        tiers = dict(zip(members.ids, members.mapped("dues_amount"), strict=True))
        for vals in vals_list:
            tier = tiers.get(vals.get("member_id"), 0.0)
            if "amount_due" not in vals:
                if not tier:
                    # No amount to fill in: a message, not the database's NOT NULL.
                    raise UserError(
                        _(
                            "The member has no dues category and base yet, so the tiers "
                            "give no amount: the committee sets them on the member first."
                        )
                    )
                vals["amount_due"] = tier
                continue
            if self.env.su:
                # The system's amounts (imports by the administrator, the demo).
                continue
            amount = vals.get("amount_due") or 0.0
            if isinstance(amount, int | float) and not float_compare(
                amount, tier, precision_digits=2
            ):
                vals.pop("amount_reason", None)
                continue
            self._check_amount_authority(vals, tier)

    def _check_amount_change(self, vals):
        tiers = {dues.id: dues.member_id.dues_amount for dues in self}
        for dues in self:
            amount = vals["amount_due"]
            if isinstance(amount, int | float) and not float_compare(
                amount, tiers[dues.id], precision_digits=2
            ):
                continue
            self._check_amount_authority(vals, tiers[dues.id])

    @api.model
    def _check_amount_authority(self, vals, tier):
        # Formatted outside the messages: the term extraction reads their arguments.
        tier = _money(tier)
        if not self._is_dues_authority():
            raise UserError(
                _(
                    "The dues are the tier table's amount for the member's category and base "
                    "(%(tier)s 元): only the committee sets another amount, giving a reason.",
                    tier=tier,
                )
            )
        if not (vals.get("amount_reason") or "").strip():
            raise UserError(
                _(
                    "Give the reason for an amount other than the tier table's (%(tier)s 元).",
                    tier=tier,
                )
            )

    def _log_amount_change(self, old_amounts):
        """The chatter keeps who changed an amount, from what, to what and why."""
        for dues in self:
            old, new = _money(old_amounts.get(dues.id, 0.0)), _money(dues.amount_due)
            tier = _money(dues.member_id.dues_amount)
            dues.message_post(
                body=_(
                    "Amount due set by %(user)s from %(old)s to %(new)s 元 (tier table: "
                    "%(tier)s 元). Reason: %(reason)s",
                    user=self.env.user.name,
                    old=old,
                    new=new,
                    tier=tier,
                    reason=dues.amount_reason or "-",
                )
            )

    # ------------------------------------------------------------------
    # Monthly generation from the tiers
    # ------------------------------------------------------------------
    @api.model
    def _generation_scope(self):
        """The SQL condition on the members (alias m) whose dues the current user
        generates: everyone for the committee and the system, the officer's scope
        otherwise."""
        if self.env.su or self.env.user.has_group("party_quant.group_party_committee"):
            return SQL("TRUE")
        scope = self.env.user.party_scope_ids.ids
        return SQL("m.organization_id IN %s", tuple(scope or [0]))

    @api.model
    def _check_generation_month(self, month):
        month = fields.Date.to_date(month).replace(day=1)
        if month > fields.Date.context_today(self):
            raise UserError(
                _(
                    "The month %(month)s has not started: no dues are recorded for it yet.",
                    month=month.strftime("%Y-%m"),
                )
            )
        return month

    @api.model
    def _generate_month(self, month):
        """Create the month's dues of every active member in the user's scope from their
        category and base by the tiers, in one statement (members who have theirs
        already, members whose dues come to 0 — no base entered —, members out of
        contact, suspended or gone on the month's first day (``DUES_EXCLUDED``) and
        months up to a transferred-in member's 党费交至 are left out);
        then count the arrears. Returns the number created."""
        self.check_access("create")
        month = self._check_generation_month(month)
        end = month + relativedelta(months=1, days=-1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO party_dues (member_id, organization_id, month, amount_due,
                                        amount_paid, arrears, state, create_uid, create_date,
                                        write_uid, write_date)
                SELECT m.id, m.organization_id, %(month)s, amount.due, 0, amount.due, 'due',
                       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM party_member m
                  JOIN LATERAL (
                        SELECT CASE WHEN t.fixed_amount > 0 THEN t.fixed_amount
                                    ELSE ROUND(COALESCE(m.dues_base, 0) * t.rate / 100, 2)
                               END AS due
                          FROM party_dues_tier t
                         WHERE t.active AND t.category = COALESCE(m.dues_category, 'employed')
                           AND (COALESCE(t.lower_bound, 0) = 0
                                OR COALESCE(m.dues_base, 0) > t.lower_bound)
                           AND (COALESCE(t.upper_bound, 0) = 0
                                OR COALESCE(m.dues_base, 0) <= t.upper_bound)
                         ORDER BY t.lower_bound
                         LIMIT 1) amount ON amount.due > 0
                 WHERE m.active AND (m.join_date IS NULL OR m.join_date <= %(end)s)
                   AND (m.dues_paid_to IS NULL OR m.dues_paid_to < %(month)s)
                   AND NOT (COALESCE(m.status, 'active') IN %(excluded)s
                            AND NOT EXISTS (SELECT 1 FROM party_member_status h
                                             WHERE h.member_id = m.id))
                   AND NOT EXISTS (
                        SELECT 1 FROM party_member_status s
                         WHERE s.member_id = m.id AND s.status IN %(excluded)s
                           AND s.date_start <= %(month)s
                           AND (s.date_end IS NULL OR s.date_end >= %(month)s))
                   AND %(scope)s
                ON CONFLICT (member_id, month) DO NOTHING
                """,
                month=month,
                end=end,
                uid=self.env.uid,
                excluded=tuple(sorted(DUES_EXCLUDED)),
                scope=self._generation_scope(),
            )
        )
        created = self.env.cr.rowcount
        self.invalidate_model()
        self.env["party.member"]._update_dues_arrears()
        return created

    @api.model
    def action_generate_month(self):
        """The dues list's *Generate This Month's Dues*: at once, or as a background job
        above the size setting (in members)."""
        self.check_access("create")
        month = fields.Date.context_today(self).replace(day=1)
        Job = self.env["party.job"]
        domain = [("active", "=", True)]
        if not self.env.user.has_group("party_quant.group_party_committee"):
            domain.append(("organization_id", "in", self.env.user.party_scope_ids.ids))
        size = self.env["party.member"].search_count(domain)
        if size > Job._background_size():
            job = Job._enqueue("dues", _("Party Dues of %(month)s", month=month.strftime("%Y-%m")))
            # The month of the job is the system's record of what was asked.
            self.env["party.job"].sudo().browse(job["res_id"]).dues_month = month
            return job
        created = self._generate_month(month)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s dues records of %(month)s created.",
                    count=created,
                    month=month.strftime("%Y-%m"),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_generate_dues(self):
        """Daily: this month's dues of every member (once; later runs add the members
        who joined), and the arrears counted, warned and flagged."""
        created = system_env(self)._generate_month(fields.Date.context_today(self))
        # One step, reported: the records it created (the cron's progress and log).
        self.env["ir.cron"]._notify_progress(done=created, remaining=0)
        _logger.info("Party dues: %s records created.", created)
        return created

    def _award_points(self):
        """Dues paid in full by the end of the month earn the dues rule's points, once,
        as an approved entry (batched)."""
        earning = self.filtered(
            lambda d: d.state == "on_time"
            and not d.point_line_id
            and float_compare(d.amount_paid, d.amount_due, precision_digits=2) >= 0
        )
        if not earning:
            return
        rule = self.env.ref("party_quant.point_rule_dues")
        lines = self.env["party.point.line"]._create_approved(
            [
                {
                    "member_id": dues.member_id.id,
                    "rule_id": rule.id,
                    "date": dues.month,
                    "points": rule.points,
                    "description": self.env._(
                        "Dues of %(month)s paid on %(date)s",
                        month=dues.month.strftime("%Y-%m"),
                        date=dues.paid_date,
                    ),
                }
                for dues in earning
            ]
        )
        for dues, line in zip(earning, lines, strict=True):
            # The link to the points is the system's.
            super(PartyDues, dues.sudo()).write({"point_line_id": line.id})


class PartyMember(models.Model):
    _inherit = "party.member"

    dues_category = fields.Selection(
        DUES_CATEGORIES,
        default="employed",
        tracking=True,
        help="Employed when not set (members created before the tiers, or by SQL).",
    )
    dues_base = fields.Float(
        string="Dues Base (元/month)",
        digits=(12, 2),
        tracking=True,
        help="After-tax monthly income, fixed at the start of the year by the branch.",
    )
    dues_base_year = fields.Integer(tracking=True)
    dues_amount = fields.Float(
        string="Monthly Dues", digits=(10, 2), compute="_compute_dues_amount"
    )
    dues_unpaid_months = fields.Integer(
        string="Consecutive Unpaid Months",
        readonly=True,
        help="Months in a row, up to the last month, whose dues are not paid in full.",
    )
    dues_lapse = fields.Boolean(
        string="Six Months Unpaid",
        readonly=True,
        help="Six consecutive months without dues (党章 Art. 9): the branch must act.",
    )

    @api.model
    def _get_system_fields(self):
        # The arrears are counted by the system from the dues records.
        return super()._get_system_fields() | {"dues_unpaid_months", "dues_lapse"}

    @api.depends("dues_category", "dues_base")
    def _compute_dues_amount(self):
        amounts = self.env["party.dues.tier"]._amounts(
            {(member.dues_category or "employed", member.dues_base or 0.0) for member in self}
        )
        for member in self:
            key = (member.dues_category or "employed", member.dues_base or 0.0)
            member.dues_amount = amounts.get(key, 0.0)

    def write(self, vals):
        if not self.env.su and vals.keys() & {"dues_base", "dues_category"}:
            changed = self.filtered(
                lambda m: ("dues_base" in vals and m.dues_base != (vals["dues_base"] or 0.0))
                or (
                    "dues_category" in vals
                    and (m.dues_category or "employed") != (vals["dues_category"] or "employed")
                )
            )
            if changed and not self.env["party.dues"]._is_dues_authority():
                raise UserError(
                    _(
                        "The dues base and category of %(member)s decide their dues: only the "
                        "committee or HR changes them.",
                        member=changed[0].name,
                    )
                )
        return super().write(vals)

    @api.constrains("dues_base", "dues_base_year")
    def _check_dues_base(self):
        for member in self:
            if not 0 <= member.dues_base <= DUES_BASE_LIMIT:
                raise ValidationError(
                    _(
                        "The dues base of %(member)s is between 0 and %(limit)s 元.",
                        member=member.name,
                        limit=DUES_BASE_LIMIT,
                    )
                )
            if member.dues_base_year and not 1949 <= member.dues_base_year <= 2199:
                raise ValidationError(_("%(year)s is not a year.", year=member.dues_base_year))

    def _update_dues_arrears(self):
        """Count the consecutive unpaid months of these members (of every member when
        ``self`` is empty): the dues records after their last paid month, up to last
        month, in one statement; warn the secretaries of members who reach 3 or 5
        months and flag those who reach 6 (batched)."""
        this_month = fields.Date.context_today(self).replace(day=1)
        members = SQL("m.id IN %s", tuple(self.ids)) if self else SQL("TRUE")
        self.env["party.dues"].flush_model(["member_id", "month", "state"])
        self.flush_model(["dues_unpaid_months", "dues_lapse"])
        self.env.cr.execute(
            SQL(
                """
                WITH paid AS (
                    SELECT member_id, MAX(month) AS month FROM party_dues
                     WHERE state != 'due' GROUP BY member_id),
                unpaid AS (
                    SELECT d.member_id, COUNT(*) AS months FROM party_dues d
                      LEFT JOIN paid p ON p.member_id = d.member_id
                     WHERE d.state = 'due' AND d.month < %(this_month)s
                       AND (p.month IS NULL OR d.month > p.month)
                     GROUP BY d.member_id),
                counted AS (
                    SELECT m.id, COALESCE(m.dues_unpaid_months, 0) AS old,
                           COALESCE(u.months, 0) AS months
                      FROM party_member m LEFT JOIN unpaid u ON u.member_id = m.id
                     WHERE %(members)s)
                UPDATE party_member m
                   SET dues_unpaid_months = counted.months,
                       dues_lapse = counted.months >= %(lapse)s
                  FROM counted
                 WHERE counted.id = m.id AND counted.old != counted.months
             RETURNING m.id, counted.old, counted.months
                """,
                this_month=this_month,
                members=members,
                lapse=ARREARS_LAPSE,
            )
        )
        rows = self.env.cr.fetchall()
        self.invalidate_model(["dues_unpaid_months", "dues_lapse"])
        reached = {
            member_id: max(t for t in (*ARREARS_WARNINGS, ARREARS_LAPSE) if old < t <= months)
            for member_id, old, months in rows
            if any(old < t <= months for t in (*ARREARS_WARNINGS, ARREARS_LAPSE))
        }
        if reached:
            self.browse(list(reached))._warn_dues_arrears(reached)

    def _warn_dues_arrears(self, reached):
        """One activity per member for the secretary of their branch (else its
        officers), in the language the system writes in."""
        activity_type = self.env.ref("party_quant.mail_activity_type_dues")
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = []
        members = system_env(self.sudo())
        for member in members:
            branch = member.organization_id
            users = branch.secretary_id.user_id or branch.officer_user_ids
            months = reached[member.id]
            if months >= ARREARS_LAPSE:
                summary = members.env._(
                    "%(member)s: %(months)s months without dues (Party Constitution Art. 9)",
                    member=member.name,
                    months=months,
                )
            else:
                summary = members.env._(
                    "%(member)s: %(months)s consecutive months of dues unpaid",
                    member=member.name,
                    months=months,
                )
            for user in users[:1]:
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": member.id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "user_id": user.id,
                        "date_deadline": today,
                    }
                )
        # Warnings are the system's, for officers who may not all see each other.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            vals_list
        )


class PartyJob(models.Model):
    _inherit = "party.job"

    kind = fields.Selection(selection_add=[("dues", "Monthly Dues")], ondelete={"dues": "cascade"})
    dues_month = fields.Date(readonly=True)

    @api.model
    def _get_system_fields(self):
        return super()._get_system_fields() | {"dues_month"}

    def _step_dues(self, env):
        """The month's dues of the requester's scope, in one statement."""
        self.total = 1
        created = env["party.dues"]._generate_month(self.dues_month)
        lang_env = self.with_context(lang=self.user_id.lang).env
        self._finish(
            body=lang_env._(
                "%(job)s is done: %(count)s dues records created.", job=self.name, count=created
            )
        )
