from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartyEvaluationCase

FIGURES = [
    "evaluation_state",
    "meetings_held",
    "meetings_behind",
    "claims_waiting",
    "dues_unpaid",
    "publicity_draft",
    "progress",
    "score",
    "score_gap",
    "gap_html",
    "last_rank",
    "last_rank_of",
    "branch_count",
    "waiting_count",
    "late_count",
    "behind_count",
    "behind_html",
    "close_unreviewed",
    "escalation_count",
]


@tagged("post_install", "-at_install")
class TestWorkbench(PartyEvaluationCase):
    """The officers' first screen: a card per organization they serve, its figures
    read for all cards at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_13 = cls.env["party.organization"].create(
            cls._branch_vals("Branch 13", cls.general_1, cls.type_management)
        )
        Period = cls.env["party.period"]
        today = fields.Date.today()
        cls.this_month = Period._get_period(today)
        cls.last_month = Period._get_period(today - relativedelta(months=1))
        for month in cls.this_month | cls.last_month:
            if month.state == "closed":  # by the demo data
                month._reopen("Workbench test")
        cls.Workbench = cls.env["party.workbench"]

    def card(self, user, organization):
        cards = self.Workbench.with_user(user).search([])
        self.assertEqual(cards.organization_id, organization, "one card per own organization")
        return cards

    def test_branch_secretary_card(self):
        last = self.Evaluation.search(
            [("period_id", "=", self.last_month.id), ("organization_id", "in", self.branch_11.ids)]
        ) or self.Evaluation.create(
            {"organization_id": self.branch_11.id, "period_id": self.last_month.id}
        )
        other = self.Evaluation.search(
            [("period_id", "=", self.last_month.id), ("organization_id", "=", self.branch_13.id)]
        ) or self.Evaluation.create(
            {"organization_id": self.branch_13.id, "period_id": self.last_month.id}
        )
        self.review(last | other, [92, 96])
        card = self.card(self.user_branch, self.branch_11)
        ranked = self.Evaluation.search_count(
            [
                ("period_id", "=", self.last_month.id),
                ("branch_type_id", "=", self.type_management.id),
                ("state", "=", "reviewed"),
            ]
        )
        self.assertEqual(card.last_rank, last.rank_in_type)
        self.assertGreater(card.last_rank, 1, "branch 13 did better")
        self.assertEqual(card.last_rank_of, ranked)
        # No evaluation of this month submitted yet: the score is last month's.
        self.assertAlmostEqual(card.score, last.final_total)
        self.assertAlmostEqual(card.score_gap, 95.0 - last.final_total)
        self.assertTrue(card.gap_html, "the criteria that lost points are listed")

        current = self.Evaluation.create(
            {"organization_id": self.branch_11.id, "period_id": self.this_month.id}
        )
        card.invalidate_recordset()
        self.assertEqual(card.evaluation_id, current)
        self.assertEqual(card.evaluation_state, "draft")
        self.assertEqual(
            card.tasks_total,
            6,
            "the six lines of the card: evaluation, meetings, claims, dues, publicity, duties",
        )
        self.fill(current, "self_score", self.user_branch)
        line = current.line_ids.filtered(lambda ln: ln.category != "bonus")[0]
        current.with_user(self.user_branch).write(
            {"line_ids": [(1, line.id, {"self_score": 0, "note": "No lecture this month"})]}
        )
        current.with_user(self.user_branch).action_submit()
        card.invalidate_recordset()
        self.assertEqual(card.evaluation_state, "self_assessed")
        self.assertAlmostEqual(card.score, current.self_total)
        self.assertAlmostEqual(card.score_gap, max(0.0, 95.0 - current.self_total))
        self.assertIn(line.name, card.gap_html)
        self.assertIn("No lecture this month", card.gap_html)
        # Each card links to its records.
        action = card.action_open_evaluation()
        self.assertEqual(action["res_id"], current.id)
        for method in ("action_open_meetings", "action_open_claims", "action_open_dues"):
            action = getattr(card, method)()
            self.assertIn(("organization_id", "child_of", self.branch_11.id), action["domain"])
        self.assertTrue(card.action_open_publicity()["res_model"], "party.point.publicity")

    def test_general_branch_and_committee_cards(self):
        evaluations = self.Evaluation.create(
            [
                {"organization_id": branch.id, "period_id": self.this_month.id}
                for branch in (self.branch_11, self.branch_12, self.branch_13)
            ]
        )
        self.fill(evaluations[0], "self_score", self.user_branch)
        evaluations[0].with_user(self.user_branch).action_submit()
        general = self.card(self.user_general, self.general_1)
        self.assertEqual(general.branch_count, 3)
        self.assertEqual(general.submitted_count, 1)
        self.assertEqual(general.waiting_count, 1, "branch 11 waits for the general branch")
        self.assertEqual(
            general.action_open_waiting()["domain"][-1], ("is_waiting_for_me", "=", True)
        )
        committee = self.card(self.user_committee, self.committee)
        self.assertEqual(committee.branch_count, 5)
        self.assertEqual(committee.waiting_count, 0)
        self.assertEqual(
            committee.escalation_count,
            self.env["party.escalation"].search_count([("state", "=", "proposed")]),
        )
        self.assertTrue(committee.action_open_cockpit()["res_model"], "party.cockpit")

    def test_members_have_no_workbench_and_cards_stay_in_scope(self):
        with self.assertRaises(AccessError):
            self.Workbench.with_user(self.user_member).search([])
        cards = self.Workbench.with_user(self.user_general).search([])
        self.assertNotIn(self.general_2, cards.organization_id)

    def test_queries_do_not_grow_with_branches(self):
        """The figures of every card are read in a fixed number of queries: one or
        two per card's source, whatever the number of branches."""
        Workbench = self.Workbench.sudo()
        many = Workbench.search([("kind", "=", "branch")])
        # Both halves hold demo branches with evaluations, so the same paths run.
        one = many[: len(many) // 2]
        self.assertGreater(len(many), 5)
        many.read(FIGURES)  # settings, selections and fields loaded once
        counts = []
        for cards in (one, many):
            self.env.invalidate_all()
            self.env.flush_all()
            before = self.cr.sql_log_count
            cards.read(FIGURES)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "no query per branch")
        scopes = Workbench.search([("kind", "!=", "branch")])
        self.env.invalidate_all()
        with self.assertQueryCount(13):  # the committee and the general branches
            scopes.read(FIGURES)
        self.env.invalidate_all()
        with self.assertQueryCount(19):  # every branch of the demo and the test
            many.read(FIGURES)


@tagged("post_install", "-at_install")
class TestMemberWorkbench(PartyEvaluationCase):
    """The member's first screen: their points, claims, meetings and publicity."""

    def test_member_card(self):
        Card = self.env["party.member.workbench"]
        card = Card.with_user(self.user_member).search([])
        self.assertEqual(card.member_id, self.m11b, "only their own card")
        rule = self.env["party.point.rule"].search(
            [("part", "=", "advancement"), ("points", ">", 0)], limit=1
        )
        self.env["party.point.line"].create(
            [
                {"member_id": self.m11b.id, "rule_id": rule.id, "description": "Claim"},
                {"member_id": self.m11b.id, "rule_id": rule.id, "description": "Second"},
            ]
        )
        self.env["party.meeting"].create(
            {
                "name": "Monthly study",
                "kind": "study",
                "organization_id": self.branch_11.id,
                "start": fields.Datetime.now() + relativedelta(days=3),
            }
        )
        card.invalidate_recordset()
        self.assertEqual(card.claims_draft, 2)
        self.assertIn("Monthly study", card.meetings_html)
        self.assertEqual(card.points_year, self.m11b.points_year)
        action = card.with_user(self.user_member).action_claim()
        self.assertEqual(action["res_model"], "party.point.line")
        self.assertEqual(action["context"]["default_member_id"], self.m11b.id)
        self.assertEqual(
            card.with_user(self.user_member).action_open_publicity()["domain"][0],
            ("organization_id", "=", self.branch_11.id),
        )
        # Another member's card is not theirs.
        self.assertFalse(
            Card.with_user(self.user_member).search([("member_id", "=", self.m11a.id)])
        )
        demo = self.env.ref("party_quant.user_party_member_demo", raise_if_not_found=False)
        if demo:
            self.assertEqual(
                demo.action_id.id, self.env.ref("party_quant.party_member_workbench_action").id
            )

    def test_member_queries_do_not_grow(self):
        cards = self.env["party.member.workbench"].sudo().search([])
        self.assertGreater(len(cards), 4)
        fields_ = [
            "meetings_html",
            "claims_draft",
            "claims_submitted",
            "publicity_open",
            "notices_unread",
        ]
        cards.read(fields_)
        counts = []
        for subset in (cards[: len(cards) // 2], cards):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            subset.read(fields_)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "no query per member")
        self.env.invalidate_all()
        # Meetings, claims, publicity, unread notices (and the cards' own rows).
        with self.assertQueryCount(6):
            cards.read(fields_)
