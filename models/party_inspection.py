"""Cross inspections (互查互评): the committee's plans, one inspection per inspected
branch with its team of officers from another branch, the document-review checklist,
forums and talks, the questionnaire's results, and good practices to share."""

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.osv.expression import OR

from .party_organization import LEVEL_GROUPS

PLAN_KINDS = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]
PLAN_STATES = [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done")]
SCOPES = [
    ("all", "All Branches"),
    ("type", "Branches of a Type"),
    ("general_branch", "Branches of a General Branch"),
]
CHECK_RESULTS = [("found", "Found"), ("partly", "Partly"), ("missing", "Missing")]
SESSION_KINDS = [("forum", "Staff Forum"), ("talk", "Individual Talk")]
# The records of the inspected branch a team member reads while the inspection runs,
# and the date field that places each in the inspected period.
TEAM_READ_MODELS = {
    "party.meeting": "date",
    "party.dues": "month",
    "party.point.line": "date",
    "party.evaluation": "period_start",
    "party.evaluation.line": "period_id.date_start",
}


class PartyInspectionPlan(models.Model):
    _name = "party.inspection.plan"
    _description = "Inspection Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "date_from desc, id desc"

    _system_fields = frozenset({"rotation"})
    _transitions = {
        ("draft", "in_progress"): "committee",
        ("in_progress", "done"): "committee",
        ("in_progress", "draft"): "committee",
    }

    name = fields.Char(required=True, tracking=True)
    period_kind = fields.Selection(
        PLAN_KINDS, string="Cycle", required=True, default="quarter", tracking=True
    )
    date_from = fields.Date(
        string="Inspected From", required=True, tracking=True, help="First day inspected."
    )
    date_to = fields.Date(
        string="Inspected To",
        compute="_compute_date_to",
        store=True,
        help="Last day of the inspected month, quarter or year.",
    )
    inspection_date = fields.Date(
        string="Inspection Starts",
        required=True,
        tracking=True,
        help="When the teams arrive: records of the inspected period entered in the days "
        "before it are flagged.",
    )
    inspection_date_end = fields.Date(string="Inspection Ends", tracking=True)
    scope = fields.Selection(SCOPES, required=True, default="all", tracking=True)
    branch_type_id = fields.Many2one("party.branch.type")
    general_branch_id = fields.Many2one(
        "party.organization",
        string="Organization",
        domain="[('kind', '!=', 'branch')]",
        help="The general branch (or committee) whose branches are inspected.",
    )
    method_documents = fields.Boolean(string="Document Review", default=True)
    method_questionnaire = fields.Boolean(string="Questionnaire", default=True)
    method_forum = fields.Boolean(string="Staff Forum", default=True)
    method_talks = fields.Boolean(string="Individual Talks", default=True)
    criterion_ids = fields.Many2many("party.criterion", string="Criteria Checked")
    evaluation_period_id = fields.Many2one(
        "party.period",
        string="Evaluation Adjusted",
        domain="[('kind', '=', 'month')]",
        help="The month whose evaluations receive the accepted score adjustments.",
    )
    survey_template_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire Template",
        default=lambda self: self.env.ref(
            "party_quant.survey_inspection_template", raise_if_not_found=False
        ),
    )
    rotation = fields.Integer(readonly=True, help="How far the teams were shifted.")
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    inspection_ids = fields.One2many("party.inspection", "plan_id", string="Inspections")
    inspection_count = fields.Integer(compute="_compute_counts")
    finding_count = fields.Integer(compute="_compute_counts")

    @api.depends("period_kind", "date_from")
    def _compute_date_to(self):
        months = {"month": 1, "quarter": 3, "year": 12}
        for plan in self:
            plan.date_to = plan.date_from and (
                plan.date_from + relativedelta(months=months[plan.period_kind], days=-1)
            )

    @api.depends("inspection_ids.finding_ids")
    def _compute_counts(self):
        for plan in self:
            plan.inspection_count = len(plan.inspection_ids)
            plan.finding_count = len(plan.inspection_ids.finding_ids)

    @api.constrains("period_kind", "date_from", "inspection_date", "inspection_date_end")
    def _check_dates(self):
        for plan in self:
            first = plan.date_from
            if first.day != 1 or (
                plan.period_kind == "quarter" and first.month not in (1, 4, 7, 10)
            ):
                raise ValidationError(
                    _("A plan's period starts on the first day of a month or of a quarter.")
                )
            if plan.period_kind == "year" and first.month != 1:
                raise ValidationError(_("A yearly plan starts on the first of January."))
            if plan.inspection_date_end and plan.inspection_date_end < plan.inspection_date:
                raise ValidationError(_("The inspection cannot end before it starts."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def write(self, vals):
        res = super().write(vals)
        if {"date_from", "period_kind"} & vals.keys():
            # The teams' read access covers the inspected period.
            self.env.registry.clear_cache()
        return res

    def action_start(self):
        for plan in self.filtered(lambda p: not p.inspection_ids):
            plan.action_assign_teams()
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_draft(self):
        self.write({"state": "draft"})

    def _after_transition(self, moved_from, vals):
        new_state = vals["state"]
        inspections = self.inspection_ids
        # The plan's move carries its inspections (the committee acts for the teams).
        if new_state == "in_progress":
            inspections.filtered(lambda i: i.state == "draft").sudo().write(
                {"state": "in_progress"}
            )
            inspections._create_surveys()
            inspections._notify_teams()
        elif new_state == "done":
            inspections.filtered(lambda i: i.state == "in_progress").sudo().write({"state": "done"})
        elif new_state == "draft":
            inspections.sudo().write({"state": "draft"})
        # Team members' read access follows the inspections' states.
        self.env.registry.clear_cache()

    # ------------------------------------------------------------------
    # Teams
    # ------------------------------------------------------------------
    def _branches(self):
        self.ensure_one()
        domain = [("kind", "=", "branch"), ("branch_type_id", "!=", False)]
        if self.scope == "type":
            domain.append(("branch_type_id", "=", self.branch_type_id.id))
        elif self.scope == "general_branch":
            domain.append(("parent_id", "child_of", self.general_branch_id.id))
        return self.env["party.organization"].search(domain, order="id")

    def action_assign_teams(self):
        """One inspection per branch in scope, each inspected by the officers of
        another branch: like with like (a cycle within each branch type of three or
        more), the rest in one cycle of their own; the cycles shift by one more place
        from one plan to the next (rotation), and a shift that would pair two branches
        both ways is skipped. The committee can change the teams afterwards."""
        self.check_access("write")
        for plan in self:
            if plan.state != "draft":
                raise UserError(_("Teams are assigned while the plan is a draft."))
            branches = plan._branches()
            if len(branches) < 3:
                raise UserError(
                    _(
                        "Cross inspections need at least three branches in scope, so that "
                        "no two branches inspect each other."
                    )
                )
            previous = self.search_count(
                [
                    ("id", "!=", plan.id),
                    ("state", "!=", "draft"),
                    ("date_from", "<", plan.date_from),
                ]
            )
            inspecting = _rotate(branches, previous)
            plan.inspection_ids.sudo().unlink()
            # The plan's branches and the plan itself are set by the assignment only
            # (system fields); the committee's right to write the plan was checked.
            self.env["party.inspection"].sudo().create(
                [
                    {
                        "plan_id": plan.id,
                        "organization_id": branch.id,
                        "inspecting_organization_id": inspector.id,
                        "team_member_ids": [(6, 0, inspector._team_users().ids)],
                    }
                    for branch, inspector in inspecting.items()
                ]
            )
            # The shift used, kept for the record (system field).
            plan.sudo().rotation = previous

    def action_view_findings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_inspection_finding_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        return action


def _rotate(branches, turn):
    """{branch: inspecting branch}: cycles within each branch type of three or more
    branches, the other branches together in one cycle (joined to the largest cycle
    when fewer than three), each cycle shifted by a step chosen by ``turn`` among
    those that pair no two branches both ways."""
    by_type = {}
    for branch in branches:
        by_type.setdefault(branch.branch_type_id.id, []).append(branch)
    cycles = [group for group in by_type.values() if len(group) >= 3]
    rest = [branch for group in by_type.values() if len(group) < 3 for branch in group]
    if rest:
        if len(rest) >= 3 or not cycles:
            cycles.append(rest)
        else:
            max(cycles, key=len).extend(rest)
    result = {}
    for cycle in cycles:
        size = len(cycle)
        # Shifting by k pairs two branches both ways when 2k is a multiple of size.
        steps = [k for k in range(1, size) if (2 * k) % size]
        step = steps[turn % len(steps)]
        for index, branch in enumerate(cycle):
            result[branch] = cycle[(index + step) % size]
    return result


class PartyOrganizationInspection(models.Model):
    _inherit = "party.organization"

    def _team_users(self):
        """The officers of this branch who can serve on a team."""
        self.ensure_one()
        # Officers of another branch, read to build a team.
        branch = self.sudo()
        users = branch.officer_user_ids | branch.secretary_id.user_id
        return users.filtered(lambda u: u.active and u.has_group(LEVEL_GROUPS["branch"]))


class PartyInspection(models.Model):
    _name = "party.inspection"
    _description = "Cross Inspection"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "plan_id desc, organization_id"
    _rec_name = "name"

    _system_fields = frozenset(
        {
            "plan_id",
            "organization_id",
            "survey_id",
            "questionnaire_invited_ids",
            "questionnaire_opened_ids",
        }
    )
    _transitions = {
        ("draft", "in_progress"): "committee",
        ("in_progress", "done"): "team",
        ("done", "in_progress"): "committee",
    }

    name = fields.Char(compute="_compute_name", store=True)
    plan_id = fields.Many2one(
        "party.inspection.plan", required=True, index=True, ondelete="cascade", readonly=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Inspected Branch",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    branch_type_id = fields.Many2one(
        related="organization_id.branch_type_id", store=True, string="Branch Type"
    )
    general_branch_id = fields.Many2one(
        related="organization_id.general_branch_id", store=True, string="General Branch"
    )
    inspecting_organization_id = fields.Many2one(
        "party.organization",
        string="Inspecting Branch",
        domain="[('kind', '=', 'branch'), ('id', '!=', organization_id)]",
        tracking=True,
    )
    team_member_ids = fields.Many2many(
        "res.users",
        "party_inspection_team_rel",
        "inspection_id",
        "user_id",
        string="Team",
        tracking=True,
    )
    leader_id = fields.Many2one("res.users", string="Team Leader", tracking=True)
    date_from = fields.Date(related="plan_id.date_from", store=True)
    date_to = fields.Date(related="plan_id.date_to", store=True)
    inspection_date = fields.Date(related="plan_id.inspection_date", store=True)
    state = fields.Selection(
        PLAN_STATES, default="draft", required=True, readonly=True, tracking=True, index=True
    )
    check_ids = fields.One2many("party.inspection.check", "inspection_id", string="Checklist")
    session_ids = fields.One2many(
        "party.inspection.session", "inspection_id", string="Forums and Talks"
    )
    finding_ids = fields.One2many("party.inspection.finding", "inspection_id", string="Findings")
    rectification_ids = fields.One2many(
        "party.rectification", "inspection_id", string="Rectifications"
    )
    practice_ids = fields.One2many(
        "party.inspection.practice", "inspection_id", string="Good Practices"
    )
    summary = fields.Html(string="Overall Evaluation")
    survey_id = fields.Many2one("survey.survey", string="Questionnaire", readonly=True)
    survey_url = fields.Char(
        string="Questionnaire Link",
        compute="_compute_survey_results",
        help="Where an invited member of the inspected branch opens their own one-time "
        "questionnaire (after logging in).",
    )
    # One personal, one-time invitation per member of the inspected branch with a login:
    # who was invited and who opened theirs, never which answer is whose.
    questionnaire_invited_ids = fields.Many2many(
        "party.member",
        "party_inspection_questionnaire_invited_rel",
        "inspection_id",
        "member_id",
        string="Invited Members",
        readonly=True,
    )
    questionnaire_opened_ids = fields.Many2many(
        "party.member",
        "party_inspection_questionnaire_opened_rel",
        "inspection_id",
        "member_id",
        string="Members Who Opened the Questionnaire",
        readonly=True,
    )
    survey_invited = fields.Integer(
        string="Invited", compute="_compute_survey_results", help="Members invited to answer."
    )
    survey_participation = fields.Integer(
        string="Answers", compute="_compute_survey_results", help="Completed questionnaires."
    )
    survey_score = fields.Float(
        string="Questionnaire Score (%)",
        compute="_compute_survey_results",
        digits=(5, 1),
        help="Average score of the completed questionnaires.",
    )
    check_score = fields.Float(
        string="Documents Found (%)",
        compute="_compute_check_score",
        digits=(5, 1),
        help="Checklist items found (partly found counts half).",
    )
    is_team_member = fields.Boolean(compute="_compute_is_team_member")

    _sql_constraints = [
        (
            "plan_branch_uniq",
            "unique(plan_id, organization_id)",
            "A branch is inspected once per plan.",
        ),
    ]

    @api.depends("plan_id.name", "organization_id.name")
    def _compute_name(self):
        for inspection in self:
            inspection.name = (
                f"{inspection.plan_id.name or ''} · {inspection.organization_id.name or ''}"
            )

    def _compute_is_team_member(self):
        for inspection in self:
            inspection.is_team_member = self.env.user in inspection.team_member_ids

    def _compute_survey_results(self):
        Input = self.env["survey.user_input"].sudo()  # counts only, answers stay anonymous
        results = {
            survey: (count, score)
            for survey, count, score in Input._read_group(
                [
                    ("survey_id", "in", self.survey_id.ids),
                    ("state", "=", "done"),
                    ("test_entry", "=", False),
                ],
                ["survey_id"],
                ["__count", "scoring_percentage:avg"],
            )
        }
        for inspection in self:
            count, score = results.get(inspection.survey_id.sudo(), (0, 0.0))
            inspection.survey_participation = count
            inspection.survey_score = score or 0.0
            # A count only (the invitations of branches the reader may not list).
            inspection.survey_invited = len(inspection.sudo().questionnaire_invited_ids)
            inspection.survey_url = (
                f"/party/questionnaire/{inspection.id}" if inspection.survey_id else False
            )

    @api.depends("check_ids.result")
    def _compute_check_score(self):
        weights = {"found": 1.0, "partly": 0.5, "missing": 0.0}
        for inspection in self:
            checked = inspection.check_ids.filtered("result")
            inspection.check_score = (
                100.0 * sum(weights[c.result] for c in checked) / len(checked) if checked else 0.0
            )

    @api.constrains("organization_id", "inspecting_organization_id", "team_member_ids")
    def _check_team(self):
        """Never one's own branch; never two branches inspecting each other in one
        period (overlapping plans)."""
        for inspection in self:
            branch = inspection.organization_id
            if inspection.inspecting_organization_id == branch:
                raise ValidationError(_("%(branch)s cannot inspect itself.", branch=branch.name))
            for user in inspection.team_member_ids:
                if branch in user._party_home_branches():
                    raise ValidationError(
                        _(
                            "%(user)s belongs to %(branch)s and cannot inspect it.",
                            user=user.name,
                            branch=branch.name,
                        )
                    )
        # Mutual: the inspected branch inspecting, in an overlapping plan, a branch of
        # this team.
        all_inspections = self.sudo().search(
            [
                ("date_from", "<=", max(self.mapped("date_to"))),
                ("date_to", ">=", min(self.mapped("date_from"))),
            ]
        )
        for inspection in self:
            teams = inspection._team_branches()
            for other in all_inspections:
                if (
                    other.id != inspection.id
                    and other.organization_id in teams
                    and other.date_from <= inspection.date_to
                    and other.date_to >= inspection.date_from
                    and inspection.organization_id in other._team_branches()
                ):
                    raise ValidationError(
                        _(
                            "%(first)s and %(second)s would inspect each other in the same "
                            "period; change one of the teams.",
                            first=inspection.organization_id.name,
                            second=other.organization_id.name,
                        )
                    )

    def _team_branches(self):
        self.ensure_one()
        return self.inspecting_organization_id | self.team_member_ids._party_home_branches()

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _may_team(self):
        return self.env.user in self.team_member_ids or self._may_committee()

    def action_done(self):
        self.write({"state": "done"})

    def action_reopen(self):
        self.write({"state": "in_progress"})

    def write(self, vals):
        if {"team_member_ids", "inspecting_organization_id", "leader_id"} & vals.keys():
            if not self.env.su and not self.env.user.has_group(LEVEL_GROUPS["committee"]):
                raise UserError(_("Only the party committee changes the teams."))
        res = super().write(vals)
        if {"team_member_ids", "state"} & vals.keys():
            # Team members' read access to the inspected branch follows the team.
            self.env.registry.clear_cache()
        return res

    def _create_surveys(self):
        """One questionnaire per inspection, copied from the plan's template and titled
        with the branch and the period, answered by invitation only: each member of the
        inspected branch with a login gets one personal, one-time invitation
        (models/party_inspection_survey.py); the answers carry no person."""
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        for inspection in self.filtered(
            lambda i: not i.survey_id and i.plan_id.method_questionnaire
        ):
            template = inspection.plan_id.survey_template_id
            if not template:
                continue
            # The questionnaire belongs to the inspection (system field); the survey
            # module's records are its own to copy.
            survey = template.sudo().copy(
                {
                    "access_mode": "token",
                    "users_login_required": False,
                    "is_attempts_limited": True,
                    "attempts_limit": 1,
                    "party_anonymous": True,
                }
            )
            # The survey module titles a copy "… (copy)" in every language: the branch
            # and the period instead, in each installed language.
            for lang in langs:
                survey.with_context(lang=lang).title = inspection._survey_title(lang)
            inspection.sudo().survey_id = survey
        self._invite_members()

    def _survey_title(self, lang):
        self.ensure_one()
        env = self.with_context(lang=lang).env
        return env._(
            "Questionnaire of %(branch)s, cross inspection %(start)s to %(end)s",
            branch=self.organization_id.with_env(env).name,
            start=self.date_from,
            end=self.date_to,
        )

    def _create_checklist(self):
        """One checklist item per criterion of the plan (or of the branch's type)."""
        vals_list = []
        Criterion = self.env["party.criterion"]
        by_type = Criterion._for_branch_types(self.branch_type_id)
        for inspection in self:
            criteria = by_type.get(inspection.branch_type_id, Criterion)
            if inspection.plan_id.criterion_ids:
                criteria &= inspection.plan_id.criterion_ids
            have = inspection.check_ids.criterion_id
            vals_list += [
                {"inspection_id": inspection.id, "criterion_id": criterion.id}
                for criterion in criteria - have
            ]
        return self.env["party.inspection.check"].sudo().create(vals_list)

    def _notify_teams(self):
        """An activity for each team member: the inspection to carry out."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = [
            {
                "activity_type_id": activity_type.id,
                "res_model_id": model_id,
                "res_id": inspection.id,
                "user_id": user.id,
                "date_deadline": inspection.plan_id.inspection_date_end
                or inspection.inspection_date,
                "summary": self.env._(
                    "Cross inspection of %(branch)s", branch=inspection.organization_id.name
                ),
                "automated": True,
            }
            for inspection in self
            for user in inspection.team_member_ids
        ]
        self._create_checklist()
        if vals_list:
            # The workflow's notifications, whoever started the plan.
            self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    @tools.ormcache("self.env.uid")
    def _team_branch_ids_of_current_user(self):
        """The ids of the branches the current user inspects now, cached until a team or
        an inspection's state changes (both clear the registry's cache)."""
        return tuple(self._team_branches_inspected(self.env.user).ids)

    @api.model
    def _team_branches_inspected(self, user):
        """The branches ``user`` inspects now (running inspections of their teams)."""
        return (
            self.sudo()
            .search([("team_member_ids", "in", user.ids), ("state", "=", "in_progress")])
            .organization_id
        )

    @api.model
    def _team_domain(self, model_name, user):
        """The records of ``model_name`` that ``user`` reads as a member of a running
        inspection's team: the inspected branch's, dated within the inspected period."""
        date_field = TEAM_READ_MODELS[model_name]
        inspections = self.sudo().search(
            [("team_member_ids", "in", user.ids), ("state", "=", "in_progress")]
        )
        domains = [
            [
                ("organization_id", "=", inspection.organization_id.id),
                (date_field, ">=", inspection.date_from),
                (date_field, "<=", inspection.date_to),
            ]
            for inspection in inspections
        ]
        return OR(domains) if domains else [(0, "=", 1)]


class ResUsersInspection(models.Model):
    _inherit = "res.users"

    def _party_home_branches(self):
        """The branches these users belong to or act for."""
        # Reading where a user belongs, to keep them off their own branch's team.
        users = self.sudo()
        branches = users.party_organization_ids.filtered(lambda o: o.kind == "branch")
        return branches | users.party_member_ids.organization_id

    def party_inspection_domain(self, model_name):
        """The record-rule domain of a team member (see party.inspection._team_domain);
        called by the rules in security/party_inspection_rules.xml. Members and the
        branch itself: those of the inspected branches (names on the lists)."""
        # Always the current user's (the rules' ``user``), whichever record is asked.
        user = self.env.user
        Inspection = self.env["party.inspection"]
        if model_name in TEAM_READ_MODELS:
            return Inspection._team_domain(model_name, user)
        branches = Inspection._team_branches_inspected(user)
        if model_name == "party.member":
            return [("organization_id", "in", branches.ids)]
        if model_name == "party.organization":
            return [("id", "in", branches.ids)]
        return [(0, "=", 1)]


class PartyInspectionCheck(models.Model):
    """One item of the document review (实地查阅资料): for a criterion, whether the
    records were found, with a note and photos."""

    _name = "party.inspection.check"
    _description = "Inspection Checklist Item"
    _inherit = ["party.guard.mixin"]
    _order = "inspection_id, sequence, id"

    inspection_id = fields.Many2one(
        "party.inspection", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    criterion_id = fields.Many2one("party.criterion", required=True, ondelete="restrict")
    name = fields.Char(string="Item", compute="_compute_name", store=True, readonly=False)
    result = fields.Selection(CHECK_RESULTS)
    note = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_inspection_check_ir_attachment_rel",
        "check_id",
        "attachment_id",
        string="Photos",
    )
    organization_id = fields.Many2one(
        related="inspection_id.organization_id", store=True, string="Inspected Branch"
    )

    @api.depends("criterion_id")
    def _compute_name(self):
        for check in self:
            check.name = check.name or check.criterion_id.name


class PartyInspectionSession(models.Model):
    """A staff forum (群众座谈) or an individual talk (个别谈话) of an inspection."""

    _name = "party.inspection.session"
    _description = "Inspection Forum or Talk"
    _inherit = ["party.guard.mixin"]
    _order = "date desc, id desc"

    inspection_id = fields.Many2one(
        "party.inspection", required=True, index=True, ondelete="cascade"
    )
    kind = fields.Selection(SESSION_KINDS, required=True, default="forum")
    date = fields.Date(required=True, default=fields.Date.context_today)
    participants = fields.Text(help="Who took part (names or roles).")
    participant_count = fields.Integer(string="Number of Participants")
    summary = fields.Text(string="What Was Said")
    findings = fields.Text()
    organization_id = fields.Many2one(
        related="inspection_id.organization_id", store=True, string="Inspected Branch"
    )

    @api.constrains("participant_count")
    def _check_count(self):
        if any(session.participant_count < 0 for session in self):
            raise ValidationError(_("The number of participants cannot be negative."))


class PartyInspectionPractice(models.Model):
    """A good practice found by an inspection (互学), published by the committee to
    all branches."""

    _name = "party.inspection.practice"
    _description = "Good Practice"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "published_date desc, id desc"

    _system_fields = frozenset({"published_date"})
    _transitions = {
        ("draft", "published"): "committee",
        ("published", "draft"): "committee",
    }

    inspection_id = fields.Many2one(
        "party.inspection", required=True, index=True, ondelete="cascade"
    )
    organization_id = fields.Many2one(
        related="inspection_id.organization_id", store=True, string="Branch"
    )
    branch_type_id = fields.Many2one(related="inspection_id.branch_type_id", store=True)
    criterion_id = fields.Many2one("party.criterion", ondelete="set null")
    name = fields.Char(string="Practice", required=True)
    description = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    published_date = fields.Date(readonly=True)

    def action_publish(self):
        self.write({"state": "published"})

    def action_unpublish(self):
        self.write({"state": "draft"})

    def _after_transition(self, moved_from, vals):
        # The publication date is the workflow's record of the move.
        self.sudo().published_date = (
            fields.Date.context_today(self) if vals["state"] == "published" else False
        )
