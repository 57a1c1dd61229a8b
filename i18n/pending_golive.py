# ruff: noqa: E501
# New msgids of the golive branch with their Chinese (the integrator merges them into
# i18n/zh_CN.po and party_quant.pot).
T = {
    # party.import kind and the scoring-sheet import (models/party_import_criteria.py)
    "Scoring Sheet": "考评细则",
    "Unknown branch type %(value)s: write a branch type's name or code, or 通用 for the "
    "criteria common to every type.": "未知的支部类型 %(value)s：请填写支部类型的名称或代码，"
    "各类型共用的指标填写“通用”。",
    "The criterion code (指标代码) is missing.": "缺少指标代码。",
    "The criterion name (指标名称) is missing.": "缺少指标名称。",
    "The maximum score %(value)s is not a positive number.": "分值 %(value)s 不是正数。",
    "Unknown bonus item mark %(value)s: write 是 or 否.": "无法识别的加分项标记 %(value)s：请填写“是”或“否”。",
    "Unknown category %(value)s: write 基础, 特色 or 加分.": "无法识别的指标类别 %(value)s：请填写“基础”“特色”或“加分”。",
    "The row is marked a bonus item but its category is not 加分.": "该行标为加分项，但指标类别不是“加分”。",
    "Type-specific criteria and bonus items belong to a branch type: name the type instead "
    "of %(value)s.": "特色指标和加分项属于某一支部类型：请用具体的支部类型代替“%(value)s”。",
    "The code %(code)s of %(type)s is used twice, in rows %(first)s and %(row)s.": "%(type)s的指标代码 %(code)s 重复出现在第 %(first)s 行和第 %(row)s 行。",
    "The criteria of %(type)s total %(total)s points without the bonus items; they must "
    "total %(expected)s.": "%(type)s的指标（不含加分项）合计 %(total)s 分，应为 %(expected)s 分。",
    # party.criterion.code
    "The criterion's code in the company's scoring sheet (指标代码): the scoring-sheet "
    "import matches a row by its branch type and this code.": "指标在本单位考评细则中的代码："
    "导入考评细则时按支部类型和该代码匹配。",
    # views
    "The dry run lists every row's problems and writes nothing; a file is imported only "
    "when it has none (all or nothing). Import the organizations first, then the members; a "
    "second import of the same file changes nothing. The scoring sheet (考评细则) replaces "
    "the criteria catalogue: import it before the first month is opened; criteria left out "
    "are archived, and evaluations already created keep their criteria.": "试导入列出每一行的问题，"
    "不写入任何数据；文件没有问题才会导入（全部导入或全不导入）。先导入党组织，再导入党员；同一文件再次导入"
    "不会改变任何数据。考评细则将替换整个考评标准目录：请在开启第一个月之前导入；文件中没有的指标将被归档，"
    "已创建的考评保留其原有指标。",
    "Bring the organization tree and the roster": "导入党组织树和党员花名册",
    "First the organizations (组织代码 and the parent's code, or the full path), then the "
    "members as the national system exports them (matched by 公民身份号码 or employee "
    "number). The scoring sheet (考评细则) holds the criteria of each branch type (matched "
    "by type and 指标代码).": "先导入党组织（组织代码及上级组织代码，或组织全称），再导入全国党员管理信息系统"
    "导出的党员名册（按公民身份号码或工号匹配）。考评细则包含各支部类型的考评指标（按支部类型和指标代码匹配）。",
}
