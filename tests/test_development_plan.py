"""The year's development plan against the quota (年度发展党员计划, issue 23 item 5): the
quota's sum, the actuals counted set-based, the 党委's approval beyond the plan, who
approves the plan, and the record rules of its lines."""

import io
from datetime import date

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from . import test_development as development
from .common import PartyQuantCase

YEAR = development.PLAN["approval"].year
BREACH = "party_quant.development_plan_breach"


@tagged("post_install", "-at_install")
class TestDevelopmentPlan(PartyQuantCase):
    # The candidates and their steps as in TestDevelopment (its helpers, not its tests).
    candidate = development.TestDevelopment.candidate
    step = development.TestDevelopment.step
    assembly = development.TestDevelopment.assembly
    proof = development.TestDevelopment.proof
    take = development.TestDevelopment.take
    advance = development.TestDevelopment.advance

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
        cls.Step = cls.env["party.candidate.step"]
        cls.sequence = 0
        cls.Plan = cls.env["party.development.plan"]
        cls.Line = cls.env["party.development.plan.line"]

    def plan(self, lines, quota=10, year=YEAR, approve=True):
        """A plan of the test committee with ``lines`` {organization: planned},
        approved by the committee unless ``approve`` is false."""
        plan = self.Plan.with_user(self.user_committee).create(
            {
                "year": year,
                "committee_id": self.committee.id,
                "quota": quota,
                "line_ids": [
                    (0, 0, {"organization_id": org.id, "planned": planned})
                    for org, planned in lines.items()
                ],
            }
        )
        if approve:
            plan.with_user(self.user_committee).action_approve()
        return plan

    def at_approval(self, name):
        candidate = self.candidate(name)
        self.advance(candidate, "approval")
        return candidate

    # ------------------------------------------------------------------
    # The quota
    # ------------------------------------------------------------------
    def test_quota_sum_refused(self):
        """The lines' sum stays within the quota, named with both numbers; one plan per
        committee and year; a general branch's line or its branches', not both."""
        with self.assertRaisesRegex(ValidationError, "plan 5 acceptances.*quota of 4"):
            self.plan({self.general_1: 3, self.branch_21: 2}, quota=4, approve=False)
        plan = self.plan({self.general_1: 3, self.branch_21: 1}, quota=4, approve=False)
        self.assertEqual(plan.name, f"{YEAR}年度发展党员计划")
        self.assertEqual((plan.planned_total, plan.state), (4, "draft"))
        with self.assertRaisesRegex(ValidationError, "plan 4 acceptances.*quota of 3"):
            plan.with_user(self.user_committee).write({"quota": 3})
        with self.assertRaisesRegex(ValidationError, "plan 5 acceptances.*quota of 4"):
            plan.line_ids[:1].with_user(self.user_committee).write({"planned": 4})
        with self.assertRaisesRegex(ValidationError, "not both"):
            self.Line.with_user(self.user_committee).create(
                {"plan_id": plan.id, "organization_id": self.branch_11.id, "planned": 0}
            )
        with self.assertRaisesRegex(ValidationError, "already has a development plan"):
            self.plan({}, approve=False)
        with self.assertRaisesRegex(ValidationError, "not a number"):
            self.Plan.with_user(self.user_committee).create(
                {"year": "20x6", "committee_id": self.committee.id, "quota": 1}
            )
        with self.assertRaisesRegex(ValidationError, "year is between"):
            self.Plan.with_user(self.user_committee).create(
                {"year": 9999, "committee_id": self.committee.id, "quota": 1}
            )
        self.assertEqual(plan.line_ids.mapped("planned"), [3, 1])

    # ------------------------------------------------------------------
    # The actuals
    # ------------------------------------------------------------------
    def test_actuals_counted_set_based(self):
        """Acceptances (党委审批 dated in the year), development targets and conversions
        per line, a general branch's line counting its branches; one query for every
        line, as many lines as there are."""
        plan = self.plan({self.general_1: 3, self.branch_21: 1})
        first, second = self.at_approval("First"), self.at_approval("Second")
        self.take(first, "approval")
        self.take(second, "approval")
        general, branch = plan.line_ids.sorted(lambda line: line.organization_id != self.general_1)
        self.assertEqual(
            (general.accepted, general.remaining, general.targets, general.converted),
            (2, 1, 2, 0),
        )
        self.assertEqual((branch.accepted, branch.remaining), (0, 1))
        self.assertEqual((plan.accepted_total, plan.targets_total, plan.remaining_total), (2, 2, 8))
        # Another year's plan does not count them.
        other = self.plan({self.general_1: 1}, year=YEAR + 1)
        self.assertEqual(other.line_ids.accepted, 0)
        # Forty more branches with a line each: the counts still cost one query.
        branches = self.env["party.organization"].create(
            [
                self._branch_vals(f"Plan Branch {index}", self.general_2, self.type_service)
                for index in range(40)
            ]
        )
        plan.write({"state": "draft"})
        plan.quota = 50
        self.Line.create(
            [{"plan_id": plan.id, "organization_id": org.id, "planned": 1} for org in branches]
        )
        self.env.flush_all()
        for lines in (general | branch, plan.line_ids):
            lines.invalidate_recordset(["accepted"])
            with self.assertQueryCount(1):
                counts = lines.mapped("accepted")
            self.assertEqual(sum(counts), 2)
        report = self.env["party.development.plan.report"]._search_fresh(
            [("plan_id", "=", plan.id)]
        )
        self.assertEqual(len(report), 42)
        self.assertEqual(
            report.filtered(lambda row: row.organization_id == self.general_1).accepted, 2
        )

    # ------------------------------------------------------------------
    # The approval beyond the plan
    # ------------------------------------------------------------------
    def test_approval_beyond_the_plan_needs_a_reason(self):
        """Without an approved plan, or beyond the branch's line: a written reason, the
        line marked citing the plan; refused or only warned as the setting says."""
        plan = self.plan({self.general_1: 1}, quota=2, approve=False)
        first, second, third = (self.at_approval(name) for name in ("First", "Second", "Third"))
        with self.assertRaisesRegex(UserError, f"no approved development plan for {YEAR}.*reason"):
            self.take(first, "approval")
        plan.with_user(self.user_committee).action_approve()
        line = self.take(first, "approval")
        self.assertFalse(line.warning)
        self.assertEqual(plan.line_ids.remaining, 0)
        with self.assertRaisesRegex(UserError, r"年度发展党员计划.*accepted 1 of its 1.*reason"):
            self.take(second, "approval")
        line = self.take(second, "approval", late_reason="The level above agreed")
        self.assertIn(f"{YEAR}年度发展党员计划", line.warning)
        self.assertEqual(second.phase, "probationary")
        self.assertEqual(plan.line_ids.remaining, -1)
        self.env["ir.config_parameter"].set_param(BREACH, "refuse")
        with self.assertRaisesRegex(UserError, "accepted 2 of its 1"):
            self.take(third, "approval", late_reason="Still")
        self.env["ir.config_parameter"].set_param(BREACH, "warn")
        line = self.take(third, "approval")
        self.assertIn("accepted 2 of its 1", line.warning)

    def test_approval_without_a_line_counts_the_quota(self):
        """A branch without a line of its own: the plan's quota is what is used up."""
        plan = self.plan({self.branch_21: 1}, quota=2)
        first, second = self.at_approval("First"), self.at_approval("Second")
        self.take(first, "approval")
        self.assertEqual(plan.accepted_total, 1)
        self.take(second, "approval")
        third = self.at_approval("Third")
        with self.assertRaisesRegex(UserError, "2 accepted of the quota of 2.*no line"):
            self.take(third, "approval")
        self.take(third, "approval", late_reason="Reserve")

    # ------------------------------------------------------------------
    # Who approves the plan, who reads its lines
    # ------------------------------------------------------------------
    def test_only_the_committee_approves_the_plan(self):
        plan = self.plan({self.general_1: 2}, approve=False)
        with self.assertRaisesRegex(UserError, "may not move"):
            plan.with_user(self.user_general).write({"state": "approved"})
        with self.assertRaisesRegex(UserError, "may not move"):
            plan.with_user(self.user_branch).action_approve()
        with self.assertRaisesRegex(UserError, "set by the system"):
            plan.with_user(self.user_committee).write({"approved_by_id": self.user_committee.id})
        with self.assertRaisesRegex(UserError, "starts as"):
            self.Plan.with_user(self.user_committee).create(
                {
                    "year": YEAR + 1,
                    "committee_id": self.committee.id,
                    "quota": 1,
                    "state": "approved",
                }
            )
        plan.with_user(self.user_committee).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.user_committee)
        # Approved: the lines and the quota are kept until it is back to draft.
        with self.assertRaisesRegex(UserError, "back to draft"):
            plan.line_ids.with_user(self.user_committee).write({"planned": 1})
        with self.assertRaisesRegex(UserError, "back to draft"):
            plan.with_user(self.user_committee).write({"quota": 20})
        with self.assertRaisesRegex(UserError, "set it back to draft"):
            plan.with_user(self.user_committee).unlink()
        plan.with_user(self.user_committee).action_reset_to_draft()
        self.assertFalse(plan.approved_by_id)
        plan.line_ids.with_user(self.user_committee).write({"planned": 1})

    def test_lines_record_rules(self):
        """A branch officer reads their branch's line only and changes none (nor moves
        it to another branch by a plain write); a general branch's officer reads its
        line and its branches'; members and HR read no plan."""
        plan = self.plan({self.general_2: 1, self.branch_11: 2, self.branch_12: 1}, approve=False)
        own = plan.line_ids.filtered(lambda line: line.organization_id == self.branch_11)
        other = plan.line_ids.filtered(lambda line: line.organization_id == self.general_2)
        Line = self.Line.with_user(self.user_branch)
        self.assertEqual(Line.search([("plan_id", "=", plan.id)]), own)
        with self.assertRaises(AccessError):
            other.with_user(self.user_branch).read(["planned"])
        with self.assertRaises(AccessError):
            own.with_user(self.user_branch).write({"organization_id": self.branch_21.id})
        with self.assertRaises(AccessError):
            own.with_user(self.user_branch).write({"planned": 5})
        self.assertEqual(own.organization_id, self.branch_11)
        self.assertEqual(
            self.Line.with_user(self.user_general).search([("plan_id", "=", plan.id)]),
            plan.line_ids - other,
        )
        # The plan's header is read below the committee; its lines as the rules say.
        plan.invalidate_recordset(["line_ids"])
        self.assertEqual(plan.with_user(self.user_branch).line_ids, own)
        report = self.env["party.development.plan.report"].with_user(self.user_branch)
        self.assertEqual(report._search_fresh([("plan_id", "=", plan.id)]).line_id, own)
        for user in (self.user_member,):
            with self.assertRaises(AccessError):
                plan.with_user(user).read(["name"])
        # The committee cannot move a line out of its committee's tree either.
        other_committee = self.env["party.organization"].create(
            {"name": "Other Committee", "kind": "committee"}
        )
        outside = self.env["party.organization"].create(
            self._branch_vals("Outside", other_committee, self.type_service)
        )
        with self.assertRaisesRegex(ValidationError, "not under"):
            own.with_user(self.user_committee).write({"organization_id": outside.id})

    def test_workbench_and_statistics(self):
        """本年发展计划 N/M on the committee's card and the branch's; the statistics
        workbook's sheet of plan against actual."""
        year = date.today().year
        plan = self.plan({self.branch_11: 2}, quota=5, year=year)
        Card = self.env["party.workbench"]
        committee_card = Card.with_user(self.user_committee).search(
            [("organization_id", "=", self.committee.id)]
        )
        self.assertEqual(committee_card.development_plan, "0/5")
        branch_card = Card.with_user(self.user_branch).search(
            [("organization_id", "=", self.branch_11.id)]
        )
        self.assertEqual(branch_card.development_plan, "0/2")
        action = branch_card.action_open_development_plan()
        rows = self.env["party.development.plan.report"].with_user(self.user_branch)
        self.assertEqual(rows.search(action["domain"]).line_id, plan.line_ids)
        candidate = self.candidate("Statistics")
        Report = self.env["ir.actions.report"].with_user(self.user_branch)
        content, _kind = Report._render_xlsx(
            "party_quant.report_development_xlsx", candidate.ids, {}
        )
        sheet = load_workbook(io.BytesIO(content)).worksheets[2]
        self.assertEqual(
            [cell.value for cell in sheet[3]][:5],
            [plan.name, self.branch_11.display_name, 2, 0, 2],
        )
