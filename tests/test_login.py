"""Logins for members without e-mail: the wizard makes users from the roster in one go,
first-login codes are stored hashed and work once, in time, within a few tries; the
first-login page sets the password and signs the member in."""

import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PartyQuantCase

CODE_RE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}")


class LoginCase(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.m11c, cls.m11d, cls.m11e, cls.m11f = Member.create(
            [
                {"name": "M11c", "organization_id": cls.branch_11.id, "mobile": "13800000001"},
                {"name": "M11d", "organization_id": cls.branch_11.id},
                # Another user's login already: listed, not made twice.
                {"name": "M11e", "organization_id": cls.branch_11.id, "mobile": "pq_member"},
                {
                    "name": "M11f",
                    "organization_id": cls.branch_11.id,
                    "mobile": " 13800000002 ",
                    "employee_number": "E-11f",
                },
            ]
        )

    def _run(self, user, members=None, organizations=None, **values):
        Wizard = self.env["party.login.wizard"].with_user(user)
        context = {"active_model": "party.member", "active_ids": members.ids if members else []}
        if organizations:
            context = {"active_model": "party.organization", "active_ids": organizations.ids}
        wizard = Wizard.with_context(**context).create(values)
        wizard.action_create()
        return wizard

    @staticmethod
    def _codes(wizard):
        """{login: code} read back from the printed slips (HTML in the test mode)."""
        html = wizard.slips_id.sudo().raw.decode()
        logins = re.findall(r'<strong class="pq-login">([^<]+)</strong>', html)
        return dict(zip(logins, CODE_RE.findall(html), strict=True))


@tagged("post_install", "-at_install")
class TestMemberLogins(LoginCase):
    def test_officer_creates_the_logins_of_the_branch(self):
        wizard = self._run(self.user_branch, organizations=self.branch_11)
        self.assertEqual(wizard.created_count, 2)  # M11c and M11f; M11a and M11b have theirs
        user_c, user_f = self.m11c.user_id, self.m11f.user_id
        self.assertEqual((user_c.login, user_f.login), ("13800000001", "13800000002"))
        for user in user_c | user_f:
            self.assertEqual((user.lang, user.tz), ("zh_CN", "Asia/Shanghai"))
            self.assertEqual(user.notification_type, "inbox")
            self.assertTrue(user.has_group("party_quant.group_party_member"))
            self.assertFalse(user.has_group("party_quant.group_party_branch"))
            self.assertEqual(user.party_member_id, user.party_member_ids)
        # Not skipped silently: who has no mobile, whose login is taken.
        self.assertIn("M11d", wizard.skipped_note)
        self.assertIn("M11e", wizard.skipped_note)
        self.assertFalse(self.m11d.user_id | self.m11e.user_id)
        codes = self._codes(wizard)
        self.assertEqual(set(codes), {"13800000001", "13800000002"})
        stored = (
            self.env["party.login.code"].sudo().search([("user_id", "in", (user_c | user_f).ids)])
        )
        self.assertEqual(len(stored), 2)
        for record in stored:
            self.assertNotIn(codes[record.user_id.login].replace("-", ""), record.code_hash)
            self.assertNotIn(codes[record.user_id.login], record.code_hash)
            self.assertEqual(record.state, "valid")
        # A second run makes nothing new; with reissue, new codes for existing logins.
        again = self._run(self.user_branch, organizations=self.branch_11)
        self.assertEqual(again.created_count, 0)
        self.assertFalse(again.slips_id)
        renewed = self._run(self.user_branch, organizations=self.branch_11, reissue=True)
        self.assertEqual(renewed.reissued_count, 4)  # M11a, M11b, M11c, M11f

    def test_login_by_employee_number(self):
        wizard = self._run(
            self.user_branch, members=self.m11c | self.m11f, login_field="employee_number"
        )
        self.assertEqual(self.m11f.user_id.login, "E-11f")
        self.assertFalse(self.m11c.user_id)
        self.assertIn("M11c", wizard.skipped_note)

    def test_outside_the_scope_refused(self):
        with self.assertRaises(AccessError):
            self._run(self.user_branch, members=self.m11c | self.m12a)
        self.assertFalse(self.m11c.user_id)
        with self.assertRaises(AccessError):
            self._run(self.user_member, members=self.m11c)

    def test_codes_hidden_from_officers(self):
        self._run(self.user_branch, members=self.m11c)
        codes = self.env["party.login.code"].with_user(self.user_branch).search([])
        self.assertEqual(codes.member_id, self.m11c)
        with self.assertRaises(AccessError):
            codes.read(["code_hash"])
        with self.assertRaises(AccessError):
            codes.write({"attempts": 0})
        with self.assertRaises(AccessError):
            self.env["party.login.code"].with_user(self.user_committee).create(
                {"user_id": self.user_member.id, "code_hash": "x", "expires_at": "2099-01-01"}
            )

    def test_code_once_in_time_few_tries(self):
        wizard = self._run(self.user_committee, members=self.m11c | self.m11f)
        codes = self._codes(wizard)
        Code = self.env["party.login.code"]
        # Once.
        user = Code._spend("13800000001", codes["13800000001"].lower(), "first-pass-1")
        self.assertEqual(user, self.m11c.user_id)
        user.with_user(user)._check_credentials(
            {"type": "password", "password": "first-pass-1"}, {"interactive": False}
        )
        with self.assertRaises(UserError):
            Code._spend("13800000001", codes["13800000001"], "second-pass-2")
        # A short password leaves the code valid.
        with self.assertRaises(UserError):
            Code._spend("13800000002", codes["13800000002"], "short")
        record = Code.sudo().search([("user_id", "=", self.m11f.user_id.id)])
        self.assertEqual(record.state, "valid")
        # In time.
        record.expires_at = fields.Datetime.now() - timedelta(minutes=1)
        with self.assertRaises(UserError):
            Code._spend("13800000002", codes["13800000002"], "good-pass-2")
        # Five wrong tries lock it, the right code then included.
        record.expires_at = fields.Datetime.now() + timedelta(days=1)
        for _attempt in range(5):
            self.assertFalse(Code._spend("13800000002", "AAAA-AAAA", "good-pass-2"))
        self.assertEqual(record.state, "locked")
        with self.assertRaises(UserError):
            Code._spend("13800000002", codes["13800000002"], "good-pass-2")
        # Unknown login: the same refusal.
        with self.assertRaises(UserError):
            Code._spend("nobody", codes["13800000002"], "good-pass-2")


@tagged("post_install", "-at_install")
class TestFirstLoginPage(HttpCase):
    def test_member_signs_in_with_the_code(self):
        env = self.env
        branch = env["party.organization"].search([("kind", "=", "branch")], limit=1)
        member = env["party.member"].create(
            {"name": "首登测试", "organization_id": branch.id, "mobile": "13900000009"}
        )
        wizard = (
            env["party.login.wizard"]
            .with_context(active_model="party.member", active_ids=member.ids)
            .create({})
        )
        wizard.action_create()
        code = CODE_RE.search(wizard.slips_id.raw.decode()).group()
        # The login page shows the way there.
        self.assertIn("/party/first-login", self.url_open("/web/login").text)
        page = self.url_open("/party/first-login")
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        wrong = self.url_open(
            "/party/first-login",
            data={
                "csrf_token": token,
                "login": "13900000009",
                "code": "ZZZZ-ZZZZ",
                "password": "member-pass-9",
                "confirm": "member-pass-9",
            },
        )
        self.assertEqual(wrong.status_code, 200)
        self.assertIn("o_party_first_login_error", wrong.text)
        done = self.url_open(
            "/party/first-login",
            data={
                "csrf_token": token,
                "login": "13900000009",
                "code": code,
                "password": "member-pass-9",
                "confirm": "member-pass-9",
            },
            allow_redirects=False,
        )
        self.assertIn(done.status_code, (302, 303))
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertEqual(info["uid"], member.user_id.id)
        # The new password works for a normal sign-in; the code does not work again.
        self.authenticate("13900000009", "member-pass-9")
        self.assertEqual(
            self.env["party.login.code"].sudo().search([("user_id", "=", member.user_id.id)]).state,
            "used",
        )
