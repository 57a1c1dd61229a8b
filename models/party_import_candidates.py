"""The candidates import (发展党员): people already in the development pipeline at go-live.

One row per candidate: 姓名, 身份证号 (the key: a second import of the same sheet changes
nothing), 出生日期 and 性别 (checked against the ID number), 所在党支部 (a branch's code or
full path, as the members import matches organizations), 培养联系人 and 入党介绍人 (members
named by 工号 or ID number, separated by 、 or commas), 志愿书编号, 离开单位日期, then one
column per step of the rule version in force, named by the step's Chinese name, holding the
date the step was passed (the 公示 step has its end date in 公示结束日期; 延长预备期 its
months in 延长月数), and 理由 (备注): the reason written on a step taken late.

The past steps are taken through the same checks as a step taken by hand
(``party.candidate.step.create``: the order, the dates, the time guards, the level, the
age, the contacts and sponsors), in the order of the procedure, as the importer:

- their level and their own case are checked as the importer (``_check_level``);
- the line is created by the system with the import's marker (``import_id``,
  ``imported``, ``import_row``: system fields, refused from users): imported history has
  no talk, meeting or attachment records in the system, so its proof is the import's
  file — kept on the import and attached to the candidate's chatter — and the proving
  records are not asked for. Every other check applies.
- a guard that refuses is an error of the row; a guard that needs a reason takes the row's
  理由 (written on the line as its ``late_reason``) or is an error; a warning is reported
  on the import and kept on the line.

The dry run takes every row's steps inside a savepoint that is rolled back: the problems
are those the real import would meet, and nothing is written. A candidate already in the
database (by ID number) gets the steps of the file it has not taken yet; a step already
taken with another date, or left out of the file, is an error (a step taken is kept as
written). A member of the roster with the same ID number is the candidate's member record
when the file's history reaches the 党委's approval, an error otherwise.
"""

import base64
import re
from contextvars import ContextVar

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .party_candidate_step import PartyCandidateStep as BaseCandidateStep
from .party_import import PartyImport as BaseImport
from .party_import import parse_date, split_path
from .party_roster import id_number_birth_date, id_number_check, id_number_with_check

CANDIDATE_COLUMNS = {
    "name": ("姓名",),
    "id_number": ("身份证号", "公民身份号码", "身份证号码", "证件号码"),
    "birth_date": ("出生日期", "出生年月"),
    "gender": ("性别",),
    "organization": (
        "所在党支部",
        "所在党组织",
        "所在支部",
        "党组织",
        "所在党组织代码",
        "党组织代码",
    ),
    "contacts": ("培养联系人", "联系人"),
    "sponsors": ("入党介绍人", "介绍人"),
    "application_form_number": ("志愿书编号", "入党志愿书编号"),
    "leaving_date": ("离开单位日期", "预计离开单位日期"),
}
REASON_COLUMN = ("理由", "备注", "说明", "情况说明", "延误理由")
MONTHS_COLUMN = ("延长月数", "延长预备期月数", "延长期限")
GENDERS = {"男": "male", "女": "female", "male": "male", "female": "female"}
PEOPLE_SEPARATORS = re.compile(r"[、,，;；/\s]+")
# The context of an import's writes: its report says what changed (no tracking, no
# follower added, no mail for each to-do assigned).
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "mail_activity_quick_update": True,
}
# A row takes up to 25 steps, each through the step's checks: it weighs about as much as
# this many rows of another kind (the background threshold), and a background step takes
# at most CANDIDATES_STEP rows.
CANDIDATE_ROW_WEIGHT = 20
CANDIDATES_STEP = 200
# Days from the application to the steps of the template's example row.
EXAMPLE_DAYS = {"application_talk": 17, "activist": 63, "activist_filing": 66, "contacts": 67}
# The candidates whose steps an import is taking: their note and their next to-do come
# once, when the steps are in (not once a line). Set by the import's code only: no
# client reaches it (unlike a context key).
_IMPORTING = ContextVar("party_import_candidates", default=frozenset())


class PartyImport(models.Model):
    _inherit = "party.import"
    _system_fields = BaseImport._system_fields | {"warnings"}

    kind = fields.Selection(
        selection_add=[("candidates", "Development Candidates")],
        ondelete={"candidates": "cascade"},
    )
    warnings = fields.Json(
        readonly=True,
        help="[{row, message}]: what the checks warned of, kept on the lines.",
    )

    # ------------------------------------------------------------------
    # Columns and the template
    # ------------------------------------------------------------------
    def _candidate_version(self):
        # The catalogue is read by officers; the import reads it whoever the committee is.
        return self.env["party.development.rule.version"].sudo()._in_force()

    @api.model
    def _columns_candidates(self):
        """The fixed columns, one per step of the rules in force (its Chinese name; the
        window's end after a window step; the months after an extension), the reason."""
        columns = dict(CANDIDATE_COLUMNS)
        steps = self._candidate_version().step_ids.sorted("sequence")
        windows = steps.filtered("has_window")
        for step in steps.filtered(lambda s: s.kind in ("flow", "extension")):
            columns[f"step:{step.code}"] = (step.name, f"{step.sequence}.{step.name}", step.code)
            if step.has_window:
                ends = (f"{step.name}结束日期",)
                if len(windows) == 1:
                    ends = ("公示结束日期", *ends, "公示截止日期")
                columns[f"end:{step.code}"] = ends
            if step.kind == "extension":
                columns["extension_months"] = MONTHS_COLUMN
        columns["reason"] = REASON_COLUMN
        return columns

    @api.model
    def _required_columns_candidates(self):
        return ("name", "id_number", "organization")

    @api.model
    def _example_candidates(self):
        """An applicant who became an activist with their contacts."""
        applied = fields.Date.context_today(self).replace(month=1, day=6)
        applied = applied.replace(year=applied.year - 1)
        example = {
            "name": "王晓明",
            "id_number": id_number_with_check("35050219980512003"),
            "birth_date": "1998-05-12",
            "gender": "男",
            "organization": "QZ0101",
            "contacts": "E00123、E00124",
            "sponsors": "",
            "step:application": applied.isoformat(),
        }
        for code, days in EXAMPLE_DAYS.items():
            example[f"step:{code}"] = fields.Date.add(applied, days=days).isoformat()
        return [example.get(name, "") for name in self._columns_candidates()]

    # ------------------------------------------------------------------
    # The check: rows parsed, matched, then taken in a savepoint rolled back
    # ------------------------------------------------------------------
    def _check_candidates(self, rows, errors):
        columns = self._columns_candidates()
        version = self._candidate_version()
        if not version:
            raise UserError(_("No development rule version is in force."))
        lookups = self._candidate_lookups(rows)
        entries, seen = [], {}
        for number, row in rows:
            entry, problems = self._candidate_entry(number, row, columns, version, lookups)
            key = entry.get("id_number")
            if key and key in seen:
                problems.append(
                    _(
                        "The ID number %(value)s is already in row %(row)s.",
                        value=key,
                        row=seen[key],
                    )
                )
            elif key:
                seen[key] = number
            if problems:
                errors.extend((number, problem) for problem in problems)
            else:
                entries.append(entry)
        plan = {"create": [], "update": [], "unchanged": 0}
        existing = self._existing_candidates([entry["id_number"] for entry in entries])
        for entry in entries:
            candidate = existing.get(entry["id_number"])
            if candidate:
                problems = self._candidate_update(entry, candidate)
                if problems:
                    errors.extend((entry["row"], problem) for problem in problems)
                elif entry["values"] or entry["lines"]:
                    plan["update"].append(entry)
                else:
                    plan["unchanged"] += 1
            else:
                plan["create"].append(entry)
        warnings = self._candidates_dry_run(plan["update"] + plan["create"], errors)
        # What the checks warned of: the system's field of the import, shown in its report.
        self.sudo().warnings = [{"row": row, "message": message} for row, message in warnings]
        return plan

    def _candidate_lookups(self, rows):
        """The branches (by code and full path), the members named by the file (by
        employee number and ID number: matching reads the private ID numbers, the
        system's) and the roster's members with the candidates' ID numbers."""
        Organization = self.env["party.organization"].sudo().with_context(active_test=False)
        organizations = {}
        for org in Organization.search_fetch([], ["code", "complete_name", "kind", "name"]):
            organizations["/".join(split_path(org.complete_name or ""))] = org
            if org.code:
                organizations[org.code] = org
        keys = set()
        for _number, row in rows:
            for column in ("contacts", "sponsors"):
                keys.update(part for part in PEOPLE_SEPARATORS.split(row.get(column, "")) if part)
            if row.get("id_number"):
                keys.add(row["id_number"].strip().upper())
        Member = self.env["party.member"].sudo()
        members = Member.search_fetch(
            ["|", ("employee_number", "in", list(keys)), ("id_number_private", "in", list(keys))],
            ["employee_number", "id_number_private", "organization_id", "name"],
        )
        people = {}
        for member in members:
            for key in (member.employee_number, member.id_number_private):
                if key:
                    people.setdefault(key, Member)
                    people[key] |= member
        return {"organizations": organizations, "people": people}

    def _candidate_entry(self, number, row, columns, version, lookups):
        """The values and steps of one row, and its problems."""
        problems = []
        values = {"name": row.get("name", "")}
        if not values["name"]:
            problems.append(_("The name (姓名) is missing."))
        id_number = row.get("id_number", "").strip().upper()
        error = id_number_check(id_number)
        if error:
            problems.append(self.env["party.member"]._id_number_message(id_number or "-", error))
            id_number = ""
        entry = {"row": number, "id_number": id_number, "reason": row.get("reason", "")}
        if id_number:
            born = id_number_birth_date(id_number)
            given = row.get("birth_date", "")
            if given and parse_date(given) != born:
                problems.append(
                    _(
                        "The birth date %(date)s is not the one in the ID number (%(born)s).",
                        date=given,
                        born=born,
                    )
                )
            gender = "male" if int(id_number[16]) % 2 else "female"
            text = row.get("gender", "")
            if text and GENDERS.get(text) != gender:
                problems.append(_("The gender is not the one in the ID number."))
            values["gender"] = gender
        text = row.get("organization", "")
        org = lookups["organizations"].get(text) or lookups["organizations"].get(
            "/".join(split_path(text))
        )
        if not org:
            problems.append(_("Unknown organization %(value)s.", value=text or "-"))
        elif org.kind != "branch":
            problems.append(
                _("%(org)s is not a branch: candidates are developed by branches.", org=org.name)
            )
        else:
            values["organization_id"] = org.id
        for column, field in (("contacts", "contact_ids"), ("sponsors", "sponsor_ids")):
            values[field] = self._candidate_people(row, column, id_number, lookups, problems)
        values["application_form_number"] = row.get("application_form_number") or False
        leaving = row.get("leaving_date", "")
        values["leaving_date"] = self._candidate_date(leaving, "leaving_date", problems)
        entry["values"] = values
        entry["lines"] = self._candidate_lines(row, columns, version, problems)
        if not entry["lines"] and not problems:
            first = version.step_ids.filtered(lambda s: s.kind == "flow").sorted("sequence")[:1]
            problems.append(
                _("No step date: give at least the date of %(step)s.", step=first.name or "-")
            )
        entry["member"] = lookups["people"].get(id_number) if id_number else None
        return entry, problems

    def _candidate_date(self, text, column, problems):
        if not text:
            return False
        day = parse_date(text)
        if not day or not 1900 <= day.year <= 2199:
            problems.append(
                _(
                    "%(column)s: %(value)s is not a date.",
                    column=self._columns_candidates()[column][0],
                    value=text,
                )
            )
            return False
        return day

    def _candidate_people(self, row, column, id_number, lookups, problems):
        """The ids of the members a cell names (工号 or ID number)."""
        ids = []
        for key in PEOPLE_SEPARATORS.split(row.get(column, "")):
            if not key:
                continue
            if column == "sponsors" and id_number and key.upper() == id_number:
                problems.append(_("A candidate cannot sponsor themselves (细则第十五条)."))
                continue
            found = lookups["people"].get(key) or lookups["people"].get(key.upper())
            if not found or len(found) != 1:
                problems.append(
                    _(
                        "%(column)s: no member has the employee number or ID number " "%(value)s.",
                        column=CANDIDATE_COLUMNS[column][0],
                        value=key,
                    )
                )
                continue
            if found.id not in ids:
                ids.append(found.id)
        return sorted(ids)

    def _candidate_lines(self, row, columns, version, problems):
        """[{code, date, date_end, extension_months}] of the row's dated steps, in the
        order they are taken: the procedure's, an extension at its date."""
        lines = []
        steps = version.step_ids.filtered(lambda s: s.kind in ("flow", "extension"))
        for step in steps.sorted("sequence"):
            day = self._candidate_date(
                row.get(f"step:{step.code}", ""), f"step:{step.code}", problems
            )
            if not day:
                continue
            line = {"code": step.code, "kind": step.kind, "sequence": step.sequence, "date": day}
            if step.has_window:
                line["date_end"] = self._candidate_date(
                    row.get(f"end:{step.code}", ""), f"end:{step.code}", problems
                )
            if step.kind == "extension":
                text = row.get("extension_months", "").replace("个月", "").replace("月", "")
                try:
                    line["extension_months"] = int(text.strip())
                except ValueError:
                    problems.append(
                        _(
                            "%(column)s: %(value)s is not a number.",
                            column=MONTHS_COLUMN[0],
                            value=text or "-",
                        )
                    )
            lines.append(line)
        flow = [line for line in lines if line["kind"] == "flow"]
        for extension in [line for line in lines if line["kind"] == "extension"]:
            later = [line for line in flow if line["date"] > extension["date"]]
            flow.insert(flow.index(later[0]) if later else len(flow), extension)
        return flow

    def _existing_candidates(self, id_numbers):
        # Matching reads the private ID numbers (the system's), for the committee's import.
        Candidate = self.env["party.candidate"].sudo().with_context(active_test=False)
        return {
            candidate.id_number_private: candidate
            for candidate in Candidate.search([("id_number_private", "in", id_numbers)])
        }

    def _candidate_update(self, entry, candidate):
        """Narrow ``entry`` to what the file changes on ``candidate`` (its values, the
        steps it has not taken yet); the problems of a file that contradicts the steps
        taken."""
        values = {}
        for name, value in entry["values"].items():
            if not value:
                continue  # an empty cell leaves the field as it is (as the members import)
            current = candidate[name]
            if isinstance(current, models.BaseModel):
                current = sorted(current.ids) if name.endswith("_ids") else current.id
            if (current or False) != (value or False):
                values[name] = value
        entry["values"] = values
        entry["candidate_id"] = candidate.id
        taken = {
            line.step_id.code: line
            for line in candidate.step_line_ids.filtered(lambda line: line.result == "passed")
        }
        in_file = {line["code"]: line for line in entry["lines"]}
        problems = []
        for code, line in taken.items():
            if line.step_id.kind not in ("flow", "extension"):
                continue
            if code not in in_file:
                problems.append(
                    _(
                        "The file leaves out %(step)s, taken on %(date)s: a step taken is kept "
                        "as written.",
                        step=line.step_id.name,
                        date=line.date,
                    )
                )
            elif in_file[code]["date"] != line.date:
                problems.append(
                    _(
                        "%(step)s was taken on %(date)s and the file says %(file_date)s: a "
                        "step taken is kept as written.",
                        step=line.step_id.name,
                        date=line.date,
                        file_date=in_file[code]["date"],
                    )
                )
        entry["lines"] = [line for line in entry["lines"] if line["code"] not in taken]
        return problems

    def _candidates_dry_run(self, entries, errors):
        """Take every entry's steps as the import would, each row in its own savepoint,
        all of it rolled back: [(row, warning)], the refusals added to ``errors``."""
        warnings = []
        if not entries:
            return warnings
        savepoint = self.env.cr.savepoint()
        try:
            for entry in entries:
                try:
                    with self.env.cr.savepoint():
                        warnings += self._apply_candidate(entry, dry_run=True)
                except UserError as error:
                    errors.append((entry["row"], error.args[0] if error.args else repr(error)))
        finally:
            savepoint.close(rollback=True)  # a dry run keeps nothing
        return warnings

    # ------------------------------------------------------------------
    # The import
    # ------------------------------------------------------------------
    def _background_rows(self):
        rows = super()._background_rows()
        return max(1, rows // CANDIDATE_ROW_WEIGHT) if self.kind == "candidates" else rows

    def _apply_candidates(self, plan, limit=None):
        entries = plan["update"] + plan["create"]
        if limit:
            entries = entries[: min(limit, CANDIDATES_STEP)]
        for entry in entries:
            try:
                self._apply_candidate(entry)
            except UserError as error:
                message = error.args[0] if error.args else repr(error)
                raise UserError(
                    _("Row %(row)s: %(message)s", row=entry["row"], message=message)
                ) from error
        return len(entries)

    def _apply_candidate(self, entry, dry_run=False):
        """Create or update the candidate of ``entry`` and take its new steps; return
        the warnings [(row, message)]."""
        Candidate = self.env["party.candidate"].with_context(**QUIET)
        values = dict(entry["values"])
        for field in ("contact_ids", "sponsor_ids"):
            if field in values:
                values[field] = [fields.Command.set(values[field])]
        if entry.get("candidate_id"):
            candidate = Candidate.browse(entry["candidate_id"])
            if values:
                candidate.write(values)
        else:
            candidate = Candidate.create(values | {"id_number": entry["id_number"]})
        self._link_member(candidate, entry)
        token = _IMPORTING.set(_IMPORTING.get() | {candidate.id})
        try:
            lines = self._take_imported_steps(candidate, entry)
        finally:
            _IMPORTING.reset(token)
        if lines and not dry_run:
            candidate._schedule_next()
            summaries = Markup("").join(
                Markup("<li>%s</li>") % line._summary() for line in lines.sudo()
            )
            # The import's note on the person's file, with the file that proves the steps.
            candidate.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    _(
                        "%(count)s steps imported from %(file)s (row %(row)s); the file is the "
                        "proof of the imported steps.",
                        count=len(lines),
                        file=self.filename or self.name,
                        row=entry["row"],
                    ),
                    summaries,
                ),
                attachments=[(self.filename or "import", base64.b64decode(self.file))],
                subtype_xmlid="mail.mt_note",
            )
        return [(entry["row"], line.warning) for line in lines.sudo() if line.warning]

    def _link_member(self, candidate, entry):
        """The roster's member with the candidate's ID number is their member record once
        the file's history reaches the 党委's approval; before it they are no candidate."""
        member = entry.get("member")
        if not member or candidate.sudo().member_id:
            return
        approval = candidate.rule_version_id.sudo().step_ids.filtered(
            lambda s: s.code == "approval"
        )
        codes = {line["code"] for line in entry["lines"]}
        if "approval" not in codes:
            raise UserError(
                _(
                    "%(name)s is already a member of %(org)s: the file gives no %(step)s.",
                    name=member.name,
                    org=member.organization_id.name,
                    step=approval.name or "-",
                )
            )
        # The member record is the system's field: the approval would have made it.
        candidate.sudo().member_id = member

    def _take_imported_steps(self, candidate, entry):
        """The entry's steps, one at a time, through ``party.candidate.step.create``:
        the level and own case as the importer, then the line created by the system
        with the import's marker (which stands for the proving records)."""
        Step = self.env["party.candidate.step"].with_context(**QUIET)
        steps = {step.code: step for step in candidate.rule_version_id.sudo().step_ids}
        lines = Step.browse()
        levels = {}
        for line in entry["lines"]:
            step = steps.get(line["code"])
            if not step:
                raise UserError(
                    _("%(step)s is not a step of the candidate's rules.", step=line["code"])
                )
            level = Step._check_level(candidate, step)
            vals = {
                "candidate_id": candidate.id,
                "step_id": step.id,
                "date": line["date"],
                "import_id": self.id,
                "import_row": entry["row"],
                "imported": True,
            }
            if line.get("date_end"):
                vals["date_end"] = line["date_end"]
            if step.kind == "extension":
                vals["extension_months"] = line.get("extension_months")
                vals["reason"] = entry["reason"]
            created = self._take_imported_step(Step, vals, entry["reason"])
            levels.setdefault(level, Step.browse())
            levels[level] |= created
            lines |= created
        for level, taken in levels.items():
            # The importer's level (checked above), not the system's: a system field.
            taken.sudo().write({"acted_level": level})
        return lines

    def _take_imported_step(self, Step, vals, reason):
        """The line, by the system (its import marker is a system field); a guard that
        needs a reason gets the row's 理由, written on the line."""
        if not reason:
            return Step.sudo().create(vals)
        try:
            with self.env.cr.savepoint():
                return Step.sudo().create(dict(vals))
        except UserError:
            return Step.sudo().create(vals | {"late_reason": reason})

    # ------------------------------------------------------------------
    # The report: the warnings after the problems or the summary
    # ------------------------------------------------------------------
    def _check_rows(self, counts=True):
        if self.kind == "candidates":
            self.sudo().warnings = False  # the system's field, filled by the check
        rows, plan = super()._check_rows(counts)
        if self.kind == "candidates" and self.warnings:
            self.sudo().report = (self.report or Markup("")) + self._warnings_html()
        return rows, plan

    def _apply(self, plan, limit=None):
        applied = super()._apply(plan, limit)
        if self.kind == "candidates" and self.state == "done" and self.warnings:
            self.sudo().report = (self.report or Markup("")) + self._warnings_html()
        return applied

    def _warnings_html(self):
        lines = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td></tr>") % (warning["row"], warning["message"])
            for warning in self.warnings[:1000]
        )
        return Markup(
            '<p>%s</p><table class="table table-sm"><thead><tr><th>%s</th><th>%s</th>'
            "</tr></thead><tbody>%s</tbody></table>"
        ) % (
            _("Warnings (kept on the steps taken):"),
            _("Row"),
            _("Warning"),
            lines,
        )


class PartyCandidate(models.Model):
    _inherit = "party.candidate"

    def message_post(self, **kwargs):
        # The note of each imported step: one note for all of them (the import's).
        if set(kwargs) == {"body"} and self.ids and set(self.ids) <= _IMPORTING.get():
            return self.env["mail.message"]
        return super().message_post(**kwargs)

    def _schedule_next(self):
        # The next to-do once the imported steps are in (the import's).
        if self.ids and set(self.ids) <= _IMPORTING.get():
            return
        super()._schedule_next()


class PartyCandidateStep(models.Model):
    _inherit = "party.candidate.step"
    _system_fields = BaseCandidateStep._system_fields | {"import_id", "import_row", "imported"}

    imported = fields.Boolean(
        readonly=True,
        help="Taken from an import of the candidates already in development: the import's "
        "file is its proof.",
    )
    import_id = fields.Many2one(
        "party.import",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        groups="party_quant.group_party_committee",
    )
    import_row = fields.Integer(string="Row of the Import", readonly=True)

    @api.model
    def _check_proof(self, candidate, step, vals):
        # An imported step (a system field: only the system sets it) is proven by the
        # import's file: the talk, the meeting or the file were not kept in the system.
        if self.env.su and vals.get("import_id"):
            return
        super()._check_proof(candidate, step, vals)

    def _summary_proof(self):
        proof = super()._summary_proof()
        # The import's file name is part of the line: whoever reads the line reads it.
        line = self.sudo()
        if not line.imported:
            return proof
        imported = _(
            "imported from %(file)s, row %(row)s",
            file=line.import_id.filename or line.import_id.name or "-",
            row=line.import_row,
        )
        return f"{proof}; {imported}" if proof else imported
