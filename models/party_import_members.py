"""The member import (花名册): the roster as the national member system exports it.

Members are matched by ID number (公民身份号码), or by employee number where a row has
none; a second import of the same file changes nothing. A member whose branch changed
in the file moves through the transfer (``party.member.transfer``: history kept, points
stay where they were earned). The posts (党内职务) set the branch committees, the
secretaries and their scopes (``party.organization._sync_officers``).
"""

import re
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.models import MAGIC_COLUMNS
from odoo.tools import SQL, clean_context

from .party_import import parse_date as parse_text_date
from .party_import import split_path
from .party_roster import id_number_birth_date, id_number_check

MEMBER_COLUMNS = {
    "name": ("姓名", "党员姓名"),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月"),
    "id_number": ("公民身份号码", "身份证号码", "身份证号", "证件号码"),
    "education": ("学历", "最高学历", "文化程度"),
    "state": ("人员类别", "党员类别", "党员类型"),
    "join_date": ("入党日期", "入党时间"),
    "full_member_date": ("转正日期", "转正时间"),
    "organization": (
        "所在党组织",
        "所在党支部",
        "所在支部",
        "党组织",
        "所在党组织代码",
        "党组织代码",
    ),
    "position": ("工作岗位", "岗位"),
    "mobile": ("手机号码", "手机号", "手机", "联系电话"),
    "dues_base": ("党费基数", "党费缴纳基数"),
    "party_post": ("党内职务", "党内职务名称"),
    "native_place": ("籍贯",),
    "work_start_date": ("参加工作日期", "参加工作时间"),
    "employee_number": ("员工编号", "工号", "员工号", "人员编号"),
    "status": ("党员状态",),
}
LABELS = {
    "gender": {"男": "male", "女": "female"},
    "state": {
        "正式党员": "full",
        "预备党员": "probationary",
        "正式": "full",
        "预备": "probationary",
    },
    "education": {
        "博士": "doctorate",
        "博士研究生": "doctorate",
        "研究生": "master",
        "硕士": "master",
        "硕士研究生": "master",
        "大学本科": "bachelor",
        "本科": "bachelor",
        "大学专科": "college",
        "大专": "college",
        "专科": "college",
        "中专": "secondary",
        "中等专科": "secondary",
        "中技": "secondary",
        "技校": "secondary",
        "高中": "high_school",
        "初中": "junior",
        "初中及以下": "junior",
        "小学": "junior",
    },
    "party_post": {
        "书记": "secretary",
        "支部书记": "secretary",
        "党支部书记": "secretary",
        "副书记": "deputy_secretary",
        "支部副书记": "deputy_secretary",
        "党支部副书记": "deputy_secretary",
        "组织委员": "organization",
        "宣传委员": "propaganda",
        "纪检委员": "discipline",
        "纪律检查委员": "discipline",
        "委员": "committee",
        "支委": "committee",
        "支部委员": "committee",
        "青年委员": "committee",
        "党小组长": "group_leader",
        "小组长": "group_leader",
        "无": False,
        "党员": False,
    },
    "status": {
        "正常": "active",
        "转出中": "transferring_out",
        "流动党员": "away",
        "流动": "away",
        "失联党员": "lost_contact",
        "失联": "lost_contact",
        "停止党籍": "suspended",
        "出党": "left",
        "已出党": "left",
    },
}
# Values compared and written as they are; dates and the private ones apart.
PLAIN = ("name", "gender", "ethnicity", "education", "state", "position", "mobile")
PLAIN += ("native_place", "employee_number", "status")
DATES = ("join_date", "full_member_date", "work_start_date")
MOBILE = re.compile(r"^1\d{10}$")


class PartyImport(models.Model):
    _inherit = "party.import"

    @api.model
    def _columns_members(self):
        return MEMBER_COLUMNS

    @api.model
    def _required_columns_members(self):
        return ("name", "organization", "state")

    @api.model
    def _example_members(self):
        return [
            "张伟",
            "男",
            "汉族",
            "1985-03-12",
            "350502198503121236",
            "大学本科",
            "正式党员",
            "2008-07-01",
            "2009-07-01",
            "QZ0101",
            "客户经理",
            "13905951234",
            "8000",
            "组织委员",
            "福建泉州",
            "2007-08-01",
            "E00123",
            "正常",
        ]

    def _member_labels(self, name):
        """{label or key: key} of a selection of party.member, in English and Chinese,
        with the national system's wordings."""
        lookup = dict(LABELS.get(name, {}))
        for lang in ("en_US", "zh_CN"):
            env = self.with_context(lang=lang).env
            for key, label in env["party.member"]._fields[name]._description_selection(env):
                lookup.setdefault(label, key)
                lookup.setdefault(key, key)
        return lookup

    def _check_members(self, rows, errors):
        Organization = self.env["party.organization"].sudo().with_context(active_test=False)
        organizations = {}
        for org in Organization.search_fetch([], ["code", "complete_name", "kind", "name"]):
            organizations["/".join(split_path(org.complete_name or ""))] = org
            if org.code:
                organizations[org.code] = org
        labels = {name: self._member_labels(name) for name in LABELS}
        id_numbers, employee_numbers = {}, {}
        parsed = []
        for number, row in rows:
            values, problems = self._member_values(row, labels, organizations)
            for key, seen, message in (
                (
                    values.get("id_number_private"),
                    id_numbers,
                    _("The ID number %(value)s is already in row %(row)s."),
                ),
                (
                    values.get("employee_number"),
                    employee_numbers,
                    _("The employee number %(value)s is already in row %(row)s."),
                ),
            ):
                if key and key in seen:
                    problems.append(message % {"value": key, "row": seen[key]})
                elif key:
                    seen[key] = number
            errors.extend((number, problem) for problem in problems)
            parsed.append((number, values, bool(problems)))
        existing = self._existing_members(id_numbers, employee_numbers)
        plan = {"create": [], "update": [], "unchanged": 0}
        final_posts = {}
        for number, values, bad in parsed:
            member = existing["id"].get(values.get("id_number_private")) or (
                not values.get("id_number_private")
                and existing["employee"].get(values.get("employee_number"))
            )
            by_employee = existing["employee"].get(values.get("employee_number"))
            if member and by_employee and by_employee != member:
                errors.append(
                    (
                        number,
                        _(
                            "The ID number is that of %(one)s and the employee number that "
                            "of %(other)s.",
                            one=member.name,
                            other=by_employee.name,
                        ),
                    )
                )
                continue
            if bad:
                continue
            if values.get("party_post") == "secretary":
                final_posts.setdefault(values["organization_id"], []).append(
                    (number, member.id if member else None)
                )
            if not member:
                plan["create"].append(values | {"row": number})
                continue
            changes = self._member_changes(member, values)
            if changes:
                plan["update"].append((member.id, changes, number))
            else:
                plan["unchanged"] += 1
        self._check_secretaries(final_posts, existing["all"], errors)
        return plan

    def _member_values(self, row, labels, organizations):
        """(values, problems) of one row."""
        values, problems = {"name": row.get("name", "")}, []
        if not values["name"]:
            problems.append(_("The name (姓名) is missing."))
        self._member_choices(row, labels, values, problems)
        self._member_dates(row, values, problems)
        self._member_identity(row, values, problems)
        self._member_contact(row, values, problems)
        text = row.get("organization", "")
        org = organizations.get(text) or organizations.get("/".join(split_path(text)))
        if not org:
            problems.append(_("Unknown organization %(value)s.", value=text or "-"))
        elif org.kind != "branch":
            problems.append(_("%(org)s is not a branch: members belong to branches.", org=org.name))
        else:
            values["organization_id"] = org.id
        if values.get("state") == "probationary" and values.get("full_member_date"):
            problems.append(_("A probationary member has no full membership date (转正日期)."))
        if (
            values.get("join_date")
            and values.get("full_member_date")
            and values["full_member_date"] < values["join_date"]
        ):
            problems.append(_("The full membership date is before the date of joining."))
        return values, problems

    def _member_choices(self, row, labels, values, problems):
        for field in ("gender", "education", "state", "party_post", "status"):
            text = row.get(field, "")
            if field == "party_post" and field in row and not text:
                values[field] = False  # the roster is the source: no post written, none
                continue
            if field not in row or (not text and field != "state"):
                continue
            if text in labels[field]:
                values[field] = labels[field][text]
                continue
            choices = "、".join(label for label in LABELS[field] if labels[field][label])
            problems.append(
                _(
                    "%(column)s: %(value)s is not one of the choices (%(choices)s).",
                    column=MEMBER_COLUMNS[field][0],
                    value=text or "-",
                    choices=choices[:80],
                )
            )

    def _member_dates(self, row, values, problems):
        for field in DATES + ("birth_date",):
            text = row.get(field, "")
            if not text:
                continue
            day = parse_text_date(text)
            if not day or not 1900 <= day.year <= fields.Date.today().year:
                problems.append(
                    _(
                        "%(column)s: %(value)s is not a date.",
                        column=MEMBER_COLUMNS[field][0],
                        value=text,
                    )
                )
                continue
            values[field] = day

    def _member_identity(self, row, values, problems):
        """The ID number (its check digit, and the birth date and gender it holds) or the
        employee number: one of them identifies the member."""
        id_number = row.get("id_number", "").strip().upper()
        employee = row.get("employee_number", "")
        if employee:
            values["employee_number"] = employee
        if not id_number and not employee:
            problems.append(
                _("The row has neither an ID number (公民身份号码) nor an employee number.")
            )
        error = id_number and id_number_check(id_number)
        if error:
            problems.append(self.env["party.member"]._id_number_message(id_number, error))
        elif id_number:
            values["id_number_private"] = id_number
            born = id_number_birth_date(id_number)
            if values.get("birth_date") and values["birth_date"] != born:
                problems.append(
                    _(
                        "The birth date %(date)s is not the one in the ID number (%(born)s).",
                        date=values["birth_date"],
                        born=born,
                    )
                )
            values["birth_date"] = born
            gender = "male" if int(id_number[16]) % 2 else "female"
            if values.get("gender") and values["gender"] != gender:
                problems.append(_("The gender is not the one in the ID number."))
        if "birth_date" in values:
            values["birth_date_private"] = values.pop("birth_date")

    def _member_contact(self, row, values, problems):
        for field in ("ethnicity", "position", "native_place"):
            if row.get(field):
                values[field] = row[field]
        mobile = re.sub(r"[\s-]", "", row.get("mobile", ""))
        if mobile:
            if not MOBILE.match(mobile):
                problems.append(_("%(value)s is not a mobile number.", value=mobile))
            values["mobile"] = mobile
        if row.get("dues_base"):
            try:
                base = float(row["dues_base"].replace(",", ""))
            except ValueError:
                base = -1
            if not 0 <= base < 1e7:
                problems.append(
                    _("The dues base %(value)s is not an amount.", value=row["dues_base"])
                )
            values["dues_base"] = base

    def _existing_members(self, id_numbers, employee_numbers):
        # Matching reads the private ID numbers: the system's (see party_roster.py).
        Member = self.env["party.member"].sudo().with_context(active_test=False)
        members = Member.search_fetch(
            [
                "|",
                ("id_number_private", "in", list(id_numbers)),
                ("employee_number", "in", list(employee_numbers)),
            ],
            ["id_number_private", "employee_number", "organization_id", "party_post", "name"]
            + list(PLAIN)
            + list(DATES)
            + ["birth_date_private", "dues_base"],
        )
        return {
            "id": {
                member.id_number_private: member for member in members if member.id_number_private
            },
            "employee": {
                member.employee_number: member for member in members if member.employee_number
            },
            "all": members,
        }

    def _member_changes(self, member, values):
        changes = {}
        for name, value in values.items():
            if name in ("row",):
                continue
            current = member[name]
            if name == "organization_id":
                current = current.id
            if isinstance(current, float) or name == "dues_base":
                if abs((current or 0.0) - (value or 0.0)) < 0.005:
                    continue
            elif (current or False) == (value or False):
                continue
            changes[name] = value
        return changes

    def _check_secretaries(self, final_posts, in_file, errors):
        """One secretary per branch once the file is in: its secretaries and those the
        database keeps (members of the branch the file does not change)."""
        if not final_posts:
            return
        Member = self.env["party.member"].sudo()
        kept = Member.search(
            [
                ("organization_id", "in", list(final_posts)),
                ("party_post", "=", "secretary"),
                ("id", "not in", in_file.ids),
            ]
        )
        kept_by_branch = kept.grouped("organization_id")
        for branch_id, rows in final_posts.items():
            others = kept_by_branch.get(Member.organization_id.browse(branch_id), Member)
            if len(rows) + len(others) > 1:
                branch = Member.organization_id.browse(branch_id)
                for number, _member_id in rows:
                    errors.append(
                        (
                            number,
                            _(
                                "%(org)s would have more than one secretary (书记).",
                                org=branch.name,
                            ),
                        )
                    )

    def _apply_members(self, plan, limit=None):
        """Updates first, then creations (at most ``limit`` in all): plain values in
        one write per set of changes, the private ones in one statement, branch changes
        through the transfer, posts last (secretaries after the others, so that a branch
        changing its secretary never has two)."""
        updates = plan["update"][:limit] if limit else plan["update"]
        room = (limit - len(updates)) if limit else None
        creates = plan["create"][:room] if limit else plan["create"]
        Member = self.env["party.member"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True
        )
        private = []
        posts = defaultdict(list)
        moves = defaultdict(list)
        grouped = defaultdict(list)
        for member_id, changes, _row in updates:
            changes = dict(changes)
            if {"id_number_private", "birth_date_private"} & changes.keys():
                private.append((member_id, changes))
            changes.pop("id_number_private", None)
            changes.pop("birth_date_private", None)
            if "party_post" in changes:
                posts[changes.pop("party_post")].append(member_id)
            if "organization_id" in changes:
                moves[changes.pop("organization_id")].append(member_id)
            if changes:
                grouped[tuple(sorted(changes.items()))].append(member_id)
        for items, member_ids in grouped.items():
            Member.browse(member_ids).write(dict(items))
        if moves:
            movers = Member.browse([i for ids in moves.values() for i in ids])
            movers.filtered("party_post").write({"party_post": False})
            for branch_id, member_ids in moves.items():
                self.env["party.member.transfer"].create(
                    {
                        "member_ids": [(6, 0, member_ids)],
                        "organization_id": branch_id,
                        "reason": _("Roster import %(name)s", name=self.name),
                    }
                ).action_confirm()
        for post in sorted(posts, key=lambda post: post == "secretary"):
            if post != "secretary":
                Member.browse(posts[post]).write({"party_post": post})
        if creates:
            self._insert_members(creates)
        if posts.get("secretary"):
            Member.browse(posts["secretary"]).write({"party_post": "secretary"})
        self._write_private(private)
        return len(updates) + len(creates)

    def _insert_members(self, creates):
        """Create the checked rows set-based: one INSERT of the members (the columns'
        defaults read once, the branch's general branch and type joined), one of their
        first branch stays, then the other stored computes in batch, the constraints
        of every column, and the officers of the branches with posts. The ORM's create
        costs about 4 ms a member (defaults, tracking, related fields one by one): 100,000
        members would take minutes. The system's insert of the committee's checked file,
        past the per-record checks of the guard (the dry run made them)."""
        Member = self.env["party.member"].with_context(clean_context(self.env.context))
        given = {name for values in creates for name in values if name in Member._fields}
        columns = [
            name
            for name, field in Member._fields.items()
            if field.store
            and field.column_type
            and name not in MAGIC_COLUMNS
            and (not field.compute or name in given)
            and name not in ("general_branch_id", "branch_type_id")
        ]
        defaults = Member.default_get([name for name in columns if name not in given])
        now, uid = fields.Datetime.now(), self.env.uid
        casts = []
        for name in columns:
            field = Member._fields[name]
            # The checked values are Python's (str, int, float, date): psycopg2 adapts
            # them; empty ones are NULL, booleans False.
            default = defaults.get(name)
            column = [values.get(name, default) for values in creates]
            if field.type != "boolean":
                column = [None if value is False else value for value in column]
            casts.append(SQL("%s::" + field.column_type[1] + "[]", column))
        Member.flush_model()
        self.env.cr.execute(
            SQL(
                """INSERT INTO party_member (%(columns)s, general_branch_id, branch_type_id,
                                              create_uid, create_date, write_uid, write_date)
                   SELECT data.*, org.general_branch_id, org.branch_type_id,
                          %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM unnest(%(arrays)s) AS data(%(columns)s)
                     JOIN party_organization AS org ON org.id = data.organization_id
                RETURNING id""",
                columns=SQL(", ").join(SQL.identifier(name) for name in columns),
                arrays=SQL(", ").join(casts),
                uid=uid,
                now=now,
            )
        )
        members = Member.browse([row[0] for row in self.env.cr.fetchall()])
        # The branches' member lists in the cache miss the new members.
        self.env["party.organization"].invalidate_model(["member_ids", "member_count"])
        today = fields.Date.context_today(self)
        self.env.cr.execute(
            SQL(
                """INSERT INTO party_member_membership (member_id, organization_id, date_start,
                                                        create_uid, create_date, write_uid,
                                                        write_date)
                   SELECT id, organization_id, LEAST(COALESCE(join_date, %(today)s), %(today)s),
                          %(uid)s, %(now)s, %(uid)s, %(now)s
                     FROM party_member WHERE id = ANY(%(ids)s)""",
                today=today,
                uid=uid,
                now=now,
                ids=members.ids,
            )
        )
        for name, field in Member._fields.items():
            if (
                field.store
                and field.compute
                and name not in columns
                and name
                not in (
                    "general_branch_id",
                    "branch_type_id",
                )
            ):
                self.env.add_to_compute(field, members)
        members._validate_fields(columns)
        members.flush_recordset()
        posted = members.filtered("party_post")
        if posted:
            # An import's officers are logged by its report, not one message a branch.
            posted.organization_id.with_context(tracking_disable=True)._sync_officers()
        return members

    def _write_private(self, rows):
        """The ID numbers and birth dates, in one statement: the private columns are
        the system's (see party_roster.py); the dry run checked them."""
        rows = [
            (member_id, values.get("id_number_private"), values.get("birth_date_private"))
            for member_id, values in rows
        ]
        if not rows:
            return
        Member = self.env["party.member"]
        Member.flush_model()
        self.env.cr.execute(
            SQL(
                """UPDATE party_member AS member
                      SET id_number_private = COALESCE(data.id_number, member.id_number_private),
                          birth_date_private = COALESCE(data.birth_date, member.birth_date_private)
                     FROM unnest(%s::int[], %s::varchar[], %s::date[])
                          AS data(id, id_number, birth_date)
                    WHERE member.id = data.id""",
                [row[0] for row in rows],
                [row[1] for row in rows],
                [row[2] for row in rows],
            )
        )
        Member.invalidate_model(["id_number_private", "birth_date_private"])
