from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from .party_guard import RECORDED
from .party_member_status import remind_secretaries


class PartyMemberAway(models.Model):
    """A member away from home (流动党员): where, until when, the host organization and
    the certificate issued. While it lasts the member is 流动: in the home branch's
    counts and dues, excused from its member assemblies' quorum. The secretary is
    reminded when the period ends (cron)."""

    _name = "party.member.away"
    _description = "Member Away from Home"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "date_start desc, id desc"
    # Recorded by an officer, never by the member away.
    _guard_subject_field = "member_id"
    _guard_deciding_states = frozenset({RECORDED})
    _system_fields = frozenset({"reminded"})

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", tracking=True
    )
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Home Branch", index=True
    )
    place = fields.Char(string="Where", required=True, tracking=True)
    host_organization = fields.Char(
        tracking=True,
        help="The party organization the member joins while away (no vote there).",
    )
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="Until", required=True, tracking=True)
    certificate = fields.Selection(
        [
            ("activity_certificate", "Mobile Member's Activity Certificate (流动党员活动证)"),
            ("certificate_letter", "Member's Certificate Letter (党员证明信)"),
            ("none", "None"),
        ],
        string="Certificate Issued",
        required=True,
        default="activity_certificate",
        tracking=True,
    )
    certificate_number = fields.Char(tracking=True)
    note = fields.Text()
    reminded = fields.Boolean(readonly=True)

    @api.depends("member_id", "place", "date_start", "date_end")
    def _compute_display_name(self):
        for away in self:
            away.display_name = (
                f"{away.member_id.name or ''} → {away.place or ''} "
                f"({away.date_start or ''} – {away.date_end or ''})"
            )

    @api.constrains("date_start", "date_end", "member_id")
    def _check_dates(self):
        for away in self:
            if away.date_end < away.date_start:
                raise ValidationError(_("An absence cannot end before it starts."))
        # Every absence of the members counts, whoever's scope it is in.
        overlapping = self.sudo()._read_group(
            [("member_id", "in", self.member_id.ids)], ["member_id"], ["id:array_agg"]
        )
        for member, ids in overlapping:
            rows = self.sudo().browse(ids).sorted("date_start")
            for before, after in zip(rows, rows[1:], strict=False):
                if after.date_start <= before.date_end:
                    raise ValidationError(
                        _("%(member)s is already away on these dates.", member=member.name)
                    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._apply_status()
        return records

    def write(self, vals):
        moved = vals.keys() & {"date_start", "date_end", "member_id"}
        if moved:
            self._drop_status()
        res = super().write(vals)
        if moved:
            self._apply_status()
        return res

    def unlink(self):
        members = self.member_id.sudo()  # their status is the system's to refresh
        self._drop_status()
        res = super().unlink()
        members._refresh_status()
        return res

    def _status_domain(self):
        """The status rows these absences wrote (the member's 流动 from its start)."""
        return expression.OR(
            [
                [
                    ("member_id", "=", away.member_id.id),
                    ("status", "=", "away"),
                    ("date_start", "=", away.date_start),
                ]
                for away in self.sudo()  # the system's history rows of these absences
            ]
            or [[("id", "=", 0)]]
        )

    def _drop_status(self):
        # The system's history follows the absence.
        self.env["party.member.status"].sudo().search(self._status_domain()).unlink()

    def _apply_status(self):
        """The members are 流动 from the start to the end of their absence (the
        system's history), one batch per period. Only a member 在册 (or imported
        流动) on the start goes away: a status of a workflow (转出中, 失联, 停止党籍,
        已离开) is ended by its own workflow, never by an away record written over it
        and deleted."""
        # The history is the system's (see party.member._set_status).
        for (start, end), aways in (
            self.sudo().grouped(lambda away: (away.date_start, away.date_end)).items()
        ):
            members = aways.member_id
            statuses = members._get_status_on(start)
            labels = dict(members._fields["status"]._description_selection(self.env))
            for member in members:
                # 流动 without a record: the roster imported it so.
                if statuses[member.id] not in ("active", "away"):
                    raise ValidationError(
                        _(
                            "%(member)s is %(status)s on %(date)s: only a member in good "
                            "standing (在册) is recorded away from home.",
                            member=member.name,
                            status=labels.get(statuses[member.id], statuses[member.id]),
                            date=start,
                        )
                    )
            members._set_status("away", start, date_end=end)

    @api.model
    def _cron_remind_ends(self):
        """Daily: absences ending within a week or ended, not reminded yet: an activity
        for the home branch's secretary (else its officers), once."""
        today = fields.Date.context_today(self)
        return remind_secretaries(
            self,
            [("date_end", "<=", today + timedelta(days=7))],
            lambda away: away.env._(
                "%(member)s: away at %(place)s until %(date)s — back, extended or transferring?",
                member=away.member_id.name,
                place=away.place,
                date=away.date_end,
            ),
            today + timedelta(days=7),
            "reminded",
        )
