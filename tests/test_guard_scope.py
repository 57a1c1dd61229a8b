"""Issue 20, items 1 and 2: a record is never moved to where its writer could not have
created it (scope after the write), and nobody decides their own case."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_quant.models.party_guard import RECORDED, SYSTEM

from .common import PartyEvaluationCase
from .test_inspection import InspectionCase


@tagged("post_install", "-at_install")
class TestScopeAfterWrite(PartyEvaluationCase):
    # After the test month (2030-03): its dues and meetings are in the past.
    freeze_time = "2030-06-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.day = "2030-03-10"
        cls.appraisal = cls.env["party.appraisal"].create(
            {"member_id": cls.m11b.id, "organization_id": cls.branch_11.id, "year": 2030}
        )
        cls.talk = cls.env["party.talk"].create(
            {
                "organization_id": cls.branch_11.id,
                "talker_id": cls.m11a.id,
                "member_ids": [Command.set(cls.m11b.ids)],
                "date": cls.day,
                "topics": "Work",
            }
        )
        cls.study = cls.env["party.study.record"].create(
            {"member_id": cls.m11b.id, "date": cls.day, "hours": 2.0, "subject": "Course"}
        )
        cls.dues = cls.env["party.dues"].create(
            {"member_id": cls.m11b.id, "month": "2030-03-01", "amount_due": 5.0}
        )
        cls.duty_rule = cls.env["party.duty.rule"].create(
            {
                "name": "Own duty of Branch 11",
                "organization_id": cls.branch_11.id,
                "frequency": "month",
                "assignee": "branch",
                "fulfilment": "meeting",
                "meeting_kind": "theme_day",
            }
        )

    def refused(self, record, user, vals):
        with self.assertRaises(AccessError):
            record.with_user(user).write(vals)

    def test_appraisal_repointed_to_another_branch(self):
        self.refused(self.appraisal, self.user_branch, {"member_id": self.m21a.id})
        self.assertEqual(self.appraisal.member_id, self.m11b, "nothing half-saved")
        self.refused(self.appraisal, self.user_branch, {"organization_id": self.branch_21.id})
        # Nor created there from the start, and so never confirmed for him.
        with self.assertRaises(AccessError):
            self.env["party.appraisal"].with_user(self.user_branch).create(
                {"member_id": self.m21a.id, "organization_id": self.branch_11.id, "year": 2031}
            )
        self.assertFalse(
            self.env["party.appraisal"].search([("member_id", "=", self.m21a.id)]),
            "no appraisal of another branch's member",
        )

    def test_talk_moved_to_another_branch(self):
        self.refused(
            self.talk,
            self.user_branch,
            {"organization_id": self.branch_21.id, "member_ids": [Command.set(self.m21a.ids)]},
        )
        self.assertEqual(self.talk.organization_id, self.branch_11)

    def test_study_record_moved_to_another_branch(self):
        self.refused(self.study, self.user_branch, {"member_id": self.m21a.id})
        self.assertEqual(self.study.organization_id, self.branch_11)

    def test_unpaid_dues_moved_to_another_branch(self):
        self.refused(self.dues, self.user_branch, {"member_id": self.m21a.id})
        self.assertEqual(self.dues.member_id, self.m11b)

    def test_duty_rule_pushed_into_the_catalogue_or_elsewhere(self):
        duties = self.env["party.duty"].search_count([])
        self.refused(self.duty_rule, self.user_branch, {"organization_id": False})
        self.refused(self.duty_rule, self.user_branch, {"organization_id": self.branch_21.id})
        self.refused(self.duty_rule, self.user_general, {"organization_id": False})
        self.assertEqual(self.duty_rule.organization_id, self.branch_11)
        self.assertEqual(self.env["party.duty"].search_count([]), duties, "no duty created")

    def test_moves_within_reach_still_work(self):
        """The general branch moves a talk between two of its branches; the committee
        anywhere; a move of state alone is not a move of scope."""
        m12b = self.env["party.member"].create(
            {"name": "M12b", "organization_id": self.branch_12.id}
        )
        self.talk.with_user(self.user_general).write(
            {
                "organization_id": self.branch_12.id,
                "talker_id": self.m12a.id,
                "member_ids": [Command.set(m12b.ids)],
            }
        )
        self.assertEqual(self.talk.organization_id, self.branch_12)
        self.dues.with_user(self.user_committee).member_id = self.m21a
        self.assertEqual(self.dues.organization_id, self.branch_21)
        self.appraisal.with_user(self.user_branch).write({"grade": "qualified"})
        self.appraisal.with_user(self.user_branch).write({"override_reason": "Interview"})
        self.appraisal.with_user(self.user_branch).action_confirm()
        self.assertEqual(self.appraisal.state, "confirmed")

    def test_scope_fields_come_from_the_rules(self):
        self.assertLessEqual(
            {"organization_id", "member_id"}, self.env["party.dues"]._get_scope_fields()
        )
        self.assertLessEqual(
            {"organization_id", "talker_id", "member_ids"},
            self.env["party.talk"]._get_scope_fields(),
        )
        self.assertIn("inspection_id", self.env["party.inspection.finding"]._get_scope_fields())
        for model in ("party.point.line", "party.appraisal", "party.meeting.leave"):
            self.assertNotIn("state", self.env[model]._get_scope_fields(), model)


@tagged("post_install", "-at_install")
class TestScopeInspection(InspectionCase):
    def setUp(self):
        super().setUp()
        self.plan.action_assign_teams()
        self.plan.action_start()
        self.inspection = self.inspection_of(self.branch_11)
        self.team_user = self.inspection.team_member_ids[0]

    def test_finding_moved_onto_another_teams_inspection(self):
        other = (self.plan.inspection_ids - self.inspection).filtered(
            lambda i: self.team_user not in i.team_member_ids
        )[:1]
        self.assertTrue(other)
        line = self.ev_11.line_ids[0]
        finding = (
            self.env["party.inspection.finding"]
            .with_user(self.team_user)
            .create(
                {
                    "inspection_id": self.inspection.id,
                    "criterion_id": line.criterion_id.id,
                    "name": "Minutes after the fact",
                    "evidence": "Same ink.",
                    "adjustment": -15,
                }
            )
        )
        with self.assertRaises(AccessError):
            finding.with_user(self.team_user).write({"inspection_id": other.id})
        self.assertEqual(finding.inspection_id, self.inspection)
        self.assertFalse(other.rectification_ids if "rectification_ids" in other else False)


@tagged("post_install", "-at_install")
class TestOwnCase(PartyEvaluationCase):
    """The branch officer (user_branch) is member M11a: their own cases are decided by
    someone else (the general branch here)."""

    freeze_time = "2030-06-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls.env["party.meeting"].create(
            {"name": "Assembly", "organization_id": cls.branch_11.id, "start": "2030-07-10 09:00"}
        )

    def test_secretary_does_not_confirm_own_appraisal(self):
        appraisal = self.env["party.appraisal"].create(
            {"member_id": self.m11a.id, "organization_id": self.branch_11.id, "year": 2030}
        )
        appraisal.sudo().write({"grade": "excellent", "suggested_grade": "excellent"})
        with self.assertRaisesRegex(UserError, "your own entry"):
            appraisal.with_user(self.user_branch).action_confirm()
        self.assertEqual(appraisal.state, "draft")
        appraisal.with_user(self.user_general).action_confirm()
        self.assertEqual(appraisal.state, "confirmed")

    def test_officer_does_not_approve_own_leave(self):
        leave = (
            self.env["party.meeting.leave"]
            .with_user(self.user_branch)
            .create({"meeting_id": self.meeting.id, "reason": "Travel"})
        )
        self.assertEqual(leave.member_id, self.m11a)
        for action in ("action_approve", "action_refuse"):
            with self.assertRaisesRegex(UserError, "your own entry"):
                getattr(leave.with_user(self.user_branch), action)()
        leave.with_user(self.user_general).action_approve()
        self.assertEqual(leave.state, "approved")

    def test_own_dues_recorded_by_someone_else(self):
        # The secretary M11a's dues by the tiers: 150 (employed, a base of 10,000).
        self.m11a.write({"dues_category": "employed", "dues_base": 10000})
        dues = self.env["party.dues"].create(
            {"member_id": self.m11a.id, "month": "2030-05-01", "amount_due": 150.0}
        )
        # Refused twice over: the officer's own case, and not the tiers' amount.
        with self.assertRaisesRegex(UserError, "your own entry|tier table"):
            dues.with_user(self.user_branch).write({"amount_due": 0.01})
        with self.assertRaisesRegex(UserError, "your own entry"):
            dues.with_user(self.user_branch).write(
                {"amount_paid": 150.0, "paid_date": "2030-05-20"}
            )
        self.assertEqual((dues.amount_due, dues.state), (150.0, "due"))
        with self.assertRaisesRegex(UserError, "your own entry|tier table"):
            self.env["party.dues"].with_user(self.user_branch).create(
                {"member_id": self.m11a.id, "month": "2030-04-01", "amount_due": 0.01}
            )
        with self.assertRaisesRegex(UserError, "your own entry"):
            self.env["party.dues"].with_user(self.user_branch).create(
                {"member_id": self.m11a.id, "month": "2030-04-01"}
            )
        # Without a base, no amount: a message, not a database error.
        with self.assertRaisesRegex(UserError, "no dues category and base"):
            self.env["party.dues"].with_user(self.user_general).create(
                {"member_id": self.m12a.id, "month": "2030-04-01"}
            )
        # Another member's dues: the secretary's work.
        other = self.env["party.dues"].create(
            {"member_id": self.m11b.id, "month": "2030-05-01", "amount_due": 10.0}
        )
        other.with_user(self.user_branch).write({"amount_paid": 10.0, "paid_date": "2030-05-20"})
        self.assertEqual(other.state, "on_time")
        dues.with_user(self.user_general).write({"amount_paid": 150.0, "paid_date": "2030-05-20"})
        self.assertEqual(dues.state, "on_time")

    def test_no_talk_with_oneself(self):
        Talk = self.env["party.talk"].with_user(self.user_branch)
        m11c = self.env["party.member"].create(
            {"name": "M11c", "organization_id": self.branch_11.id}
        )
        with self.assertRaisesRegex(ValidationError, "cannot talk with themselves"):
            Talk.create(
                {
                    "organization_id": self.branch_11.id,
                    "talker_id": self.m11a.id,
                    "member_ids": [Command.set(self.m11a.ids)],
                    "date": "2030-03-10",
                    "topics": "Myself",
                }
            )
        with self.assertRaisesRegex(UserError, "your own entry"):
            Talk.create(
                {
                    "organization_id": self.branch_11.id,
                    "talker_id": self.m11b.id,
                    "member_ids": [Command.set(self.m11a.ids)],
                    "date": "2030-03-10",
                    "topics": "Myself",
                }
            )
        talk = Talk.create(
            {
                "organization_id": self.branch_11.id,
                "talker_id": m11c.id,
                "member_ids": [Command.set(self.m11b.ids)],
                "date": "2030-03-10",
                "topics": "Work",
            }
        )
        with self.assertRaisesRegex(UserError, "your own entry"):
            talk.write({"member_ids": [Command.link(self.m11a.id)]})
        self.assertEqual(talk.member_ids, self.m11b)

    def test_claim_not_approved_by_its_member(self):
        rule = self.env.ref("party_quant.point_rule_praise")
        line = self.env["party.point.line"].create(
            {"member_id": self.m11a.id, "rule_id": rule.id, "date": "2030-06-05"}
        )
        # Submitted as the workflow leaves it (the evidence is not what is tested).
        line._write({"state": "submitted"})
        line.invalidate_recordset(["state"])
        with self.assertRaisesRegex(UserError, "your own entry"):
            line.with_user(self.user_branch).action_approve()
        with self.assertRaisesRegex(UserError, "your own entry"):
            line.with_user(self.user_branch).write({"state": "rejected", "reject_reason": "Modest"})
        self.assertEqual(line.state, "submitted")
        line.with_user(self.user_general).action_approve()
        self.assertEqual(line.state, "approved")

    def test_own_attendance_corrected_by_another_officer(self):
        Signin = self.env["party.meeting.signin"]
        with self.assertRaisesRegex(UserError, "your own entry"):
            Signin.with_user(self.user_branch).create(
                {"meeting_id": self.meeting.id, "member_id": self.m11a.id, "reason": "Was there"}
            )
        self.assertNotIn(self.m11a, self.meeting.attendee_ids)
        Signin.with_user(self.user_general).create(
            {"meeting_id": self.meeting.id, "member_id": self.m11a.id, "reason": "Was there"}
        )
        self.assertIn(self.m11a, self.meeting.attendee_ids)


@tagged("post_install", "-at_install")
class TestGuardHooks(PartyEvaluationCase):
    def guarded_models(self):
        mixin = self.env.registry["party.guard.mixin"]
        return [
            self.env[name]
            for name, model in self.env.registry.items()
            if not model._abstract and issubclass(model, mixin)
        ]

    def test_every_actor_has_its_check(self):
        """Every ``_transitions`` table's actor has its ``_may_<actor>`` method."""
        missing = []
        models = self.guarded_models()
        self.assertGreater(len(models), 20)
        for model in models:
            for who in set(model._transitions.values()) - {SYSTEM}:
                if not callable(getattr(model, f"_may_{who}", None)):
                    missing.append(f"{model._name}: _may_{who}")
        self.assertFalse(missing, "\n".join(missing))

    def test_subject_declarations(self):
        """The subject is a relation to party.member; the deciding states are states of
        the model (RECORDED for a model without a workflow)."""
        declared = []
        for model in self.guarded_models():
            field_name = model._guard_subject_field
            if not field_name:
                self.assertFalse(model._guard_deciding_states, model._name)
                continue
            declared.append(model._name)
            field = model._fields[field_name]
            self.assertEqual(field.comodel_name, "party.member", model._name)
            states = model._guard_deciding_states
            self.assertTrue(states, model._name)
            if RECORDED in states:
                self.assertEqual(states, {RECORDED}, model._name)
            else:
                keys = {
                    key for key, _label in model._fields["state"]._description_selection(self.env)
                }
                self.assertLessEqual(states, keys, model._name)
        self.assertLessEqual(
            {
                "party.appraisal",
                "party.meeting.leave",
                "party.dues",
                "party.talk",
                "party.point.line",
                "party.meeting.signin",
            },
            set(declared),
        )

    def test_system_fields_hook(self):
        member = self.env["party.member"]
        self.assertLessEqual(
            {"points_total", "dues_unpaid_months", "dues_lapse"}, member._get_system_fields()
        )
        with self.assertRaisesRegex(UserError, "set by the system"):
            self.m11b.with_user(self.user_branch).write({"dues_lapse": True})
