"""Points without dead ends (issue 21, items 2, 4, 5, 6, 7): a rejected claim is
fixed and resubmitted or withdrawn; officers record a deduction in one form; an
appeal corrects an entry or adds a missing credit (漏记) in one step, and its
decision reaches the member and the next person; totals count approved entries."""

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .test_member_notices import NoticesCase


@tagged("post_install", "-at_install")
class TestRejectedClaim(NoticesCase):
    def rejected(self):
        line = self.claim(self.user_member, self.attendance, description="Study session")
        line.action_submit()
        line.with_user(self.user_branch)._reject("That was on the 11th")
        return line.with_user(self.user_member)

    def test_fix_and_resubmit(self):
        line = self.rejected()
        self.assertTrue(line.can_revise)
        self.assertFalse(line.with_user(self.user_general).can_revise, "not theirs")
        line.action_revise()
        self.assertEqual(line.state, "draft")
        self.assertEqual(line.reject_reason, "That was on the 11th", "the reason stays shown")
        line.write({"date": self.day.replace(day=11), "description": "Study on the 11th"})
        line.action_submit()
        self.assertEqual(line.state, "submitted")
        self.assertEqual(line.sudo().activity_ids.user_id, self.user_branch, "asked again")
        line.with_user(self.user_branch).action_approve()
        self.assertEqual(self.m11b.points_total, 2)

    def test_only_the_claimant_revises_and_only_rejected_claims(self):
        line = self.rejected()
        with self.assertRaisesRegex(UserError, "You may not move"):
            line.with_user(self.user_general).write({"state": "draft"})
        approved = self.approved()
        with self.assertRaisesRegex(UserError, "cannot go from"):
            approved.with_user(self.user_member).write({"state": "draft"})
        self.assertEqual(line.state, "rejected")

    def test_withdraw(self):
        line = self.rejected()
        self.assertTrue(line.can_withdraw)
        action = line.action_withdraw()
        self.assertFalse(line.exists(), "withdrawn")
        self.assertEqual(action["res_model"], "party.point.line")
        submitted = self.claim(self.user_member, self.attendance)
        submitted.action_submit()
        self.assertFalse(submitted.can_withdraw)
        with self.assertRaisesRegex(UserError, "only your own draft or rejected"):
            submitted.action_withdraw()

    def test_copy_of_a_rejected_claim(self):
        line = self.rejected()
        copy = line.copy()
        self.assertEqual(
            (copy.state, copy.reject_reason, copy.rule_id, copy.points),
            ("draft", False, self.attendance, 2),
        )
        self.assertFalse(copy.approved_by_id)
        approved = self.approved()
        self.assertEqual(approved.with_user(self.user_member).copy().state, "draft")

    def test_system_entries_are_not_withdrawn(self):
        meeting = self.env["party.meeting"].create(
            {"name": "June", "kind": "study", "organization_id": self.branch_11.id}
        )
        entry = self.Line.sudo()._create_approved(
            [
                {
                    "member_id": self.m11b.id,
                    "rule_id": self.attendance.id,
                    "date": self.day,
                    "meeting_id": meeting.id,
                }
            ]
        )
        entry.sudo()._reject("The meeting was cancelled")
        mine = entry.with_user(self.user_member)
        self.assertFalse(mine.can_revise or mine.can_withdraw)
        with self.assertRaisesRegex(UserError, "the system's"):
            mine.unlink()

    def test_the_badge_counts_what_needs_the_member(self):
        card = self.env["party.member.workbench"].with_user(self.user_member).search([])
        line = self.rejected()
        card.invalidate_recordset()
        self.assertEqual(card.claims_rejected, 1)
        line.action_revise()
        card.invalidate_recordset()
        self.assertEqual((card.claims_rejected, card.claims_draft), (0, 1))
        line.action_submit()
        line.with_user(self.user_branch)._reject("Still wrong")
        line.action_withdraw()
        card.invalidate_recordset()
        self.assertEqual(card.claims_rejected, 0)

    def test_the_form_offers_what_works(self):
        arch = self.env["party.point.line"].get_view(view_type="form")["arch"]
        self.assertIn('delete="0"', arch, "no 删除 that fails: 撤回 where it works")
        self.assertIn("action_revise", arch)


@tagged("post_install", "-at_install")
class TestDeductionForm(NoticesCase):
    def deduction_form(self, user=None):
        return Form(self.env["party.point.deduction"].with_user(user or self.user_branch))

    def evidence(self, user):
        return (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": "photo.png", "raw": b"photo", "res_model": "party.point.deduction"})
        )

    def test_officer_records_a_deduction_in_one_step(self):
        before = self.Line.search_count([])
        form = self.deduction_form()
        form.member_id = self.m11b
        form.rule_id = self.violation
        self.assertEqual(form.points, -20)
        form.description = "Drunk driving, reported by the police"
        wizard = form.save()
        self.assertEqual(wizard.branch_ids, self.branch_11, "the member among these")
        wizard.attachment_ids = self.evidence(self.user_branch)
        action = wizard.action_confirm()
        line = self.Line.browse(action["res_id"])
        self.assertEqual(
            (line.member_id, line.rule_id, line.state, line.points),
            (self.m11b, self.violation, "submitted", -20),
        )
        self.assertEqual(line.attachment_ids.res_id, line.id, "the evidence is the entry's")
        self.assertIn("Drunk driving", self.inbox()[:1].body, "the member is told")
        self.assertEqual(self.Line.search_count([]), before + 1, "no dummy record")

    def test_a_failed_deduction_leaves_nothing(self):
        before = self.Line.search_count([])
        Wizard = self.env["party.point.deduction"].with_user(self.user_branch)
        cases = (
            ({}, "requires evidence"),
            ({"member_id": self.m21a.id}, "members of your branches only"),
            ({"points": -5}, "between -20.0 and -20.0"),
            ({"rule_id": self.attendance.id, "points": 2}, "deduction rule"),
        )
        for vals, message in cases:
            with self.subTest(vals=vals):
                wizard = Wizard.create(
                    dict(
                        {
                            "member_id": self.m11b.id,
                            "rule_id": self.violation.id,
                            "description": "Late",
                        },
                        **vals,
                    )
                )
                with self.assertRaisesRegex(UserError, message):
                    wizard.action_confirm()
        self.assertEqual(self.Line.search_count([]), before)

    def test_members_cannot_use_it(self):
        with self.assertRaises(Exception):  # noqa: B017 - AccessError, a model right
            self.env["party.point.deduction"].with_user(self.user_member).create(
                {"member_id": self.m11b.id, "rule_id": self.violation.id, "description": "x"}
            )

    def test_officers_choose_the_member_on_the_entry_form(self):
        with Form(self.Line.with_user(self.user_branch)) as form:
            form.member_id = self.m11b
            form.rule_id = self.praise
            form.description = "Praised by the client"
        self.assertEqual(form.record.member_id, self.m11b)


@tagged("post_install", "-at_install")
class TestAppealDecisions(NoticesCase):
    """The decision × notice rows of appeals: filed → the level above's to-do;
    refused (upheld) → the member's notice; corrected and missing credit → the
    member's notice and the branch officers' to-do on the publicity."""

    def setUp(self):
        super().setUp()
        self.line = self.approved()  # attendance, exactly 2
        self.publicity = self.published()
        self.appeal = (
            self.env["party.point.appeal"]
            .with_user(self.user_member)
            .create(
                {
                    "publicity_id": self.publicity.id,
                    "point_line_id": self.line.id,
                    "reason": "The example day was not recorded",
                }
            )
        )

    def decide(self, user=None, **vals):
        action = self.appeal.with_user(user or self.user_general).action_decide()
        wizard = (
            self.env[action["res_model"]]
            .with_user(user or self.user_general)
            .with_context(**action["context"])
            .create(dict({"decision": "Checked the records"}, **vals))
        )
        return wizard.action_confirm()

    def branch_todos(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", "party.point.publicity"), ("res_id", "=", self.publicity.id)]
        )

    def test_filed_appeal_is_the_level_aboves_todo(self):
        self.assertEqual(self.appeal.sudo().activity_ids.user_id, self.user_general)
        self.assertTrue(self.appeal.with_user(self.user_general).can_decide)
        self.assertFalse(self.appeal.with_user(self.user_branch).can_decide)
        with self.assertRaisesRegex(UserError, "level above"):
            self.appeal.with_user(self.user_branch).action_decide()

    def test_refused(self):
        self.decide(outcome="uphold", decision="The list shows 2 points")
        self.assertEqual(self.appeal.state, "upheld")
        self.assertFalse(self.appeal.sudo().activity_ids, "the decider's to-do is done")
        notice = self.inbox()[:1]
        self.assertEqual((notice.model, notice.res_id), (self.appeal._name, self.appeal.id))
        self.assertIn("The list shows 2 points", notice.body)
        rule_zh = self.attendance.with_context(lang="zh_CN").name
        self.assertIn(rule_zh, notice.body, "in the member's language")
        self.assertFalse(self.branch_todos(), "nothing follows a refusal")

    def test_corrected(self):
        self.decide(outcome="correct", points=0, decision="No such activity")
        self.assertEqual(self.appeal.state, "corrected")
        self.assertEqual(self.appeal.correction_line_id.points, -2)
        self.assertEqual(self.m11b.points_total, 0)
        notice = self.inbox()[:1]
        self.assertEqual(notice.res_id, self.appeal.id)
        self.assertIn("No such activity", notice.body)
        self.assertEqual(self.branch_todos().user_id, self.user_branch, "the branch is told")

    def test_missing_credit(self):
        example = self.env.ref("party_quant.point_rule_example")
        low, high = example._range()
        self.decide(outcome="missing", rule_id=example.id, points=high, decision="Volunteer day: 4")
        correction = self.appeal.correction_line_id
        self.assertEqual(
            (correction.rule_id, correction.points, correction.state, correction.part),
            (example, high, "approved", example.part),
        )
        self.assertEqual(self.line.points, 2, "the appealed entry is untouched")
        self.assertEqual(self.m11b.points_total, 2 + high)
        self.assertIn(example.with_context(lang="zh_CN").name, self.inbox()[:1].body)
        self.assertEqual(self.branch_todos().user_id, self.user_branch)

    def test_a_failed_decision_leaves_nothing_behind(self):
        example = self.env.ref("party_quant.point_rule_example")
        messages = len(self.appeal.message_ids)
        _low, high = example._range()
        for vals, error in (
            ({"outcome": "missing", "rule_id": example.id, "points": high + 10}, "between"),
            ({"outcome": "missing", "rule_id": self.violation.id, "points": -20}, "deduction"),
            ({"outcome": "correct", "points": 4}, "between"),  # attendance gives 2
            ({"outcome": "correct", "points": 2}, "uphold"),
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, error):
                self.decide(**vals)
            self.assertEqual(self.appeal.state, "open")
            self.assertFalse(self.appeal.decision, "no half-saved decision")
            self.assertEqual(len(self.appeal.message_ids), messages, "no chatter line")
        self.assertFalse(self.appeal.correction_line_id)
        self.assertEqual(self.m11b.points_total, 2)

    def test_on_the_general_branchs_workbench(self):
        card = self.env["party.workbench"].with_user(self.user_general).search([])
        self.assertEqual(card.appeals_open, 1)
        action = card.action_open_appeals()
        found = self.env["party.point.appeal"].with_user(self.user_general).search(action["domain"])
        self.assertEqual(found, self.appeal)
        committee = self.env["party.workbench"].with_user(self.user_committee).search([])
        self.assertEqual(committee.appeals_open, 1)
        self.decide(outcome="uphold")
        card.invalidate_recordset()
        self.assertEqual(card.appeals_open, 0)


@tagged("post_install", "-at_install")
class TestPointTotals(NoticesCase):
    def test_totals_count_approved_entries(self):
        self.approved()
        rejected = self.claim(self.user_member, self.praise, evidence=True)
        rejected.action_submit()
        rejected.with_user(self.user_branch)._reject("No")
        draft = self.claim(self.user_member, self.praise)
        lines = self.Line.with_user(self.user_member).search([("member_id", "=", self.m11b.id)])
        self.assertEqual(sum(lines.mapped("points_counted")), self.m11b.points_year)
        self.assertEqual(
            self.Line._read_group([("member_id", "=", self.m11b.id)], [], ["points_counted:sum"])[
                0
            ][0],
            2,
        )
        for view in ("list", "pivot"):
            arch = self.Line.get_view(view_type=view)["arch"]
            self.assertNotIn('name="points" sum', arch)
            self.assertIn("points_counted", arch)
        with self.assertRaisesRegex(UserError, "set by the system"):
            draft.write({"points_counted": 5})
