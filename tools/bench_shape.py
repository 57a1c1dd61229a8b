"""`SHAPE=company make bench-scale`: a second dataset, shaped like a real company and
unlike the uniform one of tools/bench_scale.py, generated with set-based SQL from a fixed
seed (Python's random for the few thousand organizations, a hash of each row's key in
SQL for the millions of rows: the same data whatever the query plan).

- branches of 8 to 400 members (lognormal, median 30: a long tail of large branches),
  general branches of 5 to 200 branches (lognormal, median 20);
- point entries spread at random over the year (0 to 20 a member a month, on random
  days, random rules, entered 0 to 10 days later), none after today;
- 1 to 5 meetings a branch a month on random days and hours, of every kind, entered 0
  to 20 days after (late ones flagged as the application would), 60 to 100 % present;
  minutes of 8 to 30 sentences composed from phrase pools in random order (thousands of
  distinct sentences, about 300 to 1,100 characters), so that near-identical minutes are rare
  but exist: one meeting in 400 is a branch's earlier minutes with a word changed;
- officers who serve several branches: one secretary a branch, a quarter of them also
  officers of 1 to 3 other branches of their general branch; officers of each general
  branch and of the committee (the logins of tools/bench_peak.py, all members included).

Imported by tools/bench_scale.py (its ``generate`` when SHAPE=company); the measures are
bench_scale's.
"""

import random
import time

SEED = 20261203
BRANCH_MIN, BRANCH_MAX, BRANCH_MEDIAN = 8, 400, 30
GENERAL_MIN, GENERAL_MAX, GENERAL_MEDIAN = 5, 200, 20
SIGMA = 1.0
NEAR_COPY_ONE_IN = 400
LATE_DAYS = 7

# The unit interval from a hash of a row's key: deterministic, independent of the plan.
U = "((hashtext({}) & 2147483647)::float8 / 2147483648.0)"

DEPARTMENTS = (
    "营销部 运维检修部 调度控制中心 财务资产部 物资供应中心 安全监察部 信息通信分公司 "
    "变电运维中心 输电运检中心 配电运检中心 客户服务中心 综合服务中心 建设部 发展策划部 "
    "人力资源部 审计部 供电服务指挥中心 电力调度中心 计量中心 培训中心 后勤服务中心 "
    "城区供电所 城东供电所 城西供电所 城南供电所 城北供电所 开发区供电所 工业园区供电所"
).split()
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉"
    "建国志鑫宇浩然晨阳欣怡子轩梓涵博文思远佳琪雨桐俊杰嘉懿诗雅晓东海燕春梅秋菊振华永红德胜"
)
SUBJECTS = (
    "支部书记 支部委员 组织委员 宣传委员 纪检委员 青年委员 全体党员 与会党员 "
    "入党积极分子 党小组长 班组长 老党员代表 新入职党员 技术骨干党员 党员突击队 "
    "党员服务队 联系点领导 党建指导员"
).split()
VERBS = (
    "传达学习了 深入学习了 认真讨论了 逐条对照了 专题研究了 集中学习了 交流分享了 "
    "组织开展了 部署推进了 检查落实了 总结回顾了 分析研判了 带头讲解了 补充完善了"
).split()
OBJECTS = (
    "习近平新时代中国特色社会主义思想 党的二十大精神 上级党委近期工作部署 "
    "全面从严治党主体责任清单 本月安全生产重点工作 迎峰度夏保供电方案 "
    "优质服务提升行动方案 党风廉政建设责任书 基层党组织标准化建设要求 "
    "“三会一课”制度执行情况 党员积分管理办法 党费收缴使用管理规定 "
    "主题党日活动方案 抢修服务承诺落实情况 客户投诉整改措施 "
    "班组建设和技能培训计划 廉洁风险防控要点 意识形态工作责任制 "
    "民主评议党员工作安排 发展党员工作流程 党员先锋岗创建方案 "
    "供电可靠性提升措施 营商环境优化举措 数字化转型重点任务 "
    "隐患排查治理台账 节假日保电预案 乡村振兴帮扶项目 志愿服务活动安排"
).split()
ENDINGS = (
    "，大家结合岗位实际谈了体会。 ，会议明确了责任人和完成时限。 ，并形成了整改清单。 "
    "，要求各党小组抓好落实。 ，与会同志一致表示赞同。 ，会上提出了改进意见和建议。 "
    "，下一步将纳入月度考核。 ，支部将跟踪督办落实情况。 。 ，并对存在问题作了说明。"
).split()


def lognormal_sizes(rng, total, median, low, high):
    """Sizes drawn lognormal around median, clipped to [low, high], summing to total."""
    sizes = []
    while sum(sizes) < total:
        sizes.append(min(max(round(rng.lognormvariate(0, SIGMA) * median), low), high))
    excess = sum(sizes) - total
    sizes[-1] -= excess
    if sizes[-1] < low and len(sizes) > 1:
        last = sizes.pop()
        sizes[-1] += last
    return sizes


def names(rng, count):
    return [
        rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        for _ in range(count)
    ]


def generate(env, size, year, signals_only=False):
    """The dataset; returns the branches and the general branches (organizations).
    ``signals_only`` (bench_scale's SIGNALS_ONLY=1): what the record signals read only,
    the members, meetings and attendances, without the point ledger and the logins."""
    cr = env.cr
    rng = random.Random(SEED)
    start = time.perf_counter()
    branch_sizes = lognormal_sizes(rng, size, BRANCH_MEDIAN, BRANCH_MIN, BRANCH_MAX)
    general_sizes = lognormal_sizes(
        rng, len(branch_sizes), GENERAL_MEDIAN, GENERAL_MIN, GENERAL_MAX
    )
    Org = env["party.organization"].with_context(tracking_disable=True, mail_create_nolog=True)
    committee = Org.create({"name": "Scale Committee 国网示范公司党委", "kind": "committee"})
    generals = Org.create(
        [
            {
                "name": f"Scale General {g:03d} {DEPARTMENTS[g % len(DEPARTMENTS)]}党总支",
                "kind": "general_branch",
                "parent_id": committee.id,
            }
            for g in range(len(general_sizes))
        ]
    )
    types = env["party.branch.type"].search([])
    parents = [generals[g].id for g, count in enumerate(general_sizes) for _ in range(count)]
    rng.shuffle(parents)
    branches = Org.create(
        [
            {
                "name": f"Scale Branch {b:04d} {rng.choice(DEPARTMENTS)}第{b % 9 + 1}党支部",
                "kind": "branch",
                "parent_id": parents[b],
                "branch_type_id": rng.choice(types).id,
            }
            for b in range(len(branch_sizes))
        ]
    )
    env.flush_all()
    cr.execute("CREATE TEMP TABLE shape_branch (id int PRIMARY KEY, size int)")
    cr.executemany(
        "INSERT INTO shape_branch VALUES (%s, %s)",
        list(zip(branches.ids, branch_sizes, strict=True)),
    )
    cr.execute("CREATE TEMP TABLE shape_name (k int PRIMARY KEY, name varchar)")
    pool = names(rng, 5000)
    cr.executemany("INSERT INTO shape_name VALUES (%s, %s)", list(enumerate(pool)))
    u_member = U.format("branch.id || '-' || n")
    cr.execute(
        f"""INSERT INTO party_member (name, organization_id, general_branch_id, branch_type_id,
                                      state, active, points_total, join_date,
                                      create_date, write_date, create_uid, write_uid)
            SELECT nm.name, branch.id, org.general_branch_id, org.branch_type_id,
                   CASE WHEN {u_member} < 0.08 THEN 'probationary' ELSE 'full' END, TRUE, 0,
                   DATE '1970-01-01' + (({u_member}) * 20000)::int, now(), now(), 1, 1
              FROM shape_branch AS branch
              JOIN party_organization AS org ON org.id = branch.id,
                   generate_series(1, branch.size) AS n,
                   shape_name AS nm
             WHERE nm.k = (hashtext('name' || branch.id || '-' || n) & 2147483647) %% %s""",
        [len(pool)],
    )
    cr.execute(
        """INSERT INTO party_member_membership (member_id, organization_id, date_start,
                                                create_date, write_date, create_uid, write_uid)
           SELECT id, organization_id, join_date, now(), now(), 1, 1
             FROM party_member WHERE organization_id IN (SELECT id FROM shape_branch)"""
    )
    print(
        f"SHAPE {len(branch_sizes)} branches ({min(branch_sizes)}–{max(branch_sizes)} "
        f"members), {len(general_sizes)} general branches ({min(general_sizes)}–"
        f"{max(general_sizes)} branches)",
        flush=True,
    )
    if not signals_only:
        _ledger(env, year)
    _meetings(env, year)
    if not signals_only:
        _officers(env, rng, branches, generals, committee)
    cr.execute("ANALYZE")
    print(f"SHAPE generated in {time.perf_counter() - start:.0f} s", flush=True)
    return branches, generals


def _ledger(env, year):
    """0 to 20 approved entries a member a month on random days, none after today."""
    cr = env.cr
    from bench_rules import ledger_rules  # noqa: PLC0415 (tools/ is on the path)

    rules = ledger_rules(env, "shape_rule")
    key = "member.id || '-' || month.n || '-' || e.k"
    day = (
        f"make_date({year}, month.n, 1) + (({U.format(key + ' || chr(100)')}) * "
        f"EXTRACT(DAY FROM make_date({year}, month.n, 1) + INTERVAL '1 month - 1 day'))::int"
    )
    entered = U.format(key + " || 'c'")
    cr.execute("ALTER TABLE party_point_line DISABLE TRIGGER USER")
    cr.execute(
        f"""INSERT INTO party_point_line (name, member_id, rule_id, part, date, points, state,
                                          organization_id, general_branch_id, approved_by_id,
                                          description, create_date, write_date,
                                          create_uid, write_uid)
            SELECT member.name, member.id, rule.id, rule.part, entry.day, rule.points,
                   'approved', member.organization_id, member.general_branch_id, 1,
                   'Shape entry', entry.day + ({entered} * 10)::int,
                   entry.day + ({entered} * 10)::int, 1, 1
              FROM party_member AS member
              JOIN shape_branch AS branch ON branch.id = member.organization_id,
                   generate_series(1, 12) AS month(n),
                   generate_series(1, 20) AS e(k),
                   LATERAL (SELECT {day} AS day) AS entry,
                   shape_rule AS rule
             WHERE e.k <= ({U.format("member.id || '-' || month.n")} * 21)::int
               AND entry.day <= CURRENT_DATE
               AND rule.k = (hashtext({key} || 'r') & 2147483647) %% %s""",
        [rules],
    )
    cr.execute("ALTER TABLE party_point_line ENABLE TRIGGER USER")
    start = time.perf_counter()
    env["party.point.report"]._summary_rebuild()
    print(
        f"SHAPE summary rebuilt from the ledger in {time.perf_counter() - start:.1f} s", flush=True
    )


def _meetings(env, year):
    cr = env.cr
    cr.execute("CREATE TEMP TABLE shape_phrase (k int PRIMARY KEY, phrase varchar)")
    phrases = [s + v + o for s in SUBJECTS for v in VERBS for o in OBJECTS]
    cr.executemany("INSERT INTO shape_phrase VALUES (%s, %s)", list(enumerate(phrases)))
    cr.execute("CREATE TEMP TABLE shape_ending (k int PRIMARY KEY, ending varchar)")
    cr.executemany("INSERT INTO shape_ending VALUES (%s, %s)", list(enumerate(ENDINGS)))
    kinds = [
        "member_assembly",
        "committee_meeting",
        "group_meeting",
        "lecture",
        "theme_day",
        "study",
    ]
    key = "branch.id || '-' || month || '-' || n"
    u_day, u_hour = U.format(key + " || 'd'"), U.format(key + " || 'h'")
    u_entered, u_sentences = U.format(key + " || 'e'"), U.format(key + " || 'n'")
    start = (
        f"make_date({year}, month, 1) + ({u_day} * 27)::int "
        f"+ TIME '08:00' + (({u_hour} * 10)::int) * INTERVAL '1 hour'"
    )
    entered = f"({u_entered} * 20)::int * INTERVAL '1 day' + INTERVAL '3 hours'"
    # The minutes: 8 to 30 sentences, each a subject, a verb, an object and an ending
    # drawn by hash, in the order of another hash, between an opening and a count;
    # a month a statement: the triggers compute each batch's signatures (trigrams of
    # the minutes) in one statement, whose sorts stay small this way.
    insert = f"""INSERT INTO party_meeting (organization_id, name, kind, state, date, start,
                                       minutes, late_entry, create_date, write_date,
                                       create_uid, write_uid)
            SELECT branch.id, m.kind_label || ' ' || to_char(m.start, 'MM-DD'), m.kind,
                   CASE WHEN m.start < now() THEN 'done' ELSE 'draft' END,
                   m.start::date, m.start,
                   '<p>' || to_char(m.start, 'YYYY年MM月DD日') || '，' || org.name
                   || '召开' || m.kind_label || '。应到' || branch.size || '人。</p><p>'
                   || (SELECT string_agg(p.phrase || e.ending, ''
                                         ORDER BY hashtext({key} || 'o' || i))
                         FROM generate_series(1, 8 + ({u_sentences} * 23)::int)
                              AS i
                         JOIN shape_phrase AS p
                           ON p.k = (hashtext({key} || 'p' || i) & 2147483647) %% %(phrases)s
                         JOIN shape_ending AS e
                           ON e.k = (hashtext({key} || 'x' || i) & 2147483647) %% %(endings)s)
                   || '</p>',
                   m.start + {entered} - m.start::date > INTERVAL '{LATE_DAYS} days',
                   LEAST(m.start + {entered}, now() - INTERVAL '1 day'),
                   LEAST(m.start + {entered}, now() - INTERVAL '1 day'), 1, 1
              FROM shape_branch AS branch
              JOIN party_organization AS org ON org.id = branch.id,
                   generate_series(%(month)s, %(month)s) AS month,
                   generate_series(1, 5) AS n,
                   LATERAL (SELECT {start} AS start,
                                   (%(kinds)s::varchar[])[1 + (hashtext({key} || 'k')
                                                        & 2147483647) %% 6] AS kind,
                                   (%(labels)s::varchar[])[1 + (hashtext({key} || 'k')
                                                          & 2147483647) %% 6] AS kind_label)
                           AS m
             WHERE n <= 1 + ({U.format("branch.id || '-' || month")} * 5)::int"""
    for month in range(1, 13):
        cr.execute(
            insert,
            {
                "month": month,
                "phrases": len(phrases),
                "endings": len(ENDINGS),
                "kinds": kinds,
                "labels": ["支部党员大会", "支委会", "党小组会", "党课", "主题党日", "集中学习"],
            },
        )
    # Near-identical minutes: one meeting in 400 takes the minutes of an earlier meeting
    # of its branch (within two months) with one word changed.
    cr.execute(
        f"""UPDATE party_meeting AS copy
               SET minutes = overlay(original.minutes PLACING '改动' FROM 60 FOR 2)
              FROM party_meeting AS original
             WHERE copy.organization_id IN (SELECT id FROM shape_branch)
               AND {U.format("copy.id || 'copy'")} < 1.0 / {NEAR_COPY_ONE_IN}
               AND original.id = (SELECT o.id FROM party_meeting AS o
                                   WHERE o.organization_id = copy.organization_id
                                     AND o.start < copy.start
                                     AND o.start > copy.start - INTERVAL '60 days'
                                   ORDER BY o.start DESC LIMIT 1)"""
    )
    cr.execute(
        f"""INSERT INTO party_meeting_attendee_rel (meeting_id, member_id)
            SELECT meeting.id, member.id
              FROM party_meeting AS meeting
              JOIN party_member AS member ON member.organization_id = meeting.organization_id
             WHERE meeting.organization_id IN (SELECT id FROM shape_branch)
               AND meeting.state = 'done'
               AND {U.format("meeting.id || '-' || member.id")}
                   < 0.6 + 0.4 * {U.format("meeting.id || 'rate'")}"""
    )
    cr.execute(
        """SELECT COUNT(*), AVG(length(minutes)), MIN(length(minutes)), MAX(length(minutes))
             FROM party_meeting WHERE organization_id IN (SELECT id FROM shape_branch)"""
    )
    count, average, shortest, longest = cr.fetchone()
    print(
        f"SHAPE {count:,} meetings, minutes of {shortest}–{longest} characters "
        f"(mean {average:.0f})",
        flush=True,
    )


def _officers(env, rng, branches, generals, committee):
    """The logins (tools/bench_peak.py's users): officers of several branches."""
    from bench_users import create_users  # noqa: PLC0415 (tools/ is on the path)

    by_general = {}
    for branch in branches:
        by_general.setdefault(branch.parent_id.id, []).append(branch.id)
    scopes = []
    for branch in branches:
        scope = [branch.id]
        siblings = [b for b in by_general[branch.parent_id.id] if b != branch.id]
        if siblings and rng.random() < 0.25:
            scope += rng.sample(siblings, min(len(siblings), rng.randint(1, 3)))
        scopes.append(scope)
    create_users(env, scopes, generals, committee)
