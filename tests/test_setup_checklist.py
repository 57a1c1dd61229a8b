from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestSetupChecklist(PartyQuantCase):
    def _open(self, user):
        action = self.env["party.setup.checklist"].with_user(user).action_open()
        return self.env["party.setup.checklist"].with_user(user).browse(action["res_id"])

    def test_steps_follow_the_data(self):
        self.env["ir.config_parameter"].set_param("party_quant.setup_settings_confirmed", "")
        checklist = self._open(self.user_committee)
        self.assertEqual(checklist.step_count, 8)
        self.assertTrue(checklist.organizations_done)
        self.assertTrue(checklist.members_done)
        self.assertTrue(checklist.rules_done)
        self.assertFalse(checklist.settings_done)
        # Not every member has a login: the step says how many do.
        Member = self.env["party.member"]
        total, with_login = Member.search_count([]), Member.search_count([("user_id", "!=", False)])
        self.assertLess(with_login, total)
        self.assertFalse(checklist.logins_done)
        self.assertIn(f"{with_login} of {total}", checklist.logins_note)
        # A branch type whose criteria do not total 100 keeps the criteria step open.
        odd = self.env["party.branch.type"].create({"name": "Odd Type", "code": "odd"})
        self.env["party.criterion"].create(
            {
                "name": "Only",
                "category": "specific",
                "max_score": 7,
                "branch_type_ids": [(6, 0, odd.ids)],
            }
        )
        checklist = self._open(self.user_committee)
        self.assertFalse(checklist.criteria_done)
        self.assertIn("Odd Type", checklist.criteria_note)
        # The settings step is confirmed by hand.
        done = checklist.action_confirm_settings()
        self.assertTrue(self.env["party.setup.checklist"].browse(done["res_id"]).settings_done)
        # Each step opens its screen.
        checklist = checklist.with_context(party_setup_step="logins")
        self.assertEqual(checklist.action_step()["res_model"], "party.member")
        # The steps done by a sheet open a new import of that sheet.
        for step in ("criteria", "organizations", "members"):
            action = checklist.with_context(party_setup_step=step).action_step()
            self.assertEqual(
                (action["res_model"], action["views"], action["context"]),
                ("party.import", [(False, "form")], {"default_kind": step}),
            )

    def test_committee_only(self):
        for user in (self.user_member, self.user_branch, self.user_general):
            with self.assertRaises(AccessError):
                self._open(user)
        with self.assertRaises(AccessError):
            self.env["party.setup.checklist"].with_user(self.user_branch).create({})
