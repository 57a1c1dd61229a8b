"""Imports of a company's sheets at go-live (``party.import``): one record per file.

Every kind follows one shape, so that the criteria, the point rules or the candidates
are added the same way (a ``kind``, its columns, a ``_check_<kind>`` and an
``_apply_<kind>``):

1. The sheet (xlsx or csv, Chinese column names; common variants are accepted) is read
   into rows; the header names the columns (``_columns_<kind>``).
2. *Dry run* (``action_check``): ``_check_<kind>`` finds every row's problems, in the
   user's language, with the row number of the sheet, and a plan of what to create and
   update; nothing is written.
3. *Import* (``action_import``): the check again, and only a clean file is applied
   (all or nothing): created or updated by its key (an organization's code, a member's
   ID number or employee number), so that a second import of the same file changes
   nothing. Above ``party_quant.import_background_rows`` rows the import runs as a
   ``party.job`` in steps, its report arriving in the inbox.
"""

import base64
import csv
import io
import re
import zipfile
from datetime import date, datetime
from itertools import groupby
from urllib.parse import quote

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_guard import SYSTEM
from .party_organization import ALLOWED_PARENT_KINDS, LEVEL_GROUPS
from .party_settings import SETTINGS, setting

# Imports with more rows than this run in the background, in steps of IMPORT_STEP rows.
IMPORT_BACKGROUND_ROWS = SETTINGS["import_background_rows"]
IMPORT_STEP = 25000
# Past these the file is not a roster but a mistake (or an attack on the memory).
MAX_ROWS = 200000
MAX_COLUMNS = 60

IMPORT_KINDS = [
    ("organizations", "Organizations"),
    ("members", "Members"),
    ("criteria", "Scoring Sheet"),
    ("rules", "Points Handbook"),
]
IMPORT_STATES = [
    ("draft", "Not Checked"),
    ("invalid", "Problems Found"),
    ("checked", "Ready to Import"),
    ("queued", "Importing in the Background"),
    ("done", "Imported"),
]

# Organization sheet: {field: accepted column names}.
ORGANIZATION_COLUMNS = {
    "code": ("组织代码", "党组织代码", "组织编码", "代码", "编码"),
    "name": ("组织名称", "党组织名称", "名称", "组织简称"),
    "parent_code": ("上级组织代码", "上级党组织代码", "上级代码", "上级组织编码"),
    "path": ("组织全称", "组织路径", "全路径", "完整路径", "党组织全称"),
    "kind": ("组织类别", "党组织类别", "组织层级", "层级", "组织类型"),
    "branch_type": ("支部类型", "支部类别", "支部分类"),
    "secretary": ("书记", "书记姓名", "党组织书记"),
    "secretary_mode": ("书记任职方式", "任职方式", "专兼职", "书记专兼职"),
}
KIND_LABELS = {
    "党委": "committee",
    "党组织": "committee",
    "基层党委": "committee",
    "党总支": "general_branch",
    "党总支部": "general_branch",
    "总支": "general_branch",
    "党支部": "branch",
    "支部": "branch",
    "联合党支部": "branch",
}
SECRETARY_MODE_LABELS = {"专职": "full_time", "兼职": "part_time"}
PATH_SEPARATORS = re.compile(r"\s*[/／>＞]\s*")


def read_sheet(filename, content):
    """The rows of the first sheet of an xlsx or csv file, as lists of stripped texts
    (dates as YYYY-MM-DD, whole numbers without ".0")."""
    if content[:2] == b"PK" or (filename or "").lower().endswith(".xlsx"):
        return _read_xlsx(content)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(_("The file is neither an Excel workbook (xlsx) nor a CSV text."))
    dialect = "excel-tab" if text[:2000].count("\t") > text[:2000].count(",") else "excel"
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(content):
    import openpyxl  # noqa: PLC0415 - only imports need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UserError(_("The file is not an Excel workbook (xlsx) that can be read.")) from error
    rows = []
    for row in workbook.worksheets[0].iter_rows(values_only=True):
        rows.append([_cell_text(value) for value in row[:MAX_COLUMNS]])
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return rows


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def normalize_header(text):
    return re.sub(r"[\s*＊:：()（）]", "", text or "")


def split_path(text):
    return [part for part in PATH_SEPARATORS.split(text.strip()) if part]


def parse_date(text):
    """A date written as 2001-07-01, 2001/7/1, 2001.07.01, 20010701, 2001年7月1日 or
    (month only, the national system's habit) 2001.07 / 2001-07 → the first day."""
    text = text.strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?", text)
    if not match:
        match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        return None
    year, month, day = (int(part or 1) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class PartyImport(models.Model):
    _name = "party.import"
    _description = "Import of a Sheet"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "id desc"

    _initial_state = "draft"
    _transitions = {
        ("draft", "invalid"): SYSTEM,
        ("draft", "checked"): SYSTEM,
        ("invalid", "invalid"): SYSTEM,
        ("invalid", "checked"): SYSTEM,
        ("checked", "invalid"): SYSTEM,
        ("checked", "checked"): SYSTEM,
        ("invalid", "draft"): SYSTEM,
        ("checked", "draft"): SYSTEM,
        ("checked", "queued"): SYSTEM,
        ("checked", "done"): SYSTEM,
        ("queued", "done"): SYSTEM,
        ("queued", "invalid"): SYSTEM,
    }
    _system_fields = frozenset(
        {
            "user_id",
            "row_count",
            "created_count",
            "updated_count",
            "unchanged_count",
            "error_count",
            "errors",
            "report",
            "job_id",
            "done_rows",
            "template",
        }
    )

    name = fields.Char(compute="_compute_name", store=True)
    kind = fields.Selection(IMPORT_KINDS, required=True, default="organizations", tracking=True)
    file = fields.Binary(attachment=True)
    filename = fields.Char()
    user_id = fields.Many2one(
        "res.users",
        string="Imported by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    state = fields.Selection(
        IMPORT_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    unchanged_count = fields.Integer(string="Unchanged", readonly=True)
    error_count = fields.Integer(string="Problems", readonly=True)
    errors = fields.Json(readonly=True, help="[{row, message}] of the last check.")
    report = fields.Html(readonly=True, sanitize=True)
    job_id = fields.Many2one("party.job", string="Background Job", readonly=True)
    done_rows = fields.Integer(readonly=True)
    template = fields.Binary(readonly=True, attachment=False)

    @api.depends("kind", "filename")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for record in self:
            record.name = f"{labels.get(record.kind, '')} {record.filename or ''}".strip()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        res = super().write(vals)
        if vals.keys() & {"file", "kind"}:
            # A new file (or kind) is checked again before anything is imported.
            again = self.filtered(lambda record: record.state in ("invalid", "checked"))
            again.sudo().write({"state": "draft", "errors": False, "error_count": 0})
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_check(self):
        """Dry run: every row's problems, nothing written."""
        self.ensure_one()
        self._check_importer()
        if self.state in ("queued", "done"):
            raise UserError(_("This file has already been imported: start a new import."))
        self._check_rows()
        return True

    def action_import(self):
        """Import a clean file (checked again): at once, or as a background job above the
        size setting."""
        self.ensure_one()
        self._check_importer()
        if self.state not in ("draft", "invalid", "checked"):
            raise UserError(_("This file has already been imported."))
        rows, plan = self._check_rows()
        if plan is None:
            return True
        if len(rows) > self._background_rows():
            action = self.env["party.job"]._enqueue(
                "import", _("Import %(name)s", name=self.name), self
            )
            # The system links the job it queued (a system field).
            self.sudo().write({"state": "queued", "job_id": action["res_id"]})
            return action
        self._apply(plan)
        return True

    def action_download_template(self):
        """The empty sheet of this kind, with its column names (xlsx)."""
        self.ensure_one()
        columns = getattr(self, f"_columns_{self.kind}")()
        self.sudo().template = base64.b64encode(self._template_xlsx(columns))
        filename = _("%(kind)s template.xlsx", kind=self._kind_label())
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/party.import/{self.id}/template?download=true"
            f"&filename={quote(filename)}",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _background_rows(self):
        """Above this many rows the import runs in the background (a kind whose rows
        cost more may lower it)."""
        return setting(self.env, *IMPORT_BACKGROUND_ROWS)

    def _check_importer(self):
        """Imports change the organization tree and the roster: the committee's."""
        if not self.env.su and not self.env.user.has_group(LEVEL_GROUPS["committee"]):
            raise AccessError(_("Only the party committee imports organizations and members."))

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _read_rows(self):
        """[(row number, {field: text})] of the file, by the kind's columns."""
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        table = read_sheet(self.filename, base64.b64decode(self.file))
        if len(table) > MAX_ROWS + 1:
            raise UserError(_("The file has more than %(max)s rows.", max=MAX_ROWS))
        columns = getattr(self, f"_columns_{self.kind}")()
        aliases = {
            normalize_header(alias): name for name, names in columns.items() for alias in names
        }
        header = next((row for row in table if any(row)), [])
        start = table.index(header) + 1 if header else 0
        index = {}
        for position, title in enumerate(header):
            name = aliases.get(normalize_header(title))
            if name and name not in index:
                index[name] = position
        missing = [columns[name][0] for name in self._required_columns() if name not in index]
        if missing:
            raise UserError(
                _(
                    "The file has no column %(columns)s. The first row must name the "
                    "columns as in the template: %(template)s.",
                    columns="、".join(missing),
                    template="、".join(names[0] for names in columns.values()),
                )
            )
        rows = []
        for number, row in enumerate(table[start:], start=start + 1):
            if not any(row):
                continue
            rows.append(
                (
                    number,
                    {
                        name: (row[position] if position < len(row) else "").strip()
                        for name, position in index.items()
                    },
                )
            )
        if not rows:
            raise UserError(_("The file has no rows to import."))
        return rows

    def _required_columns(self):
        return getattr(self, f"_required_columns_{self.kind}")()

    def _check_rows(self, counts=True):
        """Read and check the file; record the problems (the system's fields) and
        return (rows, plan), the plan None when there are problems. A background step
        keeps the counts of the first check (``counts`` False)."""
        rows = self._read_rows()
        errors = []
        plan = getattr(self, f"_check_{self.kind}")(rows, errors)
        errors.sort(key=lambda error: error[0])
        values = {
            "row_count": len(rows),
            "error_count": len(errors),
            "errors": [{"row": row, "message": message} for row, message in errors],
            "report": self._errors_html(errors),
        }
        state = "invalid" if errors else ("queued" if self.state == "queued" else "checked")
        if state != self.state:
            values["state"] = state
        if not errors and counts:
            values.update(self._plan_counts(plan))
        self.sudo().write(values)  # the check's results are the system's fields
        return rows, (None if errors else plan)

    def _plan_counts(self, plan):
        return {
            "created_count": len(plan["create"]),
            "updated_count": len(plan["update"]),
            "unchanged_count": plan["unchanged"],
        }

    def _errors_html(self, errors):
        if not errors:
            return False
        lines = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td></tr>") % (row or "-", message)
            for row, message in errors[:1000]
        )
        more = (
            Markup("<p>%s</p>") % _("… and %(count)s more problems.", count=len(errors) - 1000)
            if len(errors) > 1000
            else ""
        )
        return Markup(
            '<p>%s</p><table class="table table-sm"><thead><tr><th>%s</th><th>%s</th>'
            "</tr></thead><tbody>%s</tbody></table>%s"
        ) % (
            _("Nothing was imported. Correct these rows and check the file again:"),
            _("Row"),
            _("Problem"),
            lines,
            more,
        )

    def _apply(self, plan, limit=None):
        """Write the plan (all of it, or its first ``limit`` creations and updates in a
        step of a background import); a constraint that still fails undoes the step.
        Returns how many records were written, None on failure."""
        try:
            with self.env.cr.savepoint():
                applied = getattr(self, f"_apply_{self.kind}")(plan, limit)
        except (UserError, ValidationError) as error:
            message = error.args[0] if error.args else repr(error)
            self.sudo().write(
                {
                    "state": "invalid",
                    "error_count": 1,
                    "errors": [{"row": 0, "message": message}],
                    "report": self._errors_html([(0, message)]),
                }
            )
            return None
        if applied >= len(plan["create"]) + len(plan["update"]):
            summary = _(
                "%(name)s: %(created)s created, %(updated)s updated, %(unchanged)s "
                "unchanged, no row refused.",
                name=self.name,
                created=self.created_count,
                updated=self.updated_count,
                unchanged=self.unchanged_count,
            )
            self.sudo().write({"state": "done", "report": Markup("<p>%s</p>") % summary})
        return applied

    @api.model
    def _template_xlsx(self, columns):
        import xlsxwriter  # noqa: PLC0415 - only the template needs it

        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(self._kind_label())
        bold = workbook.add_format({"bold": True, "bg_color": "#F2DCDB", "border": 1})
        for position, names in enumerate(columns.values()):
            sheet.write(0, position, names[0], bold)
            sheet.set_column(position, position, max(12, 3 * len(names[0])))
        for position, value in enumerate(self._template_example()):
            sheet.write(1, position, value)
        sheet.freeze_panes(1, 0)
        workbook.close()
        return output.getvalue()

    def _template_example(self):
        return getattr(self, f"_example_{self.kind}")()

    # ------------------------------------------------------------------
    # Organizations
    # ------------------------------------------------------------------
    @api.model
    def _columns_organizations(self):
        return ORGANIZATION_COLUMNS

    @api.model
    def _required_columns_organizations(self):
        return ("code", "kind")

    @api.model
    def _example_organizations(self):
        return ["QZ0101", "营业厅党支部", "QZ01", "", "党支部", "服务型", "", "兼职"]

    def _branch_type_lookup(self):
        lookup = {}
        for lang in ("en_US", "zh_CN"):
            for branch_type in self.env["party.branch.type"].with_context(lang=lang).search([]):
                for key in (branch_type.name, branch_type.code):
                    if key:
                        lookup[key] = branch_type.id
                        lookup[re.sub(r"(党支部|支部|型)$", "", key)] = branch_type.id
        return lookup

    def _kind_lookup(self):
        lookup = dict(KIND_LABELS)
        for lang in ("en_US", "zh_CN"):
            labels = self.env["party.organization"].with_context(lang=lang)._fields["kind"]
            for key, label in labels._description_selection(self.with_context(lang=lang).env):
                lookup[label] = key
                lookup[key] = key
        return lookup

    def _check_organizations(self, rows, errors):
        """The tree in the file, checked whole: codes, parents (by code or path, in the
        file or already in the database), cycles, levels, branch types."""
        tree = OrganizationTree(self, errors)
        for number, row in rows:
            tree.add_row(number, row)
        tree.resolve_parents()
        tree.check_levels()
        nodes, existing, parents, depth = tree.nodes, tree.existing, tree.parents, tree.depth
        secretaries = self._organization_secretaries(nodes, existing, errors)
        plan = {"create": [], "update": [], "unchanged": 0, "secretaries": secretaries}
        for code in sorted(nodes, key=lambda key: depth.get(key, 0)):
            node = nodes[code]
            org = existing.get(code)
            if org is None:
                plan["create"].append(
                    node | {"parent_key": parents.get(code), "depth": depth.get(code, 0)}
                )
                continue
            changes = self._organization_changes(org, node, parents.get(code), existing)
            if changes:
                plan["update"].append((org.id, changes, node))
            else:
                plan["unchanged"] += 1
        return plan

    def _organization_changes(self, org, node, parent_key, existing):
        changes = {}
        if org.name != node["name"]:
            changes["name"] = node["name"]
        if org.kind != node["kind"]:
            changes["kind"] = node["kind"]
        if (org.branch_type_id.id or False) != node["branch_type_id"]:
            changes["branch_type_id"] = node["branch_type_id"]
        old_parent = org.parent_id.code or (f"#{org.parent_id.id}" if org.parent_id else None)
        if parent_key != old_parent:
            changes["parent_key"] = parent_key
        if node["secretary_mode"] and org.sudo().secretary_mode != node["secretary_mode"]:
            changes["secretary_mode"] = node["secretary_mode"]
        return changes

    def _organization_secretaries(self, nodes, existing, errors):
        """{code: member id} of the secretaries named by the file: members of the
        organization, by ID number, employee number or name."""
        named = {code: node for code, node in nodes.items() if node["secretary"]}
        if not named:
            return {}
        Member = self.env["party.member"].sudo()  # matching only; the officers follow
        keys = [node["secretary"] for node in named.values()]
        members = Member.search(
            [
                "|",
                "|",
                ("id_number_private", "in", keys),
                ("employee_number", "in", keys),
                ("name", "in", keys),
            ]
        )
        result = {}
        for code, node in named.items():
            org = existing.get(code)
            found = members.filtered(
                lambda member, node=node, org=org: node["secretary"]
                in (member.id_number_private, member.employee_number, member.name)
                and org
                and member.organization_id == org
            )
            if len(found) != 1:
                errors.append(
                    (
                        node["row"],
                        _(
                            "The secretary %(who)s is not a member of %(org)s: import the "
                            "members first, or give the secretary by the members' 党内职务.",
                            who=node["secretary"],
                            org=node["name"],
                        ),
                    )
                )
                continue
            result[code] = found.id
        return result

    def _apply_organizations(self, plan, limit=None):
        """Create level by level (parents first, one create per level), then update."""
        Organization = self.env["party.organization"].with_context(
            active_test=False, tracking_disable=True, mail_create_nolog=True
        )
        ids = {
            org.code: org.id for org in Organization.search_fetch([("code", "!=", False)], ["code"])
        }

        def parent_id(key):
            if not key:
                return False
            return ids[key] if key in ids else int(key[1:])

        for _depth, level in groupby(plan["create"], key=lambda node: node["depth"]):
            level = list(level)
            created = Organization.create(
                [
                    {
                        "name": node["name"],
                        "code": node["code"],
                        "kind": node["kind"],
                        "branch_type_id": node["branch_type_id"],
                        "parent_id": parent_id(node["parent_key"]),
                    }
                    | ({"secretary_mode": node["secretary_mode"]} if node["secretary_mode"] else {})
                    for node in level
                ]
            )
            ids.update(zip(created.mapped("code"), created.ids, strict=True))
        for org_id, changes, _node in plan["update"]:
            values = {key: value for key, value in changes.items() if key != "parent_key"}
            if "parent_key" in changes:
                values["parent_id"] = parent_id(changes["parent_key"])
            Organization.browse(org_id).write(values)
        for code, member_id in plan["secretaries"].items():
            self._appoint_secretary(ids[code], member_id)
        return len(plan["create"]) + len(plan["update"])

    def _appoint_secretary(self, organization_id, member_id):
        """The secretary named on the organization's row becomes the branch's 书记 (the
        members' posts are the one source of the officers)."""
        Member = self.env["party.member"]
        member = Member.browse(member_id)
        if member.party_post == "secretary":
            return
        old = Member.search(
            [("organization_id", "=", organization_id), ("party_post", "=", "secretary")]
        )
        if old:
            old.party_post = "committee"
        member.party_post = "secretary"


class OrganizationTree:
    """The organizations of a sheet and of the database, keyed by code (``#id`` for
    those without one), and the problems of each row."""

    def __init__(self, importer, errors):
        self.env = importer.env
        self.errors = errors
        self.existing, self.by_path = {}, {}
        Organization = self.env["party.organization"].sudo().with_context(active_test=False)
        for org in Organization.search_fetch(
            [], ["code", "name", "kind", "parent_id", "complete_name", "branch_type_id"]
        ):
            key = org.code or f"#{org.id}"
            self.existing[key] = org
            self.by_path["/".join(split_path(org.complete_name or ""))] = key
        self.kinds = importer._kind_lookup()
        self.types = importer._branch_type_lookup()
        self.modes = dict(SECRETARY_MODE_LABELS) | {
            "full_time": "full_time",
            "part_time": "part_time",
        }
        self.seen, self.nodes, self.parents, self.depth, self.full_paths = {}, {}, {}, {}, {}

    def error(self, number, message):
        self.errors.append((number, message))

    def add_row(self, number, row):
        code = row.get("code", "")
        path = split_path(row.get("path", ""))
        name = row.get("name") or (path[-1] if path else "")
        if not code:
            return self.error(number, _("The organization code (组织代码) is missing."))
        if code in self.seen:
            return self.error(
                number,
                _(
                    "The code %(code)s is used twice, in rows %(first)s and %(row)s.",
                    code=code,
                    first=self.seen[code],
                    row=number,
                ),
            )
        self.seen[code] = number
        if not name:
            self.error(number, _("The organization name (组织名称) is missing."))
        kind = self.kinds.get(row.get("kind", ""))
        if not kind:
            self.error(
                number,
                _(
                    "Unknown level %(value)s: write 党委, 党总支 or 党支部.",
                    value=row.get("kind", "") or "-",
                ),
            )
        node = {"row": number, "code": code, "name": name, "kind": kind}
        node["branch_type_id"] = self.branch_type(number, kind, row.get("branch_type", ""))
        mode = row.get("secretary_mode", "")
        node["secretary_mode"] = self.modes.get(mode) if mode else None
        if mode and not node["secretary_mode"]:
            self.error(
                number, _("Unknown secretary mode %(value)s: write 专职 or 兼职.", value=mode)
            )
        node["secretary"] = row.get("secretary", "")
        parent_code = row.get("parent_code", "")
        node["parent"] = ("code", parent_code) if parent_code else None
        if not parent_code and len(path) > 1:
            node["parent"] = ("path", "/".join(path[:-1]))
            node["path"] = "/".join(path)
        self.nodes[code] = node
        return None

    def branch_type(self, number, kind, text):
        if kind != "branch":
            return False
        found = self.types.get(text) or self.types.get(re.sub(r"(党支部|支部|型)$", "", text))
        if not found:
            self.error(number, _("Unknown branch type %(value)s.", value=text or "-"))
        return found or False

    def full_path(self, code, seen=()):
        """The file row's full path: given, or its parent's and its name."""
        if code in self.full_paths or code in seen:
            return self.full_paths.get(code)
        node = self.nodes[code]
        if node.get("path"):
            self.full_paths[code] = node["path"]
        elif node["parent"] is None:
            self.full_paths[code] = node["name"]
        else:
            parent = node["parent"][1]
            above = None
            if parent in self.nodes:
                above = self.full_path(parent, (*seen, code))
            elif parent in self.existing:
                above = "/".join(split_path(self.existing[parent].complete_name or ""))
            self.full_paths[code] = above and f"{above}/{node['name']}"
        return self.full_paths[code]

    def resolve_parents(self):
        for code in self.nodes:
            path = self.full_path(code)
            if path:
                self.by_path[path] = code  # the file's tree before the database's
        for code, node in self.nodes.items():
            if node["parent"] is None:
                self.parents[code] = None
                continue
            kind_of_ref, value = node["parent"]
            parent = value if kind_of_ref == "code" else self.by_path.get(value)
            if parent is None or (parent not in self.nodes and parent not in self.existing):
                self.error(node["row"], _("Unknown parent organization %(parent)s.", parent=value))
                parent = False
            self.parents[code] = parent

    def parent_of(self, key):
        if key in self.parents:
            return self.parents[key]
        org = self.existing.get(key)
        if org is None or not org.parent_id:
            return None
        return org.parent_id.code or f"#{org.parent_id.id}"

    def kind_of(self, key):
        return self.nodes[key]["kind"] if key in self.nodes else self.existing[key].kind

    def check_levels(self):
        """Cycles, each level under an allowed parent, branches without children."""
        for code, node in self.nodes.items():
            chain, key = [code], self.parent_of(code)
            while key and key not in chain and len(chain) < 100:
                chain.append(key)
                key = self.parent_of(key)
            if key and key in chain:
                self.error(
                    node["row"],
                    _(
                        "%(name)s would be under itself: %(cycle)s.",
                        name=node["name"],
                        cycle=" → ".join(chain[chain.index(key) :] + [key]),
                    ),
                )
                continue
            self.depth[code] = len(chain)
            self.check_parent_kind(node, self.parents.get(code))
        # A branch of the file that has sub-organizations in the database that stay.
        for code, node in self.nodes.items():
            if node["kind"] != "branch" or code not in self.existing:
                continue
            children = [
                child
                for child in self.existing[code].child_ids
                if self.parent_of(child.code or f"#{child.id}") == code
            ]
            if children:
                self.error(
                    node["row"],
                    _("%(name)s has sub-organizations and cannot be a branch.", name=node["name"]),
                )

    def check_parent_kind(self, node, parent):
        if not node["kind"] or parent is False:
            return
        parent_kind = self.kind_of(parent) if parent else False
        if parent_kind == "branch":
            self.error(
                node["row"],
                _("%(parent)s is a branch and cannot have sub-organizations.", parent=parent),
            )
        elif parent_kind not in ALLOWED_PARENT_KINDS[node["kind"]]:
            self.error(
                node["row"],
                _(
                    "A %(kind)s cannot be placed under %(parent)s.",
                    kind=row_kind_label(self.env, node["kind"]),
                    parent=parent or _("nothing"),
                ),
            )


def row_kind_label(env, kind):
    return dict(env["party.organization"]._fields["kind"]._description_selection(env)).get(
        kind, kind
    )


class PartyJob(models.Model):
    _inherit = "party.job"

    kind = fields.Selection(selection_add=[("import", "Import")], ondelete={"import": "cascade"})

    def _step_import(self, env):
        """One step of a big import, as its requester: the file checked again (what the
        earlier steps wrote is now unchanged), then the next creations and updates."""
        record = self._records(env)
        first = not self.total
        _rows, plan = record._check_rows(counts=first)
        if first and plan is not None:
            self.total = len(plan["create"]) + len(plan["update"]) or 1
        applied = record._apply(plan, IMPORT_STEP) if plan is not None else None
        if applied:
            self.done = min(self.done + applied, self.total)
        if record.state in ("done", "invalid"):
            self._finish(body=record.report)
