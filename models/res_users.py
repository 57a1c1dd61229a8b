import secrets
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, UserError
from odoo.tools import SQL

from .party_labels import company_lang
from .party_messenger import MessengerError, token_hash


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

    def _party_point_members(self):
        """The member records whose point entries the members' read rule opens to this
        user (party_point_line_rule_member_read): all of them for a member without an
        officer's scope; for an officer, those with an entry outside the scope. The
        entries inside it the officers' rule opens already, and without the member's
        condition the list of a branch is one condition that the index on branch and
        date serves (an OR of the two read every entry of the branch: 100 ms at 46,000
        entries instead of 1). Cached with the rule's domain until the registry's cache
        is cleared: by a change of the scope (_party_scope_changed) or an entry of an
        officer's own record outside it (party.point.line._own_entries_outside_scope).
        Run as the rule's user record, which is sudo: the entries are counted whoever
        may read them."""
        self.ensure_one()
        members = self.party_member_ids
        if not members or not self.party_organization_ids:
            return members.ids
        self.env["party.point.line"].flush_model(["member_id", "organization_id"])
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT member_id FROM party_point_line
                    WHERE member_id = ANY(%s)
                      AND (organization_id IS NULL OR organization_id != ALL(%s))""",
                members.ids,
                self.party_scope_ids.ids,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

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


class ResUsersMessenger(models.Model):
    """Who is who in the company's messenger, how a user wants to be told, and the
    one-time token of a 免登 sign-in (controllers/party_messenger.py)."""

    _inherit = "res.users"

    party_messenger_userid = fields.Char(
        string="Messenger ID",
        copy=False,
        index="btree_not_null",
        help="This user's user id in the company's WeCom or DingTalk (UserID): the "
        "messages are sent to it, and signing in from the messenger finds the user by it.",
    )
    party_messenger_mode = fields.Selection(
        [("immediate", "Immediately"), ("digest", "Once a Day (Digest)")],
        string="Messenger Messages",
        default="immediate",
        required=True,
        help="Each to-do and notice as it comes, or one message a day listing them.",
    )
    # The one-time sign-in token (its hash) and until when it holds: the system's.
    party_messenger_token = fields.Char(
        string="One-tap Sign-in Token", copy=False, groups="base.group_system"
    )
    party_messenger_token_until = fields.Datetime(
        string="Sign-in Token Valid until", copy=False, groups="base.group_system"
    )

    _sql_constraints = [
        (
            "party_messenger_userid_unique",
            "UNIQUE(party_messenger_userid, company_id)",
            "Another user of the company has this messenger id.",
        ),
    ]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["party_messenger_userid", "party_messenger_mode"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["party_messenger_mode"]

    def _party_messenger_mint(self):
        """A one-time token, valid a minute, for this user's 免登 sign-in; only its hash
        is kept."""
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        # The system's fields of the user signing in (no one is signed in yet).
        self.sudo().write(
            {
                "party_messenger_token": token_hash(token),
                "party_messenger_token_until": fields.Datetime.now() + timedelta(minutes=1),
            }
        )
        return token

    def _check_credentials(self, credential, env):
        if credential.get("type") != "party_messenger":
            return super()._check_credentials(credential, env)
        token = credential.get("token") or ""
        self.env.cr.execute(
            SQL(
                """UPDATE res_users SET party_messenger_token = NULL,
                          party_messenger_token_until = NULL
                    WHERE id = %s AND party_messenger_token = %s
                      AND party_messenger_token_until > %s
                RETURNING id""",
                self.env.user.id,
                token_hash(token) if token else "",
                fields.Datetime.now(),
            )
        )
        if not token or not self.env.cr.fetchone():
            raise AccessDenied()
        self.env.user.invalidate_recordset(["party_messenger_token", "party_messenger_token_until"])
        return {"uid": self.env.user.id, "auth_method": "party_messenger", "mfa": "default"}

    def action_party_messenger_lookup(self):
        """Find the messenger ids of the selected users without one by their mobile
        number (the member's, else the contact's), one call each (the messengers
        answer one number a call)."""
        found = missing = 0
        for company in self.company_id:
            client = company._party_messenger_client()
            if client is None:
                raise UserError(
                    self.env._("%(company)s has no messenger set up.", company=company.name)
                )
            users = self.filtered(
                lambda user, company=company: user.company_id == company
                and not user.party_messenger_userid
            )
            for user in users:
                # The member's mobile is private to officers: read as the system for
                # the administrator's lookup.
                mobile = user.sudo().party_member_id.mobile or user.partner_id.mobile
                try:
                    userid = mobile and client.userid_by_mobile(mobile.strip())
                except MessengerError:
                    userid = None
                if userid:
                    user.party_messenger_userid = userid
                    found += 1
                else:
                    missing += 1
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if not missing else "warning",
                "message": self.env._(
                    "%(found)s messenger ids found, %(missing)s users without a match.",
                    found=found,
                    missing=missing,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
