from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PartyEvaluationCase


@tagged("post_install", "-at_install")
class TestCriteria(PartyEvaluationCase):
    def test_shipped_catalogue(self):
        Criterion = self.env["party.criterion"]
        expected = {"management": 9, "operating": 9, "service": 13, "production": 13}
        for code, count in expected.items():
            branch_type = self.env.ref(f"party_quant.branch_type_{code}")
            specific = Criterion.search(
                [("category", "=", "specific"), ("branch_type_ids", "in", branch_type.ids)]
            )
            self.assertEqual(len(specific), count, code)
            self.assertEqual(branch_type.base_total, 100, code)
            bonus = Criterion.search(
                [("category", "=", "bonus"), ("branch_type_ids", "in", branch_type.ids)]
            )
            self.assertTrue(bonus, f"{code} has bonus items")
            self.assertTrue(all(c.guide for c in specific | bonus), "every criterion has a guide")
        basic = Criterion.search([("category", "=", "basic")])
        self.assertFalse(basic.branch_type_ids, "basic tasks are common to every type")
        self.assertEqual(
            basic.with_context(lang="zh_CN").mapped("name")[:3],
            ["三会一课", "基础资料", "党务公开"],
        )
        self.assertEqual(
            self.env.ref("party_quant.criterion_service_bonus_civilized")
            .with_context(lang="zh_CN")
            .name,
            "文明行业竞赛",
        )

    def test_edit_leaves_created_evaluations_untouched(self):
        criterion = self.env.ref("party_quant.criterion_basic_meetings")
        line = self.ev_11.line_ids.filtered(lambda ln: ln.criterion_id == criterion)
        self.fill(self.ev_11, "self_score", self.user_branch)
        self.ev_11.with_user(self.user_branch).action_submit()
        before = (line.name, line.guide, line.max_score, line.with_context(lang="zh_CN").name)
        self.assertEqual(before[3], "三会一课", "the snapshot keeps every language")
        criterion.with_user(self.user_committee).write(
            {"name": "Meetings", "guide": "New guide", "max_score": 20}
        )
        criterion.with_user(self.user_committee).with_context(lang="zh_CN").name = "三会一课（新）"
        line.invalidate_recordset()
        self.assertEqual(
            (line.name, line.guide, line.max_score, line.with_context(lang="zh_CN").name), before
        )
        self.assertEqual(line.self_score, 15, "its scores too")

    def test_specific_criterion_needs_types(self):
        with self.assertRaisesRegex(ValidationError, "choose its branch types"):
            self.env["party.criterion"].create(
                {"name": "Orphan", "category": "bonus", "max_score": 2}
            )
