# New or changed English msgids of the points branch (issue 21 items 2, 4, 5, 6, 7)
# with their Chinese; the lead merges them into zh_CN.po.
T = {
    # Rejected claims: fix and resubmit, withdraw
    "Fix and Resubmit": "修改后重新提交",
    "Withdraw": "撤回",
    "Withdraw this claim? It is deleted.": "撤回这条积分申报？撤回后将被删除。",
    "Fix the claim and submit it again, or withdraw it.": "请修改后重新提交，或撤回该申报。",
    "<strong>Rejected before: </strong>": "<strong>曾被退回：</strong>",
    "Can Revise": "可修改重报",
    "Can Withdraw": "可撤回",
    "The user may fix this rejected claim and submit it again, or withdraw it.": (
        "当前用户可修改这条被退回的申报并重新提交，或将其撤回。"
    ),
    "%(name)s is %(state)s: only your own draft or rejected claims can be withdrawn.": (
        "%(name)s当前为%(state)s：只能撤回本人草稿或被退回的申报。"
    ),
    "Entries from a meeting record or an appeal are the system's: they stay.": (
        "来自会议记录或申诉更正的积分由系统生成，不能删除。"
    ),
    # Totals: approved entries only
    "Counted Points": "计入积分",
    "Approved total": "已批准合计",
    "The points of an approved entry; drafts, claims waiting for approval and rejected "
    "claims count 0.": "已批准积分登记的分值；草稿、待审核和已退回的申报计为0。",
    # Officers' deduction form
    "Record a Deduction": "登记扣分",
    "Your Branches": "所辖支部",
    "The branches the officer serves; the member is chosen among their members.": (
        "当前委员所负责的支部；只能从这些支部的党员中选择。"
    ),
    "Deduction Rule": "扣分规则",
    "The reason of the deduction (the member reads it)": "扣分原因（党员本人可见）",
    '<i class="fa fa-camera me-1"/>This rule needs evidence: attach a photo or a file.': (
        '<i class="fa fa-camera me-1"/>该规则需要佐证材料：请上传照片或文件。'
    ),
    "Record the Deduction": "登记扣分",
    "Choose a deduction rule.": "请选择扣分规则。",
    "You record deductions for the members of your branches only.": (
        "只能为所辖支部的党员登记扣分。"
    ),
    # Appeals: decision in one step, missing credit
    "Rule of the Missing Credit": "漏记积分规则",
    "A credit that was not recorded (漏记): the rule that gives it. The correction is then a "
    "new entry of this rule, its points checked against this rule's range; empty, the "
    "appealed entry itself is corrected.": (
        "漏记的积分：应给分的积分规则。更正时按该规则新增一条积分，分值按该规则的范围校验；"
        "为空时更正被申诉的这条积分。"
    ),
    "Can Decide": "可处理",
    "The user decides the appeal (the level above).": "当前用户负责处理该申诉（上级组织）。",
    "Decide": "处理申诉",
    "Decide the Appeal": "处理申诉",
    "Decide a Points Appeal": "处理积分申诉",
    "The Appealed Entry": "被申诉的积分",
    "Entry Rule": "原积分规则",
    "Entry Points": "原积分",
    "Reason of the Appeal": "申诉理由",
    "Outcome": "处理结果",
    "Refuse the appeal: the entry stays": "驳回申诉：维持原积分",
    "Correct the entry's points": "更正该条积分",
    "Add a missing credit": "补记漏记积分",
    "Correct Points": "更正后分值",
    "What the entry should have given (0 withdraws it), or the missing credit's points, "
    "within its rule's range.": (
        "该条积分应得的分值（0为撤销该条积分），或漏记积分的分值，须在其规则范围内。"
    ),
    "The decision, as the member will read it": "处理决定（党员本人可见）",
    "Confirm the Decision": "确认处理决定",
    "Why is the entry wrong? (or which credit is missing)": "积分哪里有误？（或漏记了哪项积分）",
    "The appeal is decided by the level above the branch.": "申诉由支部的上级组织处理。",
    "Choose the rule of the missing credit.": "请选择漏记积分的规则。",
    "A missing credit is not a deduction: choose another rule.": (
        "漏记积分不能是扣分规则，请另选规则。"
    ),
    "%(rule)s gives between %(low)s and %(high)s points; %(points)s was decided.": (
        "%(rule)s的分值范围为%(low)s至%(high)s分；处理决定为%(points)s分。"
    ),
    "Missing credit added after the appeal on %(entry)s: %(decision)s": (
        "申诉%(entry)s后补记漏记积分：%(decision)s"
    ),
    "Your appeal on “%(entry)s” of %(date)s is refused: the entry stays. %(decision)s": (
        "您对%(date)s“%(entry)s”的申诉未予支持，维持原积分。%(decision)s"
    ),
    "Your appeal on “%(entry)s” of %(date)s is accepted: the missing credit “%(rule)s” of "
    "%(points)s points is added. %(decision)s": (
        "您对%(date)s“%(entry)s”的申诉已受理：补记漏记积分“%(rule)s”%(points)s分。%(decision)s"
    ),
    "Your appeal on “%(entry)s” of %(date)s is accepted: the entry is corrected by "
    "%(points)s points. %(decision)s": (
        "您对%(date)s“%(entry)s”的申诉已受理：该条积分更正%(points)s分。%(decision)s"
    ),
    "Appeal corrected: tell the branch about %(member)s's points": (
        "申诉已更正：请向支部通报%(member)s的积分变化"
    ),
    # The general branch's and the committee's workbench
    "Appeals to Decide": "待处理申诉",
    "Appeals to decide": "待处理申诉",
    "Open appeals of the members of the branches under this organization.": (
        "本组织所辖支部党员尚未处理的积分申诉。"
    ),
}
