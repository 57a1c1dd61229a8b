"""zh_CN of the directory sign-in's terms (helper "ldap"), for the integrator to fold
into zh_CN.po (tools/i18n_merge.py i18n/pending_ldap.py)."""

T = {
    "Employee Number Attribute": "工号属性",
    "Mobile Attribute": "手机号码属性",
    "Party Members": "党员",
    "Template User": "模板用户",
    "Company LDAP configuration": "公司 LDAP 配置",
    "No party member matches this directory entry.": "没有与该目录条目对应的党员。",
    "The member template %(user)s must give the party member rights and no officer or "
    "administrator rights.": (
        "党员账号模板 %(user)s 只能授予党员权限，不能授予党务干部或管理员权限。"
    ),
    "The directory attribute matched with the party member's employee number at the first "
    "sign-in. Empty: no matching by employee number.": (
        "首次登录时与党员工号匹配的目录属性。留空：不按工号匹配。"
    ),
    "The directory attribute matched with the party member's mobile number at the first "
    "sign-in, when the employee number matches nobody. Empty: no matching by mobile "
    "number.": (
        "首次登录时，工号未匹配到党员时与党员手机号码匹配的目录属性。" "留空：不按手机号码匹配。"
    ),
    "The user new members' users are made from: its groups (party member rights only), "
    "language, time zone and notifications.": (
        "新党员账号据以创建的用户：沿用其权限组（仅限党员权限）、语言、时区和通知方式。"
    ),
    "A first sign-in makes a user only for the one party member with the entry's employee "
    "number (or mobile) and no user yet.": (
        "首次登录时，仅当恰有一名党员的工号（或手机号码）与目录条目一致且尚无账号时，"
        "才为其创建账号。"
    ),
    "%(with_login)s of %(total)s members have a login; the others get theirs at their "
    "first directory sign-in (%(servers)s)": (
        "%(total)s 名党员中 %(with_login)s 名已有账号；"
        "其余党员首次通过目录（%(servers)s）登录时获得账号"
    ),
}
