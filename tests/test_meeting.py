from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import PartyQuantCase

HELD = "2030-06-20"


@tagged("post_install", "-at_install")
class TestMeeting(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["party.meeting"]
        cls.attendance = cls.env.ref("party_quant.point_rule_attendance")
        cls.start = datetime(2030, 6, 10, 9, 0)
        cls.branch_11.committee_member_ids = cls.m11a
        # Points from meetings of one or two attendees (the fewest for points is
        # tested in test_plausible.py).
        cls.env["ir.config_parameter"].set_param("party_quant.meeting_min_attendees", 1)

    def meeting(self, **vals):
        return self.Meeting.with_user(self.user_branch).create(
            dict(
                {
                    "name": "June assembly",
                    "organization_id": self.branch_11.id,
                    "start": self.start,
                },
                **vals,
            )
        )

    @freeze_time(HELD)  # the meeting of self.start has been held
    def test_points_once_per_attendee_and_withdrawn_on_cancel(self):
        meeting = self.meeting()
        self.assertEqual(
            meeting.expected_ids, self.m11a | self.m11b, "the branch's members are expected"
        )
        committee = self.meeting(kind="committee_meeting")
        self.assertEqual(committee.expected_ids, self.m11a, "the branch committee for a 支委会")
        meeting.attendee_ids = self.m11a
        self.assertEqual(meeting.absentee_ids, self.m11b)
        meeting.with_user(self.user_branch).action_done()
        lines = meeting.point_line_ids
        self.assertEqual(lines.member_id, self.m11a, "no points for absentees")
        self.assertEqual(
            (lines.points, lines.state, lines.organization_id), (2, "approved", self.branch_11)
        )
        self.assertEqual(self.m11a.points_total, 2)
        with self.assertRaisesRegex(UserError, "is not planned"):
            meeting.with_user(self.user_branch).action_done()
        self.assertEqual(len(meeting.point_line_ids), 1, "awarded once")
        with self.assertRaisesRegex(UserError, "reopen it as planned"):
            meeting.with_user(self.user_branch).write({"attendee_ids": [(4, self.m11b.id)]})
        meeting.with_user(self.user_branch).action_cancel()
        self.assertEqual(lines.state, "rejected")
        self.assertEqual(self.m11a.points_total, 0)

    @freeze_time(HELD)  # the meeting of self.start has been held
    def test_cap_respected_across_sources(self):
        # Four manual attendance claims (8 points) approved; the cap is 10 a month.
        Line = self.env["party.point.line"]
        claims = Line.create(
            [
                {
                    "member_id": self.m11b.id,
                    "rule_id": self.attendance.id,
                    "date": self.start.date(),
                }
                for _i in range(4)
            ]
        )
        claims.action_submit()
        claims.with_user(self.user_branch).action_approve()
        first, second = self.meeting(), self.meeting(start=self.start + timedelta(days=1))
        (first | second).write({"attendee_ids": [(6, 0, self.m11b.ids)]})
        (first | second).with_user(self.user_branch).action_done()
        self.assertEqual(len((first | second).point_line_ids), 1, "only the 10th point fits")
        self.assertEqual(self.m11b.points_total, 10)
        self.assertTrue(second.message_ids.filtered(lambda m: "cap is reached" in (m.body or "")))

    @freeze_time(HELD)  # the meeting of self.start has been held
    def test_study_earns_the_study_rule(self):
        study = self.meeting(kind="study", name="Study of the party constitution")
        study.attendee_ids = self.m11a | self.m11b
        study.action_done()
        self.assertEqual(study.point_line_ids.rule_id, self.env.ref("party_quant.point_rule_study"))
        self.assertEqual(len(study.point_line_ids), 2)

    def test_late_entry_flagged(self):
        self.assertFalse(self.meeting(start=fields.Datetime.now() - timedelta(days=3)).late_entry)
        self.assertTrue(self.meeting(start=fields.Datetime.now() - timedelta(days=10)).late_entry)

    @freeze_time(HELD)  # the meeting of self.start has been held
    def test_cancel_refused_in_closed_month(self):
        meeting = self.meeting()
        meeting.attendee_ids = self.m11a
        meeting.action_done()
        self.env["party.period"]._get_period(self.start.date())._close()
        with self.assertRaisesRegex(UserError, "is closed"):
            meeting.action_cancel()

    def test_behind_schedule_list(self):
        # Held minutes ago: this month is open whatever today's date (the demo closes
        # the months before it).
        recent = self.meeting(
            kind="committee_meeting", start=fields.Datetime.now() - timedelta(minutes=5)
        )
        recent.attendee_ids = self.m11a
        recent.action_done()
        # Held 200 days ago, in a month the demo data closed: set up as held directly.
        old = self.meeting(
            kind="member_assembly", start=fields.Datetime.now() - timedelta(days=200)
        )
        old._write({"state": "done"})
        self.env.flush_all()
        Schedule = self.env["party.meeting.schedule"].with_user(self.user_branch)
        rows = {
            row.kind: row for row in Schedule.search([("organization_id", "=", self.branch_11.id)])
        }
        self.assertFalse(rows["committee_meeting"].behind, "held today, due monthly")
        self.assertTrue(rows["member_assembly"].behind, "quarterly, last held 200 days ago")
        self.assertTrue(rows["lecture"].behind, "never held")
        self.assertEqual(rows["committee_meeting"].last_held, recent.date)
        self.assertEqual(Schedule.search([]).organization_id, self.branch_11, "the officer's scope")
        self.env["ir.config_parameter"].set_param("party_quant.every_months_member_assembly", 12)
        self.env.flush_all()
        self.env.invalidate_all()
        row = Schedule.search(
            [("organization_id", "=", self.branch_11.id), ("kind", "=", "member_assembly")]
        )
        self.assertFalse(row.behind, "the setting is read live")

    def test_signals_on_crafted_cases_not_on_clean_ones(self):
        Signal = self.env["party.record.signal"]
        minutes = "<p>Studied the constitution. Discussed the safety plan.</p>"
        attachment = self.env["ir.attachment"].create({"name": "photo.jpg", "raw": b"same photo"})
        # Clean: different minutes, attendees and files, entered on time, a few days apart.
        clean = self.meeting(
            minutes="<p>Budget review</p>", start=fields.Datetime.now() - timedelta(days=2)
        )
        clean.attendee_ids = self.m11a
        Signal._refresh()
        self.assertFalse(
            Signal.search([("meeting_ids", "in", clean.ids)]), "nothing on a clean record"
        )
        # Crafted: the same minutes (spacing and case aside), the same attendees and the
        # same photo on two meetings, one entered late; a burst of five.
        extra = self.env["party.member"].create(
            [{"name": f"X{i}", "organization_id": self.branch_11.id} for i in range(3)]
        )
        copies = self.meeting(
            minutes=minutes, start=fields.Datetime.now() - timedelta(days=30)
        ) | self.meeting(
            minutes=minutes.upper().replace(" ", "  "),
            start=fields.Datetime.now() - timedelta(days=1),
        )
        copies.write(
            {"attendee_ids": [(6, 0, extra.ids)], "attachment_ids": [(6, 0, attachment.ids)]}
        )
        for i in range(3):
            self.meeting(name=f"Backfill {i}", start=fields.Datetime.now() - timedelta(days=40 + i))
        Signal._refresh()
        kinds = {s.kind: s for s in Signal.search([("organization_id", "=", self.branch_11.id)])}
        self.assertEqual(
            set(kinds),
            {"late_entry", "burst", "copied_minutes", "copied_attendance", "copied_attachment"},
        )
        self.assertEqual(kinds["copied_minutes"].meeting_ids, copies)
        self.assertEqual(kinds["copied_attendance"].meeting_ids, copies)
        self.assertEqual(kinds["copied_attachment"].meeting_ids, copies)
        # One late-entry signal per meeting entered late: the first copy has its own.
        late = Signal.search(
            [("organization_id", "=", self.branch_11.id), ("kind", "=", "late_entry")]
        )
        self.assertIn(copies[0], late.meeting_ids)
        self.assertGreaterEqual(len(kinds["burst"].meeting_ids), 5)
        # A reviewer explains one; it survives the next refresh.
        with self.assertRaisesRegex(UserError, "explanation"):
            kinds["copied_attachment"].with_user(self.user_general).action_explain()
        kinds["copied_attachment"].with_user(self.user_general).write(
            {"note": "One group photo of a joint event"}
        )
        kinds["copied_attachment"].with_user(self.user_general).action_explain()
        Signal._refresh()
        self.assertEqual(kinds["copied_attachment"].exists().state, "explained")
        self.assertEqual(
            len(
                Signal.search(
                    [("kind", "=", "copied_minutes"), ("organization_id", "=", self.branch_11.id)]
                )
            ),
            1,
        )

    def test_near_identical_minutes_by_trigrams_as_pairwise(self):
        """Minutes a word apart are signalled, as the pairwise comparison finds them;
        a later refresh compares only the changed meetings and keeps the pair."""
        Signal = self.env["party.record.signal"]
        text = (
            "<p>Studied the constitution and the safety plan; the secretary reported "
            "on the quarter's work and the members discussed the annual budget.</p>"
        )
        now = fields.Datetime.now()
        first = self.meeting(minutes=text, start=now - timedelta(days=20))
        second = self.meeting(
            minutes=text.replace("annual", "yearly"), start=now - timedelta(days=10)
        )
        self.meeting(minutes="<p>Budget review of the canteen</p>", start=now - timedelta(days=5))
        far = self.meeting(minutes=text.replace("safety", "fire"), start=now - timedelta(days=300))
        self.env.flush_all()
        pairwise = sorted(s[1] for s in Signal._near_identical_pairwise(set()))
        self.assertEqual(pairwise, [f"{first.id},{second.id}"])
        self.assertTrue(Signal._has_trigram(), "pg_trgm is installed with the module")
        Signal._refresh()
        mine = [("kind", "=", "copied_minutes"), ("meeting_ids", "in", (first | second | far).ids)]
        near = Signal.search(mine)
        self.assertEqual([s.key for s in near], pairwise)
        self.assertEqual(near.meeting_ids, first | second)
        self.assertNotIn(far, near.meeting_ids, "more than NEAR_DAYS apart")
        # Nothing changed: the pair stands without being compared again.
        self.env["ir.config_parameter"].set_param(
            "party_quant.signals_minutes_compared_at", fields.Datetime.to_string(now)
        )
        self.env.cr.execute(
            "UPDATE party_meeting SET write_date = %s WHERE id = ANY(%s)",
            [now - timedelta(days=1), [first.id, second.id, far.id]],
        )
        Signal._refresh()
        self.assertEqual(Signal.search(mine), near)
        # The second is rewritten: the pair goes.
        second.minutes = "<p>A different meeting altogether, on other business.</p>"
        self.env.flush_all()
        Signal._refresh()
        self.assertFalse(Signal.search(mine))

    def test_reused_attendance_incremental_as_full(self):
        """The daily refresh reads only the changed meetings' attendances and finds
        what comparing every list finds: a meeting leaving a signalled list (the rest
        keep it), a changed meeting taking an unchanged one's list (no signal yet), a
        new meeting reusing a list."""
        Signal = self.env["party.record.signal"]
        people = self.env["party.member"].create(
            [{"name": f"A{i}", "organization_id": self.branch_11.id} for i in range(8)]
        )
        x, y, z = people[:3], people[3:6], people[:5]
        now = fields.Datetime.now()
        meetings = self.Meeting
        for i, attendees in enumerate((x, x, x, y, z, people[2:7])):
            meeting = self.meeting(name=f"List {i}", start=now - timedelta(days=10 + i))
            meeting.attendee_ids = attendees
            meetings |= meeting
        self.env["ir.config_parameter"].set_param("party_quant.signals_minutes_compared_at", False)
        Signal._refresh()  # every list compared

        def key(members):
            return ",".join(map(str, sorted(members.ids)))

        def signalled():
            return {
                s.key: sorted(s.meeting_ids.ids)
                for s in Signal.search(
                    [("kind", "=", "copied_attendance"), ("meeting_ids", "in", meetings.ids)]
                )
            }

        self.assertEqual(signalled(), {key(x): meetings[:3].ids})
        # The next day: those meetings unchanged since, then three changes.
        since = fields.Datetime.to_string(now - timedelta(hours=1))
        self.env["ir.config_parameter"].set_param("party_quant.signals_minutes_compared_at", since)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_meeting SET write_date = %s WHERE id = ANY(%s)",
            [now - timedelta(days=1), meetings.ids],
        )
        self.env.invalidate_all()
        meetings[2].attendee_ids = y
        new = self.meeting(name="List 6", start=now - timedelta(days=3))
        new.attendee_ids = z
        meetings |= new
        self.env.flush_all()
        mine = set(meetings.ids)
        full = {s[1]: s[3] for s in Signal._reused_attendance() if mine & set(s[3])}
        daily = {s[1]: s[3] for s in Signal._reused_attendance_since(since) if mine & set(s[3])}
        expected = {
            key(x): meetings[:2].ids,
            key(y): meetings[2:4].ids,
            key(z): (meetings[4] | new).ids,
        }
        self.assertEqual(full, expected)
        self.assertEqual(daily, expected)
        Signal._refresh()
        self.assertEqual(signalled(), expected, "the open signal lists the meetings found")

    @freeze_time(HELD)  # the meeting of self.start has been held
    def test_evaluation_shows_the_month_records(self):
        meeting = self.meeting(kind="committee_meeting")
        meeting.attendee_ids = self.m11a
        meeting.action_done()
        month = self.env["party.period"]._get_period(self.start.date())
        evaluation = self.env["party.evaluation"].create(
            {"organization_id": self.branch_11.id, "period_id": month.id}
        )
        summary = evaluation.with_user(self.user_general).records_summary
        self.assertIn("<td>Branch Committee Meeting</td><td>1</td><td>1 a month</td>", summary)
        self.assertIn('class="text-danger"><td>Party Group Meeting</td><td>0</td>', summary)
        self.assertIn("Open record signals: 0", summary)
