from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestMemberExit(PartyQuantCase):
    """Out of contact (失联) with its clocks, Art. 9, and leaving the Party (issue 25)."""

    freeze_time = "2026-10-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m11c = cls.env["party.member"].create(
            {"name": "M11c", "organization_id": cls.branch_11.id, "state": "full"}
        )
        cls.m11c.user_id = cls._user("pq_m11c", "group_party_member")

    def propose(self, member, kind, user=None, **vals):
        decision = (
            self.env["party.member.exit"]
            .with_user(user or self.user_branch)
            .create({"member_id": member.id, "kind": kind, **vals})
        )
        decision.action_propose()
        return decision

    def test_lost_contact_six_months_then_two_years(self):
        with freeze_time("2026-03-01"):
            self.m11c.with_user(self.user_branch).action_mark_lost()
            self.env["party.member.contact"].with_user(self.user_branch).create(
                {
                    "member_id": self.m11c.id,
                    "searcher": "M11a",
                    "method": "phone",
                    "result": "No answer",
                }
            )
        self.assertEqual(self.m11c.status, "lost_contact")
        self.assertEqual(self.m11c.lost_since, date(2026, 3, 1))
        self.assertEqual(self.m11c.suspension_due, date(2026, 9, 1))
        # Before six months: too early.
        with freeze_time("2026-08-01"), self.assertRaisesRegex(UserError, "6 months"):
            self.propose(self.m11c, "suspension")
        # The secretary's workbench shows the clock run out.
        card = (
            self.env["party.workbench"]
            .with_user(self.user_branch)
            .search([("organization_id", "=", self.branch_11.id)])
        )
        self.assertEqual((card.members_lost, card.members_clock_due), (1, 1))
        decision = self.propose(self.m11c, "suspension")
        self.assertIn("Attempts to reach: 1", decision.evidence)
        # The branch proposes, the committee decides.
        with self.assertRaises(UserError):
            decision.with_user(self.user_branch).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "document"):
            decision.with_user(self.user_committee).action_approve()
        decision.with_user(self.user_committee).write({"document": "党委〔2026〕12号"})
        decision.with_user(self.user_committee).action_approve()
        self.assertEqual(self.m11c.status, "suspended")
        self.assertEqual(self.m11c.removal_due, date(2028, 10, 15))
        # Two years later: the removal (自行脱党); the member leaves, the file is kept.
        with self.assertRaisesRegex(UserError, "neither suspended"):
            self.propose(self.m11c, "lapse")
        with freeze_time("2028-10-16"):
            removal = self.propose(self.m11c, "lapse", document="党委〔2028〕3号")
            removal.with_user(self.user_committee).action_approve()
        member = self.m11c.with_context(active_test=False)
        self.assertFalse(member.active)
        self.assertEqual((member.left_reason, member.status), ("lapse", "left"))
        self.assertFalse(member.user_id.active)
        file = member.with_user(self.user_committee)
        self.assertEqual(
            file.status_history_ids.mapped("status"), ["left", "suspended", "lost_contact"]
        )

    def test_art9_proposed_with_the_evidence(self):
        with self.assertRaisesRegex(UserError, "Art. 9"):
            self.propose(self.m11c, "lapse")
        self.m11c.sudo().write({"dues_unpaid_months": 6})
        decision = self.propose(self.m11c, "lapse")
        self.assertIn("dues unpaid: 6", decision.evidence)
        self.assertIn("Last meeting attended: -", decision.evidence)
        self.assertEqual(self.m11c.exit_clock, "Art. 9: six months without dues or meetings")

    def test_leaving_archives_the_login_set_based(self):
        members = self.m11b | self.m11c
        decisions = (
            self.env["party.member.exit"]
            .with_user(self.user_branch)
            .create(
                [
                    {"member_id": member.id, "kind": kind, "date": "2026-10-01", "document": "D-1"}
                    for member, kind in zip(members, ("withdrawal", "death"), strict=True)
                ]
            )
        )
        decisions.action_propose()
        decisions.with_user(self.user_committee).action_approve()
        self.assertFalse(self.user_member.active or self.m11c.user_id.active)
        gone = members.with_context(active_test=False)
        self.assertEqual(set(gone.mapped("left_reason")), {"withdrawal", "death"})
        self.assertEqual(set(gone.mapped("left_date")), {date(2026, 10, 1)})
        # Points and history kept, readable by the committee.
        self.assertTrue(gone.with_user(self.user_committee).membership_ids)

    def test_nobody_decides_their_own_case(self):
        with self.assertRaisesRegex(UserError, "your own entry"):
            self.propose(self.m11a, "withdrawal")
        with self.assertRaises(UserError):
            self.m11a.with_user(self.user_branch).action_mark_lost()
        with self.assertRaises(UserError):
            self.m11c.with_user(self.user_member).action_mark_lost()
