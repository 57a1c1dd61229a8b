"""The scoring-sheet import (考评细则): criteria per branch type, matched by (type,
code), checked to total 100 per type (bonus items apart), all or nothing; the criteria
left out archived, and evaluations already created untouched."""

import base64

from odoo.tests import tagged

from .roster_data import CRITERIA_HEADER, criteria_rows
from .test_import import ImportCase


@tagged("post_install", "-at_install")
class TestImportCriteria(ImportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Criterion = cls.env["party.criterion"].with_context(active_test=False)
        cls.types = (
            cls.type_management | cls.type_service | cls.type_operating | cls.type_production
        )

    def test_sheet_replaces_the_catalogue_then_nothing_changes(self):
        shipped = self.Criterion.search([("active", "=", True)])
        line = self.env["party.evaluation.line"].search([], limit=1)
        self.assertTrue(line, "the demo has evaluations")
        snapshot = (line.criterion_id, line.name, line.max_score)
        lines = self.env["party.evaluation.line"].search_count([])
        rows = criteria_rows()
        record = self.run_import("criteria", CRITERIA_HEADER, rows)
        self.assertEqual(record.state, "done", record.report)
        self.assertEqual(record.row_count, 4 + 4 * 6)
        self.assertEqual(record.created_count, 28)
        self.assertEqual(record.updated_count, len(shipped), "the shipped ones archived")
        # Each type: the common tasks and its own, 100 points; its bonus items apart.
        for branch_type in self.types:
            branch_type.invalidate_recordset()
            self.assertEqual(
                (branch_type.criterion_count, branch_type.base_total, branch_type.bonus_total),
                (4 + 4 + 2, 100, 6),
                branch_type.name,
            )
        common = self.Criterion.search([("code", "=", "JC01")])
        self.assertEqual(
            (common.name, common.category, common.branch_type_ids.ids, common.max_score),
            ("三会一课", "basic", [], 15),
        )
        bonus = self.Criterion.search([("code", "=", "J102")])
        self.assertEqual((bonus.category, bonus.branch_type_ids), ("bonus", self.type_management))
        self.assertEqual(bonus.guide, "获上级表彰的加分。")
        # Nothing deleted: the shipped criteria archived; created evaluations untouched.
        self.assertFalse(shipped.filtered("active"))
        self.assertEqual(self.env["party.evaluation.line"].search_count([]), lines)
        line.invalidate_recordset()
        self.assertEqual((line.criterion_id, line.name, line.max_score), snapshot)
        # A second import of the same sheet changes nothing.
        self.env.flush_all()
        criteria = self.Criterion.search([])
        stamps = dict(criteria.mapped(lambda c: (c.id, (c.write_date, c.active))))
        again = self.run_import("criteria", CRITERIA_HEADER, rows)
        self.assertEqual(
            (again.state, again.created_count, again.updated_count, again.unchanged_count),
            ("done", 0, 0, 28),
        )
        self.env.flush_all()
        criteria.invalidate_recordset()
        self.assertEqual(self.Criterion.search([]), criteria)
        self.assertEqual(dict(criteria.mapped(lambda c: (c.id, (c.write_date, c.active)))), stamps)

    def test_changed_scores_apply_to_new_evaluations_only(self):
        rows = criteria_rows()
        self.run_import("criteria", CRITERIA_HEADER, rows)
        evaluation = self.env["party.evaluation"].search(
            [("branch_type_id", "=", self.type_management.id)], limit=1
        )
        # Two criteria of a type trade 5 points: the total stays 100.
        for row in rows:
            if row["指标代码"] == "T101":
                row["分值"] = str(int(row["分值"]) + 5)
            if row["指标代码"] == "T102":
                row["分值"] = str(int(row["分值"]) - 5)
                row["评分方法"] = "新的评分方法"
        lines = evaluation.line_ids.read(["criterion_id", "max_score", "guide"])
        record = self.run_import("criteria", CRITERIA_HEADER, rows)
        self.assertEqual((record.state, record.created_count, record.updated_count), ("done", 0, 2))
        changed = self.Criterion.search([("code", "=", "T102")])
        self.assertEqual((changed.max_score, changed.guide), (10, "新的评分方法"))
        evaluation.line_ids.invalidate_recordset()
        self.assertEqual(evaluation.line_ids.read(["criterion_id", "max_score", "guide"]), lines)

    def test_problems_named_per_row_nothing_written(self):
        before = self.Criterion.search([]).read(["code", "max_score", "active"])
        rows = criteria_rows()
        rows[0]["分值"] = "十五"  # JC01, common: not a number, and the totals fall short
        rows[5]["指标代码"] = rows[4]["指标代码"]  # duplicate code of 管理型
        rows[6]["支部类型"] = "宣传型"  # unknown type
        rows[7]["分值"] = "-3"
        rows.append(dict(rows[-1], 支部类型="通用", 指标代码="JC99"))  # a common bonus item
        record = self.run_import("criteria", CRITERIA_HEADER, rows)
        self.assertEqual((record.state, record.created_count), ("invalid", 0))
        problems = self.problems(record)
        messages = "\n".join(message for _row, message in problems)
        self.assertIn((2, "The maximum score 十五 is not a positive number."), problems)
        self.assertIn(
            (7, "The code T101 of 管理型 is used twice, in rows 6 and 7."), problems, messages
        )
        self.assertTrue(any(row == 8 and "宣传型" in message for row, message in problems))
        self.assertIn((9, "The maximum score -3 is not a positive number."), problems)
        self.assertTrue(
            any(
                row == len(rows) + 1 and "belong to a branch type" in message
                for row, message in problems
            )
        )
        # The totals, named per type with their sum (the common tasks lost their 15).
        self.assertTrue(
            any("The criteria of Service total 85 points" in message for _row, message in problems),
            messages,
        )
        self.assertEqual(self.Criterion.search([]).read(["code", "max_score", "active"]), before)

    def test_type_total_named_with_its_sum(self):
        rows = [row for row in criteria_rows() if row["指标代码"] != "T403"]
        record = self.run_import("criteria", CRITERIA_HEADER, rows, check_only=True)
        self.assertEqual(record.state, "invalid")
        self.assertEqual(
            [message for _row, message in self.problems(record)],
            [
                "The criteria of Production total 85 points without the bonus items; "
                "they must total 100."
            ],
        )
        self.assertTrue(self.Criterion.search([("code", "=", False), ("active", "=", True)]))

    def test_template_and_checklist(self):
        record = self.Import.create({"kind": "criteria"})
        action = record.action_download_template()
        self.assertIn("/template?download=true", action["url"])
        self.assertTrue(base64.b64decode(record.sudo().template).startswith(b"PK"))
        checklist = self.env["party.setup.checklist"].with_user(self.user_committee)
        checklist = checklist.browse(checklist.action_open()["res_id"])
        self.run_import("criteria", CRITERIA_HEADER, criteria_rows())
        checklist.invalidate_recordset()
        self.assertTrue(checklist.criteria_done, checklist.criteria_note)
