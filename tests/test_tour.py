from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    def _tour_branches(self, names, branch_type):
        """A committee, one general branch and branches ``names`` of ``branch_type``."""
        Org = self.env["party.organization"]
        committee = Org.create({"name": "Tour Committee", "kind": "committee"})
        general = Org.create(
            {"name": "Tour General", "kind": "general_branch", "parent_id": committee.id}
        )
        branches = Org.create(
            [
                {
                    "name": name,
                    "kind": "branch",
                    "parent_id": general.id,
                    "branch_type_id": branch_type.id,
                }
                for name in names
            ]
        )
        return general, branches

    def test_member_transfer_tour(self):
        general, (branch_a, branch_b) = self._tour_branches(
            ["Tour Branch A", "Tour Branch B"], self.env.ref("party_quant.branch_type_service")
        )
        member = self.env["party.member"].create(
            {"name": "Tour Member", "organization_id": branch_a.id, "join_date": "2020-01-01"}
        )
        officer = mail_new_test_user(
            self.env,
            login="pq_tour_general",
            groups="base.group_user,party_quant.group_party_general_branch",
            lang="en_US",
        )
        officer.party_organization_ids = general
        action = self.env.ref("party_quant.party_member_action")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "party_quant_member_transfer",
            login="pq_tour_general",
        )
        self.assertEqual(member.organization_id, branch_b)
        self.assertEqual(member.membership_ids.organization_id, branch_a | branch_b)

    def test_evaluation_tour(self):
        """A branch officer self-assesses and submits from the kanban; the general-branch
        officer finds the evaluation under My Activities and approves it."""
        tour_type = self.env["party.branch.type"].create({"name": "Tour Type", "code": "tour"})
        # The common basic tasks (40 points) and one criterion of 60 for this type.
        self.env["party.criterion"].create(
            {
                "name": "Tour work",
                "category": "specific",
                "branch_type_ids": [(6, 0, tour_type.ids)],
                "max_score": 60,
            }
        )
        general, branch = self._tour_branches(["Tour Branch A"], tour_type)
        branch_officer = mail_new_test_user(
            self.env,
            login="pq_tour_branch",
            groups="base.group_user,party_quant.group_party_branch",
        )
        branch_officer.party_organization_ids = branch
        general_officer = mail_new_test_user(
            self.env,
            login="pq_tour_general",
            groups="base.group_user,party_quant.group_party_general_branch",
        )
        general_officer.party_organization_ids = general
        month = self.env["party.period"]._get_period(self.env.cr.now().date())
        evaluation = self.env["party.evaluation"].create(
            {"organization_id": branch.id, "period_id": month.id}
        )
        self.assertEqual(len(evaluation.line_ids), 5)
        action = self.env.ref("party_quant.party_evaluation_action")
        self.start_tour(
            f"/odoo/action-{action.id}", "party_quant_evaluation_self", login="pq_tour_branch"
        )
        self.assertEqual(evaluation.state, "self_assessed")
        self.assertEqual(evaluation.line_ids.mapped("self_score"), [15, 9, 5, 10, 55])
        self.assertEqual(evaluation.activity_ids.user_id, general_officer)
        self.assertAlmostEqual(evaluation.preliminary_total, 94, msg="starts from the self scores")
        self.start_tour("/odoo", "party_quant_evaluation_approve", login="pq_tour_general")
        self.assertEqual(evaluation.state, "preliminary")
        self.assertAlmostEqual(evaluation.preliminary_total, 94)

    def test_points_tour(self):
        """A member claims points with an evidence file; the branch officer approves."""
        _general, branch = self._tour_branches(
            ["Tour Branch"], self.env.ref("party_quant.branch_type_service")
        )
        self.env["party.point.rule"].create(
            {"name": "Tour deed", "part": "advancement", "points": 3, "evidence_required": True}
        )
        member_user = mail_new_test_user(
            self.env,
            login="pq_tour_member",
            groups="base.group_user,party_quant.group_party_member",
        )
        member = self.env["party.member"].create(
            {"name": "Tour Member", "organization_id": branch.id, "user_id": member_user.id}
        )
        officer = mail_new_test_user(
            self.env,
            login="pq_tour_officer",
            groups="base.group_user,party_quant.group_party_branch",
        )
        officer.party_organization_ids = branch
        self.start_tour(
            f"/odoo/action-{self.env.ref('party_quant.party_point_line_action_mine').id}",
            "party_quant_points_claim",
            login="pq_tour_member",
        )
        line = member.point_line_ids
        self.assertEqual(line.state, "submitted")
        self.assertEqual(line.attachment_ids.name, "evidence.png")
        self.assertEqual(line.activity_ids.user_id, officer)
        self.start_tour(
            f"/odoo/action-{self.env.ref('party_quant.party_point_line_action').id}",
            "party_quant_points_approve",
            login="pq_tour_officer",
        )
        self.assertEqual(line.state, "approved")
        self.assertEqual(member.points_total, 3)

    def test_cockpit_tour(self):
        """The committee goes from the cockpit to the month's evaluations, and finds the
        rankings in a period's Print menu."""
        committee = self.env["party.organization"].create(
            {"name": "Tour Cockpit Committee", "kind": "committee"}
        )
        branch = self.env["party.organization"].create(
            {
                "name": "Tour Cockpit Branch",
                "kind": "branch",
                "parent_id": committee.id,
                "branch_type_id": self.env.ref("party_quant.branch_type_service").id,
            }
        )
        month = self.env["party.period"]._get_period(fields.Date.context_today(self.env.user))
        self.env["party.evaluation"].create({"organization_id": branch.id, "period_id": month.id})
        mail_new_test_user(
            self.env,
            login="pq_tour_committee",
            groups="base.group_user,party_quant.group_party_committee",
            lang="en_US",
        )
        action = self.env.ref("party_quant.party_cockpit_action")
        self.start_tour(
            f"/odoo/action-{action.id}", "party_quant_cockpit", login="pq_tour_committee"
        )
