"""Tours at 1440 px (issue 23): a branch secretary takes one applicant through every
step to 预备党员 on the desktop, in the candidate form's dialog, with the 党委's steps
(training, 预审, talk, approval) and the 党总支's 审议 taken in the same test by their
users (one tour per user); the committee's pipeline."""

import base64
import contextlib
import os
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.party_roster import id_number_with_check
from .test_development import PLAN

# Set to a directory (e.g. the checkout's docs/) to save the timeline at the end of the
# tour as development_timeline.png there.
SCREENSHOT_DIR = os.environ.get("PARTY_QUANT_SCREENSHOTS")


@tagged("post_install", "-at_install")
class TestDevelopmentTour(HttpCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("zh_CN")
        Org = env["party.organization"]
        cls.committee = Org.create({"name": "Tour Development Committee", "kind": "committee"})
        cls.general_branch = Org.create(
            {
                "name": "Tour General Branch",
                "kind": "general_branch",
                "parent_id": cls.committee.id,
            }
        )
        cls.branch = Org.create(
            {
                "name": "Tour Development Branch",
                "kind": "branch",
                "parent_id": cls.general_branch.id,
                "branch_type_id": env.ref("party_quant.branch_type_management").id,
            }
        )
        cls.members = env["party.member"].create(
            [
                {
                    "name": f"Tour Member {index}",
                    "organization_id": cls.branch.id,
                    "state": "full",
                    "join_date": "2010-01-01",
                }
                for index in range(3)
            ]
        )
        cls.members.membership_ids.write({"date_start": "2010-01-01"})
        cls.secretary = cls._tour_user("pq_dev_secretary", "Tour Secretary", "branch", cls.branch)
        cls.general_user = cls._tour_user(
            "pq_dev_general", "Tour General", "general_branch", cls.general_branch
        )
        cls.committee_user = cls._tour_user(
            "pq_dev_committee", "Tour Committee", "committee", cls.committee
        )
        # The committee's approved plan of the approval's year (PLAN["approval"]: 2024).
        env["party.development.plan"].create(
            {"year": 2024, "committee_id": cls.committee.id, "quota": 5, "state": "approved"}
        )

    @classmethod
    def _tour_user(cls, login, name, level, organization):
        user = mail_new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=f"base.group_user,party_quant.group_party_{level}",
            lang="zh_CN",
        )
        user.party_organization_ids = organization
        return user

    def test_secretary_takes_an_applicant_to_probationary_member(self):
        """From 递交入党申请书 to 预备党员 at the desktop: every step typed in the form's
        dialog with its past date and its proof (files uploaded, reviews written, the
        training's hours, the 预审's publicity); prepared in Python: the applicant's
        record (people and form number), the two talks and the member assembly held
        with its resolution (records of their own, chosen in the dialog)."""
        candidate = self.env["party.candidate"].create(
            {
                "name": "Tour Candidate",
                "organization_id": self.branch.id,
                "id_number": id_number_with_check("11010519960202001"),
                "contact_ids": [Command.set(self.members[:2].ids)],
                "sponsor_ids": [Command.set(self.members[1:].ids)],
                "application_form_number": "T-1",
            }
        )
        for code in ("application_talk", "committee_talk"):
            self.env["party.talk"].create(
                {
                    "organization_id": self.branch.id,
                    "talker_id": self.members[0].id,
                    "candidate_id": candidate.id,
                    "date": PLAN[code],
                    "topics": "入党动机",
                }
            )
        day = PLAN["acceptance_assembly"]
        meeting = self.env["party.meeting"].create(
            {
                "name": "支部党员大会",
                "organization_id": self.branch.id,
                "kind": "member_assembly",
                "start": f"{day} 04:00:00",
            }
        )
        meeting.attendee_ids = self.members
        self.env["party.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "接收预备党员 Tour Candidate", "votes_yes": 3}
        )
        meeting.action_done()
        action = self.env.ref("party_quant.party_candidate_action")
        url = f"/odoo/action-{action.id}/{candidate.id}"
        for tour, user in (
            ("party_quant_development_applicant", self.secretary),
            ("party_quant_development_training", self.committee_user),
            ("party_quant_development_committee_review", self.secretary),
            ("party_quant_development_pre_review", self.committee_user),
            ("party_quant_development_secretary", self.secretary),
            ("party_quant_development_general_branch", self.general_user),
        ):
            self.start_tour(url, tour, login=user.login, timeout=240)
        keep = patch.object(ChromeBrowser, "stop", _screenshot_then_stop)
        with keep if SCREENSHOT_DIR else contextlib.nullcontext():
            self.start_tour(
                url, "party_quant_development_approval", login=self.committee_user.login
            )
        lines = candidate.step_line_ids
        # Steps 1 to 15, the 审议, 16 and 17.
        self.assertEqual(lines.mapped("step_id.code"), list(PLAN)[:18])
        self.assertEqual(
            {line.step_id.code: line.date for line in lines},
            {code: PLAN[code] for code in lines.mapped("step_id.code")},
        )
        acted = {line.step_id.code: line.acted_by_id for line in lines}
        self.assertEqual(acted["application"], self.secretary)
        self.assertEqual(acted["acceptance_assembly"], self.secretary)
        self.assertEqual(acted["general_branch_review"], self.general_user)
        for code in ("training", "pre_review", "committee_talk", "approval"):
            self.assertEqual(acted[code], self.committee_user, code)
        self.assertFalse(lines.filtered("warning"))
        files = lines.attachment_ids
        self.assertIn("入党申请书.pdf", files.mapped("name"))
        self.assertEqual(set(files.mapped("res_model")), {"party.candidate.step"})
        self.assertEqual(candidate.phase, "probationary")
        self.assertEqual(candidate.assembly_date, day)
        self.assertEqual(candidate.member_id.state, "probationary")
        self.assertEqual(candidate.member_id.join_date, day)
        self.assertEqual(candidate.current_step_id.code, "filing_above")

    def test_committee_sees_the_pipeline(self):
        self.env["party.candidate"].create(
            {"name": "Pipeline Candidate", "organization_id": self.branch.id}
        )
        action = self.env.ref("party_quant.party_candidate_action_pipeline")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "party_quant_development_pipeline",
            login=self.committee_user.login,
        )


_stop = ChromeBrowser.stop


def _screenshot_then_stop(browser):
    """The browser's last page (the candidate's timeline at the end of the tour) saved
    as docs' development_timeline.png when PARTY_QUANT_SCREENSHOTS names a directory."""
    # Tall enough for the whole timeline below the form.
    browser._websocket_request(
        "Emulation.setDeviceMetricsOverride",
        params={"width": 1440, "height": 1250, "deviceScaleFactor": 1, "mobile": False},
    )
    shot = browser._websocket_request("Page.captureScreenshot", params={"format": "png"})
    with open(os.path.join(SCREENSHOT_DIR, "development_timeline.png"), "wb") as file:
        file.write(base64.b64decode(shot["data"]))
    return _stop(browser)
