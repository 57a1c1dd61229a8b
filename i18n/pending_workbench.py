# Translations of issue 15's workbench part (honest numbers, the system's language,
# the officers' workbench), folded into zh_CN.po by tools/i18n_merge.py.
T = {
    # Honest numbers: steps taken, one note per level
    "Preliminary Evaluation Done": "已初评",
    "Review Done": "已复查",
    "Branch Note": "支部说明",
    "General Branch Note": "党总支说明",
    "Committee Note": "党委说明",
    "Label": "期间",
    # Workbench
    "Workbench": "工作台",
    "Committee": "党委",
    "Evaluation of the Month": "本月考评",
    "Meetings Held": "本月已开会议",
    "Meetings Behind Schedule": "会议未按期召开",
    "Kinds of meeting not held as often as the settings require.": (
        "未按设置规定的频次召开的会议种类数。"
    ),
    "Claims to Approve": "待审核积分申报",
    "Dues Unpaid": "未缴党费",
    "Publicity to Publish": "待发布公示",
    "Tasks Done": "已完成任务",
    "Tasks": "任务数",
    "Progress (%)": "进度（%）",
    "Score so Far": "当前得分",
    "Score of": "得分依据",
    "Base Score": "基准分",
    "Points to the Base Score": "距基准分",
    "Where Points Were Lost": "失分项",
    "Where points were lost": "失分项",
    "Last Month's Rank": "上月同类排名",
    "Ranked in Type": "同类参评支部数",
    "Branches": "支部数",
    "Waiting for You": "待您处理",
    "Waiting for you": "待您处理",
    "Branches Behind on Meetings": "会议滞后支部",
    "Branches Behind or Late": "滞后或逾期的支部",
    "Month to Close": "待关账月份",
    "Not Reviewed Yet": "尚未复查",
    "Ready to Close": "可以关账",
    "Ready to close": "可以关账",
    "Escalations to Act on": "待处理问责",
    "Escalations to act on": "待处理问责",
    "Criterion": "考评指标",
    "Lost": "失分",
    "Reviewer's note": "评审说明",
    "late": "逾期",
    "behind on meetings": "会议滞后",
    "tasks done this month": "项本月任务已完成",
    "Self-assessment": "支部自评",
    "Meetings held this month": "本月已开会议",
    "behind": "项滞后",
    "Claims to approve": "待审核积分申报",
    "Dues unpaid": "未缴党费",
    "Publicity to publish": "待发布公示",
    "Score so far": "当前得分",
    "To the base score": "距基准分",
    "Last month's rank in type": "上月同类排名",
    "branches reviewed this month": "个支部本月已复查",
    "Behind on meetings": "会议滞后",
    "not reviewed yet": "个尚未复查",
    "No earlier month left to close": "没有待关账的月份",
    "Evaluations of the month": "本月考评",
    "Meeting schedule": "会议计划",
    "Close the month": "月度关账",
    "No organization of yours yet": "您还没有所属组织",
    "Your workbench shows the month's tasks of the branches, general branches or "
    "committee you serve. An administrator sets them on your user.": (
        "工作台显示您所在党支部、党总支或党委本月的任务。所属组织由管理员在您的用户上设置。"
    ),
    "<span>Escalations to act on</span>": "<span>待处理问责</span>",
    # The member's workbench
    "My Workbench": "我的工作台",
    "Member": "党员",
    "Next Meetings": "近期会议",
    "Claims in Draft": "草稿申报",
    "Claims Submitted": "已提交申报",
    "Claims Rejected": "被退回申报",
    "Open Publicity": "公示中",
    "Claim points": "申报积分",
    "This month": "本月",
    "This year": "本年",
    "Rank in branch": "支部排名",
    "Obligation": "义务分",
    "Role": "作用分",
    "Advancement": "先进分",
    "Deductions": "扣分",
    "My claims": "我的申报",
    "draft": "草稿",
    "submitted": "已提交",
    "rejected": "被退回",
    "Open publicity": "公示中",
    "Next meetings of the branch": "支部近期会议",
    "No meeting planned": "暂无计划会议",
    "Still reachable under the caps": "封顶内仍可获得",
    "Your user is not linked to a party member yet": "您的用户尚未关联党员",
    "Ask your branch to link your member record to your user: your points, claims, "
    "meetings and publicity then show here.": (
        "请支部将您的党员档案关联到您的用户：之后这里会显示您的积分、申报、会议和公示。"
    ),
}

# Report file names: the expression (the same in every language) takes the report's
# name in the user's language.
FILE_NAMES = {
    "action_report_evaluation_sheet": "name",
    "action_report_handbook": "name",
    "action_report_handbook_branch": "name",
    "action_report_pay_linkage": "label",
    "action_report_points_ledger_xlsx": "name",
    "action_report_ranking": "label",
}
for _xmlid, _field in FILE_NAMES.items():
    _expression = f"'%s %s' % (object.env.ref('party_quant.{_xmlid}').sudo().name, object.{_field})"
    T[_expression] = _expression
T["object.name"] = "object.name"
