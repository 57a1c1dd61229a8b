"""The points-handbook import (《党员积分手册》): rules matched by code, checked like the
rule model checks them, all or nothing; the claimed rules left out archived, the rules
the system applies to records kept, entries already made untouched."""

from odoo import fields
from odoo.tests import tagged

from .test_import import ImportCase

RULES_HEADER = [
    "规则代码",
    "规则名称",
    "积分类别",
    "分值",
    "最低分",
    "最高分",
    "月上限",
    "年上限",
    "需佐证",
    "审批层级",
    "说明",
]


def rules_rows():
    def row(code, name, part, points, low="", high="", month="", year="", proof="否", level=""):
        values = [code, name, part, points, low, high, month, year, proof, level, f"{name}的说明"]
        return dict(zip(RULES_HEADER, values, strict=True))

    return [
        row("YW01", "参加主题党日", "履行义务", "2", month="4"),
        row("YW02", "撰写学习心得", "履行义务", "1", proof="是"),
        row("ZY01", "志愿服务", "发挥作用", "2", "1", "3", month="6", proof="是"),
        row("ZY02", "结对帮扶", "发挥作用", "3", year="12", level="党总支"),
        row("XJ01", "获公司级表彰", "体现先进", "10", proof="是", level="党委"),
        row("KF01", "无故缺席组织生活", "倒扣分", "-2"),
        row("KF02", "违反廉洁纪律", "倒扣分", "-10", "-20", "-5", level="党委"),
    ]


@tagged("post_install", "-at_install")
class TestImportRules(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["party.point.rule"].with_context(active_test=False)

    def test_handbook_replaces_the_claimed_rules_then_nothing_changes(self):
        claimed = self.Rule.search([("active", "=", True), ("source", "=", "manual")])
        generated = self.Rule.search([("active", "=", True), ("source", "!=", "manual")])
        self.assertTrue(claimed and generated, "the shipped handbook has both")
        # An entry claimed under a rule of the old handbook keeps its rule and points.
        rule = claimed.filtered(lambda r: r.part != "deduction")[:1]
        entry = self.env["party.point.line"].create(
            {"member_id": self.m11b.id, "rule_id": rule.id, "date": fields.Date.today()}
        )
        snapshot = (entry.rule_id, entry.points, entry.state)
        record = self.run_import("rules", RULES_HEADER, rules_rows())
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(
            (record.row_count, record.created_count, record.updated_count),
            (7, 7, len(claimed)),
        )
        # The system's rules stay; the claimed ones not in the handbook are archived.
        self.assertEqual(generated.filtered("active"), generated)
        self.assertFalse(claimed.filtered("active"))
        volunteer = self.Rule.search([("code", "=", "ZY01")])
        self.assertEqual(
            (
                volunteer.name,
                volunteer.part,
                volunteer._range(),
                volunteer.cap_month,
                volunteer.evidence_required,
                volunteer.award_level,
                volunteer.source,
            ),
            ("志愿服务", "role", (1, 3), 6, True, "branch", "manual"),
        )
        self.assertEqual(self.Rule.search([("code", "=", "ZY02")]).award_level, "general_branch")
        self.assertEqual(self.Rule.search([("code", "=", "KF02")])._range(), (-20, -5))
        entry.invalidate_recordset()
        self.assertEqual((entry.rule_id, entry.points, entry.state), snapshot)
        # A second import of the same sheet changes nothing.
        self.env.flush_all()
        rules = self.Rule.search([])
        stamps = dict(rules.mapped(lambda r: (r.id, (r.write_date, r.active))))
        again = self.run_import("rules", RULES_HEADER, rules_rows())
        self.assertEqual(
            (again.state, again.created_count, again.updated_count, again.unchanged_count),
            ("done", 0, 0, 7),
        )
        self.env.flush_all()
        rules.invalidate_recordset()
        self.assertEqual(self.Rule.search([]), rules)
        self.assertEqual(dict(rules.mapped(lambda r: (r.id, (r.write_date, r.active)))), stamps)
        # A changed row updates its rule only.
        rows = rules_rows()
        rows[0]["分值"] = "3"
        changed = self.run_import("rules", RULES_HEADER, rows)
        self.assertEqual((changed.created_count, changed.updated_count), (0, 1))
        self.assertEqual(self.Rule.search([("code", "=", "YW01")]).points, 3)

    def test_problems_named_per_row_nothing_written(self):
        before = self.Rule.search([]).read(["code", "points", "active"])
        rows = rules_rows()
        rows[0]["积分类别"] = "其他"  # unknown category
        rows[1]["规则代码"] = rows[2]["规则代码"]  # the same code twice
        rows[3]["分值"] = "两分"
        rows[4]["审批层级"] = "公司"
        rows[5]["分值"] = "2"  # a deduction that adds points
        rows[6]["分值"] = "-30"  # outside -20..-5
        rows.append(dict(rows[2], 规则代码="ZY09", 月上限="-1", 需佐证="也许"))
        record = self.run_import("rules", RULES_HEADER, rows)
        self.assertEqual((record.state, record.created_count), ("invalid", 0))
        problems = self.problems(record)
        messages = "\n".join(message for _row, message in sorted(problems))
        self.assertIn(
            (2, "Unknown category 其他: write 履行义务, 发挥作用, 体现先进 or 倒扣分."), problems
        )
        self.assertIn((4, "The rule code ZY01 is used twice, in rows 3 and 4."), problems, messages)
        self.assertIn((5, "分值: 两分 is not a number."), problems)
        self.assertIn((6, "Unknown level 公司: write 党支部, 党总支 or 党委."), problems)
        self.assertIn((7, "A deduction takes points away: its points must be negative."), problems)
        self.assertIn((8, "The points -30 lie outside their range -20–-5."), problems)
        self.assertIn((9, "Caps cannot be negative."), problems)
        self.assertIn((9, "Unknown evidence mark 也许: write 是 or 否."), problems)
        self.assertEqual(self.Rule.search([]).read(["code", "points", "active"]), before)

    def test_problems_in_chinese_and_the_checklist(self):
        rows = rules_rows()
        rows[5]["分值"] = "2"
        record = self.Import.with_context(lang="zh_CN").create({"kind": "rules"})
        self.assertTrue(record.action_download_template())
        record = self.run_import("rules", RULES_HEADER, rows, check_only=True)
        chinese = record.with_context(lang="zh_CN")
        chinese.action_check()
        self.assertEqual(chinese.state, "invalid")
        self.assertTrue(
            all(any("\u4e00" <= ch <= "\u9fff" for ch in e["message"]) for e in chinese.errors),
            chinese.errors,
        )
        checklist = self.env["party.setup.checklist"].with_user(self.user_committee)
        checklist = checklist.browse(checklist.action_open()["res_id"])
        action = checklist.with_context(party_setup_step="rules").action_step()
        self.assertEqual(action["context"], {"default_kind": "rules"})
