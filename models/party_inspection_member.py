"""The inspection team's view of the inspected branch's members: their names on the
records of the period, nothing else of them.

An officer on a running inspection's team reads the members of the inspected branch
(security/party_inspection_rules.xml) — to see who attended, paid, claimed — but not
their pay, income (``dues_base``), ID numbers, points, study hours, employee numbers
or anything else of their file. For a member the user reads *only* through a team
(not in their own officer scope, not their own record; the committee and HR read
everything), only ``TEAM_MEMBER_FIELDS`` are given:

- ``read``/``search_read``/``web_read``/``web_search_read`` (all through
  ``_read_format``): the other fields come back empty;
- ``search``/``search_count``/``name_search`` and ``_read_group`` (lists, filters,
  pivots, graphs): a condition, grouping, aggregate or order on another field never
  matches or counts those members, so it cannot be used to guess their values;
- ``export_data``: refused for those fields;
- the chatter: the tracked changes of those fields are left out.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from .party_organization import LEVEL_GROUPS

# What a team member reads of a member of the branch they inspect.
TEAM_MEMBER_FIELDS = frozenset(
    {
        "id",
        "name",
        "display_name",
        "organization_id",
        "general_branch_id",
        "branch_type_id",
        "state",
        "active",
    }
)
# Groups that read every member's file.
FULL_READERS = (LEVEL_GROUPS["committee"], "party_quant.group_party_hr")


def _field_name(spec):
    """The field of a domain path, an export path, a groupby or an aggregate spec."""
    return spec.replace("/", ".").split(".")[0].split(":")[0].strip()


class PartyMemberTeamView(models.Model):
    _inherit = "party.member"

    @api.model
    def _team_only_branch_ids(self):
        """The branches whose members the current user reads only through an
        inspection team (empty for the system, the committee, HR and most users)."""
        if self.env.su:
            return ()
        user = self.env.user
        if not user.has_group(LEVEL_GROUPS["branch"]) or any(
            user.has_group(group) for group in FULL_READERS
        ):
            return ()
        inspected = self.env["party.inspection"]._team_branch_ids_of_current_user()
        if not inspected:
            return ()
        scope = set(user.party_scope_ids.ids)
        return tuple(branch for branch in inspected if branch not in scope)

    def _team_only_domain(self, branches):
        return [("organization_id", "not in", list(branches))]

    @api.model
    def _team_restricted(self, names):
        return {name for name in names if _field_name(name) not in TEAM_MEMBER_FIELDS}

    # ------------------------------------------------------------------
    # Reading
    # ------------------------------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load=load)
        hidden = [name for name in fnames if name not in TEAM_MEMBER_FIELDS]
        branches = hidden and self._team_only_branch_ids()
        if not branches:
            return result
        # The branch of each record (a field the team reads).
        team_only = {member.id for member in self.sudo() if member.organization_id.id in branches}
        for values in result:
            if values["id"] in team_only:
                for name in hidden:
                    if name in values:
                        field = self._fields[name]
                        values[name] = [] if field.type in ("one2many", "many2many") else False
        return result

    def export_data(self, fields_to_export):
        branches = self._team_only_branch_ids()
        if branches and self._team_restricted(fields_to_export):
            if any(member.organization_id.id in branches for member in self.sudo()):
                raise AccessError(
                    _(
                        "An inspection team exports only the names of the inspected "
                        "branch's members."
                    )
                )
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------
    # Searching and grouping
    # ------------------------------------------------------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        for part in (order or "").split(","):
            field = self._fields.get(_field_name(part.split()[0])) if part.strip() else None
            if field is not None and not field.store:
                # A clear refusal, not the ORM's ValueError (a raw error over RPC).
                raise UserError(
                    _(
                        "The list cannot be sorted by %(field)s.",
                        field=field._description_string(self.env),
                    )
                )
        branches = self._team_only_branch_ids()
        if branches:
            domain = self._team_domain_restricted(domain, branches)
            if order and self._team_restricted(
                part.split()[0] for part in order.split(",") if part.strip()
            ):
                domain = expression.AND([domain, self._team_only_domain(branches)])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        branches = self._team_only_branch_ids()
        if branches:
            names = [*groupby, *(a for a in aggregates if a != "__count")]
            names += [part.split()[0] for part in (order or "").split(",") if part.strip()]
            names += [
                leaf[0]
                for leaf in having or ()
                if expression.is_leaf(leaf) and isinstance(leaf[0], str)
            ]
            if self._team_restricted(n for n in names if not n.startswith("__")):
                domain = expression.AND([domain or [], self._team_only_domain(branches)])
        return super()._read_group(
            domain,
            groupby=groupby,
            aggregates=aggregates,
            having=having,
            offset=offset,
            limit=limit,
            order=order,
        )

    @api.model
    def _team_domain_restricted(self, domain, branches):
        """``domain`` where each condition on a field the team may not read holds only
        for members the user reads in full."""
        if not domain:
            return domain
        result = []
        full = self._team_only_domain(branches)
        for element in expression.normalize_domain(list(domain)):
            if not expression.is_leaf(element) or not isinstance(element[0], str):
                result.append(element)
            elif element[0] == "display_name":
                # The display name is searched on the employee number too: on the name
                # alone for the members read through a team.
                _name, operator, value = element
                result += [
                    expression.OR_OPERATOR,
                    ("name", operator, value),
                    expression.AND_OPERATOR,
                    element,
                    *full,
                ]
            elif self._team_restricted([element[0]]):
                result += [expression.AND_OPERATOR, element, *full]
            else:
                result.append(element)
        return result


class MailTrackingValue(models.Model):
    _inherit = "mail.tracking.value"

    def _filter_has_field_access(self, env):
        """The chatter of a member read through an inspection team only: no tracked
        change of the fields the team may not read."""
        trackings = super()._filter_has_field_access(env)
        Member = env["party.member"]
        member_trackings = trackings.filtered(
            lambda t: t.field_id.model == "party.member"
            and t.field_id.name not in TEAM_MEMBER_FIELDS
        )
        branches = member_trackings and Member._team_only_branch_ids()
        if not branches:
            return trackings
        messages = member_trackings.mail_message_id
        # The branch of the members concerned (a field the team reads).
        branch_of = {
            member.id: member.organization_id.id
            for member in Member.sudo().browse(messages.mapped("res_id")).exists()
        }
        return trackings - member_trackings.filtered(
            lambda t: branch_of.get(t.mail_message_id.res_id) in branches
        )
