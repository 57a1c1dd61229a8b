"""Every workflow decision reaches its people (issue 21 item 4): the README's decision ×
notice table, one row each — the decision, who is told in their inbox, whose to-do is
created (and that the previous to-do is gone). Then who may close a to-do."""

from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PartyEvaluationCase

START = datetime(2030, 6, 10, 9, 0)
LEAVE_TODO = "party_quant.mail_activity_type_leave"
POINT_TODO = "party_quant.mail_activity_type_point"
EVALUATION_TODO = "party_quant.mail_activity_type_evaluation"


class DecisionCase(PartyEvaluationCase):
    """Users told in their inbox, a meeting to ask leave from, and the records each
    decision is taken on."""

    # Before the test meeting (START), less than a year ahead of it.
    freeze_time = "2030-06-01"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_member.write({"notification_type": "inbox", "lang": "en_US"})
        cls.user_branch.write({"notification_type": "inbox", "lang": "en_US"})
        cls.attendance = cls.env.ref("party_quant.point_rule_attendance")
        cls.violation = cls.env.ref("party_quant.point_rule_violation")
        cls.meeting = (
            cls.env["party.meeting"]
            .with_user(cls.user_branch)
            .create({"name": "June study", "kind": "study", "start": START})
        )

    # -- the records ---------------------------------------------------------
    def claim(self):
        return (
            self.env["party.point.line"]
            .with_user(self.user_member)
            .create({"rule_id": self.attendance.id, "member_id": self.m11b.id})
        )

    def submitted_claim(self):
        line = self.claim()
        line.with_user(self.user_member).action_submit()
        return line

    def deduction(self):
        evidence = self.env["ir.attachment"].create(
            {"name": "record.pdf", "raw": b"%PDF-1.4", "res_model": "party.point.line"}
        )
        return (
            self.env["party.point.line"]
            .with_user(self.user_branch)
            .create(
                {
                    "rule_id": self.violation.id,
                    "member_id": self.m11b.id,
                    "description": "Late dues",
                    "attachment_ids": [(6, 0, evidence.ids)],
                }
            )
        )

    def leave(self):
        return (
            self.env["party.meeting.leave"]
            .with_user(self.user_member)
            .create({"meeting_id": self.meeting.id, "reason": "Business trip"})
        )

    def refused_leave(self):
        leave = self.leave()
        leave.with_user(self.user_branch).action_refuse()
        return leave

    def submitted_evaluation(self):
        self.fill(self.ev_11, "self_score", self.user_branch)
        self.ev_11.with_user(self.user_branch).action_submit()
        return self.ev_11

    def new_evaluation(self):
        return self.ev_11


@tagged("post_install", "-at_install")
class TestDecisionNotices(DecisionCase):
    """The table, row by row: ``act`` takes the decision on a record made by ``make``;
    then exactly ``told`` got a new inbox message on the record (with ``words`` in it),
    and the record's open to-dos of ``todo_type`` are exactly for ``todo_for``."""

    def rows(self):
        """(decision, make, act, told, words, todo_type, todo_for)"""
        member, branch, general = self.user_member, self.user_branch, self.user_general
        nobody = self.env["res.users"]
        return [
            (
                "claim submitted",
                self.claim,
                lambda r: r.with_user(member).action_submit(),
                nobody,
                None,
                POINT_TODO,
                branch,
            ),
            (
                "claim approved",
                self.submitted_claim,
                lambda r: r.with_user(branch).action_approve(),
                member,
                "is approved",
                POINT_TODO,
                nobody,
            ),
            (
                "claim rejected",
                self.submitted_claim,
                lambda r: r.with_user(branch)._reject("No sign-in sheet"),
                member,
                "No sign-in sheet",
                POINT_TODO,
                nobody,
            ),
            (
                "deduction recorded",
                self.deduction,
                lambda r: r.with_user(branch).action_submit(),
                member,
                "Late dues",
                POINT_TODO,
                # The rule's approval level: the committee.
                self.user_committee,
            ),
            (
                "leave requested",
                lambda: self.env["party.meeting.leave"],
                lambda r: self.leave(),
                nobody,
                None,
                LEAVE_TODO,
                branch,
            ),
            (
                "leave approved",
                self.leave,
                lambda r: r.with_user(branch).action_approve(),
                member,
                "is approved by pq_branch",
                LEAVE_TODO,
                nobody,
            ),
            (
                "leave refused",
                self.leave,
                lambda r: r.with_user(branch).action_refuse(),
                member,
                "is refused by pq_branch",
                LEAVE_TODO,
                nobody,
            ),
            (
                "leave reconsidered",
                self.refused_leave,
                lambda r: r.with_user(branch).action_reset(),
                member,
                "is being reconsidered",
                LEAVE_TODO,
                branch,
            ),
            (
                "evaluation submitted",
                self.new_evaluation,
                lambda r: self.submitted_evaluation(),
                nobody,
                None,
                EVALUATION_TODO,
                general,
            ),
            (
                "evaluation returned",
                self.submitted_evaluation,
                lambda r: r.with_user(general)._return("Minutes missing"),
                nobody,
                None,
                EVALUATION_TODO,
                branch,
            ),
        ]

    def inbox_ids(self):
        """(partner, message) of the notices in the inbox; Odoo's own "assigned to you"
        message of a new to-do is the to-do, counted below."""
        return set(
            self.env["mail.notification"]
            .search(
                [
                    ("notification_type", "=", "inbox"),
                    ("mail_message_id.message_type", "!=", "user_notification"),
                ]
            )
            .mapped(lambda n: (n.res_partner_id.id, n.mail_message_id.id))
        )

    def test_each_decision_tells_its_subject_and_hands_the_todo_on(self):
        for decision, make, act, told, words, todo_type, todo_for in self.rows():
            with self.subTest(decision=decision):
                savepoint = self.env.cr.savepoint()
                try:
                    record = make()
                    before = self.inbox_ids()
                    result = act(record)
                    record = record or result
                    self.env.flush_all()
                    new = [
                        self.env["mail.message"].browse(message_id)
                        for partner_id, message_id in self.inbox_ids() - before
                    ]
                    new_partners = {
                        partner_id for partner_id, _message in self.inbox_ids() - before
                    }
                    self.assertEqual(
                        new_partners, set(told.partner_id.ids), f"{decision}: who is told"
                    )
                    for message in new:
                        self.assertEqual((message.model, message.res_id), (record._name, record.id))
                        self.assertIn(words, str(message.body), decision)
                    # Read as the system: the record's to-dos, not those its member may
                    # list (a member's leave: the officer's to-do is not theirs to see;
                    # the ORM's cache of the decision used to show it all the same).
                    todos = record.sudo().activity_ids.filtered_domain(
                        [("activity_type_id", "=", self.env.ref(todo_type).id)]
                    )
                    self.assertEqual(todos.user_id, todo_for, f"{decision}: whose to-do")
                finally:
                    savepoint.rollback()
                    self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestTodoOwnership(DecisionCase):
    """Only the person a to-do is for, or an officer of the record, closes it
    (issue 21 item 3: a member marked the secretary's to-do done from their claim)."""

    def todo(self, record, type_xmlid):
        type_id = self.env.ref(type_xmlid).id
        return record.activity_ids.filtered(lambda a: a.activity_type_id.id == type_id)

    def test_member_cannot_close_the_secretarys_todo(self):
        line = self.submitted_claim()
        todo = self.todo(line, POINT_TODO)
        self.assertEqual(todo.user_id, self.user_branch)
        as_member = todo.with_user(self.user_member)
        for close in (
            lambda: as_member.action_feedback(feedback="done"),
            lambda: as_member.action_done(),
            lambda: as_member.unlink(),
            lambda: as_member.write({"user_id": self.user_member.id}),
        ):
            with self.assertRaisesRegex(UserError, "This to-do is for pq_branch"):
                close()
        self.assertTrue(todo.exists())
        self.assertEqual(todo.user_id, self.user_branch)

    def test_assignee_and_officer_close_it(self):
        line = self.submitted_claim()
        todo = self.todo(line, POINT_TODO)
        todo.with_user(self.user_branch).action_feedback(feedback="Seen")
        self.assertFalse(todo.exists())
        leave = self.leave()
        todo = self.todo(leave, LEAVE_TODO)
        # The committee is an officer of every branch, though the to-do is not theirs.
        todo.with_user(self.user_committee).action_done()
        self.assertFalse(todo.exists())
