from odoo.tests import tagged

from .test_member_notices import NoticesCase

# What a member's My Points Summary reads (tools/bench_scale.py reads the same).
MY_POINTS = [
    "points_month",
    "points_year",
    "points_year_obligation",
    "points_year_role",
    "points_year_advancement",
    "points_year_deduction",
    "points_rank_in_branch",
    "points_reachable",
]


@tagged("post_install", "-at_install")
class TestQueryPins(NoticesCase):
    """The queries of what people do most, as the user who does it, caches warm as on a
    running server (the first run warms them; the ORM's record cache is emptied
    before the counted one): a regression shows here before it shows at scale."""

    def specification(self, model, view_type):
        """What the web client asks for when it opens ``view_type`` of ``model``."""
        fields_ = model.get_views([(False, view_type)])["models"][model._name]["fields"]
        return {
            name: {"fields": {"display_name": {}}}
            if model._fields[name].type in ("many2one", "one2many", "many2many")
            else {}
            for name in fields_
        }

    def opened(self, model, view_type="kanban"):
        spec = self.specification(model, view_type)
        model.web_search_read([], spec)  # warm: rules, groups, settings, translations
        self.env.invalidate_all()
        return spec

    def test_approving_one_entry_with_the_members_notice(self):
        self.approved()  # warm
        line = self.claim(self.user_member, self.attendance)
        line.action_submit()
        approver = line.with_user(self.user_branch)
        self.assertTrue(approver.can_approve, "loaded as the form shows it")
        before = len(self.inbox())
        self.env.flush_all()
        # The approval, the ledger's summaries (triggers), the request closed, the totals
        # and the member's inbox notice (one message, one notification).
        with self.assertQueryCount(36):
            approver.action_approve()
        self.assertEqual(line.state, "approved")
        self.assertEqual(len(self.inbox()), before + 1, "the member is told")
        self.assertIn("已批准", self.inbox()[0].body)

    def test_my_points(self):
        mine = self.user_member.party_member_id.with_user(self.user_member)
        mine.read(MY_POINTS)  # warm
        self.env.invalidate_all()
        # 10: the rank reads the branch's members' status (issue 25: out of contact,
        # suspended and left members have no rank).
        with self.assertQueryCount(10):
            mine.read(MY_POINTS)

    def test_member_workbench(self):
        Card = self.env["party.member.workbench"].with_user(self.user_member)
        spec = self.opened(Card)
        # 22 with the status of the member's branch peers (their rank, issue 25).
        with self.assertQueryCount(22):
            cards = Card.web_search_read([], spec)
        self.assertEqual(cards["length"], 1)

    def test_secretary_workbench(self):
        Workbench = self.env["party.workbench"].with_user(self.user_branch)
        spec = self.opened(Workbench)
        # 15 with the development steps due (issue 23) and the members out of contact
        # (issue 25): a count each; 16 with the year's development plans above the cards
        # (issue 23: 本年发展计划; none for the year here).
        with self.assertQueryCount(16):
            cards = Workbench.web_search_read([], spec)
        self.assertEqual(cards["length"], 1, "the secretary's branch")

    def test_committee_workbench(self):
        Workbench = self.env["party.workbench"].with_user(self.user_committee)
        spec = self.opened(Workbench)
        # 17 with the development steps due (issue 23); 18 with the year's development
        # plans above the cards (本年发展计划; none for the year here).
        with self.assertQueryCount(18):
            cards = Workbench.web_search_read([], spec)
        self.assertGreaterEqual(cards["length"], 1)
