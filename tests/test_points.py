import base64
from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyQuantCase


class PointsCase(PartyQuantCase):
    # Entries are dated around self.day; no entry may be more than a month ahead.
    freeze_time = "2030-06-20"

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


@tagged("post_install", "-at_install")
class TestPoints(PointsCase):
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

        rejected = self.claim(self.user_member, self.attendance)
        rejected.action_submit()
        action = rejected.with_user(self.user_branch).action_reject()
        with self.assertRaisesRegex(UserError, "reason"):
            rejected.with_user(self.user_branch)._reject(" ")
        self.env["party.point.reject"].with_user(self.user_branch).with_context(
            **action["context"]
        ).create({"reason": "No such meeting that day"}).action_confirm()
        self.assertEqual(
            (rejected.state, rejected.reject_reason), ("rejected", "No such meeting that day")
        )
        self.assertFalse(rejected.activity_ids)

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
                st.sampled_from(["m11a", "m11b", "m12a", "m21a", "mover"]),
                st.integers(min_value=0, max_value=10),
                st.sampled_from(
                    ["draft", "submitted", "approved", "rejected", "withdrawn", "corrected"]
                ),
                st.integers(min_value=1, max_value=12),
                st.sampled_from(["role", "deduction"]),
            ),
            max_size=15,
        ),
        st.booleans(),
    )
    def test_totals_equal_approved_lines(self, ledger, transfer):
        """Whatever the ledger and however it got there (approvals, rejections,
        withdrawals, corrections, a transfer), the summary, the totals and the analysis
        are the sums of the approved entries."""
        with self.env.cr.savepoint(flush=False) as savepoint:
            Rule = self.env["party.point.rule"]
            rules = {
                part: Rule.create(
                    {
                        "name": f"Hypothesis {part}",
                        "part": part,
                        "points": -1 if part == "deduction" else 1,
                        "points_min": -11 if part == "deduction" else 0,
                        "points_max": -1 if part == "deduction" else 10,
                        "award_level": "branch",
                    }
                )
                for part in ("role", "deduction")
            }
            mover = self.env["party.member"].create(
                {"name": "Mover", "organization_id": self.branch_11.id, "join_date": "2020-01-01"}
            )
            if transfer:  # the second half of the year in another branch
                mover.with_context(party_transfer_date=date(2031, 7, 1)).write(
                    {"organization_id": self.branch_12.id}
                )
            members = {m: getattr(self, m, mover) for m in ("m11a", "m11b", "m12a", "m21a")}
            members["mover"] = mover
            expected = {}  # {(member, month, part): points}
            for m, p, path, month, part in ledger:
                points = -(p + 1) if part == "deduction" else p
                line = self.Line.create(
                    {
                        "member_id": members[m].id,
                        "rule_id": rules[part].id,
                        "points": points,
                        "date": date(2031, month, 1 + p),
                        "description": "Hypothesis",
                    }
                )
                # Each path through the table's moves (the system may take them all).
                if path in ("approved", "withdrawn", "corrected"):
                    line.write({"state": "approved"})
                    if path == "withdrawn":
                        line.write({"state": "rejected", "reject_reason": "Withdrawn"})
                    if path == "corrected":
                        self.Line._create_approved(
                            [
                                {
                                    "member_id": line.member_id.id,
                                    "rule_id": line.rule_id.id,
                                    "is_correction": True,
                                    "corrected_line_id": line.id,
                                    "date": line.date,
                                    "points": -1,
                                    "description": "Correction",
                                }
                            ]
                        )
                elif path in ("submitted", "rejected"):
                    line.write({"state": "submitted"})
                    if path == "rejected":
                        line.write({"state": "rejected", "reject_reason": "No"})
                if path in ("approved", "corrected"):
                    key = (members[m], month, part)
                    expected[key] = expected.get(key, 0) + points - (path == "corrected")
            # Both summaries (member × branch × month × part, branch × month × part)
            # equal the ledger.
            self.assertEqual(self.env["party.point.report"]._summary_check(), [])
            # The committee's analysis by branch, month and part (the branch summary)
            # gives what the member rows (the points summary) add up to.
            Report = self.env["party.point.report"]
            mine = [("date", ">=", date(2031, 1, 1))]
            keys = ["organization_id", "date:month", "part"]
            self.assertIsNotNone(
                Report._branch_read_group_spec(mine, keys, ["points:sum", "__count"], (), None)
            )
            by_branch = {
                (org, month, part): (points, count)
                for org, month, part, points, count in Report._read_group(
                    mine, keys, ["points:sum", "__count"]
                )
            }
            by_member = {}
            for _member, org, month, part, points in Report._read_group(
                mine, ["member_id", *keys], ["points:sum"]
            ):
                total, count = by_member.get((org, month, part), (0, 0))
                by_member[org, month, part] = (total + points, count + 1)
            self.assertEqual(by_branch, by_member)
            self.assertEqual(
                sum(points for points, _count in by_branch.values()), sum(expected.values())
            )
            all_members = self.env["party.member"].union(*members.values())
            all_members._update_points_total()
            totals = self.Line._totals(date(2031, 1, 1), date(2031, 12, 31), ("member_id",))
            by_part = self.Line._totals(date(2031, 1, 1), date(2031, 6, 30))
            ledger_totals = self.Line._totals(date(2031, 1, 1), date(2031, 12, 30), ("member_id",))
            for member in all_members:
                mine = sum(v for (who, _mo, _pa), v in expected.items() if who == member)
                self.assertEqual(member.points_total, mine)
                self.assertEqual(totals.get((member.id,), 0), mine)
                self.assertEqual(ledger_totals.get((member.id,), 0), mine, "from the ledger")
                for part in ("role", "deduction"):
                    self.assertEqual(
                        by_part.get((member.id, part), 0),
                        sum(
                            v
                            for (who, mo, pa), v in expected.items()
                            if who == member and pa == part and mo <= 6
                        ),
                    )
            if transfer:
                branches = self.Line._totals(
                    date(2031, 1, 1), date(2031, 12, 31), ("member_id", "organization_id")
                )
                for branch, months in (
                    (self.branch_11, range(1, 7)),
                    (self.branch_12, range(7, 13)),
                ):
                    self.assertEqual(
                        branches.get((mover.id, branch.id), 0),
                        sum(
                            v
                            for (who, mo, _pa), v in expected.items()
                            if who == mover and mo in months
                        ),
                    )
            report = self.env["party.point.report"].search([("date", ">=", date(2031, 1, 1))])
            self.assertEqual(sum(report.mapped("points")), sum(expected.values()))
            self.assertEqual(self.env["party.point.report"]._summary_rebuild(), 0)
            savepoint.rollback()
        self.env.invalidate_all()

    def test_summary_rebuild_repairs_and_counts(self):
        line = self.Line.create(
            {"member_id": self.m11b.id, "rule_id": self.attendance.id, "date": date(2031, 3, 2)}
        )
        line.write({"state": "approved"})
        Report = self.env["party.point.report"]
        self.assertEqual(Report._summary_check(), [])
        self.env.cr.execute("UPDATE party_point_summary SET points = points + 5")
        self.assertTrue(Report._summary_check())
        self.assertGreater(Report._summary_rebuild(), 0)
        self.assertEqual(Report._summary_check(), [])
        self.assertEqual(
            self.Line._totals(date(2031, 3, 1), date(2031, 3, 31), ("member_id",)),
            {(self.m11b.id,): 2.0},
        )

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


@tagged("post_install", "-at_install")
class TestPublicityAndAppraisal(PointsCase):
    def approved(self, user, rule, points=None, approver=None, **kwargs):
        line = self.claim(user, rule, points=points, **kwargs)
        line.action_submit()
        line.with_user(approver or self.user_branch).action_approve()
        return line

    def test_publicity_and_appeal_corrected_by_new_line(self):
        line = self.approved(self.user_member, self.performance, points=4, evidence=True)
        self.approved(self.user_branch, self.attendance, approver=self.user_general)
        month = self.env["party.period"]._get_period(self.day)
        publicity = (
            self.env["party.point.publicity"]
            .with_user(self.user_branch)
            .create({"organization_id": self.branch_11.id, "period_id": month.id})
        )
        with self.assertRaisesRegex(UserError, "Only the officers"):
            publicity.with_user(self.user_member).action_publish()
        publicity.with_user(self.user_branch).action_publish()
        rows = {row.member_id: row for row in publicity.line_ids}
        self.assertEqual(
            (rows[self.m11b].role, rows[self.m11b].total, rows[self.m11b].rank), (4, 4, 1)
        )
        self.assertEqual((rows[self.m11a].obligation, rows[self.m11a].rank), (2, 2))
        self.assertEqual(
            self.env["party.point.publicity"].with_user(self.user_member).search([]), publicity
        )
        Appeal = self.env["party.point.appeal"]
        with self.assertRaises(AccessError):
            Appeal.with_user(self.user_branch).create(
                {"publicity_id": publicity.id, "point_line_id": line.id, "reason": "Not mine"}
            )
        appeal = Appeal.with_user(self.user_member).create(
            {"publicity_id": publicity.id, "point_line_id": line.id, "reason": "I scored 9 in June"}
        )
        self.assertEqual(
            appeal.sudo().activity_ids.user_id, self.user_general, "the level above decides"
        )
        appeal.with_user(self.user_general).write(
            {"decision": "The appraisal sheet says 9", "correct_points": 9}
        )
        with self.assertRaisesRegex(UserError, "level above"):
            appeal.with_user(self.user_branch).action_correct()
        appeal.with_user(self.user_general).action_correct()
        self.assertEqual(appeal.state, "corrected")
        correction = appeal.correction_line_id
        self.assertEqual(
            (correction.points, correction.state, correction.is_correction), (5, "approved", True)
        )
        self.assertEqual(line.points, 4, "the original entry is never edited")
        self.assertEqual(self.m11b.points_total, 9)
        publicity.sudo().window_end = self.day.replace(year=2020)  # the window ends
        with self.assertRaisesRegex(UserError, "window"):
            Appeal.with_user(self.user_member).create(
                {"publicity_id": publicity.id, "point_line_id": line.id, "reason": "Again"}
            )

    def test_grades_from_thresholds(self):
        params = self.env["ir.config_parameter"]
        params.set_param("party_quant.appraisal_excellent", 12)
        params.set_param("party_quant.appraisal_qualified", 8)
        params.set_param("party_quant.appraisal_basic", 4)
        self.approved(self.user_member, self.performance, points=10, evidence=True)
        self.approved(
            self.user_branch, self.performance, points=9, evidence=True, approver=self.user_general
        )
        Appraisal = self.env["party.appraisal"]
        appraisals = Appraisal._generate(2030, self.branch_11 | self.branch_12)
        by_member = {a.member_id: a for a in appraisals}
        self.assertEqual(by_member[self.m11b].suggested_grade, "qualified")
        self.assertEqual(by_member[self.m11a].suggested_grade, "qualified")
        self.assertEqual(by_member[self.m12a].suggested_grade, "unqualified")
        self.assertEqual(Appraisal._grade_for(12), "excellent")
        self.assertEqual(Appraisal._grade_for(4), "basic")
        # The secretary M11a's own grade is decided by the level above (issue 20).
        by_member[self.m11a].with_user(self.user_general).write({"grade": "excellent"})
        with self.assertRaisesRegex(UserError, "give the reason"):
            by_member[self.m11a].with_user(self.user_general).action_confirm()
        by_member[self.m11a].with_user(self.user_general).write(
            {"override_reason": "Led the typhoon repairs"}
        )
        by_member[self.m11a].with_user(self.user_general).action_confirm()
        by_member[self.m11b].with_user(self.user_branch).action_confirm()
        self.assertTrue(by_member[self.m11a].excellent_candidate)
        self.assertFalse(by_member[self.m11b].excellent_candidate)
        self.assertEqual(Appraisal.with_user(self.user_member).search([]), by_member[self.m11b])
        action = Appraisal.with_user(self.user_branch)._action_generate(2030)
        self.assertEqual(
            Appraisal.with_user(self.user_branch).search(action["domain"]).member_id,
            self.m11a | self.m11b,
        )

    def test_my_points_summary(self):
        today = date.today()
        line = self.claim(self.user_member, self.attendance, day=today)
        line.action_submit()
        line.with_user(self.user_branch).action_approve()
        action = self.env["party.member"].with_user(self.user_member)._action_my_points()
        me = self.env["party.member"].with_user(self.user_member).browse(action["res_id"])
        self.assertEqual(me, self.m11b)
        self.assertEqual((me.points_month, me.points_year, me.points_year_obligation), (2, 2, 2))
        self.assertEqual(me.points_rank_in_branch, 1)
        self.assertIn("<td>8</td>", me.points_reachable, "10 a month for attendance, 2 used")
        # The menu's server action runs for a member (not only the Python method).
        result = (
            self.env.ref("party_quant.party_member_action_my_points")
            .with_user(self.user_member)
            .run()
        )
        self.assertEqual(result["res_id"], self.m11b.id)
