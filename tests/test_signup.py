"""No open sign-up (issue 21 item 10): accounts are given, never taken from the login
page. Odoo's own setting (auth_signup's invitation scope) is set by the module's data."""

import re

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSignupClosed(HttpCase):
    def test_setting_is_on_invitation(self):
        self.assertEqual(self.env["res.users"]._get_signup_invitation_scope(), "b2b")
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("auth_signup.invitation_scope"),
            "b2b",
        )

    def test_login_page_offers_no_signup(self):
        for lang in ("en_US", "zh_CN"):
            response = self.url_open("/web/login", headers={"Accept-Language": lang})
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("/web/signup", response.text)
            self.assertNotIn("Don't have an account", response.text)
            self.assertNotIn("还没有账户", response.text)

    def test_signup_is_refused(self):
        self.assertEqual(self.url_open("/web/signup").status_code, 404)
        login = self.url_open("/web/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
        response = self.url_open(
            "/web/signup",
            data={
                "csrf_token": token,
                "login": "intruder@example.com",
                "name": "Intruder",
                "password": "intruder-pass-1",
                "confirm_password": "intruder-pass-1",
            },
        )
        self.assertEqual(response.status_code, 404)
        users = self.env["res.users"].with_context(active_test=False)
        self.assertFalse(users.search([("login", "=", "intruder@example.com")]))
