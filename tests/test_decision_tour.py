"""Tours at 412 px (issue 21): a member asks for leave and finds the officer's decision
in the inbox; a member prints their own points handbook."""

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .test_workbench_tour import _phone_branch


@tagged("post_install", "-at_install")
class TestMemberDecisionTours(HttpCase):
    browser_size = "412x915"
    touch_enabled = True

    def member_user(self, branch, login, name):
        user = mail_new_test_user(
            self.env,
            login=login,
            groups="base.group_user,party_quant.group_party_member",
            lang="zh_CN",
            notification_type="inbox",
        )
        user.action_id = self.env.ref("party_quant.party_member_workbench_action").id
        member = self.env["party.member"].create(
            {"name": name, "organization_id": branch.id, "user_id": user.id}
        )
        return user, member

    def test_member_asks_for_leave_and_reads_the_decision(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        branch = _phone_branch(self.env, "Leave Branch")
        user, member = self.member_user(branch, "pq_leave_member", "Leave Member")
        secretary = mail_new_test_user(
            self.env,
            login="pq_leave_secretary",
            name="Leave Secretary",
            groups="base.group_user,party_quant.group_party_branch",
            lang="zh_CN",
        )
        secretary.party_organization_ids = branch
        meeting = self.env["party.meeting"].create(
            {
                "name": "Tour leave meeting",
                "kind": "study",
                "organization_id": branch.id,
                "start": fields.Datetime.now() + relativedelta(days=3),
            }
        )
        action = self.env.ref("party_quant.party_meeting_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{meeting.id}", "party_quant_member_leave", login=user.login
        )
        leave = self.env["party.meeting.leave"].search([("meeting_id", "=", meeting.id)])
        self.assertEqual(leave.member_id, member, "asked from the phone, for themselves")
        self.assertEqual(leave.state, "requested")
        todo = leave.activity_ids
        self.assertEqual(todo.user_id, secretary, "the secretary has the request to decide")

        leave.with_user(secretary).action_approve()
        self.assertFalse(leave.activity_ids, "the to-do goes with the decision")
        self.start_tour("/odoo", "party_quant_member_leave_decision", login=user.login)

    def test_member_prints_their_own_handbook(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        branch = _phone_branch(self.env, "Handbook Branch")
        user, member = self.member_user(branch, "pq_handbook_member", "Handbook Member")
        action = self.env.ref("party_quant.party_member_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{member.id}", "party_quant_member_handbook", login=user.login
        )
