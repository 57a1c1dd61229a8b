from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyEvaluationCase


@tagged("post_install", "-at_install")
class TestRanking(PartyEvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["party.organization"].with_context(tracking_disable=True)
        # Five management branches besides branch 11, all in general branch 1.
        cls.more = Org.create(
            [
                cls._branch_vals(f"Branch 1{i}", cls.general_1, cls.type_management)
                for i in range(3, 8)
            ]
        )

    def test_competition_ranking_with_ties(self):
        evaluations = self.Evaluation._create_for_periods(self.month).filtered(
            lambda e: e.organization_id in self.more
        )
        ranked = evaluations[:4]
        self.review(ranked | self.ev_11 | self.ev_12, [90, 85, 85, 70, 95, 60])
        self.assertEqual(ranked.mapped("rank_in_type"), [2, 3, 3, 5])
        self.assertEqual(self.ev_11.rank_in_type, 1)
        self.assertEqual(self.ev_12.rank_in_type, 1, "production is ranked apart")
        self.assertFalse(evaluations[4].rank_in_type, "not reviewed, not ranked")
        # A return takes the evaluation out and closes the gap.
        self.ev_11._return("Recheck")
        self.assertEqual(ranked.mapped("rank_in_type"), [1, 2, 2, 4])

    def test_ranking_queries_do_not_grow_with_branches(self):
        """Ranking a period of 2,000 branches costs what ranking 10 does."""
        Org = self.env["party.organization"].with_context(
            tracking_disable=True, mail_create_nolog=True
        )
        few = self.env["party.period"]._get_period("2030-01-01")
        many = self.env["party.period"]._get_period("2030-02-01")
        branches = Org.create(
            [
                self._branch_vals(f"Bench {i}", self.general_2, self.type_service)
                for i in range(2000)
            ]
        )
        # Set up reviewed evaluations directly: what is measured is the ranking.
        self.env.cr.execute(
            """INSERT INTO party_evaluation (organization_id, period_id, branch_type_id, state,
                                             path_kind, final_score, name)
               SELECT org.id, period.id, %s, 'reviewed', 'standard', 60 + (org.id %% 37), org.name
                 FROM party_organization org, party_period period
                WHERE org.id = ANY(%s) AND period.id = ANY(%s)
                  AND (period.id = %s OR org.id = ANY(%s))""",
            [self.type_service.id, branches.ids, [few.id, many.id], many.id, branches[:10].ids],
        )
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            self.Evaluation._compute_ranks(few)
        with self.assertQueryCount(1):
            self.Evaluation._compute_ranks(many)
        evaluations = self.Evaluation.search([("period_id", "=", many.id)])
        self.assertEqual(len(evaluations), 2000)
        scores = sorted(evaluations.mapped("final_score"), reverse=True)
        for evaluation in evaluations[:50]:
            self.assertEqual(evaluation.rank_in_type, scores.index(evaluation.final_score) + 1)

    def test_annual_totals_with_custom_weights(self):
        params = self.env["ir.config_parameter"]
        params.set_param("party_quant.annual_monthly_weight", 30)
        params.set_param("party_quant.annual_year_end_weight", 70)
        april = self.Evaluation.create(
            {
                "organization_id": self.branch_11.id,
                "period_id": self.env["party.period"]._get_period("2030-04-01").id,
            }
        )
        self.review(self.ev_11 | april, [90, 80])
        year = self.month.year_id
        annual = self.Evaluation.with_user(self.user_committee)._create_for_periods(year)
        ev = annual.filtered(lambda e: e.organization_id == self.branch_11)
        self.assertEqual(ev.path_kind, "annual")
        self.assertEqual((ev.monthly_weight, ev.year_end_weight), (30, 70))
        self.assertAlmostEqual(ev.monthly_average, 85.0)
        self.assertEqual(ev.monthly_count, 2)
        self.assertFalse(ev.line_ids, "annual evaluations have no criteria lines")
        self.assertEqual(self.activity_users(ev), self.user_committee)

        with self.assertRaisesRegex(UserError, "year-end score"):
            ev.with_user(self.user_committee).action_approve()
        with self.assertRaises(AccessError):
            ev.with_user(self.user_general).write({"year_end_score": 90})
        with self.assertRaises(AccessError):
            ev.with_user(self.user_branch).write({"secretary_low_rank": True})
        ev.with_user(self.user_committee).write({"year_end_score": 95})
        self.assertAlmostEqual(ev.final_score, 85 * 0.3 + 95 * 0.7)
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            ev.with_user(self.user_committee).write({"monthly_weight": 60})
        # A monthly score reviewed later still counts while the annual one is a draft.
        may = self.Evaluation.create(
            {
                "organization_id": self.branch_11.id,
                "period_id": self.env["party.period"]._get_period("2030-05-01").id,
            }
        )
        self.review(may, [100])
        self.assertAlmostEqual(ev.monthly_average, 90.0)
        self.assertAlmostEqual(ev.final_score, 90 * 0.3 + 95 * 0.7)
        ev.with_user(self.user_committee).action_approve()
        self.assertEqual(ev.state, "reviewed")
        self.assertEqual(ev.rank_in_type, 1)
        ev.with_user(self.user_committee).write({"secretary_low_rank": True})
        with self.assertRaisesRegex(UserError, "return it before"):
            ev.with_user(self.user_committee).write({"year_end_score": 50})

    def test_settings_refuse_bad_weights(self):
        settings = self.env["res.config.settings"].create(
            {"party_annual_monthly_weight": 40, "party_annual_year_end_weight": 40}
        )
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            settings.execute()
        settings = self.env["res.config.settings"].create(
            {
                "party_annual_monthly_weight": 40,
                "party_annual_year_end_weight": 60,
                "party_deadline_days_branch": 7,
            }
        )
        settings.execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("party_quant.annual_monthly_weight"), "40.0"
        )
        self.assertEqual(self.Evaluation._deadline_days("branch"), 7)
