"""Member development (发展党员, issue 23): every guard of the "It must show" list, the
flow from application to full member by the secretary and the committee, the member
record the approval makes, the reminders and the pipeline's numbers."""

import io
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.party_development import working_days_between
from ..models.party_roster import id_number_with_check
from .common import PartyQuantCase

# The dates of one candidate's steps, every window respected.
PLAN = {
    "application": date(2023, 1, 3),
    "application_talk": date(2023, 1, 20),
    "activist": date(2023, 3, 1),
    "activist_filing": date(2023, 3, 5),
    "contacts": date(2023, 3, 6),
    "activist_education": date(2023, 9, 1),
    "target": date(2024, 3, 1),
    "target_filing": date(2024, 3, 5),
    "sponsors": date(2024, 3, 6),
    "political_review": date(2024, 3, 10),
    "training": date(2024, 3, 20),
    "committee_review": date(2024, 4, 1),
    "pre_review": date(2024, 4, 8),
    "application_form": date(2024, 4, 20),
    "acceptance_assembly": date(2024, 5, 6),
    # Branch 11 is under General 1: its 党总支's 审议 (not for a branch under the 党委).
    "general_branch_review": date(2024, 5, 10),
    "committee_talk": date(2024, 5, 20),
    "approval": date(2024, 6, 1),
    "filing_above": date(2024, 6, 10),
    "assign_group": date(2024, 6, 11),
    "oath": date(2024, 7, 1),
    "probation_education": date(2024, 12, 1),
    "conversion_application": date(2025, 4, 20),
    "conversion_assembly": date(2025, 5, 6),
    "conversion_general_branch_review": date(2025, 5, 20),
    "conversion_approval": date(2025, 6, 1),
    "archive": date(2025, 6, 10),
}


@tagged("post_install", "-at_install")
class TestDevelopment(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["party.member"]
        cls.m11c, cls.m11d = Member.create(
            [
                {"name": "M11c", "organization_id": cls.branch_11.id, "state": "full"},
                {"name": "M11d", "organization_id": cls.branch_11.id, "state": "full"},
            ]
        )
        members = cls.branch_11.member_ids
        members.write({"join_date": "2010-01-01"})
        members.membership_ids.write({"date_start": "2010-01-01"})
        cls.version = cls.env.ref("party_quant.development_rule_2014")
        cls.Step = cls.env["party.candidate.step"]
        cls.sequence = 0
        # The committee's approved development plans of the years of PLAN (an approval
        # without one needs a reason: TestDevelopmentPlan).
        cls.env["party.development.plan"].create(
            [
                {"year": year, "committee_id": cls.committee.id, "quota": 50, "state": "approved"}
                for year in (2023, 2024, 2025)
            ]
        )

    def candidate(self, name="Applicant", **values):
        type(self).sequence += 1
        vals = {
            "name": name,
            "organization_id": self.branch_11.id,
            "id_number": id_number_with_check(f"11010519950101{self.sequence:03d}"),
            "contact_ids": [Command.set((self.m11c | self.m11d).ids)],
            "sponsor_ids": [Command.set((self.m11a | self.m11c).ids)],
            "application_form_number": f"F-{self.sequence}",
        } | values
        return self.env["party.candidate"].with_user(self.user_branch).create(vals)

    def step(self, code):
        return self.env.ref(f"party_quant.development_step_2014_{code}")

    def assembly(self, day, votes=None, hold=True):
        """A member assembly of Branch 11 on ``day`` (held) with a resolution voted."""
        meeting = self.env["party.meeting"].create(
            {
                "name": f"Assembly {day}",
                "organization_id": self.branch_11.id,
                "kind": "member_assembly",
                "start": f"{day} 04:00:00",
            }
        )
        full = self.branch_11.member_ids.filtered(lambda m: m.state == "full")
        meeting.attendee_ids = full
        resolution = self.env["party.meeting.resolution"].create(
            {
                "meeting_id": meeting.id,
                "name": "Accept the candidate",
                "votes_yes": votes if votes is not None else len(meeting.attendee_ids & full),
            }
        )
        if hold:
            meeting.action_done()
        return resolution

    def proof(self, candidate, step, day):
        """The values proving ``step`` on ``day``."""
        kind = step.proof
        if kind == "talk":
            talk = self.env["party.talk"].create(
                {
                    "organization_id": candidate.organization_id.id,
                    "talker_id": self.m11a.id,
                    "candidate_id": candidate.id,
                    "date": day,
                    "topics": "Application",
                }
            )
            return {"talk_id": talk.id}
        if kind == "resolution":
            return {"resolution_id": self.assembly(day).id}
        if kind == "attachment":
            attachment = self.env["ir.attachment"].create({"name": f"{step.code}.pdf", "raw": b"x"})
            return {"attachment_ids": [Command.set(attachment.ids)]}
        if kind == "training":
            return {"training_hours": 24}
        if kind == "review":
            return {"review": "Qualified"}
        return {}

    def take(self, candidate, code, day=None, user=None, **values):
        step = self.step(code)
        day = day or PLAN[code]
        vals = {"candidate_id": candidate.id, "step_id": step.id, "date": day}
        if step.has_window:
            vals["date_end"] = day + timedelta(days=7)
        vals |= self.proof(candidate, step, day) | values
        if user is None:
            user = {
                "committee": self.user_committee,
                "general_branch": self.user_general,
            }.get(step.actor, self.user_branch)
        return self.Step.with_user(user).create(vals)

    def advance(self, candidate, until):
        """Take every step of the plan before ``until`` (as the system)."""
        for code in PLAN:
            if code == until:
                return
            step = self.step(code)
            vals = {"candidate_id": candidate.id, "step_id": step.id, "date": PLAN[code]}
            if step.has_window:
                vals["date_end"] = PLAN[code] + timedelta(days=7)
            self.Step.create(vals | self.proof(candidate, step, PLAN[code]))

    # ------------------------------------------------------------------
    # The catalogue
    # ------------------------------------------------------------------
    def test_catalogue(self):
        """25 steps of the 2014 rules in force, and the 党总支's 审议 after the member
        assemblies (unnumbered, both versions); the 2026 draft is unconfirmed and cannot
        be put in force until it is checked."""
        flow = self.version.step_ids.filtered(lambda s: s.kind == "flow")
        numbered = flow.filtered(lambda s: s.actor != "general_branch")
        self.assertEqual(numbered.mapped("sequence"), list(range(1, 26)))
        for version in (self.version, self.env.ref("party_quant.development_rule_2026")):
            codes = version.step_ids.filtered(lambda s: s.kind == "flow").mapped("code")
            for review, before, after in (
                ("general_branch_review", "acceptance_assembly", "committee_talk"),
                ("conversion_general_branch_review", "conversion_assembly", "conversion_approval"),
            ):
                self.assertEqual(codes.index(review), codes.index(before) + 1, version.code)
                self.assertEqual(codes.index(review), codes.index(after) - 1, version.code)
        review = self.step("general_branch_review")
        self.assertEqual(
            (review.actor, review.proof, review.article, review.display_name),
            ("general_branch", "review", "细则第二十六条", "党总支审议"),
        )
        self.assertEqual(self.step("conversion_general_branch_review").article, "细则第三十三条")
        self.assertTrue(self.version.active_version)
        draft = self.env.ref("party_quant.development_rule_2026")
        self.assertFalse(draft.confirmed)
        with self.assertRaisesRegex(ValidationError, "checked against the published text"):
            draft.action_put_in_force()
        secret = draft.step_ids.filtered("needs_secret_ballot")
        self.assertEqual(set(secret.mapped("code")), {"acceptance_assembly", "conversion_assembly"})
        self.assertTrue(draft.step_ids.filtered(lambda s: s.code == "target").has_window)
        with self.assertRaises(AccessError):
            self.version.with_user(self.user_branch).write({"name": "Mine"})

    # ------------------------------------------------------------------
    # The guards of the "It must show" list
    # ------------------------------------------------------------------
    def test_talk_after_one_month(self):
        """The talk within a month of the application: later needs a reason (shipped),
        is only warned, or refused, as the committee sets the guard."""
        candidate = self.candidate()
        self.take(candidate, "application")
        late = PLAN["application"] + relativedelta(months=1, days=1)
        with self.assertRaisesRegex(UserError, "细则第八条.*reason"):
            self.take(candidate, "application_talk", late)
        guard = self.step("application_talk").guard_ids
        guard.breach = "refuse"
        with self.assertRaisesRegex(UserError, r"At Most 1 Months.*细则第八条"):
            self.take(candidate, "application_talk", late, late_reason="Away")
        guard.breach = "warn"
        line = self.take(candidate, "application_talk", late)
        self.assertIn("细则第八条", line.warning)
        self.assertEqual(candidate.current_step_id, self.step("activist"))

    def test_talk_in_time(self):
        candidate = self.candidate()
        self.take(candidate, "application")
        line = self.take(
            candidate, "application_talk", PLAN["application"] + relativedelta(months=1)
        )
        self.assertFalse(line.warning)
        self.assertEqual(line.acted_level, "branch")
        self.assertEqual(line.acted_by_id, self.user_branch)

    def test_activist_of_eleven_months_refused(self):
        candidate = self.candidate()
        self.advance(candidate, "target")
        early = PLAN["activist"] + relativedelta(months=11)
        with self.assertRaisesRegex(UserError, r"At Least 12 Months.*细则第十四条"):
            self.take(candidate, "target", early)
        self.assertEqual(candidate.phase, "activist")
        self.take(candidate, "target", PLAN["activist"] + relativedelta(years=1))
        self.assertEqual(candidate.phase, "target")

    def test_working_days_across_national_day(self):
        """国庆 2025: 1 to 8 October off, Sunday 28 September and Saturday 11 October
        worked (调休)."""
        self.assertEqual(working_days_between(date(2025, 9, 28), date(2025, 10, 10)), (4, True))
        self.assertEqual(working_days_between(date(2025, 9, 27), date(2025, 10, 11)), (6, True))
        self.assertEqual(working_days_between(date(2099, 1, 1), date(2099, 1, 8)), (5, False))

    def test_publicity_across_national_day(self):
        """The 公示 of the 预审 (a local practice of at least 5 working days, switched
        on): 29 September to 10 October 2025 is 4 working days, 28 September to 11
        October is 6."""
        guard = self.step("pre_review").guard_ids
        self.assertTrue(guard.local_practice)
        self.assertFalse(guard.enabled)
        guard.write({"enabled": True, "breach": "refuse"})
        candidate = self.candidate()
        self.advance(candidate, "pre_review")
        with self.assertRaisesRegex(UserError, "At Least 5 Working Days"):
            self.take(candidate, "pre_review", date(2025, 9, 29), date_end=date(2025, 10, 10))
        line = self.take(candidate, "pre_review", date(2025, 9, 28), date_end=date(2025, 10, 11))
        self.assertEqual(line.working_days, 6)
        self.assertFalse(line.warning)

    def test_assembly_without_quorum_refused(self):
        candidate = self.candidate()
        self.advance(candidate, "acceptance_assembly")
        day = PLAN["acceptance_assembly"]
        resolution = self.assembly(day, hold=False)
        meeting = resolution.meeting_id
        # Two of the three members with a vote leave: the quorum is lost, the vote void.
        meeting.attendee_ids = self.m11a
        meeting._recheck_resolutions()
        meeting.action_done()
        self.assertFalse(meeting.quorum_ok)
        with self.assertRaisesRegex(UserError, "no quorum.*细则第二十二条"):
            self.take(candidate, "acceptance_assembly", resolution_id=resolution.id)

    def test_resolution_not_passed_refused(self):
        candidate = self.candidate()
        self.advance(candidate, "acceptance_assembly")
        resolution = self.assembly(PLAN["acceptance_assembly"], votes=1)
        with self.assertRaisesRegex(UserError, "did not pass"):
            self.take(candidate, "acceptance_assembly", resolution_id=resolution.id)

    def test_one_candidate_per_resolution(self):
        first, second = self.candidate("First"), self.candidate("Second")
        self.advance(first, "acceptance_assembly")
        self.advance(second, "acceptance_assembly")
        line = self.take(first, "acceptance_assembly")
        self.assertEqual(first.acceptance_resolution_id, line.resolution_id)
        with self.assertRaisesRegex(UserError, "One candidate per resolution.*First"):
            self.take(second, "acceptance_assembly", resolution_id=line.resolution_id.id)

    def test_general_branch_cannot_approve(self):
        candidate = self.candidate()
        self.advance(candidate, "approval")
        with self.assertRaisesRegex(UserError, "general branch discusses.*细则第二十六条"):
            self.take(candidate, "approval", user=self.user_general)
        with self.assertRaisesRegex(UserError, "party committee.*细则第二十六条"):
            self.take(candidate, "approval", user=self.user_branch)
        self.assertFalse(candidate.member_id)

    # ------------------------------------------------------------------
    # The 党总支's 审议 (a step of its own under a general branch)
    # ------------------------------------------------------------------
    def test_general_branch_review_taken_by_the_general_branch(self):
        """After the assembly the case waits for General 1's 审议: the to-do is its
        officers'; the branch may not take it, the general branch does."""
        candidate = self.candidate()
        self.advance(candidate, "general_branch_review")
        review = self.step("general_branch_review")
        self.assertEqual(candidate.current_step_id, review)
        todo = candidate.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("party_quant.mail_activity_type_development")
        )
        self.assertEqual(todo.user_id, self.user_general)
        with self.assertRaisesRegex(UserError, "General 1 or the party committee.*细则第二十六条"):
            self.take(candidate, "general_branch_review", user=self.user_branch)
        with self.assertRaisesRegex(UserError, "write the review"):
            self.take(candidate, "general_branch_review", review="")
        line = self.take(candidate, "general_branch_review")
        self.assertEqual(
            (line.acted_level, line.acted_by_id), ("general_branch", self.user_general)
        )
        self.assertEqual(candidate.current_step_id, self.step("committee_talk"))
        self.assertIn("<td>党总支审议</td>", candidate.timeline)
        # The other general branch's officer is not this branch's (does not even read it).
        other = self._user("pq_general_2", "group_party_general_branch", self.general_2)
        second = self.candidate("Second")
        self.advance(second, "general_branch_review")
        with self.assertRaises(AccessError):
            self.take(second, "general_branch_review", user=other)
        # The 党委 may take it as well.
        line = self.take(second, "general_branch_review", user=self.user_committee)
        self.assertEqual(line.acted_level, "committee")

    def test_committee_refused_before_the_review(self):
        """The 党委's talk and approval come after the 审议: refused, article cited; the
        conversion's approval likewise after the conversion's 审议."""
        candidate = self.candidate()
        self.advance(candidate, "general_branch_review")
        for code in ("committee_talk", "approval"):
            with self.assertRaisesRegex(UserError, "after the review of General 1.*细则第二十六条"):
                self.take(candidate, code)
        self.assertFalse(candidate.member_id)
        candidate = self.candidate("Converting")
        self.advance(candidate, "conversion_general_branch_review")
        with self.assertRaisesRegex(UserError, "after the review of General 1.*细则第三十三条"):
            self.take(candidate, "conversion_approval")
        self.take(candidate, "conversion_general_branch_review")
        self.take(candidate, "conversion_approval")
        self.assertEqual(candidate.phase, "full")

    def test_review_returned_with_a_reason(self):
        """退回 with its reason: the case stays at the 审议, the reason in the timeline,
        the to-do again the general branch's; then passed."""
        candidate = self.candidate()
        self.advance(candidate, "general_branch_review")
        with self.assertRaisesRegex(UserError, "why the step is returned"):
            self.take(candidate, "general_branch_review", result="returned")
        line = self.take(
            candidate, "general_branch_review", result="returned", return_reason="政审材料不全"
        )
        self.assertEqual(line.result, "returned")
        self.assertEqual(candidate.current_step_id, self.step("general_branch_review"))
        self.assertIn("政审材料不全", candidate.timeline)
        self.assertEqual(candidate.activity_ids.user_id, self.user_general)
        with self.assertRaisesRegex(UserError, "after the review of General 1"):
            self.take(candidate, "committee_talk")
        self.take(
            candidate, "general_branch_review", PLAN["general_branch_review"] + timedelta(days=3)
        )
        self.assertEqual(candidate.current_step_id, self.step("committee_talk"))

    def test_review_skipped_directly_under_the_committee(self):
        """Branch 0 is directly under the 党委: no 审议, neither current nor required,
        not in the timeline; taking it is refused."""
        self.m0a.write({"join_date": "2010-01-01"})
        others = self.env["party.member"].create(
            [{"name": f"M0{x}", "organization_id": self.branch_0.id, "state": "full"} for x in "bc"]
        )
        (self.m0a | others).membership_ids.write({"date_start": "2010-01-01"})
        candidate = self.env["party.candidate"].create(
            {
                "name": "Under the Committee",
                "organization_id": self.branch_0.id,
                "id_number": id_number_with_check("11010519950101999"),
                "contact_ids": [Command.set(others.ids)],
                "sponsor_ids": [Command.set((self.m0a | others[:1]).ids)],
                "application_form_number": "F-0",
            }
        )
        self.assertFalse(self.branch_0.general_branch_id)
        for code in PLAN:
            if code == "acceptance_assembly":
                break
            step = self.step(code)
            vals = {"candidate_id": candidate.id, "step_id": step.id, "date": PLAN[code]}
            if step.has_window:
                vals["date_end"] = PLAN[code] + timedelta(days=7)
            if step.proof == "talk":
                vals["talk_id"] = (
                    self.env["party.talk"]
                    .create(
                        {
                            "organization_id": self.branch_0.id,
                            "talker_id": self.m0a.id,
                            "candidate_id": candidate.id,
                            "date": PLAN[code],
                            "topics": "Application",
                        }
                    )
                    .id
                )
            else:
                vals |= self.proof(candidate, step, PLAN[code])
            self.Step.create(vals)
        day = PLAN["acceptance_assembly"]
        meeting = self.env["party.meeting"].create(
            {
                "name": "Assembly 0",
                "organization_id": self.branch_0.id,
                "kind": "member_assembly",
                "start": f"{day} 04:00:00",
            }
        )
        meeting.attendee_ids = self.m0a | others
        resolution = self.env["party.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "Accept", "votes_yes": 3}
        )
        meeting.action_done()
        self.Step.create(
            {
                "candidate_id": candidate.id,
                "step_id": self.step("acceptance_assembly").id,
                "date": day,
                "resolution_id": resolution.id,
            }
        )
        self.assertEqual(candidate.current_step_id, self.step("committee_talk"))
        self.assertNotIn("<td>党总支审议</td>", candidate.timeline)
        with self.assertRaisesRegex(UserError, "branch has none.*细则第二十六条"):
            self.take(candidate, "general_branch_review", user=self.user_committee)
        self.take(
            candidate,
            "committee_talk",
            talk_id=self.env["party.talk"]
            .create(
                {
                    "organization_id": self.branch_0.id,
                    "talker_id": self.m0a.id,
                    "candidate_id": candidate.id,
                    "date": PLAN["committee_talk"],
                    "topics": "Approval",
                }
            )
            .id,
        )
        self.take(candidate, "approval")
        self.assertEqual(candidate.phase, "probationary")

    def test_case_past_the_review_is_not_stuck(self):
        """A case whose talk was recorded before the catalogue had the 审议 (a database
        from before): the missing 审议 is not asked for afterwards."""
        candidate = self.candidate()
        self.advance(candidate, "general_branch_review")
        # The talk recorded without the 审议, as before the catalogue had it: the step
        # out of the procedure meanwhile.
        review = self.step("general_branch_review")
        review.kind = "extension"
        self.assertEqual(candidate.current_step_id, self.step("committee_talk"))
        talk = self.env["party.talk"].create(
            {
                "organization_id": self.branch_11.id,
                "talker_id": self.m11a.id,
                "candidate_id": candidate.id,
                "date": PLAN["committee_talk"],
                "topics": "Approval",
            }
        )
        self.Step.create(
            {
                "candidate_id": candidate.id,
                "step_id": self.step("committee_talk").id,
                "date": PLAN["committee_talk"],
                "talk_id": talk.id,
            }
        )
        # The catalogue with its 审议 (the module updated): the case goes on.
        review.kind = "flow"
        self.assertEqual(candidate.current_step_id, self.step("approval"))
        self.assertNotIn("<td>党总支审议</td>", candidate.timeline)
        with self.assertRaisesRegex(UserError, "case is past it"):
            self.take(candidate, "general_branch_review")
        self.take(candidate, "approval")
        self.assertEqual(candidate.member_id.state, "probationary")
        # A step created by an update (noupdate data: new xml ids are created) recomputes
        # the version's candidates: one at the assembly waits for it, this one goes on.
        waiting = self.candidate("Waiting")
        self.advance(waiting, "general_branch_review")
        review.kind = "extension"
        self.assertEqual(waiting.current_step_id, self.step("committee_talk"))
        added = review.copy({"code": "general_branch_review_again", "kind": "flow"})
        self.assertEqual(waiting.current_step_id, added)
        self.assertEqual(candidate.current_step_id, self.step("filing_above"))

    def test_committee_without_approval_rights(self):
        candidate = self.candidate()
        self.advance(candidate, "approval")
        self.committee.development_approval = False
        with self.assertRaisesRegex(UserError, "no power to approve"):
            self.take(candidate, "approval")

    def test_approval_after_four_and_seven_months(self):
        candidate = self.candidate()
        self.advance(candidate, "approval")
        assembly = PLAN["acceptance_assembly"]
        self.assertEqual(candidate.next_due_date, assembly + relativedelta(months=3))
        with self.assertRaisesRegex(UserError, "Give the reason"):
            self.take(candidate, "approval", assembly + relativedelta(months=4))
        with self.assertRaisesRegex(UserError, r"At Most 6 Months.*细则第二十六条"):
            self.take(candidate, "approval", assembly + relativedelta(months=7), late_reason="X")
        line = self.take(
            candidate, "approval", assembly + relativedelta(months=4), late_reason="Audit"
        )
        self.assertIn("At Most 3 Months", line.warning)
        self.assertEqual(candidate.phase, "probationary")

    def test_approval_makes_a_probationary_member(self):
        candidate = self.candidate(gender="female")
        self.advance(candidate, "approval")
        self.take(candidate, "approval")
        member = candidate.member_id
        self.assertEqual(member.state, "probationary")
        self.assertEqual(member.join_date, PLAN["acceptance_assembly"])
        self.assertEqual(member.organization_id, self.branch_11)
        self.assertEqual(member.sudo().id_number_private, candidate.sudo().id_number_private)
        self.assertEqual(member.development_step_ids, candidate.step_line_ids)
        self.assertEqual(
            candidate.probation_end, PLAN["acceptance_assembly"] + relativedelta(years=1)
        )

    def test_probation_ends_one_year_after_the_assembly(self):
        candidate = self.candidate()
        self.advance(candidate, "conversion_assembly")
        end = PLAN["acceptance_assembly"] + relativedelta(years=1)
        self.assertEqual(candidate.probation_end, end)
        self.assertEqual(candidate.window_start, end)
        with self.assertRaisesRegex(UserError, r"At Least 12 Months"):
            self.take(candidate, "conversion_assembly", end - timedelta(days=1))
        self.take(candidate, "conversion_assembly", end)
        self.take(candidate, "conversion_general_branch_review", end + timedelta(days=5))
        self.take(candidate, "conversion_approval")
        self.assertEqual(candidate.phase, "full")
        self.assertEqual(candidate.full_member_date, end)
        self.assertEqual(candidate.member_id.state, "full")
        self.assertEqual(candidate.member_id.full_member_date, end)

    def test_extension_once_of_six_to_twelve_months(self):
        candidate = self.candidate()
        self.advance(candidate, "assign_group")
        day = PLAN["filing_above"]
        for months in (5, 13):
            with self.assertRaisesRegex(UserError, "6 to 12 months.*细则第三十四条"):
                self.take(candidate, "extension", day, extension_months=months, reason="Late")
        with self.assertRaisesRegex(UserError, "say why"):
            self.take(candidate, "extension", day, extension_months=6)
        self.take(candidate, "extension", day, extension_months=6, reason="Not yet ready")
        self.assertEqual(
            candidate.probation_end, PLAN["acceptance_assembly"] + relativedelta(months=18)
        )
        with self.assertRaisesRegex(UserError, "extended once"):
            self.take(candidate, "extension", day, extension_months=6, reason="Again")
        for code in ("assign_group", "oath", "probation_education", "conversion_application"):
            self.take(candidate, code)
        with self.assertRaisesRegex(UserError, "At Least 12 Months"):
            self.take(candidate, "conversion_assembly", PLAN["conversion_assembly"])
        self.take(candidate, "conversion_assembly", candidate.probation_end)
        self.assertEqual(candidate.phase, "probationary")

    def test_cancellation_closes_with_reason(self):
        candidate = self.candidate()
        self.advance(candidate, "filing_above")
        with self.assertRaisesRegex(UserError, "say why"):
            self.take(candidate, "cancellation", date(2024, 8, 1))
        self.take(candidate, "cancellation", date(2024, 8, 1), reason="Left the unit")
        self.assertEqual(candidate.phase, "closed")
        self.assertEqual(candidate.member_id.status, "left")
        with self.assertRaisesRegex(UserError, "no longer in development"):
            self.take(candidate, "filing_above")

    def test_sponsors_full_members_not_the_candidate(self):
        with self.assertRaisesRegex(ValidationError, "M11b.*full members"):
            self.candidate(sponsor_ids=[Command.set((self.m11a | self.m11b).ids)])
        candidate = self.candidate()
        # The candidate's own ID number on a member record: a self-sponsor.
        self.m11d.sudo().id_number_private = candidate.sudo().id_number_private
        with self.assertRaisesRegex(ValidationError, "sponsor themselves"):
            candidate.with_user(self.user_branch).sponsor_ids = [
                Command.set((self.m11a | self.m11d).ids)
            ]
        self.advance(candidate, "sponsors")
        candidate.sponsor_ids = [Command.set(self.m11a.ids)]
        with self.assertRaisesRegex(UserError, "two sponsors.*细则第十五条"):
            self.take(candidate, "sponsors")

    def test_out_of_order_and_dates(self):
        candidate = self.candidate()
        with self.assertRaisesRegex(UserError, "out of order.*细则第五条"):
            self.take(candidate, "activist")
        self.take(candidate, "application")
        with self.assertRaisesRegex(UserError, "before the last step"):
            self.take(candidate, "application_talk", PLAN["application"] - timedelta(days=1))
        with self.assertRaisesRegex(UserError, "once it is taken"):
            self.take(self.candidate(), "application", date.today() + timedelta(days=2))

    def test_applicant_at_least_eighteen(self):
        candidate = self.candidate(id_number=id_number_with_check("11010520100101001"))
        with self.assertRaisesRegex(UserError, "18 years.*细则第五条"):
            self.take(candidate, "application")

    def test_training_hours(self):
        candidate = self.candidate()
        self.advance(candidate, "training")
        with self.assertRaisesRegex(UserError, "3 days or 24 hours.*细则第十八条"):
            self.take(candidate, "training", training_hours=20)
        self.take(candidate, "training", training_hours=0, training_days=3)

    def test_returned_with_a_reason(self):
        candidate = self.candidate()
        self.advance(candidate, "committee_review")
        with self.assertRaisesRegex(UserError, "why the step is returned"):
            self.take(candidate, "committee_review", result="returned")
        line = self.take(candidate, "committee_review", result="returned", return_reason="Redo")
        self.assertEqual(candidate.current_step_id, self.step("committee_review"))
        self.assertIn("Redo", candidate.timeline)
        with self.assertRaisesRegex(UserError, "kept as written"):
            line.with_user(self.user_branch).write({"review": "Other"})

    def test_nobody_takes_a_step_of_their_own_case(self):
        candidate = self.candidate()
        self.advance(candidate, "filing_above")
        own = mail_new_test_user(
            self.env,
            login="pq_dev_own",
            groups="base.group_user,party_quant.group_party_branch",
            name="Own",
        )
        own.party_organization_ids = self.branch_11
        candidate.member_id.user_id = own
        with self.assertRaisesRegex(UserError, "your own entry"):
            self.take(candidate, "filing_above", user=own)
        # Nor edits their own file (the review's finding): another officer does.
        for vals in ({"application_form_number": "Mine"}, {"sponsor_ids": [(5, 0, 0)]}):
            with self.assertRaisesRegex(UserError, "your own development file"):
                candidate.with_user(own).write(vals)
        candidate.with_user(self.user_branch).write({"application_form_number": "No. 7"})
        with self.assertRaisesRegex(UserError, "set by the system"):
            candidate.with_user(self.user_branch).write({"member_id": self.m11d.id})

    def test_id_number_private(self):
        candidate = self.candidate()
        real = candidate.sudo().id_number_private
        self.assertEqual(candidate.with_user(self.user_branch).id_number, real)
        self.assertEqual(candidate.with_user(self.user_committee).id_number, real)
        shown = candidate.with_user(self.user_general).id_number
        self.assertEqual(shown, real[:6] + "********" + real[-4:])
        self.assertFalse(
            self.env["party.candidate"]
            .with_user(self.user_general)
            .search([("id_number", "=", real)])
        )
        with self.assertRaises(AccessError):
            candidate.with_user(self.user_member).read(["name"])

    # ------------------------------------------------------------------
    # The flow, the to-dos, the reminders, the pipeline
    # ------------------------------------------------------------------
    def test_secretary_and_committee_take_an_applicant_to_full_member(self):
        candidate = self.candidate()
        activity_type = self.env.ref("party_quant.mail_activity_type_development")
        for code in PLAN:
            self.take(candidate, code)
            todo = candidate.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )
            if candidate.current_step_id.actor == "committee":
                self.assertEqual(todo.user_id, self.user_committee, code)
            elif candidate.current_step_id.actor == "general_branch":
                # The 党总支's 审议: the to-do reaches General 1's officers.
                self.assertEqual(todo.user_id, self.user_general, code)
            elif candidate.current_step_id:
                self.assertIn(self.user_branch, todo.user_id, code)
        self.assertEqual(candidate.phase, "full")
        self.assertFalse(candidate.current_step_id)
        self.assertFalse(candidate.activity_ids)
        self.assertEqual(len(candidate.step_line_ids), 27)
        reviews = candidate.step_line_ids.filtered(
            lambda line: line.acted_level == "general_branch"
        )
        self.assertEqual(reviews.acted_by_id, self.user_general)
        self.assertEqual(candidate.member_id.state, "full")

    def test_reminder_before_the_window_closes(self):
        candidate = self.candidate()
        today = date.today()
        self.take(candidate, "application", today - timedelta(days=28))
        self.assertEqual(
            candidate.next_due_date, today - timedelta(days=28) + relativedelta(months=1)
        )
        self.env["party.candidate"]._cron_remind()
        message = candidate.message_ids[:1]
        self.assertIn("window closes", message.body)
        self.assertIn(self.user_branch.partner_id, message.partner_ids)
        self.env["party.candidate"]._cron_remind()
        self.assertEqual(candidate.message_ids[:1], message, "reminded once per window")

    def test_pipeline_and_overdue(self):
        late, fresh = self.candidate("Late"), self.candidate("Fresh")
        self.take(late, "application", date.today() - relativedelta(months=2))
        self.take(fresh, "application", date.today())
        Candidate = self.env["party.candidate"].with_user(self.user_committee)
        self.assertEqual(
            Candidate.search([("overdue", "=", True), ("id", "in", (late | fresh).ids)]), late
        )
        groups = Candidate._read_group(
            [("id", "in", (late | fresh).ids)], ["organization_id", "phase"], ["__count"]
        )
        self.assertEqual(groups, [(self.branch_11, "applicant", 2)])
        self.assertTrue(late.overdue)
        self.assertLess(late.days_left, 0)

    def test_workbench_line(self):
        """发展党员: N steps due this month on the secretary's card."""
        late = self.candidate("Late")
        self.take(late, "application", date.today() - relativedelta(months=2))
        card = (
            self.env["party.workbench"]
            .with_user(self.user_branch)
            .search([("organization_id", "=", self.branch_11.id)])
        )
        self.assertEqual((card.development_due, card.development_overdue), (1, 1))
        action = card.action_open_development()
        self.assertEqual(
            self.env["party.candidate"].with_user(self.user_branch).search(action["domain"]),
            late,
        )

    def test_record_pdf_and_statistics(self):
        """The 发展党员工作记录 lists every step with its date, who acted and the proof;
        the statistics count by branch and phase."""
        candidate = self.candidate("Record")
        self.advance(candidate, "approval")
        self.take(candidate, "approval")
        Report = self.env["ir.actions.report"].with_user(self.user_branch)
        html = Report._render_qweb_html("party_quant.report_candidate_record", candidate.ids)[0]
        text = html.decode()
        for line in candidate.step_line_ids:
            self.assertIn(line.step_id.name, text)
        self.assertIn(self.user_committee.name, text)
        self.assertIn("Qualified", text)
        content, _kind = Report._render_xlsx(
            "party_quant.report_development_xlsx", candidate.ids, {}
        )
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        header = [cell.value for cell in sheet[2]]
        row = [cell.value for cell in sheet[3]]
        self.assertEqual(row[0], self.branch_11.display_name)
        self.assertEqual(row[header.index("Probationary Member")], 1)
        self.assertEqual(row[header.index("Accepted This Year")], 0)
