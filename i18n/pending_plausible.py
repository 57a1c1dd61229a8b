# New or changed English msgids of the plausible branch (issue 20 items 3-4 and the
# settings/study/cron refactors) with their Chinese; folded into zh_CN.po at merge.
T = {
    ("Guests"): ("列席人员"),
    (
        "People who attended but are not members of the branch on the meeting's date: "
        "recorded here, they earn nothing."
    ): ("参加会议但在会议当日不是本支部党员的人员，在此记录，不计积分。"),
    (
        "The branch's members on the meeting's date, or its committee for a committee "
        "meeting. For a member assembly the system's list: the branch's full and "
        "probationary members on that date, minus those on approved leave."
    ): (
        "会议当日本支部的党员；支委会为支部委员会成员。支部党员大会的应到名单由系"
        "统生成：会议当日本支部的正式党员和预备党员，减去请假已批准的人员。"
    ),
    ("e.g. a member of another branch, a speaker"): ("例如：其他支部党员、授课人"),
    (
        "%(names)s: not expected at %(meeting)s (members of %(branch)s on %(date)s). "
        "Record guests under Guests; they earn nothing."
    ): (
        "%(names)s：不是%(meeting)s的应到人员（应为%(dat"
        "e)s%(branch)s的党员）。列席人员请填写在“列席人员”中，不计"
        "积分。"
    ),
    (
        "%(name)s cannot last %(hours)s hours: a meeting lasts %(limit)s hours at most "
        "(settings)."
    ): ("%(name)s不能持续%(hours)s小时：一次会议最多%(limi" "t)s小时（见设置）。"),
    (
        "Who should attend a member assembly is the system's list: the branch's full "
        "and probationary members on its date, minus those on approved leave. It cannot"
        " be typed."
    ): (
        "支部党员大会的应到人员由系统确定：会议当日本支部的正式党员和预备党员，减"
        "去请假已批准的人员，不能手工填写。"
    ),
    (
        "The resolution “%(motion)s” is void: %(present)s of %(voters)s members with a "
        "vote present now, %(votes)s votes cast (more than half of the members with a "
        "vote must be present)."
    ): (
        "决议“%(motion)s”无效：现有表决权党员%(voters)s人，"
        "实到%(present)s人，已投%(votes)s票（有表决权的党员须"
        "过半数到会）。"
    ),
    ("%(count)s attendees, fewer than %(minimum)s: no points awarded."): (
        "实到%(count)s人，少于%(minimum)s人：不计积分。"
    ),
    ("Void"): ("无效"),
    (
        "The meeting lost its quorum (or the members with a vote present) after the "
        "vote: the resolution is void and must be voted again."
    ): ("表决后会议不再达到法定人数（或到会有表决权党员少于票数）：决议无效，须重" "新表决。"),
    ("Too Few Attendees"): ("到会人数过少"),
    ("Longest Meeting (hours)"): ("会议最长时长（小时）"),
    ("A meeting, a study session or a party lecture lasts at most this many hours."): (
        "一次会议、学习或党课最多持续的小时数。"
    ),
    ("Fewest Attendees for Points"): ("计分最少到会人数"),
    ("A meeting held with fewer attendees awards no points and raises a record signal."): (
        "到会人数少于此数的会议不计积分，并生成记录预警。"
    ),
    ("Study Hours a Day at Most"): ("每日学时上限"),
    ("A member's study records of one day add up to this many hours at most."): (
        "党员一天的学习记录合计最多为此学时数。"
    ),
    (
        "The longest meeting and the study hours a day are more than 0 and at most "
        "%(limit)s hours."
    ): ("会议最长时长和每日学时上限须大于0且不超过%(limit)s小时。"),
    ("The fewest attendees for points is at least 1."): ("计分最少到会人数至少为1。"),
    ("Plausible meetings"): ("会议真实性"),
    (
        "A meeting lasts at most this many hours; one held with fewer attendees awards "
        "no points and raises a record signal"
    ): ("一次会议最多持续的小时数；到会人数少于下限的会议不计积分并生成记录预警"),
    ("Study hours a day"): ("每日学时"),
    ("A member's study records of one day add up to this many hours at most"): (
        "党员一天的学习记录合计最多为此学时数"
    ),
    (
        "Only approved records count to the study hours; an officer other than the "
        "member approves them."
    ): ("只有审核通过的记录计入学时；由党员本人以外的党务干部审核。"),
    (
        "Only approved records count to the study hours; an officer other than the "
        "member approves them, and a member records at most the day's limit of hours "
        "(settings)."
    ): (
        "只有审核通过的记录计入学时；由党员本人以外的党务干部审核，党员每天记录的"
        "学时不超过每日上限（见设置）。"
    ),
    (
        "%(member)s would have %(hours)s study hours on %(date)s: at most %(limit)s "
        "hours a day (settings)."
    ): ("%(member)s在%(date)s的学时将达到%(hours)s小时" "：每天最多%(limit)s小时（见设置）。"),
    ("%(subject)s is submitted or approved: it is kept as it was decided."): (
        "%(subject)s已提交或已审核通过，按审核时的内容保留。"
    ),
    ("To Decide"): ("待审核"),
    ("Done Late"): ("逾期完成"),
    (
        "Red: overdue; amber: due within the reminder days (settings); green: done or "
        "not due yet; done late: fulfilled by a record dated after the due date or "
        "entered late."
    ): (
        "红色：已逾期；黄色：在提醒天数内到期（见设置）；绿色：已完成或未到期；逾"
        "期完成：完成记录的日期晚于到期日或补录。"
    ),
    (
        "The tier table's amount for the member's category and base; only the committee"
        " changes it, giving a reason."
    ): ("按党员类别和缴费基数由党费标准表计算的金额；只有党委可以修改，并须说明理" "由。"),
    ("Reason for the Amount"): ("金额调整理由"),
    ("Why the committee set an amount other than the tier table's (logged)."): (
        "党委设定不同于党费标准表金额的理由（记入日志）。"
    ),
    (
        "The dues are the tier table's amount for the member's category and base "
        "(%(tier)s 元): only the committee sets another amount, giving a reason."
    ): (
        "党费为按党员类别和缴费基数由党费标准表计算的金额（%(tier)s 元）"
        "：只有党委可以设定其他金额，并须说明理由。"
    ),
    ("Give the reason for an amount other than the tier table's (%(tier)s 元)."): (
        "请说明不同于党费标准表金额（%(tier)s 元）的理由。"
    ),
    (
        "Amount due set by %(user)s from %(old)s to %(new)s 元 (tier table: %(tier)s 元)."
        " Reason: %(reason)s"
    ): ("%(user)s将应缴金额由%(old)s元调整为%(new)s元（标准" "表：%(tier)s元）。理由：%(reason)s"),
    (
        "The dues base and category of %(member)s decide their dues: only the committee"
        " or HR changes them."
    ): ("%(member)s的缴费基数和类别决定其党费：只有党委或人力资源部门可" "以修改。"),
    (
        "The amount due is the tier table's for the member's category and base; only "
        "the committee sets another, giving a reason. Dues paid in full by the end of "
        "the month earn the member the dues points. Import a spreadsheet with the "
        "standard import (Favorites → Import records)."
    ): (
        "应缴金额按党员类别和缴费基数由党费标准表确定；只有党委可以设定其他金额，"
        "并须说明理由。当月月底前足额缴纳党费的党员获得党费积分。可通过标准导入功"
        "能导入表格（收藏夹 → 导入记录）。"
    ),
}
