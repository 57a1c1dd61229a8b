from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged

from .common import PartyQuantCase
from .test_reports import pdf_text


@tagged("post_install", "-at_install")
class TestTransfer(PartyQuantCase):
    """Moving in and out (issue 25): transfers out with the letter and the receipt,
    transfers in with 党费交至, members away from home, the counts on the date."""

    freeze_time = "2026-10-15"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.m11c, cls.m11d, cls.m11e = Member.create(
            [
                {
                    "name": name,
                    "organization_id": cls.branch_11.id,
                    "state": "full",
                    "join_date": "2010-07-01",
                    "dues_base": 4000,
                }
                for name in ("M11c", "M11d", "M11e")
            ]
        )
        (cls.m11a | cls.m11b).write({"dues_base": 4000, "join_date": "2010-07-01"})
        (cls.m11a | cls.m11b | cls.m11c | cls.m11d | cls.m11e).membership_ids.write(
            {"date_start": "2010-07-01"}
        )
        cls.m11b.state = "full"

    def assembly(self, day):
        return self.env["party.meeting"].create(
            {
                "name": f"Assembly {day}",
                "organization_id": self.branch_11.id,
                "start": f"{day} 09:00:00",
            }
        )

    def request_out(self, member, user):
        transfer = (
            self.env["party.transfer"]
            .with_user(user)
            .create(
                {
                    "direction": "out",
                    "member_id": member.id,
                    "other_organization": "中共某某集团委员会",
                    "reason": "Change of work unit",
                }
            )
        )
        transfer.action_request()
        return transfer

    def test_transfer_out_letter_receipt_and_counts(self):
        held = self.assembly("2025-11-20")
        held.attendee_ids = held.expected_ids
        held.action_done()
        self.assertIn(self.m11b, held.expected_ids)
        Dues = self.env["party.dues"]
        Dues._generate_month("2026-10-01")
        self.assertTrue(Dues.search([("member_id", "=", self.m11b.id)]))
        # The member asks for their own transfer; the branch checks, the committee approves.
        transfer = self.request_out(self.m11b, self.user_member)
        self.assertEqual(transfer.organization_id, self.branch_11)
        transfer.with_user(self.user_branch).action_check()
        self.assertEqual(transfer.state, "checked")
        transfer.with_user(self.user_committee).action_approve()
        self.assertEqual(transfer.state, "approved")
        self.assertRegex(transfer.letter_number, r"^2026-ZC-\d{4}$")
        self.assertEqual(transfer.valid_until, date(2026, 10, 15) + timedelta(days=90))
        self.assertEqual(self.m11b.status, "transferring_out")
        # 转出中: still in the branch and at its assembly until the receipt.
        planned = self.assembly("2026-10-20")
        self.assertIn(self.m11b, planned.expected_ids)
        html, _kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "party_quant.action_report_transfer_letter", transfer.ids
        )
        self.assertIn(transfer.letter_number.encode(), html)
        # The receipt comes back: the member leaves on its date.
        with self.assertRaisesRegex(UserError, "receipt"):
            transfer.with_user(self.user_branch).action_done()
        transfer.with_user(self.user_branch).write({"receipt_date": "2026-10-15"})
        transfer.with_user(self.user_branch).action_done()
        self.assertEqual(transfer.state, "done")
        member = self.m11b.with_context(active_test=False)
        self.assertFalse(member.active)
        self.assertEqual((member.status, member.left_reason), ("left", "transfer"))
        self.assertEqual(member.left_date, date(2026, 10, 15))
        self.assertFalse(self.user_member.active)
        # Gone from the quorum from that date, still in last year's records.
        self.assertNotIn(self.m11b, planned.expected_ids)
        self.assertEqual(planned.voter_count, 4)
        # (Archived, the member is read with the archived records.)
        kept = held.with_context(active_test=False)
        self.assertIn(self.m11b, kept.expected_ids & kept.attendee_ids)
        self.assertIn(
            self.m11b,
            held._branch_members_on({(self.branch_11.id, held.date)})[self.branch_11.id, held.date],
        )
        # No dues from the next month on.
        with freeze_time("2026-11-03"):
            Dues._generate_month("2026-11-01")
        self.assertFalse(
            Dues.search([("member_id", "=", self.m11b.id), ("month", "=", "2026-11-01")])
        )
        self.assertTrue(
            Dues.search([("member_id", "=", self.m11c.id), ("month", "=", "2026-11-01")])
        )
        # The file is kept, readable by the committee.
        file = (
            self.env["party.member"]
            .with_user(self.user_committee)
            .with_context(active_test=False)
            .browse(self.m11b.id)
        )
        self.assertEqual(file.status_history_ids.mapped("status"), ["left", "transferring_out"])
        self.assertTrue(file.membership_ids)

    def test_member_cannot_transfer_themselves(self):
        transfer = self.request_out(self.m11b, self.user_member)
        for state in ("checked", "approved", "done"):
            with self.assertRaises(UserError):
                transfer.with_user(self.user_member).write({"state": state})
        with self.assertRaisesRegex(UserError, "under way"):
            transfer.with_user(self.user_member).write({"other_organization": "Elsewhere"})
        # The secretary's own transfer: another officer checks it, not themselves.
        own = self.request_out(self.m11a, self.user_branch)
        with self.assertRaisesRegex(UserError, "your own entry"):
            own.with_user(self.user_branch).action_check()
        own.with_user(self.user_general).action_check()
        with self.assertRaises(UserError):
            own.with_user(self.user_general).action_approve()
        # The letter's figures are the system's.
        with self.assertRaises(UserError):
            own.with_user(self.user_committee).write({"approved_by_id": self.user_committee.id})
        self.assertEqual(self.m11a.status, "active")

    def test_dues_owed_block_the_letter(self):
        self.env["party.dues"]._generate_month("2026-09-01")
        transfer = self.request_out(self.m11c, self.user_branch)
        with self.assertRaisesRegex(UserError, "owes the dues of 2026-09"):
            transfer.with_user(self.user_branch).action_check()
        dues = self.env["party.dues"].search([("member_id", "=", self.m11c.id)])
        dues.write({"amount_paid": dues.amount_due, "paid_date": "2026-10-03"})
        transfer.with_user(self.user_branch).action_check()
        self.assertEqual(transfer.dues_paid_to, date(2026, 9, 1))

    def test_letter_past_validity_raises_an_activity(self):
        transfer = self.request_out(self.m11c, self.user_branch)
        transfer.with_user(self.user_branch).action_check()
        transfer.with_user(self.user_committee).action_approve()
        Transfer = self.env["party.transfer"]
        self.assertEqual(Transfer._cron_warn_receipts(), 0)
        with freeze_time(transfer.valid_until + timedelta(days=1)):
            self.assertTrue(transfer.receipt_overdue)
            self.assertEqual(Transfer._cron_warn_receipts(), 1)
            self.assertEqual(Transfer._cron_warn_receipts(), 0)
        activity = transfer.activity_ids
        self.assertEqual(activity.user_id, self.user_branch)
        self.assertIn("has not come back", activity.summary)
        # Recorded late, the receipt closes the reminder.
        transfer.with_user(self.user_branch).write({"receipt_date": "2026-10-15"})
        transfer.with_user(self.user_branch).action_done()
        self.assertFalse(transfer.activity_ids)

    def test_validity_setting_within_the_local_rules(self):
        settings = self.env["res.config.settings"].create({"party_transfer_validity_days": 5})
        with self.assertRaisesRegex(ValidationError, "between 10 and 183 days"):
            settings.set_values()
        self.env["res.config.settings"].create({"party_transfer_validity_days": 30}).execute()
        transfer = self.request_out(self.m11c, self.user_branch)
        transfer.with_user(self.user_branch).action_check()
        transfer.with_user(self.user_committee).action_approve()
        self.assertEqual(transfer.valid_until, date(2026, 11, 14))

    def test_transfer_in_dues_from_after_dues_paid_to(self):
        transfer = (
            self.env["party.transfer"]
            .with_user(self.user_branch)
            .create(
                {
                    "direction": "in",
                    "organization_id": self.branch_11.id,
                    "other_organization": "中共某某区委组织部",
                    "letter_number": "A-0042",
                    "dues_paid_to": "2026-09-15",
                    "receipt_date": "2026-09-10",
                    "member_name": "New Arrival",
                    "gender": "female",
                    "member_state": "full",
                    "join_date": "2015-06-01",
                    "full_member_date": "2016-06-01",
                }
            )
        )
        self.assertEqual(transfer.dues_paid_to, date(2026, 9, 1))
        with self.assertRaises(UserError):
            transfer.with_user(self.user_member).action_done()
        transfer.with_user(self.user_branch).action_done()
        member = transfer.member_id
        self.assertEqual((member.name, member.organization_id), ("New Arrival", self.branch_11))
        self.assertEqual(member.dues_paid_to, date(2026, 9, 1))
        self.assertEqual(member.membership_ids.date_start, date(2026, 9, 10))
        member.sudo().dues_base = 4000
        Dues = self.env["party.dues"]
        Dues._generate_month("2026-09-01")
        self.assertFalse(Dues.search([("member_id", "=", member.id), ("month", "=", "2026-09-01")]))
        Dues._generate_month("2026-10-01")
        self.assertTrue(Dues.search([("member_id", "=", member.id), ("month", "=", "2026-10-01")]))
        html, _kind = self.env["ir.actions.report"]._render_qweb_pdf(
            "party_quant.action_report_transfer_letter", transfer.ids
        )
        self.assertIn(transfer.letter_number.encode(), html)

    def test_away_member_not_in_the_quorum(self):
        away = (
            self.env["party.member.away"]
            .with_user(self.user_branch)
            .create(
                {
                    "member_id": self.m11c.id,
                    "place": "深圳项目部",
                    "host_organization": "深圳项目部党支部",
                    "date_start": "2026-10-01",
                    "date_end": "2026-12-31",
                    "certificate": "activity_certificate",
                    "certificate_number": "LD-7",
                }
            )
        )
        self.assertEqual(self.m11c.status, "away")
        during, after = self.assembly("2026-11-10"), self.assembly("2027-01-10")
        self.assertNotIn(self.m11c, during.expected_ids)
        self.assertEqual(during.voter_count, 4)
        self.assertIn(self.m11c, after.expected_ids)
        # In the home branch's dues.
        self.env["party.dues"]._generate_month("2026-10-01")
        self.assertTrue(self.env["party.dues"].search([("member_id", "=", self.m11c.id)]))
        # The member away records nothing of their own.
        self.m11c.user_id = self._user("pq_m11c", "group_party_branch", self.branch_11)
        with self.assertRaisesRegex(UserError, "your own entry"):
            away.with_user(self.m11c.user_id).write({"date_end": "2027-03-31"})
        # A reminder as the end comes near, once.
        Away = self.env["party.member.away"]
        self.assertEqual(Away._cron_remind_ends(), 0)
        with freeze_time("2026-12-26"):
            self.assertEqual(Away._cron_remind_ends(), 1)
            self.assertEqual(Away._cron_remind_ends(), 0)
        self.assertIn("深圳项目部", away.activity_ids.summary)
        # Shortened: the status follows.
        away.with_user(self.user_branch).write({"date_end": "2026-10-31"})
        self.assertIn(self.m11c, self.assembly("2026-11-12").expected_ids)
        with freeze_time("2026-11-01"):
            self.env["party.member"]._cron_refresh_status()
        self.assertEqual(self.m11c.status, "active")

    def test_status_on_a_date_is_set_based(self):
        members = self.m11c | self.m11d | self.m11e
        members._set_status("lost_contact", "2026-04-01")
        self.m11e._set_status("suspended", "2026-10-01")
        with self.assertQueryCount(1):
            on_may = members._get_status_on("2026-05-01")
        self.assertEqual(set(on_may.values()), {"lost_contact"})
        self.assertEqual(
            members._get_status_on("2026-10-02"),
            {self.m11c.id: "lost_contact", self.m11d.id: "lost_contact", self.m11e.id: "suspended"},
        )
        self.assertEqual(members._get_status_on("2026-03-31")[self.m11c.id], "active")
        # Lost contact and suspended: no dues, not expected at meetings.
        self.env["party.dues"]._generate_month("2026-10-01")
        self.assertFalse(self.env["party.dues"].search([("member_id", "in", members.ids)]))
        self.assertFalse(members & self.assembly("2026-10-20").expected_ids)
        # Only the committee corrects a status by hand, dated today.
        with self.assertRaisesRegex(UserError, "only the committee"):
            self.m11c.with_user(self.user_branch).write({"status": "active"})
        self.m11c.with_user(self.user_committee).write({"status": "active"})
        self.assertEqual(self.m11c._get_status_on("2026-10-15")[self.m11c.id], "active")
        self.assertEqual(self.m11c._get_status_on("2026-10-14")[self.m11c.id], "lost_contact")


@tagged("post_install", "-at_install")
class TestTransferLetter(HttpCase):
    """The letter out in its three parts and the receipt of a transfer in, as PDFs in
    Chinese (the demo's transfers)."""

    def test_letter_and_receipt_print_in_chinese(self):
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())
        out = env.ref("party_quant.party_transfer_out_demo")
        arrival = env.ref("party_quant.party_transfer_in_demo")
        out.action_request()
        out.action_check()
        out.action_approve()
        arrival.action_done()
        Report = env["ir.actions.report"].with_context(force_report_rendering=True)
        content, kind = Report._render_qweb_pdf(
            "party_quant.action_report_transfer_letter", (out | arrival).ids
        )
        self.assertEqual((kind, content[:4]), ("pdf", b"%PDF"))
        text = "".join(pdf_text(content).split())
        for expected in (out.letter_number, "中共某某能源集团有限公司委员会", "宋佳琪", "区组转字"):
            self.assertIn("".join(expected.split()), text)
