"""zh_CN of the terms of moving in and out (issue 25), until merged into zh_CN.po."""

T = {
    "Member Status History": "党员状态记录",
    "Membership Transfer": "组织关系转接",
    "Member Away from Home": "流动党员",
    "Status History": "状态记录",
    "Reason for Leaving": "出党原因",
    "Transferred Out": "转出",
    "Withdrew from the Party (退党)": "退党",
    "Removed (除名)": "除名",
    "Expelled (开除党籍)": "开除党籍",
    "Lapsed (自行脱党)": "自行脱党",
    "Deceased": "死亡",
    "The member's branch when the status began.": "状态开始时党员所在的党支部。",
    "Empty while the status lasts.": "状态持续期间为空。",
    "Document": "依据文件",
    "The decision, letter or certificate the status rests on.": "状态所依据的决定、介绍信或证明。",
    "A status period of %(member)s cannot end before it starts.": (
        "%(member)s 的状态期间不能早于开始日期结束。"
    ),
    "Left on": "出党日期",
    "Dues Paid to (党费交至)": "党费交至",
    "For a member transferred in: the month the dues were paid to in the sending "
    "organization (its letter); no dues are generated up to that month.": (
        "转入党员：在原党组织已交党费的月份（见介绍信）；该月及以前不再生成党费。"
    ),
    "The status of %(member)s changes through a transfer, an away record, a "
    "lost-contact case or a decision on leaving; only the committee corrects it by "
    "hand.": (
        "%(member)s 的党员状态通过组织关系转接、流动党员登记、失联处理或出党决定变更；只"
        "有党委可以手工更正。"
    ),
    "%(member)s has a status from %(date)s: a new one cannot start before it.": (
        "%(member)s 自 %(date)s 起已有状态记录：新状态不能早于该日期开始。"
    ),
    "Out": "转出",
    "In": "转入",
    "Out: the member who leaves. In: the member registered from the letter.": (
        "转出：转出的党员。转入：依介绍信登记的党员。"
    ),
    "Registered Member": "登记的党员",
    "Out: the member's branch. In: the branch the member is placed in.": (
        "转出：党员所在党支部。转入：接收党员的党支部。"
    ),
    "Other Organization": "对方党组织",
    "Out: the receiving organization (outside the company). In: the sending one.": (
        "转出：接收的党组织（公司外）。转入：转出的党组织。"
    ),
    "Change of work unit, of residence, ...": "工作单位变动、居住地变动等",
    "Letter Number": "介绍信编号",
    "Out: given at the approval. In: the number on the letter received.": (
        "转出：审批时编号。转入：所收介绍信上的编号。"
    ),
    "The month the dues are paid to (its first day). Out: set by the branch's check"
    " from the dues records. In: from the letter; no dues are generated up to it.": (
        "党费交至的月份。转出：党支部核对党费记录时确定。转入：按介绍信填写；该月及以前不"
        "再生成党费。"
    ),
    "Out: the approval date plus the validity setting (set at the approval). In: "
    "from the letter.": ("转出：审批日期加上有效期设置（审批时确定）。转入：按介绍信填写。"),
    "Sent Online": "网上转接",
    "Transferred in the national party members' system instead of a paper letter.": (
        "通过全国党员管理信息系统网上转接，不开纸质介绍信。"
    ),
    "Online Reference": "网上转接编号",
    "Receipt Date": "回执日期",
    "Out: the date the receipt (回执) came back; the member leaves on it. In: the "
    "date the member arrived with the letter.": (
        "转出：回执寄回的日期，党员于该日转出。转入：党员持介绍信报到的日期。"
    ),
    "Approved on": "审批日期",
    "Dues Checked": "党费已核",
    "Letter Issued": "已开介绍信",
    "Completed": "已完成",
    "The letter is past its validity and its receipt has not come back.": (
        "介绍信已过有效期，回执尚未寄回。"
    ),
    "Transfer out": "转出",
    "Transfer in": "转入",
    "Transfers are made by branches.": "组织关系转接由党支部办理。",
    "Say which member transfers out.": "请选择转出的党员。",
    "%(member)s is not a member of %(branch)s.": "%(member)s 不是 %(branch)s 的党员。",
    "Give the name of the member transferring in.": "请填写转入党员的姓名。",
    "A receipt or an arrival is recorded once it happened.": "回执或报到在发生后才能登记。",
    "The receipt cannot come back before the letter left.": "回执日期不能早于介绍信开出日期。",
    "%(member)s already has a transfer out under way.": "%(member)s 已有正在办理的转出。",
    "The direction of a transfer is set when it is created.": "转接方向在创建时确定。",
    "%(name)s is under way: cancel it and start again to change it.": (
        "%(name)s 正在办理：如需修改，请取消后重新办理。"
    ),
    "%(name)s cannot go to %(state)s.": "%(name)s 不能转到 %(state)s。",
    "A transfer out is requested, checked and approved first.": "转出须先申请、核对党费并经审批。",
    "%(name)s: name the receiving organization, or mark it sent online.": (
        "%(name)s：请填写接收党组织，或标记为网上转接。"
    ),
    "%(name)s: give the date of the receipt (回执) first.": "%(name)s：请先填写回执日期。",
    "%(member)s owes the dues of %(months)s: collect them before the letter.": (
        "%(member)s 欠缴 %(months)s 的党费：请在开介绍信前收齐。"
    ),
    "Transferred in from %(org)s (letter %(number)s), dues paid to %(month)s.": (
        "由 %(org)s 转入（介绍信 %(number)s），党费交至 %(month)s。"
    ),
    "%(member)s: the receipt of letter %(number)s has not come back (valid until " "%(date)s)": (
        "%(member)s：介绍信 %(number)s 的回执尚未寄回（有效期至 %(date)s）"
    ),
    "Transfer Letter Validity (days)": "介绍信有效期（天）",
    "Days a transfer letter out is valid (介绍信有效期); local rules allow 10 days to 6 "
    "months.": ("转出介绍信的有效天数；各地规定为10天至6个月。"),
    "A transfer letter is valid between %(low)s and %(high)s days.": (
        "介绍信有效期须在 %(low)s 至 %(high)s 天之间。"
    ),
    "Transfer Letters Out": "组织关系介绍信",
    "Follow up the member's transfer or absence": "跟进党员的组织关系转接或外出",
    "Party Building: letters out past their validity without receipt": "党建：介绍信过期未回执",
    "Party Building: members' status of the day, absences ending": "党建：党员当日状态、外出到期",
    "Request": "提出申请",
    "Approve and Issue the Letter": "审批并开具介绍信",
    "Record the Receipt": "登记回执",
    "Register the Member": "登记党员",
    "Print the Letter": "打印介绍信",
    "Print the Receipt": "打印回执",
    "e.g. 中共某某公司委员会": "如：中共某某公司委员会",
    "The Member on the Letter": "介绍信上的党员信息",
    "Under Way": "办理中",
    "Waiting for the Receipt": "待回执",
    "Direction": "方向",
    "Membership Transfers": "组织关系转接",
    "No transfer yet": "暂无组织关系转接",
    "A transfer out: the member or the secretary asks, the branch checks the dues, "
    "the committee approves and the letter is printed; the member leaves when the "
    "receipt comes back. A transfer in registers a member from the letter they "
    "bring.": (
        "转出：党员或支部书记申请，党支部核对党费，党委审批并打印介绍信；回执寄回后党员转"
        "出。转入：依党员所持介绍信登记党员。"
    ),
    "Letter validity": "介绍信有效期",
    "Days a transfer letter out is valid: 10 days to 6 months": "转出介绍信的有效天数：10天至6个月",
    "Transfer Letter": "组织关系介绍信",
    "Transfer Letter of Party Membership (Stub)": "中国共产党党员组织关系介绍信（存根）",
    "Transfer Letter of Party Membership": "中国共产党党员组织关系介绍信",
    "Comrade %(name)s": "%(name)s同志",
    "), of": "），原属",
    ", transfers their party membership to": "，党员组织关系转至",
    "Dues paid to": "党费交至",
    ". Valid until": "。有效期至",
    "Issued on": "开具日期",
    "Cut here · seal across the line": "骑缝处 · 加盖骑缝章",
    ", joined the Party on": "，入党日期",
    ") transfers their party membership from": "）的党员组织关系由",
    "to your organization. Please receive them.": "转去你处，请接洽。",
    ". This letter is valid until": "。本介绍信有效期至",
    "Receipt": "回执",
    "The party membership of Comrade": "党员",
    "has been received.": "同志的党员组织关系已转达我处。",
    "Home Branch": "所在党支部",
    "Where": "外出地点",
    "Host Organization": "流入地党组织",
    "The party organization the member joins while away (no vote there).": (
        "党员外出期间参加活动的党组织（无表决权）。"
    ),
    "Until": "至",
    "Mobile Member's Activity Certificate (流动党员活动证)": "流动党员活动证",
    "Member's Certificate Letter (党员证明信)": "党员证明信",
    "Certificate Issued": "所开证明",
    "Certificate Number": "证明编号",
    "An absence cannot end before it starts.": "外出结束日期不能早于开始日期。",
    "%(member)s is already away on these dates.": "%(member)s 在这些日期已登记外出。",
    "%(member)s: away at %(place)s until %(date)s — back, extended or transferring?": (
        "%(member)s：在 %(place)s 外出至 %(date)s——已返回、延期还是转接组织关系？"
    ),
    "Away Now": "正在外出",
    "Members Away from Home": "流动党员",
    "No member away from home": "暂无流动党员",
    "A member working or living away for a while (流动党员): where, until when, the "
    "host organization and the certificate issued. They stay in the branch's counts"
    " and dues, excused from its member assemblies' quorum.": (
        "外出务工、居住一段时间的党员（流动党员）：外出地点、期限、流入地党组织和所开证明"
        "。仍计入本支部人数并在本支部交党费，不计入支部党员大会应到人数。"
    ),
    "Receipt Warned": "已提醒回执",
    "Receipt Overdue": "回执逾期",
    "Attempt to Reach a Member": "失联党员查找记录",
    "Decision on Membership": "党籍处理",
    "Who Tried": "查找人",
    "How": "查找方式",
    "Phone": "电话",
    "Visit": "走访",
    "Letter": "信函",
    "Online or Messaging": "网络或即时通讯",
    "Through Family or Employer": "通过家属或单位",
    "Public Notice": "公告",
    "An attempt is recorded once it was made.": "查找在进行后才能登记。",
    "Suspension of Membership (停止党籍)": "停止党籍",
    "Effective Date": "生效日期",
    "The decision's number or reference.": "决定的文号。",
    "Grounds": "理由",
    "From the records, when the branch proposed.": "党支部提出时从记录中提取。",
    "Proposed to the Committee": "已报党委",
    "A decision takes effect on a day that has come.": "决定的生效日期不能晚于今天。",
    "%(name)s is before the committee: it cannot change.": "%(name)s 已报党委：不能修改。",
    "%(name)s: give the decision's document (number) first.": "%(name)s：请先填写决定文号。",
    "%(member)s has not been out of contact for %(months)s months: 停止党籍 cannot be "
    "proposed yet.": ("%(member)s 失联未满 %(months)s 个月：尚不能提出停止党籍。"),
    "%(member)s is neither suspended for %(years)s years nor %(months)s months "
    "without dues or organizational life (Art. 9).": (
        "%(member)s 既未停止党籍满 %(years)s 年，也未连续 %(months)s 个月不交党费或不参加"
        "组织生活（党章第九条）。"
    ),
    "Attempts to Reach": "查找记录",
    "Out of Contact since": "失联日期",
    "停止党籍 from": "可停止党籍日期",
    "Six months out of contact: from this day the branch may propose 停止党籍.": (
        "失联满六个月：自该日起党支部可提出停止党籍。"
    ),
    "Removal from": "可除名日期",
    "Two years after the suspension: from this day the branch proposes the removal.": (
        "停止党籍满两年：自该日起党支部提出除名。"
    ),
    "Clock": "时限",
    "Out of contact since: %(lost)s. Suspended since: %(suspended)s. Attempts to "
    "reach: %(attempts)s. Consecutive months of dues unpaid: %(months)s. Last "
    "meeting attended: %(last)s.": (
        "失联日期：%(lost)s。停止党籍日期：%(suspended)s。查找次数：%(attempts)s。连续未"
        "交党费月数：%(months)s。最近一次参加会议：%(last)s。"
    ),
    "Art. 9: six months without dues or meetings": "党章第九条：连续六个月未交党费、未参加组织生活",
    "%(days)s days left": "剩余 %(days)s 天",
    "Due since %(date)s": "自 %(date)s 起已到期",
    "Search the members out of contact with is set or not set.": (
        "请用“已设置/未设置”查找失联党员。"
    ),
    "Only a member out of contact can be marked as found.": "只有失联党员可以标记为恢复联系。",
    "Only an officer of %(branch)s may do this.": "只有 %(branch)s 的党务干部可以执行此操作。",
    "You cannot decide your own entry.": "不能处理自己的事项。",
    "Propose to the Committee": "报党委",
    "Evidence from the Records": "记录中的依据",
    "Decisions on Membership": "党籍处理",
    "No decision on membership": "暂无党籍处理",
    "停止党籍 after six months out of contact, removal two years later or under Art. 9,"
    " withdrawal, removal, expulsion, death: proposed by the branch, decided by the"
    " committee, with the date and the document. The member's file is kept.": (
        "失联满六个月停止党籍，两年后或按党章第九条除名，退党、除名、开除党籍、死亡：党支"
        "部提出，党委决定，注明日期和文件。党员档案保留。"
    ),
    "Out of Contact": "失联",
    "Mark this member out of contact from today?": "自今日起将该党员标记为失联？",
    "Back in Contact": "恢复联系",
    "Clocks of the National Rules": "规定时限",
    "No attempt recorded": "暂无查找记录",
    "Every attempt to reach a member out of contact: who tried, when, how, and what"
    " came of it.": ("查找失联党员的每次记录：查找人、时间、方式和结果。"),
    "Members out of Contact": "失联党员",
    "'%s %s' % "
    "(object.env.ref('party_quant.action_report_transfer_letter').sudo().name, "
    "object.letter_number or object.id)": (
        "'%s %s' % (object.env.ref('party_quant.action_report_transfer_letter').sudo().na"
        "me, object.letter_number or object.id)"
    ),
    "<span>Out of contact</span>": "<span>失联</span>",
    "<span>away or transferring</span>": "<span>流动或转出中</span>",
    "<span>clock run out</span>": "<span>时限已到</span>",
    "Away or Transferring Out": "流动或转出中",
    "Clocks Run Out": "时限已到",
    "Days a letter out is valid (介绍信有效期); local rules allow 10 days to 6 months.": (
        "转出介绍信的有效天数；各地规定为10天至6个月。"
    ),
    "Members 失联 or 停止党籍 today.": "今日失联或停止党籍的党员。",
    "Members 流动 or 转出中 today.": "今日流动或转出中的党员。",
    "Out of Contact or Suspended": "失联或停止党籍",
    "Out of contact for six months (停止党籍 to propose) or suspended for two years "
    "(removal to propose).": ("失联满六个月（应提出停止党籍）或停止党籍满两年（应提出除名）。"),
    "Letter No.": "编号",
    "Notes on the absence": "外出情况说明",
    "Kind of Membership": "党员类别",
}
