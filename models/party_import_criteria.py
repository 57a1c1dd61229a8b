"""The scoring-sheet import (考评细则): the company's criteria per branch type.

One row per criterion of a type: 支部类型 (a type's name or code, or 通用 for the common
tasks every type is evaluated on), 指标代码, 指标名称, 指标类别, 分值, 加分项, 评分方法.
Matched by (type, code); a second import of the same sheet changes nothing.

The sheet is the whole catalogue: a criterion of the database that is not in it is
archived, never deleted (the shipped catalogue included, on the first import). So that
no evaluation is broken:

- evaluations already created keep the name, guide and max score their lines were
  created with (``party.evaluation._generate_lines``); a changed row applies to the
  evaluations created afterwards;
- a criterion is never deleted or moved to another type: a row of another type (or a
  new code) is a new criterion, and the criteria left out are archived, so that
  evaluation lines and inspection findings keep pointing at them.

Checked before anything is written: unknown types, duplicate (type, code), a maximum
score that is not a positive number, and, per type, the maxima of the common and the
type's criteria (bonus items apart) totalling exactly 100.
"""

from odoo import _, api, models
from odoo.tools import float_compare, float_round

from .party_criterion import BASE_TOTAL

CRITERIA_COLUMNS = {
    "branch_type": ("支部类型", "支部类别", "适用支部类型", "适用类型"),
    "code": ("指标代码", "指标编号", "考评项目代码", "项目代码", "代码", "编号"),
    "name": ("指标名称", "考评项目", "考评指标", "考评内容", "项目名称", "名称"),
    "category": ("指标类别", "项目类别", "类别", "分类"),
    "max_score": ("分值", "标准分", "满分", "最高分", "分数"),
    "bonus": ("加分项", "是否加分项"),
    "guide": ("评分方法", "考评方法", "评分标准", "评分细则", "考评标准", "说明"),
}
# The common criteria, evaluated on every type (no branch type).
COMMON_TYPES = ("通用", "全部", "所有类型", "共性", "各类型", "all", "common")
CATEGORY_LABELS = {
    "基础": "basic",
    "基础工作": "basic",
    "基本任务": "basic",
    "共性": "basic",
    "共性指标": "basic",
    "通用": "basic",
    "特色": "specific",
    "特色工作": "specific",
    "个性": "specific",
    "个性指标": "specific",
    "专项": "specific",
    "分类": "specific",
    "加分": "bonus",
    "加分项": "bonus",
}
YES_NO = {"是": True, "否": False, "y": True, "n": False, "1": True, "0": False}
YES_NO |= {"yes": True, "no": False, "√": True, "✓": True, "×": False, "": False}


class PartyImport(models.Model):
    _inherit = "party.import"

    @api.model
    def _columns_criteria(self):
        return CRITERIA_COLUMNS

    @api.model
    def _required_columns_criteria(self):
        return ("branch_type", "code", "name", "max_score")

    @api.model
    def _example_criteria(self):
        return [
            "服务型",
            "FW01",
            "服务质效",
            "特色",
            "10",
            "否",
            "客户满意度达到公司目标得满分，每低1个百分点扣1分。",
        ]

    def _criteria_categories(self):
        lookup = dict(CATEGORY_LABELS)
        for lang in ("en_US", "zh_CN"):
            env = self.with_context(lang=lang).env
            for key, label in (
                env["party.criterion"]._fields["category"]._description_selection(env)
            ):
                lookup[label] = key
                lookup[key] = key
        return lookup

    def _check_criteria(self, rows, errors):
        """Every row checked, then the totals per type; the plan creates the new (type,
        code), updates the changed ones and archives the criteria not in the sheet."""
        types = self._branch_type_lookup()
        categories = self._criteria_categories()
        seen, wanted, first_row = {}, {}, {}
        for position, (number, row) in enumerate(rows):
            values = self._criterion_values(number, row, types, categories, errors)
            if values is None:
                continue
            key = (values["type_id"], values["code"])
            if key in seen:
                errors.append(
                    (
                        number,
                        _(
                            "The code %(code)s of %(type)s is used twice, in rows %(first)s "
                            "and %(row)s.",
                            code=values["code"],
                            type=row.get("branch_type"),
                            first=seen[key],
                            row=number,
                        ),
                    )
                )
                continue
            seen[key] = number
            first_row.setdefault(values["type_id"], number)
            wanted[key] = values | {"sequence": (position + 1) * 10}
        self._check_criteria_totals(wanted, first_row, errors)
        return self._criteria_plan(wanted)

    def _criterion_values(self, number, row, types, categories, errors):
        """The values of one row, or None (its problems in ``errors``)."""
        problems = []
        type_text = row.get("branch_type", "")
        common = type_text.lower() in COMMON_TYPES
        type_id = False if common else types.get(type_text)
        if not common and not type_id:
            problems.append(
                _(
                    "Unknown branch type %(value)s: write a branch type's name or code, or "
                    "通用 for the criteria common to every type.",
                    value=type_text or "-",
                )
            )
        code, name = row.get("code", ""), row.get("name", "")
        if not code:
            problems.append(_("The criterion code (指标代码) is missing."))
        if not name:
            problems.append(_("The criterion name (指标名称) is missing."))
        score_text = row.get("max_score", "")
        try:
            max_score = float(score_text.replace("分", "").strip())
        except ValueError:
            max_score = None
        if max_score is None or not 0 < max_score < 10000:
            problems.append(
                _(
                    "The maximum score %(value)s is not a positive number.",
                    value=score_text or "-",
                )
            )
        bonus = YES_NO.get(row.get("bonus", "").lower())
        if bonus is None:
            problems.append(
                _("Unknown bonus item mark %(value)s: write 是 or 否.", value=row.get("bonus"))
            )
        category_text = row.get("category", "")
        category = categories.get(category_text) if category_text else None
        if category_text and not category:
            problems.append(
                _(
                    "Unknown category %(value)s: write 基础, 特色 or 加分.",
                    value=category_text,
                )
            )
        if bonus and category and category != "bonus":
            problems.append(_("The row is marked a bonus item but its category is not 加分."))
        category = "bonus" if bonus else category or ("basic" if common else "specific")
        if common and category != "basic":
            problems.append(
                _(
                    "Type-specific criteria and bonus items belong to a branch type: name "
                    "the type instead of %(value)s.",
                    value=type_text,
                )
            )
        if problems:
            errors.extend((number, problem) for problem in problems)
            return None
        return {
            "row": number,
            "type_id": type_id,
            "code": code,
            "name": name,
            "category": category,
            "max_score": float_round(max_score, precision_digits=1),
            "guide": row.get("guide") or False,
        }

    def _check_criteria_totals(self, wanted, first_row, errors):
        """Per type, the common and the type's base criteria total exactly 100: the types
        of the sheet and every type that has branches."""
        Type = self.env["party.branch.type"].with_context(active_test=False)
        named = Type.browse([type_id for type_id in first_row if type_id])
        with_branches = (
            self.env["party.organization"]
            .sudo()
            ._read_group(
                [("kind", "=", "branch"), ("branch_type_id", "!=", False)], ["branch_type_id"]
            )
        )
        checked = named | Type.browse([branch_type.id for (branch_type,) in with_branches])
        common = sum(
            values["max_score"]
            for (type_id, _code), values in wanted.items()
            if not type_id and values["category"] != "bonus"
        )
        for branch_type in checked.sorted(lambda t: (t.sequence, t.id)):
            total = common + sum(
                values["max_score"]
                for (type_id, _code), values in wanted.items()
                if type_id == branch_type.id and values["category"] != "bonus"
            )
            if float_compare(total, BASE_TOTAL, precision_digits=1):
                shown = f"{float_round(total, precision_digits=1):g}"
                errors.append(
                    (
                        first_row.get(branch_type.id, 0),
                        _(
                            "The criteria of %(type)s total %(total)s points without the "
                            "bonus items; they must total %(expected)s.",
                            type=branch_type.name,
                            total=shown,
                            expected=int(BASE_TOTAL),
                        ),
                    )
                )

    def _criteria_plan(self, wanted):
        Criterion = self.env["party.criterion"].with_context(active_test=False)
        existing = {}
        for criterion in Criterion.search([]):
            if criterion.code and len(criterion.branch_type_ids) <= 1:
                existing.setdefault((criterion.branch_type_ids.id, criterion.code), criterion)
        plan = {"create": [], "update": [], "unchanged": 0}
        kept = Criterion
        for key, values in wanted.items():
            criterion = existing.get(key)
            if not criterion:
                plan["create"].append(values)
                continue
            kept |= criterion
            changes = {
                field: values[field]
                for field in ("name", "category", "guide", "sequence")
                if (criterion[field] or False) != values[field]
            }
            if float_compare(criterion.max_score, values["max_score"], precision_digits=1):
                changes["max_score"] = values["max_score"]
            if not criterion.active:
                changes["active"] = True
            if changes:
                plan["update"].append((criterion.id, changes, values["row"]))
            else:
                plan["unchanged"] += 1
        # Left out of the sheet: archived (evaluations and findings keep pointing at it).
        for criterion in Criterion.search([("active", "=", True), ("id", "not in", kept.ids)]):
            plan["update"].append((criterion.id, {"active": False}, 0))
        return plan

    def _apply_criteria(self, plan, limit=None):
        """A scoring sheet is small: applied whole, even in a background step."""
        Criterion = self.env["party.criterion"].with_context(
            active_test=False, mail_create_nolog=True
        )
        # Archive first: the sheet's new criteria are then the types' only active ones.
        for criterion_id, changes, _row in sorted(plan["update"], key=lambda u: bool(u[2])):
            Criterion.browse(criterion_id).write(changes)
        Criterion.create(
            [
                {
                    "code": values["code"],
                    "name": values["name"],
                    "category": values["category"],
                    "max_score": values["max_score"],
                    "guide": values["guide"],
                    "sequence": values["sequence"],
                    "branch_type_ids": [(6, 0, [values["type_id"]] if values["type_id"] else [])],
                }
                for values in plan["create"]
            ]
        )
        return len(plan["create"]) + len(plan["update"])
