"""Directory sign-in (auth_ldap) for party members: the first sign-in of a directory
person makes their user only when the person is a party member.

auth_ldap signs a person in against the company directory and, the first time, makes
a local user. Here that user is made only for the one party member the directory entry
names, by employee number (工号; attribute ``party_employee_attribute``, default
``employeeNumber``) or, when the entry has none or it matches nobody, by mobile number
(``party_mobile_attribute``, default ``mobile``; compared on its last 11 digits, so
"+86 138-0000-0001" is 13800000001). The user is made from the member template as the
logins wizard makes it (``party.member._create_login_users``) and linked to the member.
No member, several, or a member already linked to another user: no user, the sign-in
is refused and the log says why. The directory gives no rights: groups come from the
template (member rights only, checked) and from the officer sync of the member's post.
"""

import logging
import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessDenied, UserError, ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MOBILE_DIGITS = 11


def mobile_key(value):
    """The last 11 digits of a phone number, or "" when it has fewer than 11."""
    digits = re.sub(r"\D", "", value or "")
    return digits[-MOBILE_DIGITS:] if len(digits) >= MOBILE_DIGITS else ""


class ResCompanyLdap(models.Model):
    _inherit = "res.company.ldap"

    user = fields.Many2one(
        default=lambda self: self.env.ref(
            "party_quant.user_member_template", raise_if_not_found=False
        ),
        help="The user new members' users are made from: its groups (party member rights "
        "only), language, time zone and notifications.",
    )
    party_employee_attribute = fields.Char(
        string="Employee Number Attribute",
        default="employeeNumber",
        help="The directory attribute matched with the party member's employee number "
        "at the first sign-in. Empty: no matching by employee number.",
    )
    party_mobile_attribute = fields.Char(
        string="Mobile Attribute",
        default="mobile",
        help="The directory attribute matched with the party member's mobile number at "
        "the first sign-in, when the employee number matches nobody. Empty: no matching "
        "by mobile number.",
    )

    @api.constrains("user")
    def _check_member_template(self):
        for conf in self.filtered("user"):
            try:
                self.env["party.member"]._login_template(conf.user)
            except UserError as error:  # the check's message, as a constraint's
                raise ValidationError(error.args[0]) from error

    def _get_or_create_user(self, conf, login, ldap_entry):
        login = login.lower().strip()
        # auth_ldap's way when the login exists (active: signed in; archived: refused)
        # or users are not created: the same query as auth_ldap's.
        self.env.cr.execute("SELECT 1 FROM res_users WHERE lower(login) = %s", (login,))
        if self.env.cr.rowcount or not conf["create_user"]:
            return super()._get_or_create_user(conf, login, ldap_entry)
        member = self._party_member_of(conf, login, ldap_entry)
        Users = self.env["res.users"]
        template = Users.browse(conf["user"][0]) if conf["user"] else None
        company = conf["company"][0]
        user = member._create_login_users(
            [login], template, {"company_id": company, "company_ids": [(6, 0, [company])]}
        )
        _logger.info(
            "LDAP sign-in of %s: user %s made for the party member %s (id %s).",
            login,
            user.id,
            member.name,
            member.id,
        )
        return user.id

    def _party_member_of(self, conf, login, ldap_entry):
        """The one party member the directory entry names, or AccessDenied and a log
        line saying why not."""
        # The sign-in runs before anybody is signed in: the configuration and the
        # members are read by the system.
        config = self.sudo().browse(conf["id"])
        Member = self.env["party.member"].sudo()
        attributes = {key.lower(): values for key, values in ldap_entry[1].items()}

        def first(attribute):
            value = (attributes.get((attribute or "").lower()) or [b""])[0]
            return (value.decode("utf-8", "replace") if isinstance(value, bytes) else value).strip()

        number = first(config.party_employee_attribute)
        mobile = mobile_key(first(config.party_mobile_attribute))
        keys = [f"employee number {number}"] if number else []
        keys += [f"mobile {mobile}"] if mobile else []
        members, matched = Member, keys[:1]
        if number:
            members = Member.search([("employee_number", "=", number), ("status", "!=", "left")])
        if not members and mobile:
            matched = keys[-1:]
            # Compared on the digits: the roster and the directory write numbers apart.
            self.env.cr.execute(
                SQL(
                    """SELECT id FROM party_member
                        WHERE active AND status IS DISTINCT FROM 'left'
                          AND right(regexp_replace(mobile, '\\D', '', 'g'), %s) = %s""",
                    MOBILE_DIGITS,
                    mobile,
                )
            )
            members = Member.browse([row[0] for row in self.env.cr.fetchall()])
        reason = None
        if not members:
            reason = "no party member has the " + (
                " or the ".join(keys) or "employee number or mobile of the entry (it has neither)"
            )
        elif len(members) > 1:
            reason = "several party members (ids %s) have the %s" % (members.ids, matched[0])
        elif members.user_id:
            reason = "the party member %s (id %s) is already linked to the user %s" % (
                members.name,
                members.id,
                members.user_id.login,
            )
        if reason:
            _logger.warning("LDAP sign-in of %s refused, no user made: %s.", login, reason)
            raise AccessDenied(_("No party member matches this directory entry."))
        return members
