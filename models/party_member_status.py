"""A member's party status on a date (在册, 转出中, 流动, 失联, 停止党籍, 已离开).

The member's ``status`` (the roster field) is today's status; its history is kept as
dated rows (``party.member.status``), like the branch stays: a row says "from
``date_start`` to ``date_end`` the member was away / transferring out / out of contact /
suspended / gone". No row covering a date means 在册 (active). The rows are the system's:
the transfers, the away records, the lost-contact cases and the decisions on leaving
write them through ``party.member._set_status``; nobody types them.

What each status counts for (the README's table, "Moving in and out"):
``MEETING_EXCLUDED`` are on no meeting's list, ``ASSEMBLY_EXCUSED`` are off the member
assembly's list (and so out of its quorum), ``DUES_EXCLUDED`` get no dues, ``DUTY_EXCLUDED``
no personal duties and no rank in the branch.
"""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_labels import system_env
from .party_roster import MEMBER_STATUS

LEAVE_REASONS = [
    ("transfer", "Transferred Out"),
    ("withdrawal", "Withdrew from the Party (退党)"),
    ("removal", "Removed (除名)"),
    ("expulsion", "Expelled (开除党籍)"),
    ("lapse", "Lapsed (自行脱党)"),
    ("death", "Deceased"),
]
# The counting table (see the module's doc and the README).
MEETING_EXCLUDED = frozenset({"lost_contact", "suspended", "left"})
ASSEMBLY_EXCUSED = frozenset({"away"}) | MEETING_EXCLUDED
DUES_EXCLUDED = MEETING_EXCLUDED
DUTY_EXCLUDED = MEETING_EXCLUDED


def remind_secretaries(model, domain, summary, deadline, flag):
    """Remind the branch secretaries once of the records of ``model`` in ``domain``:
    one activity (type *Membership Transfer*) per record whose boolean ``flag`` is not
    set yet, for the secretary of its ``organization_id``, else an officer of the
    branch or of the committee, due ``deadline``; ``summary(record)`` gives its text
    (``record`` in the language the system writes in); ``flag`` is then set. The
    crons' reminders of the away records and of the letters out, for officers who may
    not all see each other (hence sudo). Returns how many were reminded."""
    records = system_env(model.sudo().search([*domain, (flag, "=", False)]))
    activity_type = records.env.ref("party_quant.mail_activity_type_transfer")
    model_id = records.env["ir.model"]._get_id(records._name)
    vals_list = []
    for record in records:
        branch = record.organization_id
        users = (branch.secretary_id.user_id or branch.officer_user_ids).filtered("active")
        users = users or branch._level_users("committee")
        vals_list += [
            {
                "res_model_id": model_id,
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "summary": summary(record),
                "user_id": user.id,
                "automated": True,
                "date_deadline": deadline,
            }
            for user in users[:1]
        ]
    records.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)
    records.write({flag: True})
    return len(records)


class PartyMemberStatus(models.Model):
    """One period of a member's status other than active."""

    _name = "party.member.status"
    _inherit = ["party.guard.mixin"]
    _description = "Member Status History"
    _order = "member_id, date_start desc, id desc"

    member_id = fields.Many2one("party.member", required=True, ondelete="cascade", index=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        ondelete="restrict",
        index=True,
        help="The member's branch when the status began.",
    )
    status = fields.Selection(
        [item for item in MEMBER_STATUS if item[0] != "active"], required=True
    )
    leave_reason = fields.Selection(LEAVE_REASONS, string="Reason for Leaving")
    date_start = fields.Date(string="From", required=True, index=True)
    date_end = fields.Date(string="To", help="Empty while the status lasts.")
    document = fields.Char(help="The decision, letter or certificate the status rests on.")
    note = fields.Char()

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for row in self:
            if row.date_end and row.date_end < row.date_start:
                raise ValidationError(
                    _(
                        "A status period of %(member)s cannot end before it starts.",
                        member=row.member_id.name,
                    )
                )


class PartyMember(models.Model):
    _inherit = "party.member"

    status_history_ids = fields.One2many("party.member.status", "member_id", readonly=True)
    left_date = fields.Date(string="Left on", readonly=True, tracking=True, index=True)
    left_reason = fields.Selection(
        LEAVE_REASONS, string="Reason for Leaving", readonly=True, tracking=True
    )
    dues_paid_to = fields.Date(
        string="Dues Paid to (党费交至)",
        readonly=True,
        help="For a member transferred in: the month the dues were paid to in the sending "
        "organization (its letter); no dues are generated up to that month.",
    )

    @api.model
    def _get_system_fields(self):
        # Written by the transfers and the decisions on leaving, never by hand.
        return super()._get_system_fields() | {
            "status_history_ids",
            "left_date",
            "left_reason",
            "dues_paid_to",
        }

    def write(self, vals):
        if "status" in vals and not self.env.su:
            changed = self.filtered(lambda m: m.status != vals["status"])
            own = changed.filtered(lambda m: m.user_id == self.env.user)
            if own:
                raise UserError(_("You cannot decide your own entry."))
            if changed and not self.env.user.has_group("party_quant.group_party_committee"):
                raise UserError(
                    _(
                        "The status of %(member)s changes through a transfer, an away "
                        "record, a lost-contact case or a decision on leaving; only the "
                        "committee corrects it by hand.",
                        member=changed[0].name,
                    )
                )
        else:
            changed = self.browse()
        res = super().write(vals)
        if changed:
            # A committee's correction (or the roster import) is dated today in the history.
            changed.sudo()._set_status(vals["status"], fields.Date.context_today(self))
        return res

    # ------------------------------------------------------------------
    # The status on a date
    # ------------------------------------------------------------------
    def _get_status_on(self, date):
        """{member id: status key} of these members on ``date`` (one query over their
        history rows): the row covering the date, else active when the member has
        history, else the roster's ``status`` (members brought in before the history)."""
        date = fields.Date.to_date(date)
        rows = (
            self.env["party.member.status"]
            .sudo()  # system history; callers already hold the members
            .search_fetch(
                [("member_id", "in", self.ids)],
                ["member_id", "status", "date_start", "date_end"],
                order="date_start desc, id desc",
            )
        )
        result = {}
        for row in rows:
            member_id = row.member_id.id
            if member_id in result or row.date_start > date:
                continue
            if not row.date_end or row.date_end >= date:
                result[member_id] = row.status
        with_history = set(rows.member_id.ids)
        for member in self.sudo():  # the roster's status, whoever asks
            if member.id not in result:
                result[member.id] = (
                    "active" if member.id in with_history else (member.status or "active")
                )
        return result

    def _set_status(self, status, date, date_end=False, leave_reason=False, document=False):
        """From ``date`` (to ``date_end``), these members are ``status``: the periods
        still open at that date end the day before (one begun that very day, that day),
        and a new row is written unless the status is active. The roster's ``status``
        follows today's, and the planned meetings from that date recompute their lists.
        Set-based: three queries whatever the number of members. The system's."""
        if not self:
            return
        date = fields.Date.to_date(date)
        Status = self.env["party.member.status"].sudo()  # system history, see the doc
        rows = Status.search(
            [
                ("member_id", "in", self.ids),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date),
            ]
        )
        later = rows.filtered(lambda r: r.date_start > date)
        if later:
            raise ValidationError(
                _(
                    "%(member)s has a status from %(date)s: a new one cannot start before it.",
                    member=later[0].member_id.name,
                    date=later[0].date_start,
                )
            )
        # A period begun that very day ends that day (the newer row wins on the date,
        # see _get_status_on): its history is kept.
        same_day = rows.filtered(lambda r: r.date_start == date)
        (rows - same_day).write({"date_end": date - timedelta(days=1)})
        same_day.write({"date_end": date})
        if status != "active":
            Status.create(
                [
                    {
                        "member_id": member.id,
                        "organization_id": member.organization_id.id,
                        "status": status,
                        "date_start": date,
                        "date_end": date_end,
                        "leave_reason": leave_reason,
                        "document": document,
                    }
                    for member in self.sudo()
                ]
            )
        self._refresh_status()
        self.env["party.meeting"]._recompute_planned_lists(self.organization_id, date)

    def _refresh_status(self):
        """The roster's ``status`` of these members: their status today (the system's)."""
        today = fields.Date.context_today(self)
        statuses = self._get_status_on(today)
        by_status = {}
        for member in self.sudo():  # the roster's status is the system's
            if member.status != statuses[member.id]:
                by_status.setdefault(statuses[member.id], []).append(member.id)
        for status, ids in by_status.items():
            self.sudo().browse(ids).with_context(tracking_disable=True).write({"status": status})

    def _leave_party(self, date, reason, document=False):
        """These members leave the Party on ``date`` for ``reason``: status left, the
        member archived (their file, points and history kept, readable by the committee),
        their login archived. Set-based. The system's."""
        members = self.sudo()  # the decision was taken; leaving is the system's record
        members._set_status("left", date, leave_reason=reason, document=document)
        members.write({"left_date": date, "left_reason": reason})
        users = members.user_id
        # Seats go with the member: a committee seat of someone gone is empty.
        self.env["party.organization"].sudo().search([("secretary_id", "in", members.ids)]).write(
            {"secretary_id": False}
        )
        members.write({"active": False})
        if users:
            users.write({"active": False})

    @api.model
    def _cron_refresh_status(self):
        """Daily: the roster's status of the members whose status period began or ended
        since yesterday (away records ending, statuses starting on a set day)."""
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT member_id FROM party_member_status
                    WHERE date_start = %(today)s OR date_end = %(yesterday)s""",
                today=today,
                yesterday=today - timedelta(days=1),
            )
        )
        members = (
            self.sudo()
            .with_context(active_test=False)
            .browse([row[0] for row in self.env.cr.fetchall()])
        )
        members._refresh_status()
        return len(members)
