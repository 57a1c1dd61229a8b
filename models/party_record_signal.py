import hashlib
import logging
from bisect import bisect_left
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from difflib import SequenceMatcher

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, create_index

from .party_guard import CHAR_LIMIT
from .party_point_report import statement_triggers
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
# Candidates for the comparison, proven to hold every pair difflib finds NEAR_RATIO
# alike (so the signals are those of comparing every pair, for a handful of pairs):
# - lengths: difflib's ratio is at most 2·min(la, lb) / (la + lb) (its real_quick_ratio);
# - trigrams: a ratio r = 2M/T (M characters matched, T = la + lb) comes from at most
#   d + 1 matching blocks, d = T - 2M the unmatched characters; a block of k characters
#   holds k - 2 trigrams both minutes share, so they share at least M - 2(d + 1) =
#   5M - 2T - 2 >= T/4 - 2 trigrams (counted with repeats: each trigram is stored with
#   its occurrence number, "abc:1", "abc:2", so that a set intersection counts repeats).
#   One of SLACK for a hash shared by two trigrams of the same minutes.
NEAR_GRAMS_SLACK = 1
# When the near-identical minutes were last compared (the refresh compares only the
# meetings changed since).
REFRESHED_PARAM = "party_quant.signals_minutes_compared_at"
# The settings the last refresh found its signals with (when one changes, the next
# refresh compares everything again).
SETTINGS_PARAM = "party_quant.signals_compared_settings"
# The kinds a meeting's change reaches only around it (its own late entry and
# attendance, the bursts of its branch around its creation): the next day's refresh
# reconsiders only those of their signals (the others of the kinds detected whole).
INCREMENTAL_KINDS = ("late_entry", "few_attendees", "burst")
# The longest key (the guard's limit for a Char): a longer one is its md5.
KEY_LIMIT = CHAR_LIMIT
# The keys of the inspections' bursts (party_inspection_signal.py), detected whole.
INSPECTION_KEYS = "inspection:%"
# A whole branch's history, as a range of creation dates.
WHOLE = (datetime(1900, 1, 1), datetime(9000, 1, 1))
# Meetings a statement when every signature is computed again (_signature_rebuild).
REBUILD_BATCH = 5000
# Meetings whose minutes the near-identical comparison holds at a time (whole branches).
NEAR_BATCH = 5000
# The minutes as compared: tags, spaces and case aside.
NORMALIZE = """CREATE OR REPLACE FUNCTION party_meeting_minutes_text(minutes text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT lower(regexp_replace(regexp_replace(minutes, '<[^>]*>', '', 'g'), '\\s', '', 'g')) $$"""
# The schema of intarray (its operators kept off the search path: they would shadow
# PostgreSQL's own on integer arrays).
INTARRAY_SCHEMA = "party_quant_intarray"
# What each meeting's minutes and attendance list are, computed once when they change
# (statement-level triggers on the meetings and their attendances: whatever writes them,
# the ORM or SQL, one set-based statement per batch) and read by the refresh through
# indexes: the digests of the normalised minutes and of the attendance list (the
# md5 of the signal's key), their lengths, the minutes' trigrams.
SIGNATURE_TABLE = """
CREATE TABLE IF NOT EXISTS party_meeting_signature (
    meeting_id integer PRIMARY KEY REFERENCES party_meeting (id) ON DELETE CASCADE,
    minutes_length integer NOT NULL DEFAULT 0,
    minutes_digest varchar,
    minutes_grams integer[],
    attendance_digest varchar,
    attendance_count integer NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS party_meeting_signature_minutes
    ON party_meeting_signature (minutes_digest) WHERE minutes_digest IS NOT NULL;
CREATE INDEX IF NOT EXISTS party_meeting_signature_attendance
    ON party_meeting_signature (attendance_digest) WHERE attendance_digest IS NOT NULL;
"""
# The minutes' part of a meeting changes with its minutes only (a trigger on an update
# with transition tables takes no column list: the rows are compared).
MEETING_TRIGGERS = """
CREATE OR REPLACE FUNCTION party_meeting_signature_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {insert};
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_meeting_signature_insert ON party_meeting;
CREATE TRIGGER party_meeting_signature_insert AFTER INSERT ON party_meeting
    REFERENCING NEW TABLE AS new_meetings
    FOR EACH STATEMENT EXECUTE FUNCTION party_meeting_signature_insert();
CREATE OR REPLACE FUNCTION party_meeting_signature_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {update};
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS party_meeting_signature_update ON party_meeting;
CREATE TRIGGER party_meeting_signature_update AFTER UPDATE ON party_meeting
    REFERENCING OLD TABLE AS old_meetings NEW TABLE AS new_meetings
    FOR EACH STATEMENT EXECUTE FUNCTION party_meeting_signature_update();
"""
# The minutes part of the meetings selected by %(rows)s (id, minutes), set-based: the
# trigrams of all of them with their occurrence numbers, hashed, one array a meeting.
MINUTES_UPSERT = """
WITH normalised AS MATERIALIZED (
    SELECT id, COALESCE(minutes, '') != '' AS present,
           party_meeting_minutes_text(COALESCE(minutes, '')) AS text
      FROM (%(rows)s) AS changed),
characters AS (
    SELECT normalised.id, split.c, split.i
      FROM normalised, regexp_split_to_table(normalised.text, '') WITH ORDINALITY AS split(c, i)
     WHERE normalised.present AND length(normalised.text) >= %(length)s),
trigrams AS (
    -- each character with the two after it (rows of a character: an array of the
    -- minutes' characters subscripted per trigram carried the whole array along,
    -- gigabytes of temporary files for a few thousand long minutes)
    SELECT id, trigram
      FROM (SELECT id, c || lead(c, 1) OVER w || lead(c, 2) OVER w AS trigram
              FROM characters WINDOW w AS (PARTITION BY id ORDER BY i)) AS following
     WHERE trigram IS NOT NULL),
grams AS (
    SELECT id, array_agg(gram ORDER BY gram) AS grams
      FROM (SELECT id, hashtext(trigram || ':' || row_number() OVER (PARTITION BY id, trigram))
                       AS gram
              FROM trigrams) AS hashed
     GROUP BY id)
INSERT INTO party_meeting_signature AS signature
       (meeting_id, minutes_length, minutes_digest, minutes_grams)
SELECT normalised.id, length(normalised.text),
       CASE WHEN normalised.present THEN md5(normalised.text) END, grams.grams
  FROM normalised LEFT JOIN grams ON grams.id = normalised.id
    ON CONFLICT (meeting_id) DO UPDATE
   SET minutes_length = EXCLUDED.minutes_length, minutes_digest = EXCLUDED.minutes_digest,
       minutes_grams = EXCLUDED.minutes_grams
"""
# The attendance part of the meetings selected by %s (meeting_id).
ATTENDANCE_UPSERT = """
INSERT INTO party_meeting_signature AS signature
       (meeting_id, attendance_digest, attendance_count)
SELECT meeting.id, md5(string_agg(rel.member_id::text, ',' ORDER BY rel.member_id)),
       COUNT(rel.member_id)
  FROM (SELECT DISTINCT meeting_id FROM (%s) AS changed) AS changed
  JOIN party_meeting AS meeting ON meeting.id = changed.meeting_id
  LEFT JOIN party_meeting_attendee_rel AS rel ON rel.meeting_id = meeting.id
 GROUP BY meeting.id
    ON CONFLICT (meeting_id) DO UPDATE
   SET attendance_digest = EXCLUDED.attendance_digest,
       attendance_count = EXCLUDED.attendance_count
"""


def _signal_key(text):
    """A signal's key: the text (the meetings' or members' ids), or its md5 when it is
    too long for a key (a list of hundreds: the md5 is the attendance list's digest)."""
    return text if len(text) <= KEY_LIMIT else hashlib.md5(text.encode()).hexdigest()


def _merged(spans):
    """The (low, high) ranges, overlapping ones merged, in order."""
    merged = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _within(spans, moment, before=timedelta(0)):
    """Whether ``moment`` falls in one of the open ranges, each begun ``before``
    earlier."""
    return any(low - before < moment < high for low, high in spans)


def _burst_windows(meetings, count, window, ranges=None):
    """(branch id, meeting ids) of each burst among ``meetings`` ((branch id, meeting
    id, creation) ordered by branch, creation and id): the meetings created in
    [c, c + window) from a meeting's creation c, at least ``count`` of them, and not
    inside the window of an earlier meeting (windows end no earlier as they begin later,
    so an inner one ends where the one before it does). With ``ranges`` ({branch id:
    [(low, high)]}), ``meetings`` are those created within a window of the ranges; the
    windows begun within a window before a range are whole, and those begun in a range
    are found."""
    start = 0
    while start < len(meetings):
        org_id = meetings[start][0]
        end = start
        while end < len(meetings) and meetings[end][0] == org_id:
            end += 1
        branch = meetings[start:end]
        start = end
        spans = None if ranges is None else ranges.get(org_id, ())
        created = [row[2] for row in branch]
        previous_end = None
        for moment in created:
            if spans is not None and not _within(spans, moment, window):
                continue  # a window that may reach past the meetings read
            first, last = bisect_left(created, moment), bisect_left(created, moment + window)
            if last - first < count or last == previous_end:
                continue
            previous_end = last
            if spans is None or _within(spans, moment):
                yield org_id, sorted(row[1] for row in branch[first:last])


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
        # The stored digest replaces the expression index of the earlier refresh (it
        # normalised the minutes at every save and every lookup).
        cr.execute(SQL("DROP INDEX IF EXISTS party_meeting_minutes_digest_idx"))
        for extension, schema in (("pg_trgm", None), ("intarray", INTARRAY_SCHEMA)):
            if self._extension_schema(extension):
                continue
            try:
                with cr.savepoint():
                    if schema:
                        cr.execute(SQL("CREATE SCHEMA IF NOT EXISTS %s", SQL.identifier(schema)))
                    cr.execute(
                        SQL(
                            "CREATE EXTENSION IF NOT EXISTS %s %s",
                            SQL.identifier(extension),
                            SQL("SCHEMA %s", SQL.identifier(schema)) if schema else SQL(),
                        )
                    )
            except psycopg2.Error:
                _logger.warning(
                    "PostgreSQL's %s extension cannot be created (it needs the "
                    "postgresql-contrib package): near-identical minutes are compared "
                    "pairwise in Python, which is slow on large databases.",
                    extension,
                )
        # The next day's refresh reads the meetings changed since the last one.
        create_index(cr, "party_meeting_write_date_idx", "party_meeting", ["write_date"])
        # The meetings of a branch within NEAR_DAYS of a changed one: one range of this
        # index (a bitmap of the branch's and one of every branch's meetings in the 240
        # days, 50,000 entries, were read for each changed meeting: 3.7 s of the next
        # day's 5 s on the company's data, 0.3 s with it).
        create_index(
            cr, "party_meeting_organization_date_idx", "party_meeting", ["organization_id", "date"]
        )
        created = not self._table_exists()
        cr.execute(SQL(SIGNATURE_TABLE))
        changed_minutes = SQL(
            """SELECT new_meetings.id, new_meetings.minutes
                 FROM new_meetings JOIN old_meetings ON old_meetings.id = new_meetings.id
                WHERE new_meetings.minutes IS DISTINCT FROM old_meetings.minutes"""
        )
        cr.execute(
            SQL(
                MEETING_TRIGGERS.format(
                    insert=self._minutes_upsert(SQL("SELECT id, minutes FROM new_meetings")).code,
                    update=self._minutes_upsert(changed_minutes).code,
                )
            )
        )
        cr.execute(
            SQL(
                statement_triggers(
                    "party_meeting_signature_attendance",
                    "party_meeting_attendee_rel",
                    ATTENDANCE_UPSERT,
                    "SELECT meeting_id FROM old_attendees",
                    "SELECT meeting_id FROM new_attendees",
                    "old_attendees",
                    "new_attendees",
                )
            )
        )
        if created:
            # An install or the upgrade that brings the table: every meeting's
            # signature, set-based (what the triggers keep from now on).
            self._signature_rebuild()

    def _table_exists(self):
        self.env.cr.execute(SQL("SELECT to_regclass('party_meeting_signature') IS NOT NULL"))
        return self.env.cr.fetchone()[0]

    def _minutes_upsert(self, rows):
        return SQL(
            MINUTES_UPSERT.replace("%(length)s", str(NEAR_MIN_LENGTH)).replace("%(rows)s", "%s"),
            rows,
        )

    def _signature_rebuild(self):
        """Every meeting's signature from its minutes and attendances (two statements;
        the triggers keep it after). In `odoo-bin shell`, after a change of how the
        minutes are compared: ``env["party.record.signal"]._signature_rebuild()``."""
        cr = self.env.cr
        self.env["party.meeting"].flush_model()
        cr.execute(SQL("DELETE FROM party_meeting_signature"))
        # The minutes by batches of meetings: the trigrams of all of them at once are
        # a sort of tens of millions of rows (gigabytes of temporary files).
        cr.execute(SQL("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM party_meeting"))
        first, last = cr.fetchone()
        for low in range(first, last + 1, REBUILD_BATCH):
            cr.execute(
                self._minutes_upsert(
                    SQL(
                        "SELECT id, minutes FROM party_meeting WHERE id >= %s AND id < %s",
                        low,
                        low + REBUILD_BATCH,
                    )
                )
            )
        cr.execute(
            SQL(ATTENDANCE_UPSERT.replace("%s", "SELECT id AS meeting_id FROM party_meeting"))
        )

    def _extension_schema(self, extension):
        self.env.cr.execute(
            SQL(
                """SELECT nspname FROM pg_extension
                     JOIN pg_namespace ON pg_namespace.oid = extnamespace
                    WHERE extname = %s""",
                extension,
            )
        )
        row = self.env.cr.fetchone()
        return row and row[0]

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
        reviewer explained them. After the first refresh only what the meetings changed
        since the last one can affect is read and compared (see ``_detect``); the
        other signals stand, as a full computation would find them."""
        self.env["party.meeting"].flush_model()
        self.env["ir.attachment"].flush_model(["checksum"])
        since = self._compared_since()
        found, scope = {}, set()
        for kind, key, org_id, meeting_ids, reason in self._detect(since, scope):
            found[kind, key] = (org_id, meeting_ids, reason)
        if since:
            # The signals reconsidered: every signal of the kinds detected whole, those
            # of the incremental kinds the changes reach (scope), and any whose key was
            # found again (an explained one stays; none is made twice).
            keys = [key for (_kind, key) in found]
            existing = self.search(
                [
                    "|",
                    "|",
                    "|",
                    ("id", "in", list(scope)),
                    ("key", "in", keys),
                    ("kind", "not in", INCREMENTAL_KINDS),
                    ("key", "=like", INSPECTION_KEYS),  # an inspection's burst: whole
                ]
            )
        else:
            existing = self.search([])
        keep = existing.filtered(lambda s: (s.kind, s.key) in found or s.state == "explained")
        (existing - keep).unlink()
        have = {(s.kind, s.key) for s in keep}
        # An open signal lists the meetings found now (a list reused once more, a
        # meeting gone), their branch and the reason as found now (a count changed);
        # an explained one keeps what the reviewer explained. What the detection found
        # is the system's (_system_fields), whoever asks.
        for signal in keep.filtered(lambda s: s.state == "open").sudo():
            org_id, meeting_ids, reason = found[signal.kind, signal.key]
            vals = {}
            if sorted(signal.meeting_ids.ids) != sorted(meeting_ids):
                vals["meeting_ids"] = [(6, 0, sorted(meeting_ids))]
            if signal.organization_id.id != (org_id or False):
                vals["organization_id"] = org_id
            if signal.reason != reason:
                vals["reason"] = reason
            if vals:
                signal.write(vals)
        return self._insert_found(
            [
                (kind, key, org_id, meeting_ids, reason)
                for (kind, key), (org_id, meeting_ids, reason) in found.items()
                if (kind, key) not in have
            ]
        )

    def _insert_found(self, rows):
        """The new signals (kind, key, branch id, meeting ids, reason), set-based: one
        statement for the signals, one for their meetings. The system's findings, tens
        of thousands the first time (63,000 on the company's data: 24 s through the
        ORM's create, 40 % of the first refresh): no "created" note nor follower each
        (the reviewers' notes and moves are tracked), and nothing of the users' checks
        to run on rows the detection wrote (their keys kept within the limit by
        _signal_key)."""
        if not rows:
            return self.browse()
        cr = self.env.cr
        self.flush_model()
        now = self.env.cr.now()
        cr.execute(
            SQL(
                """INSERT INTO party_record_signal
                          (kind, key, organization_id, reason, state,
                           create_uid, create_date, write_uid, write_date)
                   SELECT kind, key, org, reason, 'open', %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM unnest(%(kinds)s::varchar[], %(keys)s::varchar[],
                                 %(orgs)s::integer[], %(reasons)s::text[])
                          AS found(kind, key, org, reason)
                RETURNING id, kind, key""",
                uid=self.env.uid,
                now=now,
                kinds=[row[0] for row in rows],
                keys=[row[1] for row in rows],
                orgs=[row[2] or None for row in rows],
                reasons=[row[4] for row in rows],
            )
        )
        ids = {(kind, key): signal_id for signal_id, kind, key in cr.fetchall()}
        signal_ids, meeting_ids = [], []
        for kind, key, _org_id, meetings, _reason in rows:
            signal_ids += [ids[kind, key]] * len(meetings)
            meeting_ids += meetings
        field = self._fields["meeting_ids"]
        cr.execute(
            SQL(
                """INSERT INTO %s (%s, %s)
                   SELECT DISTINCT signal, meeting FROM unnest(%s::integer[], %s::integer[])
                          AS found(signal, meeting)""",
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                SQL.identifier(field.column2),
                signal_ids,
                meeting_ids,
            )
        )
        return self.browse(sorted(ids.values()))

    def _compared_since(self):
        """When the meetings were last compared (None: compare everything, after an
        install or upgrade, or when a setting the signals depend on changed), and
        note now for the next refresh. The system's bookkeeping of the refresh; an
        hour's margin: a meeting saved by a transaction still running now is compared
        at the next refresh."""
        params = self.env["ir.config_parameter"].sudo()
        since = params.get_param(REFRESHED_PARAM)
        settings = ",".join(str(value) for value in self._compared_settings())
        if params.get_param(SETTINGS_PARAM) != settings:
            since = None
            params.set_param(SETTINGS_PARAM, settings)
        params.set_param(
            REFRESHED_PARAM, fields.Datetime.to_string(self.env.cr.now() - timedelta(hours=1))
        )
        return since or None

    def _compared_settings(self):
        """The settings the signals found depend on: when one changes, the next
        refresh compares everything again."""
        return (
            self.env["party.meeting"]._min_attendees(),
            setting(self.env, *BURST_PARAMS["count"]),
            setting(self.env, *BURST_PARAMS["hours"]),
        )

    def _detect(self, since=None, scope=None):
        """Yield (kind, key, branch id, meeting ids, reason) for every signal — with
        ``since``, for every signal of the meetings changed since and what they reach:
        late entries and few attendees of the changed meetings, the bursts of their
        branches around their creation; the ids of the existing signals of these kinds
        that the changes reach are added to ``scope`` (the others stand)."""
        cr = self.env.cr
        scope = set() if scope is None else scope
        active = SQL("meeting.state != 'cancelled'")
        if since:
            scope.update(self._changed_signals(since))
            changed = SQL("meeting.write_date >= %s", since)
        else:
            changed = SQL("TRUE")
        cr.execute(
            SQL(
                """SELECT id, organization_id, date, create_date::date FROM party_meeting AS meeting
                    WHERE late_entry AND %s AND %s""",
                active,
                changed,
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
        # Held with fewer attendees than the setting (no points were awarded): the
        # count the triggers keep with the meeting's signature.
        minimum = self.env["party.meeting"]._min_attendees()
        cr.execute(
            SQL(
                """SELECT meeting.id, meeting.organization_id, signature.attendance_count
                     FROM party_meeting AS meeting
                     JOIN party_meeting_signature AS signature ON signature.meeting_id = meeting.id
                    WHERE meeting.state = 'done' AND signature.attendance_count < %s AND %s""",
                minimum,
                changed,
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
        yield from self._bursts(since, scope)
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

    def _changed_signals(self, since):
        """The ids of the signals of the incremental kinds that the meetings changed
        since ``since`` reach: those holding a changed meeting (the meetings' index on
        their last write), and those that lost a meeting (deleted: fewer meetings than
        their key names)."""
        self.env.cr.execute(
            SQL(
                """SELECT link.party_record_signal_id
                     FROM party_meeting AS meeting
                     JOIN party_meeting_party_record_signal_rel AS link
                       ON link.party_meeting_id = meeting.id
                     JOIN party_record_signal AS signal ON signal.id = link.party_record_signal_id
                    WHERE meeting.write_date >= %(since)s AND signal.kind IN %(kinds)s
                      AND signal.key NOT LIKE %(inspection)s
                    UNION
                   SELECT signal.id
                     FROM party_record_signal AS signal
                LEFT JOIN party_meeting_party_record_signal_rel AS link
                       ON link.party_record_signal_id = signal.id
                    WHERE signal.kind IN %(kinds)s AND signal.key NOT LIKE %(inspection)s
                 GROUP BY signal.id
                   HAVING COUNT(link.party_meeting_id)
                          < cardinality(string_to_array(signal.key, ','))""",
                since=since,
                kinds=INCREMENTAL_KINDS,
                inspection=INSPECTION_KEYS,
            )
        )
        return {signal_id for (signal_id,) in self.env.cr.fetchall()}

    def _burst_branches(self, since):
        """Branches whose bursts are all compared again (a hook: the inspections')."""
        return set()

    def _bursts(self, since, scope):
        """A branch recording many meetings within a few hours: the meetings created
        within the hours from each one's creation, when they are enough, and only the
        largest of those (a window inside an earlier one is not signalled again).

        With ``since``, only where a change can alter what is found: a burst's window
        holds meetings created within the hours after its first; a meeting changed at
        ``t`` alters the windows beginning in (t - hours, t] and, through which window
        holds which, the bursts beginning in (t - hours, t + hours) — found from the
        branch's meetings created in (t - 2 hours, t + 2 hours) (the index on branch
        and creation). The bursts that hold a changed meeting or lost one reach as far
        around their meetings. The existing bursts beginning in those ranges are added
        to ``scope``: the others stand, as they would be found again."""
        cr = self.env.cr
        count = setting(self.env, *BURST_PARAMS["count"])
        hours = setting(self.env, *BURST_PARAMS["hours"])
        window = timedelta(hours=hours)
        if not since:
            cr.execute(
                SQL(
                    """SELECT organization_id, id, create_date FROM party_meeting
                        WHERE state != 'cancelled'
                     ORDER BY organization_id, create_date, id"""
                )
            )
            ranges = None
        else:
            cr.execute(
                SQL(
                    """SELECT organization_id, create_date - %(window)s, create_date + %(window)s
                         FROM party_meeting WHERE write_date >= %(since)s
                        UNION ALL
                       SELECT signal.organization_id,
                              MIN(meeting.create_date) - 2 * %(window)s,
                              MAX(meeting.create_date) + 2 * %(window)s
                         FROM party_record_signal AS signal
                         JOIN party_meeting_party_record_signal_rel AS link
                           ON link.party_record_signal_id = signal.id
                         JOIN party_meeting AS meeting ON meeting.id = link.party_meeting_id
                        WHERE signal.id = ANY(%(scope)s) AND signal.kind = 'burst'
                     GROUP BY signal.id, signal.organization_id""",
                    window=window,
                    since=since,
                    scope=sorted(scope),
                )
            )
            ranges = defaultdict(list)
            for org_id, low, high in cr.fetchall():
                if org_id:
                    ranges[org_id].append((low, high))
            for org_id in self._burst_branches(since):
                ranges[org_id] = [(WHOLE[0], WHOLE[1])]
            for org_id, spans in ranges.items():
                ranges[org_id] = _merged(spans)
            flat = [(org_id, low, high) for org_id, spans in ranges.items() for low, high in spans]
            # The meetings the windows of those ranges read, and those that decide
            # which window holds which.
            cr.execute(
                SQL(
                    """SELECT DISTINCT meeting.organization_id, meeting.id, meeting.create_date
                         FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[])
                              AS span(organization_id, low, high)
                         JOIN party_meeting AS meeting
                           ON meeting.organization_id = span.organization_id
                          AND meeting.create_date > span.low - %s
                          AND meeting.create_date < span.high + %s
                        WHERE meeting.state != 'cancelled'
                     ORDER BY meeting.organization_id, meeting.create_date, meeting.id""",
                    [row[0] for row in flat],
                    [row[1] for row in flat],
                    [row[2] for row in flat],
                    window,
                    window,
                )
            )
        meetings = cr.fetchall()
        if ranges is not None:
            # The existing bursts beginning in the ranges are found again or dropped.
            cr.execute(
                SQL(
                    """SELECT signal.id, signal.organization_id, MIN(meeting.create_date)
                         FROM party_record_signal AS signal
                         JOIN party_meeting_party_record_signal_rel AS link
                           ON link.party_record_signal_id = signal.id
                         JOIN party_meeting AS meeting ON meeting.id = link.party_meeting_id
                        WHERE signal.kind = 'burst' AND signal.key NOT LIKE %s
                     GROUP BY signal.id, signal.organization_id""",
                    INSPECTION_KEYS,
                )
            )
            scope.update(
                signal_id
                for signal_id, org_id, first in cr.fetchall()
                if _within(ranges.get(org_id, ()), first)
            )
        for org_id, meeting_ids in _burst_windows(meetings, count, window, ranges):
            yield (
                "burst",
                _signal_key(",".join(map(str, meeting_ids))),
                org_id,
                meeting_ids,
                _(
                    "%(count)s meetings recorded within %(hours)s hours.",
                    count=len(meeting_ids),
                    hours=hours,
                ),
            )

    def _identical_minutes(self, since):
        """[(digest, meeting ids, branch id)] of the minutes several meetings share.
        With ``since``, only the digests of the meetings changed since and of the open
        signals holding one of them are looked up (the stored digest's index); the
        open signals of unchanged meetings stand (their minutes, their digest, are the
        same)."""
        cr = self.env.cr
        where = SQL("meeting.state != 'cancelled' AND signature.minutes_digest IS NOT NULL")
        meetings = SQL(
            """party_meeting AS meeting
               JOIN party_meeting_signature AS signature ON signature.meeting_id = meeting.id"""
        )
        if not since:
            cr.execute(
                SQL(
                    """SELECT signature.minutes_digest, array_agg(meeting.id ORDER BY meeting.id),
                              MIN(meeting.organization_id)
                         FROM %s
                        WHERE %s
                     GROUP BY signature.minutes_digest HAVING COUNT(*) > 1""",
                    meetings,
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
                       SELECT signature.minutes_digest AS digest FROM %(meetings)s
                        WHERE meeting.write_date >= %(since)s
                          AND signature.minutes_digest IS NOT NULL
                       UNION
                       SELECT key FROM signals WHERE touched)
                   SELECT signature.minutes_digest, array_agg(meeting.id ORDER BY meeting.id),
                          MIN(meeting.organization_id)
                     FROM %(meetings)s
                    -- an array, not IN (subquery): the planner then takes the index
                    WHERE signature.minutes_digest = ANY(ARRAY(SELECT digest FROM digests))
                      AND %(where)s
                 GROUP BY 1 HAVING COUNT(*) > 1
                   UNION ALL
                   SELECT key, meeting_ids, organization_id FROM signals
                    WHERE NOT touched AND cardinality(meeting_ids) > 1""",
                since=since,
                meetings=meetings,
                where=where,
            )
        )
        return cr.fetchall()

    def _attendance_reason(self, count):
        return _("The same %(count)s attendees, verbatim.", count=count)

    def _attendance_lists(self, digests=None):
        """(key, attendees, meeting ids, branch id) of the attendance lists several
        meetings share: all of them, or those of ``digests`` (the stored digest's
        index). The list is read for one meeting of each."""
        which = (
            SQL("signature.attendance_digest = ANY(%s)", digests)
            if digests is not None
            else SQL("signature.attendance_digest IS NOT NULL")
        )
        self.env.cr.execute(
            SQL(
                """WITH lists AS (
                       SELECT array_agg(meeting.id ORDER BY meeting.id) AS meeting_ids,
                              MIN(meeting.organization_id) AS organization_id
                         FROM party_meeting_signature AS signature
                         JOIN party_meeting AS meeting ON meeting.id = signature.meeting_id
                        WHERE %s AND signature.attendance_count >= %s
                          AND meeting.state != 'cancelled' AND meeting.kind != 'committee_meeting'
                     GROUP BY signature.attendance_digest HAVING COUNT(*) > 1)
                   SELECT (SELECT string_agg(rel.member_id::text, ',' ORDER BY rel.member_id)
                             FROM party_meeting_attendee_rel AS rel
                            WHERE rel.meeting_id = lists.meeting_ids[1]),
                          meeting_ids, organization_id
                     FROM lists""",
                which,
                MIN_REUSED_ATTENDEES,
            )
        )
        return [
            (_signal_key(attendees), len(attendees.split(",")), meeting_ids, org_id)
            for attendees, meeting_ids, org_id in self.env.cr.fetchall()
        ]

    def _attendance_signals(self, lists):
        for key, count, meeting_ids, org_id in lists:
            yield (
                "copied_attendance",
                key,
                org_id,
                meeting_ids,
                self._attendance_reason(count),
            )

    def _reused_attendance(self):
        """Every meeting's attendance list, grouped by its stored digest."""
        return self._attendance_signals(self._attendance_lists())

    def _reused_attendance_since(self, since):
        """The reused attendance lists of the meetings changed since ``since`` (their
        ``write_date`` changes with their attendees, state and kind), each group read
        whole by the digest index: the changed meetings' lists and those of the open
        signals holding a changed meeting (a signal's digest is its key's md5, or its
        key when the list was too long for one). The open signals of unchanged
        meetings stand."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT signal.key,
                          CASE WHEN strpos(signal.key, ',') = 0 THEN signal.key
                               ELSE md5(signal.key) END,
                          bool_or(meeting.write_date >= %(since)s),
                          array_agg(meeting.id ORDER BY meeting.id),
                          MIN(meeting.organization_id),
                          MIN(signature.attendance_count)
                     FROM party_record_signal AS signal
                     JOIN party_meeting_party_record_signal_rel AS link
                       ON link.party_record_signal_id = signal.id
                     JOIN party_meeting AS meeting ON meeting.id = link.party_meeting_id
                LEFT JOIN party_meeting_signature AS signature
                       ON signature.meeting_id = meeting.id
                    WHERE signal.kind = 'copied_attendance' AND signal.state = 'open'
                 GROUP BY signal.key""",
                since=since,
            )
        )
        signals = cr.fetchall()
        cr.execute(
            SQL(
                """SELECT DISTINCT signature.attendance_digest
                     FROM party_meeting AS meeting
                     JOIN party_meeting_signature AS signature ON signature.meeting_id = meeting.id
                    WHERE meeting.write_date >= %s AND signature.attendance_digest IS NOT NULL""",
                since,
            )
        )
        digests = {digest for (digest,) in cr.fetchall()}
        digests |= {digest for _k, digest, touched, _m, _o, _c in signals if touched}
        lists = self._attendance_lists(sorted(digests)) if digests else []
        lists += [
            (key, count, meeting_ids, org_id)
            for key, digest, _touched, meeting_ids, org_id, count in signals
            if digest not in digests and len(meeting_ids) > 1
        ]
        yield from self._attendance_signals(lists)

    def _near_identical_minutes(self, identical, since):
        """Pairs of meetings of one branch, within NEAR_DAYS of each other, whose
        minutes are at least NEAR_RATIO alike: the candidates by the stored lengths and
        trigrams (every pair difflib would find, see NEAR_GRAMS_SLACK), confirmed by
        difflib. The first time every pair of a branch's meetings is a candidate; then
        only the pairs with a meeting changed since the last comparison, and the pairs
        of unchanged meetings keep their signals."""
        intarray = self._extension_schema("intarray")
        if not intarray:
            _logger.warning("intarray is missing: near-identical minutes compared pairwise.")
            yield from self._near_identical_pairwise(identical)
            return
        cr = self.env.cr
        ordered = SQL("(meeting.date, meeting.id) < (other.date, other.id)")
        if since:
            changed = SQL("meeting.write_date >= %s", since)
            pairs = SQL("(other.write_date < %s OR %s)", since, ordered)
        else:
            changed, pairs = SQL("TRUE"), ordered
        cr.execute(
            SQL(
                """WITH candidates AS MATERIALIZED (
                       SELECT meeting.id AS changed_id, other.id AS other_id,
                              meeting.organization_id, %(ordered)s AS ordered
                         FROM party_meeting AS meeting
                         JOIN party_meeting_signature AS signature
                           ON signature.meeting_id = meeting.id
                         JOIN party_meeting AS other
                           ON other.organization_id = meeting.organization_id
                          AND other.id != meeting.id
                          AND other.date BETWEEN meeting.date - %(days)s
                                             AND meeting.date + %(days)s
                          AND other.state != 'cancelled'
                         JOIN party_meeting_signature AS other_signature
                           ON other_signature.meeting_id = other.id
                        WHERE %(changed)s AND %(pairs)s AND meeting.state != 'cancelled'
                          AND signature.minutes_length >= %(length)s
                          AND other_signature.minutes_length >= %(length)s
                          AND signature.minutes_digest != other_signature.minutes_digest
                          -- difflib's real_quick_ratio
                          AND 20 * LEAST(signature.minutes_length, other_signature.minutes_length)
                              >= 9 * (signature.minutes_length + other_signature.minutes_length)
                          -- the trigrams both share (NEAR_GRAMS_SLACK)
                          AND 4 * (%(icount)s(%(inter)s(signature.minutes_grams,
                                                        other_signature.minutes_grams))
                                   + %(slack)s + 2)
                              >= signature.minutes_length + other_signature.minutes_length)
                   SELECT CASE WHEN ordered THEN changed_id ELSE other_id END,
                          CASE WHEN ordered THEN other_id ELSE changed_id END,
                          organization_id
                     FROM candidates ORDER BY organization_id""",
                ordered=ordered,
                changed=changed,
                pairs=pairs,
                days=NEAR_DAYS,
                length=NEAR_MIN_LENGTH,
                icount=SQL.identifier(intarray, "icount"),
                inter=SQL.identifier(intarray, "_int_inter"),
                slack=NEAR_GRAMS_SLACK,
            )
        )
        # The pairs' ids only (the first refresh of a company: 170,000 pairs of 56,000
        # meetings; their minutes fetched with each pair took more than a worker's
        # 2.5 GB), then the minutes of a batch of branches at a time, each meeting's
        # once, forgotten with the batch.
        pairs = [pair for pair in cr.fetchall() if frozenset(pair[:2]) not in identical]
        start = 0
        while start < len(pairs):
            end, meetings = start, set()
            while end < len(pairs) and (
                len(meetings) < NEAR_BATCH or pairs[end][2] == pairs[end - 1][2]
            ):
                meetings.update(pairs[end][:2])
                end += 1
            cr.execute(
                SQL(
                    """SELECT id, party_meeting_minutes_text(minutes) FROM party_meeting
                        WHERE id = ANY(%s)""",
                    sorted(meetings),
                )
            )
            texts, counts = dict(cr.fetchall()), {}
            for first_id, second_id, org_id in pairs[start:end]:
                yield from self._near_signal(
                    org_id, first_id, second_id, texts[first_id], texts[second_id], counts
                )
            start = end
        if not since:
            return
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

    def _near_signal(self, org_id, first_id, second_id, first_text, second_text, counts=None):
        # difflib's quick_ratio (the characters both have, counted) before difflib: by
        # the characters' counts, each minutes' counted once (``counts``, by meeting),
        # most candidates stop here without a SequenceMatcher's index of their text.
        counts = {} if counts is None else counts
        for meeting_id, text in ((first_id, first_text), (second_id, second_text)):
            if meeting_id not in counts:
                counts[meeting_id] = Counter(text)
        shared = sum((counts[first_id] & counts[second_id]).values())
        if 2.0 * shared / (len(first_text) + len(second_text)) < NEAR_RATIO:
            return
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
