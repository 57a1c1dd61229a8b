# zh_CN of the terms added by the access rules, the HR group and the pay linkage
# (issue 12, part C); the lead folds them into zh_CN.po when merging.
T = {
    "Closed Months": "已结账月份",
    "HR": "人力资源",
    "HR's view of the secretaries' pay linkage.": "人力资源查看支部书记绩效挂钩。",
    "Human resources: the secretaries' pay linkage of every branch (read only).": (
        "人力资源：各支部书记的绩效挂钩（只读）。"
    ),
    "My Pay Linkage": "我的绩效挂钩",
    "No pay linkage yet": "暂无绩效挂钩记录",
    "Officer Scope": "管理范围",
    "Party Building Pay Linkage": "党建绩效挂钩",
    "Secretary's User": "支部书记用户",
    "The monthly close freezes the branch secretary's pay factor here.": (
        "月度结账后，支部书记的绩效系数在此固定。"
    ),
    "The organizations this user's officer rights reach: the branches they manage, "
    "and everything under the general branches (or the committee) they manage. Every "
    "officer record rule reads it.": (
        "该用户管理权限覆盖的组织：其管理的党支部，以及其管理的党总支（或党委）下的全部组织。"
        "各级管理人员的记录规则均据此判断。"
    ),
    "The pay linkage is for the party committee, HR and the secretary concerned only.": (
        "绩效挂钩数据仅限党委、人力资源和本支部书记查看。"
    ),
}
