import base64
from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestPoints(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Line = cls.env["party.point.line"]
        ref = cls.env.ref
        cls.attendance = ref("party_quant.point_rule_attendance")
        cls.performance = ref("party_quant.point_rule_performance")
        cls.praise = ref("party_quant.point_rule_praise")
        cls.honor = ref("party_quant.point_rule_honor_company")
        cls.violation = ref("party_quant.point_rule_violation")
        cls.day = date(2030, 6, 10)

    def claim(self, user, rule, points=None, member=None, day=None, evidence=False, **vals):
        vals = dict(
            vals,
            rule_id=rule.id,
            date=day or self.day,
            member_id=(member or user.party_member_id).id,
        )
        if points is not None:
            vals["points"] = points
        if evidence:
            attachment = self.env["ir.attachment"].create(
                {
                    "name": "proof.png",
                    "datas": base64.b64encode(b"proof"),
                    "res_model": "party.point.line",
                }
            )
            vals["attachment_ids"] = [(6, 0, attachment.ids)]
        return self.Line.with_user(user).create(vals)

    def test_each_part_and_a_deduction(self):
        line = self.claim(self.user_member, self.attendance)
        self.assertEqual(
            (line.points, line.part, line.organization_id), (2, "obligation", self.branch_11)
        )
        line.action_submit()
        self.assertEqual(line.activity_ids.user_id, self.user_branch, "the branch officer is asked")
        line.with_user(self.user_branch).action_approve()
        self.assertEqual(line.state, "approved")
        self.assertEqual(self.m11b.points_total, 2)

        role = self.claim(self.user_member, self.performance, points=8)
        with self.assertRaisesRegex(UserError, "requires evidence"):
            role.action_submit()
        role.attachment_ids = self.claim(
            self.user_member, self.performance, evidence=True
        ).attachment_ids
        role.action_submit()
        role.with_user(self.user_branch).action_approve()

        honor = self.claim(self.user_member, self.honor, evidence=True)
        honor.action_submit()
        with self.assertRaisesRegex(UserError, "You may not"):
            honor.with_user(self.user_branch).action_approve()
        honor.with_user(self.user_general).action_approve()
        self.assertEqual(honor.part, "advancement")

        with self.assertRaisesRegex(UserError, "Only officers record deductions"):
            self.claim(self.user_member, self.violation, description="Drunk driving", evidence=True)
        with self.assertRaisesRegex(ValidationError, "reason"):
            self.claim(self.user_branch, self.violation, member=self.m11b, evidence=True)
        with self.assertRaisesRegex(ValidationError, "between -20.0 and -20.0"):
            self.claim(
                self.user_branch,
                self.violation,
                points=20,
                member=self.m11b,
                description="x",
                evidence=True,
            )
        deduction = self.claim(
            self.user_branch,
            self.violation,
            member=self.m11b,
            description="Drunk driving",
            evidence=True,
        )
        deduction.with_user(self.user_branch).action_submit()
        notice = deduction.message_ids.filtered(lambda m: "Drunk driving" in (m.body or ""))
        self.assertIn(self.user_member.partner_id, notice.partner_ids, "the member is notified")
        deduction.with_user(self.user_committee).action_approve()
        self.assertEqual(self.m11b.points_total, 2 + 8 + 5 - 20)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            deduction.write({"points": -19})

    def test_caps_per_month_and_year(self):
        lines = self.Line
        for _i in range(6):
            lines |= self.claim(self.user_member, self.attendance)
        lines.action_submit()
        lines[:5].with_user(self.user_branch).action_approve()
        with self.assertRaisesRegex(UserError, "cap of 10.0 points per month"):
            lines[5].with_user(self.user_branch).action_approve()
        next_month = self.claim(
            self.user_member, self.attendance, day=self.day + relativedelta(months=1)
        )
        next_month.action_submit()
        next_month.with_user(self.user_branch).action_approve()
        praise = self.Line
        for month in range(5):
            praise |= self.claim(
                self.user_member, self.praise, points=5, evidence=True, day=date(2030, month + 1, 3)
            )
        praise.action_submit()
        with self.assertRaisesRegex(UserError, "cap of 20.0 points per year"):
            praise.with_user(self.user_branch).action_approve()
        self.assertEqual(set(praise.mapped("state")), {"submitted"}, "nothing half-approved")
        praise[:4].with_user(self.user_branch).action_approve()
        self.assertEqual(self.m11b.points_total, 10 + 2 + 20)

    def test_denials_per_role(self):
        other = self.claim(self.user_branch, self.attendance)  # m11a's own claim
        with self.assertRaises(AccessError):
            other.with_user(self.user_member).read(["points"])
        with self.assertRaisesRegex(UserError, "only claim points for yourself"):
            self.claim(self.user_member, self.attendance, member=self.m11a)
        other.action_submit()
        with self.assertRaisesRegex(UserError, "your own entry"):
            other.with_user(self.user_branch).action_approve()
        outside = self.claim(self.env.user, self.attendance, member=self.m21a)
        outside.action_submit()
        with self.assertRaises(AccessError):
            outside.with_user(self.user_branch).action_approve()
        self.assertFalse(
            self.Line.with_user(self.user_member).search([]), "not the lines of others"
        )
        self.assertIn(other, self.Line.with_user(self.user_branch).search([]))

    def test_transfer_keeps_old_lines_with_old_branch(self):
        self.m11b.membership_ids.date_start = date(2020, 1, 1)
        before = self.claim(self.user_member, self.attendance, day=date(2030, 3, 1))
        self.m11b.with_context(
            party_transfer_date=date(2030, 5, 1)
        ).organization_id = self.branch_12
        after = self.claim(self.user_member, self.attendance, day=date(2030, 6, 1))
        self.assertEqual(before.organization_id, self.branch_11)
        self.assertEqual(after.organization_id, self.branch_12)

    def test_closed_month_refuses_entries(self):
        month = self.env["party.period"]._get_period(self.day)
        month._close()
        with self.assertRaisesRegex(UserError, "is closed"):
            self.claim(self.user_member, self.attendance)

    @settings(max_examples=20, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["m11a", "m11b", "m12a", "m21a"]),
                st.integers(min_value=0, max_value=10),
                st.sampled_from(["draft", "submitted", "approved", "rejected"]),
                st.integers(min_value=1, max_value=12),
            ),
            max_size=15,
        )
    )
    def test_totals_equal_approved_lines(self, ledger):
        """Whatever the ledger, totals are the sums of the approved entries."""
        with self.env.cr.savepoint(flush=False) as savepoint:
            lines = self.Line.create(
                [
                    {
                        "member_id": getattr(self, m).id,
                        "rule_id": self.performance.id,
                        "points": p,
                        "date": date(2031, month, 1),
                    }
                    for m, p, _state, month in ledger
                ]
            )
            for line, (_m, _p, state, _month) in zip(lines, ledger, strict=True):
                line._write({"state": state})  # set up the ledger as it stands
            members = self.m11a | self.m11b | self.m12a | self.m21a
            members._update_points_total()
            totals = self.Line._totals(date(2031, 1, 1), date(2031, 12, 31), ("member_id",))
            for member in members:
                expected = sum(
                    p
                    for m, p, state, _month in ledger
                    if state == "approved" and getattr(self, m) == member
                )
                self.assertEqual(member.points_total, expected)
                self.assertEqual(totals.get((member.id,), 0), expected)
            report = self.env["party.point.report"].search([("date", ">=", date(2031, 1, 1))])
            self.assertEqual(
                sum(report.mapped("points")), sum(p for _m, p, s, _mo in ledger if s == "approved")
            )
            savepoint.rollback()
        self.env.invalidate_all()

    def test_monthly_totals_queries_do_not_grow_with_members(self):
        Org = self.env["party.organization"].with_context(tracking_disable=True)
        branches = Org.create(
            [
                self._branch_vals(f"Bench {i}", self.general_2, self.type_service)
                for i in range(2000)
            ]
        )
        self.env.flush_all()
        self.env.cr.execute(
            """INSERT INTO party_member (name, organization_id, state, active, points_total)
               SELECT 'Member ' || org.id, org.id, 'full', TRUE, 0 FROM party_organization org
                WHERE org.id = ANY(%s)""",
            [branches.ids],
        )
        self.env.cr.execute(
            """INSERT INTO party_point_line
                   (member_id, rule_id, part, date, points, state, organization_id)
               SELECT member.id, %s, 'obligation', %s, 2, 'approved', member.organization_id
                 FROM party_member member WHERE member.organization_id = ANY(%s)""",
            [self.attendance.id, date(2032, 1, 5), branches.ids],
        )
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            few = self.Line._totals(date(2031, 1, 1), date(2031, 1, 31))
        with self.assertQueryCount(1):
            many = self.Line._totals(date(2032, 1, 1), date(2032, 1, 31))
        self.assertFalse(few)
        self.assertEqual(len(many), 2000)
        self.assertEqual(set(many.values()), {2.0})
