from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartyEvaluationCase


@tagged("post_install", "-at_install")
class TestMonthlyClose(PartyEvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A second management branch, so that management has a last place.
        cls.branch_13 = cls.env["party.organization"].create(
            cls._branch_vals("Branch 13", cls.general_1, cls.type_management)
        )
        cls.m13a = cls.env["party.member"].create(
            {"name": "M13a", "organization_id": cls.branch_13.id, "state": "full"}
        )
        cls.branch_11.committee_member_ids = cls.m11a | cls.m11b

    def close_months(self, first, scores_per_month):
        """Close consecutive months from ``first`` with {branch: score} each."""
        start = fields.Date.to_date(first)
        results = []
        for offset, scores in enumerate(scores_per_month):
            month, evaluations = self.month_with(start + relativedelta(months=offset), scores)
            month.action_close()
            results.append((month, evaluations))
        return results

    # ------------------------------------------------------------------
    # Pay linkage
    # ------------------------------------------------------------------
    def test_pay_linkage_worked_example(self):
        self.branch_12.write({"secretary_id": self.m12a.id, "secretary_mode": "part_time"})
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [90, 90, 95, 98])
        self.month.with_user(self.user_committee).action_close()
        self.assertEqual(self.month.state, "closed")
        # Full-time secretary, score 90 (domain.md's example).
        self.assertEqual(self.ev_11.secretary_id, self.m11a)
        self.assertEqual(self.ev_11.secretary_mode, "full_time")
        self.assertAlmostEqual(self.ev_11.linked_share, 0.5)
        self.assertAlmostEqual(self.ev_11.payout_ratio, 0.947368, places=6)
        self.assertAlmostEqual(self.ev_11.pay_factor, 0.973684, places=6)
        # Part-time secretary, score 90: 20% linked.
        self.assertAlmostEqual(self.ev_12.linked_share, 0.2)
        self.assertAlmostEqual(self.ev_12.payout_ratio, 0.947368, places=6)
        self.assertAlmostEqual(self.ev_12.pay_factor, 0.989474, places=6)
        # Exactly the base score, and above it: paid in full.
        for evaluation in self.ev_21 | self.ev_0:
            self.assertEqual((evaluation.payout_ratio, evaluation.pay_factor), (1.0, 1.0))
        # Frozen: a later change of secretary does not move the month's figures.
        self.branch_11.secretary_mode = "part_time"
        self.assertAlmostEqual(self.ev_11.pay_factor, 0.973684, places=6)
        pay_action = self.env.ref("party_quant.party_evaluation_action_pay")
        pay_list = self.Evaluation.with_user(self.user_committee).search(
            safe_eval(pay_action.domain)
        )
        self.assertIn(self.ev_11, pay_list)

    def test_custom_pay_settings(self):
        params = self.env["ir.config_parameter"]
        params.set_param("party_quant.pay_base_score", 90)
        params.set_param("party_quant.pay_linked_share_full_time", 40)
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [81, 95, 95, 95])
        self.month.action_close()
        self.assertAlmostEqual(self.ev_11.payout_ratio, 0.9)
        self.assertAlmostEqual(self.ev_11.pay_factor, 0.96)

    # ------------------------------------------------------------------
    # Refusals, force, seal, idempotence
    # ------------------------------------------------------------------
    def test_close_refused_while_unreviewed(self):
        self.review(self.ev_11, [90])
        with self.assertRaisesRegex(
            UserError, "3 evaluations are not reviewed.*Branch 0, Branch 12, Branch 21"
        ):
            self.month.action_close()
        self.assertEqual(self.month.state, "open")
        with self.assertRaises(AccessError):
            self.month.with_user(self.user_general).action_close()
        with self.assertRaisesRegex(UserError, "with its buttons"):
            self.month.with_user(self.user_committee).write({"state": "closed"})

    def test_forced_close_records_unreviewed(self):
        self.review(self.ev_11, [80])
        self.month.with_user(self.user_committee).action_force_close()
        self.assertEqual(self.month.state, "closed")
        for evaluation in self.ev_12 | self.ev_21 | self.ev_0:
            self.assertTrue(evaluation.closed_unreviewed)
            self.assertEqual(evaluation.pay_factor, 1.0, "no deduction for the committee's delay")
            self.assertTrue(
                evaluation.message_ids.filtered(
                    lambda m: f"Not reviewed when {self.month.label} was closed" in (m.body or "")
                )
            )
        self.assertFalse(self.ev_11.closed_unreviewed)
        self.assertLess(self.ev_11.pay_factor, 1.0)

    def test_sealed_month_is_read_only(self):
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [90, 91, 92, 93])
        self.month.action_close()
        line = self.ev_11.line_ids[0]
        with self.assertRaisesRegex(UserError, "is closed"):
            line.write({"final_score": 1})
        with self.assertRaisesRegex(UserError, "is closed"):
            line.with_user(self.user_committee).write({"note": "late note"})
        with self.assertRaisesRegex(UserError, "is closed"):
            self.ev_11.with_user(self.user_committee).write({"secretary_low_rank": True})
        with self.assertRaisesRegex(UserError, "is closed"):
            self.ev_11.unlink()
        with self.assertRaisesRegex(UserError, "is closed"):
            self.ev_11.line_ids.unlink()
        with self.assertRaisesRegex(UserError, "is closed"):
            self.ev_11.with_user(self.user_committee)._return("Too late")
        # The chatter stays open.
        self.ev_11.with_user(self.user_committee).message_post(body="Noted")

    def test_seal_reports_rows_changed_behind_the_application(self):
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [90, 91, 92, 93])
        self.month.action_close()
        self.assertEqual(len(self.month.seal), 64)
        self.assertEqual(self.month._check_seal(), [])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_evaluation SET final_score = 99 WHERE id = %s", [self.ev_12.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self.month._check_seal(), [self.ev_12.name])
        action = self.month.action_check_seal()
        self.assertEqual(action["params"]["type"], "danger")

    def test_closing_twice_gives_one_result(self):
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [90, 91, 92, 93])
        self.month.action_close()
        seal, closed_on = self.month.seal, self.month.closed_on
        messages = len(self.month.message_ids)
        self.month.action_close()
        self.month._close(force=True)
        self.assertEqual((self.month.seal, self.month.closed_on), (seal, closed_on))
        self.assertEqual(len(self.month.message_ids), messages)

    def test_reopen_and_reclose(self):
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [90, 91, 92, 93])
        self.month.action_close()
        action = self.month.with_user(self.user_committee).action_reopen()
        wizard = (
            self.env["party.period.reopen"]
            .with_user(self.user_committee)
            .with_context(**action["context"])
            .create({"reason": "Branch 11 appealed"})
        )
        with self.assertRaisesRegex(UserError, "reason"):
            self.month.with_user(self.user_committee)._reopen(" ")
        wizard.action_confirm()
        self.assertEqual(self.month.state, "open")
        self.assertFalse(self.month.seal)
        self.assertTrue(
            self.month.message_ids.filtered(lambda m: "Branch 11 appealed" in (m.body or ""))
        )
        self.ev_11._return("Appeal upheld")
        self.fill(self.ev_11, "final_score", self.env.user, ratio=0.97)
        self.ev_11.action_approve()
        self.month.action_close()
        self.assertEqual(self.ev_11.pay_factor, 1.0, "re-closing recomputes")
        with self.assertRaises(AccessError):
            self.month.with_user(self.user_general)._reopen("no")

    def test_months_close_in_order(self):
        april, _evaluations = self.month_with("2030-04-01", {self.branch_11: 90})
        with self.assertRaisesRegex(UserError, "Close 2030-03 before 2030-04"):
            april.action_close()

    # ------------------------------------------------------------------
    # Escalations
    # ------------------------------------------------------------------
    def test_criticism_admonishment_and_counting_again(self):
        b11, b13, b12 = self.branch_11, self.branch_13, self.branch_12
        months = self.close_months("2031-01-01", [{b11: 80, b13: 90, b12: 70}] * 9)
        Escalation = self.env["party.escalation"]
        streaks = [evaluations[0].last_streak for _month, evaluations in months]
        self.assertEqual(streaks, [1, 2, 3, 4, 5, 6, 1, 2, 3])
        self.assertFalse(
            any(evaluations[2].is_last_in_type for _m, evaluations in months),
            "a single-branch type has no last",
        )
        escalations = Escalation.search([("organization_id", "in", (b11 | b13 | b12).ids)])
        self.assertEqual(
            [(e.period_id.name, e.kind) for e in escalations.sorted("period_start")],
            [("2031-03", "criticism"), ("2031-06", "admonishment"), ("2031-09", "criticism")],
        )
        admonishment = escalations.filtered(lambda e: e.kind == "admonishment")
        self.assertEqual(admonishment.member_ids, self.m11a | self.m11b)
        self.assertEqual(len(admonishment.evaluation_ids), 6, "the six months are its evidence")
        self.assertEqual(admonishment.activity_ids.user_id, self.user_committee)
        evidence = months[0][0].label
        self.assertTrue(admonishment.message_ids.filtered(lambda m: evidence in (m.body or "")))
        # The committee acts on it.
        with self.assertRaisesRegex(UserError, "why"):
            admonishment.with_user(self.user_committee).action_cancel()
        admonishment.with_user(self.user_committee).action_done()
        self.assertEqual(admonishment.state, "done")
        self.assertFalse(admonishment.activity_ids)

    def test_ties_are_all_last(self):
        month, (ev_11, ev_13) = self.month_with(
            "2031-01-01", {self.branch_11: 85, self.branch_13: 85}
        )
        month.action_close()
        self.assertTrue(ev_11.is_last_in_type and ev_13.is_last_in_type)
        self.assertEqual((ev_11.rank_in_type, ev_13.rank_in_type), (1, 1))

    def test_streak_breaks_when_not_last(self):
        b11, b13 = self.branch_11, self.branch_13
        months = self.close_months(
            "2031-01-01",
            [{b11: 80, b13: 90}, {b11: 80, b13: 90}, {b11: 95, b13: 90}, {b11: 80, b13: 90}],
        )
        self.assertEqual([evs[0].last_streak for _m, evs in months], [1, 2, 0, 1])
        self.assertFalse(self.env["party.escalation"].search([("organization_id", "=", b11.id)]))

    def test_annual_removal_two_years_and_low_rank(self):
        Period = self.env["party.period"]
        for year, low_rank in (("2032-01-01", False), ("2033-01-01", True)):
            period = Period._get_period(year, "year")
            annual = self.Evaluation.create(
                [
                    {"organization_id": b.id, "period_id": period.id}
                    for b in (self.branch_11, self.branch_13)
                ]
            )
            annual[0].write({"year_end_score": 70, "secretary_low_rank": low_rank})
            annual[1].write({"year_end_score": 90})
            annual.action_approve()
            period.action_close()
            self.assertTrue(annual[0].is_last_in_type)
            self.assertTrue(annual[1].honor_candidate, "first of the type: candidate for honors")
            self.assertFalse(annual[0].honor_candidate)
        removal = self.env["party.escalation"].search([("kind", "=", "removal")])
        self.assertEqual(removal.organization_id, self.branch_11)
        self.assertEqual(removal.period_id.name, "2033")
        self.assertEqual(removal.secretary_id, self.m11a)
        self.assertEqual(removal.member_ids, self.m11b, "each other committee member admonished")
        self.assertEqual(len(removal.evaluation_ids), 2)

    def test_annual_without_low_rank_no_removal(self):
        Period = self.env["party.period"]
        for year in ("2032-01-01", "2033-01-01"):
            period = Period._get_period(year, "year")
            annual = self.Evaluation.create(
                [
                    {"organization_id": b.id, "period_id": period.id}
                    for b in (self.branch_11, self.branch_13)
                ]
            )
            annual[0].year_end_score = 70
            annual[1].year_end_score = 90
            annual.action_approve()
            period.action_close()
        self.assertEqual(annual[0].last_streak, 2)
        self.assertFalse(self.env["party.escalation"].search([("kind", "=", "removal")]))

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    def test_late_reminders_go_one_level_up(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_evaluation")
        past = fields.Date.today() - relativedelta(days=1)
        self.ev_11.activity_ids.date_deadline = past
        self.Evaluation._cron_remind_late()
        reminded = self.ev_11.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        self.assertEqual(reminded.user_id, self.user_branch | self.user_general)
        self.Evaluation._cron_remind_late()
        self.assertEqual(len(self.ev_11.activity_ids), 2, "reminded once per step")
        # Submitting closes the reminder with the step.
        self.fill(self.ev_11, "self_score", self.user_branch)
        self.ev_11.with_user(self.user_branch).action_submit()
        self.assertEqual(self.ev_11.activity_ids.user_id, self.user_general)

    def test_cron_closes_previous_month_when_reviewed(self):
        Period = self.env["party.period"]
        today = fields.Date.today()
        month = Period._get_period(today - relativedelta(months=1))
        if month.state == "closed":  # by the demo data
            month._reopen("Test of the automatic close")
        month, evaluations = self.month_with(month.date_start, {self.branch_11: 90})
        # Earlier months (of the demo data) are closed first: months close in order.
        Period.search(
            [
                ("kind", "=", "month"),
                ("state", "=", "open"),
                ("date_start", "<", month.date_start),
                ("evaluation_ids", "!=", False),
            ]
        )._close(force=True)
        unreviewed = month.evaluation_ids.filtered(lambda e: e.state != "reviewed")
        Period._cron_close_months()
        self.assertEqual(month.state, "open", "the setting is off by default")
        self.env["ir.config_parameter"].set_param("party_quant.auto_close", "True")
        if unreviewed:
            Period._cron_close_months()
            self.assertEqual(month.state, "open", "not every evaluation is reviewed")
            unreviewed.unlink()
        Period._cron_close_months()
        self.assertEqual(month.state, "closed")
        self.assertIn(evaluations, month.evaluation_ids)

    def test_close_queries_do_not_grow_with_branches(self):
        """Closing a month of 2,000 branches costs what closing 10 does."""
        Org = self.env["party.organization"].with_context(tracking_disable=True)
        Period = self.env["party.period"]
        warm, warm_2, few, many = (
            Period._get_period(d) for d in ("2034-01-01", "2034-02-01", "2034-03-01", "2034-04-01")
        )
        branches = Org.create(
            [
                self._branch_vals(f"Bench {i}", self.general_2, self.type_service)
                for i in range(2000)
            ]
        )
        self.env.flush_all()
        # Ten branches a month in the first three months (other ten each time, so no
        # streak reaches an escalation), all 2,000 in the fourth.
        for period, members in (
            (warm, branches[10:20]),
            (warm_2, branches[20:30]),
            (few, branches[:10]),
            (many, branches),
        ):
            self.env.cr.execute(
                """INSERT INTO party_evaluation (organization_id, period_id, branch_type_id, state,
                                                 path_kind, final_score, name)
                   SELECT org.id, %s, %s, 'reviewed', 'standard', 80 + MOD(org.id, 17), org.name
                     FROM party_organization org WHERE org.id = ANY(%s)""",
                [period.id, self.type_service.id, members.ids],
            )
        self.env.invalidate_all()
        # Periods created in this transaction are not tracked until its first commit.
        self.flush_tracking()
        # The first closes of a transaction also load caches, subtypes and models.
        warm._close()
        warm_2._close()
        self.flush_tracking()
        for period in (few, many):
            self.flush_tracking()
            with self.assertQueryCount(16):  # 10 branches, then 2,000 (21 before one statement)
                period._close()
        self.assertEqual(many.state, "closed")
        evaluations = many.evaluation_ids
        self.assertEqual(len(evaluations), 2000)
        lowest = min(evaluations.mapped("final_score"))
        last = evaluations.filtered("is_last_in_type")
        self.assertEqual(set(last.mapped("final_score")), {lowest})
        for evaluation in evaluations[:100]:
            expected = (
                1.0
                if evaluation.final_score >= 95
                else round(1 - (1 - round(evaluation.final_score / 95, 6)) * 0.2, 6)
            )
            self.assertAlmostEqual(evaluation.pay_factor, expected, places=6)
        self.assertEqual(many._check_seal(), [])
