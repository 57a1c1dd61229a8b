#!/usr/bin/env python3
"""Generate the demo XML that reproduces the seed company (国网泉州供电公司).

Deterministic: running it again yields the same files. Usage:
    python3 tools/gen_demo.py
"""

import random
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TOTAL_MEMBERS = 850

# (xml id suffix, name, general branch key or None for the committee, type code)
GENERAL_BRANCHES = [
    ("functional", "职能党总支"),
    ("marketing", "营销党总支"),
    ("production", "生产党总支"),
    ("collective", "集体企业党总支"),
]
BRANCHES = [
    ("office", "办公室党支部", "functional", "management"),
    ("hr", "人力资源部党支部", "functional", "management"),
    ("finance", "财务资产部党支部", "functional", "management"),
    ("planning", "发展策划部党支部", "functional", "management"),
    ("safety", "安全监察质量部党支部", "functional", "management"),
    ("party_affairs", "党建工作部党支部", "functional", "management"),
    ("audit", "纪检监察审计党支部", "functional", "management"),
    ("supply", "物资供应中心党支部", "functional", "management"),
    ("ict", "信息通信分公司党支部", "functional", "management"),
    ("research", "经济技术研究所党支部", "functional", "management"),
    ("organs", "公司机关党支部", None, "management"),
    ("customer", "客户服务中心党支部", "marketing", "service"),
    ("service_hall", "营业厅党支部", "marketing", "service"),
    ("hotline", "95598服务站党支部", "marketing", "service"),
    ("marketing_dept", "营销部党支部", "marketing", "operating"),
    ("metering", "电能计量中心党支部", "marketing", "operating"),
    ("market", "市场拓展党支部", "marketing", "operating"),
    ("billing", "电费管理党支部", "marketing", "operating"),
    ("inspection", "用电检查党支部", "marketing", "operating"),
    ("ev", "电动汽车服务党支部", "marketing", "operating"),
    ("dispatch", "调度控制中心党支部", "production", "production"),
    ("maintenance", "运维检修部党支部", "production", "production"),
    ("substation_1", "变电运维一党支部", "production", "production"),
    ("substation_2", "变电运维二党支部", "production", "production"),
    ("substation_repair", "变电检修党支部", "production", "production"),
    ("transmission", "输电运检党支部", "production", "production"),
    ("distribution", "配电运检党支部", "production", "production"),
    ("cable", "电缆运检党支部", "production", "production"),
    ("protection", "继电保护党支部", "production", "production"),
    ("jinjiang", "晋江供电党支部", "production", "production"),
    ("nanan", "南安供电党支部", "production", "production"),
    ("huian", "惠安供电党支部", "production", "production"),
    ("hengyuan", "恒源电力实业党支部", "collective", "operating"),
    ("energy", "综合能源服务党支部", "collective", "operating"),
    ("design", "电力设计院党支部", "collective", "operating"),
    ("engineering", "电力工程公司党支部", "collective", "production"),
    ("installation", "输变电安装党支部", "collective", "production"),
    ("overhaul", "送变电检修公司党支部", "collective", "production"),
]
SURNAMES = (
    "林林林陈陈陈黄黄王王李李张张吴吴刘刘蔡郑郑杨洪许苏庄曾谢施柯何"
    "傅卢叶周徐孙马朱胡郭高罗梁宋唐邱颜骆戴詹"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌辉"
    "鹏宇浩然晓东海燕丹玲婷雪梅红波俊峰晨阳琳琦欣怡嘉宏毅坤钰锋"
)
POSITIONS = [
    "专责",
    "工程师",
    "高级工程师",
    "班长",
    "副班长",
    "技术员",
    "主管",
    "副主任",
    "客户经理",
    "运维值班员",
    "检修工",
    "调度员",
    "营业员",
    "会计",
]


def attr(value):
    return escape(str(value), {'"': "&quot;"})


def field(name, value=None, ref=None, eval_=None):
    if ref is not None:
        return f'        <field name="{name}" ref="{ref}"/>'
    if eval_ is not None:
        return f'        <field name="{name}" eval="{attr(eval_)}"/>'
    return f'        <field name="{name}">{escape(str(value))}</field>'


def member_sizes(rng):
    sizes = [rng.randint(14, 30) for _ in BRANCHES]
    # Spread the remainder so that the company has exactly TOTAL_MEMBERS members.
    while sum(sizes) != TOTAL_MEMBERS:
        i = rng.randrange(len(sizes))
        step = 1 if sum(sizes) < TOTAL_MEMBERS else -1
        if 12 <= sizes[i] + step <= 40:
            sizes[i] += step
    return sizes


def main():
    rng = random.Random(20161103)
    org_lines = ['<?xml version="1.0" encoding="utf-8"?>', "<odoo>"]
    org_lines += [
        '    <record id="base.main_company" model="res.company">',
        field("name", "国网泉州供电公司"),
        "    </record>",
        '    <record id="party_org_committee_demo" model="party.organization">',
        field("name", "国网泉州供电公司党委"),
        field("kind", "committee"),
        field("code", "QZ"),
        "    </record>",
    ]
    for key, name in GENERAL_BRANCHES:
        org_lines += [
            f'    <record id="party_org_{key}_demo" model="party.organization">',
            field("name", name),
            field("kind", "general_branch"),
            field("parent_id", ref="party_org_committee_demo"),
            "    </record>",
        ]
    for index, (key, name, parent, type_code) in enumerate(BRANCHES, start=1):
        parent_ref = f"party_org_{parent}_demo" if parent else "party_org_committee_demo"
        org_lines += [
            f'    <record id="party_org_branch_{key}_demo" model="party.organization">',
            field("name", name),
            field("kind", "branch"),
            field("code", f"QZ{index:03d}"),
            field("parent_id", ref=parent_ref),
            field("branch_type_id", ref=f"branch_type_{type_code}"),
            "    </record>",
        ]
    org_lines.append("</odoo>")

    member_lines = ['<?xml version="1.0" encoding="utf-8"?>', "<odoo>"]
    seats = []
    number = 0
    today = date(2026, 1, 1)
    for (key, _name, _parent, _type), size in zip(BRANCHES, member_sizes(rng), strict=True):
        branch_members = []
        for _ in range(size):
            number += 1
            xml_id = f"party_member_{number:04d}_demo"
            name = rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))
            )
            join = date(1985, 1, 1) + timedelta(days=rng.randrange((today - date(1985, 1, 1)).days))
            probationary = (today - join).days < 365
            member_lines += [
                f'    <record id="{xml_id}" model="party.member" '
                "context=\"{'mail_create_nolog': True, 'tracking_disable': True}\">",
                field("name", name),
                field("organization_id", ref=f"party_org_branch_{key}_demo"),
                field("state", "probationary" if probationary else "full"),
                field("join_date", join.isoformat()),
            ]
            if not probationary:
                member_lines.append(
                    field("full_member_date", (join + timedelta(days=365)).isoformat())
                )
            member_lines += [
                field("gender", rng.choice(("male", "male", "female"))),
                field("position", rng.choice(POSITIONS)),
                field("employee_number", f"QZ{number:05d}"),
                "    </record>",
            ]
            branch_members.append((probationary, xml_id))
        # Full members first: they hold the committee seats.
        seats.append((key, [xml_id for _p, xml_id in sorted(branch_members, key=lambda m: m[0])]))

    # Secretaries and branch committees: the first members of each branch.
    firsts = dict(seats)
    for index, (key, branch_members) in enumerate(seats):
        committee_size = 5 if len(branch_members) >= 30 else 3
        committee = branch_members[:committee_size]
        member_lines += [
            f'    <record id="party_org_branch_{key}_demo" model="party.organization">',
            field("secretary_id", ref=committee[0]),
            field("secretary_mode", "full_time" if index % 3 == 0 else "part_time"),
            field(
                "committee_member_ids",
                eval_="[Command.set([" + ", ".join(f"ref('{m}')" for m in committee) + "])]",
            ),
            "    </record>",
        ]
    # The committee's and the general branches' secretaries come from branches under them.
    leaders = [
        ("party_org_committee_demo", firsts["organs"][1]),
        ("party_org_functional_demo", firsts["office"][1]),
        ("party_org_marketing_demo", firsts["marketing_dept"][1]),
        ("party_org_production_demo", firsts["maintenance"][1]),
        ("party_org_collective_demo", firsts["hengyuan"][1]),
    ]
    for org_ref, member_ref in leaders:
        member_lines += [
            f'    <record id="{org_ref}" model="party.organization">',
            field("secretary_id", ref=member_ref),
            field("secretary_mode", "full_time"),
            "    </record>",
        ]
    member_lines.append("</odoo>")

    # Demo users, one per role (login = password), linked to members of their scope.
    users = [
        # login, name, group, managed organization, member record
        (
            "committee",
            "林党建",
            "group_party_committee",
            "party_org_committee_demo",
            firsts["party_affairs"][2],
        ),
        (
            "general",
            "陈总支",
            "group_party_general_branch",
            "party_org_marketing_demo",
            firsts["marketing_dept"][1],
        ),
        (
            "branch",
            "黄支书",
            "group_party_branch",
            "party_org_branch_service_hall_demo",
            firsts["service_hall"][0],
        ),
        ("member", "王党员", "group_party_member", None, firsts["service_hall"][5]),
    ]
    user_lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<odoo>",
        "    <!-- The demo users work in Chinese. -->",
        '    <function model="res.lang" name="_activate_lang" eval="[[], \'zh_CN\']"/>',
    ]
    for login, name, group, org_ref, member_ref in users:
        user_lines += [
            f'    <record id="user_party_{login}_demo" model="res.users">',
            field("name", name),
            field("login", login),
            field("password", login),
            field("email", f"{login}@example.com"),
            field("lang", "zh_CN"),
            field("tz", "Asia/Shanghai"),
            field("groups_id", eval_=f"[Command.link(ref('{group}'))]"),
        ]
        if org_ref:
            user_lines.append(
                field("party_organization_ids", eval_=f"[Command.set([ref('{org_ref}')])]")
            )
        user_lines += [
            "    </record>",
            f'    <record id="{member_ref}" model="party.member">',
            field("user_id", ref=f"user_party_{login}_demo"),
            "    </record>",
        ]
    user_lines.append("</odoo>")
    (ROOT / "demo" / "res_users_demo.xml").write_text("\n".join(user_lines) + "\n")

    (ROOT / "demo" / "party_organization_demo.xml").write_text("\n".join(org_lines) + "\n")
    (ROOT / "demo" / "party_member_demo.xml").write_text("\n".join(member_lines) + "\n")
    print(f"{len(BRANCHES)} branches, {number} members")


if __name__ == "__main__":
    main()
