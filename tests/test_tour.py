from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    def test_member_transfer_tour(self):
        Org = self.env["party.organization"]
        committee = Org.create({"name": "Tour Committee", "kind": "committee"})
        general = Org.create(
            {"name": "Tour General", "kind": "general_branch", "parent_id": committee.id}
        )
        branch_type = self.env.ref("party_quant.branch_type_service")
        branch_a, branch_b = Org.create(
            [
                {
                    "name": name,
                    "kind": "branch",
                    "parent_id": general.id,
                    "branch_type_id": branch_type.id,
                }
                for name in ("Tour Branch A", "Tour Branch B")
            ]
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
