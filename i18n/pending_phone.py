# Translations of the phone branch (issue 21 items 7, 8, 9 and (e)): new msgids, and
# corrected translations of existing msgids (the zh_CN terminology pass, README
# "Terminology"). The lead merges them into zh_CN.po; these override the .po.
T = {
    # --- New terms -------------------------------------------------------------
    # Member's workbench (phone): dues, study hours, leave, cards.
    '<span><i class="fa fa-fw fa-jpy me-1"/>Party dues</span>': (
        '<span><i class="fa fa-fw fa-jpy me-1"/>党费</span>'
    ),
    '<span><i class="fa fa-fw fa-book me-1"/>Study hours this year</span>': (
        '<span><i class="fa fa-fw fa-book me-1"/>本年学时</span>'
    ),
    '<span><i class="fa fa-fw fa-calendar-times-o me-1"/>My leave requests</span>': (
        '<span><i class="fa fa-fw fa-calendar-times-o me-1"/>我的请假</span>'
    ),
    '<i class="fa fa-fw fa-list-ul me-1"/>My duties': (
        '<i class="fa fa-fw fa-list-ul me-1"/>我的履责事项'
    ),
    '<i class="fa fa-fw fa-balance-scale me-1"/>My appeals': (
        '<i class="fa fa-fw fa-balance-scale me-1"/>我的申诉'
    ),
    '<i class="fa fa-check text-success me-1" title="Done"/>': (
        '<i class="fa fa-check text-success me-1" title="已完成"/>'
    ),
    '<i class="fa fa-gavel me-1" title="Decision"/>': (
        '<i class="fa fa-gavel me-1" title="处理决定"/>'
    ),
    "<span>Owed</span>": "<span>欠缴</span>",
    "<span>months</span>": "<span>个月</span>",
    "<span>To pay this month</span>": "<span>本月待缴</span>",
    "<span>to pay this month</span>": "<span>人本月待缴</span>",
    "<span>asked</span>": "<span>待审批</span>",
    "<span>approved</span>": "<span>已批准</span>",
    "<span>refused</span>": "<span>未批准</span>",
    "<span>Amount due</span>": "<span>应缴</span>",
    "<span>paid</span>": "<span>已缴</span>",
    "<span>Paid on</span>": "<span>缴纳日期</span>",
    "<span>Due by</span>": "<span>截止</span>",
    "<span>Dues owed</span>": "<span>欠缴党费</span>",
    "<span>Meetings held this quarter</span>": "<span>本季度三会一课</span>",
    "<span>overdue</span>": "<span>项逾期</span>",
    "<span>tasks done this month</span>": "<span>项任务本月已完成</span>",
    "<span>Self-assessed</span>": "<span>已自评</span>",
    "All paid": "已缴清",
    "Ask for leave": "请假",
    "To pay this month": "本月待缴",
    "To Pay This Month": "本月待缴",
    "Awaiting review": "待审核",
    "Awaiting Review": "待审核",
    "not appraised yet": "尚未评议",
    "Not scored": "未评分",
    # Fields and help.
    "Months Owed": "欠缴月数",
    "Dues Owed": "欠缴党费",
    "Dues Overdue": "欠缴党费",
    "Dues to Pay This Month": "本月待缴党费",
    "Dues not paid in full of months that are over.": "已过月份未缴足的党费。",
    "Not paid in full and the month is over.": "该月已过且未缴足。",
    "Study Hours (%)": "学时完成率（%）",
    "Leave Asked": "请假待审批",
    "Leave Approved": "请假已批准",
    "Leave Refused": "请假未批准",
    "My Leave Requests": "我的请假",
    "Meeting Duties Done": "已开会议（履责事项）",
    "Meeting Duties Overdue": "逾期未开会议",
    "Meeting Duties This Quarter": "本季度应开会议",
    "Meetings due this quarter (duties of the obligation calendar) not held by their "
    "due date.": "本季度应开的会议（履责日历中的履责事项）到期未召开的数量。",
    "Evaluations whose self-assessment is submitted, whatever step they are at now "
    "(as on the workbench).": ("已提交支部自评的考评，无论目前处于哪一步（与工作台口径一致）。"),
    "Green: done; amber: due within the reminder days (settings); red: overdue; grey: "
    "open, not due yet.": (
        "绿色：已完成；黄色：在提醒天数内到期（见设置）；红色：已逾期；灰色：未完成、尚未到期。"
    ),
    'Rank in type out of the reviewed evaluations of the type and period ("2 / 9"); '
    "empty until at least two are reviewed: a rank of one means nothing.": (
        "在同类型、同期已复查考评中的排名（如“2 / 9”）；"
        "复查的不足两个时不显示：只有一个时排名没有意义。"
    ),
    # Selections.
    "Not Due Yet": "未到期",
    "Under Review": "审理中",
    "To Explain": "待说明",
    # Menus and actions.
    "Member Roster": "党员名册",
    "Party Affairs Records": "党务记录",
    "Meetings Due This Quarter": "本季度应开会议",
    # Messages.
    "Branch's note": "支部说明",
    "Overdue dues are searched with = or != and true or false.": (
        "查询欠缴党费请用“=”或“!=”与“是/否”。"
    ),
    "Your branch has no meeting planned to ask leave from.": "您所在支部暂无可请假的计划会议。",
    # --- Terminology pass: corrected translations of existing msgids -----------
    "Members": "党员",
    "Open": "进行中",
    "Due": "待缴",
    "Planned": "待召开",
    "Claims Rejected": "已退回申报",
    "Reopen": "重新打开",
    "Give the reason for reopening.": "请填写重新打开的原因。",
    "Officers": "党务干部",
    "Entry": "积分记录",
    "Records of the Month": "本月组织生活记录",
    "Meeting schedule": "三会一课进度",
    # Odoo's "activities" are 待办 (to-dos), not 活动 (party activities).
    "Activities": "待办",
    "My Activities": "我的待办",
    "Late Activities": "逾期待办",
    "Activity State": "待办状态",
    "Activity Type Icon": "待办类型图标",
    "Activity Exception Decoration": "待办异常标示",
    "Icon to indicate an exception activity.": "表示待办异常的图标。",
    "My Activity Deadline": "我的待办截止日期",
    "Next Activity Deadline": "下一待办截止日期",
    "Next Activity Summary": "下一待办摘要",
    "Next Activity Type": "下一待办类型",
    # A duty of the 履责清单 is a 履责事项, not a 职责 (a post's responsibility).
    "Duty": "履责事项",
    "My Duties": "我的履责事项",
    "Duty Catalogue": "履责事项目录",
    "Duties Not Done": "未完成履责事项",
    "Duties Open This Month": "本月未完成履责事项",
    "Duties open this month": "本月未完成履责事项",
    "Duties Overdue": "逾期履责事项",
    "Duties by Branch and State": "各支部履责情况",
    "Duties of the Month": "本月履责事项",
    "Duties of the Period": "本期履责事项",
    "Duty Count": "履责事项数",
    "Duty Due": "履责事项到期",
    "Duty Reminders (days before)": "履责提醒（提前天数）",
    "Duty Rule": "履责规则",
    "Duty reminders": "履责提醒",
    "Kind of Duty": "履责事项类型",
    "A note on the duty...": "关于该履责事项的备注……",
}
