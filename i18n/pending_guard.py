# New msgids of the guard branch (issue 20, items 1-2), for the lead's merge into zh_CN.po.
T = {
    "%(field)s: record %(value)s is outside your reach; a record can only point where you "
    "may work.": "%(field)s：记录 %(value)s 不在您的权限范围内；记录只能指向您有权办理的范围。",
    "%(name)s cannot be moved there: you could not have created it there.": (
        "%(name)s 不能移到该处：您无权在该处创建它。"
    ),
    "You cannot decide your own entry: %(name)s concerns you, and another officer of the "
    "branch or the level above decides it.": (
        "不能决定与本人有关的事项：%(name)s 涉及您本人，应由支部其他委员或上级组织决定。"
    ),
}
