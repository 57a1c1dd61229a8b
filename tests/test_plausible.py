"""Records that award points or fulfil duties must be plausible (issue 20 items 3-4):
meetings of the branch's members on their date, the system's list for an assembly, its
quorum and votes re-checked, bounded hours, no points below the fewest attendees; study
records bounded a day and approved by someone else; duties done on time or late; dues
from the tiers."""

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time as frozen_at
from odoo.tests import tagged

from .common import PartyQuantCase

START = datetime(2030, 6, 10, 9, 0)


@tagged("post_install", "-at_install")
class TestPlausibleMeetings(PartyQuantCase):
    freeze_time = "2030-06-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.full = Member.create(
            [
                {"name": f"Full {i}", "organization_id": cls.branch_11.id, "state": "full"}
                for i in range(4)
            ]
        )
        # Joined the party after the meeting: not expected at it.
        cls.newcomer = Member.create(
            {
                "name": "Newcomer",
                "organization_id": cls.branch_11.id,
                "join_date": "2030-06-15",
            }
        )
        cls.Meeting = cls.env["party.meeting"].with_user(cls.user_branch)

    def assembly(self, **vals):
        return self.Meeting.create(
            {
                "name": "June assembly",
                "kind": "member_assembly",
                "organization_id": self.branch_11.id,
                "start": START,
                **vals,
            }
        )

    def test_expected_list_is_the_systems(self):
        meeting = self.assembly()
        members = self.m11a | self.m11b | self.full
        self.assertEqual(meeting.expected_ids, members, "the branch's members on the date")
        self.assertEqual(meeting.voter_count, 5, "the full members vote")
        # The officer trims the list to make 2 present a quorum: refused.
        with self.assertRaisesRegex(UserError, "system's list"):
            meeting.write({"expected_ids": [(6, 0, self.full[:3].ids)]})
        with self.assertRaisesRegex(UserError, "system's list"):
            self.assembly(expected_ids=[(6, 0, self.full[:3].ids)])
        self.assertEqual(meeting.expected_ids, members, "nothing half-saved")
        # A member of another branch cannot attend (nor vote): a guest, recorded apart.
        with self.assertRaisesRegex(ValidationError, "M21a: not expected"):
            meeting.write({"attendee_ids": [(4, self.m21a.id)]})
        with self.assertRaisesRegex(ValidationError, "Newcomer: not expected"):
            meeting.write({"attendee_ids": [(4, self.newcomer.id)]})
        meeting.write({"guest_names": "M21a (Branch 21)"})
        self.assertEqual(meeting.guest_names, "M21a (Branch 21)")
        # An approved leave takes the member off the assembly's list (and attendance).
        meeting.write({"attendee_ids": [(4, self.full[3].id)]})
        leave = self.env["party.meeting.leave"].create(
            {"meeting_id": meeting.id, "member_id": self.full[3].id, "reason": "Training"}
        )
        with frozen_at("2030-06-01"):
            leave.with_user(self.user_general).action_approve()
        self.assertEqual(meeting.expected_ids, members - self.full[3])
        self.assertNotIn(self.full[3], meeting.attendee_ids)
        self.assertEqual(meeting.excused_ids, self.full[3])
        self.assertEqual(meeting.voter_count, 4)

    def test_losing_the_quorum_voids_the_resolution(self):
        meeting = self.assembly()
        meeting.write({"attendee_ids": [(6, 0, (self.m11a | self.full[:2]).ids)]})
        self.assertEqual((meeting.voters_present, meeting.quorum_ok), (3, True))
        resolution = (
            self.env["party.meeting.resolution"]
            .with_user(self.user_branch)
            .create({"meeting_id": meeting.id, "name": "Budget", "votes_yes": 3})
        )
        self.assertTrue(resolution.passed)
        # A correction of the attendance: 2 of 5 present, the vote no longer stands.
        meeting.write({"attendee_ids": [(3, self.full[1].id)]})
        self.assertEqual(
            (meeting.quorum_ok, resolution.void, resolution.passed), (False, True, False)
        )
        self.assertIn("Budget", meeting.message_ids[:1].body)
        self.assertIn("is void", meeting.message_ids[:1].body)
        # Restoring the attendance does not revive it: it is voted again.
        meeting.write({"attendee_ids": [(4, self.full[1].id)]})
        self.assertEqual((resolution.void, resolution.passed), (True, False))
        with self.assertRaisesRegex(UserError, "set by the system"):
            resolution.with_user(self.user_branch).write({"void": False})

    def test_hours_bounded(self):
        for hours in (500, 8.5):
            with self.assertRaisesRegex(ValidationError, "8.0 hours at most"):
                self.assembly(kind="lecture", hours=hours)
        lecture = self.assembly(kind="lecture", hours=2.0)
        with self.assertRaisesRegex(ValidationError, "at most"):
            lecture.write({"hours": 24})
        self.env["ir.config_parameter"].set_param("party_quant.meeting_max_hours", "10")
        lecture.write({"hours": 10})
        self.assertEqual(lecture.hours, 10)

    def test_too_few_attendees_award_nothing_and_signal(self):
        small = self.assembly(kind="group_meeting")
        small.write({"attendee_ids": [(6, 0, (self.m11a | self.m11b).ids)]})
        small.action_done()
        self.assertFalse(small.point_line_ids, "2 attendees, fewer than 3: no points")
        self.assertEqual((self.m11a.points_total, self.m11b.points_total), (0, 0))
        self.assertTrue(any("fewer than 3" in body for body in small.message_ids.mapped("body")))
        Signal = self.env["party.record.signal"]
        signal = Signal.search([("kind", "=", "few_attendees"), ("meeting_ids", "in", small.ids)])
        self.assertEqual((len(signal), signal.organization_id), (1, self.branch_11))
        # The daily refresh keeps it (and finds it the same).
        Signal._refresh()
        self.assertTrue(signal.exists())
        self.assertEqual(
            Signal.search_count([("kind", "=", "few_attendees"), ("meeting_ids", "in", small.ids)]),
            1,
        )
        # Three attendees: the points as before.
        enough = self.assembly(kind="group_meeting", start=datetime(2030, 6, 11, 9))
        enough.write({"attendee_ids": [(6, 0, self.full[:3].ids)]})
        enough.action_done()
        self.assertEqual(enough.point_line_ids.member_id, self.full[:3])


@tagged("post_install", "-at_install")
class TestPlausibleStudy(PartyQuantCase):
    freeze_time = "2030-06-20"

    def record(self, user, member, hours, day="2030-06-10", **vals):
        return (
            self.env["party.study.record"]
            .with_user(user)
            .create(
                {"member_id": member.id, "date": day, "hours": hours, "subject": "Course", **vals}
            )
        )

    def test_day_limit(self):
        # Five 24-hour records on one day: refused from the first, over the day's 8.
        with self.assertRaisesRegex(ValidationError, "at most 8.0 hours a day"):
            self.record(self.user_branch, self.m11a, 24)
        self.record(self.user_branch, self.m11a, 5)
        with self.assertRaisesRegex(ValidationError, "would have 9.0 study hours on 2030-06-10"):
            self.record(self.user_branch, self.m11a, 4)
        self.record(self.user_branch, self.m11a, 3)
        # Another day, and a refused record of the day, do not count.
        self.record(self.user_branch, self.m11a, 8, day="2030-06-11")
        refused = self.record(self.user_branch, self.m11b, 8)
        refused.with_user(self.user_branch).action_refuse()
        self.record(self.user_branch, self.m11b, 8)
        with self.assertRaisesRegex(ValidationError, "a day"):
            self.env["party.study.record"].with_user(self.user_branch).create(
                [
                    {"member_id": self.m11b.id, "date": "2030-06-12", "hours": 6, "subject": "A"},
                    {"member_id": self.m11b.id, "date": "2030-06-12", "hours": 6, "subject": "B"},
                ]
            )

    def test_approved_by_an_officer_other_than_the_member(self):
        Record = self.env["party.study.record"]
        self.assertEqual(Record._guard_subject_field, "member_id")
        self.assertEqual(Record._guard_deciding_states, {"approved", "refused"})
        own = self.record(self.user_branch, self.m11a, 8)
        self.assertEqual(own.state, "draft")
        self.assertEqual(self.m11a.study_hours_year, 0, "a draft does not count")
        own.with_user(self.user_branch).action_submit()
        # The secretary (M11a) approves his own record: refused, by a button or a write.
        with self.assertRaisesRegex(UserError, "You may not move|your own entry"):
            own.with_user(self.user_branch).action_approve()
        with self.assertRaisesRegex(UserError, "You may not move|your own entry"):
            own.with_user(self.user_branch).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "You may not move|your own entry"):
            own.with_user(self.user_branch).action_refuse()
        with self.assertRaisesRegex(UserError, "set by the system"):
            own.with_user(self.user_branch).write({"decided_by_id": self.user_branch.id})
        # Submitted: kept as it is while it is decided.
        with self.assertRaisesRegex(UserError, "kept as it was decided"):
            own.with_user(self.user_branch).write({"hours": 6})
        own.with_user(self.user_general).action_approve()
        self.assertEqual((own.state, own.decided_by_id), ("approved", self.user_general))
        self.assertEqual(self.m11a.study_hours_year, 8)
        # A member's record: the secretary decides it.
        other = self.record(self.user_branch, self.m11b, 4)
        other.with_user(self.user_branch).action_approve()
        self.assertEqual(other.decided_by_id, self.user_branch)
        with self.assertRaisesRegex(UserError, "kept as it was decided"):
            other.with_user(self.user_branch).write({"hours": 8})
        with self.assertRaisesRegex(UserError, "cannot go from"):
            other.with_user(self.user_branch).write({"state": "draft"})
        # A member may not record or approve study hours at all.
        with self.assertRaises(AccessError):
            self.record(self.user_member, self.m11b, 2)


@tagged("post_install", "-at_install")
class TestDutiesOnTime(PartyQuantCase):
    freeze_time = "2030-12-10"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("party_quant.meeting_min_attendees", 1)
        cls.Duty = cls.env["party.duty"]
        cls.Duty._generate([date(2030, 12, 10), date(2030, 3, 10)])

    def duty(self, rule, member=None, day=None):
        domain = [
            ("rule_id", "=", self.env.ref(f"party_quant.duty_rule_{rule}").id),
            ("organization_id", "=", self.branch_11.id),
            ("member_id", "=", member.id if member else False),
        ]
        if day:
            domain += [("date_start", "<=", day), ("date_end", ">=", day)]
        return self.Duty.search(domain, limit=1)

    def hold(self, kind, start, attendees=None, **vals):
        meeting = (
            self.env["party.meeting"]
            .with_user(self.user_branch)
            .create(
                {
                    "name": f"{kind} {start:%Y-%m-%d}",
                    "kind": kind,
                    "organization_id": self.branch_11.id,
                    "start": start,
                    "attendee_ids": [(6, 0, (attendees or self.m11a | self.m11b).ids)],
                    **vals,
                }
            )
        )
        meeting.action_done()
        return meeting

    def test_lecture_after_the_due_date_is_late(self):
        duty = self.duty("lecture", self.m11a)
        self.Duty._refresh()
        self.assertEqual((duty.due_date, duty.state), (date(2030, 11, 30), "overdue"))
        # The one-person 500-hour lecture is refused; a plausible one after the due
        # date fulfils the duty, marked late.
        with self.assertRaisesRegex(ValidationError, "at most"):
            self.hold("lecture", datetime(2030, 12, 5, 9), hours=500, host_id=self.m11a.id)
        lecture = self.hold("lecture", datetime(2030, 12, 5, 9), hours=2, host_id=self.m11a.id)
        self.assertEqual((duty.state, duty.meeting_id, duty.status), ("late", lecture, "late"))
        self.assertEqual(duty.status_color, 5)
        self.assertIn(duty, self.Duty.search([("status", "=", "late")]))

    def test_backdated_record_is_late(self):
        duty = self.duty("committee_meeting", day=date(2030, 12, 10))
        self.assertEqual(duty.due_date, date(2030, 12, 31))
        # Held on time, recorded on time: done.
        on_time = self.hold("committee_meeting", datetime(2030, 12, 8, 9), self.m11a)
        self.assertEqual((duty.state, duty.meeting_id), ("done", on_time))
        # March's, recorded in December (late entry): fulfilled, but late.
        march = self.duty("committee_meeting", day=date(2030, 3, 10))
        backdated = (
            self.env["party.meeting"]
            .with_user(self.user_branch)
            .create(
                {
                    "name": "March committee",
                    "kind": "committee_meeting",
                    "start": datetime(2030, 3, 20, 9),
                    "attendee_ids": [(6, 0, self.m11a.ids)],
                }
            )
        )
        # Entered today (the database's clock is not frozen).
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_meeting SET create_date = '2030-12-10 08:00' WHERE id = %s",
            [backdated.id],
        )
        backdated.action_done()
        self.assertTrue(backdated.late_entry)
        self.assertEqual((march.state, march.meeting_id), ("late", backdated))

    def test_cron_reports_progress(self):
        cron = self.env.ref("party_quant.ir_cron_duties")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id, "remaining": 0})
        # Branch 12's duties of the month gone: the run creates them again.
        self.Duty.search([("organization_id", "=", self.branch_12.id)]).unlink()
        self.Duty.with_context(ir_cron_progress_id=progress.id)._cron_duties()
        self.assertGreater(progress.done, 0)
        self.assertEqual(progress.remaining, 0)
        dues_cron = self.env.ref("party_quant.ir_cron_party_dues")
        progress = self.env["ir.cron.progress"].create({"cron_id": dues_cron.id, "remaining": 0})
        self.m11a.dues_base = 4200
        created = (
            self.env["party.dues"]
            .with_context(ir_cron_progress_id=progress.id)
            ._cron_generate_dues()
        )
        self.assertGreaterEqual(created, 1)
        self.assertEqual(progress.done, created)


@tagged("post_install", "-at_install")
class TestDuesFromTiers(PartyQuantCase):
    freeze_time = "2030-12-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The secretary (M11a) earns 10,000 a month: 150 of dues; M11b 12,500: 250.
        cls.m11a.write({"dues_base": 10000, "dues_category": "employed"})
        cls.m11b.write({"dues_base": 12500, "dues_category": "employed"})
        cls.Dues = cls.env["party.dues"]

    def test_amount_is_the_tiers(self):
        Dues = self.Dues.with_user(self.user_branch)
        # The secretary's own dues are recorded by the level above (issue 20: his own case).
        own = self.Dues.with_user(self.user_general).create(
            {"member_id": self.m11a.id, "month": "2030-12-01"}
        )
        own = own.with_user(self.user_branch)
        self.assertEqual(own.amount_due, 150.0, "filled in from the tiers")
        member = Dues.create({"member_id": self.m11b.id, "month": "2030-12-01", "amount_due": 250})
        self.assertEqual(member.amount_due, 250.0)
        # The secretary rewrites his own and a member's dues to 0.01: refused.
        for dues in (own, member):
            with self.assertRaisesRegex(UserError, "only the committee|your own entry"):
                dues.write({"amount_due": 0.01})
            with self.assertRaisesRegex(UserError, "only the committee|your own entry"):
                dues.write({"amount_due": 0.01, "amount_reason": "Hardship"})
        with self.assertRaisesRegex(UserError, "only the committee|your own entry"):
            Dues.create({"member_id": self.m11a.id, "month": "2030-11-01", "amount_due": 0.01})
        self.assertEqual((own.amount_due, member.amount_due), (150.0, 250.0))
        # Nor lower his base or category (150 → 0.2 a month).
        for vals in ({"dues_base": 1}, {"dues_category": "other"}):
            with self.assertRaisesRegex(UserError, "only the committee or HR"):
                self.m11a.with_user(self.user_branch).write(vals)
            with self.assertRaisesRegex(UserError, "only the committee or HR"):
                self.m11b.with_user(self.user_general).write(vals)
        self.assertEqual((self.m11a.dues_base, self.m11a.dues_category), (10000, "employed"))
        # Writing the same values is no change.
        self.m11a.with_user(self.user_branch).write({"dues_base": 10000, "name": "M11a"})

    def test_committee_changes_with_a_reason_logged(self):
        dues = self.Dues.create({"member_id": self.m11b.id, "month": "2030-12-01"})
        self.assertEqual(dues.amount_due, 250.0)
        as_committee = dues.with_user(self.user_committee)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            as_committee.write({"amount_due": 100})
        as_committee.write({"amount_due": 100, "amount_reason": "Income fell in November"})
        self.assertEqual(dues.amount_due, 100)
        body = dues.message_ids[:1].body
        self.assertIn("from 250.00 to 100.00", body)
        self.assertIn("Income fell in November", body)
        self.assertIn("pq_committee", body)
        # The committee (or HR) changes a base.
        self.m11b.with_user(self.user_committee).write({"dues_base": 8000})
        self.assertEqual(self.m11b.dues_amount, 120.0)

    def test_paying_less_than_due_earns_nothing(self):
        # The secretary's dues, recorded by the level above (his own case, issue 20).
        Dues = self.Dues.with_user(self.user_general)
        dues = Dues.create({"member_id": self.m11a.id, "month": "2030-12-01"})
        dues.write({"amount_paid": 0.01, "paid_date": "2030-12-10"})
        self.assertEqual(dues.state, "due")
        self.assertFalse(dues.point_line_id)
        self.assertEqual(self.m11a.points_total, 0)
        dues.write({"amount_paid": 150, "paid_date": "2030-12-12"})
        self.assertEqual((dues.state, dues.point_line_id.points), ("on_time", 2))
        # On-time points only for a paid amount at least the amount due, whatever wrote it.
        odd = self.Dues.create({"member_id": self.m11b.id, "month": "2030-11-01"})
        odd._write({"amount_paid": 10, "paid_date": "2030-11-05", "state": "on_time"})
        odd.invalidate_recordset()
        odd._award_points()
        self.assertFalse(odd.point_line_id)
