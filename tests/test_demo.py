from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo data reproduces the seed company (国网泉州供电公司)."""

    def test_seed_company(self):
        committee = self.env.ref("party_quant.party_org_committee_demo")
        Org = self.env["party.organization"]
        general_branches = Org.search(
            [("parent_id", "=", committee.id), ("kind", "=", "general_branch")]
        )
        self.assertEqual(len(general_branches), 4)
        self.assertEqual(
            set(general_branches.mapped("name")),
            {"职能党总支", "营销党总支", "生产党总支", "集体企业党总支"},
        )
        branches = Org.search([("id", "child_of", committee.id), ("kind", "=", "branch")])
        self.assertEqual(len(branches), 38)
        per_type = {
            branch_type.code: count
            for branch_type, count in Org._read_group(
                [("id", "in", branches.ids)], ["branch_type_id"], ["__count"]
            )
        }
        self.assertEqual(
            per_type, {"management": 11, "service": 3, "operating": 9, "production": 15}
        )
        members = self.env["party.member"].search([("organization_id", "in", branches.ids)])
        # The seed's 850, and the few new members the demo's member development accepted.
        developed = self.env["party.candidate"].search([]).member_id
        self.assertEqual(len(members - developed), 850)
        for branch in branches:
            self.assertTrue(branch.secretary_id, branch.name)
            self.assertEqual(branch.secretary_id.organization_id, branch)
            self.assertIn(branch.secretary_id, branch.committee_member_ids)
        modes = set(branches.mapped("secretary_mode"))
        self.assertEqual(modes, {"full_time", "part_time"})

    def test_demo_users(self):
        expected = {
            "committee": "party_quant.group_party_committee",
            "general": "party_quant.group_party_general_branch",
            "branch": "party_quant.group_party_branch",
            "member": "party_quant.group_party_member",
        }
        for login, group in expected.items():
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user.has_group(group), login)
            self.assertTrue(user.party_member_id, login)
            self.assertEqual(user.lang, "zh_CN")
