from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_labels import selection_labels

KINDS = [
    ("committee", "Party Committee"),
    ("general_branch", "General Branch"),
    ("branch", "Branch"),
]
# The security group of each level that acts on a branch's evaluations and points.
LEVEL_GROUPS = {
    "branch": "party_quant.group_party_branch",
    "general_branch": "party_quant.group_party_general_branch",
    "committee": "party_quant.group_party_committee",
}
# Fields that decide pay (the secretary's linked share), the ranking group and the
# officers' scope: the committee's alone, on create and write.
COMMITTEE_FIELDS = frozenset(
    {"secretary_mode", "branch_type_id", "officer_user_ids", "kind", "parent_id"}
)
# Which kinds of organization may stand directly above each kind.
ALLOWED_PARENT_KINDS = {
    "committee": ("committee", False),
    "general_branch": ("committee",),
    "branch": ("general_branch", "committee"),
}


class PartyOrganization(models.Model):
    """A party organization of the tree committee → general branch → branch."""

    _name = "party.organization"
    _description = "Party Organization"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _parent_store = True
    _order = "complete_name, id"
    _rec_names_search = ["complete_name", "code"]
    # Follow from the tree.
    _system_fields = frozenset({"complete_name", "general_branch_id", "parent_path"})

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(help="Organization code used in reports and imports.")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    kind = fields.Selection(
        KINDS, string="Level", required=True, default="branch", tracking=True, index=True
    )
    parent_id = fields.Many2one(
        "party.organization",
        string="Parent Organization",
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('kind', 'in', ('committee', 'general_branch'))]",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("party.organization", "parent_id", string="Sub-organizations")
    general_branch_id = fields.Many2one(
        "party.organization",
        compute="_compute_general_branch_id",
        store=True,
        recursive=True,
        index=True,
        help="The general branch this organization belongs to, if any.",
    )
    branch_type_id = fields.Many2one(
        "party.branch.type", tracking=True, index=True, ondelete="restrict"
    )
    secretary_id = fields.Many2one(
        "party.member",
        tracking=True,
        ondelete="restrict",
        domain="[('organization_id', 'child_of', id)]",
    )
    secretary_mode = fields.Selection(
        [("full_time", "Full-time"), ("part_time", "Part-time")],
        default="part_time",
        tracking=True,
        groups="party_quant.group_party_committee,party_quant.group_party_hr",
        help="A full-time secretary has a larger share of pay linked to the branch score.",
    )
    committee_member_ids = fields.Many2many(
        "party.member",
        "party_organization_committee_member_rel",
        "organization_id",
        "member_id",
        string="Committee Members",
        help="Members of the branch committee (支委), the secretary included.",
    )
    member_ids = fields.One2many("party.member", "organization_id", string="Members")
    member_count = fields.Integer(compute="_compute_member_count")
    child_count = fields.Integer(compute="_compute_child_count")
    officer_user_ids = fields.Many2many(
        "res.users",
        "party_organization_res_users_rel",
        "organization_id",
        "user_id",
        string="Officers",
        help="Users who manage this organization (its officer scope).",
    )
    description = fields.Text()
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("kind", "parent_id")
    def _check_hierarchy(self):
        # Children are checked too: changing an organization's level can
        # invalidate the organizations under it.
        for org in self | self.child_ids:
            allowed = ALLOWED_PARENT_KINDS[org.kind]
            if (org.parent_id.kind or False) not in allowed:
                kind_labels = selection_labels(self.env, self._name, "kind")
                raise ValidationError(
                    _(
                        "%(org)s is a %(kind)s and cannot be placed under %(parent)s.",
                        org=org.name,
                        kind=kind_labels[org.kind],
                        parent=org.parent_id.name or _("nothing"),
                    )
                    if org.parent_id
                    else _(
                        "%(org)s is a %(kind)s and must be placed under a parent organization.",
                        org=org.name,
                        kind=kind_labels[org.kind],
                    )
                )

    @api.constrains("kind", "branch_type_id")
    def _check_branch_type(self):
        for org in self:
            if org.kind == "branch" and not org.branch_type_id:
                raise ValidationError(
                    _("The branch %(org)s must have a branch type.", org=org.name)
                )

    @api.constrains("secretary_id", "committee_member_ids")
    def _check_officers_are_members(self):
        for org, member in self._seats_held_by_outsiders():
            raise ValidationError(
                _(
                    "%(member)s is not a member of %(org)s and cannot sit on its committee.",
                    member=member.name,
                    org=org.name,
                )
            )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for org in self:
            if org.parent_id:
                org.complete_name = f"{org.parent_id.complete_name} / {org.name}"
            else:
                org.complete_name = org.name

    @api.depends("kind", "parent_id.general_branch_id")
    def _compute_general_branch_id(self):
        for org in self:
            if org.kind == "general_branch":
                org.general_branch_id = org
            else:
                org.general_branch_id = org.parent_id.general_branch_id

    def _compute_member_count(self):
        counts = dict(
            self.env["party.member"]._read_group(
                [("organization_id", "child_of", self.ids)], ["organization_id"], ["__count"]
            )
        )
        for org in self:
            org.member_count = sum(
                count
                for branch, count in counts.items()
                if branch.parent_path.startswith(org.parent_path or "")
            )

    def _compute_child_count(self):
        counts = dict(self._read_group([("parent_id", "in", self.ids)], ["parent_id"], ["__count"]))
        for org in self:
            org.child_count = counts.get(org, 0)

    # ------------------------------------------------------------------
    # Onchange
    # ------------------------------------------------------------------
    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind != "branch":
            self.branch_type_id = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_committee_fields(vals, "create")
        organizations = super().create(vals_list)
        # A new organization joins the officer scopes above it.
        self.env["res.users"]._party_scope_changed()
        return organizations

    def write(self, vals):
        # The guard checks the values again in super(); here before the parent is read.
        self._check_values(vals)
        if not self.env.su:
            self._check_related_ids_exist(vals)
        self._check_committee_fields(vals, "write")
        if vals.get("parent_id"):
            # Checked before writing: the parent store would otherwise refuse the
            # cycle with a generic error.
            parent = self.browse(vals["parent_id"])
            for org in self:
                if (parent.parent_path or "").startswith(org.parent_path or "-"):
                    raise ValidationError(
                        _(
                            "%(org)s cannot be placed under %(parent)s, which is itself "
                            "under it.",
                            org=org.name,
                            parent=parent.name,
                        )
                    )
        res = super().write(vals)
        if vals.keys() & {"officer_user_ids", "parent_id"}:
            # Officer scopes (the managed organizations and everything under them)
            # feed the record rules, whose domains are cached.
            self.env["res.users"]._party_scope_changed()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("party_quant.party_member_action")
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {"default_organization_id": self.id} if self.kind == "branch" else {}
        return action

    def action_view_children(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_quant.party_organization_action"
        )
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {"default_parent_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _check_committee_fields(self, vals, operation):
        """Pay, ranking group and scope fields are set by the committee only (after
        the access rights and rules, which answer first)."""
        fixed = COMMITTEE_FIELDS & vals.keys()
        if not fixed or self.env.su:
            return
        self.check_access(operation)
        if not self.env.user.has_group(LEVEL_GROUPS["committee"]):
            raise UserError(
                _(
                    "Only the party committee sets these fields: %(fields)s.",
                    fields=", ".join(
                        sorted(self._fields[name]._description_string(self.env) for name in fixed)
                    ),
                )
            )

    def _seats_held_by_outsiders(self, members=None):
        """Yield (organization, member) for each secretary or committee seat of
        these organizations held by someone who is not (or no longer) a member
        of the organization or of one below it; only ``members`` if given."""
        for org in self:
            seated = org.secretary_id | org.committee_member_ids
            if members is not None:
                seated &= members
            for member in seated:
                if not org._contains_member(member):
                    yield org, member

    def _contains_member(self, member):
        """Whether ``member`` belongs to this organization or one below it."""
        self.ensure_one()
        branch = member.organization_id
        return bool(branch) and (branch.parent_path or "").startswith(self.parent_path or "")

    def _user_acts_as(self, level):
        """Whether the current user acts for ``level`` (branch, general_branch or
        committee) on this branch: in the level's group and, below the committee,
        with the branch (or its general branch) in their officer scope."""
        self.ensure_one()
        if self.env.su:
            return True
        user = self.env.user
        if not user.has_group(LEVEL_GROUPS[level]):
            return False
        if level == "committee":
            return True
        scope = user.party_organization_ids
        if level == "branch":
            return self in scope
        branch_path = self.parent_path or ""
        return any(
            org.kind == "general_branch" and branch_path.startswith(org.parent_path)
            for org in scope
        )

    def _user_is_officer(self):
        """Whether the current user acts for any level on this branch."""
        return any(self._user_acts_as(level) for level in LEVEL_GROUPS)

    def _level_users(self, level):
        """The active users who act for ``level`` on this branch: its officers (and its
        secretary's user), its general branch's officers, or the committee's officers
        (all committee users if the committee names none)."""
        self.ensure_one()
        # Whoever triggers a step may not read the officers of other levels.
        branch = self.sudo()
        if level == "branch":
            officers = branch.officer_user_ids | branch.secretary_id.user_id
        elif level == "general_branch":
            officers = branch.general_branch_id.officer_user_ids
        else:
            committee_id = int((branch.parent_path or "0/").split("/")[0] or 0)
            officers = branch.browse(committee_id).officer_user_ids
            if not officers:
                officers = (
                    self.env.ref(LEVEL_GROUPS["committee"])
                    .sudo()
                    .users.filtered(lambda u: not u.has_group("party_quant.group_party_admin"))
                )
        return officers.filtered(lambda u: u.active and u.has_group(LEVEL_GROUPS[level]))
