# New or changed msgids of the decisions branch (issue 21 items 3, 4, 10, (b), (c), (d)),
# with their zh_CN; the lead folds them into zh_CN.po at the merge.
T = {
    "Party Decision: Notice to the Subject and the Next Person's To-do": (
        "党建决定：通知当事人并生成下一步待办"
    ),
    "Your leave from %(meeting)s (%(start)s) is approved by %(user)s.": (
        "您对%(meeting)s（%(start)s）的请假已由%(user)s批准。"
    ),
    (
        "Your leave from %(meeting)s (%(start)s) is refused by %(user)s: please "
        "attend, or speak to your branch secretary."
    ): ("您对%(meeting)s（%(start)s）的请假未获%(user)s批准：请按时参加，或与支部书记沟通。"),
    "Your leave from %(meeting)s (%(start)s) is being reconsidered by %(user)s.": (
        "您对%(meeting)s（%(start)s）的请假正由%(user)s重新审议。"
    ),
    "Leave to Decide": "请假待批",
    "Approve or refuse the leave request": "批准或不批准请假申请",
    (
        "This to-do is for %(user)s: only they, or an officer of %(record)s, can "
        "mark it done or change it."
    ): ("此待办属于%(user)s：只有本人或%(record)s的党务工作人员可以完成或修改。"),
    (
        "%(kind)s: this record belongs to another branch or person and is not "
        "shown to you. Open your own records from your workbench, or ask your "
        "branch secretary."
    ): (
        "%(kind)s：此记录属于其他支部或其他人，不向您显示。请从您的工作台打开自己的记录，或询问支部书记。"
    ),
    (
        "%(kind)s: you cannot change this record in its present state. Ask your "
        "branch secretary or the officer in charge to change it."
    ): ("%(kind)s：此记录当前状态下您不能修改。请由支部书记或负责的党务工作人员修改。"),
    (
        "%(kind)s: you cannot create this record. Ask your branch secretary or "
        "the officer in charge to record it."
    ): ("%(kind)s：您不能新建此记录。请由支部书记或负责的党务工作人员登记。"),
    (
        "%(kind)s: you cannot delete this record. Records are kept; ask your "
        "branch secretary if it is wrong."
    ): ("%(kind)s：您不能删除此记录。记录均须保留；如有错误请联系支部书记。"),
    "Can Manage": "可管理",
    (
        "Whether the current user is an officer of the meeting's branch (holds, "
        "cancels and plans it again); the buttons show for them only."
    ): (
        "当前用户是否为会议所在支部的党务工作人员（确认召开、取消、重新计划）；相关按钮仅对其显示。"
    ),
    "Can Report": "可报告整改",
    "Can Review": "可验收整改",
}
