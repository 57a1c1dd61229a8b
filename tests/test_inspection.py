from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import PartyEvaluationCase


class InspectionCase(PartyEvaluationCase):
    """The test company with one officer per branch and a quarterly plan over Q1 2030
    (its last month, March, is PartyEvaluationCase's month)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_13 = cls.env["party.organization"].create(
            cls._branch_vals("Branch 13", cls.general_1, cls.type_management)
        )
        cls.m13a = cls.env["party.member"].create(
            {"name": "M13a", "organization_id": cls.branch_13.id, "state": "full"}
        )
        cls.user_12 = cls._user("pq_officer_12", "group_party_branch", cls.branch_12)
        cls.user_21 = cls._user("pq_officer_21", "group_party_branch", cls.branch_21)
        cls.user_0 = cls._user("pq_officer_0", "group_party_branch", cls.branch_0)
        cls.user_13 = cls._user("pq_officer_13", "group_party_branch", cls.branch_13)
        cls.ev_13 = cls.Evaluation.create(
            {"organization_id": cls.branch_13.id, "period_id": cls.month.id}
        )
        cls.Plan = cls.env["party.inspection.plan"]
        cls.plan = (
            cls.Plan.with_user(cls.user_committee)
            .create(
                {
                    "name": "2030 Q1",
                    "period_kind": "quarter",
                    "date_from": "2030-01-01",
                    "inspection_date": "2030-04-10",
                    "scope": "general_branch",
                    "general_branch_id": cls.committee.id,
                }
            )
            .with_env(cls.env)
        )

    def inspection_of(self, branch, plan=None):
        return (plan or self.plan).inspection_ids.filtered(lambda i: i.organization_id == branch)

    def missing_sheets(self, user, inspection, deadline):
        """A finding of ``user`` on Branch 11's ``inspection`` that opens a rectification."""
        return (
            self.env["party.inspection.finding"]
            .with_user(user)
            .create(
                {
                    "inspection_id": inspection.id,
                    "criterion_id": self.ev_11.line_ids[0].criterion_id.id,
                    "name": "No attendance sheets",
                    "evidence": "Sheets missing for February.",
                    "needs_rectification": True,
                    "rectification_deadline": deadline,
                }
            )
        )


class TestInspectionTeams(InspectionCase):
    def test_teams_never_own_branch_never_both_ways(self):
        self.plan.with_user(self.user_committee).action_assign_teams()
        inspections = self.plan.inspection_ids
        self.assertEqual(
            inspections.organization_id,
            self.branch_11 | self.branch_12 | self.branch_13 | self.branch_21 | self.branch_0,
        )
        inspected_by = {}
        for inspection in inspections:
            self.assertNotEqual(inspection.inspecting_organization_id, inspection.organization_id)
            self.assertTrue(inspection.team_member_ids, "officers of the inspecting branch")
            self.assertNotIn(
                inspection.organization_id, inspection.team_member_ids._party_home_branches()
            )
            inspected_by[inspection.organization_id] = inspection.inspecting_organization_id
        for branch, inspector in inspected_by.items():
            self.assertNotEqual(inspected_by[inspector], branch, "no two branches both ways")
        # Like with like: the two management branches are in one cycle with the rest
        # (fewer than three of a type), the plan's turn shifting it.
        # The committee adjusts; never onto the branch's own officers, never both ways.
        own = self.inspection_of(self.branch_11)
        with self.assertRaisesRegex(ValidationError, "belongs to Branch 11"):
            own.with_user(self.user_committee).team_member_ids = self.user_branch
        with self.assertRaisesRegex(ValidationError, "cannot inspect itself"):
            own.with_user(self.user_committee).inspecting_organization_id = self.branch_11
        inspector = inspected_by[self.branch_11]
        back = self.inspection_of(inspector)
        with self.assertRaisesRegex(ValidationError, "inspect each other"):
            back.with_user(self.user_committee).write(
                {
                    "inspecting_organization_id": self.branch_11.id,
                    "team_member_ids": [(6, 0, self.user_branch.ids)],
                }
            )
        # Only the committee changes the teams.
        with self.assertRaisesRegex(UserError, "Only the party committee"):
            own.with_user(self.user_branch).team_member_ids = self.user_21
        # Another plan of the same period with the reverse pairs is refused too.
        second = self.Plan.create(
            {
                "name": "March",
                "period_kind": "month",
                "date_from": "2030-03-01",
                "inspection_date": "2030-04-02",
                "scope": "general_branch",
                "general_branch_id": self.general_1.id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "inspect each other"):
            self.env["party.inspection"].create(
                {
                    "plan_id": second.id,
                    "organization_id": inspector.id,
                    "inspecting_organization_id": self.branch_11.id,
                    "team_member_ids": [(6, 0, self.user_branch.ids)],
                }
            )

    def test_rotation_by_plan(self):
        self.plan.action_start()
        later = self.Plan.create(
            {
                "name": "2030 Q2",
                "period_kind": "quarter",
                "date_from": "2030-04-01",
                "inspection_date": "2030-07-10",
                "scope": "general_branch",
                "general_branch_id": self.committee.id,
            }
        )
        later.action_assign_teams()
        self.assertEqual(later.rotation, self.plan.rotation + 1)
        before = {i.organization_id: i.inspecting_organization_id for i in self.plan.inspection_ids}
        after = {i.organization_id: i.inspecting_organization_id for i in later.inspection_ids}
        self.assertNotEqual(before, after, "teams rotate from one plan to the next")
        for branch, inspector in after.items():
            self.assertNotEqual(after[inspector], branch)

    def test_start_needs_committee_and_three_branches(self):
        with self.assertRaises(AccessError):
            self.plan.with_user(self.user_branch).action_assign_teams()
        small = self.Plan.create(
            {
                "name": "G2",
                "period_kind": "month",
                "date_from": "2030-01-01",
                "inspection_date": "2030-02-05",
                "scope": "general_branch",
                "general_branch_id": self.general_2.id,
            }
        )
        with self.assertRaisesRegex(UserError, "at least three branches"):
            small.action_assign_teams()
        with self.assertRaisesRegex(ValidationError, "first day"):
            self.Plan.create(
                {
                    "name": "Bad",
                    "period_kind": "quarter",
                    "date_from": "2030-02-01",
                    "inspection_date": "2030-05-05",
                }
            )


class TestInspectionAccess(InspectionCase):
    # After the months of the test records: their dues months have started.
    freeze_time = "2030-06-20"

    def test_team_reads_the_inspected_records_of_the_period_only(self):
        Meeting = self.env["party.meeting"]
        inside, outside = Meeting.create(
            [
                {
                    "name": "Q1 assembly",
                    "organization_id": self.branch_11.id,
                    "start": "2030-02-10 02:00:00",
                },
                {
                    "name": "Q2 assembly",
                    "organization_id": self.branch_11.id,
                    "start": "2030-05-10 02:00:00",
                },
            ]
        )
        other = Meeting.create(
            {"name": "Other", "organization_id": self.branch_13.id, "start": "2030-02-10 02:00:00"}
        )
        dues_in, dues_out = self.env["party.dues"].create(
            [
                {"member_id": self.m11b.id, "month": "2030-02-01", "amount_due": 10},
                {"member_id": self.m11b.id, "month": "2030-06-01", "amount_due": 10},
            ]
        )
        points_in, points_out = self.env["party.point.line"].create(
            [
                {
                    "member_id": self.m11b.id,
                    "rule_id": self.env.ref("party_quant.point_rule_praise").id,
                    "date": day,
                    "description": "Helped a customer",
                }
                for day in ("2030-03-05", "2030-04-05")
            ]
        )
        self.plan.action_assign_teams()
        inspection = self.inspection_of(self.branch_11)
        inspection.write(
            {
                "inspecting_organization_id": self.branch_21.id,
                "team_member_ids": [(6, 0, self.user_21.ids)],
            }
        )
        for other_inspection in self.plan.inspection_ids - inspection:
            if self.user_21 in other_inspection.team_member_ids:
                other_inspection.team_member_ids = self.user_0
        as_team = self.env(user=self.user_21)
        # Before the plan starts: nothing.
        with self.assertRaises(AccessError):
            inside.with_user(self.user_21).read(["name"])
        self.plan.action_start()
        self.assertEqual(inside.with_user(self.user_21).read(["name"])[0]["name"], "Q1 assembly")
        self.assertEqual(
            as_team["party.meeting"].search([("organization_id", "=", self.branch_11.id)]), inside
        )
        # The evaluation of March, its lines, the branch and its members: readable.
        self.ev_11.with_user(self.user_21).read(["final_score"])
        self.ev_11.line_ids.with_user(self.user_21).read(["final_score"])
        self.branch_11.with_user(self.user_21).read(["name"])
        self.m11b.with_user(self.user_21).read(["name"])
        dues_in.with_user(self.user_21).read(["amount_due"])
        points_in.with_user(self.user_21).read(["points"])
        # Outside the period, another branch: refused; and read only.
        for record in (outside, other, self.ev_13, self.m13a, dues_out, points_out):
            with self.assertRaises(AccessError):
                record.with_user(self.user_21).read(["create_date"])
        with self.assertRaises(AccessError):
            inside.with_user(self.user_21).write({"name": "Changed"})
        # The team works on its inspection, not on the others.
        inspection.with_user(self.user_21).check_ids[:1].result = "partly"
        with self.assertRaises(AccessError):
            self.inspection_of(self.branch_13).with_user(self.user_21).read(["name"])
        # Once the plan is done, the access ends.
        self.plan.action_done()
        with self.assertRaises(AccessError):
            inside.with_user(self.user_21).read(["name"])
        self.assertEqual(inspection.state, "done")


class TestInspectionResults(InspectionCase):
    def setUp(self):
        super().setUp()
        self.plan.action_assign_teams()
        self.plan.action_start()
        self.inspection = self.inspection_of(self.branch_11)
        self.team_user = self.inspection.team_member_ids[0]

    def test_anonymous_questionnaire_counts_for_the_branch(self):
        survey = self.inspection.survey_id
        self.assertTrue(survey, "each inspection has its questionnaire")
        self.assertNotEqual(survey, self.inspection_of(self.branch_12).survey_id)
        # By invitation only (issue 20): the public link creates no answer.
        self.assertEqual(survey.access_mode, "token")
        self.assertFalse(survey.users_login_required)
        self.assertEqual(self.inspection.survey_participation, 0)
        questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        self.assertEqual(len(questions), 5)
        # The two invited members of Branch 11 answer, best and middle, anonymously.
        for pick, user in enumerate((self.user_branch, self.user_member)):
            url, first = self.inspection.with_user(user)._questionnaire_open(user)
            self.assertTrue(first)
            answer = self.env["survey.user_input"].search(
                [("access_token", "=", url.rsplit("/", 1)[1])]
            )
            for question in questions:
                answer._save_lines(
                    question, question.suggested_answer_ids.sorted("sequence")[pick].id
                )
            answer._mark_done()
            self.assertFalse(answer.partner_id)
            self.assertFalse(answer.email)
        self.inspection.invalidate_recordset(["survey_participation", "survey_score"])
        self.assertEqual(self.inspection.survey_participation, 2)
        self.assertAlmostEqual(self.inspection.survey_score, 75.0, places=1)
        self.assertEqual(self.inspection_of(self.branch_12).survey_participation, 0)

    def test_accepted_adjustment_changes_final_score_and_rank(self):
        self.review(self.ev_11 | self.ev_13, [92, 90])
        self.assertEqual((self.ev_11.rank_in_type, self.ev_13.rank_in_type), (1, 2))
        line = self.ev_11.line_ids.filtered(lambda x: x.category != "bonus").sorted(
            "max_score", reverse=True
        )[0]
        finding = (
            self.env["party.inspection.finding"]
            .with_user(self.team_user)
            .create(
                {
                    "inspection_id": self.inspection.id,
                    "criterion_id": line.criterion_id.id,
                    "name": "Minutes written after the fact",
                    "evidence": "Three sets of minutes in the same handwriting and ink.",
                    "adjustment": -5,
                }
            )
        )
        finding.with_user(self.team_user).action_propose()
        self.assertEqual(finding.evaluation_line_id, line)
        with self.assertRaisesRegex(UserError, "You may not move"):
            finding.with_user(self.team_user).action_accept()
        finding.with_user(self.user_committee).action_accept()
        self.assertEqual(finding.state, "accepted")
        self.assertEqual(line.inspection_adjustment, -5)
        self.assertAlmostEqual(line.adjusted_final_score, line.final_score - 5)
        self.assertAlmostEqual(self.ev_11.final_score, 87.0)
        self.assertEqual((self.ev_11.rank_in_type, self.ev_13.rank_in_type), (2, 1))
        # The branch sees the adjustment and its finding on its line.
        seen = line.with_user(self.user_branch).read(["inspection_adjustment", "inspection_note"])[
            0
        ]
        self.assertEqual(seen["inspection_adjustment"], -5)
        self.assertIn("Minutes written after the fact", seen["inspection_note"])
        self.assertIn("Minutes written after the fact", self.ev_11.message_ids[0].body)
        # The evaluation sheet prints the line after the adjustment, with its finding.
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("party_quant.action_report_evaluation_sheet", self.ev_11.ids)[0]
            .decode()
        )
        self.assertIn("Minutes written after the fact", html)
        self.assertIn("87.00", html)
        # Decided once: the adjustment cannot change afterwards.
        with self.assertRaisesRegex(UserError, "Withdraw the proposal"):
            finding.with_user(self.team_user).adjustment = -1

    def test_committee_decides_at_its_step_only(self):
        line = self.ev_13.line_ids[0]
        finding = self.env["party.inspection.finding"].create(
            {
                "inspection_id": self.inspection_of(self.branch_13).id,
                "criterion_id": line.criterion_id.id,
                "name": "Good records",
                "evidence": "All found.",
                "adjustment": 1,
            }
        )
        finding.action_propose()
        with self.assertRaisesRegex(UserError, "not at the committee's review step"):
            finding.with_user(self.user_committee).action_reject()
        self.fill(self.ev_13, "self_score", self.env.user, ratio=0.5)
        self.ev_13.action_submit()
        self.ev_13.action_approve()
        finding.with_user(self.user_committee).action_reject()
        self.assertEqual(line.inspection_adjustment, 0)
        self.assertEqual(finding.decided_by_id, self.user_committee)

    def test_rectification_overdue_raises_an_activity(self):
        yesterday = fields.Date.today() - timedelta(days=1)
        finding = self.missing_sheets(self.team_user, self.inspection, yesterday)
        task = finding.rectification_ids
        self.assertEqual(len(task), 1)
        self.assertEqual(task.state, "open")
        self.assertIn(self.user_branch, task.activity_ids.user_id, "the branch is told")
        self.assertTrue(task.overdue)
        Task = self.env["party.rectification"]
        Task._cron_overdue()
        overdue = task.activity_ids.filtered(lambda a: a.summary == "Rectification overdue")
        self.assertIn(self.user_branch, overdue.user_id)
        self.assertIn(self.user_general, overdue.user_id)
        Task._cron_overdue()
        self.assertEqual(
            len(task.activity_ids.filtered(lambda a: a.summary == "Rectification overdue")),
            len(overdue),
            "once per deadline",
        )
        # The branch submits with evidence; the team checks and closes.
        with self.assertRaisesRegex(UserError, "Describe what was done"):
            task.with_user(self.user_branch).action_submit()
        task.with_user(self.user_branch).write({"evidence": "Sheets rebuilt from sign-in logs."})
        with self.assertRaisesRegex(UserError, "You may not move"):
            task.with_user(self.user_13).action_submit()
        task.with_user(self.user_branch).action_submit()
        self.assertIn(self.team_user, task.activity_ids.user_id)
        with self.assertRaisesRegex(UserError, "You may not move"):
            task.with_user(self.user_branch).action_close()
        with self.assertRaisesRegex(UserError, "Only the team or the committee"):
            task.with_user(self.user_branch).write({"check_note": "All good"})
        with self.assertRaisesRegex(UserError, "Only the branch"):
            task.with_user(self.team_user).write({"evidence": "Done by us"})
        task.with_user(self.team_user).write({"check_note": "Checked on site"})
        task.with_user(self.team_user).action_close()
        self.assertEqual(task.state, "closed")
        self.assertFalse(task.overdue)

    def test_good_practice_published_to_all(self):
        practice = (
            self.env["party.inspection.practice"]
            .with_user(self.team_user)
            .create({"inspection_id": self.inspection.id, "name": "Pairing new members"})
        )
        with self.assertRaises(AccessError):
            practice.with_user(self.user_member).read(["name"])
        with self.assertRaisesRegex(UserError, "You may not move"):
            practice.with_user(self.team_user).action_publish()
        practice.with_user(self.user_committee).action_publish()
        self.assertEqual(practice.with_user(self.user_member).name, "Pairing new members")
        self.assertTrue(practice.published_date)


class TestInspectionBurst(InspectionCase):
    def test_burst_fires_only_just_before_the_inspection(self):
        today = fields.Date.today()
        last_month = (today - relativedelta(months=1)).replace(day=1)
        plan = self.Plan.create(
            {
                "name": "Last month",
                "period_kind": "month",
                "date_from": last_month,
                "inspection_date": today + timedelta(days=60),
                "scope": "general_branch",
                "general_branch_id": self.committee.id,
            }
        )
        plan.action_start()
        meetings = self.env["party.meeting"].create(
            [
                {
                    "name": f"Backfilled {i}",
                    "organization_id": self.branch_12.id,
                    "start": fields.Datetime.to_datetime(last_month + timedelta(days=i)),
                }
                for i in range(5)
            ]
        )
        Signal = self.env["party.record.signal"]
        Signal._refresh()
        burst = Signal.search([("kind", "=", "burst"), ("organization_id", "=", self.branch_12.id)])
        self.assertFalse(burst, "entered two months before the inspection: no burst")
        # The same entries, with the inspection in two days: a burst.
        plan.sudo().inspection_date = today + timedelta(days=2)
        Signal._refresh()
        burst = Signal.search([("kind", "=", "burst"), ("organization_id", "=", self.branch_12.id)])
        self.assertEqual(burst.meeting_ids, meetings)
        self.assertIn("before the inspection", burst.reason)
        # Records outside the inspected period do not count for the inspection (the
        # plain any-48-hours window applies to them again).
        plan.sudo().write({"date_from": date(2030, 1, 1)})
        Signal._refresh()
        bursts = Signal.search(
            [("kind", "=", "burst"), ("organization_id", "=", self.branch_12.id)]
        )
        self.assertFalse(bursts.filtered(lambda s: s.key.startswith("inspection:")))
        self.assertIn("48 hours", bursts.reason)
