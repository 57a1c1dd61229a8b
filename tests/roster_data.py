"""Realistic go-live sheets (deterministic): an organization tree with the same branch
names under different general branches, and a roster with valid ID numbers, full and
probationary members and officers by 党内职务. Used by the import tests and
``make bench``."""

import csv
import io
import random
from datetime import date, timedelta

from ..models.party_roster import id_number_with_check

ORGANIZATION_HEADER = ["组织代码", "组织名称", "上级组织代码", "组织全称", "组织类别", "支部类型"]
MEMBER_HEADER = [
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "公民身份号码",
    "学历",
    "人员类别",
    "入党日期",
    "转正日期",
    "所在党组织",
    "工作岗位",
    "手机号码",
    "党费基数",
    "党内职务",
    "工号",
]
GENERAL_NAMES = ["营销", "运检", "调控", "建设", "物资", "财务", "信通", "后勤", "安监", "发展"]
BRANCH_NAMES = ["第一党支部", "第二党支部", "第三党支部", "营业厅党支部", "变电运维党支部"]
BRANCH_NAMES += ["机关党支部", "客户服务党支部", "配电党支部", "输电党支部", "综合党支部"]
TYPES = ["管理型", "服务型", "经营型", "生产型"]
POSTS = ["书记", "副书记", "组织委员", "宣传委员", "纪检委员"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志"
EDUCATION = ["大学本科", "本科", "硕士研究生", "大学专科", "大专", "高中", "博士研究生"]
POSITIONS = ["客户经理", "运维值班员", "调度员", "会计", "专责", "班长", "主管"]


def organization_rows(prefix="GL", generals=4, branches=10, root="国网泉州供电公司党委"):
    """Rows (dicts by Chinese header) of a tree: a committee, ``generals`` general
    branches of ``branches`` branches each (the same names under each), every third
    branch by its full path instead of its parent's code; shuffled."""
    rows = [{"组织代码": prefix, "组织名称": root, "组织类别": "党委"}]
    for g in range(generals):
        general_name = f"{GENERAL_NAMES[g % len(GENERAL_NAMES)]}党总支" + (
            str(g // len(GENERAL_NAMES)) if g >= len(GENERAL_NAMES) else ""
        )
        general_code = f"{prefix}{g + 1:02d}"
        rows.append(
            {
                "组织代码": general_code,
                "组织名称": general_name,
                "上级组织代码": prefix,
                "组织类别": "党总支",
            }
        )
        for b in range(branches):
            row = {
                "组织代码": f"{general_code}{b + 1:03d}",
                "组织类别": "党支部",
                "支部类型": TYPES[(g + b) % len(TYPES)],
            }
            name = BRANCH_NAMES[b % len(BRANCH_NAMES)] + (
                str(b // len(BRANCH_NAMES)) if b >= len(BRANCH_NAMES) else ""
            )
            if b % 3 == 2:
                row["组织全称"] = f"{root}/{general_name}/{name}"
            else:
                row["组织名称"] = name
                row["上级组织代码"] = general_code
            rows.append(row)
    random.Random(7).shuffle(rows)
    return rows


def branch_codes(rows):
    return sorted(row["组织代码"] for row in rows if row["组织类别"] == "党支部")


def member_rows(codes, count, seed=11, first=0):
    """``count`` members spread over the branches ``codes``: valid ID numbers (unique
    by their number ``first`` + i), one in ten probationary, the first five of each
    branch its committee (书记, 副书记, 组织委员, 宣传委员, 纪检委员)."""
    rng = random.Random(seed)
    born_from = date(1962, 1, 1)
    seats = {}
    rows = []
    for i in range(first, first + count):
        code = codes[i % len(codes)]
        born = born_from + timedelta(days=i % 14000)
        sequence = 100 + (i // 14000) * 2 + rng.randint(0, 1)
        id_number = id_number_with_check(f"350502{born:%Y%m%d}{sequence:03d}")
        male = int(id_number[16]) % 2 == 1
        probationary = i % 10 == 9
        joined = date(min(born.year + 25, 2025), 7, 1)
        seat = seats.get(code, 0)
        post = ""
        if not probationary and seat < len(POSTS):
            post = POSTS[seat]
            seats[code] = seat + 1
        rows.append(
            {
                "姓名": SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)],
                "性别": "男" if male else "女",
                "民族": "汉族" if i % 13 else "回族",
                "出生日期": born.isoformat(),
                "公民身份号码": id_number,
                "学历": EDUCATION[i % len(EDUCATION)],
                "人员类别": "预备党员" if probationary else "正式党员",
                "入党日期": joined.isoformat(),
                "转正日期": "" if probationary else date(joined.year + 1, 7, 1).isoformat(),
                "所在党组织": code,
                "工作岗位": POSITIONS[i % len(POSITIONS)],
                "手机号码": f"139{i:08d}",
                "党费基数": str(3000 + (i % 50) * 200),
                "党内职务": post,
                "工号": f"E{i:07d}",
            }
        )
    return rows


def to_csv(header, rows):
    """The rows as a UTF-8 CSV (with the BOM Excel writes)."""
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return output.getvalue().encode("utf-8-sig")


CRITERIA_HEADER = ["支部类型", "指标代码", "指标名称", "指标类别", "分值", "加分项", "评分方法"]
COMMON_CRITERIA = [("JC01", "三会一课", 15), ("JC02", "基础资料", 10), ("JC03", "党务公开", 5)]
COMMON_CRITERIA += [("JC04", "党费与党员管理", 10)]


def criteria_rows(types=tuple(TYPES), specific=4):
    """A scoring sheet (考评细则): the common basic tasks (通用, 40 points), then per
    type ``specific`` type-specific criteria totalling 60 and two bonus items."""
    rows = [
        {
            "支部类型": "通用",
            "指标代码": code,
            "指标名称": name,
            "指标类别": "基础",
            "分值": str(score),
            "加分项": "否",
            "评分方法": f"{name}：每缺一项扣2分。",
        }
        for code, name, score in COMMON_CRITERIA
    ]
    for t, type_label in enumerate(types):
        scores = [60 // specific] * specific
        scores[0] += 60 - sum(scores)
        for s, score in enumerate(scores):
            rows.append(
                {
                    "支部类型": type_label,
                    "指标代码": f"T{t + 1}{s + 1:02d}",
                    "指标名称": f"{type_label[:2]}特色指标{s + 1}",
                    "指标类别": "特色",
                    "分值": str(score),
                    "加分项": "",
                    "评分方法": "完成得满分，未完成按比例扣分。",
                }
            )
        for b in range(2):
            rows.append(
                {
                    "支部类型": type_label,
                    "指标代码": f"J{t + 1}{b + 1:02d}",
                    "指标名称": f"{type_label[:2]}加分项{b + 1}",
                    "指标类别": "",
                    "分值": "3",
                    "加分项": "是",
                    "评分方法": "获上级表彰的加分。",
                }
            )
    return rows
