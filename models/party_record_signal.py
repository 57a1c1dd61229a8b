from collections import defaultdict
from difflib import SequenceMatcher

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_settings import setting

SIGNAL_KINDS = [
    ("late_entry", "Late Entry"),
    ("burst", "Burst of Entries"),
    ("copied_minutes", "Copied Minutes"),
    ("copied_attendance", "Reused Attendance List"),
    ("copied_attachment", "Same Attachment"),
]
BURST_PARAMS = {
    "count": ("party_quant.burst_count", 5),
    "hours": ("party_quant.burst_hours", 48),
}
# An attendance list shorter than this is not suspicious when repeated (nor is a branch
# committee meeting's: the same few people, all present, is what should happen).
MIN_REUSED_ATTENDEES = 3
# Near-identical minutes: this alike (0-1), between meetings this many days apart at
# most, for minutes of at least this many characters.
NEAR_RATIO = 0.9
NEAR_DAYS = 120
NEAR_MIN_LENGTH = 20


class PartyRecordSignal(models.Model):
    """A sign that records may have been made up after the fact (突击补材料). Signals
    inform reviewers; they never block entry. A reviewer may mark one explained."""

    _name = "party.record.signal"
    _description = "Record Signal"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "state, id desc"

    kind = fields.Selection(SIGNAL_KINDS, required=True, readonly=True)
    organization_id = fields.Many2one(
        "party.organization", string="Branch", readonly=True, index=True
    )
    meeting_ids = fields.Many2many("party.meeting", string="Meetings", readonly=True)
    key = fields.Char(readonly=True, index=True, help="What the signal is about, to find it again.")
    reason = fields.Text(readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("explained", "Explained")], default="open", required=True, tracking=True
    )
    note = fields.Text(tracking=True)

    def action_explain(self):
        if self.filtered(lambda s: not (s.note or "").strip()):
            raise UserError(_("Write the explanation in the note first."))
        self.write({"state": "explained"})

    @api.model
    def _refresh(self):
        """Recompute the signals from the meetings (a few queries whatever the number
        of records): new ones are added, those no longer found are dropped unless a
        reviewer explained them."""
        self.env["party.meeting"].flush_model()
        self.env["ir.attachment"].flush_model(["checksum"])
        found = {}
        for kind, key, org_id, meeting_ids, reason in self._detect():
            found[kind, key] = (org_id, meeting_ids, reason)
        existing = self.search([])
        keep = existing.filtered(lambda s: (s.kind, s.key) in found or s.state == "explained")
        (existing - keep).unlink()
        have = {(s.kind, s.key) for s in keep}
        return self.create(
            [
                {
                    "kind": kind,
                    "key": key,
                    "organization_id": org_id,
                    "meeting_ids": [(6, 0, meeting_ids)],
                    "reason": reason,
                }
                for (kind, key), (org_id, meeting_ids, reason) in found.items()
                if (kind, key) not in have
            ]
        )

    def _detect(self):
        """Yield (kind, key, branch id, meeting ids, reason) for every signal."""
        cr = self.env.cr
        burst_count = setting(self.env, *BURST_PARAMS["count"])
        burst_hours = setting(self.env, *BURST_PARAMS["hours"])
        active = SQL("meeting.state != 'cancelled'")
        cr.execute(
            SQL(
                """SELECT id, organization_id, date, create_date::date FROM party_meeting AS meeting
                    WHERE late_entry AND %s""",
                active,
            )
        )
        for meeting_id, org_id, date, created in cr.fetchall():
            yield (
                "late_entry",
                str(meeting_id),
                org_id,
                [meeting_id],
                _("Held on %(date)s, recorded on %(created)s.", date=date, created=created),
            )
        # Bursts: a branch recording many meetings within a few hours.
        cr.execute(
            SQL(
                """SELECT meeting.organization_id, array_agg(other.id ORDER BY other.id)
                     FROM party_meeting AS meeting
                     JOIN party_meeting AS other
                       ON other.organization_id = meeting.organization_id
                      AND other.create_date >= meeting.create_date
                      AND other.create_date < meeting.create_date + make_interval(hours => %s)
                      AND other.state != 'cancelled'
                    WHERE %s
                 GROUP BY meeting.id, meeting.organization_id
                   HAVING COUNT(other.id) >= %s""",
                burst_hours,
                active,
                burst_count,
            )
        )
        seen = set()
        for org_id, meeting_ids in cr.fetchall():
            key = ",".join(map(str, meeting_ids))
            if any(set(meeting_ids) <= other for other in seen):
                continue
            seen.add(frozenset(meeting_ids))
            yield (
                "burst",
                key,
                org_id,
                meeting_ids,
                _(
                    "%(count)s meetings recorded within %(hours)s hours.",
                    count=len(meeting_ids),
                    hours=burst_hours,
                ),
            )
        # Identical minutes (ignoring spaces, tags and case).
        cr.execute(
            SQL(
                """SELECT md5(lower(regexp_replace(regexp_replace(minutes, '<[^>]*>', '', 'g'),
                                                   '\\s', '', 'g'))) AS digest,
                          array_agg(id ORDER BY id), MIN(organization_id)
                     FROM party_meeting AS meeting
                    WHERE %s AND COALESCE(minutes, '') != ''
                 GROUP BY digest HAVING COUNT(*) > 1""",
                active,
            )
        )
        identical = set()
        for digest, meeting_ids, org_id in cr.fetchall():
            identical.add(frozenset(meeting_ids))
            yield ("copied_minutes", digest, org_id, meeting_ids, _("The minutes are identical."))
        yield from self._near_identical_minutes(identical)
        # The same attendance list, verbatim, on several meetings.
        cr.execute(
            SQL(
                """SELECT attendees, array_agg(meeting_id ORDER BY meeting_id), MIN(organization_id)
                     FROM (SELECT rel.meeting_id, meeting.organization_id,
                                  string_agg(rel.member_id::text, ',' ORDER BY rel.member_id)
                                      AS attendees,
                                  COUNT(*) AS size
                             FROM party_meeting_attendee_rel AS rel
                             JOIN party_meeting AS meeting ON meeting.id = rel.meeting_id
                            WHERE %s AND meeting.kind != 'committee_meeting'
                         GROUP BY rel.meeting_id, meeting.organization_id) AS lists
                    WHERE size >= %s
                 GROUP BY attendees HAVING COUNT(*) > 1""",
                active,
                MIN_REUSED_ATTENDEES,
            )
        )
        for attendees, meeting_ids, org_id in cr.fetchall():
            yield (
                "copied_attendance",
                attendees,
                org_id,
                meeting_ids,
                _("The same %(count)s attendees, verbatim.", count=len(attendees.split(","))),
            )
        # The same file (by checksum) attached to different meetings.
        cr.execute(
            SQL(
                """SELECT attachment.checksum, array_agg(DISTINCT rel.meeting_id),
                          MIN(meeting.organization_id), MIN(attachment.name)
                     FROM party_meeting_ir_attachment_rel AS rel
                     JOIN ir_attachment AS attachment ON attachment.id = rel.attachment_id
                     JOIN party_meeting AS meeting ON meeting.id = rel.meeting_id
                    WHERE %s AND attachment.checksum IS NOT NULL
                 GROUP BY attachment.checksum HAVING COUNT(DISTINCT rel.meeting_id) > 1""",
                active,
            )
        )
        for checksum, meeting_ids, org_id, name in cr.fetchall():
            yield (
                "copied_attachment",
                checksum,
                org_id,
                sorted(meeting_ids),
                _("The same file (%(name)s) is attached to each.", name=name),
            )

    def _near_identical_minutes(self, identical):
        """Pairs of meetings of one branch, within NEAR_DAYS of each other, whose
        minutes are at least NEAR_RATIO alike (one query, then text comparison of
        those pairs only)."""
        self.env.cr.execute(
            SQL(
                """SELECT id, organization_id, date,
                          lower(regexp_replace(regexp_replace(minutes, '<[^>]*>', '', 'g'),
                                               '\\s', '', 'g'))
                     FROM party_meeting
                    WHERE state != 'cancelled' AND COALESCE(minutes, '') != ''
                 ORDER BY organization_id, date"""
            )
        )
        by_branch = defaultdict(list)
        for meeting_id, org_id, date, text in self.env.cr.fetchall():
            if len(text) >= NEAR_MIN_LENGTH:
                by_branch[org_id].append((meeting_id, date, text))
        for org_id, meetings in by_branch.items():
            for index, (first_id, first_date, first_text) in enumerate(meetings):
                for second_id, second_date, second_text in meetings[index + 1 :]:
                    if (second_date - first_date).days > NEAR_DAYS:
                        break
                    if first_text == second_text or frozenset((first_id, second_id)) in identical:
                        continue
                    matcher = SequenceMatcher(None, first_text, second_text, autojunk=False)
                    if matcher.quick_ratio() >= NEAR_RATIO and matcher.ratio() >= NEAR_RATIO:
                        yield (
                            "copied_minutes",
                            f"{first_id},{second_id}",
                            org_id,
                            [first_id, second_id],
                            _(
                                "The minutes are %(percent)s%% alike.",
                                percent=round(matcher.ratio() * 100),
                            ),
                        )

    @api.model
    def _cron_refresh(self):
        created = self._refresh()
        self.env["ir.cron"]._notify_progress(done=len(created), remaining=0)
