import base64
import secrets
from collections import defaultdict
from datetime import timedelta
from urllib.parse import quote

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import create_index

from .party_labels import system_env
from .party_member_status import ASSEMBLY_EXCUSED, MEETING_EXCLUDED
from .party_settings import SETTINGS, setting

MEETING_KINDS = [
    ("member_assembly", "Member Assembly"),
    ("committee_meeting", "Branch Committee Meeting"),
    ("group_meeting", "Party Group Meeting"),
    ("lecture", "Party Lecture"),
    ("theme_day", "Theme Party Day"),
    ("study", "Study"),
]
LATE_PARAM, LATE_DEFAULT = SETTINGS["late_entry_days"]
# How far ahead a meeting may be planned.
PLAN_AHEAD_YEARS = 1
# The sign-in window by phone: from this many minutes before the start to this many
# minutes after it (settings).
SIGNIN_BEFORE = SETTINGS["signin_before_minutes"]
SIGNIN_AFTER = SETTINGS["signin_after_minutes"]
# No window longer than a day either side: past it a setting is a typo.
SIGNIN_LIMIT_MINUTES = 24 * 60
# Plausibility (issue 20): the longest a meeting may last, and the fewest attendees a
# held meeting needs to award points (settings).
MAX_HOURS = SETTINGS["meeting_max_hours"]
MIN_ATTENDEES = SETTINGS["meeting_min_attendees"]


def _new_token():
    """The sign-in token of a meeting: 32 random bytes, not guessable."""
    return secrets.token_urlsafe(32)


class PartyMeeting(models.Model):
    """A meeting of a branch (三会一课, theme day, study) with its attendance; holding
    it awards the attendance points from the record, not from claims."""

    _name = "party.meeting"
    _description = "Party Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.evidence.mixin", "party.guard.mixin"]
    _order = "start desc, id desc"

    _transitions = {
        ("draft", "done"): "officer",
        ("draft", "cancelled"): "officer",
        ("done", "cancelled"): "officer",
        ("cancelled", "draft"): "officer",
    }
    # Derived from the record: the date, who was absent, the points it awarded, and
    # whether it was recorded late; the sign-in token and the sign-ins (the phones'),
    # the quorum and its counts.
    _system_fields = frozenset(
        {
            "date",
            "absentee_ids",
            "late_entry",
            "point_line_ids",
            "signin_token",
            "signin_ids",
            "quorum_ok",
            "voter_count",
            "voters_present",
        }
    )
    # The expected list of a member assembly is the system's (see _check_expected_list).

    name = fields.Char(string="Topic", required=True, tracking=True)
    kind = fields.Selection(MEETING_KINDS, required=True, default="member_assembly", tracking=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        domain="[('kind', '=', 'branch')]",
        tracking=True,
        default=lambda self: self._default_organization(),
    )
    start = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    date = fields.Date(compute="_compute_date", store=True, index=True)
    place = fields.Char()
    hours = fields.Float(digits=(4, 1), help="Length of a study session or lecture.")
    host_id = fields.Many2one("party.member", domain="[('organization_id', '=', organization_id)]")
    minutes = fields.Html()
    resolutions = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_meeting_ir_attachment_rel",
        "meeting_id",
        "attachment_id",
        string="Attachments",
    )
    expected_ids = fields.Many2many(
        "party.member",
        "party_meeting_expected_rel",
        "meeting_id",
        "member_id",
        compute="_compute_expected_ids",
        store=True,
        readonly=False,
        help="The branch's members on the meeting's date, or its committee for a committee "
        "meeting. For a member assembly the system's list: the branch's full and probationary "
        "members on that date, minus those on approved leave.",
    )
    attendee_ids = fields.Many2many(
        "party.member", "party_meeting_attendee_rel", "meeting_id", "member_id", string="Attendees"
    )
    absentee_ids = fields.Many2many(
        "party.member",
        "party_meeting_absentee_rel",
        "meeting_id",
        "member_id",
        string="Absentees",
        compute="_compute_absentee_ids",
        store=True,
    )
    guest_names = fields.Text(
        string="Guests",
        help="People who attended but are not members of the branch on the meeting's date: "
        "recorded here, they earn nothing.",
    )
    leave_reasons = fields.Text(
        string="Attendance Notes", help="Notes on the attendance (who was away, and why)."
    )
    leave_ids = fields.One2many("party.meeting.leave", "meeting_id", string="Leave Requests")
    excused_ids = fields.Many2many(
        "party.member",
        compute="_compute_excused_ids",
        string="Excused Absentees",
        help="Absent with a leave request approved by an officer before the meeting.",
    )
    unexcused_ids = fields.Many2many(
        "party.member",
        compute="_compute_excused_ids",
        string="Unexcused Absentees",
        help="Absent without an approved leave request.",
    )
    absence_warning = fields.Text(compute="_compute_absence_warning")
    signin_token = fields.Char(
        string="Sign-in Token",
        default=lambda self: _new_token(),
        copy=False,
        readonly=True,
        groups="party_quant.group_party_branch",
        help="The secret of the meeting's sign-in link.",
    )
    signin_url = fields.Char(
        string="Sign-in Link",
        compute="_compute_signin_url",
        groups="party_quant.group_party_branch",
    )
    signin_qr = fields.Html(
        string="Sign-in QR Code",
        compute="_compute_signin_url",
        sanitize=False,
        groups="party_quant.group_party_branch",
    )
    signin_ids = fields.One2many(
        "party.meeting.signin", "meeting_id", string="Sign-ins", readonly=True
    )
    signin_open = fields.Char(string="Sign-in Window", compute="_compute_signin_window")
    # Quorum (支部党员大会): members with a vote are the expected full members.
    voter_count = fields.Integer(
        string="Members with a Vote",
        compute="_compute_quorum",
        store=True,
        help="Full members expected at the assembly; probationary members have no vote.",
    )
    voters_present = fields.Integer(compute="_compute_quorum", store=True)
    quorum_ok = fields.Boolean(
        string="Quorum",
        compute="_compute_quorum",
        store=True,
        help="More than half of the members with a vote are present.",
    )
    resolution_ids = fields.One2many(
        "party.meeting.resolution", "meeting_id", string="Votes on Resolutions"
    )
    state = fields.Selection(
        [("draft", "Planned"), ("done", "Held"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    late_entry = fields.Boolean(
        readonly=True,
        help="Recorded more than the allowed number of days after the meeting (see settings).",
    )
    point_line_ids = fields.One2many("party.point.line", "meeting_id", string="Points Awarded")
    attendee_count = fields.Integer(compute="_compute_counts")
    expected_count = fields.Integer(compute="_compute_counts")
    can_manage = fields.Boolean(
        compute="_compute_can_manage",
        help="Whether the current user is an officer of the meeting's branch (holds, "
        "cancels and plans it again); the buttons show for them only.",
    )

    @api.depends("organization_id")
    @api.depends_context("uid")
    def _compute_can_manage(self):
        for meeting in self:
            meeting.can_manage = meeting._may_officer()

    @api.depends("start")
    def _compute_date(self):
        for meeting in self:
            meeting.date = (
                fields.Datetime.context_timestamp(meeting, meeting.start).date()
                if meeting.start
                else False
            )

    @api.depends("organization_id", "kind", "date", "leave_ids.state", "leave_ids.member_id")
    def _compute_expected_ids(self):
        members_on = self._branch_members_on(
            {(meeting.organization_id.id, meeting.date) for meeting in self}
        )
        statuses = self._statuses_on(members_on)
        for meeting in self:
            branch = meeting.organization_id
            members = members_on.get((branch.id, meeting.date), branch.member_ids)
            if meeting.kind == "committee_meeting":
                # The branch's committee; a branch without one meets as a whole.
                meeting.expected_ids = (
                    branch.committee_member_ids | branch.secretary_id
                ) or members
                continue
            if meeting.kind == "member_assembly":
                approved = meeting.leave_ids.filtered(lambda leave: leave.state == "approved")
                members -= approved.member_id
                # Away from home (流动) on the date: excused, as on leave (the counting
                # table, models/party_member_status.py).
                status_of = statuses.get(meeting.date, {})
                members = members.filtered(
                    lambda m, s=status_of: s.get(m.id) not in ASSEMBLY_EXCUSED
                )
            meeting.expected_ids = members

    def init(self):
        # The burst signal: a branch's meetings by creation (party_record_signal.py).
        create_index(
            self.env.cr,
            "party_meeting_organization_create_idx",
            self._table,
            ["organization_id", "create_date"],
        )

    @api.depends("expected_ids", "attendee_ids")
    def _compute_absentee_ids(self):
        for meeting in self:
            meeting.absentee_ids = meeting.expected_ids - meeting.attendee_ids

    @api.depends("absentee_ids", "attendee_ids", "leave_ids.state", "leave_ids.member_id", "state")
    def _compute_excused_ids(self):
        """Excused: absent with an approved leave. Absent without leave (无故缺席) only
        once the meeting is held: before, the attendance is still being taken."""
        for meeting in self:
            approved = meeting.leave_ids.filtered(lambda leave: leave.state == "approved")
            # A member assembly's list leaves the excused out: they are absent all the same.
            meeting.excused_ids = approved.member_id - meeting.attendee_ids
            meeting.unexcused_ids = (
                meeting.absentee_ids - meeting.excused_ids
                if meeting.state == "done"
                else meeting.env["party.member"]
            )

    @api.depends("host_id", "absentee_ids", "organization_id", "kind")
    def _compute_absence_warning(self):
        for meeting in self:
            lines = []
            if meeting.host_id and meeting.host_id in meeting.absentee_ids:
                lines.append(_("The host %(name)s is marked absent.", name=meeting.host_id.name))
            branch = meeting.organization_id
            officers = (branch.committee_member_ids | branch.secretary_id) - meeting.host_id
            away = officers & meeting.absentee_ids
            if away and meeting.attendee_ids:
                lines.append(
                    _(
                        "Branch committee members absent: %(names)s.",
                        names="、".join(away.mapped("name")),
                    )
                )
            meeting.absence_warning = "\n".join(lines) or False

    def _compute_signin_url(self):
        # One base for the batch (get_base_url wants one record: printing the sheets
        # of several meetings failed with "Expected singleton").
        base = self[:1].get_base_url()
        for meeting in self:
            if not meeting.id or not meeting.signin_token:
                meeting.signin_url = meeting.signin_qr = False
                continue
            url = f"{base}/party/signin/{meeting.id}/{meeting.signin_token}"
            meeting.signin_url = url
            qr = (
                f"/report/barcode/?barcode_type=QR&width=440&height=440&value={quote(url, safe='')}"
            )
            meeting.signin_qr = Markup(
                '<img class="o_party_signin_qr" alt="QR" width="220" height="220" src="%s"/>'
            ) % (qr,)

    @api.depends("start")
    def _compute_signin_window(self):
        opens, closes = self._signin_minutes()
        for meeting in self:
            if not meeting.start:
                meeting.signin_open = False
                continue
            start = fields.Datetime.context_timestamp(meeting, meeting.start)
            meeting.signin_open = _(
                "%(open)s to %(close)s",
                open=(start - timedelta(minutes=opens)).strftime("%Y-%m-%d %H:%M"),
                close=(start + timedelta(minutes=closes)).strftime("%H:%M"),
            )

    @api.depends("kind", "expected_ids.state", "attendee_ids.state")
    def _compute_quorum(self):
        for meeting in self:
            if meeting.kind != "member_assembly":
                meeting.voter_count = meeting.voters_present = 0
                meeting.quorum_ok = False
                continue
            voters = meeting.expected_ids.filtered(lambda m: m.state == "full")
            meeting.voter_count = len(voters)
            meeting.voters_present = len(voters & meeting.attendee_ids)
            meeting.quorum_ok = bool(voters) and meeting.voters_present * 2 > len(voters)

    @api.depends("expected_ids", "attendee_ids")
    def _compute_counts(self):
        for meeting in self:
            meeting.attendee_count = len(meeting.attendee_ids)
            meeting.expected_count = len(meeting.expected_ids)

    @api.constrains("organization_id")
    def _check_branch(self):
        for meeting in self:
            if meeting.organization_id.kind != "branch":
                raise ValidationError(_("Meetings are held by branches."))

    @api.constrains("hours")
    def _check_hours(self):
        limit = self._max_hours()
        for meeting in self:
            if meeting.hours < 0:
                raise ValidationError(
                    _("The length of %(name)s cannot be negative.", name=meeting.name)
                )
            if meeting.hours > limit:
                raise ValidationError(
                    _(
                        "%(name)s cannot last %(hours)s hours: a meeting lasts %(limit)s hours "
                        "at most (settings).",
                        name=meeting.name,
                        hours=meeting.hours,
                        limit=limit,
                    )
                )

    @api.constrains("attendee_ids", "expected_ids", "organization_id", "start", "kind")
    def _check_attendance_in_branch(self):
        """Attendees are expected members, and the expected are members of the branch on
        the meeting's date: anyone else is a guest, recorded apart, earning nothing."""
        members_on = self._branch_members_on(
            {(meeting.organization_id.id, meeting.date) for meeting in self}
        )
        # Read as the system: the names of members outside the user's scope go into
        # the message (they typed those ids), not an access error.
        for meeting in self.sudo():
            branch = meeting.organization_id
            allowed = members_on.get((branch.id, meeting.date), branch.member_ids)
            if meeting.kind == "committee_meeting":
                allowed |= branch.committee_member_ids | branch.secretary_id
            outsiders = (meeting.expected_ids - allowed) or (
                meeting.attendee_ids - meeting.expected_ids
            )
            if outsiders:
                raise ValidationError(
                    _(
                        "%(names)s: not expected at %(meeting)s (members of %(branch)s on "
                        "%(date)s). Record guests under Guests; they earn nothing.",
                        names="、".join(outsiders.mapped("name")),
                        meeting=meeting.name,
                        branch=branch.name,
                        date=meeting.date,
                    )
                )

    @api.model
    def _default_organization(self):
        """The user's branch: the one they are a member of when they act for it, else the
        first branch they manage."""
        user = self.env.user
        branch = user.party_member_id.organization_id
        if branch and branch._user_is_officer():
            return branch
        return user.party_organization_ids.filtered(lambda org: org.kind == "branch")[:1]

    @api.model
    def _branch_members_on(self, pairs):
        """{(branch id, date): the active members of the branch on that date (joined
        by then, by their branch history)} for the given pairs: one query for the
        candidates, one per distinct date. Read as the system: the history is the
        system's and the list must not depend on who looks."""
        pairs = {(org_id, day) for org_id, day in pairs if org_id and day}
        if not pairs:
            return {}
        Member = self.env["party.member"].sudo()
        rows = (
            self.env["party.member.membership"]
            .sudo()
            .search_fetch(
                [("organization_id", "in", list({org_id for org_id, _day in pairs}))],
                ["member_id"],
            )
        )
        # Members who left the Party (archived with their date) count before that date.
        candidates = rows.member_id.filtered(lambda m: m.active or m.left_date) | Member.search(
            [("organization_id", "in", list({org_id for org_id, _day in pairs}))]
        )
        result = {}
        for day in {day for _org, day in pairs}:
            branch_of = candidates._get_organization_on(day)
            status_of = candidates._get_status_on(day)
            for org_id in {org_id for org_id, other in pairs if other == day}:
                result[org_id, day] = candidates.filtered(
                    lambda m, o=org_id, d=day, b=branch_of, s=status_of: b[m.id].id == o
                    and (not m.join_date or m.join_date <= d)
                    and s[m.id] not in MEETING_EXCLUDED
                ).with_env(self.env)
        return result

    @api.model
    def _statuses_on(self, members_on):
        """{date: {member id: status}} of the members of ``members_on`` (a query per
        distinct date)."""
        by_day = {}
        for (_org_id, day), members in members_on.items():
            by_day[day] = by_day.get(day, members.browse()) | members
        return {day: members._get_status_on(day) for day, members in by_day.items()}

    @api.model
    def _recompute_planned_lists(self, organizations, date):
        """The planned meetings of ``organizations`` from ``date`` on recompute who is
        expected (a member's status changed); held meetings keep their record."""
        meetings = self.sudo().search(
            [
                ("organization_id", "in", organizations.ids),
                ("state", "=", "draft"),
                ("date", ">=", date),
            ]
        )
        if meetings:
            # As if their date changed: the list, and what follows from it (the absentees,
            # the quorum), recompute.
            meetings.modified(["date"])
            meetings.flush_recordset()

    @api.model
    def _max_hours(self):
        return setting(self.env, *MAX_HOURS)

    @api.model
    def _min_attendees(self):
        return setting(self.env, *MIN_ATTENDEES)

    @api.model
    def _signin_minutes(self):
        """(minutes before the start, minutes after it) the sign-in is open."""
        return tuple(
            min(max(setting(self.env, *param), 0), SIGNIN_LIMIT_MINUTES)
            for param in (SIGNIN_BEFORE, SIGNIN_AFTER)
        )

    def _signin_window(self):
        """(opens, closes) of the meeting's sign-in, in UTC."""
        self.ensure_one()
        before, after = self._signin_minutes()
        return self.start - timedelta(minutes=before), self.start + timedelta(minutes=after)

    def _signin_local(self, moment):
        """``moment`` (UTC) as the member's phone shows it: in the user's time zone."""
        return fields.Datetime.context_timestamp(self, moment).strftime("%Y-%m-%d %H:%M")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_expected_list(vals, vals.get("kind", "member_assembly"))
        meetings = super().create(vals_list)
        days = setting(self.env, LATE_PARAM, LATE_DEFAULT)
        today = fields.Date.context_today(self)
        late = meetings.filtered(lambda m: m.date and (today - m.date).days > days)
        if late:
            # Whether the record came late is the system's finding.
            late.sudo().write({"late_entry": True})
        return meetings

    def write(self, vals):
        business = {f for f in vals if not f.startswith(("message_", "activity_"))}
        if "state" in vals and business - {"state"}:
            raise UserError(_("Save the meeting, then change its state."))
        if business - {"state", "late_entry"}:
            frozen = self.filtered(lambda m: m.state != "draft")
            if frozen:
                raise UserError(
                    _(
                        "%(name)s is held or cancelled: reopen it as planned to change it.",
                        name=frozen[0].name,
                    )
                )
        if "expected_ids" in vals and not self.env.su:
            for kind in {vals.get("kind")} if "kind" in vals else set(self.mapped("kind")):
                self._check_expected_list(vals, kind)
        if "attendee_ids" in vals and not self.env.su and self.signin_ids:
            raise UserError(
                _(
                    "Members signed in to %(name)s by phone: correct its attendance with "
                    "Correct Attendance, giving the reason.",
                    name=self.filtered("signin_ids")[0].name,
                )
            )
        res = super().write(vals)
        if vals.keys() & {"attendee_ids", "expected_ids", "kind", "start", "organization_id"}:
            self._recheck_resolutions()
        return res

    def _guard_prepare_values(self, vals):
        # A user's start is checked once the guard checked it is a date.
        if vals.get("start") and not self.env.su:
            self._check_start([vals["start"]])

    def action_done(self):
        """Hold the meetings: award the attendance rule's points to each attendee, as
        approved entries linked to the meeting, within the rule's caps."""
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        """Cancel the meetings; points they awarded are withdrawn (while the month
        is open)."""
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft"})

    def action_all_present(self):
        """全部出席: every expected member attends, but those on approved leave; the
        officer then unticks whoever is absent."""
        for meeting in self:
            approved = meeting.leave_ids.filtered(lambda leave: leave.state == "approved")
            meeting.write(
                {"attendee_ids": [(6, 0, (meeting.expected_ids - approved.member_id).ids)]}
            )
        return True

    def action_request_leave(self):
        """A member's 请假 from the meeting form (or their workbench): the request form
        for this meeting, for themselves."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Ask for Leave"),
            "res_model": "party.meeting.leave",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }

    def action_correct_attendance(self):
        """The officer's correction of one member's attendance, with a reason."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct Attendance"),
            "res_model": "party.meeting.signin",
            "view_mode": "form",
            "views": [
                (self.env.ref("party_quant.party_meeting_signin_view_form_correct").id, "form")
            ],
            "target": "new",
            "context": {"default_meeting_id": self.id},
        }

    def action_new_signin_token(self):
        """A new sign-in link (the old QR code stops working), e.g. after it leaked."""
        self.check_access("write")
        for meeting in self:
            if not meeting._may_officer():
                raise UserError(_("Only the branch's officers renew its sign-in link."))
        # The token is the system's secret, drawn here, never typed by a user.
        for meeting in self.sudo():
            meeting.signin_token = _new_token()
        return True

    def _signin_qr_data_uri(self):
        """The QR code of the sign-in link as a PNG data URI, for the printed sheet (no
        fetch by wkhtmltopdf). Reading the link is the officers' (an AccessError for
        anyone else, from the field's groups)."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode("QR", self.signin_url, width=600, height=600)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    def action_print_signin(self):
        self.check_access("read")
        return self.env.ref("party_quant.action_report_meeting_signin").report_action(self)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_transition(self, new_state, vals):
        for meeting in self:
            if new_state == "done" and meeting.state != "draft":
                raise UserError(_("%(name)s is not planned.", name=meeting.name))
            if new_state == "draft" and meeting.state != "cancelled":
                raise UserError(_("Only cancelled meetings are planned again."))
        res = super()._check_transition(new_state, vals)
        if new_state == "done":
            today = fields.Date.context_today(self)
            for meeting in self:
                if not meeting.attendee_ids:
                    raise UserError(_("Record who attended %(name)s first.", name=meeting.name))
                if meeting.date > today:
                    raise UserError(_("%(name)s has not been held yet.", name=meeting.name))
        elif new_state == "cancelled":
            self.point_line_ids.filtered(
                lambda line: line.state == "approved"
            )._check_closed_month()
        return res

    def _after_transition(self, moved_from, vals):
        if vals["state"] == "done":
            self._award_points()
            self._log_held()
        elif vals["state"] == "cancelled":
            lines = self.point_line_ids.filtered(lambda line: line.state == "approved")
            if lines:
                # Withdrawn by the system with the meeting they came from (approved →
                # rejected is the system's move); the totals follow.
                lines.sudo().write(
                    {"state": "rejected", "reject_reason": _("The meeting was cancelled.")}
                )

    def _log_held(self):
        """The chatter says who marked the meeting held and its attendance, in the
        language the system writes in."""
        for meeting in system_env(self):
            body = meeting.env._(
                "Marked as held by %(user)s: %(present)s of %(expected)s present, "
                "%(excused)s excused, %(unexcused)s absent without leave.",
                user=meeting.env.user.name,
                present=len(meeting.attendee_ids),
                expected=len(meeting.expected_ids),
                excused=len(meeting.excused_ids),
                unexcused=len(meeting.unexcused_ids),
            )
            if meeting.absence_warning:
                body = Markup("%s<br/>%s") % (body, meeting.absence_warning)
            meeting.message_post(body=body)

    @api.model
    def _check_expected(self, member):
        """Refuse ``member`` on this meeting unless they are expected at it (a leave
        request, a sign-in or an attendance correction)."""
        self.ensure_one()
        if member not in self.expected_ids:
            raise ValidationError(
                _(
                    "%(member)s is not expected at %(meeting)s.",
                    member=member.name,
                    meeting=self.name,
                )
            )

    @api.model
    def _check_expected_list(self, vals, kind):
        """Who should attend a member assembly decides its quorum and its votes: the
        system's list (the branch's members on the date, minus approved leave), never
        typed by a user."""
        if kind == "member_assembly" and vals.get("expected_ids"):
            raise UserError(
                _(
                    "Who should attend a member assembly is the system's list: the branch's "
                    "full and probationary members on its date, minus those on approved "
                    "leave. It cannot be typed."
                )
            )

    def _recheck_resolutions(self):
        """The votes follow the attendance and the list: a resolution whose meeting has
        lost its quorum, or has fewer members with a vote present than its votes, is
        void, with a note in the meeting's chatter (the system's finding)."""
        self.env.flush_all()
        for meeting in self.filtered("resolution_ids"):
            for resolution in meeting.resolution_ids.filtered(lambda r: not r.void):
                votes = resolution.votes_yes + resolution.votes_no + resolution.votes_abstain
                if meeting.quorum_ok and votes <= meeting.voters_present:
                    continue
                resolution.sudo().write({"void": True})
                meeting.sudo().message_post(
                    body=_(
                        "The resolution “%(motion)s” is void: %(present)s of %(voters)s "
                        "members with a vote present now, %(votes)s votes cast (more than "
                        "half of the members with a vote must be present).",
                        motion=resolution.name,
                        present=meeting.voters_present,
                        voters=meeting.voter_count,
                        votes=votes,
                    )
                )

    def _check_start(self, starts):
        """Meetings are planned at most a year ahead."""
        limit = fields.Datetime.now() + relativedelta(years=PLAN_AHEAD_YEARS)
        for start in starts:
            if start and fields.Datetime.to_datetime(start) > limit:
                raise UserError(
                    _(
                        "A meeting cannot be planned for %(date)s: at most a year ahead.",
                        date=fields.Datetime.to_datetime(start).date(),
                    )
                )

    def _award_points(self):
        """Study sessions earn the study rule; every other meeting the attendance rule.
        A meeting with fewer attendees than the setting awards nothing and raises a
        record signal."""
        lines = self.env["party.point.line"]
        minimum = self._min_attendees()
        few = self.filtered(lambda m: len(m.attendee_ids) < minimum)
        if few:
            few._signal_few_attendees(minimum)
        plausible = self - few
        for rule_xmlid, meetings in (
            ("party_quant.point_rule_study", plausible.filtered(lambda m: m.kind == "study")),
            ("party_quant.point_rule_attendance", plausible.filtered(lambda m: m.kind != "study")),
        ):
            if meetings:
                lines |= meetings._award_rule(self.env.ref(rule_xmlid))
        return lines

    def _signal_few_attendees(self, minimum):
        """No points for these meetings (fewer attendees than ``minimum``): a note on
        each and an open record signal for the reviewers (the system's)."""
        Signal = self.env["party.record.signal"].sudo()
        existing = Signal.search(
            [("kind", "=", "few_attendees"), ("key", "in", [str(m.id) for m in self])]
        )
        have = set(existing.mapped("key"))
        vals_list = []
        for meeting in self:
            reason = meeting.env._(
                "%(count)s attendees, fewer than %(minimum)s: no points awarded.",
                count=len(meeting.attendee_ids),
                minimum=minimum,
            )
            meeting.sudo().message_post(body=reason)
            if str(meeting.id) not in have:
                vals_list.append(
                    {
                        "kind": "few_attendees",
                        "key": str(meeting.id),
                        "organization_id": meeting.organization_id.id,
                        "meeting_ids": [(6, 0, meeting.ids)],
                        "reason": reason,
                    }
                )
        Signal.create(vals_list)

    def _award_rule(self, rule):
        Line = self.env["party.point.line"].sudo()
        pairs = [(meeting, member) for meeting in self for member in meeting.attendee_ids]
        if not pairs:
            return Line
        # What the cap still allows each member this month (one query).
        used = defaultdict(float)
        for member, month, points in Line._read_group(
            [
                ("state", "=", "approved"),
                ("rule_id", "=", rule.id),
                ("member_id", "in", list({m.id for _meeting, m in pairs})),
            ],
            ["member_id", "date:month"],
            ["points:sum"],
        ):
            used[member.id, month.year, month.month] += points
        vals_list, skipped = [], defaultdict(list)
        for meeting, member in pairs:
            key = (member.id, meeting.date.year, meeting.date.month)
            if rule.cap_month and used[key] + rule.points > rule.cap_month:
                skipped[meeting].append(member.name)
                continue
            used[key] += rule.points
            vals_list.append(
                {
                    "member_id": member.id,
                    "rule_id": rule.id,
                    "date": meeting.date,
                    "points": rule.points,
                    "meeting_id": meeting.id,
                    "description": meeting.name,
                }
            )
        lines = Line._create_approved(vals_list)
        for meeting, names in skipped.items():
            meeting.message_post(
                body=_(
                    "No attendance points for %(names)s: the monthly cap is reached.",
                    names=", ".join(names),
                )
            )
        return lines
