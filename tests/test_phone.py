from html import unescape

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import PartyEvaluationCase
from .test_workbench_tour import _phone_branch


@tagged("post_install", "-at_install")
class TestHonestFigures(PartyEvaluationCase):
    """Issue 21.7: the numbers and labels of the workbenches, the cockpit, the dues,
    the evaluations and the handbook say what they mean."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Period = cls.env["party.period"]
        cls.today = fields.Date.today()
        cls.this_month = Period._get_period(cls.today)
        cls.last_month = Period._get_period(cls.today - relativedelta(months=1))
        for month in cls.this_month | cls.last_month:
            if month.state == "closed":  # by the demo data
                month._reopen("Phone test")
        cls.Workbench = cls.env["party.workbench"]
        cls.MemberCard = cls.env["party.member.workbench"]

    def branch_card(self, user=None):
        return self.Workbench.with_user(user or self.user_branch).search(
            [("organization_id", "=", self.branch_11.id)]
        )

    def member_card(self):
        return self.MemberCard.with_user(self.user_member).search([])

    def test_dues_of_the_current_month_are_not_owed(self):
        """On any day of a month its dues are to pay, not owed (欠缴): owed once the
        month is over."""
        Dues = self.env["party.dues"]
        this_month = self.today.replace(day=1)
        last, current = Dues.create(
            [
                {
                    "member_id": self.m11b.id,
                    "month": this_month - relativedelta(months=1),
                    "amount_due": 10,
                },
                {"member_id": self.m11b.id, "month": this_month, "amount_due": 12},
            ]
        )
        self.assertEqual((last.overdue, current.overdue), (True, False))
        owed = Dues.search([("member_id", "=", self.m11b.id), ("overdue", "=", True)])
        self.assertEqual(owed, last)
        self.assertEqual(
            Dues.search([("member_id", "=", self.m11b.id), ("overdue", "=", False)]), current
        )
        card = self.member_card()
        self.assertEqual(card.dues_owed_count, 1)
        self.assertAlmostEqual(card.dues_owed_amount, 10.0)
        self.assertAlmostEqual(card.dues_to_pay, 12.0)
        branch = self.branch_card()
        self.assertEqual(branch.dues_unpaid, 1, "last month's only")
        self.assertEqual(branch.dues_to_pay, 1)
        # The member's dues open as cards on a phone, their own only.
        action = card.with_user(self.user_member).action_open_dues()
        self.assertIn("kanban", action["view_mode"])
        self.assertEqual(Dues.with_user(self.user_member).search(action["domain"]), last | current)
        current.write({"amount_paid": 12, "paid_date": self.today})
        card.invalidate_recordset()
        self.assertEqual(card.dues_to_pay, 0.0)

    def test_member_card_study_hours_and_leave(self):
        study = self.env["party.study.record"].create(
            {
                "member_id": self.m11b.id,
                "date": self.today,
                "hours": 4,
                "subject": "Phone test course",
            }
        )
        # Only an approved record counts (issue 20): the record as its approval leaves it.
        study.write({"state": "approved"})
        meeting = self.env["party.meeting"].create(
            {
                "name": "Phone test assembly",
                "kind": "member_assembly",
                "organization_id": self.branch_11.id,
                "start": fields.Datetime.now() + relativedelta(days=3),
            }
        )
        card = self.member_card()
        self.assertEqual(card.study_hours_required, 32.0, "a member: 32 hours a year")
        self.assertGreaterEqual(card.study_hours_year, 4.0)
        self.assertEqual(card.study_hours_year, self.m11b.study_hours_year)
        self.assertFalse(card.leave_html)
        # 请假 from the card: the request form of the next meeting, for themselves.
        action = card.with_user(self.user_member).action_request_leave()
        self.assertEqual(action["res_model"], "party.meeting.leave")
        self.assertEqual(action["context"]["default_meeting_id"], meeting.id)
        self.assertEqual(action["context"]["default_member_id"], self.m11b.id)
        leave = (
            self.env["party.meeting.leave"]
            .with_user(self.user_member)
            .with_context(**action["context"])
            .create({"reason": "Business trip"})
        )
        card.invalidate_recordset()
        self.assertEqual((card.leave_requested, card.leave_approved), (1, 0))
        self.assertIn("Phone test assembly", card.leave_html)
        self.assertIn("Requested", card.leave_html)
        leave.with_user(self.user_branch).action_approve()
        card.invalidate_recordset()
        self.assertEqual((card.leave_requested, card.leave_approved), (0, 1))
        self.assertIn("Approved", card.leave_html)
        secretary = self.MemberCard.sudo().search([("member_id", "=", self.m11a.id)])
        self.assertEqual(secretary.study_hours_required, 56.0, "a secretary: 56 hours")

    def test_tasks_rank_and_meetings_from_one_source(self):
        """Six lines, six tasks; 三会一课 counted from the duties the obligation
        calendar lists; the rank hidden until two of the type are reviewed."""
        self.env["party.duty"]._generate([self.today])
        self.env["party.duty"]._refresh(self.branch_11)
        card = self.branch_card()
        self.assertEqual(card.tasks_total, 6)
        Duty = self.env["party.duty"]
        action = card.action_open_meetings()
        self.assertEqual(action["res_model"], "party.duty")
        listed = Duty.search(action["domain"])
        self.assertTrue(listed, "the branch has meeting duties this quarter")
        self.assertEqual(card.meetings_due, len(listed))
        self.assertEqual(card.meetings_held, len(listed.filtered(lambda d: d.state == "done")))
        self.assertEqual(card.meetings_behind, len(listed.filtered(lambda d: d.state == "overdue")))
        self.assertEqual(set(listed.mapped("fulfilment")), {"meeting"})
        # 2030-03: branch 11 alone reviewed in its type: rank 1 of 1 means nothing.
        self.review(self.ev_11, [90])
        self.assertEqual(self.ev_11.rank_in_type, 1)
        self.assertFalse(self.ev_11.rank_display, "alone in its type: no rank shown")
        branch_13 = self.env["party.organization"].create(
            self._branch_vals("Branch 13", self.general_1, self.type_management)
        )
        other = self.Evaluation.create(
            {"organization_id": branch_13.id, "period_id": self.month.id}
        )
        self.review(other, [96])
        self.ev_11.invalidate_recordset()
        self.assertEqual((self.ev_11.rank_display, other.rank_display), ("2 / 2", "1 / 2"))

    def test_reviewer_note_and_self_assessed_counted_once(self):
        """The branch's own note is never shown as the reviewer's; "self-assessed"
        counts the same evaluations on the workbench and in the cockpit."""
        current = self.Evaluation.create(
            {"organization_id": self.branch_11.id, "period_id": self.this_month.id}
        )
        self.fill(current, "self_score", self.user_branch)
        line = current.line_ids.filtered(lambda ln: ln.category != "bonus")[0]
        current.with_user(self.user_branch).write(
            {"line_ids": [(1, line.id, {"self_score": 1, "note": "Our own reason"})]}
        )
        current.with_user(self.user_branch).action_submit()
        card = self.branch_card()
        self.assertIn("Branch's note", unescape(card.gap_html))
        self.assertNotIn("Reviewer's note", unescape(card.gap_html))
        self.assertIn("Our own reason", unescape(card.gap_html))

        current.with_user(self.user_general).action_approve()
        self.assertEqual(current.state, "preliminary")
        card.invalidate_recordset()
        gap = unescape(card.gap_html)
        self.assertIn(line.name, gap, "still lost at the preliminary step")
        self.assertIn("Reviewer's note", gap)
        self.assertNotIn("Our own reason", gap, "not the reviewer's words")

        general = self.Workbench.with_user(self.user_general).search(
            [("organization_id", "=", self.general_1.id)]
        )
        self.env.flush_all()
        cockpit = self.env["party.cockpit"].search([("organization_id", "=", self.general_1.id)])
        self.assertEqual(general.submitted_count, 1, "submitted, now at the next step")
        self.assertEqual(cockpit.submitted_count, general.submitted_count)
        self.assertEqual(cockpit.self_assessed_count, 0, "none waiting at that step")

    def test_handbook_prints_only_a_confirmed_grade(self):
        year = self.today.year
        Report = self.env["ir.actions.report"].with_context(lang="en_US")

        def handbook():
            html = Report._render_qweb_html(
                "party_quant.action_report_handbook", self.m11b.ids, data={"year": year}
            )[0]
            return html.decode()

        html = handbook()
        self.assertIn("not appraised yet", html)
        for grade in ("Unqualified", "Basically Qualified", "Excellent"):
            self.assertNotIn(grade, html)
        appraisal = self.env["party.appraisal"].create(
            {
                "member_id": self.m11b.id,
                "organization_id": self.branch_11.id,
                "year": year,
                "grade": "qualified",
                "override_reason": "Phone test",
            }
        )
        self.assertNotIn("Qualified", handbook(), "a draft appraisal prints no grade")
        appraisal.action_confirm()
        html = handbook()
        self.assertIn("Qualified", html)
        self.assertNotIn("not appraised yet", html)

    def test_score_log_in_one_language(self):
        """Scores the system sets (the demo, a cron: no language in the context) are
        logged in the company's language, the criteria's names and the column too —
        not English names under a Chinese title."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.company.partner_id.lang = "zh_CN"
        line = self.ev_11.line_ids.filtered(lambda ln: ln.category != "bonus")[0]
        zh = line.with_context(lang="zh_CN")
        self.assertNotEqual(zh.name, line.name, "the shipped criteria are translated")
        Line = self.env["party.evaluation.line"].with_context(lang=None)
        Line._log_score_changes([(line, "self_score", 0.0, 5.0)])
        body = self.ev_11.message_ids[:1].body
        self.assertIn(zh.name, body)
        self.assertIn(Line._fields["self_score"]._description_string(zh.env), body)
        self.assertNotIn(line.name, body)

    def test_planned_meeting_has_no_unexcused_absentees(self):
        meeting = self.env["party.meeting"].create(
            {
                "name": "Phone test planned",
                "kind": "study",
                "organization_id": self.branch_11.id,
                "start": fields.Datetime.now() + relativedelta(days=2),
            }
        )
        self.assertTrue(meeting.absentee_ids, "nobody ticked yet")
        self.assertFalse(meeting.unexcused_ids, "无故缺席 only once held")

    def test_duty_alert_colours(self):
        """Green is done, amber due soon, red overdue, grey open and not due yet."""
        Duty = self.env["party.duty"]
        Duty._generate([self.today])
        Duty._refresh(self.branch_11)
        duties = Duty.search([("organization_id", "=", self.branch_11.id)])
        soon = self.today + relativedelta(days=Duty._reminder_days())
        for duty in duties:
            expected = (
                "green"
                if duty.state == "done"
                else "red"
                if duty.state == "overdue"
                else "amber"
                if duty.due_date <= soon
                else "grey"
            )
            self.assertEqual(duty.status, expected, duty.name)
            self.assertEqual(
                Duty.search_count([("id", "=", duty.id), ("status", "=", expected)]), 1
            )
        self.assertIn("grey", duties.mapped("status"), "a duty due later this year is grey")


@tagged("post_install", "-at_install")
class TestPhoneMemberCards(HttpCase):
    """Issue 21.8, a member on a 412 px phone in Chinese: the workbench shows the
    dues owed, the study hours against 32 and the leave status; 请假 is a visible
    button; the dues and the duties open as cards with their state on screen."""

    browser_size = "412x915"
    touch_enabled = True

    def test_member_workbench_dues_study_leave_and_cards(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        branch = _phone_branch(self.env, "Cards Branch")
        user = mail_new_test_user(
            self.env,
            login="pq_cards_member",
            groups="base.group_user,party_quant.group_party_member",
            lang="zh_CN",
        )
        user.action_id = self.env.ref("party_quant.party_member_workbench_action").id
        member = self.env["party.member"].create(
            {"name": "Cards Member", "organization_id": branch.id, "user_id": user.id}
        )
        today = fields.Date.today()
        this_month = today.replace(day=1)
        self.env["party.dues"].create(
            [
                {
                    "member_id": member.id,
                    "month": this_month - relativedelta(months=2),
                    "amount_due": 8,
                },
                {"member_id": member.id, "month": this_month, "amount_due": 8},
            ]
        )
        self.env["party.study.record"].create(
            {"member_id": member.id, "date": today, "hours": 6, "subject": "Cards course"}
        )
        now = fields.Datetime.now()
        first, second = self.env["party.meeting"].create(
            [
                {
                    "name": name,
                    "kind": "study",
                    "organization_id": branch.id,
                    "start": now + relativedelta(days=days),
                }
                for name, days in (("Cards study", 2), ("Cards assembly", 9))
            ]
        )
        Leave = self.env["party.meeting.leave"]
        Leave.create({"meeting_id": second.id, "member_id": member.id, "reason": "Training"})
        self.env["party.duty"]._generate([today])

        self.start_tour("/odoo", "party_quant_phone_member_cards", login="pq_cards_member")
        asked = Leave.search([("meeting_id", "=", first.id), ("member_id", "=", member.id)])
        self.assertEqual(asked.reason, "出差", "asked from the workbench's 请假 button")
        self.assertEqual(asked.state, "requested")


@tagged("post_install", "-at_install")
class TestPhoneSecretaryLines(HttpCase):
    """Issue 21.8: a branch secretary fills the evaluation's lines on a 412 px phone
    (one card a criterion, tapped to score it)."""

    browser_size = "412x915"
    touch_enabled = True

    def test_secretary_scores_a_line_on_a_phone(self):
        branch = _phone_branch(self.env, "Lines Branch")
        secretary = mail_new_test_user(
            self.env,
            login="pq_lines_secretary",
            groups="base.group_user,party_quant.group_party_branch",
            lang="en_US",
        )
        secretary.party_organization_ids = branch
        month = self.env["party.period"]._get_period(fields.Date.today())
        if month.state == "closed":  # by the demo data
            month._reopen("Phone lines tour")
        evaluation = self.env["party.evaluation"].create(
            {"organization_id": branch.id, "period_id": month.id}
        )
        self.start_tour(
            f"/odoo/action-party_quant.party_evaluation_action/{evaluation.id}",
            "party_quant_phone_secretary_lines",
            login="pq_lines_secretary",
        )
        line = evaluation.line_ids.filtered(lambda ln: ln.note == "Two of three meetings held")
        self.assertEqual(len(line), 1, "one line scored from its card")
        self.assertEqual(line.self_score, 3.0)
