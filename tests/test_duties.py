from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time as frozen_at
from odoo.tests import tagged

from .common import PartyQuantCase

# One UPDATE per kind of fulfilment (meeting, talk, study hours, appraisal); nothing
# per branch.
REFRESH_QUERIES = 4
# Generation: one INSERT per rule, plus the rules, their fields, and the month and year
# periods of the due dates (one query each).
GENERATION_OVERHEAD = 4


@tagged("post_install", "-at_install")
class TestDuties(PartyQuantCase):
    """Duties (履责清单) fulfilled by records: meetings, talks, study hours."""

    freeze_time = "2030-03-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Duty = cls.env["party.duty"]
        cls.Meeting = cls.env["party.meeting"]
        cls.m11c = cls.env["party.member"].create(
            {"name": "M11c", "organization_id": cls.branch_11.id, "state": "full"}
        )
        cls.branch_11.committee_member_ids = cls.m11a | cls.m11c
        cls.Duty._generate([date(2030, 3, 20)])

    def duty(self, rule, branch, member=None):
        return self.Duty.search(
            [
                ("rule_id", "=", self.env.ref(f"party_quant.duty_rule_{rule}").id),
                ("organization_id", "=", branch.id),
                ("member_id", "=", member.id if member else False),
            ],
            order="date_start desc",
            limit=1,
        )

    def hold(self, kind, branch, start, attendees, **vals):
        meeting = self.Meeting.with_user(
            self.user_branch if branch == self.branch_11 else self.env.user
        ).create(
            {
                "name": f"{kind} {start:%Y-%m}",
                "kind": kind,
                "organization_id": branch.id,
                "start": start,
                "attendee_ids": [(6, 0, attendees.ids)],
                **vals,
            }
        )
        meeting.action_done()
        return meeting

    def test_committee_meeting_open_then_fulfilled(self):
        duty = self.duty("committee_meeting", self.branch_11)
        self.assertEqual(
            (duty.state, duty.due_date, duty.period_id.name, duty.fulfilled_ref),
            ("open", date(2030, 3, 31), "2030-03", None),
        )
        # Green is for done only (issue 21.7): open and not near is grey.
        self.assertEqual(duty.status, "grey", "eleven days ahead: open, not near yet")
        meeting = self.hold(
            "committee_meeting", self.branch_11, datetime(2030, 3, 10, 9), self.m11a
        )
        self.assertEqual((duty.state, duty.meeting_id), ("done", meeting))
        self.assertEqual(duty.status, "green", "done")
        self.assertEqual(duty.fulfilled_ref, meeting)
        self.assertEqual(duty.fulfilled_date, date(2030, 3, 10))
        # Another kind of meeting fulfils nothing of it; a cancelled one no longer does.
        self.assertEqual(self.duty("group_meeting", self.branch_11).state, "open")
        meeting.with_user(self.user_branch).action_cancel()
        self.assertEqual((duty.state, duty.meeting_id.id), ("open", False))
        # Past the due date, the branch that held none is overdue (the daily refresh).
        with frozen_at("2030-04-02"):
            self.Duty._refresh()
            self.assertEqual((duty.state, duty.status), ("overdue", "red"))
            self.assertEqual(self.duty("committee_meeting", self.branch_12).state, "overdue")

    @frozen_at("2030-12-10")
    def test_secretary_without_lecture_is_overdue_in_q4(self):
        self.Duty._generate([date(2030, 12, 10)])
        self.Duty._refresh()
        duty = self.duty("lecture", self.branch_11, self.m11a)
        self.assertEqual(duty.due_date, date(2030, 11, 30))
        self.assertEqual((duty.state, duty.status, duty.period_id.kind), ("overdue", "red", "year"))
        # A lecture the secretary did not give does not fulfil the secretary's duty.
        self.hold(
            "lecture", self.branch_11, datetime(2030, 12, 5, 9), self.m11b, host_id=self.m11c.id
        )
        self.assertEqual(duty.state, "overdue")
        lecture = self.hold(
            "lecture", self.branch_11, datetime(2030, 12, 6, 9), self.m11b, host_id=self.m11a.id
        )
        # Past its due date: fulfilled, but late (issue 20).
        self.assertEqual((duty.state, duty.meeting_id, duty.status), ("late", lecture, "late"))

    def test_study_hours_across_sources(self):
        members = self.m11a | self.m11b
        self.hold("study", self.branch_11, datetime(2030, 3, 2, 9), members, hours=3.0)
        self.hold("lecture", self.branch_11, datetime(2030, 3, 3, 9), members, hours=2.0)
        # Not attended, not held, or another kind of meeting: no study hours.
        self.hold("study", self.branch_11, datetime(2030, 3, 4, 9), self.m11c, hours=8.0)
        self.hold("group_meeting", self.branch_11, datetime(2030, 3, 5, 9), members, hours=4.0)
        self.Meeting.create(
            {
                "name": "Planned study",
                "kind": "study",
                "organization_id": self.branch_11.id,
                "start": datetime(2030, 3, 6, 9),
                "hours": 6.0,
                "attendee_ids": [(6, 0, members.ids)],
            }
        )
        Record = self.env["party.study.record"].with_user(self.user_branch)
        records = Record.create(
            [
                {"member_id": member.id, "date": day, "hours": 4.5, "subject": "Online course"}
                for member in members
                for day in (
                    "2030-01-10",
                    "2030-01-11",
                    "2030-02-10",
                    "2030-02-11",
                    "2030-03-10",
                    "2030-03-11",
                )
            ]
        )
        # Last year's record counts for last year only.
        records |= Record.create(
            {"member_id": self.m11b.id, "date": "2029-12-30", "hours": 8.0, "subject": "Old"}
        )
        # Counted once approved by an officer other than the member (issue 20).
        self.assertEqual(self.m11b.study_hours_year, 5.0)
        records.with_user(self.user_general).action_approve()
        self.assertEqual(self.m11b.study_hours_year, 32.0)
        self.assertEqual(self.m11b.study_hours_required, 32.0)
        self.assertFalse(self.m11b.study_hours_behind)
        self.assertEqual(
            (self.m11a.study_hours_year, self.m11a.study_hours_required),
            (32.0, 56.0),
            "the secretary needs 56",
        )
        self.assertTrue(self.m11a.study_hours_behind)
        behind = self.env["party.member"].search(
            [("study_hours_behind", "=", True), ("organization_id", "=", self.branch_11.id)]
        )
        self.assertIn(self.m11a, behind)
        self.assertNotIn(self.m11b, behind)
        self.assertEqual(self.duty("study_hours", self.branch_11, self.m11b).state, "done")
        duty_a = self.duty("study_hours", self.branch_11, self.m11a)
        self.assertEqual(
            (duty_a.state, duty_a.study_hours, duty_a.study_hours_required), ("open", 32.0, 56.0)
        )
        # The handbook shows the hours of its year.
        values = self.env["report.party_quant.report_handbook"]._report_values(
            self.m11b, {"year": 2030}
        )
        self.assertEqual(values["study_hours"][self.m11b.id], 32.0)
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            Record.create(
                {"member_id": self.m11b.id, "date": "2030-03-01", "hours": 25, "subject": "x"}
            )

    def test_talks_fulfil_talk_duties(self):
        Talk = self.env["party.talk"].with_user(self.user_branch)
        talk = Talk.create(
            {
                "organization_id": self.branch_11.id,
                "talker_id": self.m11a.id,
                "member_ids": [(6, 0, self.m11b.ids)],
                "date": "2030-03-01",
                "topics": "Work and study",
            }
        )
        member_duty = self.duty("talk_member", self.branch_11, self.m11b)
        self.assertEqual((member_duty.state, member_duty.talk_id), ("done", talk))
        committee_a = self.duty("talk_committee", self.branch_11, self.m11a)
        self.assertEqual(committee_a.state, "open", "a member is not a fellow committee member")
        Talk.create(
            {
                "organization_id": self.branch_11.id,
                "talker_id": self.m11a.id,
                "member_ids": [(6, 0, self.m11c.ids)],
                "date": "2030-03-02",
                "topics": "The committee's work",
            }
        )
        self.assertEqual(committee_a.state, "done")
        self.assertEqual(self.duty("talk_committee", self.branch_11, self.m11c).state, "done")
        self.assertEqual(self.duty("talk_member", self.branch_12, self.m12a).state, "open")
        talk.unlink()
        self.assertEqual(member_duty.state, "open", "the record gone, the duty is open again")
        with self.assertRaisesRegex(ValidationError, "once it took place"):
            Talk.create(
                {
                    "organization_id": self.branch_11.id,
                    "talker_id": self.m11a.id,
                    "member_ids": [(6, 0, self.m11b.ids)],
                    "date": "2030-04-01",
                    "topics": "Future",
                }
            )
        with self.assertRaisesRegex(ValidationError, "not members of"):
            Talk.create(
                {
                    "organization_id": self.branch_11.id,
                    "talker_id": self.m11a.id,
                    "member_ids": [(6, 0, self.m12a.ids)],
                    "topics": "Elsewhere",
                }
            )

    def test_access(self):
        mine = self.Duty.with_user(self.user_member).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.member_id, self.m11b, "a member sees their own duties")
        officer = self.Duty.with_user(self.user_branch).search([])
        self.assertEqual(officer.organization_id, self.branch_11)
        self.assertIn(self.duty("committee_meeting", self.branch_11), officer)
        general = self.Duty.with_user(self.user_general).search([])
        self.assertEqual(general.organization_id, self.branch_11 | self.branch_12)
        other = self.duty("committee_meeting", self.branch_21)
        with self.assertRaises(AccessError):
            other.with_user(self.user_branch).read(["state"])
        with self.assertRaises(AccessError):
            other.with_user(self.user_general).read(["state"])
        with self.assertRaises(AccessError):
            self.duty("committee_meeting", self.branch_11).with_user(self.user_member).read(
                ["state"]
            )
        # Own duties of a branch: its officer adds them, not to other branches.
        Rule = self.env["party.duty.rule"].with_user(self.user_branch)
        rule = Rule.create(
            {
                "name": "Volunteer service day",
                "organization_id": self.branch_11.id,
                "frequency": "month",
                "due_day": 25,
                "assignee": "branch",
                "fulfilment": "meeting",
                "meeting_kind": "theme_day",
            }
        )
        self.Duty._generate([date(2030, 3, 20)], rule)
        self.assertEqual(
            self.Duty.search([("rule_id", "=", rule.id)]).organization_id, self.branch_11
        )
        for org in (self.branch_21, self.env["party.organization"]):
            with self.assertRaises(AccessError):
                Rule.create(
                    {
                        "name": "Elsewhere",
                        "organization_id": org.id,
                        "frequency": "month",
                        "assignee": "branch",
                        "fulfilment": "meeting",
                        "meeting_kind": "theme_day",
                    }
                )
        with self.assertRaisesRegex(ValidationError, "due month is between 1 and 3"):
            rule.write({"frequency": "quarter", "due_month": 4})

    def test_guard(self):
        duty = self.duty("committee_meeting", self.branch_11)
        meeting = self.hold(
            "committee_meeting", self.branch_11, datetime(2030, 3, 10, 9), self.m11a
        )
        meeting.with_user(self.user_branch).action_cancel()
        for user in (self.user_branch, self.user_committee, self.user_admin):
            for vals in (
                {"state": "done"},
                {"meeting_id": meeting.id},
                {"fulfilled_date": "2030-03-10"},
                {"due_date": "2030-12-31"},
            ):
                with self.assertRaisesRegex(UserError, "set by the system"):
                    duty.with_user(user).write(vals)
        self.assertEqual(duty.state, "open")
        duty.with_user(self.user_branch).write({"note": "Planned for the 28th."})
        with self.assertRaises(UserError):
            self.Duty.with_user(self.user_committee).create(
                {
                    "rule_id": duty.rule_id.id,
                    "organization_id": self.branch_11.id,
                    "period_id": duty.period_id.id,
                    "date_start": "2030-03-01",
                    "date_end": "2030-03-31",
                    "due_date": "2030-03-31",
                }
            )

    @frozen_at("2030-03-26")
    def test_reminders_and_where_duties_show(self):
        duty = self.duty("committee_meeting", self.branch_11)
        self.assertEqual(duty.status, "amber", "due within the reminder days")
        self.Duty._remind()
        activity_type = self.env.ref("party_quant.mail_activity_type_duty")
        activities = duty.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(activities.user_id, self.user_branch, "to the branch secretary")
        self.assertEqual(activities.date_deadline, date(2030, 3, 31))
        self.Duty._remind()
        self.assertEqual(len(duty.activity_ids), 1, "reminded once")
        # The secretary's workbench card and the month's evaluation.
        card = (
            self.env["party.workbench"]
            .with_user(self.user_branch)
            .search([("organization_id", "=", self.branch_11.id)])
        )
        open_count = card.duties_open
        self.assertGreaterEqual(open_count, 2)
        action = card.action_open_duties()
        self.assertIn(duty, self.Duty.with_user(self.user_branch).search(action["domain"]))
        month = self.env["party.period"]._get_period("2030-03-01")
        evaluation = self.env["party.evaluation"].create(
            {"organization_id": self.branch_11.id, "period_id": month.id}
        )
        self.assertIn(duty, evaluation.duty_ids)
        self.assertEqual(evaluation.duty_ids.organization_id, self.branch_11)
        self.hold("committee_meeting", self.branch_11, datetime(2030, 3, 25, 9), self.m11a)
        self.assertFalse(duty.activity_ids, "the reminder goes once the record is there")
        card.invalidate_recordset()
        self.assertEqual(card.duties_open, open_count - 1)

    def test_duties_follow_the_person(self):
        """A member who leaves the branch takes their open duties along; the done ones
        stay where they were fulfilled."""
        talk_duty = self.duty("talk_member", self.branch_11, self.m11b)
        self.env["party.talk"].create(
            {
                "organization_id": self.branch_11.id,
                "talker_id": self.m11a.id,
                "member_ids": [(6, 0, self.m11b.ids)],
                "date": "2030-03-01",
                "topics": "Before the move",
            }
        )
        study_duty = self.duty("study_hours", self.branch_11, self.m11b)
        self.assertEqual((talk_duty.state, study_duty.state), ("done", "open"))
        self.m11b.organization_id = self.branch_12
        self.assertEqual(self.Duty._drop_stale(), 1)
        self.assertFalse(study_duty.exists())
        self.assertTrue(talk_duty.exists(), "done: kept")
        self.Duty._generate([date(2030, 3, 20)])
        self.assertEqual(self.duty("study_hours", self.branch_12, self.m11b).state, "open")
        # Off the committee: the committee's talk duty goes.
        self.branch_11.committee_member_ids = self.m11a
        self.assertFalse(self.duty("talk_committee", self.branch_11, self.m11c).state == "done")
        self.Duty._drop_stale()
        self.assertFalse(self.duty("talk_committee", self.branch_11, self.m11c))

    def test_queries_do_not_grow_with_branches(self):
        """Generating and refreshing: one query per rule / kind of fulfilment."""
        Period = self.env["party.period"]
        Period._get_periods(["2030-05-01", "2030-06-01"])
        Period._get_periods(["2030-01-01"], "year")
        self.env.flush_all()
        rules = self.env["party.duty.rule"].search([])
        with self.assertQueryCount(len(rules) + GENERATION_OVERHEAD):
            self.Duty._generate([date(2030, 5, 1)])
        self.Duty._refresh()
        with self.assertQueryCount(REFRESH_QUERIES):
            self.Duty._refresh()
        # Twenty more branches with three members each.
        Org = self.env["party.organization"]
        branches = Org.create(
            [self._branch_vals(f"Extra {i}", self.general_2, self.type_service) for i in range(20)]
        )
        self.env["party.member"].create(
            [{"name": f"X{b.id}-{i}", "organization_id": b.id} for b in branches for i in range(3)]
        )
        self.env.flush_all()
        with self.assertQueryCount(len(rules) + GENERATION_OVERHEAD):
            created = self.Duty._generate([date(2030, 6, 1)])
        self.assertGreater(created, 20 * len(rules) // 2)
        self.Duty._refresh()
        with self.assertQueryCount(REFRESH_QUERIES):
            self.Duty._refresh()
