"""Bounds on size (issue 20 item 7) and workflow steps of an officer without an
e-mail address (issue 20 item 9), and the handbook wizard's year (item 8)."""

import base64
from datetime import datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PartyQuantCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestSizeBounds(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Attachment = cls.env["ir.attachment"]
        cls.rule = cls.env.ref("party_quant.point_rule_performance")

    def meeting(self):
        return (
            self.env["party.meeting"]
            .with_user(self.user_branch)
            .create({"name": "Study", "start": datetime(2030, 6, 10, 9, 0)})
        )

    @freeze_time("2030-06-01")
    def test_html_fields_are_bounded_by_the_guard(self):
        """5 MB of HTML in the minutes was saved; now the setting bounds it, with a
        message, and nothing is half-saved."""
        meeting = self.meeting()
        big = "<p>" + "会" * 60000 + "</p>"
        with self.assertRaisesRegex(ValidationError, "longer than 50000 characters"):
            self.env["party.meeting"].with_user(self.user_branch).create(
                {"name": "Big", "start": datetime(2030, 6, 11, 9, 0), "minutes": big}
            )
        with self.assertRaisesRegex(ValidationError, "longer than 50000 characters"):
            meeting.with_user(self.user_branch).write({"minutes": big})
        self.assertFalse(meeting.minutes)
        self.env["ir.config_parameter"].set_param("party_quant.minutes_max_chars", "100")
        with self.assertRaisesRegex(ValidationError, "longer than 100 characters"):
            meeting.with_user(self.user_branch).write({"minutes": "<p>" + "x" * 120 + "</p>"})
        meeting.with_user(self.user_branch).write({"minutes": "<p>Short minutes</p>"})
        self.assertIn("Short minutes", meeting.minutes)
        Inspection = self.env["party.inspection"]
        with self.assertRaisesRegex(ValidationError, "longer than 50000 characters"):
            Inspection._check_values({"summary": big})
        # Any other HTML field: the guard's general bound.
        with self.assertRaisesRegex(ValidationError, "longer than 100000 characters"):
            self.env["party.member"]._check_values({"points_reachable": "x" * 100001})

    def upload(self, user, name, raw, res_id=0):
        return self.Attachment.with_user(user).create(
            {
                "name": name,
                "raw": raw,
                "res_model": "party.point.line",
                "res_id": res_id,
            }
        )

    def test_files_by_type_and_size(self):
        """Evidence is an image, a PDF or an office document up to 10 MB (setting)."""
        self.upload(self.user_member, "proof.png", PNG)
        self.upload(self.user_member, "minutes.pdf", b"%PDF-1.4\n%%EOF")
        self.upload(self.user_member, "plan.docx", b"PK\x03\x04rest")
        for name, raw in (
            ("tool.exe", b"MZ\x90\x00rest"),
            ("tool.png", b"MZ\x90\x00rest"),
            ("run.sh", b"#!/bin/sh\nrm -rf /"),
            ("page.html", b"<html></html>"),
            ("noextension", PNG),
        ):
            with self.assertRaisesRegex(ValidationError, "cannot be attached: attach images"):
                self.upload(self.user_member, name, raw)
        self.assertFalse(self.Attachment.search([("name", "in", ("tool.exe", "tool.png"))]))
        big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
        with self.assertRaisesRegex(ValidationError, "a file may be at most 10 MB"):
            self.upload(self.user_member, "big.pdf", big)
        self.env["ir.config_parameter"].set_param("party_quant.attachment_max_mb", "1")
        with self.assertRaisesRegex(ValidationError, "a file may be at most 1 MB"):
            self.upload(self.user_member, "scan.jpg", b"\xff\xd8\xff" + b"0" * (1024 * 1024 + 1))
        # A file renamed afterwards is checked again.
        proof = self.upload(self.user_member, "proof2.png", PNG)
        with self.assertRaisesRegex(ValidationError, "cannot be attached"):
            proof.with_user(self.user_member).write({"name": "proof2.exe"})
        # Other modules' files are not party files.
        self.Attachment.with_user(self.user_member).create(
            {"name": "note.exe", "raw": b"MZ", "res_model": "res.partner"}
        )

    @freeze_time("2030-06-20")
    def test_loose_upload_cannot_be_pointed_at_someone_elses_claim(self):
        other = self.env["party.point.line"].create(
            {
                "member_id": self.m12a.id,
                "rule_id": self.rule.id,
                "date": "2030-06-10",
                "points": 5,
                "description": "Someone else's claim",
            }
        )
        upload = self.upload(self.user_member, "proof.png", PNG)
        with self.assertRaises(AccessError):
            upload.with_user(self.user_member).write({"res_id": other.id})
        with self.assertRaises(AccessError):
            upload.with_user(self.user_member).write(
                {"res_model": "party.organization", "res_id": self.branch_12.id}
            )
        self.assertEqual(upload.res_id, 0)
        own = (
            self.env["party.point.line"]
            .with_user(self.user_member)
            .create(
                {
                    "member_id": self.m11b.id,
                    "rule_id": self.rule.id,
                    "date": "2030-06-10",
                    "points": 5,
                    "description": "My claim",
                }
            )
        )
        upload.with_user(self.user_member).write({"res_id": own.id})
        self.assertEqual(upload.res_id, own.id)


@tagged("post_install", "-at_install")
class TestWithoutEmail(PartyQuantCase):
    """An officer with no e-mail address takes every step of a workflow (Odoo refused
    to post: "configure the sender's email address")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_branch.partner_id.email = False
        cls.user_member.partner_id.email = False

    @freeze_time("2030-06-20")
    def test_mark_as_held_and_decide_a_claim(self):
        with freeze_time("2030-06-01"):
            meeting = (
                self.env["party.meeting"]
                .with_user(self.user_branch)
                .create({"name": "June meeting", "start": datetime(2030, 6, 10, 9, 0)})
            )
            meeting.with_user(self.user_branch).action_all_present()
        meeting.with_user(self.user_branch).action_done()
        self.assertEqual(meeting.state, "done")
        self.assertIn("Marked as held by pq_branch", meeting.message_ids[:3].mapped("body")[0])
        claim = (
            self.env["party.point.line"]
            .with_user(self.user_member)
            .create(
                {
                    "member_id": self.m11b.id,
                    "rule_id": self.env.ref("party_quant.point_rule_attendance").id,
                    "date": "2030-06-12",
                    "description": "Attended",
                }
            )
        )
        claim.with_user(self.user_member).action_submit()
        claim.with_user(self.user_branch).action_approve()
        self.assertEqual(claim.state, "approved")
        claim.with_user(self.user_branch).message_post(body="Noted")
        self.assertEqual(claim.message_ids[0].author_id, self.user_branch.partner_id)


@tagged("post_install", "-at_install")
class TestHandbookWizardYear(PartyQuantCase):
    def test_year_that_is_not_one(self):
        Wizard = self.env["party.handbook.print"].with_context(
            active_model="party.organization", active_ids=self.branch_11.ids
        )
        for year in ("abc", 10**12, -5, 1999, "1e9"):
            with self.assertRaisesRegex(ValidationError, "Choose a year between 2000 and 2100"):
                Wizard.create({"year": year})
        wizard = Wizard.create({"year": 2030})
        with self.assertRaisesRegex(ValidationError, "Choose a year between 2000 and 2100"):
            wizard.write({"year": "abc"})
        with self.assertRaisesRegex(ValidationError, "Choose the members"):
            Wizard.create({"year": 2030, "member_ids": "abc"})
