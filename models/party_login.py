"""Logins for members without e-mail: users made in one go from the roster, and
one-time first-login codes (首次登录码) that the secretary hands out on printed slips.

- ``party.login.code``: one code per user at a time. Only an HMAC of the code is stored
  (keyed with the database secret, salted with the user's id): the plain code exists in
  the printed slips only. A code is valid ``party_quant.login_code_days`` days, once, and
  for ``MAX_ATTEMPTS`` wrong tries; a new one replaces the old.
- The member's first sign-in is ``/party/first-login`` (controllers/party_login.py):
  login, code and a new password; then the user is signed in.

Codes are 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L): 32^8, about
10^12 codes, with 5 tries each, so guessing needs the code.
"""

import hmac as hmac_lib
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import hmac

from .party_labels import selection_defaults
from .party_settings import named_setting

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_ATTEMPTS = 5
HMAC_SCOPE = "party_quant.first_login"
# Rights a member template may not give: officers get theirs from their posts (the
# officer sync), administrators by hand.
PRIVILEGED_GROUPS = (
    "party_quant.group_party_branch",
    "party_quant.group_party_hr",
    "base.group_erp_manager",
    "base.group_system",
)

# Rights given by hand (not by an officer's post): a login holding them never gets a
# first-login code again.
GRANTED_GROUPS = (
    "party_quant.group_party_admin",
    "party_quant.group_party_hr",
    "base.group_erp_manager",
    "base.group_system",
)


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


class PartyLoginCode(models.Model):
    _name = "party.login.code"
    _description = "First-Login Code"
    _order = "id desc"

    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    member_id = fields.Many2one("party.member", ondelete="cascade", index=True)
    organization_id = fields.Many2one(
        related="member_id.organization_id", store=True, string="Branch", index=True
    )
    code_hash = fields.Char(required=True, groups="base.group_system")
    expires_at = fields.Datetime(string="Valid Until", required=True)
    used_at = fields.Datetime(string="Used On")
    attempts = fields.Integer(string="Wrong Tries")
    state = fields.Selection(
        [("valid", "Valid"), ("used", "Used"), ("expired", "Expired"), ("locked", "Locked")],
        compute="_compute_state",
    )

    @api.depends("used_at", "expires_at", "attempts")
    def _compute_state(self):
        now = fields.Datetime.now()
        for code in self:
            if code.used_at:
                code.state = "used"
            elif code.attempts >= MAX_ATTEMPTS:
                code.state = "locked"
            elif code.expires_at < now:
                code.state = "expired"
            else:
                code.state = "valid"

    # Codes are made and spent by the system only (the wizard, the first-login page).
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(_("First-login codes are made by the login wizard only."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(_("First-login codes cannot be changed."))
        return super().write(vals)

    @api.model
    def _digest(self, user_id, code):
        return hmac(self.env(su=True), HMAC_SCOPE, f"{user_id}:{normalize_code(code)}")

    @api.model
    def _issue(self, users_members):
        """New codes for ``[(user, member)]``; the old codes of those users go. Returns
        ``{user id: plain code}``: the only place the plain codes exist."""
        days = named_setting(self.env, "login_code_days")
        expires = fields.Datetime.now() + timedelta(days=max(days, 1))
        plain = {user.id: new_code() for user, _member in users_members}
        Code = self.sudo()  # the system makes codes (see create)
        Code.search([("user_id", "in", list(plain))]).unlink()
        Code.create(
            [
                {
                    "user_id": user.id,
                    "member_id": member.id,
                    "code_hash": self._digest(user.id, plain[user.id]),
                    "expires_at": expires,
                }
                for user, member in users_members
            ]
        )
        return plain

    @api.model
    def _refusal(self):
        return _(
            "The login or the code is wrong, or the code is used or expired. Ask your "
            "branch secretary for a new code."
        )

    @api.model
    def _spend(self, login, code, password):
        """Set the password of ``login`` when ``code`` is its valid code; the code is
        then used. Returns the user, or raises a UserError saying nothing about which
        part was wrong; a wrong code is counted first (hence no exception on that path
        before the count is written: the caller's transaction keeps it)."""
        refused = UserError(self._refusal())
        Users = self.env["res.users"].sudo()  # the visitor is not signed in yet
        user = Users.search([("login", "=", (login or "").strip())], limit=1)
        if not user:
            raise refused
        Code = self.sudo()  # a public page: the visitor has no rights on codes
        record = Code.search([("user_id", "=", user.id)], limit=1, order="id desc")
        if not record or record.state != "valid":
            raise refused
        # A login used since the code was printed has its own password (a directory or
        # messenger sign-in), and rights given by hand are reset by the administrator:
        # the code no longer reaches them (see _logins_kept_from_codes).
        if record.member_id and record.member_id._logins_kept_from_codes(since=record.create_date):
            raise refused
        if not hmac_lib.compare_digest(record.code_hash, self._digest(user.id, code)):
            record.attempts += 1
            return self.env["res.users"]
        if len(password or "") < 8:
            raise UserError(_("Choose a password of at least 8 characters."))
        user.write({"password": password})
        record.used_at = fields.Datetime.now()
        return user


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model
    def _login_template(self, template=None):
        """The user new members' users are made from (``template``, or the module's
        ``user_member_template``), checked to give the member rights and no more."""
        template = (template or self.env.ref("party_quant.user_member_template")).sudo()
        groups = template.groups_id
        privileged = [self.env.ref(xmlid) for xmlid in PRIVILEGED_GROUPS]
        member_group = self.env.ref("party_quant.group_party_member")
        if member_group not in groups or any(group in groups for group in privileged):
            raise UserError(
                _(
                    "The member template %(user)s must give the party member rights and no "
                    "officer or administrator rights.",
                    user=template.name,
                )
            )
        return template

    def _logins_kept_from_codes(self, since=None):
        """The logins of these members that no new first-login code may reach: those
        that have signed in (their password is their own) and those holding rights an
        administrator gives by hand. Whoever holds a code sets the password, so a code
        for them would hand the officer who prints the slips someone else's account;
        the officers' rights of a post (the officer sync) come with the post and are
        not counted. ``since``: the sign-ins from then only. One query for the sign-ins."""
        users = self.sudo().user_id  # the logins' groups and sign-ins are the settings'
        signed_in = {
            user.id
            for [user] in self.env["res.users.log"]
            .sudo()
            ._read_group(
                [("create_uid", "in", users.ids)]
                + ([("create_date", ">=", since)] if since else []),
                ["create_uid"],
            )
        }
        granted = [self.env.ref(xmlid) for xmlid in GRANTED_GROUPS]
        return users.filtered(
            lambda user: user.id in signed_in or any(group in user.groups_id for group in granted)
        ).with_env(self.env)

    def _create_login_users(self, logins, template=None, values=None):
        """A user for each of these members (``logins`` in the same order), made from the
        member template (its groups, language, time zone and notifications; ``values``
        added) with the member's name, and linked to the member. The logins wizard's and
        the directory's first sign-in's (models/res_company_ldap.py); the callers have
        checked the members and that the logins are free."""
        if not self:
            return self.env["res.users"]
        template = self._login_template(template)
        common = {
            "lang": template.lang,
            "tz": template.tz,
            "notification_type": template.notification_type,
            "groups_id": [(6, 0, template.groups_id.ids)],
            # They land on their workbench (officers reach theirs from the menu).
            "action_id": self.env.ref("party_quant.party_member_workbench_action").id,
            **(values or {}),
        }
        # Creating users and linking them are the settings' and the system's: the
        # callers may be a branch officer (the wizard) or nobody yet (a sign-in).
        Users = self.env["res.users"].sudo()
        users = Users.with_context(no_reset_password=True, mail_create_nolog=True).create(
            [
                dict(common, name=member.name, login=login)
                for member, login in zip(self, logins, strict=True)
            ]
        )
        for member, user in zip(self.sudo(), users, strict=True):
            member.user_id = user
        return users


class PartyLoginWizard(models.TransientModel):
    """Create the logins of selected members (or of all members of branches) in one go,
    and print their first-login slips."""

    _name = "party.login.wizard"
    _description = "Create Member Logins"

    member_ids = fields.Many2many("party.member", string="Members")
    organization_ids = fields.Many2many("party.organization", string="Branches")
    login_field = fields.Selection(
        [("mobile", "Mobile Number"), ("employee_number", "Employee Number")],
        string="Login",
        required=True,
        default=lambda self: self._default_login_field(),
    )
    reissue = fields.Boolean(
        string="New Codes for Existing Logins",
        help="Members who already have a login get a new first-login code (the old one "
        "stops working); their password is not changed until they use it.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    created_count = fields.Integer(readonly=True)
    reissued_count = fields.Integer(readonly=True)
    skipped_note = fields.Text(string="Not Done", readonly=True)
    slips_id = fields.Many2one("ir.attachment", readonly=True)

    @api.model
    def _default_login_field(self):
        value = self.env["ir.config_parameter"].sudo().get_param("party_quant.login_field")
        return value if value in ("mobile", "employee_number") else "mobile"

    @api.model
    def default_get(self, fields_list):
        return selection_defaults(self.env, super().default_get(fields_list))

    def _members(self):
        members = self.member_ids
        if self.organization_ids:
            members |= self.env["party.member"].search(
                [("organization_id", "child_of", self.organization_ids.ids)]
            )
        if not members:
            raise UserError(_("Choose the members or the branches."))
        user = self.env.user
        if not user.has_group("party_quant.group_party_committee"):
            outside = members.filtered(lambda m: m.organization_id not in user.party_scope_ids)
            if outside or not user.has_group("party_quant.group_party_branch"):
                raise AccessError(
                    _(
                        "You may create logins for the members of the branches you manage "
                        "only (%(name)s is not one of them).",
                        name=(outside or members)[:1].name,
                    )
                )
        return members

    def action_create(self):
        self.ensure_one()
        members = self._members()
        key = self.login_field
        skipped = []
        values = {}
        for member in members.filtered(lambda m: not m.user_id):
            login = (member[key] or "").strip()
            if not login:
                skipped.append(
                    _("%(member)s: no %(field)s.", member=member.name, field=self._login_label())
                )
            else:
                values.setdefault(login, []).append(member)
        # One search for logins already taken (by anyone, archived users included).
        Users = self.env["res.users"].sudo().with_context(active_test=False)  # all logins
        taken = set(Users.search([("login", "in", list(values))]).mapped("login"))
        new_members, logins = self.env["party.member"], []
        for login, same in values.items():
            if login in taken or len(same) > 1:
                for m in same:
                    skipped.append(
                        _(
                            "%(member)s: the login %(login)s is already used.",
                            member=m.name,
                            login=login,
                        )
                    )
                continue
            new_members |= same[0]
            logins.append(login)
        # The members were checked to be in the officer's scope above (_members).
        users = new_members._create_login_users(logins)
        pairs = list(zip(users, new_members, strict=True))
        if self.reissue:
            existing = members.filtered(lambda m: m.user_id) - new_members
            kept = existing._logins_kept_from_codes()
            skipped += [
                _(
                    "%(member)s: the login has been used or has rights given by an "
                    "administrator; its password is reset by the administrator.",
                    member=m.name,
                )
                for m in existing
                if m.user_id in kept
            ]
            pairs += [(m.user_id, m) for m in existing if m.user_id not in kept]
        plain = self.env["party.login.code"]._issue(pairs)
        slips = [
            {
                "member": member.name,
                "branch": member.organization_id.display_name,
                "login": user.login,
                "code": plain[user.id],
            }
            for user, member in pairs
        ]
        self.write(
            {
                "state": "done",
                "created_count": len(users),
                "reissued_count": len(pairs) - len(users),
                "skipped_note": "\n".join(skipped) or False,
                "slips_id": self._render_slips(slips).id if slips else False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _login_label(self):
        return dict(self._fields["login_field"]._description_selection(self.env))[self.login_field]

    def _render_slips(self, slips):
        """The slips as a PDF attachment of this wizard: it goes with the wizard (an
        hour; see unlink), the codes are nowhere else in plain."""
        days = named_setting(self.env, "login_code_days")
        report = self.env.ref("party_quant.action_report_login_slips")
        content, _kind = report.sudo()._render_qweb_pdf(  # the template reads no record
            report.report_name,
            res_ids=self.ids,
            data={"slips": slips, "days": days, "url": self.get_base_url() + "/party/first-login"},
        )
        return (
            self.env["ir.attachment"]
            .sudo()  # a file of this wizard, read through the wizard's own rights
            .create(
                {
                    "name": _("First-Login Slips.pdf"),
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def action_download(self):
        self.ensure_one()
        if not self.slips_id:
            raise UserError(_("There are no slips to print."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.slips_id.id}?download=true",
            "target": "self",
        }

    def unlink(self):
        # The slips hold plain codes: they go with the wizard (the transient vacuum).
        self.sudo().slips_id.unlink()
        return super().unlink()
