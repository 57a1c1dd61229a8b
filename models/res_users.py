from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from .party_labels import company_lang


class ResUsers(models.Model):
    _inherit = "res.users"

    party_organization_ids = fields.Many2many(
        "party.organization",
        "party_organization_res_users_rel",
        "user_id",
        "organization_id",
        string="Managed Party Organizations",
        help="The organizations this user manages as an officer: their scope for "
        "branch and general-branch rights.",
    )
    party_scope_ids = fields.Many2many(
        "party.organization",
        compute="_compute_party_scope_ids",
        search="_search_party_scope_ids",
        string="Officer Scope",
        help="The organizations this user's officer rights reach: the branches they "
        "manage, and everything under the general branches (or the committee) they "
        "manage. Every officer record rule reads it.",
    )
    party_member_ids = fields.One2many("party.member", "user_id", string="Party Member Records")
    party_member_id = fields.Many2one(
        "party.member",
        compute="_compute_party_member_id",
        search="_search_party_member_id",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + [
            "party_organization_ids",
            "party_scope_ids",
            "party_member_id",
        ]

    @api.depends("party_organization_ids")
    def _compute_party_scope_ids(self):
        # The whole tree is read, whoever asks: the scope decides what the user may
        # see, so it cannot itself be limited by what they see (hence sudo).
        Organization = self.env["party.organization"].sudo().with_context(active_test=False)
        for user in self:
            managed = user.party_organization_ids
            user.party_scope_ids = managed and Organization.search(
                [("id", "child_of", managed.ids)]
            )

    def _search_party_scope_ids(self, operator, value):
        """Users whose scope holds the organizations in ``value``: the officers of those
        organizations or of any organization above them."""
        if operator not in ("in", "="):
            return NotImplemented
        ids = [value] if isinstance(value, int) else list(value or [])
        above = self.env["party.organization"].sudo().with_context(active_test=False)
        above = above.search([("id", "parent_of", ids)]) if ids else above
        return [("party_organization_ids", "in", above.ids)]

    @api.depends("party_member_ids")
    def _compute_party_member_id(self):
        for user in self:
            user.party_member_id = user.party_member_ids[:1]

    def _search_party_member_id(self, operator, value):
        return [("party_member_ids", operator, value)]

    def write(self, vals):
        res = super().write(vals)
        if "party_organization_ids" in vals:
            self._party_scope_changed()
        return res

    @api.model
    def _party_scope_changed(self):
        """Officer scopes changed (officers, or the organization tree under them): the
        record rules, whose domains are cached per user, and the computed scopes are
        read again."""
        self.env.registry.clear_cache()
        self.env["res.users"].invalidate_model(["party_scope_ids"])

    @api.model
    def _demo_inbox(self, logins):
        """Demo: these users are told in the app (Discuss inbox), not by e-mail."""
        self.search([("login", "in", logins)]).notification_type = "inbox"

    @api.model
    def _demo_creation_messages(self):
        """Demo: the records the demo creates log "… created" before the module's
        translations are loaded (they load once its data is in), so their chatter read
        "Branch Evaluation 创建". Load the terms now and say it in the company's language:
        "支部考评 创建", one UPDATE per model."""
        lang = company_lang(self.env)
        if lang == "en_US":
            return
        self.env["ir.module.module"]._load_module_terms(["party_quant"], [lang])
        env = self.with_context(lang=lang).env
        english = self.with_context(lang="en_US").env  # the names as they were logged
        for name, model in self.env.items():
            if not name.startswith("party.") or "message_ids" not in model._fields:
                continue
            ir_model = self.env["ir.model"]._get(name)
            old_name = ir_model.with_env(english).name
            new_name = ir_model.with_env(env).name
            if old_name == new_name:
                continue
            # "<p>Branch Evaluation 创建</p>": the name swapped, the rest as it was logged.
            old_start = Markup("<p>%s ") % old_name
            self.env.cr.execute(
                SQL(
                    """UPDATE mail_message SET body = %s || substr(body, %s)
                        WHERE model = %s AND message_type = 'notification'
                          AND starts_with(body, %s) AND length(body) < %s""",
                    str(Markup("<p>%s ") % new_name),
                    len(old_start) + 1,
                    name,
                    str(old_start),
                    len(old_start) + 40,
                )
            )
        self.env["mail.message"].invalidate_model(["body"])
