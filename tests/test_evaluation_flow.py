from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyEvaluationCase


@tagged("post_install", "-at_install")
class TestEvaluationFlow(PartyEvaluationCase):
    def test_lines_follow_the_branch_type(self):
        by_type = self.env["party.criterion"]._for_branch_types(self.type_management)
        self.assertEqual(
            self.ev_11.line_ids.criterion_id,
            by_type[self.type_management],
            "the catalogue of the type",
        )
        self.assertEqual(self.ev_11.branch_type_id, self.type_management)
        self.assertEqual(self.ev_11.general_branch_id, self.general_1)
        self.assertEqual(self.ev_11.path_kind, "standard")
        self.assertEqual(self.ev_0.path_kind, "direct")
        self.assertEqual(self.ev_11.name, "Branch 11 2030-03")
        base = self.ev_11.line_ids.filtered(lambda line: line.category != "bonus")
        self.assertEqual(sum(base.mapped("max_score")), 100)

    def test_periods_created_when_needed(self):
        Period = self.env["party.period"]
        self.assertEqual(self.month.name, "2030-03")
        self.assertEqual(str(self.month.date_end), "2030-03-31")
        self.assertEqual(self.month.year_id.name, "2030")
        self.assertEqual(self.month.year_id.kind, "year")
        self.assertEqual(str(self.month.year_id.date_end), "2030-12-31")
        self.assertEqual(Period._get_period("2030-03-31"), self.month, "found, not created again")
        periods = Period._get_periods(["2031-01-15", "2031-02-01", "2031-01-02"])
        self.assertEqual(len(periods), 2)
        self.assertEqual(periods[next(iter(sorted(periods)))].year_id.name, "2031")

    def test_full_path_with_each_role(self):
        ev = self.ev_11
        self.flush_tracking()  # records created in this transaction are not tracked
        self.assertEqual(
            self.activity_users(ev), self.user_branch, "branch officer asked to self-assess"
        )
        self.assertTrue(ev.with_user(self.user_branch).is_waiting_for_me)
        self.assertFalse(ev.with_user(self.user_general).is_waiting_for_me)

        self.fill(ev, "self_score", self.user_branch, ratio=0.9)
        self.assertAlmostEqual(ev.self_total, 90.0)
        ev.with_user(self.user_branch).action_submit()
        self.flush_tracking()
        self.assertEqual(ev.state, "self_assessed")
        self.assertEqual(self.activity_users(ev), self.user_general, "general branch asked next")
        self.assertAlmostEqual(ev.preliminary_total, 90.0, msg="starts from the self scores")
        waiting = self.Evaluation.with_user(self.user_general).search(
            [("is_waiting_for_me", "=", True)]
        )
        self.assertEqual(waiting, ev)

        self.fill(ev, "preliminary_score", self.user_general, ratio=0.8)
        ev.with_user(self.user_general).action_approve()
        self.flush_tracking()
        self.assertEqual(ev.state, "preliminary")
        self.assertEqual(self.activity_users(ev), self.user_committee)
        self.assertAlmostEqual(ev.final_total, 80.0)

        line = ev.line_ids.filtered(lambda ln: ln.category != "bonus")[0]
        bonus = ev.line_ids.filtered(lambda ln: ln.category == "bonus")[0]
        ev.with_user(self.user_committee).write(
            {
                "line_ids": [
                    (1, line.id, {"final_score": 0, "final_note": "No meeting"}),
                    (1, bonus.id, {"final_score": 3}),
                ]
            }
        )
        ev.with_user(self.user_committee).action_approve()
        self.flush_tracking()
        self.assertEqual(ev.state, "reviewed")
        self.assertAlmostEqual(ev.final_score, 80.0 - line.max_score * 0.8 + 3)
        self.assertFalse(self.activity_users(ev), "nothing waits once reviewed")
        self.assertEqual(ev.rank_in_type, 1)
        self.assertAlmostEqual(line.final_difference, -line.max_score * 0.8)
        self.assertAlmostEqual(line.preliminary_difference, -line.max_score * 0.1)

        # The chatter tells the story: states tracked, scores logged.
        tracked = ev.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(
            sorted(tracked.mapped("new_value_char")),
            sorted(["Self-assessed", "Preliminary Evaluated", "Reviewed"]),
        )
        logs = ev.message_ids.filtered(lambda m: "Scores changed" in (m.body or ""))
        self.assertEqual(len(logs), 3, "one message per save, not per line")
        self.assertIn("No meeting", ev.line_ids.mapped("final_note"))

    def test_return_with_reason(self):
        ev = self.ev_11
        self.fill(ev, "self_score", self.user_branch)
        ev.with_user(self.user_branch).action_submit()
        action = ev.with_user(self.user_general).action_return()
        self.assertEqual(action["res_model"], "party.evaluation.return")
        wizard = (
            self.env["party.evaluation.return"]
            .with_user(self.user_general)
            .with_context(**action["context"])
            .create({"reason": "Minutes of the March assembly are missing"})
        )
        wizard.action_confirm()
        self.assertEqual(ev.state, "draft")
        self.assertEqual(ev.return_reason, "Minutes of the March assembly are missing")
        self.assertTrue(
            ev.message_ids.filtered(lambda m: "Minutes of the March assembly" in (m.body or "")),
            "the reason is in the chatter",
        )
        activity = ev.activity_ids
        self.assertEqual(activity.user_id, self.user_branch, "the branch's activity is open again")
        self.assertIn("Minutes of the March assembly", activity.note)
        # A return needs a reason, given through the wizard or a direct write.
        ev.with_user(self.user_branch).action_submit()
        with self.assertRaisesRegex(UserError, "reason"):
            ev.with_user(self.user_general)._return("  ")
        with self.assertRaisesRegex(UserError, "reason"):
            ev.with_user(self.user_general).write({"state": "draft"})
        self.assertEqual(ev.state, "self_assessed")

    def test_committee_returns_reviewed_one_level(self):
        ev = self.ev_11
        self.fill(ev, "self_score", self.user_branch)
        ev.with_user(self.user_branch).action_submit()
        ev.with_user(self.user_general).action_approve()
        ev.with_user(self.user_committee).action_approve()
        self.assertEqual(ev.rank_in_type, 1)
        with self.assertRaises(AccessError):
            ev.with_user(self.user_general)._return("Too generous")
        ev.with_user(self.user_committee)._return("Recheck line 3")
        self.assertEqual(ev.state, "preliminary")
        self.assertFalse(ev.rank_in_type, "only reviewed evaluations are ranked")
        self.assertEqual(self.activity_users(ev), self.user_committee)

    def test_branch_under_committee_skips_general_step(self):
        ev = self.ev_0
        officer = self._user("pq_branch_0", "group_party_branch", self.branch_0)
        self.fill(ev, "self_score", officer, ratio=0.95)
        ev.with_user(officer).action_submit()
        self.assertEqual(ev.state, "self_assessed")
        self.assertEqual(self.activity_users(ev), self.user_committee, "straight to the committee")
        self.assertAlmostEqual(
            ev.final_total, 95.0, msg="the committee starts from the self scores"
        )
        self.assertTrue(ev.with_user(self.user_committee).is_waiting_for_me)
        with self.assertRaises(AccessError):
            ev.with_user(officer).action_approve()
        ev.with_user(self.user_committee).action_approve()
        self.assertEqual(ev.state, "reviewed")
        self.assertAlmostEqual(ev.final_score, 95.0)
        ev.with_user(self.user_committee)._return("Check the records")
        self.assertEqual(ev.state, "self_assessed", "back one level on its own path")

    def test_out_of_order_and_incomplete(self):
        ev = self.ev_11
        with self.assertRaisesRegex(UserError, "must be submitted by the branch first"):
            ev.with_user(self.user_committee).action_approve()
        with self.assertRaisesRegex(UserError, "Score every criterion"):
            ev.with_user(self.user_branch).action_submit()
        self.assertEqual(ev.state, "draft")
        # A zero is accepted with a note saying why.
        self.fill(ev, "self_score", self.user_branch)
        first = ev.line_ids[0]
        first.with_user(self.user_branch).write({"self_score": 0})
        with self.assertRaisesRegex(UserError, first.name):
            ev.with_user(self.user_branch).action_submit()
        first.with_user(self.user_branch).write({"note": "The lecture was cancelled"})
        ev.with_user(self.user_branch).action_submit()
        with self.assertRaisesRegex(UserError, "Only self-assessments are submitted"):
            ev.with_user(self.user_branch).action_submit()
        with self.assertRaisesRegex(UserError, "waiting for the General Branch"):
            ev.with_user(self.user_committee).action_approve()
        with self.assertRaisesRegex(UserError, "cannot go from"):
            ev.with_user(self.user_general).write({"state": "reviewed"})
        self.assertEqual(ev.state, "self_assessed")

    def test_score_out_of_range(self):
        line = self.ev_11.line_ids[0]
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            self.ev_11.with_user(self.user_branch).write(
                {
                    "line_ids": [
                        (1, self.ev_11.line_ids[1].id, {"self_score": 1}),
                        (1, line.id, {"self_score": line.max_score + 1}),
                    ]
                }
            )
        self.assertFalse(self.ev_11.line_ids[1].self_score, "nothing half-saved")
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            line.with_user(self.user_branch).write({"self_score": -1})

    def test_one_evaluation_per_branch_and_period(self):
        with self.assertRaisesRegex(ValidationError, "already has an evaluation for 2030-03"):
            self.Evaluation.create(
                {"organization_id": self.branch_11.id, "period_id": self.month.id}
            )
        created = self.env["party.evaluation"]._create_for_periods(self.month)
        self.assertFalse(
            created.organization_id
            & (self.branch_11 | self.branch_12 | self.branch_21 | self.branch_0),
            "opening a period again creates nothing for branches that have one",
        )
        self.assertEqual(
            len(self.month.evaluation_ids), len(self.month.evaluation_ids.organization_id)
        )
        with self.assertRaisesRegex(ValidationError, "Only branches are evaluated"):
            self.Evaluation.create(
                {"organization_id": self.general_1.id, "period_id": self.month.id}
            )

    def test_closed_period_refuses_edits(self):
        self.fill(self.ev_11, "self_score", self.user_branch)
        self.month._close(force=True)
        with self.assertRaisesRegex(UserError, "is closed"):
            self.fill(self.ev_11, "self_score", self.user_branch, ratio=0.5)
        with self.assertRaisesRegex(UserError, "is closed"):
            self.ev_11.with_user(self.user_branch).action_submit()
        with self.assertRaisesRegex(UserError, "is closed"):
            self.Evaluation._create_for_periods(self.month)
        self.assertFalse(self.ev_11.with_user(self.user_branch).can_submit)
        self.assertAlmostEqual(self.ev_11.self_total, 100.0)

    def test_type_catalogue_must_total_100(self):
        self.env.ref("party_quant.criterion_management_horizontal").max_score = 10
        self.assertEqual(self.type_management.base_total, 102)
        april = self.env["party.period"]._get_period("2030-04-01")
        with self.assertRaisesRegex(UserError, "total 102.0 points"):
            self.Evaluation._create_for_periods(april)
        self.assertFalse(april.evaluation_ids, "nothing half-saved")

    def test_cron_opens_the_current_month(self):
        self.Evaluation._cron_create_monthly_evaluations()
        today = self.env["party.period"]._get_period(self.env.cr.now().date())
        branches = self.env["party.organization"].search([("kind", "=", "branch")])
        self.assertEqual(today.evaluation_ids.organization_id, branches)
        self.Evaluation._cron_create_monthly_evaluations()
        self.assertEqual(len(today.evaluation_ids), len(branches), "a second run adds nothing")

    def test_acting_level_drives_search_rights_and_rules(self):
        """PATHS is the one source: the stored acting level, the "waiting for me"
        search, the computed rights and the write rules agree at every step."""
        annual = self.Evaluation.create(
            {"organization_id": self.branch_11.id, "period_id": self.month.year_id.id}
        )
        for evaluation in self.ev_12 | self.ev_0:
            self.fill(evaluation, "self_score", self.env.user)
            evaluation.action_submit()
        evaluations = self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0 | annual
        self.assertEqual(
            evaluations.mapped("acting_level"),
            ["branch", "general_branch", "branch", "committee", "committee"],
        )
        for user in (self.user_branch, self.user_general, self.user_committee, self.user_member):
            with self.subTest(user=user.login):
                readable = evaluations.with_user(user)._filtered_access("read")
                waiting = self.Evaluation.with_user(user).search(
                    [("is_waiting_for_me", "=", True), ("id", "in", evaluations.ids)]
                )
                self.assertEqual(waiting, readable.filtered("is_waiting_for_me"))
                if user != self.user_committee:
                    self.assertEqual(readable._filtered_access("write"), waiting)
        self.assertEqual(
            self.Evaluation.with_user(self.user_general).search(
                [("is_waiting_for_me", "=", True), ("id", "in", evaluations.ids)]
            ),
            self.ev_12,
        )
