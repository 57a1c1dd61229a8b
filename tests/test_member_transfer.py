from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestMemberTransfer(PartyQuantCase):
    def _transfer(self, members, branch, when, reason="Rotation"):
        wizard = Form(
            self.env["party.member.transfer"].with_context(default_member_ids=members.ids)
        )
        wizard.organization_id = branch
        wizard.date = when
        wizard.reason = reason
        return wizard.save().action_confirm()

    def test_transfer_keeps_history(self):
        member = self.m12a
        member.membership_ids.date_start = date(2020, 1, 1)
        self._transfer(member, self.branch_21, date(2025, 6, 1))

        self.assertEqual(member.organization_id, self.branch_21)
        self.assertEqual(member.general_branch_id, self.general_2)
        history = member.membership_ids.sorted("date_start")
        self.assertEqual(
            [(h.organization_id, h.date_start, h.date_end) for h in history],
            [
                (self.branch_12, date(2020, 1, 1), date(2025, 5, 31)),
                (self.branch_21, date(2025, 6, 1), False),
            ],
        )
        self.assertEqual(history[1].note, "Rotation")
        on = member._get_organization_on
        self.assertEqual(on(date(2024, 12, 31))[member.id], self.branch_12)
        self.assertEqual(on(date(2025, 5, 31))[member.id], self.branch_12)
        self.assertEqual(on(date(2025, 6, 1))[member.id], self.branch_21)
        self.assertEqual(on(date(2019, 1, 1))[member.id], self.branch_12)
        self.assertIn("Transferred to Branch 21", member.message_ids[0].body)

        # A second transfer closes the second stay and keeps the first.
        self._transfer(member, self.branch_0, date(2026, 1, 1))
        self.assertEqual(len(member.membership_ids), 3)
        self.assertEqual(on(date(2025, 7, 1))[member.id], self.branch_21)
        self.assertEqual(on(date(2026, 2, 1))[member.id], self.branch_0)
        self.assertEqual(on(date(2024, 7, 1))[member.id], self.branch_12)

    def test_branch_on_date_for_many_members_in_one_query(self):
        members = self.m12a | self.m21a | self.m0a
        with self.assertQueryCount(1):
            result = members._get_organization_on(date(2030, 1, 1))
        self.assertEqual(result[self.m21a.id], self.branch_21)

    def test_transfer_before_current_stay_refused(self):
        self.m12a.membership_ids.date_start = date(2025, 1, 1)
        with self.assertRaisesRegex(ValidationError, "cannot be dated before"):
            self._transfer(self.m12a, self.branch_21, date(2024, 12, 1))
        self.m12a.invalidate_recordset()
        self.assertEqual(self.m12a.organization_id, self.branch_12)
        self.assertEqual(len(self.m12a.membership_ids), 1)

    def test_same_day_transfer_replaces_the_stay(self):
        self.m12a.membership_ids.date_start = date(2025, 1, 1)
        self._transfer(self.m12a, self.branch_21, date(2025, 1, 1))
        self.assertEqual(len(self.m12a.membership_ids), 1)
        self.assertEqual(self.m12a.membership_ids.organization_id, self.branch_21)

    def test_transfer_to_same_branch_refused(self):
        with self.assertRaisesRegex(UserError, "already belong to Branch 12"):
            self._transfer(self.m12a, self.branch_12, date(2025, 1, 1))

    def test_secretary_cannot_leave_without_replacement(self):
        with self.assertRaisesRegex(ValidationError, "appoint a replacement"):
            self._transfer(self.m11a, self.branch_21, date(2025, 1, 1))
        self.m11a.invalidate_recordset()
        self.assertEqual(self.m11a.organization_id, self.branch_11)

    def test_new_member_starts_history(self):
        member = self.env["party.member"].create(
            {"name": "New", "organization_id": self.branch_0.id, "join_date": "2024-07-01"}
        )
        self.assertEqual(member.membership_ids.organization_id, self.branch_0)
        self.assertEqual(member.membership_ids.date_start, date(2024, 7, 1))
