import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


class PointsTourCase(HttpCase):
    def setUp(self):
        super().setUp()
        Org = self.env["party.organization"]
        committee = Org.create({"name": "Points Tour Committee", "kind": "committee"})
        self.general = Org.create(
            {"name": "Points Tour General", "kind": "general_branch", "parent_id": committee.id}
        )
        self.branch = Org.create(
            {
                "name": "Points Tour Branch",
                "kind": "branch",
                "parent_id": self.general.id,
                "branch_type_id": self.env.ref("party_quant.branch_type_service").id,
            }
        )
        self.officer = self.user("pq_points_secretary", "group_party_branch", self.branch)
        self.Line = self.env["party.point.line"]

    def user(self, login, group, organizations=None, lang="zh_CN"):
        self.env["res.lang"]._activate_lang(lang)
        user = mail_new_test_user(
            self.env,
            login=login,
            groups=f"base.group_user,party_quant.{group}",
            lang=lang,
            notification_type="inbox",
        )
        if organizations:
            user.party_organization_ids = organizations
        return user

    def member(self, name, user=None):
        return self.env["party.member"].create(
            {"name": name, "organization_id": self.branch.id, "user_id": user and user.id}
        )

    def photo(self, user):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create(
                {
                    "name": "letter.png",
                    "datas": base64.b64encode(b"letter"),
                    "res_model": "party.point.line",
                }
            )
        )


@tagged("post_install", "-at_install")
class TestPointsPhoneTour(PointsTourCase):
    """At 412 px, in Chinese: a member fixes a rejected claim and submits it again."""

    browser_size = "412x915"
    touch_enabled = True

    def test_member_fixes_and_resubmits_a_rejected_claim(self):
        member_user = self.user("pq_points_member", "group_party_member")
        member_user.action_id = self.env.ref("party_quant.party_member_workbench_action").id
        member = self.member("Tour Resubmitting Member", member_user)
        rule = self.env["party.point.rule"].create(
            {"name": "Tour praise rule", "part": "role", "points": 3, "evidence_required": True}
        )
        line = self.Line.with_user(member_user).create(
            {
                "member_id": member.id,
                "rule_id": rule.id,
                "description": "Praised by the client",
                "attachment_ids": [(6, 0, self.photo(member_user).ids)],
            }
        )
        line.action_submit()
        line.with_user(self.officer)._reject("The photo is of another day")
        self.start_tour("/odoo", "party_quant_points_resubmit", login="pq_points_member")
        self.assertEqual(line.state, "submitted")
        self.assertEqual(line.description, "Praised by the client on 10 June, letter attached")
        self.assertEqual(line.sudo().activity_ids.user_id, self.officer, "asked again")


@tagged("post_install", "-at_install")
class TestPointsOfficerTours(PointsTourCase):
    """At 1440 px: a branch officer records a deduction in one form; a general-branch
    officer finds an appeal on the workbench and adds the missing credit."""

    browser_size = "1440x900"

    def test_officer_records_a_deduction(self):
        member = self.member("Tour Deducted Member")
        rule = self.env["party.point.rule"].create(
            {"name": "Tour absence rule", "part": "deduction", "points": -2}
        )
        before = self.Line.search_count([])
        action = self.env.ref("party_quant.party_point_line_action")
        self.start_tour(
            f"/odoo/action-{action.id}", "party_quant_points_deduction", login="pq_points_secretary"
        )
        line = self.Line.search([("member_id", "=", member.id)])
        self.assertEqual(
            (line.rule_id, line.points, line.state, line.description),
            (rule, -2, "submitted", "Absent from three meetings without leave"),
        )
        self.assertEqual(self.Line.search_count([]), before + 1, "no dummy record")

    def test_general_branch_corrects_a_missing_credit(self):
        general_user = self.user("pq_points_general", "group_party_general_branch", self.general)
        general_user.action_id = self.env.ref("party_quant.party_workbench_action").id
        member_user = self.user("pq_points_appealing", "group_party_member")
        member = self.member("Tour Appealing Member", member_user)
        attendance = self.env.ref("party_quant.point_rule_attendance")
        example = self.env["party.point.rule"].create(
            {
                "name": "Tour example rule",
                "part": "role",
                "points": 3,
                "points_min": 1,
                "points_max": 5,
            }
        )
        today = fields.Date.context_today(self.Line)
        line = self.Line.with_user(member_user).create(
            {"member_id": member.id, "rule_id": attendance.id, "date": today}
        )
        line.action_submit()
        line.with_user(self.officer).action_approve()
        month = self.env["party.period"]._get_period(today)
        if month.state == "closed":
            month._reopen("Tour")
        publicity = (
            self.env["party.point.publicity"]
            .with_user(self.officer)
            .create({"organization_id": self.branch.id, "period_id": month.id})
        )
        publicity.action_publish()
        publicity.sudo().window_end = today + timedelta(days=5)
        appeal = (
            self.env["party.point.appeal"]
            .with_user(member_user)
            .create(
                {
                    "publicity_id": publicity.id,
                    "point_line_id": line.id,
                    "reason": "My volunteer day is missing",
                }
            )
        )
        self.start_tour("/odoo", "party_quant_points_appeal_missing", login="pq_points_general")
        self.assertEqual(appeal.state, "corrected")
        correction = appeal.correction_line_id
        self.assertEqual((correction.rule_id, correction.points), (example, 4))
        self.assertEqual(member.points_total, 2 + 4)
        notices = self.env["mail.notification"].search(
            [
                ("res_partner_id", "=", member_user.partner_id.id),
                ("mail_message_id.res_id", "=", appeal.id),
            ]
        )
        self.assertTrue(notices, "the member is told in their inbox")
