import logging
from collections import defaultdict
from datetime import timedelta
from difflib import SequenceMatcher

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_settings import SETTINGS, setting

_logger = logging.getLogger(__name__)

SIGNAL_KINDS = [
    ("late_entry", "Late Entry"),
    ("burst", "Burst of Entries"),
    ("copied_minutes", "Copied Minutes"),
    ("copied_attendance", "Reused Attendance List"),
    ("copied_attachment", "Same Attachment"),
    ("few_attendees", "Too Few Attendees"),
]
BURST_PARAMS = {
    "count": SETTINGS["burst_count"],
    "hours": SETTINGS["burst_hours"],
}
# An attendance list shorter than this is not suspicious when repeated (nor is a branch
# committee meeting's: the same few people, all present, is what should happen).
MIN_REUSED_ATTENDEES = 3
# Near-identical minutes: this alike (0-1), between meetings this many days apart at
# most, for minutes of at least this many characters.
NEAR_RATIO = 0.9
NEAR_DAYS = 120
NEAR_MIN_LENGTH = 20
# Candidates for the comparison: minutes this alike by trigrams (pg_trgm). Minutes
# NEAR_RATIO alike by difflib differ in at most a tenth of their characters, each
# changing at most three trigrams: they share well over this; difflib then decides,
# so the signals are today's, for a handful of pairs instead of every pair.
NEAR_TRIGRAM = 0.4
# When the near-identical minutes were last compared (the refresh compares only the
# meetings changed since).
REFRESHED_PARAM = "party_quant.signals_minutes_compared_at"
# The minutes as compared: tags, spaces and case aside.
NORMALIZE = """CREATE OR REPLACE FUNCTION party_meeting_minutes_text(minutes text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT lower(regexp_replace(regexp_replace(minutes, '<[^>]*>', '', 'g'), '\\s', '', 'g')) $$"""


class PartyRecordSignal(models.Model):
    """A sign that records may have been made up after the fact (突击补材料). Signals
    inform reviewers; they never block entry. A reviewer may mark one explained."""

    _name = "party.record.signal"
    _description = "Record Signal"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "state, id desc"
    # What the detection found is the system's (_refresh, through sudo); a reviewer
    # writes the note and marks the signal explained, once.
    _system_fields = frozenset({"kind", "organization_id", "meeting_ids", "key", "reason"})
    _transitions = {("open", "explained"): "reviewer"}
    _initial_state = "open"

    kind = fields.Selection(SIGNAL_KINDS, required=True, readonly=True)
    organization_id = fields.Many2one(
        "party.organization", string="Branch", readonly=True, index=True
    )
    meeting_ids = fields.Many2many("party.meeting", string="Meetings", readonly=True)
    key = fields.Char(readonly=True, index=True, help="What the signal is about, to find it again.")
    reason = fields.Text(readonly=True)
    state = fields.Selection(
        [("open", "To Explain"), ("explained", "Explained")],
        default="open",
        required=True,
        tracking=True,
    )
    note = fields.Text(tracking=True)

    @api.depends("kind", "organization_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "营业厅党支部 · 会议纪要雷同", not "party.record.signal,1"."""
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for signal in self:
            signal.display_name = " · ".join(
                part for part in (signal.organization_id.name, labels.get(signal.kind)) if part
            )

    def init(self):
        cr = self.env.cr
        cr.execute(SQL(NORMALIZE))
        # The digest of the minutes, looked up by the daily refresh (identical minutes).
        cr.execute(
            SQL(
                """CREATE INDEX IF NOT EXISTS party_meeting_minutes_digest_idx
                       ON party_meeting (md5(party_meeting_minutes_text(minutes)))
                    WHERE COALESCE(minutes, '') != ''"""
            )
        )
        if not self._has_trigram():
            try:
                with cr.savepoint():
                    cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            except psycopg2.Error:
                _logger.warning(
                    "PostgreSQL's pg_trgm extension cannot be created (it needs a superuser "
                    "or the postgresql-contrib package): near-identical minutes are "
                    "compared pairwise in Python, which is slow on large databases."
                )
        # No trigram index: the candidates are a branch's meetings within NEAR_DAYS,
        # compared once each in one query (see _near_identical_minutes); a GIN index
        # over every meeting's minutes would cost each save and serve no query here.

    def _has_trigram(self):
        self.env.cr.execute(SQL("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        return bool(self.env.cr.fetchone())

    def action_explain(self):
        self.write({"state": "explained"})

    def _may_reviewer(self):
        # The record rules and access rights give signals to the general branches and
        # the committee only; whoever may write the signal may explain it.
        return self.env.user.has_group("party_quant.group_party_general_branch")

    def _check_transition(self, new_state, vals):
        """The table, then an explanation: in the note, or written with the move."""
        res = super()._check_transition(new_state, vals)
        note = vals["note"] if "note" in vals else None
        if new_state == "explained" and any(
            not ((note if note is not None else signal.note) or "").strip() for signal in self
        ):
            raise UserError(_("Write the explanation in the note first."))
        return res

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
        # An open signal lists the meetings found now (a list reused once more, a
        # meeting gone); an explained one keeps those the reviewer explained. What the
        # detection found is the system's (_system_fields), whoever asks.
        for signal in keep.filtered(lambda s: s.state == "open").sudo():
            meeting_ids = sorted(found[signal.kind, signal.key][1])
            if sorted(signal.meeting_ids.ids) != meeting_ids:
                signal.meeting_ids = [(6, 0, meeting_ids)]
        return self.sudo().create(
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
        # The system's bookkeeping of the refresh: when it last compared the meetings
        # (none after an install or upgrade: everything is compared). An hour's
        # margin: a meeting saved by a transaction still running now is compared at
        # the next refresh.
        params = self.env["ir.config_parameter"].sudo()
        since = params.get_param(REFRESHED_PARAM)
        params.set_param(REFRESHED_PARAM, fields.Datetime.to_string(cr.now() - timedelta(hours=1)))
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
        # Held with fewer attendees than the setting (no points were awarded).
        minimum = self.env["party.meeting"]._min_attendees()
        cr.execute(
            SQL(
                """SELECT meeting.id, meeting.organization_id, COUNT(rel.member_id)
                     FROM party_meeting AS meeting
                LEFT JOIN party_meeting_attendee_rel rel ON rel.meeting_id = meeting.id
                    WHERE meeting.state = 'done'
                 GROUP BY meeting.id HAVING COUNT(rel.member_id) < %s""",
                minimum,
            )
        )
        for meeting_id, org_id, count in cr.fetchall():
            yield (
                "few_attendees",
                str(meeting_id),
                org_id,
                [meeting_id],
                _(
                    "%(count)s attendees, fewer than %(minimum)s: no points awarded.",
                    count=count,
                    minimum=minimum,
                ),
            )
        # Bursts: a branch recording many meetings within a few hours.
        cr.execute(
            SQL(
                """WITH counted AS (
                       -- how many meetings the branch recorded from each one's creation
                       -- to BURST hours later (one sort): only those of a burst are joined
                       SELECT id, organization_id, create_date,
                              COUNT(*) OVER (PARTITION BY organization_id ORDER BY create_date
                                             RANGE BETWEEN CURRENT ROW AND %(window)s FOLLOWING)
                                  AS within
                         FROM party_meeting AS meeting
                        WHERE %(active)s)
                   SELECT meeting.organization_id, array_agg(other.id ORDER BY other.id)
                     FROM counted AS meeting
                     JOIN party_meeting AS other
                       ON other.organization_id = meeting.organization_id
                      AND other.create_date >= meeting.create_date
                      AND other.create_date
                          < meeting.create_date + make_interval(hours => %(hours)s)
                      AND other.state != 'cancelled'
                    WHERE meeting.within >= %(count)s
                 GROUP BY meeting.id, meeting.organization_id
                   HAVING COUNT(other.id) >= %(count)s""",
                # the window's end is inclusive: a microsecond short of the hours
                window=SQL("make_interval(hours => %s) - INTERVAL '1 microsecond'", burst_hours),
                active=active,
                hours=burst_hours,
                count=burst_count,
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
        # Identical minutes (ignoring spaces, tags and case): every meeting the first
        # time, then the digests of the meetings changed since (by the digest index).
        identical = set()
        for digest, meeting_ids, org_id in self._identical_minutes(since):
            identical.add(frozenset(meeting_ids))
            yield ("copied_minutes", digest, org_id, meeting_ids, _("The minutes are identical."))
        yield from self._near_identical_minutes(identical, since)
        # The same attendance list, verbatim, on several meetings: every list the first
        # time, then only the lists of the meetings changed since the last refresh.
        if since:
            yield from self._reused_attendance_since(since)
        else:
            yield from self._reused_attendance()
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

    def _identical_minutes(self, since):
        """[(digest, meeting ids, branch id)] of the minutes several meetings share.
        With ``since``, only the digests of the meetings changed since and of the open
        signals holding one of them are looked up (the digest index); the open
        signals of unchanged meetings stand (their minutes, their digest, are the
        same)."""
        cr = self.env.cr
        digest = SQL("md5(party_meeting_minutes_text(meeting.minutes))")
        where = SQL("meeting.state != 'cancelled' AND COALESCE(meeting.minutes, '') != ''")
        if not since:
            cr.execute(
                SQL(
                    """SELECT %s AS digest, array_agg(id ORDER BY id), MIN(organization_id)
                         FROM party_meeting AS meeting
                        WHERE %s
                     GROUP BY digest HAVING COUNT(*) > 1""",
                    digest,
                    where,
                )
            )
            return cr.fetchall()
        cr.execute(
            SQL(
                """WITH signals AS (
                       SELECT signal.key, bool_or(meeting.write_date >= %(since)s) AS touched,
                              array_agg(meeting.id ORDER BY meeting.id) AS meeting_ids,
                              MIN(meeting.organization_id) AS organization_id
                         FROM party_record_signal AS signal
                         JOIN party_meeting_party_record_signal_rel AS link
                           ON link.party_record_signal_id = signal.id
                         JOIN party_meeting AS meeting ON meeting.id = link.party_meeting_id
                        WHERE signal.kind = 'copied_minutes' AND signal.state = 'open'
                          AND strpos(signal.key, ',') = 0
                     GROUP BY signal.key),
                   digests AS (
                       SELECT %(digest)s AS digest FROM party_meeting AS meeting
                        WHERE meeting.write_date >= %(since)s
                          AND COALESCE(meeting.minutes, '') != ''
                       UNION
                       SELECT key FROM signals WHERE touched)
                   SELECT %(digest)s, array_agg(meeting.id ORDER BY meeting.id),
                          MIN(meeting.organization_id)
                     FROM party_meeting AS meeting
                    -- an array, not IN (subquery): the planner then takes the index
                    WHERE %(digest)s = ANY(ARRAY(SELECT digest FROM digests)) AND %(where)s
                 GROUP BY 1 HAVING COUNT(*) > 1
                   UNION ALL
                   SELECT key, meeting_ids, organization_id FROM signals
                    WHERE NOT touched AND cardinality(meeting_ids) > 1""",
                since=since,
                digest=digest,
                where=where,
            )
        )
        return cr.fetchall()

    def _attendance_reason(self, attendees):
        return _("The same %(count)s attendees, verbatim.", count=len(attendees.split(",")))

    def _reused_attendance(self):
        """Every meeting's attendance list, grouped (one query over every attendance)."""
        cr = self.env.cr
        active = SQL("meeting.state != 'cancelled'")
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
                self._attendance_reason(attendees),
            )

    def _reused_attendance_since(self, since):
        """The reused attendance lists, reading only the attendances of the meetings
        changed since ``since`` (three queries). The meetings of a list change with
        their ``write_date`` (attendees, state, kind): the lists of unchanged meetings
        are today's, so a signal's unchanged meetings still share its list (its key),
        and an unchanged meeting sharing a changed one's list that no signal holds yet
        has the same first and last attendee (found by the attendance index)."""
        cr = self.env.cr
        # The changed meetings' lists (those that count: active, not the committee's).
        cr.execute(
            SQL(
                """SELECT rel.meeting_id, meeting.organization_id,
                          string_agg(rel.member_id::text, ',' ORDER BY rel.member_id),
                          MIN(rel.member_id), MAX(rel.member_id)
                     FROM party_meeting AS meeting
                     JOIN party_meeting_attendee_rel AS rel ON rel.meeting_id = meeting.id
                    WHERE meeting.write_date >= %s AND meeting.state != 'cancelled'
                      AND meeting.kind != 'committee_meeting'
                 GROUP BY rel.meeting_id, meeting.organization_id
                   HAVING COUNT(*) >= %s""",
                since,
                MIN_REUSED_ATTENDEES,
            )
        )
        changed = cr.fetchall()
        # The open signals' meetings unchanged since: their list is still the key (the
        # refresh keeps an open signal's meetings those found; an explained one keeps
        # those explained, so its meetings are not taken as the list's).
        cr.execute(
            SQL(
                """SELECT signal.key, MIN(meeting.organization_id),
                          array_agg(meeting.id) FILTER (WHERE meeting.write_date < %s)
                     FROM party_record_signal AS signal
                     JOIN party_meeting_party_record_signal_rel AS link
                       ON link.party_record_signal_id = signal.id
                     JOIN party_meeting AS meeting ON meeting.id = link.party_meeting_id
                    WHERE signal.kind = 'copied_attendance' AND signal.state = 'open'
                 GROUP BY signal.key""",
                since,
            )
        )
        groups = {  # {attendees: [branch ids, meeting ids]}
            key: [{org_id}, set(unchanged or ())] for key, org_id, unchanged in cr.fetchall()
        }
        held = set(groups)
        for meeting_id, org_id, attendees, _first, _last in changed:
            group = groups.setdefault(attendees, [set(), set()])
            group[0].add(org_id)
            group[1].add(meeting_id)
        # Lists no signal held: the unchanged meetings with the same first and last
        # attendee, compared whole.
        unheld = [
            (first, last) for _m, _o, attendees, first, last in changed if attendees not in held
        ]
        if unheld:
            firsts, lasts = zip(*unheld, strict=True)
            cr.execute(
                SQL(
                    """WITH ends AS (SELECT DISTINCT * FROM unnest(%s::int[], %s::int[])
                                                        AS ends(first, last)),
                            candidates AS (
                                SELECT DISTINCT first_rel.meeting_id
                                  FROM ends
                                  JOIN party_meeting_attendee_rel AS first_rel
                                    ON first_rel.member_id = ends.first
                                  JOIN party_meeting_attendee_rel AS last_rel
                                    ON last_rel.member_id = ends.last
                                   AND last_rel.meeting_id = first_rel.meeting_id)
                       SELECT rel.meeting_id, meeting.organization_id,
                              string_agg(rel.member_id::text, ',' ORDER BY rel.member_id)
                         FROM candidates
                         JOIN party_meeting AS meeting ON meeting.id = candidates.meeting_id
                         JOIN party_meeting_attendee_rel AS rel ON rel.meeting_id = meeting.id
                        WHERE meeting.write_date < %s AND meeting.state != 'cancelled'
                          AND meeting.kind != 'committee_meeting'
                     GROUP BY rel.meeting_id, meeting.organization_id""",
                    list(firsts),
                    list(lasts),
                    since,
                )
            )
            for meeting_id, org_id, attendees in cr.fetchall():
                if attendees in groups:
                    groups[attendees][0].add(org_id)
                    groups[attendees][1].add(meeting_id)
        for attendees, (org_ids, meeting_ids) in groups.items():
            if len(meeting_ids) > 1:
                yield (
                    "copied_attendance",
                    attendees,
                    min(org_ids - {None}, default=None),
                    sorted(meeting_ids),
                    self._attendance_reason(attendees),
                )

    def _near_identical_minutes(self, identical, since):
        """Pairs of meetings of one branch, within NEAR_DAYS of each other, whose
        minutes are at least NEAR_RATIO alike. The first time, every pair (difflib);
        then, with pg_trgm, only pairs with a meeting changed since the last
        comparison, found by trigram similarity in one query and confirmed by difflib;
        the pairs of unchanged meetings keep their signals."""
        if not self._has_trigram():
            _logger.warning("pg_trgm is missing: near-identical minutes compared pairwise.")
            yield from self._near_identical_pairwise(identical)
            return
        cr = self.env.cr
        if not since:
            # The first comparison (after an install or upgrade) takes every pair:
            # difflib's quick ratio rejects most of them faster than trigrams would.
            yield from self._near_identical_pairwise(identical)
            return
        cr.execute(
            SQL(
                """WITH changed AS MATERIALIZED (
                       SELECT id, organization_id, date, minutes
                         FROM party_meeting
                        WHERE write_date >= %(since)s AND state != 'cancelled'
                          AND COALESCE(minutes, '') != ''),
                   pairs AS MATERIALIZED (
                       -- each changed meeting with the other meetings of its branch
                       -- within NEAR_DAYS (a pair of two changed meetings once); the
                       -- minutes normalised for these pairs only
                       SELECT changed.id AS changed_id, other.id AS other_id,
                              changed.organization_id,
                              (changed.date, changed.id) < (other.date, other.id) AS ordered,
                              party_meeting_minutes_text(changed.minutes) AS changed_text,
                              party_meeting_minutes_text(other.minutes) AS other_text
                         FROM changed
                         JOIN party_meeting AS other
                           ON other.organization_id = changed.organization_id
                          AND other.id != changed.id
                          AND other.date BETWEEN changed.date - %(days)s
                                             AND changed.date + %(days)s
                          AND other.state != 'cancelled' AND COALESCE(other.minutes, '') != ''
                        WHERE other.write_date < %(since)s
                           OR (changed.date, changed.id) < (other.date, other.id))
                   SELECT CASE WHEN ordered THEN changed_id ELSE other_id END,
                          CASE WHEN ordered THEN other_id ELSE changed_id END,
                          organization_id,
                          CASE WHEN ordered THEN changed_text ELSE other_text END,
                          CASE WHEN ordered THEN other_text ELSE changed_text END
                     FROM pairs
                    WHERE length(changed_text) >= %(length)s AND length(other_text) >= %(length)s
                      AND changed_text != other_text
                      AND similarity(changed_text, other_text) >= %(trigram)s""",
                trigram=NEAR_TRIGRAM,
                since=since,
                days=NEAR_DAYS,
                length=NEAR_MIN_LENGTH,
            )
        )
        for first_id, second_id, org_id, first_text, second_text in cr.fetchall():
            if frozenset((first_id, second_id)) in identical:
                continue
            yield from self._near_signal(org_id, first_id, second_id, first_text, second_text)
        # The pairs of meetings unchanged since: their open signals stand.
        cr.execute(
            SQL(
                """SELECT signal.key, signal.organization_id, signal.reason
                     FROM party_record_signal AS signal
                    WHERE signal.kind = 'copied_minutes' AND strpos(signal.key, ',') > 0
                      AND NOT EXISTS (
                          SELECT 1 FROM party_meeting AS meeting
                           WHERE meeting.id = ANY(string_to_array(signal.key, ',')::int[])
                             AND (meeting.write_date >= %s OR meeting.state = 'cancelled'))
                      AND (SELECT COUNT(*) FROM party_meeting AS meeting
                            WHERE meeting.id = ANY(string_to_array(signal.key, ',')::int[])) = 2""",
                since,
            )
        )
        for key, org_id, reason in cr.fetchall():
            yield ("copied_minutes", key, org_id, [int(i) for i in key.split(",")], reason)

    def _near_signal(self, org_id, first_id, second_id, first_text, second_text):
        matcher = SequenceMatcher(None, first_text, second_text, autojunk=False)
        if matcher.quick_ratio() >= NEAR_RATIO and matcher.ratio() >= NEAR_RATIO:
            yield (
                "copied_minutes",
                f"{first_id},{second_id}",
                org_id,
                [first_id, second_id],
                _("The minutes are %(percent)s%% alike.", percent=round(matcher.ratio() * 100)),
            )

    def _near_identical_pairwise(self, identical):
        """Without pg_trgm: every pair of a branch's minutes within NEAR_DAYS."""
        self.env.cr.execute(
            SQL(
                """SELECT id, organization_id, date, party_meeting_minutes_text(minutes)
                     FROM party_meeting
                    WHERE state != 'cancelled' AND COALESCE(minutes, '') != ''
                 ORDER BY organization_id, date, id"""
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
                    yield from self._near_signal(
                        org_id, first_id, second_id, first_text, second_text
                    )

    @api.model
    def _cron_refresh(self):
        created = self._refresh()
        self.env["ir.cron"]._notify_progress(done=len(created), remaining=0)
