"""Logins for a generated company (tools/bench_shape.py, tools/bench_peak.py), set-based:
every member gets a user (login ``pm<member id>``, the members' groups, zh_CN), each
branch's first member is its secretary (an officer of the branches in their scope), the
second member of each general branch's first branch its officer, and five members the
committee's. One password for all (PASSWORD), hashed once: the hash is Odoo's own
(pbkdf2-sha512 with its rounds), so that a login costs what it costs in production.

Users are rows copied from one user made through the ORM per role (its groups with the
implied ones, its preferences), with their own partner; nothing per user in Python.
"""

PASSWORD = "peak-load-2026"
COMMITTEE_USERS = 5


def _template(env, login, group_xmlid):
    import odoo  # noqa: PLC0415 (the path is set by the caller)

    Users = env["res.users"].with_context(no_reset_password=True, active_test=False)
    user = Users.search([("login", "=", login)])
    if not user:
        user = Users.create(
            {
                "name": login,
                "login": login,
                "lang": "zh_CN",
                "tz": "Asia/Shanghai",
                "notification_type": "inbox",
                "groups_id": [
                    odoo.Command.set([env.ref("base.group_user").id, env.ref(group_xmlid).id])
                ],
            }
        )
    env.flush_all()
    return user


def create_users(env, scopes, generals, committee):
    """scopes: for each branch (first branch of each scope), the branches its
    secretary serves. Users already made are kept (a second run adds nothing)."""
    cr = env.cr
    member_tpl = _template(env, "peak_tpl_member", "party_quant.group_party_member")
    roles = {
        "branch": _template(env, "peak_tpl_branch", "party_quant.group_party_branch"),
        "general": _template(env, "peak_tpl_general", "party_quant.group_party_general_branch"),
        "committee": _template(env, "peak_tpl_committee", "party_quant.group_party_committee"),
    }
    password = env["res.users"]._crypt_context().hash(PASSWORD)
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND column_name NOT IN %s""",
        [
            "res_partner",
            ("id", "commercial_partner_id", "name", "complete_name", "create_date", "write_date"),
        ],
    )
    columns = [c for (c,) in cr.fetchall()]
    partner_columns = ", ".join(f'"{c}"' for c in columns)
    partner_values = ", ".join("'pm' || m.id" if c == "ref" else f'tpl."{c}"' for c in columns)
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_users'
              AND column_name NOT IN ('id', 'login', 'partner_id', 'password',
                                      'create_date', 'write_date')"""
    )
    columns = [c for (c,) in cr.fetchall()]
    user_columns = ", ".join(f'"{c}"' for c in columns)
    user_values = ", ".join(f'tpl."{c}"' for c in columns)
    # A partner and a user a member without one, matched by the partner's ref; the
    # partner its own commercial partner (its id drawn first).
    cr.execute(
        f"""INSERT INTO res_partner (id, commercial_partner_id, name, complete_name,
                                     create_date, write_date, {partner_columns})
            SELECT m.pid, m.pid, m.name, m.name, now(), now(), {partner_values}
              FROM (SELECT nextval('res_partner_id_seq') AS pid, id, name FROM party_member
                     WHERE user_id IS NULL AND active) AS m,
                   res_partner AS tpl
             WHERE tpl.id = %s""",
        [member_tpl.partner_id.id],
    )
    cr.execute(
        f"""INSERT INTO res_users (login, partner_id, password, create_date, write_date,
                                   {user_columns})
            SELECT p.ref, p.id, %s, now(), now(), {user_values}
              FROM res_partner AS p, res_users AS tpl
             WHERE tpl.id = %s AND p.ref LIKE 'pm%%'
               AND NOT EXISTS (SELECT 1 FROM res_users AS u WHERE u.login = p.ref)""",
        [password, member_tpl.id],
    )
    cr.execute(
        """UPDATE party_member AS m SET user_id = u.id
             FROM res_users AS u WHERE u.login = 'pm' || m.id AND m.user_id IS NULL"""
    )
    cr.execute(
        """INSERT INTO res_groups_users_rel (gid, uid)
           SELECT g.gid, u.id FROM res_users AS u, res_groups_users_rel AS g
            WHERE u.login LIKE 'pm%%' AND g.uid = %s
           ON CONFLICT DO NOTHING""",
        [member_tpl.id],
    )
    cr.execute(
        """INSERT INTO res_company_users_rel (cid, user_id)
           SELECT c.cid, u.id FROM res_users AS u, res_company_users_rel AS c
            WHERE u.login LIKE 'pm%%' AND c.user_id = %s
           ON CONFLICT DO NOTHING""",
        [member_tpl.id],
    )
    cr.execute("SELECT count(*) FROM res_users WHERE login LIKE 'pm%'")
    print(f"USERS {cr.fetchone()[0]:,} member logins", flush=True)
    # Officers: each branch's first member its secretary, serving its scope.
    cr.execute("CREATE TEMP TABLE peak_scope (branch int, organization int)")
    cr.executemany(
        "INSERT INTO peak_scope VALUES (%s, %s)",
        [(scope[0], org) for scope in scopes for org in scope],
    )
    cr.execute(
        """CREATE TEMP TABLE peak_officer AS
           SELECT DISTINCT ON (m.organization_id) m.organization_id AS branch, m.id AS member,
                  m.user_id AS uid, 'branch'::varchar AS role
             FROM party_member AS m WHERE m.organization_id IN (SELECT branch FROM peak_scope)
            ORDER BY m.organization_id, m.id"""
    )
    cr.execute(
        """UPDATE party_organization AS o SET secretary_id = f.member
             FROM peak_officer AS f WHERE f.branch = o.id"""
    )
    cr.execute(
        """INSERT INTO party_organization_res_users_rel (user_id, organization_id)
           SELECT f.uid, s.organization FROM peak_officer AS f
             JOIN peak_scope AS s ON s.branch = f.branch
           ON CONFLICT DO NOTHING"""
    )
    # General branches: the second member of their first branch; the committee: the
    # third member of the first five branches.
    cr.execute(
        """CREATE TEMP TABLE peak_numbered AS
           SELECT id, user_id, organization_id,
                  row_number() OVER (PARTITION BY organization_id ORDER BY id) AS k
             FROM party_member WHERE organization_id IN (SELECT branch FROM peak_officer)"""
    )
    cr.execute(
        """INSERT INTO peak_officer
           SELECT DISTINCT ON (o.general_branch_id) o.general_branch_id, m.id, m.user_id,
                  'general'
             FROM peak_numbered AS m JOIN party_organization AS o ON o.id = m.organization_id
            WHERE m.k = 2 AND o.general_branch_id = ANY(%s)
            ORDER BY o.general_branch_id, o.id""",
        [generals.ids],
    )
    cr.execute(
        """INSERT INTO peak_officer
           SELECT %s, m.id, m.user_id, 'committee'
             FROM peak_numbered AS m WHERE m.k = 3
            ORDER BY m.organization_id LIMIT %s""",
        [committee.id, COMMITTEE_USERS],
    )
    cr.execute(
        """INSERT INTO party_organization_res_users_rel (user_id, organization_id)
           SELECT uid, branch FROM peak_officer WHERE role IN ('general', 'committee')
           ON CONFLICT DO NOTHING"""
    )
    for role, template in roles.items():
        cr.execute(
            """INSERT INTO res_groups_users_rel (gid, uid)
               SELECT g.gid, f.uid FROM peak_officer AS f, res_groups_users_rel AS g
                WHERE f.role = %s AND g.uid = %s
               ON CONFLICT DO NOTHING""",
            [role, template.id],
        )
    cr.execute("SELECT role, count(DISTINCT uid) FROM peak_officer GROUP BY role")
    print(f"USERS officers {dict(cr.fetchall())}", flush=True)
    cr.execute("DROP TABLE peak_scope, peak_officer, peak_numbered")
    env.invalidate_all()
