from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestGuardValues(PartyQuantCase):
    """Bad values answer a ValidationError naming the field, before the ORM or the
    database would fail, and nothing is written."""

    def test_bad_values_are_refused_in_the_users_language(self):
        member = self.m11b.with_user(self.user_branch)
        cases = [
            ("join_date", "2026-02-30", "not a valid date"),
            ("join_date", "0001-01-01", "outside the years"),
            ("join_date", "9999-12-31", "outside the years"),
            ("organization_id", "Branch 12", "not a record"),
            ("organization_id", 1.5, "not a record"),
            ("state", "emperor", "not one of the choices"),
            ("name", "x" * 5000, "longer than 1000"),
        ]
        for field, value, message in cases:
            with self.subTest(field=field, value=str(value)[:20]):
                with self.assertRaisesRegex(ValidationError, message):
                    member.write({field: value})
        self.m11b.invalidate_recordset()
        self.assertEqual(self.m11b.name, "M11b")
        self.assertEqual(self.m11b.organization_id, self.branch_11)

    def test_non_finite_and_huge_numbers(self):
        rule = self.env["party.point.rule"].search([("part", "=", "role")], limit=1)
        for value in (float("nan"), float("inf"), 1e308, "nan", "abc"):
            with self.subTest(value=value):
                with self.assertRaisesRegex(ValidationError, "not a number|out of range"):
                    rule.write({"points": value})

    def test_messages_in_chinese(self):
        member = self.m11b.with_user(self.user_branch).with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaisesRegex(ValidationError, "不是有效的日期"):
            member.write({"join_date": "2026-02-30"})
