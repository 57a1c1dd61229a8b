T = {
    "Member Development Plan": "年度发展党员计划",
    "Member Development Plan Line": "发展党员计划明细",
    "Member Development Plan against Actual": "发展党员计划完成情况",
    "Quota": "指标",
    "Lines": "明细",
    "Planned Acceptances": "计划发展",
    "Accepted": "已接收",
    "Converted": "已转正",
    "Remaining": "剩余",
    "Approved On": "批准日期",
    "Plan Status": "计划状态",
    "Planned Development Targets": "计划确定发展对象",
    "This Year's Development Plan": "本年发展计划",
    "Approval beyond the Plan": "超计划审批",
    "指标: the acceptances allowed by the level above.": "上级党委下达的年度发展党员指标。",
    "The 党委's approval of a candidate beyond the branch's planned acceptances, beyond the "
    "quota, or without an approved plan for the year: refused, taken with a written reason, "
    "or taken with a warning.": "党委审批超出支部计划、超出指标或当年没有已批准的发展计划时："
    "拒绝、填写理由后办理，或办理并提示。",
    "A development plan's year is between %(first)s and %(last)s.": "发展计划的年度应在 %(first)s"
    " 至 %(last)s 之间。",
    "A quota is not negative.": "指标不能为负数。",
    "A development plan belongs to a party committee.": "发展计划由党委制定。",
    "%(committee)s already has a development plan for %(year)s.": "%(committee)s已有 %(year)s"
    " 年度的发展计划。",
    "%(plan)s: the lines plan %(planned)s acceptances, more than the quota of %(quota)s.": (
        "%(plan)s：各组织计划发展合计 %(planned)s 名，超过上级下达的指标 %(quota)s 名。"
    ),
    "An approved plan is changed once the committee sets it back to draft.": (
        "已批准的计划须由党委退回草稿后才能修改。"
    ),
    "An approved plan is kept: set it back to draft first.": "已批准的计划不能删除：请先退回草稿。",
    "%(plan)s is approved: the committee sets it back to draft to change its lines.": (
        "%(plan)s已批准：须由党委退回草稿后才能修改明细。"
    ),
    "Planned numbers are not negative.": "计划数不能为负数。",
    "A plan line is for a branch or a general branch (%(org)s).": (
        "计划明细只能是党支部或党总支（%(org)s）。"
    ),
    "%(org)s is not under %(committee)s.": "%(org)s不在%(committee)s之下。",
    "%(org)s and %(other)s: a general branch's line counts its branches; give the general "
    "branch a line or its branches, not both.": "%(org)s和%(other)s：党总支的计划包含其所属"
    "支部，请为党总支或其所属支部制定计划，不能同时制定。",
    "There is no approved development plan for %(year)s over %(branch)s.": (
        "%(branch)s所属党委没有已批准的 %(year)s 年度发展党员计划。"
    ),
    "%(plan)s: %(organization)s has accepted %(accepted)s of its %(planned)s planned new "
    "members.": "%(plan)s：%(organization)s已接收 %(accepted)s 名，计划发展 %(planned)s 名，"
    "计划已用完。",
    "%(plan)s: %(accepted)s accepted of the quota of %(quota)s, and %(branch)s has no line of "
    "its own.": "%(plan)s：已接收 %(accepted)s 名，指标 %(quota)s 名已用完，且%(branch)s没有"
    "单独的计划。",
    "One plan per committee and year.": "每个党委每年只有一个发展计划。",
    "An organization has one line in a plan.": "一个组织在计划中只有一条明细。",
    "Plan against Actual": "计划完成情况",
    "Development Plans": "发展党员计划",
    "Development Plan": "发展党员计划",
    "Development Plan Lines": "发展党员计划明细",
    "Development Plan Line": "发展党员计划明细",
    "Set the approved plan back to draft?": "将已批准的计划退回草稿？",
    "No development plan yet": "还没有发展党员计划",
    "The committee writes the year's plan against the quota from the level above: the "
    "acceptances planned for each branch or general branch. Once approved, the committee's "
    "approval of a candidate beyond the plan needs a written reason.": "党委根据上级下达的指标"
    "制定年度计划：各党支部、党总支计划发展的人数。计划批准后，党委审批超出计划的发展对象须"
    "填写理由。",
    "Used Up": "已用完",
    "Approved Plans": "已批准的计划",
    "Approval beyond the plan": "超计划审批",
    "The committee's approval of a candidate beyond the year's approved plan, or without one": (
        "党委审批超出本年已批准计划、或当年没有计划时的处理方式"
    ),
    '<span><i class="fa fa-fw fa-flag text-primary"/> This year\'s development plan</span>': (
        '<span><i class="fa fa-fw fa-flag text-primary"/> 本年发展计划</span>'
    ),
    '<span class="o_stat_text">Plan against Actual</span>': (
        '<span class="o_stat_text">计划完成情况</span>'
    ),
}
