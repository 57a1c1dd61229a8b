"""The points-handbook import (《党员积分手册》): the company's rules of member points.

One row per rule: 规则代码, 规则名称, 积分类别 (履行义务 / 发挥作用 / 体现先进 / 倒扣分),
分值, 最低分 and 最高分 (a range to choose within), 月上限, 年上限, 需佐证, 审批层级
(党支部 / 党总支 / 党委), 说明. Matched by code; a second import of the same sheet
changes nothing.

The sheet is the whole handbook of the rules members claim: a claimed rule (source
manual) of the database that is not in it is archived, never deleted, so that the entries
already made keep their rule and their points. The rules whose entries the system makes
from records (meeting attendance, dues, study) are not the sheet's: they stay as they are
unless a row names their code. A changed row applies to the entries made afterwards: an
entry keeps the points it was approved with.

Checked before anything is written: the code missing or used twice, the name missing,
unknown categories, levels or evidence marks, numbers that are not numbers, a deduction
that is not negative or another rule that is, the points outside their range, negative
caps.
"""

from odoo import _, api, models
from odoo.tools import float_compare, float_round

from .party_import_criteria import YES_NO

RULES_COLUMNS = {
    "code": ("规则代码", "规则编号", "积分项目代码", "项目代码", "代码", "编号"),
    "name": ("规则名称", "积分项目", "积分内容", "项目名称", "名称"),
    "part": ("积分类别", "积分类型", "类别", "分类"),
    "points": ("分值", "积分", "每次分值", "标准分"),
    "points_min": ("最低分", "最低分值", "分值下限"),
    "points_max": ("最高分", "最高分值", "分值上限"),
    "cap_month": ("月上限", "每月上限", "月度上限"),
    "cap_year": ("年上限", "每年上限", "年度上限"),
    "evidence_required": ("需佐证", "需要佐证", "佐证材料"),
    "award_level": ("审批层级", "审核层级", "审批", "认定层级"),
    "description": ("说明", "积分标准", "评分标准", "备注"),
}
PART_LABELS = {
    "义务": "obligation",
    "履行义务": "obligation",
    "基本积分": "obligation",
    "作用": "role",
    "发挥作用": "role",
    "先进": "advancement",
    "争先创优": "advancement",
    "体现先进": "advancement",
    "奖励积分": "advancement",
    "扣分": "deduction",
    "倒扣分": "deduction",
    "减分": "deduction",
}
LEVEL_LABELS = {"支部": "branch", "总支": "general_branch", "党委": "committee"}
NUMBERS = ("points", "points_min", "points_max", "cap_month", "cap_year")
RULE_FIELDS = ("name", "part", "evidence_required", "award_level", "description", "sequence")


class PartyImport(models.Model):
    _inherit = "party.import"

    @api.model
    def _columns_rules(self):
        return RULES_COLUMNS

    @api.model
    def _required_columns_rules(self):
        return ("code", "name", "part", "points")

    @api.model
    def _example_rules(self):
        return [
            "FZ01",
            "志愿服务",
            "发挥作用",
            "2",
            "1",
            "3",
            "6",
            "",
            "是",
            "党支部",
            "每参加一次志愿服务活动得1至3分。",
        ]

    def _rules_lookup(self, field_name, extra):
        """Label → key of a selection of party.point.rule, in English and Chinese."""
        lookup = dict(extra)
        for lang in ("en_US", "zh_CN"):
            env = self.with_context(lang=lang).env
            for key, label in (
                env["party.point.rule"]._fields[field_name]._description_selection(env)
            ):
                lookup[label] = key
                lookup[key] = key
        return lookup

    def _check_rules(self, rows, errors):
        parts = self._rules_lookup("part", PART_LABELS)
        levels = self._rules_lookup("award_level", LEVEL_LABELS)
        wanted, seen = {}, {}
        for position, (number, row) in enumerate(rows):
            values = self._rule_values(number, row, parts, levels, errors)
            if values is None:
                continue
            if values["code"] in seen:
                errors.append(
                    (
                        number,
                        _(
                            "The rule code %(code)s is used twice, in rows %(first)s and "
                            "%(row)s.",
                            code=values["code"],
                            first=seen[values["code"]],
                            row=number,
                        ),
                    )
                )
                continue
            seen[values["code"]] = number
            wanted[values["code"]] = values | {"sequence": (position + 1) * 10}
        return self._rules_plan(wanted)

    def _rule_values(self, number, row, parts, levels, errors):
        """The values of one row, or None (its problems in ``errors``)."""
        problems = []
        code, name = row.get("code", ""), row.get("name", "")
        if not code:
            problems.append(_("The rule code (规则代码) is missing."))
        if not name:
            problems.append(_("The rule name (规则名称) is missing."))
        part = parts.get(row.get("part", ""))
        if not part:
            problems.append(
                _(
                    "Unknown category %(value)s: write 履行义务, 发挥作用, 体现先进 or 倒扣分.",
                    value=row.get("part") or "-",
                )
            )
        numbers = {}
        for field in NUMBERS:
            text = row.get(field, "").replace("分", "").strip()
            try:
                numbers[field] = float_round(float(text), precision_digits=1) if text else 0.0
            except ValueError:
                numbers[field] = None
            if numbers[field] is None or not -1000 <= numbers[field] <= 10000:
                problems.append(
                    _(
                        "%(column)s: %(value)s is not a number.",
                        column=RULES_COLUMNS[field][0],
                        value=row.get(field),
                    )
                )
                numbers[field] = None
        evidence = YES_NO.get(row.get("evidence_required", "").lower())
        if evidence is None:
            problems.append(
                _(
                    "Unknown evidence mark %(value)s: write 是 or 否.",
                    value=row.get("evidence_required"),
                )
            )
        level_text = row.get("award_level", "")
        level = levels.get(level_text) if level_text else "branch"
        if not level:
            problems.append(
                _("Unknown level %(value)s: write 党支部, 党总支 or 党委.", value=level_text)
            )
        if part and None not in numbers.values():
            problems.extend(self._rule_number_problems(part, numbers))
        if problems:
            errors.extend((number, problem) for problem in problems)
            return None
        return {
            "row": number,
            "code": code,
            "name": name,
            "part": part,
            **numbers,
            "evidence_required": evidence,
            "award_level": level,
            "description": row.get("description") or False,
        }

    def _rule_number_problems(self, part, numbers):
        """What party.point.rule's constraints would refuse, said before the import."""
        points, low, high = numbers["points"], numbers["points_min"], numbers["points_max"]
        low, high = (min(low, high), max(low, high)) if low or high else (points, points)
        problems = []
        if part == "deduction" and high >= 0:
            problems.append(_("A deduction takes points away: its points must be negative."))
        if part != "deduction" and low < 0:
            problems.append(_("Only deductions are negative (倒扣分)."))
        if not low <= points <= high:
            shown = {"points": f"{points:g}", "low": f"{low:g}", "high": f"{high:g}"}
            problems.append(
                _("The points %(points)s lie outside their range %(low)s–%(high)s.", **shown)
            )
        if numbers["cap_month"] < 0 or numbers["cap_year"] < 0:
            problems.append(_("Caps cannot be negative."))
        return problems

    def _rules_plan(self, wanted):
        Rule = self.env["party.point.rule"].with_context(active_test=False)
        existing = {}
        for rule in Rule.search([("code", "in", list(wanted))]):
            existing.setdefault(rule.code, rule)
        plan = {"create": [], "update": [], "unchanged": 0}
        kept = Rule
        for code, values in wanted.items():
            rule = existing.get(code)
            if not rule:
                plan["create"].append(values)
                continue
            kept |= rule
            changes = {
                field: values[field]
                for field in RULE_FIELDS
                if (rule[field] or False) != (values[field] or False)
            }
            changes |= {
                field: values[field]
                for field in NUMBERS
                if float_compare(rule[field], values[field], precision_digits=1)
            }
            if not rule.active:
                changes["active"] = True
            if changes:
                plan["update"].append((rule.id, changes, values["row"]))
            else:
                plan["unchanged"] += 1
        # Claimed rules left out of the handbook: archived (their entries keep them); the
        # rules the system applies to records are not the sheet's.
        for rule in Rule.search(
            [("active", "=", True), ("source", "=", "manual"), ("id", "not in", kept.ids)]
        ):
            plan["update"].append((rule.id, {"active": False}, 0))
        return plan

    def _apply_rules(self, plan, limit=None):
        """A handbook is small: applied whole, even in a background step."""
        Rule = self.env["party.point.rule"].with_context(active_test=False, mail_create_nolog=True)
        for rule_id, changes, _row in sorted(plan["update"], key=lambda u: bool(u[2])):
            Rule.browse(rule_id).write(changes)
        Rule.create(
            [
                {field: values[field] for field in ("code", *RULE_FIELDS, *NUMBERS)}
                for values in plan["create"]
            ]
        )
        return len(plan["create"]) + len(plan["update"])
