from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyEvaluationCase


@tagged("post_install", "-at_install")
class TestEvaluationAccess(PartyEvaluationCase):
    """Who may read and change an evaluation, per level and state."""

    def submit_11(self):
        self.fill(self.ev_11, "self_score", self.user_branch)
        self.ev_11.with_user(self.user_branch).action_submit()

    def test_read_scopes(self):
        Evaluation = self.Evaluation
        self.assertEqual(
            Evaluation.with_user(self.user_branch).search([]), self.ev_11, "own branch only"
        )
        self.assertEqual(
            Evaluation.with_user(self.user_general).search([]), self.ev_11 | self.ev_12
        )
        self.assertEqual(
            Evaluation.with_user(self.user_committee).search([]), Evaluation.search([])
        )
        with self.assertRaises(AccessError):
            self.ev_21.with_user(self.user_branch).read(["final_score"])
        with self.assertRaises(AccessError):
            self.ev_21.line_ids.with_user(self.user_general).read(["self_score"])

    def test_member_reads_own_reviewed_evaluation_only(self):
        as_member = self.Evaluation.with_user(self.user_member)
        self.assertFalse(as_member.search([]), "drafts are not shown to members")
        self.submit_11()
        self.ev_11.with_user(self.user_general).action_approve()
        self.ev_11.with_user(self.user_committee).action_approve()
        self.assertEqual(as_member.search([]), self.ev_11)
        self.assertTrue(self.ev_11.line_ids.with_user(self.user_member).read(["final_score"]))
        with self.assertRaises(AccessError):
            self.ev_11.with_user(self.user_member).write({"secretary_low_rank": True})

    def test_branch_officer(self):
        line = self.ev_11.line_ids[0]
        with self.assertRaisesRegex(UserError, "only the Self Score may change"):
            line.with_user(self.user_branch).write({"preliminary_score": 1})
        with self.assertRaisesRegex(UserError, "only the Self Score may change"):
            line.with_user(self.user_branch).write({"final_score": 1})
        with self.assertRaises(AccessError):
            self.Evaluation.with_user(self.user_branch).create(
                {"organization_id": self.branch_11.id, "period_id": self.month.year_id.id}
            )
        with self.assertRaises(AccessError):
            self.ev_11.with_user(self.user_branch).unlink()
        with self.assertRaisesRegex(UserError, "set by the system"):
            self.ev_11.with_user(self.user_branch).write({"period_id": self.month.year_id.id})
        self.submit_11()
        # Submitted: the branch can no longer change it.
        with self.assertRaises(AccessError):
            line.with_user(self.user_branch).write({"self_score": 1})
        with self.assertRaises(AccessError):
            self.ev_11.with_user(self.user_branch).write(
                {"state": "draft", "return_reason": "oops"}
            )

    def test_general_branch_officer(self):
        line = self.ev_11.line_ids[0]
        # A draft belongs to the branch.
        with self.assertRaises(AccessError):
            line.with_user(self.user_general).write({"self_score": 1})
        with self.assertRaises(AccessError):
            self.ev_11.with_user(self.user_general).action_submit()
        self.submit_11()
        with self.assertRaisesRegex(UserError, "only the Preliminary Score may change"):
            line.with_user(self.user_general).write({"self_score": 1})
        line.with_user(self.user_general).write({"preliminary_score": 1})
        self.ev_11.with_user(self.user_general).action_approve()
        with self.assertRaises(AccessError):
            line.with_user(self.user_general).write({"preliminary_score": 2})
        # Not the general branch of the direct branch.
        with self.assertRaises(AccessError):
            self.ev_0.with_user(self.user_general).read(["state"])

    def test_committee(self):
        line = self.ev_11.line_ids[0]
        with self.assertRaisesRegex(UserError, "cannot be changed by you now"):
            line.with_user(self.user_committee).write({"final_score": 1})
        self.submit_11()
        with self.assertRaisesRegex(UserError, "cannot be changed by you now"):
            line.with_user(self.user_committee).write({"final_score": 1})
        self.ev_11.with_user(self.user_general).action_approve()
        line.with_user(self.user_committee).write({"final_score": 1})
        self.ev_11.with_user(self.user_committee).action_approve()
        # Reviewed: nobody edits it, it can only be returned.
        with self.assertRaisesRegex(UserError, "cannot be changed by you now"):
            line.with_user(self.user_committee).write({"final_score": 2})
        with self.assertRaisesRegex(UserError, "cannot be changed by you now"):
            line.with_user(self.user_admin).write({"final_score": 2})
        with self.assertRaisesRegex(UserError, "criteria of an evaluation cannot be changed"):
            line.with_user(self.user_committee).write({"max_score": 50})
        with self.assertRaisesRegex(UserError, "belong to annual evaluations"):
            self.ev_11.with_user(self.user_committee).write({"year_end_score": 90})
        self.assertEqual(line.final_score, 1)

    def test_editable_column_per_user(self):
        self.assertEqual(self.ev_11.with_user(self.user_branch).editable_column, "self_score")
        self.assertFalse(self.ev_11.with_user(self.user_general).editable_column)
        self.assertFalse(self.ev_11.with_user(self.user_committee).editable_column)
        self.submit_11()
        self.ev_11.invalidate_recordset()
        self.assertFalse(self.ev_11.with_user(self.user_branch).editable_column)
        self.assertEqual(
            self.ev_11.with_user(self.user_general).editable_column, "preliminary_score"
        )
        self.assertTrue(self.ev_11.with_user(self.user_general).can_return)
        self.assertFalse(self.ev_11.with_user(self.user_branch).can_return)
