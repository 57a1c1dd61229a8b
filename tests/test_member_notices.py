from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .test_points import PointsCase


class NoticesCase(PointsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        # The member works in Chinese and is told in the app (Discuss inbox).
        cls.user_member.write({"lang": "zh_CN", "notification_type": "inbox"})
        cls.Publicity = cls.env["party.point.publicity"]

    def inbox(self, user=None):
        """The member's inbox messages (newest first)."""
        partner = (user or self.user_member).partner_id
        return (
            self.env["mail.notification"]
            .search(
                [("res_partner_id", "=", partner.id), ("notification_type", "=", "inbox")],
                order="id desc",
            )
            .mail_message_id
        )

    def approved(self, rule=None):
        line = self.claim(self.user_member, rule or self.attendance)
        line.action_submit()
        line.with_user(self.user_branch).action_approve()
        return line

    def published(self):
        month = self.env["party.period"]._get_period(self.day)
        publicity = self.Publicity.with_user(self.user_branch).create(
            {"organization_id": self.branch_11.id, "period_id": month.id}
        )
        publicity.with_user(self.user_branch).action_publish()
        return publicity


@tagged("post_install", "-at_install")
class TestMemberNotices(NoticesCase):
    """Members are told in their Discuss inbox, in their language, of approvals,
    rejections, deductions and the publicity of their branch."""

    def test_approval_reaches_the_members_inbox_in_chinese(self):
        line = self.approved()
        message = self.inbox()[:1]
        rule_zh = self.attendance.with_context(lang="zh_CN").name
        self.assertIn("已批准", message.body)
        self.assertIn(rule_zh, message.body)
        self.assertEqual(message.model, "party.point.line")
        self.assertEqual(message.res_id, line.id)
        self.assertEqual(message.author_id, self.user_branch.partner_id, "from the approver")

    def test_rejection_reaches_the_members_inbox_with_the_reason(self):
        line = self.claim(self.user_member, self.attendance)
        line.action_submit()
        line.with_user(self.user_branch)._reject("No such meeting that day")
        message = self.inbox()[:1]
        self.assertIn("被退回", message.body)
        self.assertIn("No such meeting that day", message.body)

    def test_deduction_reaches_the_members_inbox(self):
        line = self.claim(
            self.user_branch,
            self.violation,
            member=self.m11b,
            evidence=True,
            description="Absent from the vote",
        )
        line.action_submit()
        message = self.inbox()[:1]
        self.assertIn("Absent from the vote", message.body)
        self.assertNotIn("deduction of", message.body, "in the member's language")

    def test_publicity_reaches_the_members_inbox_in_chinese(self):
        self.approved()
        publicity = self.published()
        message = self.inbox()[:1]
        self.assertEqual((message.model, message.res_id), (publicity._name, publicity.id))
        self.assertIn("已公示", message.body)

    def test_system_entries_tell_nobody_and_name_their_record(self):
        before = len(self.inbox())
        dues_rule = self.env.ref("party_quant.point_rule_dues")
        meeting = self.env["party.meeting"].create(
            {
                "name": "June branch meeting",
                "kind": "study",
                "organization_id": self.branch_11.id,
                "start": fields.Datetime.to_datetime(self.day),
            }
        )
        # As a cron would: the system's own user (OdooBot).
        Line = self.Line.sudo()
        by_meeting, by_dues, other = Line._create_approved(
            [
                {
                    "member_id": self.m11b.id,
                    "rule_id": self.attendance.id,
                    "date": self.day,
                    "meeting_id": meeting.id,
                },
                {"member_id": self.m11b.id, "rule_id": dues_rule.id, "date": self.day},
                {"member_id": self.m11b.id, "rule_id": self.praise.id, "date": self.day},
            ]
        )
        self.assertEqual(len(self.inbox()), before, "the system's entries are not news")
        odoobot = self.env.ref("base.user_root").name
        self.assertEqual(by_meeting.awarded_by, "Meeting record: June branch meeting")
        self.assertEqual(by_dues.awarded_by, "Dues record")
        self.assertEqual(other.awarded_by, "Recorded by the system")
        for line in (by_meeting, by_dues, other):
            self.assertNotIn(odoobot, line.awarded_by)
        zh = by_dues.with_context(lang="zh_CN")
        zh.invalidate_recordset(["awarded_by"])
        self.assertEqual(zh.awarded_by, "党费记录")
        # A claim approved by an officer names the officer.
        self.assertEqual(self.approved().awarded_by, self.user_branch.name)

    def test_demo_users_are_told_in_the_app(self):
        demo = self.env.ref("party_quant.user_party_member_demo")
        logins = ["member", "branch", "general", "committee", "inspector"]
        users = self.env["res.users"].search([("login", "in", logins)])
        self.assertEqual(set(users.mapped("notification_type")), {"inbox"})
        publicity = self.Publicity.search(
            [
                ("organization_id", "=", demo.party_member_id.organization_id.id),
                ("state", "=", "published"),
            ]
        )
        self.assertTrue(publicity, "the demo member's branch has a publicity")
        self.assertNotEqual(
            publicity.message_ids[:1].author_id,
            self.env.ref("base.partner_root"),
            "published by the branch's officer, not OdooBot",
        )


@tagged("post_install", "-at_install")
class TestRulePicker(NoticesCase):
    """The claim form's rule picker: points, range and evidence of each rule; members
    are offered no deduction and nothing the records award."""

    def test_picker_shows_points_range_and_evidence(self):
        rule = self.performance  # a range, evidence required
        low, high = rule._range()
        picked = rule.with_context(party_rule_picker=True, lang="en_US")
        self.assertIn(f"{rule.points:g} points", picked.display_name)
        self.assertIn(f"{low:g}–{high:g}", picked.display_name)
        self.assertIn("evidence needed", picked.display_name)
        self.assertEqual(rule.display_name, rule.name, "elsewhere the name alone")
        zh = rule.with_context(party_rule_picker=True, lang="zh_CN")
        self.assertIn("需佐证", zh.display_name)

    def test_members_are_offered_no_deduction(self):
        view = self.Line.with_user(self.user_member).get_views([(False, "form")])
        arch = view["views"]["form"]["arch"]
        start = arch.index('name="rule_id"')
        domain_attr = arch[arch.index('domain="', start) + 8 :]
        domain_attr = domain_attr[: domain_attr.index('"')].replace("&#39;", "'")
        Rule = self.env["party.point.rule"].with_user(self.user_member)
        offered = Rule.search(safe_eval(domain_attr, {"user_is_officer": False}))
        self.assertTrue(offered)
        self.assertNotIn("deduction", offered.mapped("part"))
        self.assertFalse(set(offered.mapped("source")) & {"meeting", "dues"})
        everything = Rule.search(safe_eval(domain_attr, {"user_is_officer": True}))
        self.assertIn(self.violation, everything, "officers record deductions")
        line = self.Line.with_user(self.user_member).new({"rule_id": self.performance.id})
        self.assertFalse(line.user_is_officer)
        self.assertTrue(line.rule_evidence_required)


@tagged("post_install", "-at_install")
class TestAppealFromThePoints(NoticesCase):
    """申诉 where the points are shown: on the entry, the publicity and the member's
    workbench, in a dialog that can be cancelled."""

    def test_appeal_from_the_entry(self):
        line = self.approved()
        mine = line.with_user(self.user_member)
        self.assertFalse(mine.appeal_publicity_id, "nothing published yet")
        with self.assertRaisesRegex(UserError, "cannot be appealed"):
            mine.action_appeal()
        publicity = self.published()
        mine.invalidate_recordset()
        self.assertEqual(mine.appeal_publicity_id, publicity)
        self.assertFalse(
            line.with_user(self.user_branch).appeal_publicity_id, "only the member appeals"
        )
        action = mine.action_appeal()
        self.assertEqual(action["target"], "new", "a dialog, which can be cancelled")
        self.assertEqual(action["context"]["default_point_line_id"], line.id)
        appeal = (
            self.env["party.point.appeal"]
            .with_user(self.user_member)
            .with_context(**action["context"])
            .create({"reason": "Two meetings that day"})
        )
        self.assertEqual((appeal.publicity_id, appeal.point_line_id), (publicity, line))
        mine.invalidate_recordset()
        self.assertFalse(mine.appeal_publicity_id, "appealed once")

    def test_appeal_from_the_publicity_and_the_workbench(self):
        self.approved()
        publicity = self.published()
        self.assertTrue(publicity.with_user(self.user_member).can_appeal)
        self.assertFalse(publicity.with_user(self.user_general).can_appeal, "not in the list")
        action = publicity.with_user(self.user_member).action_appeal()
        self.assertEqual(action["context"], {"default_publicity_id": publicity.id})
        card = self.env["party.member.workbench"].with_user(self.user_member).search([])
        self.assertEqual(card.publicity_id, publicity)
        self.assertGreaterEqual(card.notices_unread, 2, "the approval and the publicity")
        self.assertEqual(card.action_appeal()["res_model"], "party.point.appeal")
        self.assertEqual(card.action_open_inbox()["tag"], "mail.action_discuss")
        with self.assertRaisesRegex(UserError, "closed"):
            publicity.with_user(self.user_general).action_appeal()


@tagged("post_install", "-at_install")
class TestPublicityPreview(NoticesCase):
    def test_officer_previews_before_publishing(self):
        self.approved()
        month = self.env["party.period"]._get_period(self.day)
        publicity = self.Publicity.with_user(self.user_branch).create(
            {"organization_id": self.branch_11.id, "period_id": month.id}
        )
        publicity.action_preview()
        self.assertEqual(publicity.state, "draft")
        row = publicity.line_ids.filtered(lambda r: r.member_id == self.m11b)
        self.assertEqual(row.total, 2)
        self.assertFalse(self.inbox().filtered(lambda m: m.model == publicity._name))
        with self.assertRaisesRegex(UserError, "Only the officers"):
            publicity.with_user(self.user_member).action_preview()
        publicity.action_publish()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            publicity.action_preview()


@tagged("post_install", "-at_install")
class TestRecordSignalName(NoticesCase):
    def test_signal_form_title_is_readable(self):
        signal = self.env["party.record.signal"].create(
            {"kind": "copied_minutes", "organization_id": self.branch_11.id, "key": "x"}
        )
        self.assertEqual(signal.display_name, "Branch 11 · Copied Minutes")
        self.assertNotIn("party.record.signal", signal.display_name)


@tagged("post_install", "-at_install")
class TestDemoChatterInChinese(NoticesCase):
    def test_demo_creation_messages_name_the_record_in_chinese(self):
        """The demo's records logged their creation before the translations were
        loaded; the demo says "支部考评 创建", not "Branch Evaluation 创建"."""
        evaluation = self.env["party.evaluation"].search(
            [
                (
                    "organization_id",
                    "=",
                    self.env.ref("party_quant.party_org_branch_service_hall_demo").id,
                )
            ],
            limit=1,
        )
        bodies = " ".join(evaluation.message_ids.mapped("body"))
        self.assertIn("支部考评", bodies)
        self.assertNotIn("Branch Evaluation", bodies)
        english = self.env["mail.message"].search_count(
            [("model", "=like", "party.%"), ("body", "=like", "<p>Branch Evaluation %")]
        )
        self.assertFalse(english)
