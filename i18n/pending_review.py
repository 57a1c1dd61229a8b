T = {
    "%(member)s: the login has been used or has rights given by an administrator; its password is reset by the administrator.": "%(member)s：该账号已登录使用过，或拥有管理员授予的权限，其密码由管理员重置。",
    "Messenger ids sign people in without a password: only an administrator of the users imports them.": "消息账号可免密码登录：只有用户管理员可以导入。",
    "%(member)s is %(status)s on %(date)s: only a member in good standing (在册) is recorded away from home.": "%(member)s 在 %(date)s 的状态为%(status)s：只有在册党员才能登记为流动党员。",
    "Only a member in good standing or away from home can be marked out of contact.": "只有在册或流动党员可以标记为失联。",
    "%(name)s is completed: its record is kept as it is.": "%(name)s 已办结：记录保持原样，不能修改。",
    "%(name)s is decided: its record is kept as it is.": "%(name)s 已作出决定：记录保持原样，不能修改。",
}
