"""The review of issues 22–26 (go-live, development, moving in and out, messenger),
replayed as the users who tried it: another officer's login taken over through a
first-login code reissued by their colleague, a sign-in identity (免登) written by the
committee's import onto someone else's login, a committee's suspension lifted by a branch
officer through an away record or an out-of-contact case, the record of a completed
transfer rewritten, the figures of a letter out typed by hand."""

import base64
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import AttackTally, PartyQuantCase
from .roster_data import to_csv


@tagged("post_install", "-at_install")
class TestAttackLifecycle(AttackTally, PartyQuantCase):
    freeze_time = "2026-10-15"
    attack_label = "Lifecycle attacks"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.m11c, cls.m11d = Member.create(
            [
                {
                    "name": name,
                    "organization_id": cls.branch_11.id,
                    "state": "full",
                    "join_date": "2010-07-01",
                    "employee_number": number,
                }
                for name, number in (("M11c", "E-11c"), ("M11d", "E-11d"))
            ]
        )
        # A second officer of branch 11 (the deputy), with their login.
        cls.user_deputy = cls._user("pq_deputy", "group_party_branch", cls.branch_11)
        cls.m11d.user_id = cls.user_deputy
        cls.m11c.user_id = cls._user("pq_m11c", "group_party_member")

    def suspend(self, member):
        """The committee's decision: 停止党籍 from today."""
        # The clocks are not the point here: the committee's approved decision does this.
        member.sudo()._set_status("suspended", date(2026, 10, 1), document="党委〔2026〕9号")
        self.assertEqual(member.status, "suspended")

    # ------------------------------------------------------------------
    # Logins (issue 22)
    # ------------------------------------------------------------------
    def reissue(self, user, members):
        wizard = (
            self.env["party.login.wizard"]
            .with_user(user)
            .with_context(active_model="party.member", active_ids=members.ids)
            .create({"member_ids": [(6, 0, members.ids)], "reissue": True})
        )
        wizard.action_create()
        return wizard

    def test_reissued_code_takes_over_no_officer(self):
        """The secretary reissued a first-login code to the deputy's existing login,
        read it from the slips and set the deputy's password on /party/first-login:
        signed in as the deputy, they decided their own case."""
        self.env["res.users.log"].with_user(self.user_deputy).sudo().create({})
        self.tally["attempts"] += 1
        wizard = self.reissue(self.user_branch, self.m11d)
        codes = self.env["party.login.code"].sudo().search([("user_id", "=", self.user_deputy.id)])
        self.assertFalse(codes, "no code for an officer's login")
        self.assertEqual(wizard.reissued_count, 0)
        self.assertIn("M11d", wizard.skipped_note)
        self.tally["refused"] += 1
        # The committee the same for an administrator's login linked to a member, even
        # one never used: administrators' rights are given by hand, not by a post.
        self.tally["attempts"] += 1
        self.m0a.user_id = self.user_admin
        self.reissue(self.user_committee, self.m0a)
        self.assertFalse(
            self.env["party.login.code"].sudo().search([("user_id", "=", self.user_admin.id)])
        )
        self.tally["refused"] += 1

    def test_reissued_code_takes_over_no_member_who_signed_in(self):
        """A member who has signed in has their own password: a new first-login code
        would let the officer holding the slip set another."""
        self.env["res.users.log"].with_user(self.m11c.user_id).sudo().create({})
        self.tally["attempts"] += 1
        wizard = self.reissue(self.user_branch, self.m11c)
        self.assertFalse(
            self.env["party.login.code"].sudo().search([("user_id", "=", self.m11c.user_id.id)])
        )
        self.assertIn("M11c", wizard.skipped_note)
        self.tally["refused"] += 1

    # ------------------------------------------------------------------
    # Messenger (issue 26)
    # ------------------------------------------------------------------
    def test_messenger_import_hijacks_no_login(self):
        """The committee imported its own WeCom id onto the administrator's login, then
        opened a card's 免登 link: signed in as the administrator, without a password."""
        self.m0a.write({"user_id": self.user_admin.id, "employee_number": "E-0a"})
        record = (
            self.env["party.import"]
            .with_user(self.user_committee)
            .create(
                {
                    "kind": "messenger",
                    "file": base64.b64encode(
                        to_csv(["工号", "账号"], [{"工号": "E-0a", "账号": "attacker"}])
                    ),
                    "filename": "ids.csv",
                }
            )
        )
        self.refused(record.action_import, error=AccessError)
        self.refused(record.action_check, error=AccessError)
        self.assertFalse(self.user_admin.party_messenger_userid)

    # ------------------------------------------------------------------
    # Statuses (issue 25)
    # ------------------------------------------------------------------
    def test_away_record_lifts_no_suspension(self):
        """A branch officer recorded the suspended member away from today, then deleted
        the record: the suspension ended the day before and the member was 在册 again."""
        self.suspend(self.m11c)
        Away = self.env["party.member.away"].with_user(self.user_branch)
        self.refused(
            lambda: Away.create(
                {
                    "member_id": self.m11c.id,
                    "place": "Xiamen",
                    "date_start": "2026-10-15",
                    "date_end": "2026-12-31",
                }
            ),
        )
        self.assertEqual(self.m11c.status, "suspended")

    def test_away_record_ends_no_transfer(self):
        """The same on a member 转出中: the letter's status ended by an away record."""
        self.m11c.sudo()._set_status("transferring_out", date(2026, 10, 1))
        away = self.env["party.member.away"].with_user(self.user_branch)
        self.refused(
            lambda: away.create(
                {
                    "member_id": self.m11c.id,
                    "place": "Xiamen",
                    "date_start": "2026-10-15",
                    "date_end": "2026-12-31",
                }
            )
        )
        self.assertEqual(self.m11c.status, "transferring_out")

    def test_out_of_contact_lifts_no_suspension(self):
        """A branch officer marked the suspended member out of contact, then found:
        the committee's suspension gone, the member 在册."""
        self.suspend(self.m11c)
        self.refused(lambda: self.m11c.with_user(self.user_branch).action_mark_lost())
        self.assertEqual(self.m11c.status, "suspended")
        self.m11c.sudo()._set_status("transferring_out", date(2026, 10, 15))
        self.refused(lambda: self.m11c.with_user(self.user_branch).action_mark_lost())
        self.assertEqual(self.m11c.status, "transferring_out")

    def test_committee_lifts_not_its_own_suspension(self):
        """A committee member whose membership was suspended wrote their own status
        back to 在册 (the committee's hand correction)."""
        self.m0a.user_id = self.user_committee
        self.suspend(self.m0a)
        self.refused(lambda: self.m0a.with_user(self.user_committee).write({"status": "active"}))
        self.assertEqual(self.m0a.status, "suspended")

    def test_decision_is_kept_once_approved(self):
        """The document of an approved decision rewritten afterwards: the member's
        history and the decision said two different things."""
        decision = (
            self.env["party.member.exit"]
            .with_user(self.user_branch)
            .create({"member_id": self.m11c.id, "kind": "death", "document": "党委〔2026〕1号"})
        )
        decision.action_propose()
        decision.with_user(self.user_committee).action_approve()
        for vals in ({"document": "forged"}, {"attachment_ids": [(6, 0, [])]}):
            self.refused(lambda v=vals: decision.with_user(self.user_committee).write(v))
        self.assertEqual(decision.document, "党委〔2026〕1号")

    # ------------------------------------------------------------------
    # Transfers (issue 25)
    # ------------------------------------------------------------------
    def test_letter_out_figures_are_the_systems(self):
        """党费交至 typed on a draft letter out stayed when the member had no dues
        records: the receiving organization collected nothing up to it."""
        Transfer = self.env["party.transfer"].with_user(self.user_branch)
        values = {"direction": "out", "member_id": self.m11c.id, "other_organization": "X"}
        for name, value in (
            ("dues_paid_to", "2027-12-01"),
            ("letter_number", "2026-ZC-9999"),
            ("valid_until", "2030-01-01"),
        ):
            self.refused(lambda n=name, v=value: Transfer.create({**values, n: v}), "system")
        transfer = Transfer.create(values)
        for name, value in (("dues_paid_to", "2027-12-01"), ("valid_until", "2030-01-01")):
            self.refused(lambda n=name, v=value: transfer.write({n: v}), "system")
        transfer.action_request()
        transfer.with_user(self.user_deputy).action_check()
        self.assertFalse(transfer.dues_paid_to)

    def test_completed_transfer_is_kept(self):
        """The receipt date of a completed letter rewritten after the member left: the
        letter said one day, the member's file another."""
        with freeze_time("2026-10-01"):
            transfer = (
                self.env["party.transfer"]
                .with_user(self.user_branch)
                .create({"direction": "out", "member_id": self.m11c.id, "other_organization": "X"})
            )
            transfer.action_request()
            transfer.with_user(self.user_deputy).action_check()
            transfer.with_user(self.user_committee).action_approve()
        transfer.with_user(self.user_branch).write({"receipt_date": "2026-10-15"})
        transfer.with_user(self.user_branch).action_done()
        member = self.m11c.with_context(active_test=False)
        self.assertEqual(member.left_date, date(2026, 10, 15))
        for user in (self.user_branch, self.user_committee):
            for vals in (
                {"receipt_date": "2026-10-10"},
                {"online": True, "online_reference": "forged"},
            ):
                self.refused(
                    lambda u=user, v=vals: transfer.with_user(u).write(v), "completed|Completed"
                )
        self.assertEqual(transfer.receipt_date, member.left_date)
