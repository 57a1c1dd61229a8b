"""The first-run checklist (设置向导) of a new company's database: the committee's steps
from an empty database to the first month, each done or not done by what the database
holds (not by a box ticked), each with a link to its screen. The settings step alone is
confirmed by hand: the defaults may be the company's choice."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare

from .party_criterion import BASE_TOTAL

CONFIRMED_KEY = "party_quant.setup_settings_confirmed"
# (step, the action it opens).
STEPS = [
    ("company", "party_quant.party_organization_action"),
    ("criteria", "party_quant.party_import_action"),
    ("rules", "party_quant.party_import_action"),
    ("settings", "party_quant.party_quant_config_settings_action"),
    ("organizations", "party_quant.party_import_action"),
    ("members", "party_quant.party_import_action"),
    ("logins", "party_quant.party_member_action"),
    ("period", "party_quant.party_period_action"),
]
# The steps done by importing a sheet open a new import of that kind.
IMPORT_STEPS = {"criteria", "rules", "organizations", "members"}


class PartySetupChecklist(models.TransientModel):
    _name = "party.setup.checklist"
    _description = "First-Run Checklist"

    company_done = fields.Boolean(compute="_compute_steps")
    company_note = fields.Char(compute="_compute_steps")
    criteria_done = fields.Boolean(compute="_compute_steps")
    criteria_note = fields.Char(compute="_compute_steps")
    rules_done = fields.Boolean(compute="_compute_steps")
    rules_note = fields.Char(compute="_compute_steps")
    settings_done = fields.Boolean(compute="_compute_steps")
    settings_note = fields.Char(compute="_compute_steps")
    organizations_done = fields.Boolean(compute="_compute_steps")
    organizations_note = fields.Char(compute="_compute_steps")
    members_done = fields.Boolean(compute="_compute_steps")
    members_note = fields.Char(compute="_compute_steps")
    logins_done = fields.Boolean(compute="_compute_steps")
    logins_note = fields.Char(compute="_compute_steps")
    period_done = fields.Boolean(compute="_compute_steps")
    period_note = fields.Char(compute="_compute_steps")
    done_count = fields.Integer(compute="_compute_steps")
    step_count = fields.Integer(compute="_compute_steps")

    def _compute_display_name(self):
        # The breadcrumb's title, not "party.setup.checklist,2".
        for record in self:
            record.display_name = _("First-Run Checklist")

    def _compute_steps(self):
        # Counts over the whole company for the committee; read as the system so that the
        # counts do not depend on the reader's record rules (the action is the committee's).
        env = self.env(su=True)
        Org, Member = env["party.organization"], env["party.member"]
        company = env.company
        committees = Org.search_count([("kind", "=", "committee")])
        branches = Org.search_count([("kind", "=", "branch")])
        members = Member.search_count([])
        with_login = Member.search_count([("user_id", "!=", False)])
        types = env["party.branch.type"].search([])
        wrong = types.filtered(
            lambda t: float_compare(t.base_total, BASE_TOTAL, precision_digits=1)
        )
        rules = env["party.point.rule"].search_count([])
        months = env["party.period"].search_count([("kind", "=", "month")])
        confirmed = bool(env["ir.config_parameter"].get_param(CONFIRMED_KEY))
        # The directory sign-in (README, "Directory sign-in"): members without a login
        # get theirs at their first sign-in.
        directories = env["res.company.ldap"].search([("ldap_server", "!=", False)])
        steps = {
            "company": (
                bool(committees) and company.name not in ("My Company", "YourCompany"),
                _(
                    "%(company)s; %(count)s party committee(s)",
                    company=company.name,
                    count=committees,
                ),
            ),
            "criteria": (
                bool(types) and not wrong,
                _(
                    "%(count)s branch types; the criteria of %(wrong)s do not total 100",
                    count=len(types),
                    wrong=", ".join(wrong.mapped("name")),
                )
                if wrong
                else _(
                    "%(count)s branch types, each with criteria totalling 100", count=len(types)
                ),
            ),
            "rules": (bool(rules), _("%(count)s point rules", count=rules)),
            "settings": (
                confirmed,
                _("Confirmed") if confirmed else _("Check the base score, pay shares and windows"),
            ),
            "organizations": (bool(branches), _("%(count)s branches", count=branches)),
            "members": (bool(members), _("%(count)s members", count=members)),
            "logins": (
                bool(members) and with_login == members,
                _(
                    "%(with_login)s of %(total)s members have a login; the others get theirs "
                    "at their first directory sign-in (%(servers)s)",
                    with_login=with_login,
                    total=members,
                    servers=", ".join(directories.mapped("ldap_server")),
                )
                if directories
                else _(
                    "%(with_login)s of %(total)s members have a login",
                    with_login=with_login,
                    total=members,
                ),
            ),
            "period": (bool(months), _("%(count)s months opened", count=months)),
        }
        for record in self:
            for step, (done, note) in steps.items():
                record[f"{step}_done"] = done
                record[f"{step}_note"] = note
            record.done_count = sum(done for done, _note in steps.values())
            record.step_count = len(steps)

    @api.model
    def action_open(self):
        """The checklist, always computed afresh."""
        if not self.env.user.has_group("party_quant.group_party_committee"):
            raise AccessError(_("The first-run checklist is the party committee's."))
        return {
            "type": "ir.actions.act_window",
            "name": _("First-Run Checklist"),
            "res_model": self._name,
            "res_id": self.create({}).id,
            "view_mode": "form",
            "target": "current",
        }

    def action_step(self):
        step = self.env.context.get("party_setup_step")
        action_ref = dict(STEPS).get(step)
        if not action_ref:
            return False
        # Opening a screen grants nothing: the action's own rights and rules apply.
        action = self.env["ir.actions.act_window"]._for_xml_id(action_ref)
        if step in IMPORT_STEPS:
            action.update(
                {
                    "views": [(False, "form")],
                    "view_mode": "form",
                    "context": {"default_kind": step},
                }
            )
        return action

    def action_confirm_settings(self):
        if not self.env.user.has_group("party_quant.group_party_committee"):
            raise AccessError(_("The first-run checklist is the party committee's."))
        # A flag of the checklist's, not a setting users edit: written as the system.
        self.env["ir.config_parameter"].sudo().set_param(CONFIRMED_KEY, fields.Datetime.now())
        return self.action_open()
