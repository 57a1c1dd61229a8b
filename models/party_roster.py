"""The roster (花名册) a company brings at go-live: the organizations' codes, the members'
personal data as the national member system holds it, and the officers that follow
from each member's 党内职务.

Privacy: the ID number (公民身份号码) and the birth date are kept in fields that only
the system reads (``*_private``, group ``base.group_system``); ``id_number`` and
``birth_date`` are their faces. They show the value to the member, the officers of the
member's branch (its officers and its secretary), the committee and HR, and a mask
(350502********1234, no birth date) to everyone else, whatever reads them: forms, lists,
``read``/``search_read``, exports and reports. Searching on them finds only the members
whose value the user may read.

Officers: ``party_post`` of the members of a branch is the one source of its committee
seats, its secretary and its officers' scope (``officer_user_ids``, which is
``res.users.party_organization_ids``): ``_sync_officers`` derives them whenever a
member's post, branch or user changes, so a new secretary takes the scope and the old
one loses it in the same write.
"""

import re
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_organization import LEVEL_GROUPS

# GB 11643-1999: weights of the first 17 digits and the check characters by sum mod 11.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")

EDUCATION = [
    ("doctorate", "Doctorate"),
    ("master", "Master's Degree"),
    ("bachelor", "Bachelor's Degree"),
    ("college", "Junior College"),
    ("secondary", "Secondary Vocational School"),
    ("high_school", "High School"),
    ("junior", "Junior High School or Below"),
]
PARTY_POSTS = [
    ("secretary", "Secretary"),
    ("deputy_secretary", "Deputy Secretary"),
    ("organization", "Organization Committee Member"),
    ("propaganda", "Propaganda Committee Member"),
    ("discipline", "Discipline Committee Member"),
    ("committee", "Committee Member"),
    ("group_leader", "Party Group Leader"),
]
# Posts that sit on the branch committee (支委) and give the branch's officer scope.
COMMITTEE_POSTS = frozenset(
    {"secretary", "deputy_secretary", "organization", "propaganda", "discipline", "committee"}
)
MEMBER_STATUS = [
    ("active", "Active"),
    ("transferring_out", "Transferring Out"),
    ("away", "Away (Mobile Member)"),
    ("lost_contact", "Lost Contact"),
    ("suspended", "Membership Suspended"),
    ("left", "Left the Party"),
]


def id_number_check(value):
    """Why ``value`` is not a valid 18-character ID number (an English key), or None."""
    if not ID_PATTERN.match(value or ""):
        return "format"
    total = sum(int(digit) * weight for digit, weight in zip(value, ID_WEIGHTS, strict=False))
    if ID_CHECK[total % 11] != value[17]:
        return "check"
    if not id_number_birth_date(value):
        return "date"
    return None


def id_number_birth_date(value):
    """The birth date written in an ID number (digits 7 to 14), or None."""
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except (TypeError, ValueError):
        return None


def id_number_with_check(first17):
    """The ID number made of 17 digits and their check character (tests, bench)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + ID_CHECK[total % 11]


def mask_id_number(value):
    """350502********1234: the region and the last four characters, never the birth date."""
    if not value:
        return value
    if len(value) < 11:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Another organization already has this code."),
    ]

    def _sync_officers(self):
        """Derive the committee seats, the secretary and the officer scope of these
        branches from their members' posts (``party_post``), and the branch officer
        group of the users who gain a seat. Users who lose their last scope and hold no
        higher group lose the officer group. The system's derivation (sudo): a member's
        post is the source, whoever changed it."""
        branches = self.sudo().filtered(lambda org: org.kind == "branch")
        if not branches:
            return
        Member = self.env["party.member"].sudo()
        seated = Member.search(
            [("organization_id", "in", branches.ids), ("party_post", "in", list(COMMITTEE_POSTS))]
        )
        by_branch = seated.grouped("organization_id")
        before = branches.officer_user_ids
        for branch in branches:
            members = by_branch.get(branch, Member)
            secretaries = members.filtered(lambda m: m.party_post == "secretary")
            if len(secretaries) > 1:
                raise ValidationError(
                    _(
                        "%(org)s has more than one secretary: %(names)s.",
                        org=branch.name,
                        names="、".join(secretaries.mapped("name")),
                    )
                )
            values = {}
            if branch.secretary_id != secretaries:
                values["secretary_id"] = secretaries.id
            if branch.committee_member_ids != members:
                values["committee_member_ids"] = [(6, 0, members.ids)]
            if branch.officer_user_ids != members.user_id:
                values["officer_user_ids"] = [(6, 0, members.user_id.ids)]
            if values:
                branch.write(values)
        after = branches.officer_user_ids
        group = self.env.ref(LEVEL_GROUPS["branch"])
        gained = (after - before).filtered(lambda user: group not in user.groups_id)
        if gained:
            gained.write({"groups_id": [(4, group.id)]})
        higher = self.env.ref(LEVEL_GROUPS["general_branch"])
        lost = (before - after).filtered(
            lambda user: not user.party_organization_ids and higher not in user.groups_id
        )
        if lost:
            lost.write({"groups_id": [(3, group.id)]})


class PartyMember(models.Model):
    _inherit = "party.member"

    id_number = fields.Char(
        string="ID Number",
        compute="_compute_private_data",
        inverse="_inverse_id_number",
        search="_search_id_number",
        help="公民身份号码: shown to the member, their branch's officers, the committee and "
        "HR; masked for everyone else.",
    )
    id_number_private = fields.Char(groups="base.group_system", copy=False)
    birth_date = fields.Date(
        compute="_compute_private_data",
        inverse="_inverse_birth_date",
        search="_search_birth_date",
        help="Shown to the member, their branch's officers, the committee and HR only.",
    )
    birth_date_private = fields.Date(groups="base.group_system", copy=False)
    ethnicity = fields.Char(tracking=True)
    education = fields.Selection(EDUCATION, tracking=True)
    native_place = fields.Char(tracking=True)
    work_start_date = fields.Date(string="Started Work", tracking=True)
    party_post = fields.Selection(
        PARTY_POSTS,
        tracking=True,
        index=True,
        help="党内职务: the branch committee, its secretary and its officers' scope follow "
        "from the posts of the branch's members.",
    )
    # Not required: members inserted by SQL (benches, tests) have none, read as active.
    status = fields.Selection(
        MEMBER_STATUS,
        string="Membership Status",
        default="active",
        tracking=True,
        index=True,
    )

    _sql_constraints = [
        ("id_number_uniq", "unique(id_number_private)", "Another member has this ID number."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("id_number_private", "birth_date_private")
    @api.depends_context("uid")
    def _compute_private_data(self):
        readable = self._private_readable_ids()
        # The private values are the system's (see the module's doc).
        for member, private in zip(self, self.sudo(), strict=True):
            if member.id in readable or not member.id:
                member.id_number = private.id_number_private
                member.birth_date = private.birth_date_private
            else:
                member.id_number = mask_id_number(private.id_number_private)
                member.birth_date = False

    def _inverse_id_number(self):
        self._check_private_writable()
        for member in self:
            value = (member.id_number or "").strip().upper() or False
            private = member.sudo()  # the private value is the system's, see above
            if value and "*" in value:
                if value == mask_id_number(private.id_number_private):
                    continue  # the mask sent back by a form: unchanged
                raise ValidationError(_("%(value)s is not a valid ID number.", value=value))
            if value:
                error = id_number_check(value)
                if error:
                    raise ValidationError(self._id_number_message(value, error))
            if private.id_number_private != value:
                private.id_number_private = value

    def _inverse_birth_date(self):
        self._check_private_writable()
        for member in self:
            private = member.sudo()  # see _inverse_id_number
            if private.birth_date_private != member.birth_date:
                private.birth_date_private = member.birth_date

    def _search_id_number(self, operator, value):
        return self._search_private("id_number_private", operator, value)

    def _search_birth_date(self, operator, value):
        return self._search_private("birth_date_private", operator, value)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("party_post") for vals in vals_list):
            self._check_post_setter()
        members = super().create(vals_list)
        posted = members.filtered("party_post")
        if posted:
            posted.organization_id._sync_officers()
        return members

    def write(self, vals):
        if "party_post" in vals:
            self._check_post_setter()
        touched = self.env["party.organization"]
        if vals.keys() & {"party_post", "organization_id", "user_id"}:
            touched = self.filtered("party_post").organization_id
        res = super().write(vals)
        if touched or "party_post" in vals:
            (touched | self.filtered("party_post").organization_id)._sync_officers()
        return res

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _check_post_setter(self):
        """Posts make officers (seats, scope, group): the committee's to set."""
        if not self.env.su and not self.env.user.has_group(LEVEL_GROUPS["committee"]):
            raise UserError(_("Only the party committee sets the members' party posts."))

    def _private_readable_ids(self):
        """The ids of these members whose ID number and birth date the current user
        reads: the member, the officers and the secretary of their branch, the
        committee and HR (and the system)."""
        user = self.env.user
        if self.env.su or user.has_group(LEVEL_GROUPS["committee"]):
            return set(self.ids)
        if user.has_group("party_quant.group_party_hr"):
            return set(self.ids)
        scope = user.party_organization_ids
        # Who the member and their branch's officers are, whatever the reader sees.
        return {
            member.id
            for member in self.sudo()
            if member.user_id == user
            or member.organization_id in scope
            or member.organization_id.secretary_id.user_id == user
        }

    def _private_readable_domain(self):
        """The members whose private data the current user reads, as a domain."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group(LEVEL_GROUPS["committee"])
            or user.has_group("party_quant.group_party_hr")
        ):
            return []
        return [
            "|",
            "|",
            ("user_id", "=", user.id),
            ("organization_id", "in", user.party_organization_ids.ids),
            ("organization_id.secretary_id.user_id", "=", user.id),
        ]

    def _search_private(self, name, operator, value):
        # The private column is the system's; the ids found are limited to the
        # members whose value the user may read, so a search cannot probe the others.
        found = self.sudo()._search([(name, operator, value)])
        return [("id", "in", found)] + self._private_readable_domain()

    def _check_private_writable(self):
        readable = self._private_readable_ids()
        refused = self.filtered(lambda member: member.id not in readable)
        if refused:
            raise UserError(
                _(
                    "You may not change the ID number or the birth date of %(member)s.",
                    member=refused[0].name,
                )
            )

    def _id_number_message(self, value, error):
        if error == "check":
            return _("%(value)s: the check digit of the ID number is wrong.", value=value)
        if error == "date":
            return _("%(value)s: the ID number holds no valid birth date.", value=value)
        return _(
            "%(value)s is not a valid ID number (18 characters: 17 digits and a digit or X).",
            value=value,
        )
