"""Issue 20 items 5–6 and issue 21's inspection items: questionnaires by personal
one-time invitation and anonymous; the team reads the inspected members' names only;
proposed adjustments on the evaluation with the committee's to-do, and every decision
of the committee or the team told to the branch."""

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .test_inspection import InspectionCase


class TeamCase(InspectionCase):
    """The plan running, Branch 11 inspected by the officer of Branch 21 alone."""

    def setUp(self):
        super().setUp()
        # The notices and to-dos are written in the company's language: English here,
        # as the assertions (the Chinese of every term is test_i18n's).
        self.env.company.partner_id.lang = "en_US"
        (self.user_branch | self.user_committee | self.user_21).partner_id.lang = "en_US"
        self.plan.action_assign_teams()
        self.inspection = self.inspection_of(self.branch_11)
        self.inspection.write(
            {
                "inspecting_organization_id": self.branch_21.id,
                "team_member_ids": [(6, 0, self.user_21.ids)],
            }
        )
        for other in self.plan.inspection_ids - self.inspection:
            if self.user_21 in other.team_member_ids:
                other.team_member_ids = self.user_0
        self.plan.action_start()

    def inbox(self, user, record):
        """The messages on ``record`` in ``user``'s inbox."""
        return (
            self.env["mail.notification"]
            .search(
                [
                    ("res_partner_id", "=", user.partner_id.id),
                    ("notification_type", "=", "inbox"),
                    ("mail_message_id.model", "=", record._name),
                    ("mail_message_id.res_id", "in", record.ids),
                ]
            )
            .mail_message_id
        )

    def todos(self, record, summary):
        return record.activity_ids.filtered(
            lambda a: a.summary == summary
            and a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
        )


class TestInspectionQuestionnaire(TeamCase):
    def answer(self, url):
        return self.env["survey.user_input"].search([("access_token", "=", url.rsplit("/", 1)[1])])

    def test_one_invitation_per_member_anonymous_and_capped(self):
        inspection, survey = self.inspection, self.inspection.survey_id
        self.assertEqual(survey.access_mode, "token", "not public")
        self.assertTrue(survey.is_attempts_limited)
        self.assertEqual(survey.attempts_limit, 1)
        # Every member of the inspected branch is invited, the ones with a login in
        # their inbox, with the link of their invitation.
        self.assertEqual(inspection.questionnaire_invited_ids, self.branch_11.member_ids)
        self.assertEqual(inspection.survey_invited, 2)
        notice = self.inbox(self.user_member, self.m11b)
        self.assertEqual(len(notice), 1)
        self.assertIn(f"/party/questionnaire/{inspection.id}", notice.body)
        # Anyone not invited is refused: an officer without a member record, a member of
        # another branch, a team member.
        outsider = self._user("pq_m13a", "group_party_member")
        self.m13a.user_id = outsider
        for user in (self.user_general, outsider, self.user_21):
            with self.assertRaisesRegex(UserError, "not invited"):
                inspection.with_user(user)._questionnaire_open(user)
        Input = self.env["survey.user_input"]
        self.assertFalse(Input.search([("survey_id", "=", survey.id)]))
        # The member's invitation: one new answer, which names nobody.
        url, first = inspection.with_user(self.user_member)._questionnaire_open(self.user_member)
        self.assertTrue(first)
        answer = self.answer(url)
        self.assertEqual(url, f"/survey/{survey.access_token}/{answer.access_token}")
        questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        # Answered as the controllers do (sudo, the member's uid).
        as_member = answer.with_user(self.user_member).sudo()
        for question in questions:
            as_member._save_lines(question, question.suggested_answer_ids.sorted("sequence")[0].id)
        as_member._mark_done()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(answer.state, "done")
        self.assertFalse(answer.partner_id)
        self.assertFalse(answer.email)
        self.assertFalse(answer.nickname)
        self.assertEqual(answer.create_uid.id, SUPERUSER_ID)
        self.assertEqual(answer.write_uid.id, SUPERUSER_ID)
        self.assertEqual(answer.user_input_line_ids.create_uid.ids, [SUPERUSER_ID])
        self.assertEqual(answer.user_input_line_ids.write_uid.ids, [SUPERUSER_ID])
        with self.assertRaisesRegex(UserError, "name nobody"):
            answer.write({"partner_id": self.user_member.partner_id.id})
        # A second attempt creates no answer: the questionnaire's own page (resumed on
        # the device where it was opened), and every other way to a new answer is
        # refused, with or without the answer's invitation token.
        url, first = inspection.with_user(self.user_member)._questionnaire_open(self.user_member)
        self.assertFalse(first)
        self.assertEqual(url, f"/survey/start/{survey.access_token}")
        for kwargs in (
            {"user": self.user_member},
            {"invite_token": answer.invite_token},
            {"email": "again@example.com"},
        ):
            # Refused by the cap, or by the survey's one attempt per invitation.
            with self.assertRaisesRegex(UserError, "one answer per invited member|No attempts"):
                survey.sudo()._create_answer(**kwargs)
        self.assertEqual(Input.search_count([("survey_id", "=", survey.id)]), 1)
        # The other invited member answers: as many answers as invited members, never more.
        url, _first = inspection.with_user(self.user_branch)._questionnaire_open(self.user_branch)
        self.answer(url).sudo()._mark_done()
        with self.assertRaisesRegex(UserError, "one answer per invited member"):
            survey.sudo()._create_answer(invite_token=Input._generate_invite_token())
        inspection.invalidate_recordset(["survey_participation"])
        self.assertEqual(inspection.survey_participation, 2)
        self.assertLessEqual(
            Input.search_count([("survey_id", "=", survey.id)]), inspection.survey_invited
        )
        # Once the inspection is done, no invitation opens.
        self.plan.action_done()
        with self.assertRaisesRegex(UserError, "not invited"):
            inspection.with_user(self.user_member)._questionnaire_open(self.user_member)

    def test_survey_titled_with_branch_and_period(self):
        survey = self.inspection.survey_id
        for lang in ("en_US", "zh_CN"):
            title = survey.with_context(lang=lang).title
            self.assertIn("Branch 11", title)
            self.assertIn("2030-01-01", title)
            self.assertIn("2030-03-31", title)
            self.assertNotIn("copy", title)
            self.assertNotIn("副本", title)
        for lang in ("en_US", "zh_CN"):
            title = survey.with_context(lang=lang).title
            self.assertNotIn("copy", title)
            self.assertNotIn("副本", title)
            self.assertIn("Branch 11", title)


@tagged("post_install", "-at_install")
class TestInspectionQuestionnaireHttp(HttpCase, TeamCase):
    def test_only_the_invitation_opens_an_answer(self):
        survey = self.inspection.survey_id
        Input = self.env["survey.user_input"]
        # The questionnaire's public link creates nothing.
        self.url_open(f"/survey/start/{survey.access_token}")
        self.assertFalse(Input.search([("survey_id", "=", survey.id)]))
        # The invited member, logged in, opens their own answer and may answer it.
        self.authenticate("pq_member", "pq_member")
        response = self.url_open(f"/party/questionnaire/{self.inspection.id}")
        self.assertEqual(response.status_code, 200)
        answer = Input.search([("survey_id", "=", survey.id)])
        self.assertEqual(len(answer), 1)
        self.assertFalse(answer.partner_id)
        self.assertIn(answer.access_token, response.url)
        self.assertIn("o_survey_form", response.text, "the answer page, not an error page")
        # Again: no other answer.
        self.url_open(f"/party/questionnaire/{self.inspection.id}")
        self.assertEqual(Input.search_count([("survey_id", "=", survey.id)]), 1)
        # An officer of another branch is told they are not invited.
        self.authenticate("pq_officer_12", "pq_officer_12")
        response = self.url_open(f"/party/questionnaire/{self.inspection.id}")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Input.search_count([("survey_id", "=", survey.id)]), 1)


class TestInspectionTeamView(TeamCase):
    # After the months of the test records.
    freeze_time = "2030-06-20"

    def setUp(self):
        super().setUp()
        self.m11b.write(
            {
                "dues_base": 8000.0,
                "employee_number": "E-11B",
                "mobile": "13800000000",
                "position": "Engineer",
            }
        )
        self.m11b.sudo().points_total = 42.0
        self.m21a.write({"dues_base": 3000.0, "employee_number": "E-21A"})
        self.env.flush_all()

    def test_team_reads_names_only(self):
        team = self.env(user=self.user_21)["party.member"]
        private = ["dues_base", "employee_number", "mobile", "position", "points_total"]
        # The names on the records of the period.
        values = self.m11b.with_user(self.user_21).read(["name", "organization_id", *private])[0]
        self.assertEqual(values["name"], "M11b")
        self.assertEqual(values["organization_id"][0], self.branch_11.id)
        for name in private:
            self.assertFalse(values[name], name)
        row = team.search_read([("id", "=", self.m11b.id)], ["name", *private])[0]
        self.assertEqual(row["name"], "M11b")
        self.assertFalse(any(row[name] for name in private))
        web = team.web_search_read(
            [("id", "=", self.m11b.id)], {name: {} for name in ["name", *private]}
        )["records"][0]
        self.assertEqual(web["name"], "M11b")
        self.assertFalse(any(web[name] for name in private))
        # Their own branch's members, in full.
        own = self.m21a.with_user(self.user_21).read(["dues_base", "employee_number"])[0]
        self.assertEqual((own["dues_base"], own["employee_number"]), (3000.0, "E-21A"))
        # No search, order, grouping or sum on the private fields reaches the inspected
        # members (no guessing their values), names still do.
        self.assertEqual(team.search([("name", "=", "M11b")]), self.m11b)
        self.assertFalse(team.search([("dues_base", ">", 5000)]))
        self.assertFalse(team.search([("employee_number", "=", "E-11B")]))
        self.assertFalse(team.name_search("E-11B"))
        self.assertEqual(team.search([("dues_base", "=", 3000)]), self.m21a)
        self.assertFalse(
            team.search([("organization_id", "=", self.branch_11.id)], order="points_total desc")
        )
        with self.assertRaisesRegex(UserError, "cannot be sorted"):
            team.search([], order="study_hours_year desc")
        groups = team._read_group([], ["organization_id"], ["dues_base:sum"])
        self.assertEqual(dict(groups), {self.branch_21: 3000.0})
        groups = team.read_group([], ["dues_base:sum"], ["organization_id"])
        self.assertNotIn(self.branch_11.id, [g["organization_id"][0] for g in groups])
        self.assertEqual(team.search_count([("organization_id", "=", self.branch_11.id)]), 2)
        # Export (for a team member allowed to export): names yes, the rest no.
        self.user_21.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        self.assertEqual(
            self.m11b.with_user(self.user_21).export_data(["name"])["datas"], [["M11b"]]
        )
        with self.assertRaisesRegex(AccessError, "only the names"):
            self.m11b.with_user(self.user_21).export_data(["name", "dues_base"])
        # The chatter: no tracked change of the private fields.
        self.m11b.write({"dues_base": 9000.0})
        self.flush_tracking()
        trackings = self.m11b.message_ids.sudo().tracking_value_ids.filtered(
            lambda t: t.field_id.name == "dues_base"
        )
        self.assertTrue(trackings)
        self.assertFalse(trackings._filter_has_field_access(self.env(user=self.user_21)))
        self.assertEqual(
            trackings._filter_has_field_access(self.env(user=self.user_branch)), trackings
        )
        # The branch's own officer and the committee still read everything.
        self.assertEqual(
            self.m11b.with_user(self.user_branch).read(["dues_base"])[0]["dues_base"], 9000.0
        )
        self.assertEqual(self.m11b.with_user(self.user_committee).employee_number, "E-11B")
        # Once the inspection is done, the member is out of the team's reach.
        self.plan.action_done()
        with self.assertRaises(AccessError):
            self.m11b.with_user(self.user_21).read(["name"])


class TestInspectionDecisions(TeamCase):
    def propose(self, evaluation, adjustment=-2):
        line = evaluation.line_ids.filtered(lambda x: x.category != "bonus").sorted(
            "max_score", reverse=True
        )[0]
        finding = (
            self.env["party.inspection.finding"]
            .with_user(self.user_21)
            .create(
                {
                    "inspection_id": self.inspection.id,
                    "criterion_id": line.criterion_id.id,
                    "name": "Minutes written after the fact",
                    "evidence": "Same handwriting and ink.",
                    "adjustment": adjustment,
                }
            )
        )
        finding.with_user(self.user_21).action_propose()
        return finding

    def to_committee(self, evaluation):
        self.fill(evaluation, "self_score", self.env.user)
        evaluation.action_submit()
        evaluation.action_approve()

    def test_adjustment_shown_with_the_committees_todo_and_decisions_told(self):
        summary = "Decide the inspection adjustments"
        accepted = self.propose(self.ev_11)
        # On the evaluation under review, with the committee's to-do.
        seen = self.ev_11.with_user(self.user_committee)
        self.assertEqual(seen.inspection_finding_ids, accepted)
        self.assertEqual(seen.inspection_proposed_count, 1)
        self.assertIn(self.user_committee, self.todos(self.ev_11, summary).user_id)
        self.assertEqual(self.ev_11.with_user(self.user_branch).inspection_finding_ids, accepted)
        arch = seen.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="inspection_finding_ids"', arch)
        self.assertIn('name="action_accept"', arch)
        # A second proposal adds no second to-do.
        rejected = self.propose(self.ev_11, adjustment=1)
        self.assertEqual(len(self.todos(self.ev_11, summary)), 1)
        self.to_committee(self.ev_11)
        # Accepted: the branch is told in its inbox; the to-do waits for the other.
        accepted.with_user(self.user_committee).action_accept()
        notices = self.inbox(self.user_branch, self.ev_11)
        self.assertEqual(len(notices), 1)
        self.assertIn("accepted", notices.body)
        self.assertIn("Minutes written after the fact", notices.body)
        self.assertTrue(self.todos(self.ev_11, summary))
        # Rejected: told too, and the committee's to-do is done.
        rejected.with_user(self.user_committee).action_reject()
        notices = self.inbox(self.user_branch, self.ev_11) - notices
        self.assertEqual(len(notices), 1)
        self.assertIn("rejected", notices.body)
        self.assertFalse(self.todos(self.ev_11, summary))
        self.assertEqual(seen.inspection_proposed_count, 0)

    def test_withdrawn_proposal_closes_the_todo(self):
        summary = "Decide the inspection adjustments"
        finding = self.propose(self.ev_11)
        self.assertTrue(self.todos(self.ev_11, summary))
        finding.with_user(self.user_21).action_withdraw()
        self.assertFalse(self.todos(self.ev_11, summary))

    def test_rectification_decisions_told_to_the_branch(self):
        finding = self.missing_sheets(self.user_21, self.inspection, "2030-05-31")
        task = finding.rectification_ids
        task.with_user(self.user_branch).write({"evidence": "Sheets rebuilt."})
        task.with_user(self.user_branch).action_submit()
        self.assertIn(self.user_21, self.todos(task, "Check the rectification").user_id)
        # Reopened: the branch is told and has the next to-do.
        task.with_user(self.user_21).write({"check_note": "February still missing"})
        task.with_user(self.user_21).action_reopen()
        notice = self.inbox(self.user_branch, task)
        self.assertEqual(len(notice), 1)
        self.assertIn("reopened", notice.body)
        self.assertIn("February still missing", notice.body)
        self.assertIn(self.user_branch, self.todos(task, "Rectification reopened").user_id)
        self.assertFalse(self.todos(task, "Check the rectification"))
        # Submitted again, signed off: told, and no to-do left.
        task.with_user(self.user_branch).action_submit()
        task.with_user(self.user_21).write({"check_note": "All found"})
        task.with_user(self.user_21).action_close()
        notice = self.inbox(self.user_branch, task) - notice
        self.assertEqual(len(notice), 1)
        self.assertIn("signed off", notice.body)
        self.assertFalse(task.activity_ids)


class TestInspectionWords(InspectionCase):
    def test_plan_button_and_inspector_home(self):
        arch = self.plan.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('string="Start the Inspections"', arch)
        inspector = self.env["res.users"].search([("login", "=", "inspector")])
        if inspector:  # the demo's inspector lands on the workbench
            self.assertEqual(
                inspector.action_id.id, self.env.ref("party_quant.party_workbench_action").id
            )
