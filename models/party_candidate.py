"""Member development (发展党员): one record per person (``party.candidate``) and one line
per step taken (``party.candidate.step``), checked against the step catalogue of the
candidate's rule version (models/party_development.py).

A step is taken by creating its line (models/party_candidate_step.py), whoever asks (a
button, an import, RPC): the line is checked before it is written (``_check_taking``):
the step is the next one of the procedure, dated in order and not in the future, within
its time guards (too early and too late refused, or late with a reason), proven by its
record (a talk with the candidate, the member assembly's resolution voted for this
candidate alone, an attachment, the training's hours, a review) and taken by its level:
a 党委 with the power to approve approves acceptance and conversion; a 党总支 discusses
and passes up. Nobody takes a step of their own case. Lines are kept as written (a
returned step is a new line); the candidate's phase, current step, dates and deadlines
follow from them.
The 党委's approval makes the candidate a probationary ``party.member`` of the branch
(joined on the member assembly's date); the conversion makes them a full member on the
end of the probation (one year, plus an extension of 6 to 12 months at most once).
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_development import ACTOR_LEVELS, PHASES, interval_end
from .party_organization import LEVEL_GROUPS
from .party_roster import id_number_birth_date, id_number_check, mask_id_number
from .party_settings import SETTINGS, setting

TODO = "party_quant.mail_activity_type_development"


class PartyCandidate(models.Model):
    _name = "party.candidate"
    _description = "Member Development Candidate"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin", "party.decision.mixin"]
    _order = "organization_id, name, id"
    # The member record the approval makes, the private columns, the reminders sent.
    _system_fields = frozenset(
        {"member_id", "id_number_private", "birth_date_private", "reminded_for"}
    )

    name = fields.Char(string="Full Name", required=True, tracking=True)
    id_number = fields.Char(
        string="ID Number",
        compute="_compute_private_data",
        inverse="_inverse_id_number",
        search="_search_id_number",
        help="公民身份号码: shown to the branch's officers and the committee, masked for "
        "everyone else.",
    )
    id_number_private = fields.Char(groups="base.group_system", copy=False)
    birth_date = fields.Date(
        compute="_compute_private_data",
        inverse="_inverse_birth_date",
        help="Shown to the branch's officers and the committee only.",
    )
    birth_date_private = fields.Date(groups="base.group_system", copy=False)
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('kind', '=', 'branch')]",
    )
    rule_version_id = fields.Many2one(
        "party.development.rule.version",
        string="Rules",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env["party.development.rule.version"]._in_force(),
    )
    contact_ids = fields.Many2many(
        "party.member",
        "party_candidate_contact_rel",
        "candidate_id",
        "member_id",
        string="Contacts",
        help="培养联系人: one or two full members who follow the activist.",
    )
    sponsor_ids = fields.Many2many(
        "party.member",
        "party_candidate_sponsor_rel",
        "candidate_id",
        "member_id",
        string="Sponsors",
        help="入党介绍人: two full members, not the candidate.",
    )
    application_form_number = fields.Char(tracking=True)
    leaving_date = fields.Date(
        string="Leaving the Unit On",
        help="A candidate leaving the unit within three months is normally not accepted.",
    )
    step_line_ids = fields.One2many(
        "party.candidate.step", "candidate_id", string="Steps Taken", readonly=True
    )
    member_id = fields.Many2one("party.member", string="Member Record", readonly=True, index=True)
    # The progress, from the lines (the system's).
    phase = fields.Selection(
        PHASES, compute="_compute_progress", store=True, index=True, tracking=True
    )
    current_step_id = fields.Many2one(
        "party.development.step", compute="_compute_progress", store=True
    )
    window_start = fields.Date(string="Window Opens", compute="_compute_progress", store=True)
    next_due_date = fields.Date(
        string="Window Closes", compute="_compute_progress", store=True, index=True
    )
    application_date = fields.Date(compute="_compute_progress", store=True)
    activist_date = fields.Date(compute="_compute_progress", store=True)
    target_date = fields.Date(
        string="Development Target Since", compute="_compute_progress", store=True
    )
    assembly_date = fields.Date(
        string="Accepted by the Assembly", compute="_compute_progress", store=True
    )
    approval_date = fields.Date(compute="_compute_progress", store=True)
    extension_months = fields.Integer(compute="_compute_progress", store=True)
    probation_end = fields.Date(compute="_compute_progress", store=True)
    full_member_date = fields.Date(compute="_compute_progress", store=True)
    acceptance_resolution_id = fields.Many2one(
        "party.meeting.resolution", compute="_compute_progress", store=True
    )
    days_left = fields.Integer(compute="_compute_days_left")
    overdue = fields.Boolean(compute="_compute_days_left", search="_search_overdue")
    timeline = fields.Html(compute="_compute_timeline", sanitize=False)
    reminded_for = fields.Char(readonly=True, copy=False)
    active = fields.Boolean(default=True)
    color = fields.Integer()

    _sql_constraints = [
        ("id_number_uniq", "unique(id_number_private)", "Another candidate has this ID number."),
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("organization_id")
    def _check_branch(self):
        for candidate in self:
            if candidate.organization_id.kind != "branch":
                raise ValidationError(_("A candidate is developed by a branch."))

    @api.constrains("contact_ids", "sponsor_ids", "id_number_private", "member_id")
    def _check_people(self):
        """Contacts and sponsors are full members, at most two each; the candidate
        does not sponsor themselves."""
        for candidate in self.sudo():
            if len(candidate.contact_ids) > 2:
                raise ValidationError(_("One or two contacts (细则第十一条)."))
            if len(candidate.sponsor_ids) > 2:
                raise ValidationError(_("Two sponsors (细则第十五条)."))
            people = candidate.contact_ids | candidate.sponsor_ids
            not_full = people.filtered(lambda member: member.state != "full")
            if not_full:
                raise ValidationError(
                    _(
                        "%(names)s: contacts and sponsors are full members, not probationary "
                        "ones (细则第十一条、第十五条).",
                        names="、".join(not_full.mapped("name")),
                    )
                )
            own = candidate.sponsor_ids.filtered(
                lambda member, c=candidate: member == c.member_id
                or (c.id_number_private and member.id_number_private == c.id_number_private)
            )
            if own:
                raise ValidationError(_("A candidate cannot sponsor themselves (细则第十五条)."))

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("id_number_private", "birth_date_private")
    @api.depends_context("uid")
    def _compute_private_data(self):
        readable = self._private_readable_ids()
        # The private values are the system's (as the members', models/party_roster.py).
        for candidate, private in zip(self, self.sudo(), strict=True):
            shown = candidate.id in readable or not candidate.id
            candidate.id_number = (
                private.id_number_private if shown else mask_id_number(private.id_number_private)
            )
            candidate.birth_date = private.birth_date_private if shown else False

    def _inverse_id_number(self):
        self._check_private_writable()
        for candidate in self:
            value = (candidate.id_number or "").strip().upper() or False
            private = candidate.sudo()  # the private value is the system's
            if value and value == mask_id_number(private.id_number_private):
                continue  # the mask sent back by a form: unchanged
            if value:
                error = "format" if "*" in value else id_number_check(value)
                if error:
                    raise ValidationError(self.env["party.member"]._id_number_message(value, error))
            values = {"id_number_private": value}
            if value and not private.birth_date_private:
                values["birth_date_private"] = id_number_birth_date(value)
            private.write(values)

    def _inverse_birth_date(self):
        self._check_private_writable()
        for candidate in self:
            candidate.sudo().birth_date_private = candidate.birth_date  # see above

    def _search_id_number(self, operator, value):
        found = self.sudo()._search([("id_number_private", operator, value)])
        return [("id", "in", found)] + self._private_readable_domain()

    def _private_readable_domain(self):
        user = self.env.user
        if self.env.su or user.has_group(LEVEL_GROUPS["committee"]):
            return []
        return [
            "|",
            ("organization_id", "in", user.party_organization_ids.ids),
            ("organization_id.secretary_id.user_id", "=", user.id),
        ]

    def _private_readable_ids(self):
        """Whose ID number the user reads: the branch's officers and secretary, the
        committee (general branches see the mask, as for the members)."""
        if self.env.su or self.env.user.has_group(LEVEL_GROUPS["committee"]):
            return set(self.ids)
        user = self.env.user
        return {
            candidate.id
            for candidate in self.sudo()
            if candidate.organization_id in user.party_organization_ids
            or candidate.organization_id.secretary_id.user_id == user
        }

    def _check_private_writable(self):
        readable = self._private_readable_ids()
        if any(candidate.id not in readable for candidate in self):
            raise UserError(_("You may not change this candidate's ID number or birth date."))

    @api.depends(
        "rule_version_id",
        # The catalogue's steps (a step created by an update, a committee's edit) and
        # the branch's place under a general branch decide the steps that apply.
        "rule_version_id.step_ids",
        "rule_version_id.step_ids.kind",
        "rule_version_id.step_ids.actor",
        "rule_version_id.step_ids.sequence",
        "organization_id.general_branch_id",
        "step_line_ids.result",
        "step_line_ids.date",
        "step_line_ids.step_id",
        "step_line_ids.extension_months",
        "step_line_ids.resolution_id",
    )
    def _compute_progress(self):
        for candidate in self:
            passed = candidate._passed_lines()
            phase = "applicant"
            for line in passed.sorted(lambda line: (line.date, line.id)):
                phase = line.step_id.sets_phase or phase
            dates = {line.step_id.code: line.date for line in passed}
            extension = sum(passed.mapped("extension_months"))
            assembly = dates.get("acceptance_assembly")
            candidate.phase = phase
            candidate.application_date = dates.get("application")
            candidate.activist_date = dates.get("activist")
            candidate.target_date = dates.get("target")
            candidate.assembly_date = assembly
            candidate.approval_date = dates.get("approval")
            candidate.extension_months = extension
            candidate.probation_end = (
                assembly + relativedelta(years=1, months=extension) if assembly else False
            )
            candidate.full_member_date = (
                candidate.probation_end if "conversion_approval" in dates else False
            )
            candidate.acceptance_resolution_id = passed.filtered(
                lambda line: line.step_id.code == "acceptance_assembly"
            )[:1].resolution_id
            # A full member's file is still archived (the last step); a closed one is not.
            step = candidate._next_step(passed) if phase != "closed" else False
            candidate.current_step_id = step
            start, end = candidate._window(step, dates, extension) if step else (False, False)
            candidate.window_start = start
            candidate.next_due_date = end

    @api.depends("next_due_date")
    @api.depends_context("uid")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for candidate in self:
            due = candidate.next_due_date
            candidate.days_left = (due - today).days if due else 0
            candidate.overdue = bool(due) and due < today

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search overdue candidates with = or !=."))
        today = fields.Date.context_today(self)
        domain = [("next_due_date", "<", today), ("phase", "not in", ("full", "closed"))]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("step_line_ids", "current_step_id", "next_due_date", "rule_version_id")
    @api.depends_context("uid")
    def _compute_timeline(self):
        for candidate in self:
            candidate.timeline = candidate._timeline_html()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if "rule_version_id" in vals and not self.env.su and self.step_line_ids:
            raise UserError(_("A candidate keeps the rules it started under."))
        if not self.env.su:
            # A probationary member who is also an officer of their branch: their own
            # file (dates, sponsors, the 预备期) is kept by another officer, as their
            # steps are (party.candidate.step._check_level). Whose member record it
            # is decides, whatever the reader may see of it (hence sudo).
            own = self.sudo().filtered(lambda c: c.member_id.user_id == self.env.user)
            if own:
                raise UserError(
                    _(
                        "You cannot change your own development file: %(name)s concerns "
                        "you, and another officer of the branch or the level above keeps it.",
                        name=own[0].name,
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_take_step(self):
        """The form of the next step's line, in a dialog."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Take a Step"),
            "res_model": "party.candidate.step",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_candidate_id": self.id,
                "default_step_id": self.current_step_id.id,
            },
        }

    def action_open_member(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.member",
            "res_id": self.member_id.id,
            "view_mode": "form",
        }

    def action_print_record(self):
        self.check_access("read")
        return self.env.ref("party_quant.action_report_candidate_record").report_action(self)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _passed_lines(self):
        return self.step_line_ids.filtered(lambda line: line.result == "passed")

    def _next_step(self, passed):
        """The first step of the procedure not passed yet."""
        done = set(passed.step_id.mapped("code"))
        return self._flow_steps(passed).filtered(lambda step: step.code not in done)[:1]

    def _flow_steps(self, passed):
        """The steps of the procedure the candidate goes through, in order. A 党总支's
        step (its 审议 of the branch's resolution) applies only when the branch has a
        general branch between it and the 党委, and is not asked afterwards of a case
        already past it (steps taken before the catalogue had it)."""
        self.ensure_one()
        done = set(passed.step_id.mapped("code"))
        # In the catalogue's order (sequence, then id: a 审议 follows the assembly).
        flow = self.rule_version_id.step_ids.filtered(lambda step: step.kind == "flow").sorted(
            lambda step: (step.sequence, step.id)
        )
        last = max((index for index, step in enumerate(flow) if step.code in done), default=-1)
        under_general_branch = bool(self.organization_id.general_branch_id)
        return flow.browse(
            [
                step.id
                for index, step in enumerate(flow)
                if step.actor != "general_branch"
                or step.code in done
                or (under_general_branch and index > last)
            ]
        )

    def _step_applies(self, step):
        """Whether ``step`` is one the candidate goes through (see _flow_steps)."""
        self.ensure_one()
        return step.kind != "flow" or step in self._flow_steps(self._passed_lines())

    def _window(self, step, dates, extension):
        """When ``step`` may be taken: (first day, last day) from its guards (False:
        no bound)."""
        start = end = False
        for guard in step.guard_ids.filtered(lambda g: g.enabled and g.from_step_id):
            since = dates.get(guard.from_step_id.code)
            if not since:
                continue
            if guard.plus_extension:
                since += relativedelta(months=extension)
            day = interval_end(since, guard.value, guard.unit)
            if guard.kind == "min":
                start = max(start, day) if start else day
            elif guard.breach != "warn":
                end = min(end, day) if end else day
        return start, end

    def _acting_users(self):
        """The users who act on the current step (its level over the branch)."""
        self.ensure_one()
        level = ACTOR_LEVELS.get(self.current_step_id.actor)
        if not level:
            return self.env["res.users"]
        users = self.organization_id._level_users(level)
        if not users and level == "general_branch":
            # A general branch naming no officers: the 党委, which may take its 审议.
            users = self.organization_id._level_users("committee")
        return users

    def _schedule_next(self):
        """The to-do for whoever acts next, due when the step's window closes."""
        self._decision_done(TODO)
        self.filtered("current_step_id")._decision_todo(
            TODO,
            lambda candidate: candidate._acting_users(),
            lambda candidate: candidate.next_due_date or fields.Date.context_today(candidate),
        )

    @api.model
    def _cron_remind(self):
        """Reminders N days (setting) before a step's window closes: a note to whoever
        acts, once per window."""
        days = setting(self.env, *SETTINGS["development_reminder_days"])
        today = fields.Date.context_today(self)
        candidates = self.search(
            [
                ("next_due_date", ">=", today),
                ("next_due_date", "<=", today + timedelta(days=days)),
                ("phase", "not in", ("full", "closed")),
            ]
        )
        for candidate in candidates:
            marker = f"{candidate.current_step_id.code}:{candidate.next_due_date}"
            if candidate.sudo().reminded_for == marker:
                continue
            partners = candidate._acting_users().partner_id
            candidate.message_post(
                body=_(
                    "%(step)s of %(name)s: its window closes on %(date)s.",
                    step=candidate.current_step_id.display_name,
                    name=candidate.name,
                    date=candidate.next_due_date,
                ),
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_note",
            )
            candidate.sudo().reminded_for = marker

    def _timeline_html(self):
        """Every step of the candidate's rules: done (date, who, proof), current
        (highlighted, its window and days left), later."""
        self.ensure_one()
        lines_by_step = {}
        for line in self.step_line_ids.sorted(lambda line: (line.date, line.id)):
            lines_by_step.setdefault(line.step_id.id, []).append(line)
        rows = []
        flow = self._flow_steps(self._passed_lines())
        for step in self.rule_version_id.step_ids.sorted(lambda step: (step.sequence, step.id)):
            lines = lines_by_step.get(step.id, [])
            if (step.kind != "flow" or step not in flow) and not lines:
                continue  # not taken: an extension, a 审议 without a general branch
            if step == self.current_step_id:
                status, css = _("Current"), "table-warning fw-bold"
                window = []
                if self.window_start:
                    window.append(_("from %(date)s", date=self.window_start))
                if self.next_due_date:
                    window.append(
                        _(
                            "until %(date)s (%(days)s days left)",
                            date=self.next_due_date,
                            days=self.days_left,
                        )
                    )
                # A returned attempt stays on the current step, with its reason.
                detail = "; ".join([" ".join(window)] + [line._summary() for line in lines])
            elif lines:
                status = _("Done") if lines[-1].result == "passed" else _("Returned")
                css = "text-success" if lines[-1].result == "passed" else "text-danger"
                detail = "; ".join(line._summary() for line in lines)
            else:
                status, css, detail = _("Later"), "text-muted", ""
            rows.append(
                Markup("<tr class='%s'><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (css, step.display_name, step.article, status, detail)
            )
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            _("Step"),
            _("Article"),
            _("Status"),
            _("Date, Who, Proof"),
        )
        return Markup("<table class='table table-sm o_party_timeline'>%s%s</table>") % (
            head,
            Markup("").join(rows),
        )


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    development_approval = fields.Boolean(
        string="Approves New Members",
        default=True,
        help="A party committee with the power to approve the acceptance and the conversion "
        "of new members (发展党员审批权).",
    )


class PartyMember(models.Model):
    _inherit = "party.member"

    # Officers only: members and HR read no candidate.
    candidate_ids = fields.One2many(
        "party.candidate",
        "member_id",
        string="Development",
        readonly=True,
        groups="party_quant.group_party_branch",
    )
    development_step_ids = fields.One2many(
        "party.candidate.step",
        compute="_compute_development_step_ids",
        string="Development History",
        groups="party_quant.group_party_branch",
    )

    @api.depends("candidate_ids")
    def _compute_development_step_ids(self):
        for member in self:
            member.development_step_ids = member.candidate_ids.step_line_ids


class PartyWorkbench(models.Model):
    _inherit = "party.workbench"

    development_due = fields.Integer(
        string="Development Steps Due This Month", compute="_compute_development_figures"
    )
    development_overdue = fields.Integer(compute="_compute_development_figures")

    @api.depends_context("uid")
    def _compute_development_figures(self):
        """One query for every card: the candidates whose step's window closes by the
        end of the month (and those already past it), under each card's organization."""
        today = fields.Date.context_today(self)
        month_end = today + relativedelta(day=31)
        # Counted over the cards' organizations (the user's own cards), one query.
        rows = (
            self.env["party.candidate"]
            .sudo()
            ._read_group(
                [
                    ("organization_id", "child_of", self.organization_id.ids),
                    ("phase", "!=", "closed"),
                    ("next_due_date", "<=", month_end),
                ],
                ["organization_id", "next_due_date:day"],
                ["__count"],
            )
        )
        for card in self:
            path = card.organization_id.parent_path or "-"
            mine = [
                (due, count)
                for branch, due, count in rows
                if (branch.parent_path or "").startswith(path)
            ]
            card.development_due = sum(count for _due, count in mine)
            card.development_overdue = sum(count for due, count in mine if due < today)

    def action_open_development(self):
        self.ensure_one()
        return self._action(
            "party_candidate_action",
            self._scope(),
            {"search_default_due_this_month": 1},
        )
