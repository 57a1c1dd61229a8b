"""Out of contact (失联) and leaving the Party: the search records and the decisions.

A branch officer marks a member out of contact and records every attempt to reach them
(``party.member.contact``: who, when, how, what came of it). After 6 months out of
contact the branch proposes 停止党籍 to the committee; 2 years after the suspension, the
removal (自行脱党). 党章 Art. 9 — six months without organizational life or dues — is
proposed the same way, with the evidence from the records. 退党, 除名, 开除党籍 and death
are decisions of the same shape (``party.member.exit``): proposed by the branch, decided
by the committee, with their date and document; nobody decides their own case. An
approved decision moves the member's status (suspended, or left: archived, file kept,
login archived).
"""

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_guard import RECORDED
from .party_member_status import LEAVE_REASONS

LOST_MONTHS = 6  # out of contact this long → 停止党籍 may be proposed
SUSPENDED_YEARS = 2  # suspended this long → removal
ART9_MONTHS = 6  # without dues or organizational life this long → 自行脱党
EXIT_KINDS = [("suspension", "Suspension of Membership (停止党籍)")] + LEAVE_REASONS[1:]


class PartyMemberContact(models.Model):
    """One attempt to reach a member out of contact."""

    _name = "party.member.contact"
    _description = "Attempt to Reach a Member"
    _inherit = ["party.guard.mixin"]
    _order = "date desc, id desc"
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({RECORDED})

    member_id = fields.Many2one("party.member", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Branch", index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    searcher = fields.Char(string="Who Tried", required=True)
    method = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("letter", "Letter"),
            ("online", "Online or Messaging"),
            ("family", "Through Family or Employer"),
            ("notice", "Public Notice"),
        ],
        string="How",
        required=True,
        default="phone",
    )
    result = fields.Char(required=True)

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        if any(contact.date > today for contact in self):
            raise ValidationError(_("An attempt is recorded once it was made."))


class PartyMemberExit(models.Model):
    _name = "party.member.exit"
    _description = "Decision on Membership"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "create_date desc, id desc"

    _transitions = {
        ("draft", "proposed"): "officer",
        ("proposed", "approved"): "committee",
        ("proposed", "refused"): "committee",
        ("draft", "cancelled"): "officer",
        ("proposed", "cancelled"): "officer",
        ("refused", "draft"): "officer",
        ("cancelled", "draft"): "officer",
    }
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({"proposed", "approved", "refused"})
    # The evidence is taken from the records when the branch proposes.
    _system_fields = frozenset({"evidence", "approved_by_id"})

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Branch", index=True
    )
    kind = fields.Selection(EXIT_KINDS, string="Decision", required=True, tracking=True)
    date = fields.Date(
        string="Effective Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    document = fields.Char(tracking=True, help="The decision's number or reference.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_member_exit_ir_attachment_rel",
        "exit_id",
        "attachment_id",
        string="Attachments",
    )
    reason = fields.Text(string="Grounds")
    evidence = fields.Text(readonly=True, help="From the records, when the branch proposed.")
    approved_by_id = fields.Many2one("res.users", string="Decided by", readonly=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("proposed", "Proposed to the Committee"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )

    @api.depends("member_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.display_name = f"{record.member_id.name or ''} · {kinds.get(record.kind, '')}"

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        if any(record.date > today for record in self):
            raise ValidationError(_("A decision takes effect on a day that has come."))

    def write(self, vals):
        business = {f for f in vals if not f.startswith(("message_", "activity_"))}
        if not self.env.su and business - {"state"}:
            # Decided: the status history holds its date and document as approved.
            decided = self.filtered(lambda r: r.state == "approved")
            if decided:
                raise UserError(
                    _(
                        "%(name)s is decided: its record is kept as it is.",
                        name=decided[0].display_name,
                    )
                )
        if not self.env.su and business - {"state", "document", "attachment_ids"}:
            started = self.filtered(lambda r: r.state not in ("draft", "refused", "cancelled"))
            if started:
                raise UserError(
                    _(
                        "%(name)s is before the committee: it cannot change.",
                        name=started[0].display_name,
                    )
                )
        return super().write(vals)

    def _check_transition(self, new_state, vals):
        res = super()._check_transition(new_state, vals)
        if new_state == "proposed":
            self._check_clocks()
        if new_state == "approved":
            missing = self.filtered(lambda r: not (vals.get("document") or r.document))
            if missing:
                raise UserError(
                    _(
                        "%(name)s: give the decision's document (number) first.",
                        name=missing[0].display_name,
                    )
                )
        return res

    def _check_clocks(self):
        """The national rules' clocks: 停止党籍 after 6 months out of contact; the
        removal (自行脱党) 2 years after the suspension, or under Art. 9 after six months
        without dues or organizational life. The evidence is kept with the proposal."""
        clocks = self.member_id._exit_clocks()
        for record in self:
            clock = clocks[record.member_id.id]
            evidence = clock["evidence"]
            if record.kind == "suspension" and not clock["suspension_open"]:
                raise UserError(
                    _(
                        "%(member)s has not been out of contact for %(months)s months: "
                        "停止党籍 cannot be proposed yet.",
                        member=record.member_id.name,
                        months=LOST_MONTHS,
                    )
                )
            if record.kind == "lapse" and not (clock["removal_open"] or clock["art9"]):
                raise UserError(
                    _(
                        "%(member)s is neither suspended for %(years)s years nor %(months)s "
                        "months without dues or organizational life (Art. 9).",
                        member=record.member_id.name,
                        years=SUSPENDED_YEARS,
                        months=ART9_MONTHS,
                    )
                )
            # The evidence is the system's reading of the records.
            record.sudo().write({"evidence": evidence})

    def _after_transition(self, moved_from, vals):
        approved = self.filtered(lambda r: r.state == "approved")
        if not approved:
            return
        # Who decided is the system's record.
        approved.sudo().write({"approved_by_id": self.env.uid})
        for record in approved:
            if record.kind == "suspension":
                record.member_id.sudo()._set_status(
                    "suspended", record.date, document=record.document
                )
            else:
                record.member_id._leave_party(record.date, record.kind, document=record.document)

    def action_propose(self):
        self.write({"state": "proposed"})
        return True

    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_refuse(self):
        self.write({"state": "refused"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True


class PartyMember(models.Model):
    _inherit = "party.member"

    # The party's own (HR reads the roster, not the search records).
    contact_ids = fields.One2many(
        "party.member.contact",
        "member_id",
        string="Attempts to Reach",
        readonly=True,
        groups="party_quant.group_party_member",
    )
    lost_since = fields.Date(
        string="Out of Contact since", compute="_compute_exit_clocks", search="_search_lost"
    )
    suspension_due = fields.Date(
        string="停止党籍 from",
        compute="_compute_exit_clocks",
        help="Six months out of contact: from this day the branch may propose 停止党籍.",
    )
    removal_due = fields.Date(
        string="Removal from",
        compute="_compute_exit_clocks",
        help="Two years after the suspension: from this day the branch proposes the removal.",
    )
    exit_clock = fields.Char(string="Clock", compute="_compute_exit_clocks")

    @api.model
    def _get_system_fields(self):
        return super()._get_system_fields() | {"contact_ids"}

    def _exit_clocks(self):
        """{member id: the clocks of the national rules} from the status history (one
        query) and the roster's dues and meetings (one each)."""
        today = fields.Date.context_today(self)
        rows = (
            self.env["party.member.status"]
            .sudo()  # system history
            .search_fetch(
                [
                    ("member_id", "in", self.ids),
                    ("status", "in", ("lost_contact", "suspended")),
                    ("date_end", "=", False),
                ],
                ["member_id", "status", "date_start"],
            )
        )
        since = {(row.member_id.id, row.status): row.date_start for row in rows}
        # The last meeting each member attended (organizational life).
        self.env["party.meeting"].flush_model(["date", "state", "attendee_ids"])
        self.env.cr.execute(
            SQL(
                """SELECT rel.member_id, MAX(m.date) FROM party_meeting_attendee_rel rel
                     JOIN party_meeting m ON m.id = rel.meeting_id AND m.state = 'done'
                    WHERE rel.member_id IN %s GROUP BY rel.member_id""",
                tuple(self.ids) or (0,),
            )
        )
        attended = dict(self.env.cr.fetchall())
        attempts = {
            member.id: count
            for member, count in self.env["party.member.contact"]
            .sudo()  # counted for the evidence, whoever reads the clocks
            ._read_group([("member_id", "in", self.ids)], ["member_id"], ["__count"])
        }
        result = {}
        # The dues figures of the evidence, whoever reads the clocks.
        for member in self.sudo():
            lost = since.get((member.id, "lost_contact"))
            suspended = since.get((member.id, "suspended"))
            last = attended.get(member.id)
            no_life = not last or last < today - relativedelta(months=ART9_MONTHS)
            art9 = member.dues_unpaid_months >= ART9_MONTHS and no_life
            evidence = self.env._(
                "Out of contact since: %(lost)s. Suspended since: %(suspended)s. Attempts "
                "to reach: %(attempts)s. Consecutive months of dues unpaid: %(months)s. "
                "Last meeting attended: %(last)s.",
                lost=lost or "-",
                suspended=suspended or "-",
                attempts=attempts.get(member.id, 0),
                months=member.dues_unpaid_months,
                last=last or "-",
            )
            result[member.id] = {
                "lost": lost,
                "suspension_due": lost and lost + relativedelta(months=LOST_MONTHS),
                "suspension_open": bool(lost) and lost + relativedelta(months=LOST_MONTHS) <= today,
                "removal_due": suspended and suspended + relativedelta(years=SUSPENDED_YEARS),
                "removal_open": bool(suspended)
                and suspended + relativedelta(years=SUSPENDED_YEARS) <= today,
                "art9": art9,
                "evidence": evidence,
            }
        return result

    def _compute_exit_clocks(self):
        clocks = self._exit_clocks() if self.ids else {}
        today = fields.Date.context_today(self)
        for member in self:
            clock = clocks.get(member.id, {})
            member.lost_since = clock.get("lost") or False
            member.suspension_due = clock.get("suspension_due") or False
            member.removal_due = clock.get("removal_due") or False
            due = member.removal_due or member.suspension_due
            if not due and not clock.get("art9"):
                member.exit_clock = False
            elif clock.get("art9"):
                member.exit_clock = self.env._("Art. 9: six months without dues or meetings")
            else:
                member.exit_clock = (
                    self.env._("%(days)s days left", days=(due - today).days)
                    if due > today
                    else self.env._("Due since %(date)s", date=due)
                )

    def _search_lost(self, operator, value):
        if operator not in ("=", "!=") or value is not False:
            raise UserError(_("Search the members out of contact with is set or not set."))
        ids = (
            self.env["party.member.status"]
            .sudo()
            .search([("status", "=", "lost_contact"), ("date_end", "=", False)])
            .member_id.ids
        )
        return [("id", "in" if operator == "!=" else "not in", ids)]

    def action_mark_lost(self):
        """An officer of the branch marks the members out of contact from today."""
        self._check_branch_officer()
        # From 在册 or 流动 only: a transfer, a suspension or a departure is ended by its
        # own workflow, not by a lost-contact case opened over it and closed.
        if any(member.status not in ("active", "away") for member in self):
            raise UserError(
                _("Only a member in good standing or away from home can be marked out of contact.")
            )
        self._set_status("lost_contact", fields.Date.context_today(self))
        return True

    def action_mark_found(self):
        """Back in contact (from out of contact; a suspension is lifted by the committee)."""
        self._check_branch_officer()
        if any(member.status != "lost_contact" for member in self):
            raise UserError(_("Only a member out of contact can be marked as found."))
        self._set_status("active", fields.Date.context_today(self))
        return True

    def _check_branch_officer(self):
        for member in self:
            if not member.organization_id._user_is_officer():
                raise UserError(
                    _(
                        "Only an officer of %(branch)s may do this.",
                        branch=member.organization_id.name,
                    )
                )
            if member.user_id == self.env.user:
                raise UserError(_("You cannot decide your own entry."))


class PartyWorkbench(models.Model):
    _inherit = "party.workbench"

    members_away = fields.Integer(
        string="Away or Transferring Out",
        compute="_compute_membership_figures",
        help="Members 流动 or 转出中 today.",
    )
    members_lost = fields.Integer(
        string="Out of Contact or Suspended",
        compute="_compute_membership_figures",
        help="Members 失联 or 停止党籍 today.",
    )
    members_clock_due = fields.Integer(
        string="Clocks Run Out",
        compute="_compute_membership_figures",
        help="Out of contact for six months (停止党籍 to propose) or suspended for two years "
        "(removal to propose).",
    )

    def _compute_membership_figures(self):
        """Every branch card at once: one read of the members' statuses, one of the open
        status periods whose clock has run out."""
        today = fields.Date.context_today(self)
        branches = self.filtered(lambda c: c.kind == "branch").organization_id
        # Counts over the branches the cards show (the cards are the user's; the
        # statuses are the system's history).
        counts = {
            (org.id, status): count
            for org, status, count in self.env["party.member"]
            .sudo()
            ._read_group(
                [("organization_id", "in", branches.ids)],
                ["organization_id", "status"],
                ["__count"],
            )
        }
        due = {}
        for member, count in (
            self.env["party.member.status"]
            .sudo()
            ._read_group(
                [
                    ("member_id.organization_id", "in", branches.ids),
                    ("date_end", "=", False),
                    "|",
                    "&",
                    ("status", "=", "lost_contact"),
                    ("date_start", "<=", today - relativedelta(months=LOST_MONTHS)),
                    "&",
                    ("status", "=", "suspended"),
                    ("date_start", "<=", today - relativedelta(years=SUSPENDED_YEARS)),
                ],
                ["member_id"],
                ["__count"],
            )
        ):
            org_id = member.organization_id.id
            due[org_id] = due.get(org_id, 0) + count
        for card in self:
            org = card.organization_id.id
            card.members_away = counts.get((org, "away"), 0) + counts.get(
                (org, "transferring_out"), 0
            )
            card.members_lost = counts.get((org, "lost_contact"), 0) + counts.get(
                (org, "suspended"), 0
            )
            card.members_clock_due = due.get(org, 0)

    def action_open_lost(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_member_action_lost"
        )
        action["domain"] = [
            ("status", "in", ("lost_contact", "suspended")),
            ("organization_id", "=", self.organization_id.id),
        ]
        return action
