"""The year's development plan against the quota (年度发展党员计划, issue 23 item 5).

- ``party.development.plan``: one per committee (党委) and year: the quota (指标) handed
  down by the level above, draft → approved by a 党委 user (the guard's transition table,
  checked in ``write`` whoever asks), and its lines.
- ``party.development.plan.line``: the acceptances (and development targets) planned for
  one branch or general branch under the committee; a general branch's line counts the
  acceptances of its branches. The lines' sum stays within the quota.
- ``party.development.plan.report``: plan against actual per line, a view over the lines
  and the development step lines (one query for every line): acceptances are the
  passed 党委审批 (step ``approval``) dated in the plan's year, conversions the passed
  ``conversion_approval``, development targets the passed ``target``.

The 党委's approval of a candidate whose line (or, without a line, the plan) is used up,
or without an approved plan for the year, needs a written reason (the setting
``development_plan_breach``: refuse / reason / warn), and the step line keeps the
warning citing the plan (``party.candidate.step._check_development_plan``).
"""

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_guard import MAIL_PREFIXES
from .party_settings import SETTINGS, setting

# The step codes counted as this year's actuals (the same across rule versions).
ACTUAL_CODES = {"approval": "accepted", "conversion_approval": "converted", "target": "targets"}
YEARS = (2000, 2199)
BREACHES = [("refuse", "Refuse"), ("reason", "Needs a Reason"), ("warn", "Warn")]


def _ancestor_ids(organization):
    """The ids of ``organization`` and the organizations above it (its parent path)."""
    return [int(part) for part in (organization.parent_path or "").split("/") if part]


class PartyDevelopmentPlan(models.Model):
    _name = "party.development.plan"
    _description = "Member Development Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "year desc, committee_id, id"
    # Who approved it and when: the system's.
    _system_fields = frozenset({"approved_by_id", "approved_on"})
    _transitions = {
        ("draft", "approved"): "committee",
        ("approved", "draft"): "committee",
    }

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(
        required=True, tracking=True, default=lambda self: fields.Date.context_today(self).year
    )
    committee_id = fields.Many2one(
        "party.organization",
        string="Party Committee",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('kind', '=', 'committee')]",
        default=lambda self: self._default_committee(),
    )
    quota = fields.Integer(
        required=True, tracking=True, help="指标: the acceptances allowed by the level above."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        string="Status",
        required=True,
        default="draft",
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many("party.development.plan.line", "plan_id", string="Lines")
    planned_total = fields.Integer(string="Planned Acceptances", compute="_compute_planned_total")
    accepted_total = fields.Integer(string="Accepted", compute="_compute_actuals")
    converted_total = fields.Integer(string="Converted", compute="_compute_actuals")
    targets_total = fields.Integer(string="Development Targets", compute="_compute_actuals")
    remaining_total = fields.Integer(string="Remaining", compute="_compute_actuals")
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True)
    approved_on = fields.Date(readonly=True)
    note = fields.Text()

    _sql_constraints = [
        ("committee_year_uniq", "unique(committee_id, year)", "One plan per committee and year.")
    ]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("year", "quota", "committee_id")
    def _check_plan(self):
        for plan in self:
            if not YEARS[0] <= plan.year <= YEARS[1]:
                raise ValidationError(
                    _(
                        "A development plan's year is between %(first)s and %(last)s.",
                        first=YEARS[0],
                        last=YEARS[1],
                    )
                )
            if plan.quota < 0:
                raise ValidationError(_("A quota is not negative."))
            if plan.committee_id.kind != "committee":
                raise ValidationError(_("A development plan belongs to a party committee."))
        self._check_quota()

    def _check_quota(self):
        """The lines' planned acceptances stay within the quota."""
        for plan in self:
            planned = sum(plan.line_ids.mapped("planned"))
            if planned > plan.quota:
                raise ValidationError(
                    _(
                        "%(plan)s: the lines plan %(planned)s acceptances, more than the "
                        "quota of %(quota)s.",
                        plan=plan.name,
                        planned=planned,
                        quota=plan.quota,
                    )
                )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("year")
    def _compute_name(self):
        # The plan's own words, Chinese in every language (as the rules' names).
        for plan in self:
            plan.name = f"{plan.year}年度发展党员计划" if plan.year else False

    @api.depends("line_ids.planned")
    def _compute_planned_total(self):
        for plan in self:
            plan.planned_total = sum(plan.line_ids.mapped("planned"))

    @api.depends("year", "committee_id", "quota")
    def _compute_actuals(self):
        counts = self._actual_counts()
        for plan in self:
            found = counts.get(plan.id, {})
            plan.accepted_total = found.get("accepted", 0)
            plan.converted_total = found.get("converted", 0)
            plan.targets_total = found.get("targets", 0)
            plan.remaining_total = plan.quota - plan.accepted_total

    def _actual_counts(self):
        """{plan id: {accepted, converted, targets}} under each plan's committee in its
        year, one query for every plan. The counts are the committee's figures, read
        by whoever reads the plan (the lines themselves by their officers only)."""
        plans = self.filtered("id")
        if not plans:
            return {}
        _flush_actuals(self.env)
        self.env.cr.execute(
            SQL(
                """SELECT plan.id, step.code, COUNT(line.id)
                     FROM party_development_plan plan
                     JOIN party_organization committee ON committee.id = plan.committee_id
                     JOIN party_organization branch
                          ON starts_with(branch.parent_path, committee.parent_path)
                     JOIN party_candidate_step line ON line.organization_id = branch.id
                     JOIN party_development_step step ON step.id = line.step_id
                    WHERE plan.id IN %s AND line.result = 'passed' AND step.code IN %s
                      AND line.date >= make_date(plan.year, 1, 1)
                      AND line.date < make_date(plan.year + 1, 1, 1)
                 GROUP BY plan.id, step.code""",
                tuple(plans.ids),
                tuple(ACTUAL_CODES),
            )
        )
        counts = {}
        for plan_id, code, count in self.env.cr.fetchall():
            counts.setdefault(plan_id, {})[ACTUAL_CODES[code]] = count
        return counts

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # One plan per committee and year, said before the database's constraint would
        # answer (the defaults count), once the values are known to be of their types.
        for vals in vals_list:
            self._check_values(vals)
        self._check_one_per_year(
            [
                (
                    vals.get("committee_id") or self._default_committee().id,
                    vals.get("year") or fields.Date.context_today(self).year,
                    0,
                )
                for vals in vals_list
            ]
        )
        return super().create(vals_list)

    def _guard_prepare_values(self, vals):
        res = super()._guard_prepare_values(vals)
        if self and {"committee_id", "year"} & vals.keys():
            self._check_one_per_year(
                [
                    (
                        vals.get("committee_id", plan.committee_id.id),
                        vals.get("year", plan.year),
                        plan.id,
                    )
                    for plan in self
                ]
            )
        return res

    @api.model
    def _check_one_per_year(self, wanted):
        """``wanted``: (committee id, year, plan id) of plans about to be written."""
        seen = set()
        for committee_id, year, plan_id in wanted:
            # Read whoever writes: another plan of the year may be outside their reach.
            other = self.sudo().search(
                [("committee_id", "=", committee_id), ("year", "=", year), ("id", "!=", plan_id)],
                limit=1,
            )
            if other or (committee_id, year) in seen:
                committee = self.env["party.organization"].sudo().browse(committee_id)
                raise ValidationError(
                    _(
                        "%(committee)s already has a development plan for %(year)s.",
                        committee=committee.name,
                        year=year,
                    )
                )
            seen.add((committee_id, year))

    def write(self, vals):
        if not self.env.su and self.filtered(lambda plan: plan.state == "approved"):
            changed = {
                name for name in vals if name != "state" and not name.startswith(MAIL_PREFIXES)
            }
            if changed and vals.get("state") != "draft":
                raise UserError(
                    _("An approved plan is changed once the committee sets it back to draft.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if not self.env.su and self.filtered(lambda plan: plan.state == "approved"):
            raise UserError(_("An approved plan is kept: set it back to draft first."))

    def _after_transition(self, moved_from, vals):
        # Who approved and when: the system's record.
        approved = self.filtered(lambda plan: plan.state == "approved")
        approved.sudo().write(
            {"approved_by_id": self.env.uid, "approved_on": fields.Date.context_today(self)}
        )
        if self - approved:
            (self - approved).sudo().write({"approved_by_id": False, "approved_on": False})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_approve(self):
        self.write({"state": "approved"})
        return True

    def action_reset_to_draft(self):
        self.write({"state": "draft"})
        return True

    def action_open_report(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_development_plan_report_action"
        )
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _default_committee(self):
        mine = self.env.user.party_organization_ids.filtered(lambda org: org.kind == "committee")
        return mine[:1] or self.env["party.organization"].search(
            [("kind", "=", "committee"), ("parent_id", "=", False)], limit=1
        )

    @api.model
    def _for_branch(self, branch, year):
        """The approved plan of ``year`` of the nearest committee above ``branch``
        that has one (an empty recordset when none)."""
        plans = self.search(
            [
                ("state", "=", "approved"),
                ("year", "=", year),
                ("committee_id", "in", _ancestor_ids(branch)),
            ]
        )
        return plans.sorted(lambda plan: len(plan.committee_id.parent_path or ""), reverse=True)[:1]

    def _line_for(self, branch):
        """The line of this plan that counts ``branch`` (its own or its general
        branch's), or an empty recordset."""
        self.ensure_one()
        path = branch.parent_path or ""
        return self.line_ids.filtered(
            lambda line: path.startswith(line.organization_id.parent_path or "-")
        )[:1]

    def _check_draft(self):
        """The lines of an approved plan are changed once it is back to draft."""
        approved = self.filtered(lambda plan: plan.state == "approved")
        if approved:
            raise UserError(
                _(
                    "%(plan)s is approved: the committee sets it back to draft to change "
                    "its lines.",
                    plan=approved[0].name,
                )
            )

    @api.model
    def _demo_generate(self):
        """Demo: the approved plans of this year and the two before of the demo
        committee, a line per general branch and per branch directly under the committee
        (loaded before the demo candidates, whose approvals fall in those years)."""
        committee = self.env.ref("party_quant.party_org_committee_demo", raise_if_not_found=False)
        if not committee or self.search_count([("committee_id", "=", committee.id)], limit=1):
            return
        Org = self.env["party.organization"]
        units = Org.search([("parent_id", "=", committee.id)], order="id")
        year = fields.Date.context_today(self).year
        for plan_year in (year - 2, year - 1, year):
            lines = [
                {
                    "organization_id": unit.id,
                    "planned": 4 if unit.kind == "general_branch" else 1,
                    "planned_targets": 6 if unit.kind == "general_branch" else 2,
                }
                for unit in units
                if unit.kind in ("general_branch", "branch")
            ]
            planned = sum(line["planned"] for line in lines)
            self.create(
                {
                    "year": plan_year,
                    "committee_id": committee.id,
                    "quota": planned + 4,
                    "note": "上级党委下达指标，预留4名机动指标。",
                    "line_ids": [(0, 0, line) for line in lines],
                }
            ).action_approve()


class PartyDevelopmentPlanLine(models.Model):
    _name = "party.development.plan.line"
    _description = "Member Development Plan Line"
    _inherit = ["party.guard.mixin"]
    _order = "plan_id, organization_id, id"

    plan_id = fields.Many2one(
        "party.development.plan", required=True, index=True, ondelete="cascade"
    )
    year = fields.Integer(related="plan_id.year", store=True)
    committee_id = fields.Many2one(related="plan_id.committee_id", store=True)
    state = fields.Selection(related="plan_id.state", store=True, string="Plan Status")
    organization_id = fields.Many2one(
        "party.organization",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('kind', 'in', ('branch', 'general_branch'))]",
    )
    planned = fields.Integer(string="Planned Acceptances")
    planned_targets = fields.Integer(string="Planned Development Targets")
    accepted = fields.Integer(compute="_compute_actuals")
    converted = fields.Integer(compute="_compute_actuals")
    targets = fields.Integer(string="Development Targets", compute="_compute_actuals")
    remaining = fields.Integer(compute="_compute_actuals")
    note = fields.Char()

    _sql_constraints = [
        (
            "plan_organization_uniq",
            "unique(plan_id, organization_id)",
            "An organization has one line in a plan.",
        )
    ]

    @api.constrains("planned", "planned_targets", "organization_id", "plan_id")
    def _check_line(self):
        for line in self:
            org = line.organization_id
            if line.planned < 0 or line.planned_targets < 0:
                raise ValidationError(_("Planned numbers are not negative."))
            if org.kind not in ("branch", "general_branch"):
                raise ValidationError(
                    _("A plan line is for a branch or a general branch (%(org)s).", org=org.name)
                )
            committee_path = line.plan_id.committee_id.parent_path or "-"
            if not (org.parent_path or "").startswith(committee_path):
                raise ValidationError(
                    _(
                        "%(org)s is not under %(committee)s.",
                        org=org.name,
                        committee=line.plan_id.committee_id.name,
                    )
                )
            nested = (line.plan_id.line_ids - line).filtered(
                lambda other, path=org.parent_path: path.startswith(
                    other.organization_id.parent_path
                )
                or other.organization_id.parent_path.startswith(path)
            )
            if nested:
                raise ValidationError(
                    _(
                        "%(org)s and %(other)s: a general branch's line counts its branches; "
                        "give the general branch a line or its branches, not both.",
                        org=org.name,
                        other=nested[0].organization_id.name,
                    )
                )
        self.plan_id._check_quota()

    @api.depends("planned", "organization_id", "plan_id.year")
    def _compute_actuals(self):
        rows = self.env["party.development.plan.report"]._rows_of(self)
        for line in self:
            row = rows.get(line.id, {})
            line.accepted = row.get("accepted", 0)
            line.converted = row.get("converted", 0)
            line.targets = row.get("targets", 0)
            line.remaining = line.planned - line.accepted

    @api.depends("plan_id", "organization_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.plan_id.name or ''}: {line.organization_id.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            plans = self.env["party.development.plan"].browse(
                [vals.get("plan_id") for vals in vals_list if vals.get("plan_id")]
            )
            plans.exists()._check_draft()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.plan_id._check_draft()
            if vals.get("plan_id"):
                self.env["party.development.plan"].browse(vals["plan_id"]).exists()._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if not self.env.su:
            self.plan_id._check_draft()


def _flush_actuals(env):
    """What the actuals' SQL reads, written to the database first."""
    for model in (
        "party.organization",
        "party.development.step",
        "party.candidate.step",
        "party.development.plan",
        "party.development.plan.line",
    ):
        env[model].flush_model()


class PartyDevelopmentPlanReport(models.Model):
    """Plan against actual per plan line (pivot, graph, list): a view over the lines
    and the development step lines."""

    _name = "party.development.plan.report"
    _description = "Member Development Plan against Actual"
    _auto = False
    _order = "year desc, committee_id, organization_id"
    _rec_name = "organization_id"

    line_id = fields.Many2one("party.development.plan.line", readonly=True)
    plan_id = fields.Many2one("party.development.plan", readonly=True)
    year = fields.Integer(readonly=True, aggregator=False)
    committee_id = fields.Many2one("party.organization", string="Party Committee", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")], string="Plan Status", readonly=True
    )
    organization_id = fields.Many2one("party.organization", readonly=True)
    planned = fields.Integer(string="Planned Acceptances", readonly=True)
    accepted = fields.Integer(readonly=True)
    remaining = fields.Integer(readonly=True)
    planned_targets = fields.Integer(string="Planned Development Targets", readonly=True)
    targets = fields.Integer(string="Development Targets", readonly=True)
    converted = fields.Integer(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %s AS (
                SELECT line.id, line.id AS line_id, line.plan_id, plan.year,
                       plan.committee_id, plan.state, line.organization_id,
                       line.planned, line.planned_targets,
                       COALESCE(actual.accepted, 0) AS accepted,
                       line.planned - COALESCE(actual.accepted, 0) AS remaining,
                       COALESCE(actual.targets, 0) AS targets,
                       COALESCE(actual.converted, 0) AS converted
                  FROM party_development_plan_line line
                  JOIN party_development_plan plan ON plan.id = line.plan_id
                  JOIN party_organization org ON org.id = line.organization_id
                  LEFT JOIN LATERAL (
                      SELECT COUNT(*) FILTER (WHERE step.code = 'approval') AS accepted,
                             COUNT(*) FILTER (WHERE step.code = 'target') AS targets,
                             COUNT(*) FILTER (WHERE step.code = 'conversion_approval')
                                 AS converted
                        FROM party_candidate_step taken
                        JOIN party_development_step step ON step.id = taken.step_id
                        JOIN party_organization branch ON branch.id = taken.organization_id
                       WHERE taken.result = 'passed'
                         AND step.code IN ('approval', 'target', 'conversion_approval')
                         AND taken.date >= make_date(plan.year, 1, 1)
                         AND taken.date < make_date(plan.year + 1, 1, 1)
                         AND starts_with(branch.parent_path, org.parent_path)
                  ) actual ON TRUE
                )""",
                SQL.identifier(self._table),
            )
        )

    @api.model
    def _search_fresh(self, domain):
        """``search`` once what the view reads is written to the database."""
        _flush_actuals(self.env)
        return self.search(domain)

    @api.model
    def _rows_of(self, lines):
        """{line id: {accepted, converted, targets}} of ``lines``, one query. The
        counts of a line are read by whoever reads the line."""
        ids = lines.filtered("id").ids
        if not ids:
            return {}
        _flush_actuals(self.env)
        # A view: its rows read earlier in the transaction (before a step was taken) may
        # still be in the cache, and search_read would return them.
        self.invalidate_model()
        # The line's reader reads its row (the same record rules; sudo spares the rules'
        # joins, the lines were read with the user's rights already).
        rows = self.sudo().search_read(
            [("line_id", "in", ids)], ["line_id", "accepted", "converted", "targets"], load=None
        )
        return {row["line_id"]: row for row in rows}


def _invalidate_actuals(env):
    """The actuals of the plans and their lines read again (a step counted was taken,
    or removed): they are computed, not stored."""
    env["party.development.plan"].invalidate_model(
        ["accepted_total", "converted_total", "targets_total", "remaining_total"]
    )
    env["party.development.plan.line"].invalidate_model(
        ["accepted", "converted", "targets", "remaining"]
    )
    env["party.development.plan.report"].invalidate_model()


class PartyCandidateStep(models.Model):
    _inherit = "party.candidate.step"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if any(code in ACTUAL_CODES for code in lines.step_id.mapped("code")):
            _invalidate_actuals(self.env)
        return lines

    def unlink(self):
        counted = any(code in ACTUAL_CODES for code in self.step_id.mapped("code"))
        res = super().unlink()
        if counted:
            _invalidate_actuals(self.env)
        return res

    @api.model
    def _check_specific(self, candidate, step, vals):
        warnings = super()._check_specific(candidate, step, vals)
        if step.code == "approval":
            warnings += self._check_development_plan(candidate, vals)
        return warnings

    @api.model
    def _check_development_plan(self, candidate, vals):
        """The 党委's approval within the year's approved plan: beyond the branch's
        line (or, without a line, the plan's quota), or without an approved plan,
        refused, taken with a written reason, or warned (setting); returns the
        warnings for the line."""
        day = vals["date"]
        branch = candidate.organization_id
        _invalidate_actuals(self.env)
        # The plan and its counts are the committee's, read whoever approves (the
        # approver is a committee user; an import's may not read every line).
        plan = self.env["party.development.plan"].sudo()._for_branch(branch, day.year)
        message = None
        if not plan:
            message = _(
                "There is no approved development plan for %(year)s over %(branch)s.",
                year=day.year,
                branch=branch.name,
            )
        else:
            line = plan._line_for(branch)
            if line and line.accepted >= line.planned:
                message = _(
                    "%(plan)s: %(organization)s has accepted %(accepted)s of its %(planned)s "
                    "planned new members.",
                    plan=plan.name,
                    organization=line.organization_id.name,
                    accepted=line.accepted,
                    planned=line.planned,
                )
            elif not line and plan.accepted_total >= plan.quota:
                message = _(
                    "%(plan)s: %(accepted)s accepted of the quota of %(quota)s, and "
                    "%(branch)s has no line of its own.",
                    plan=plan.name,
                    accepted=plan.accepted_total,
                    quota=plan.quota,
                    branch=branch.name,
                )
        if not message:
            return []
        breach = setting(self.env, *SETTINGS["development_plan_breach"])
        if breach == "refuse":
            raise UserError(message)
        if breach != "warn" and not (vals.get("late_reason") or "").strip():
            raise UserError(_("%(message)s Give the reason to record it.", message=message))
        return [message]


class PartyWorkbench(models.Model):
    _inherit = "party.workbench"

    development_plan = fields.Char(
        string="This Year's Development Plan", compute="_compute_development_plan"
    )

    @api.depends_context("uid")
    def _compute_development_plan(self):
        """本年发展计划 N/M: the committee's card its acceptances against the quota, a
        general branch's or branch's card those of the line that counts it; one query
        for the plans and one for the lines, whatever the number of cards."""
        year = fields.Date.context_today(self).year
        above = {i for card in self for i in _ancestor_ids(card.organization_id)}
        # The figures of the user's own cards (the card is theirs: its rule).
        plans = (
            self.env["party.development.plan"]
            .sudo()
            .search(
                [
                    ("state", "=", "approved"),
                    ("year", "=", year),
                    ("committee_id", "in", sorted(above)),
                ]
            )
        )
        counts = plans._actual_counts()
        rows = self.env["party.development.plan.report"]._rows_of(plans.line_ids)
        by_committee = {plan.committee_id.id: plan for plan in plans}
        lines = plans.line_ids
        for card in self:
            org = card.organization_id
            card.development_plan = False
            if card.kind == "committee" and org.id in by_committee:
                plan = by_committee[org.id]
                accepted = counts.get(plan.id, {}).get("accepted", 0)
                card.development_plan = f"{accepted}/{plan.quota}"
                continue
            path = org.parent_path or "-"
            line = lines.filtered(lambda ln, p=path: p.startswith(ln.organization_id.parent_path))[
                :1
            ]
            if line:
                accepted = rows.get(line.id, {}).get("accepted", 0)
                card.development_plan = f"{accepted}/{line.planned}"

    def action_open_development_plan(self):
        self.ensure_one()
        return self._action(
            "party_development_plan_report_action",
            [("year", "=", fields.Date.context_today(self).year), ("state", "=", "approved")],
        )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_development_plan_breach = fields.Selection(
        BREACHES,
        string="Approval beyond the Plan",
        config_parameter=SETTINGS["development_plan_breach"][0],
        default=SETTINGS["development_plan_breach"][1],
        help="The 党委's approval of a candidate beyond the branch's planned acceptances, "
        "beyond the quota, or without an approved plan for the year: refused, taken with a "
        "written reason, or taken with a warning.",
    )
