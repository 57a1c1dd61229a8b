from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

SIGNED_IN = """
const ok = document.querySelector('.o_party_signin_ok');
if (ok && document.body.innerText.includes('%s')) {
    console.log('test successful');
} else {
    console.error('no confirmation: ' + document.body.innerText);
}
"""
REFUSED = """
const refused = document.querySelector('.o_party_signin_refused');
if (refused && document.body.innerText.includes('%s')) {
    console.log('test successful');
} else {
    console.error('no refusal: ' + document.body.innerText);
}
"""


@tagged("post_install", "-at_install")
class TestSigninPhone(HttpCase):
    """A member on a 412 px phone opens the meeting's sign-in link (its QR code) while
    logged in: inside the window they are signed in, outside it they are told why."""

    browser_size = "412x915"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["party.organization"]
        committee = Org.create({"name": "Sign-in Committee", "kind": "committee"})
        cls.branch = Org.create(
            {
                "name": "Sign-in Branch",
                "kind": "branch",
                "parent_id": committee.id,
                "branch_type_id": cls.env.ref("party_quant.branch_type_service").id,
            }
        )
        cls.user = mail_new_test_user(
            cls.env,
            login="pq_signin_member",
            groups="base.group_user,party_quant.group_party_member",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.member = cls.env["party.member"].create(
            {"name": "扫码党员", "organization_id": cls.branch.id, "user_id": cls.user.id}
        )
        cls.outsider = mail_new_test_user(
            cls.env,
            login="pq_signin_outsider",
            groups="base.group_user,party_quant.group_party_member",
            lang="zh_CN",
        )

    def meeting(self, minutes_from_now):
        return self.env["party.meeting"].create(
            {
                "name": "扫码签到的支部党员大会",
                "organization_id": self.branch.id,
                "start": fields.Datetime.now() + relativedelta(minutes=minutes_from_now),
            }
        )

    def path(self, meeting, token=None):
        return f"/party/signin/{meeting.id}/{token or meeting.signin_token}"

    def test_phone_signs_in_inside_the_window(self):
        meeting = self.meeting(10)
        self.browser_js(self.path(meeting), SIGNED_IN % "签到成功", login="pq_signin_member")
        self.assertEqual(meeting.attendee_ids, self.member)
        self.assertEqual(meeting.signin_ids.method, "phone")

    def test_phone_refused_outside_the_window(self):
        meeting = self.meeting(180)
        self.browser_js(self.path(meeting), REFUSED % "签到开放时间", login="pq_signin_member")
        self.assertFalse(meeting.attendee_ids)

    def test_refusals_are_pages_not_errors(self):
        meeting = self.meeting(10)
        self.authenticate("pq_signin_outsider", "pq_signin_outsider")
        response = self.url_open(self.path(meeting))
        self.assertEqual(response.status_code, 200)
        self.assertIn("您不是本次会议的应到人员", response.text)
        self.authenticate("pq_signin_member", "pq_signin_member")
        for path in (self.path(meeting, "guessed"), f"/party/signin/{meeting.id + 999}/x"):
            response = self.url_open(path)
            self.assertEqual(response.status_code, 200)
            self.assertIn("签到链接无效", response.text)
        self.assertFalse(meeting.attendee_ids)
