# Translations of the people helper's terms (issue 15: phones, notifications, picker,
# evidence, appeals); merged into zh_CN.po by tools/i18n_merge.py.
T = {
    "/<span>month</span>": "/<span>月</span>",
    '<i class="fa fa-camera me-1"/>Evidence needed': '<i class="fa fa-camera me-1"/>需佐证材料',
    '<i class="fa fa-camera me-1"/>This rule needs evidence: take a photo or attach a file before submitting.':
        '<i class="fa fa-camera me-1"/>此规则需要佐证材料：提交前请拍照或上传文件。',
    '<span class="small text-muted me-1">Total</span>': '<span class="small text-muted me-1">合计</span>',
    '<span><i class="fa fa-inbox me-1"/>Notices to me</span>': '<span><i class="fa fa-inbox me-1"/>我的通知</span>',
    "<span>Advancement</span>": "<span>先进分</span>",
    "<span>Deductions</span>": "<span>扣分</span>",
    "<span>Obligation</span>": "<span>义务分</span>",
    "<span>Role</span>": "<span>作用分</span>",
    "%(points)s points": "%(points)s 分",
    "evidence needed": "需佐证",
    "Appeal": "申诉",
    "Appeals until": "申诉截止",
    "Awarded by": "记分依据",
    "Can Appeal": "可申诉",
    "Correction after an appeal": "申诉更正",
    "Download %s": "下载 %s",
    "Dues record": "党费记录",
    "Meeting record: %(meeting)s": "会议记录：%(meeting)s",
    "Open %s": "查看 %s",
    "Remove %s": "移除 %s",
    "Points of the Rule": "规则分值",
    "Preview": "预览",
    "Preview: the figures as they would be published today; publishing computes them again.":
        "预览：按今天的数据生成的公示内容；正式公示时重新计算。",
    "Publicity to Appeal in": "可申诉的公示",
    "Publish the month's points to the branch's members? The figures can no longer change.":
        "向本支部党员公示本月积分？公示后数据不可更改。",
    "Recorded by the system": "系统记录",
    "Submit the Appeal": "提交申诉",
    "The open publicity of the entry's month, while the member may appeal it.":
        "该积分所在月份正在公示、党员仍可申诉的公示。",
    "The user is a member of the publicity and may appeal.": "当前用户在公示名单中，可以申诉。",
    "This entry cannot be appealed: no publicity of its month is open.":
        "该积分不能申诉：其所在月份没有正在公示的公示。",
    "Unread Notices": "未读通知",
    "User Is Officer": "当前用户为支部委员",
    "Who approved the entry, or the record that awarded its points.":
        "批准该积分的人，或产生该积分的记录（会议记录、党费记录）。",
    "Your entry “%(rule)s” of %(date)s is approved: %(points)s points.":
        "您 %(date)s 的积分申报「%(rule)s」已批准：%(points)s 分。",
    "Your entry “%(rule)s” of %(date)s is rejected: %(reason)s":
        "您 %(date)s 的积分申报「%(rule)s」被退回：%(reason)s",
    # One vocabulary: the cockpit says what the menus say (记录异常提示, 已初评).
    "Open Signals": "未处理的记录异常提示",
    "open signals": "条记录异常提示待处理",
    "This month's evaluations at each step, late branches, open record signals "
    "and proposed escalations, for the committee and each general branch.":
        "党委及各党总支本月考评进度、逾期支部、未处理的记录异常提示和待处理问责。",
}
