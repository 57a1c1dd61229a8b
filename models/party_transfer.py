"""Membership transfers across units (组织关系转接): out, with the three-part letter
(stub, letter, receipt), and in, registering a member from the letter they bring.

Out: the member or an officer asks (``requested``); the branch checks the dues are paid
to date and records 党费交至 (``checked``); the committee approves and the letter is
issued with its number and validity (``approved``, the member 转出中 from then); the
branch records the receipt (回执) and the member leaves on its date (``done``). A letter
whose receipt has not come back by the end of its validity raises an activity (cron).
In: an officer registers the member from the letter (``done``): the roster fields,
党费交至 (no dues up to that month), the sending organization; the receipt is printed.
The guard's table decides who moves what; nobody decides their own case.
"""

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_member_status import remind_secretaries
from .party_settings import SETTINGS, setting

VALIDITY = SETTINGS["transfer_validity_days"]
# Local rules: a letter is valid 10 days to 6 months.
VALIDITY_LIMITS = (10, 183)
# A letter out's figures, which the approval and the check of the dues set.
OUT_SYSTEM_FIELDS = frozenset({"letter_number", "valid_until", "dues_paid_to"})
# The moves of each direction (the guard's table holds who may take them).
DIRECTION_STATES = {
    "out": {"draft", "requested", "checked", "approved", "done", "cancelled"},
    "in": {"draft", "done", "cancelled"},
}


def validity_days(env):
    """The letters' validity (days) by the setting, within the local rules' limits."""
    low, high = VALIDITY_LIMITS
    return min(max(setting(env, *VALIDITY), low), high)


class PartyTransfer(models.Model):
    _name = "party.transfer"
    _description = "Membership Transfer"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "display_name"

    _transitions = {
        ("draft", "requested"): "requester",
        # The first deciding move: the branch's check of the dues.
        ("requested", "checked"): "officer",
        ("checked", "approved"): "committee",
        ("approved", "done"): "officer",
        ("draft", "done"): "officer",
        ("draft", "cancelled"): "requester",
        ("requested", "cancelled"): "requester",
        ("checked", "cancelled"): "officer",
        ("approved", "cancelled"): "committee",
        ("cancelled", "draft"): "requester",
    }
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({"checked", "approved", "done"})
    # The letter's figures are the system's: its number and validity at the approval,
    # 党费交至 from the dues at the check (for a letter out); who approved, and when.
    _system_fields = frozenset(
        {"approved_by_id", "date_approved", "receipt_warned", "new_member_id"}
    )

    direction = fields.Selection(
        [("out", "Out"), ("in", "In")], required=True, default="out", index=True, tracking=True
    )
    member_id = fields.Many2one(
        "party.member",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="Out: the member who leaves. In: the member registered from the letter.",
    )
    new_member_id = fields.Many2one("party.member", string="Registered Member", readonly=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('kind', '=', 'branch')]",
        help="Out: the member's branch. In: the branch the member is placed in.",
    )
    other_organization = fields.Char(
        tracking=True,
        help="Out: the receiving organization (outside the company). In: the sending one.",
    )
    reason = fields.Char(tracking=True, help="Change of work unit, of residence, ...")
    letter_number = fields.Char(
        tracking=True,
        copy=False,
        help="Out: given at the approval. In: the number on the letter received.",
    )
    dues_paid_to = fields.Date(
        string="Dues Paid to (党费交至)",
        tracking=True,
        help="The month the dues are paid to (its first day). Out: set by the branch's "
        "check from the dues records. In: from the letter; no dues are generated up to it.",
    )
    valid_until = fields.Date(
        tracking=True,
        help="Out: the approval date plus the validity setting (set at the approval). "
        "In: from the letter.",
    )
    online = fields.Boolean(
        string="Sent Online",
        tracking=True,
        help="Transferred in the national party members' system instead of a paper letter.",
    )
    online_reference = fields.Char(tracking=True)
    receipt_date = fields.Date(
        tracking=True,
        help="Out: the date the receipt (回执) came back; the member leaves on it. "
        "In: the date the member arrived with the letter.",
    )
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True)
    date_approved = fields.Date(string="Approved on", readonly=True)
    receipt_warned = fields.Boolean(readonly=True)
    # In: the roster fields of the member registered from the letter.
    member_name = fields.Char(string="Full Name")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    employee_number = fields.Char()
    mobile = fields.Char()
    position = fields.Char(string="Job Position")
    join_date = fields.Date(string="Joined the Party")
    full_member_date = fields.Date(string="Full Membership Date")
    member_state = fields.Selection(
        [("probationary", "Probationary"), ("full", "Full Member")],
        string="Kind of Membership",
        default="full",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("checked", "Dues Checked"),
            ("approved", "Letter Issued"),
            ("done", "Completed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    receipt_overdue = fields.Boolean(
        compute="_compute_receipt_overdue",
        help="The letter is past its validity and its receipt has not come back.",
    )

    @api.depends("direction", "letter_number", "member_id", "member_name")
    def _compute_display_name(self):
        for transfer in self:
            name = transfer.member_id.name or transfer.member_name or ""
            label = _("Transfer out") if transfer.direction == "out" else _("Transfer in")
            transfer.display_name = " ".join(
                part for part in (label, transfer.letter_number or "", name) if part
            )

    @api.depends("state", "direction", "valid_until")
    @api.depends_context("tz")
    def _compute_receipt_overdue(self):
        today = fields.Date.context_today(self)
        for transfer in self:
            transfer.receipt_overdue = (
                transfer.direction == "out"
                and transfer.state == "approved"
                and bool(transfer.valid_until)
                and transfer.valid_until < today
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("direction", "member_id", "organization_id", "member_name", "state")
    def _check_transfer(self):
        # Read as the system: the names go into the messages.
        for transfer in self.sudo():
            if transfer.organization_id.kind != "branch":
                raise ValidationError(_("Transfers are made by branches."))
            if transfer.direction == "out":
                if not transfer.member_id:
                    raise ValidationError(_("Say which member transfers out."))
                if transfer.state not in ("done", "cancelled") and (
                    transfer.member_id.organization_id != transfer.organization_id
                ):
                    raise ValidationError(
                        _(
                            "%(member)s is not a member of %(branch)s.",
                            member=transfer.member_id.name,
                            branch=transfer.organization_id.name,
                        )
                    )
            elif not transfer.member_name:
                raise ValidationError(_("Give the name of the member transferring in."))

    @api.constrains("receipt_date", "date_approved", "dues_paid_to", "join_date", "state")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for transfer in self:
            if transfer.receipt_date and transfer.receipt_date > today:
                raise ValidationError(_("A receipt or an arrival is recorded once it happened."))
            if (
                transfer.receipt_date
                and transfer.date_approved
                and transfer.receipt_date < transfer.date_approved
            ):
                raise ValidationError(_("The receipt cannot come back before the letter left."))

    @api.constrains("member_id", "direction", "state")
    def _check_one_open(self):
        open_states = ("draft", "requested", "checked", "approved")
        out = self.filtered(lambda t: t.direction == "out" and t.state in open_states)
        if not out:
            return
        # Every open letter of the member counts, whoever's scope it is in.
        counts = self.sudo()._read_group(
            [
                ("member_id", "in", out.member_id.ids),
                ("direction", "=", "out"),
                ("state", "in", open_states),
            ],
            ["member_id"],
            ["__count"],
        )
        for member, count in counts:
            if count > 1:
                raise ValidationError(
                    _("%(member)s already has a transfer out under way.", member=member.name)
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def _guard_prepare_values(self, vals):
        # A transfer out is made in the member's branch (read as the system: the
        # member's branch decides where the record is; the rules check it after).
        if vals.get("member_id") and not vals.get("organization_id") and not self:
            member = self.env["party.member"].sudo().browse(vals["member_id"])
            vals["organization_id"] = member.organization_id.id
        if vals.get("dues_paid_to"):
            vals["dues_paid_to"] = fields.Date.to_date(vals["dues_paid_to"]).replace(day=1)

    def _check_system_fields(self, vals):
        # A letter out's number, validity and 党费交至 are the system's (the approval,
        # the branch's check of the dues); a letter in brings them, typed from it.
        res = super()._check_system_fields(vals)
        out = any(t.direction == "out" for t in self) or (
            not self and vals.get("direction", "out") == "out"
        )
        fixed = OUT_SYSTEM_FIELDS & vals.keys()
        if out and fixed:
            raise UserError(
                _(
                    "These fields are set by the system and cannot be changed: %(fields)s.",
                    fields=", ".join(
                        sorted(self._fields[name]._description_string(self.env) for name in fixed)
                    ),
                )
            )
        return res

    def write(self, vals):
        if "direction" in vals and any(t.direction != vals["direction"] for t in self):
            raise UserError(_("The direction of a transfer is set when it is created."))
        business = {f for f in vals if not f.startswith(("message_", "activity_"))}
        if not self.env.su and business - {"state"}:
            # Completed: the member has left (or was registered) on its dates.
            done = self.filtered(lambda t: t.state == "done")
            if done:
                raise UserError(
                    _(
                        "%(name)s is completed: its record is kept as it is.",
                        name=done[0].display_name,
                    )
                )
        if not self.env.su and business - {"state", "receipt_date", "online", "online_reference"}:
            started = self.filtered(lambda t: t.state not in ("draft",))
            if started:
                raise UserError(
                    _(
                        "%(name)s is under way: cancel it and start again to change it.",
                        name=started[0].display_name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_transition(self, new_state, vals):
        for transfer in self:
            if new_state not in DIRECTION_STATES[transfer.direction]:
                raise UserError(
                    _(
                        "%(name)s cannot go to %(state)s.",
                        name=transfer.display_name,
                        state=self._guard_state_label(new_state),
                    )
                )
            if transfer.direction == "out" and (transfer.state, new_state) == ("draft", "done"):
                raise UserError(_("A transfer out is requested, checked and approved first."))
        res = super()._check_transition(new_state, vals)
        if new_state == "checked":
            self._check_dues_paid()
        if new_state == "approved":
            missing = self.filtered(lambda t: not (t.other_organization or t.online))
            if missing:
                raise UserError(
                    _(
                        "%(name)s: name the receiving organization, or mark it sent online.",
                        name=missing[0].display_name,
                    )
                )
        if new_state == "done":
            for transfer in self.filtered(lambda t: t.direction == "out"):
                if not (vals.get("receipt_date") or transfer.receipt_date):
                    raise UserError(
                        _(
                            "%(name)s: give the date of the receipt (回执) first.",
                            name=transfer.display_name,
                        )
                    )
        return res

    def _may_requester(self):
        """The member themselves (a letter out) or an officer of the branch."""
        return self.member_id.user_id == self.env.user or self._may_officer()

    def _check_dues_paid(self):
        """The branch's check: no dues owed by the member up to last month. 党费交至 is
        then the last month paid (the system's, from the records)."""
        Dues = self.env["party.dues"].sudo()  # the member's dues, whoever checks
        out = self.filtered(lambda t: t.direction == "out")
        owed = Dues._read_group(
            [("member_id", "in", out.member_id.ids), *Dues._overdue_domain()],
            ["member_id"],
            ["month:array_agg"],
        )
        for member, months in owed:
            raise UserError(
                _(
                    "%(member)s owes the dues of %(months)s: collect them before the letter.",
                    member=member.name,
                    months="、".join(sorted(m.strftime("%Y-%m") for m in months)),
                )
            )
        paid = dict(
            Dues._read_group(
                [("member_id", "in", out.member_id.ids), ("state", "!=", "due")],
                ["member_id"],
                ["month:max"],
            )
        )
        for transfer in out:
            # The dues records, else the letter the member came in with (a system
            # field of the member, read as the system).
            last = paid.get(transfer.member_id) or transfer.member_id.sudo().dues_paid_to
            # The system's record of the check (written past the started-record check).
            transfer.sudo().write({"dues_paid_to": last or False})

    def _after_transition(self, moved_from, vals):
        today = fields.Date.context_today(self)
        approved = self.filtered(lambda t: t.state == "approved")
        if approved:
            days = validity_days(self.env)
            Sequence = self.env["ir.sequence"].sudo()  # the letters' numbering is the system's
            for transfer in approved:
                transfer.sudo().write(
                    {
                        "letter_number": Sequence.next_by_code("party.transfer.out"),
                        "date_approved": today,
                        "valid_until": today + relativedelta(days=days),
                        "approved_by_id": self.env.uid,
                    }
                )
            approved.member_id._set_status("transferring_out", today, document=False)
        cancelled = self.filtered(
            lambda t: t.state == "cancelled" and moved_from[t.id] == "approved"
        )
        if cancelled:
            cancelled.member_id._set_status("active", today)
        done = self.filtered(lambda t: t.state == "done")
        for transfer in done.filtered(lambda t: t.direction == "out"):
            transfer.member_id._leave_party(
                transfer.receipt_date, "transfer", document=transfer.letter_number
            )
        done_in = done.filtered(lambda t: t.direction == "in")
        if done_in:
            done_in._register_members()
        # The receipt's reminder is done once the receipt is recorded or the letter gone.
        self.filtered(lambda t: t.state in ("done", "cancelled")).activity_unlink(
            ["party_quant.mail_activity_type_transfer"]
        )

    def _register_members(self):
        """Register the members arriving with these letters (as the officer: their
        rights decide where a member may be created), placed in their branch from the
        arrival date, with 党费交至 from the letter."""
        today = fields.Date.context_today(self)
        members = self.env["party.member"].create(
            [
                {
                    "name": transfer.member_name,
                    "organization_id": transfer.organization_id.id,
                    "gender": transfer.gender,
                    "employee_number": transfer.employee_number,
                    "mobile": transfer.mobile,
                    "position": transfer.position,
                    "join_date": transfer.join_date,
                    "full_member_date": transfer.full_member_date,
                    "state": transfer.member_state or "full",
                }
                for transfer in self
            ]
        )
        for transfer, member in zip(self, members, strict=True):
            arrival = transfer.receipt_date or today
            # The letter's figures and the stay from the arrival are the system's.
            member.sudo().write({"dues_paid_to": transfer.dues_paid_to})
            member.sudo().membership_ids.write({"date_start": min(arrival, today)})
            transfer.sudo().write(
                {"new_member_id": member.id, "member_id": member.id, "receipt_date": arrival}
            )
            member.message_post(
                body=_(
                    "Transferred in from %(org)s (letter %(number)s), dues paid to %(month)s.",
                    org=transfer.other_organization or "-",
                    number=transfer.letter_number or "-",
                    month=transfer.dues_paid_to.strftime("%Y-%m") if transfer.dues_paid_to else "-",
                )
            )

    def action_request(self):
        self.write({"state": "requested"})
        return True

    def action_check(self):
        self.write({"state": "checked"})
        return True

    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})
        return True

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_warn_receipts(self):
        """Daily: a letter out past its validity whose receipt has not come back: an
        activity for the branch's secretary (else its officers), once."""
        today = fields.Date.context_today(self)
        return remind_secretaries(
            self,
            [("direction", "=", "out"), ("state", "=", "approved"), ("valid_until", "<", today)],
            lambda transfer: transfer.env._(
                "%(member)s: the receipt of letter %(number)s has not come back "
                "(valid until %(date)s)",
                member=transfer.member_id.name,
                number=transfer.letter_number,
                date=transfer.valid_until,
            ),
            today,
            "receipt_warned",
        )

    # ------------------------------------------------------------------
    # The letter
    # ------------------------------------------------------------------
    def _letter_values(self):
        """What the letter prints, in the reader's language."""
        self.ensure_one()
        self.check_access("read")
        transfer = self.sudo()  # the committee's name, read by whoever prints their letter
        branch = transfer.organization_id
        committee_id = int((branch.parent_path or "0/").split("/")[0] or 0)
        committee = branch.browse(committee_id).name or branch.name
        genders = dict(self._fields["gender"]._description_selection(self.env))
        states = dict(self._fields["member_state"]._description_selection(self.env))
        member = transfer.member_id
        blank = "____"

        def day(value):
            return value.strftime("%Y-%m-%d") if value else blank

        out = transfer.direction == "out"
        name = member.name if out else (transfer.member_name or member.name)
        return {
            "comrade": self.env._("Comrade %(name)s", name=name),
            "number": transfer.letter_number or blank,
            "name": name,
            "gender": genders.get(member.gender if out else transfer.gender, blank),
            "membership": states.get(member.state if out else transfer.member_state, blank),
            "join_date": day(member.join_date if out else transfer.join_date),
            "branch": branch.name,
            "other": transfer.other_organization or blank,
            "committee": committee,
            "dues_paid_to": transfer.dues_paid_to.strftime("%Y-%m")
            if transfer.dues_paid_to
            else blank,
            "valid_until": day(transfer.valid_until),
            "issued": day(transfer.date_approved),
            "receipt_to": committee if out else (transfer.other_organization or blank),
            "receipt_from": blank if out else committee,
            "received": blank if out else day(transfer.receipt_date),
        }
