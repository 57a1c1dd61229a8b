# zh_CN of the background jobs (models/party_job.py, views/party_job_views.xml,
# data/party_job_data.xml); merged by tools/i18n_merge.py.
T = {
    "Background Job": "后台任务",
    "Background Jobs": "后台任务",
    "Points Handbooks": "党员积分手册",
    "Points Ledger": "积分台账",
    "Record Signals Refresh": "刷新材料预警",
    "Requested by": "申请人",
    "Records Model": "记录模型",
    "Records Printed": "打印的记录",
    "Queued": "排队中",
    "Running": "进行中",
    "Done": "已完成",
    "Failed": "失败",
    "Status": "状态",
    "Progress": "进度",
    "Percent of the work done.": "已完成工作的百分比。",
    "Why It Failed": "失败原因",
    "File": "文件",
    "Parts Done": "已完成部分",
    "Started": "开始时间",
    "Finished": "完成时间",
    "Kind": "类型",
    "Total": "合计",
    "Year": "年度",
    "Refresh": "刷新",
    "Retry": "重试",
    "My Jobs": "我的任务",
    "Group By": "分组",
    "No background job yet": "暂无后台任务",
    "Long prints (the handbooks or the ledger of many members) and the signals' refresh "
    "run here; you are notified when the file is ready.": (
        "耗时较长的打印（多名党员的积分手册或积分台账）和材料预警刷新在此后台运行；"
        "文件生成后会通知您。"
    ),
    "%(job)s failed: %(reason)s": "%(job)s 失败：%(reason)s",
    "%(job)s is ready.": "%(job)s 已生成。",
    "%(job)s is done: %(count)s new signals.": "%(job)s 已完成：新增 %(count)s 条预警。",
    "The records of this job no longer exist.": "该任务涉及的记录已不存在。",
    "Points Handbooks %(scope)s %(year)s": "党员积分手册 %(scope)s %(year)s",
    "Points Ledger %(scope)s %(year)s": "积分台账 %(scope)s %(year)s",
    "Points Handbooks of %(count)s Members %(year)s": "%(count)s 名党员的积分手册 %(year)s",
    "Record Signals Refresh %(date)s": "刷新材料预警 %(date)s",
    "Party Building: run background jobs": "党建：运行后台任务",
    "Points Handbook": "党员积分手册",
    "Points Handbooks of the Members": "党员积分手册（全体党员）",
    "Points Ledger (Excel)": "积分台账（Excel）",
    "Refresh Signals Now": "立即刷新材料预警",
    "These are the handbooks of %(count)s members: print them from the Print menu, which "
    "prepares more than %(size)s in the background.": (
        "共 %(count)s 名党员的积分手册：请从“打印”菜单打印，超过 %(size)s 名时将在后台生成。"
    ),
}
