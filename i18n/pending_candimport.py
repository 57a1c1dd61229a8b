# Translations of the candimport branch (issue 23 item 7, the candidates import): new
# msgids. The lead merges them into zh_CN.po.
T = {
    "Development Candidates": "发展党员",
    "Warnings": "警告",
    "[{row, message}]: what the checks warned of, kept on the lines.": (
        "[{行号, 内容}]：检查发出的警告，已记在各步骤记录上。"
    ),
    "No development rule version is in force.": "没有正在执行的发展党员工作细则版本。",
    "%(org)s is not a branch: candidates are developed by branches.": (
        "%(org)s不是党支部：发展党员由党支部进行。"
    ),
    "No step date: give at least the date of %(step)s.": (
        "没有任何步骤的日期：至少填写“%(step)s”的日期。"
    ),
    "%(column)s: no member has the employee number or ID number %(value)s.": (
        "%(column)s：没有工号或身份证号为%(value)s的党员。"
    ),
    "The file leaves out %(step)s, taken on %(date)s: a step taken is kept as written.": (
        "文件缺少已于%(date)s完成的“%(step)s”：已完成的步骤按原记录保留，不能删改。"
    ),
    (
        "%(step)s was taken on %(date)s and the file says %(file_date)s: a step taken is kept as "
        "written."
    ): (
        "“%(step)s”已于%(date)s完成，文件中为%(file_date)s：已完成的步骤按原记录保留，请更正文件。"
    ),
    "Row %(row)s: %(message)s": "第%(row)s行：%(message)s",
    (
        "%(count)s steps imported from %(file)s (row %(row)s); the file is the proof of the "
        "imported steps."
    ): ("从%(file)s（第%(row)s行）导入%(count)s个步骤；该文件即为导入步骤的凭证。"),
    "%(name)s is already a member of %(org)s: the file gives no %(step)s.": (
        "%(name)s已是%(org)s的党员，但文件中没有“%(step)s”的日期。"
    ),
    "Warnings (kept on the steps taken):": "警告（已记在相应步骤记录上）：",
    (
        "Taken from an import of the candidates already in development: the import's file is its "
        "proof."
    ): ("由在培养人员导入生成：导入文件即为其凭证。"),
    "Row of the Import": "导入文件行号",
    "imported from %(file)s, row %(row)s": "导入自%(file)s第%(row)s行",
}
