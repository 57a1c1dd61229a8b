# Translations of issue 12, part B (member points and records), for tools/i18n_merge.py.
T = {
    # party.point.line
    "A change of state changes nothing else; save these first: %(fields)s.": (
        "变更状态时不能同时修改其他内容，请先保存：%(fields)s。"
    ),
    "An entry cannot be dated %(date)s: entries are registered up to %(limit)s.": (
        "积分记录的日期不能为 %(date)s：最晚只能登记到 %(limit)s。"
    ),
    "Corrected Entry": "被更正的记录",
    "The entry this correction changes.": "本更正所更改的积分记录。",
    # party.point.publicity
    "A published month of points can no longer be changed.": "已公示的月度积分不能再修改。",
    "Publish the points on their own.": "公示积分时不能同时修改其他内容。",
    "The published figures are the system's.": "公示数据由系统生成，不能修改。",
    # party.point.appeal
    "An appeal stays on the entry it was filed against.": "申诉只针对提出时的积分记录，不能更换。",
    "Save the decision, then decide the appeal.": "请先保存处理意见，再作出申诉决定。",
    "%(rule)s gives between %(low)s and %(high)s points (or 0 to withdraw the entry); "
    "%(points)s was decided.": (
        "%(rule)s 的分值应在 %(low)s 至 %(high)s 分之间（或为 0 表示撤销该记录）；"
        "决定的分值为 %(points)s。"
    ),
    # party.appraisal
    "Save the grade, then confirm it.": "请先保存等次，再确认。",
    "A confirmed appraisal is reset to draft before it changes.": (
        "已确认的评议须先退回草稿才能修改。"
    ),
    "Give the grade of %(member)s.": "请给出 %(member)s 的等次。",
    # party.meeting
    "The length of %(name)s cannot be negative.": "%(name)s 的时长不能为负数。",
    "Save the meeting, then change its state.": "请先保存会议，再变更其状态。",
    "%(name)s has not been held yet.": "%(name)s 尚未召开。",
    "A meeting cannot be planned for %(date)s: at most a year ahead.": (
        "会议不能安排在 %(date)s：最多只能提前一年安排。"
    ),
    # party.dues
    "The dues of %(member)s must be more than 0.": "%(member)s 的应缴党费必须大于 0。",
    "The month %(month)s has not started: no dues are recorded for it yet.": (
        "%(month)s 月尚未开始，不能登记该月党费。"
    ),
    "%(member)s cannot have paid in the future.": "%(member)s 的缴费日期不能晚于今天。",
}
