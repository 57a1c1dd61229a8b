# Translations of the devel branch (issue 23, member development 发展党员): new msgids.
# The lead merges them into zh_CN.po.
T = {
    "%(committee)s has no power to approve new members (%(article)s).": (
        "%(committee)s没有发展党员审批权（%(article)s）。"
    ),
    "%(days)s days": "%(days)s天",
    "%(hours)s hours": "%(hours)s学时",
    "%(kind)s %(value)s %(unit)s from %(step)s": "自%(step)s起%(kind)s%(value)s%(unit)s",
    (
        "%(meeting)s had no quorum: more than half of the members with a vote must be "
        "present (%(article)s)."
    ): (
        "%(meeting)s到会人数不足：有表决权的到会党员须超过应到会有表决权党员的半数（%(art"
        "icle)s）。"
    ),
    "%(meeting)s is not held yet.": "%(meeting)s尚未召开。",
    "%(message)s Give the reason to record it.": "%(message)s请填写理由后再登记。",
    "%(name)s is no longer in development.": "%(name)s已不在发展程序中。",
    "%(name)s leaves the unit within three months: normally not accepted.": (
        "%(name)s将在三个月内离开本单位：一般不予接收。"
    ),
    (
        "%(names)s: contacts and sponsors are full members, not probationary ones "
        "(细则第十一条、第十五条)."
    ): (
        "%(names)s：培养联系人和入党介绍人须为正式党员，不能是预备党员（细则第十一条、第"
        "十五条）。"
    ),
    "%(step)s cannot be dated %(date)s, before the last step taken (%(last)s on %(last_date)s).": (
        "%(step)s的日期不能是%(date)s，早于上一步（%(last)s，%(last_date)s）。"
    ),
    "%(step)s concerns probationary members.": "%(step)s只适用于预备党员。",
    "%(step)s is not a step of the candidate's rules.": "%(step)s不属于该发展对象适用的细则。",
    "%(step)s is out of order: %(name)s is at %(current)s (%(article)s).": (
        "%(step)s不符合程序顺序：%(name)s当前在“%(current)s”（%(article)s）。"
    ),
    "%(step)s is proven by a talk with %(name)s: choose it.": (
        "%(step)s须以与%(name)s的谈话记录为依据：请选择谈话记录。"
    ),
    "%(step)s is proven by an attachment: add it.": "%(step)s须有附件材料：请上传。",
    "%(step)s is proven by the member assembly's resolution.": (
        "%(step)s须以支部党员大会的决议为依据。"
    ),
    "%(step)s is taken by the officers of %(branch)s or the levels above (%(article)s).": (
        "%(step)s由%(branch)s的支部委员会或上级党组织办理（%(article)s）。"
    ),
    "%(step)s is taken by the party committee (%(article)s).": (
        "%(step)s由党委办理（%(article)s）。"
    ),
    (
        "%(step)s is the party committee's: a general branch discusses it and passes it "
        "up, it does not approve (%(article)s)."
    ): ("%(step)s属于党委的职权：党总支只审议并报党委，不能审批（%(article)s）。"),
    "%(step)s is voted by secret ballot.": "%(step)s须采用无记名投票表决。",
    "%(step)s of %(name)s: its window closes on %(date)s.": (
        "%(name)s的“%(step)s”将于%(date)s到期。"
    ),
    "%(step)s on %(date)s: %(rule)s (%(article)s).": (
        "%(step)s（%(date)s）：应%(rule)s（%(article)s）。"
    ),
    "%(step)s runs from its date to an end date: give the end.": (
        "%(step)s有起止日期：请填写结束日期。"
    ),
    "%(step)s: %(date)s %(result)s by %(who)s": "%(step)s：%(date)s %(who)s %(result)s",
    "%(step)s: say why (%(article)s).": "%(step)s：请说明理由（%(article)s）。",
    "%(step)s: write the review.": "%(step)s：请填写审查意见。",
    (
        "'%s %s' % (object.env.ref('party_quant.action_report_candidate_record').sudo().n"
        "ame, object.name)"
    ): (
        "'%s %s' % (object.env.ref('party_quant.action_report_candidate_record').sudo().n"
        "ame, object.name)"
    ),
    "A candidate cannot sponsor themselves (细则第十五条).": (
        "发展对象本人不能作入党介绍人（细则第十五条）。"
    ),
    "A candidate is developed by a branch.": "发展党员由党支部进行。",
    "A candidate keeps the rules it started under.": "发展对象沿用开始时适用的细则版本。",
    "A candidate leaving the unit within three months is normally not accepted.": (
        "三个月内将离开本单位的，一般不予接收。"
    ),
    "A local practice, not the rules' text: applied only when switched on.": (
        "地方做法，非细则原文：开启后才适用。"
    ),
    (
        "A party committee with the power to approve the acceptance and the conversion "
        "of new members (发展党员审批权)."
    ): ("具有接收预备党员和预备党员转正审批权的党委（发展党员审批权）。"),
    "A probation is extended by 6 to 12 months (%(article)s).": (
        "预备期延长最少半年、最长不超过一年（%(article)s）。"
    ),
    "A probation is extended once (%(article)s).": "预备期只能延长一次（%(article)s）。",
    "A probationary member's development ends by the committee's cancellation.": (
        "预备党员须经党委取消预备党员资格才终止。"
    ),
    "A rule version is put in force once it is checked against the published text.": (
        "细则版本须对照正式文本核对后才能启用。"
    ),
    "A step code appears once in a rule version.": "同一细则版本中步骤代码不能重复。",
    "A step is recorded once it is taken (%(date)s).": "步骤办理后才能登记（%(date)s）。",
    "A step taken is kept as written: record a new line instead.": (
        "已办理的步骤按原样保存：如需更正请新增一条记录。"
    ),
    "A talk with a candidate is with the candidate alone.": "与发展对象的谈话只针对其本人。",
    (
        "A talk with a person in development (an applicant, a development target): they "
        "are not members yet."
    ): ("与发展中人员（入党申请人、发展对象等）的谈话：他们还不是党员。"),
    "A time guard counts at least one day.": "时限至少为一天。",
    "A time guard counts from a step of the same version.": "时限须从同一版本的步骤起算。",
    "Acceptance Resolution": "接收决议",
    "Accepted by the Assembly": "支部大会通过日期",
    "Acted Level": "办理层级",
    "Acted by": "办理人",
    "Activist": "入党积极分子",
    "Activist Date": "确定积极分子日期",
    "Activists": "入党积极分子",
    "An applicant is at least 18 years old (细则第五条).": (
        "入党申请人须年满十八周岁（细则第五条）。"
    ),
    "Another candidate has this ID number.": "另一名发展对象已使用该身份证号码。",
    "Another rule version has this code.": "另一细则版本已使用该代码。",
    "Applicant": "入党申请人",
    "Applicants": "入党申请人",
    "Application Date": "申请日期",
    "Application Form Number": "入党志愿书编号",
    "Approval Date": "党委审批日期",
    "Approves New Members": "具有发展党员审批权",
    "Article": "条款",
    "At Least": "至少",
    "At Most": "至多",
    "Branch Committee": "支部委员会",
    "Branch Member Assembly": "支部党员大会",
    "Calendar Known": "日历已覆盖",
    "Cancellation": "取消/终止",
    "Candidate": "发展对象",
    "Candidate Enters": "进入阶段",
    "Candidates": "发展党员人员",
    "Contacts": "培养联系人",
    (
        "Counted from the date this earlier step was passed; empty: from the step's own "
        "start to its end (a publicity window)."
    ): ("从该前序步骤通过之日起算；为空：从本步骤开始到结束（如公示期）。"),
    "Current": "当前",
    "Current Step": "当前步骤",
    "Date, Who, Proof": "日期、办理人、依据",
    "Dates": "日期",
    "Days": "天",
    "Days Left": "剩余天数",
    "Days before a step's window closes whoever acts on it is reminded": (
        "步骤时限到期前提前提醒办理人的天数"
    ),
    "Development": "发展党员",
    "Development History": "发展历程",
    "Development Overdue": "发展党员逾期",
    "Development Pipeline": "发展党员进度",
    "Development Reminders (days before)": "发展党员提醒（提前天数）",
    "Development Rules": "发展党员细则",
    "Development Step": "发展党员步骤",
    "Development Steps Due This Month": "本月到期的发展党员步骤",
    "Development Steps Taken": "发展党员办理记录",
    "Development Target": "发展对象",
    "Development Target Since": "确定发展对象日期",
    "Development Targets": "发展对象",
    "Development reminders": "发展党员提醒",
    "Development reminders are between 0 and 90 days before.": "发展党员提醒须提前0到90天。",
    (
        "Each person goes through the steps of the rules, every step checked against its "
        "article and its time limits."
    ): ("每人按细则逐步办理，每一步都对照条款和时限检查。"),
    "Extension Months": "延长月数",
    "Extension of the Probation": "延长预备期",
    "From Step": "起算步骤",
    "Full Member Date": "转正日期",
    "Give the candidate's birth date or ID number first.": "请先填写出生日期或身份证号码。",
    "In Development": "发展中",
    "In Force": "现行有效",
    "Issued On": "印发日期",
    "Late Reason": "超期理由",
    "Later": "待办",
    "Leaving the Unit On": "离开本单位日期",
    "Local Practice": "地方做法",
    "Member Development": "发展党员",
    "Member Development Candidate": "发展党员人员",
    "Member Development Record": "发展党员工作记录",
    "Member Development Rule Version": "发展党员细则版本",
    "Member Development Step": "发展党员步骤",
    "Member Development Step Taken": "发展党员办理记录",
    "Member Development Time Guard": "发展党员时限",
    "Member Record": "党员档案",
    "Member development: steps due this month": "发展党员：本月到期的步骤",
    "Moves with an Extension": "随延长预备期顺延",
    "Name one or two contacts first (%(article)s).": "请先指定一至两名培养联系人（%(article)s）。",
    "Name the two sponsors first (%(article)s).": "请先确定两名入党介绍人（%(article)s）。",
    "Needs a Reason": "须说明理由",
    "New candidates follow the version in force; a candidate keeps the version it started under.": (
        "新的发展对象适用现行版本；已开始的沿用原版本。"
    ),
    "No step taken yet.": "尚未办理任何步骤。",
    (
        "One candidate per resolution: this resolution already accepted %(other)s "
        "(细则第二十三条: discussed and voted one by one)."
    ): ("一项决议只能针对一人：该决议已用于%(other)s（细则第二十三条：逐个讨论和表决）。"),
    "One or two contacts (细则第十一条).": "培养联系人为一至两名（细则第十一条）。",
    "One rule version is in force at a time.": "同一时间只能有一个细则版本现行有效。",
    "Only a probation is extended (%(article)s).": "只有预备期才能延长（%(article)s）。",
    "Party Building: remind who acts before a development step's window closes": (
        "党建：发展党员步骤到期前提醒办理人"
    ),
    "People": "人员",
    "Phase": "阶段",
    "Print the Record": "打印工作记录",
    "Probation End": "预备期满日期",
    "Probationary Member": "预备党员",
    "Probationary Members": "预备党员",
    "Proof": "依据",
    "Proving Record": "依据材料",
    "Put in Force": "启用",
    "Record an application for Party membership": "登记一份入党申请",
    (
        "Refuse: the step is refused. Needs a reason: it is taken with the reason "
        "written down. Warn: it is taken and marked."
    ): ("拒绝：不予办理。须说明理由：填写理由后办理。提醒：办理并标记。"),
    "Reminded For": "已提醒",
    "Review": "审查",
    "Review and Opinion": "审查意见",
    "Rule Version": "细则版本",
    "Rule Version Code": "细则版本代码",
    "Say which candidate and which step.": "请指明人员和步骤。",
    "Say why the step is returned.": "请说明退回理由。",
    "Search overdue candidates with = or !=.": "查询逾期人员请使用 = 或 !=。",
    "Secret Ballot": "无记名投票",
    "Shown to the branch's officers and the committee only.": "仅向所在支部委员和党委显示。",
    "Sponsors": "入党介绍人",
    "Step": "步骤",
    "Step of the Procedure": "程序步骤",
    "Steps": "步骤",
    "Steps Taken": "已办理步骤",
    "Switched On": "已开启",
    "System": "系统",
    "Take a Step": "办理步骤",
    "Take the Next Step": "办理下一步",
    "Take the candidate's next step": "办理发展对象的下一步",
    "The article the step rests on.": "步骤所依据的条款。",
    "The interval grows by the months the probation was extended.": "时限按预备期延长的月数顺延。",
    "The phase the candidate enters once passed.": "通过后进入的阶段。",
    (
        "The resolution did not pass: more than half of the members with a vote must "
        "agree (%(article)s)."
    ): ("决议未通过：赞成人数须超过应到会有表决权党员的半数（%(article)s）。"),
    "The resolution is of another branch's assembly.": "该决议属于其他支部的党员大会。",
    "The same step keeps its code across versions.": "同一步骤在各版本中代码相同。",
    "The step runs from its date to an end date (a publicity).": "步骤有起止日期（如公示）。",
    "The step's date is the assembly's date (%(date)s).": (
        "步骤日期应为支部党员大会日期（%(date)s）。"
    ),
    "The step's date is the talk's date (%(date)s).": "步骤日期应为谈话日期（%(date)s）。",
    "The talk is recorded by the candidate's branch.": "谈话由发展对象所在支部登记。",
    "The training lasts at least %(days)s days or %(hours)s hours (%(article)s).": (
        "集中培训时间不少于%(days)s天或%(hours)s个学时（%(article)s）。"
    ),
    "Time Guards": "时限",
    "Timeline": "时间线",
    "Training Days": "培训天数",
    "Training Hours": "培训学时",
    "Two sponsors (细则第十五条).": "入党介绍人为两名（细则第十五条）。",
    (
        "Unchecked: a version from reports, not from the published text. A committee "
        "checks it against the text before putting it in force."
    ): ("未勾选：根据报道整理、未经正式文本核对的版本。党委核对原文后方可启用。"),
    "Unconfirmed": "未确认",
    "Unit": "单位",
    "Value": "数值",
    "Warn": "提醒",
    "Warning": "提示",
    "When Breached": "超出时",
    "Who Acts": "办理主体",
    "Whoever acts on a candidate's step is reminded this many days before its window closes.": (
        "发展对象的步骤时限到期前这么多天提醒办理人。"
    ),
    "Why the probation is extended or the development ended.": "延长预备期或终止发展的理由。",
    "Why the step is taken outside its window.": "超出时限办理的理由。",
    "Window": "起止期",
    "Window Closes": "时限截止",
    "Window Ends": "结束日期",
    "Window Opens": "最早办理日期",
    "With a Warning": "有提示",
    "Working Days": "工作日",
    "Working days beyond the calendar's known years are counted Monday to Friday.": (
        "日历未覆盖的年份按周一至周五计算工作日。"
    ),
    "Working days of the window.": "期间的工作日数。",
    "Write the application form's number first (%(article)s).": (
        "请先填写入党志愿书编号（%(article)s）。"
    ),
    "You may not change this candidate's ID number or birth date.": (
        "您无权修改该人员的身份证号码或出生日期。"
    ),
    "from %(date)s": "自%(date)s起",
    "its start": "本步骤开始",
    "until %(date)s (%(days)s days left)": "截至%(date)s（剩余%(days)s天）",
    "入党介绍人: two full members, not the candidate.": "入党介绍人：两名正式党员，不能是本人。",
    "公民身份号码: shown to the branch's officers and the committee, masked for everyone else.": (
        "公民身份号码：向所在支部委员和党委显示，其他人只见掩码。"
    ),
    "培养联系人: one or two full members who follow the activist.": (
        "培养联系人：一至两名正式党员，负责培养考察入党积极分子。"
    ),
    "'%s' % object.env.ref('party_quant.action_report_development_xlsx').sudo().name": (
        "'%s' % object.env.ref('party_quant.action_report_development_xlsx').sudo().name"
    ),
    '<span class="o_stat_text">Member Record</span>': '<span class="o_stat_text">党员档案</span>',
    "Accepted This Year": "本年接收预备党员",
    "By Branch": "按支部",
    "Converted This Year": "本年转正",
    "Member Development Statistics": "发展党员统计",
    "Member Development Statistics (Excel)": "发展党员统计（Excel）",
    "A talk that proves a step of a member's development is kept.": (
        "作为发展党员步骤依据的谈话记录须保留。"
    ),
    "A resolution that accepted or converted a member is kept.": (
        "用于接收预备党员或预备党员转正的决议须保留。"
    ),
    "A meeting whose resolution accepted or converted a member is kept.": (
        "其决议用于接收预备党员或转正的会议须保留。"
    ),
}
