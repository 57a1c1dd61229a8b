"""One shape for every write of a party model (the "guard").

- ``_system_fields``: fields that only the system sets (totals, ranks, pay, seals,
  approvers, links to the records that awarded points...). Refused on ``create`` and
  ``write`` from any user, whatever their group, with a UserError naming them. The system
  is ``env.su``: code that sets them does so through ``sudo()`` with a comment saying why.
  A client cannot reach ``env.su`` over RPC, unlike a context key. The addon's readonly
  computed and related fields are refused the same way (``_guard_derived_fields``): a
  stored compute keeps what a user writes until its next recompute, and a related field
  writes its target as the superuser, past that model's guard.
- Values are checked by their field's type before anything is written: finite numbers
  within a range, real dates within a window, ids for relations, keys for selections.
  A bad value answers a ValidationError in the user's language, never a ValueError,
  an OverflowError or a database error.
- ``_transitions``: the workflow, as one table ``{(old state, new state): who}``. ``who``
  is ``SYSTEM`` (only the system takes that move) or a name: the move is allowed when the
  record's ``_may_<name>()`` is true for the current user. Every change of ``state`` goes
  through ``_check_transition`` from ``write``, whether a button, a plain ``write``, an
  import or a cron asks; a model with a richer table (the evaluation's ``PATHS``)
  overrides ``_check_transition``. What follows a move (caps, totals, approver,
  signatures, activities) runs once per batch in ``_after_transition``, so
  ``write({'state': ...})`` and ``action_*`` cannot differ. ``create`` takes only
  ``_initial_state`` from users. The actors' checks every table names are the mixin's
  where they are the same everywhere (``_may_committee``, ``_may_officer``); a model
  defines the others.
- Scope after the write: Odoo checks the record rules of ``write`` on a record *before*
  it changes, so a writable ``organization_id`` (or ``member_id``, ``inspection_id``...)
  would carry a record into another branch's books. After any create or write by a user
  that touches a scope field (``_get_scope_fields()``: the fields the model's record
  rules read, and the fields those depend on, derived from the rules' domains; the
  state excepted), the records must pass the writer's rules of **create** on their new
  values: a record is only ever where its writer could have created it. Create, not
  write: the write rules narrow by state what an author may still change (a submitted
  claim is no longer its member's to edit) and say nothing of where a record may be;
  the create rules are the scope itself. The state is left out of the scope fields, so
  a move of state alone (``_transitions``) is never re-checked against rules written
  for another step, and a write without a scope field costs no query. The records a
  changed scope field points to must also be readable by the writer (a many2one of a
  form only offers those): an appraisal cannot be re-pointed to a member of another
  branch while its own branch stays.
- Nobody decides their own case: a model names whose case a record is
  (``_guard_subject_field``, a many2one or many2many to ``party.member``) and the
  states that decide it (``_guard_deciding_states``); the user whose member record is
  the subject may not move the record into those states; the other officers of the
  branch or the level above do. A model without a workflow decides by being recorded
  (``RECORDED`` among its deciding states): its subject may not create or change it.
- ``_guard_prepare_values(vals)``: what a model does with the values before they are
  written (normalizing a date, checking them against the records), called by the guard
  once the values are checked, so that no model checks them by hand before ``super()``.
"""

import math
from datetime import date, datetime

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from .party_settings import SETTINGS, setting

SYSTEM = "system"
# The deciding "state" of a model without a workflow: recording it (create or write).
RECORDED = "recorded"
# Field-name prefixes of the chatter and activities, which decide nothing.
MAIL_PREFIXES = ("message_", "activity_", "website_message")
# No number of the addon comes near these; past them a value is a forgery or a typo
# (and 1e308 would overflow the database's numeric columns).
FLOAT_LIMIT = 1e9
INT_LIMIT = 2**31 - 1
# Dates outside this window are typing mistakes (year 1, year 9999).
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2199, 12, 31)
# Lengths of free text; a field can set its own with ``size``.
CHAR_LIMIT = 1000
TEXT_LIMIT = 100000
# HTML fields, markup included; the long ones people write have their own setting.
HTML_LIMIT = 100000
HTML_LIMITS = {
    "party.meeting.minutes": SETTINGS["minutes_max_chars"],
    "party.inspection.summary": SETTINGS["inspection_summary_max_chars"],
}


class PartyGuardMixin(models.AbstractModel):
    _name = "party.guard.mixin"
    _description = "Party Guard: System Fields, Value Bounds and State Transitions"

    _system_fields = frozenset()
    _transitions = {}
    _initial_state = "draft"
    # Whose case a record is (a many2one or many2many to party.member), and the target
    # states that decide it (RECORDED: creating or changing the record decides).
    _guard_subject_field = None
    _guard_deciding_states = frozenset()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        user_scope = set()
        for vals in vals_list:
            self._check_values(vals)
            if not self.env.su:
                self._check_system_fields(vals)
                self._check_related_ids_exist(vals)
                if (
                    self._transitions
                    and vals.get("state", self._initial_state) != self._initial_state
                ):
                    raise UserError(
                        _(
                            "A new record starts as %(state)s; its state changes only through "
                            "its workflow.",
                            state=self._guard_state_label(self._initial_state),
                        )
                    )
                user_scope |= vals.keys() & self._get_scope_fields()
            self._guard_prepare_values(vals)
        records = super().create(vals_list)
        # After the model's own constraints, which say more (a member of another branch).
        if user_scope:
            self._check_scope_targets(vals_list, user_scope)
        # Odoo checks the create rules on the new records itself (after its create).
        if not self.env.su and RECORDED in self._guard_deciding_states:
            records._check_own_case(RECORDED)
        return records

    def write(self, vals):
        self._check_values(vals)
        scope = set()
        if not self.env.su:
            self._check_system_fields(vals)
            self._check_related_ids_exist(vals)
            scope = vals.keys() & self._get_scope_fields()
            self._check_own_case(self._guard_deciding_move(vals))
        self._guard_prepare_values(vals)
        moved_from = {}
        if self._transitions and "state" in vals:
            moved_from = {record.id: record.state for record in self}
            self._check_transition(vals["state"], vals)
        res = super().write(vals)
        if scope:
            self._check_scope_targets([vals], scope)
            self._check_scope()
            # Re-pointed at the writer: their own case now.
            self._check_own_case(self._guard_deciding_move(vals) or RECORDED, scope)
        if moved_from:
            self._after_transition(moved_from, vals)
        return res

    @api.model
    def _guard_prepare_values(self, vals):
        """Hook: prepare ``vals`` (of a create, or of a write on ``self``) once the guard
        has checked them, before they are written."""

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _check_transition(self, new_state, vals):
        """The one check of every state change: the move is in the table and the
        current user may take it (the system may take any move of the table)."""
        for record in self:
            who = self._transitions.get((record.state, new_state))
            if who is None:
                raise UserError(
                    _(
                        "%(name)s cannot go from %(old)s to %(new)s.",
                        name=record.display_name,
                        old=self._guard_state_label(record.state),
                        new=self._guard_state_label(new_state),
                    )
                )
            if self.env.su:
                continue
            if who == SYSTEM or not getattr(record, f"_may_{who}")():
                raise UserError(
                    _(
                        "You may not move %(name)s from %(old)s to %(new)s.",
                        name=record.display_name,
                        old=self._guard_state_label(record.state),
                        new=self._guard_state_label(new_state),
                    )
                )

    def _may_committee(self):
        return self.env.user.has_group("party_quant.group_party_committee")

    def _may_officer(self):
        """An officer of any level over the record's branch (``organization_id``)."""
        return self.organization_id._user_is_officer()

    def _after_transition(self, moved_from, vals):
        """What follows a state change, once for the batch; ``moved_from`` maps each
        record's id to its state before the write."""

    def _guard_state_label(self, state):
        field = self._fields.get("state")
        if not field or not state:
            return state or "-"
        return dict(field._description_selection(self.env)).get(state, state)

    # ------------------------------------------------------------------
    # Scope after the write
    # ------------------------------------------------------------------
    @api.model
    def _get_scope_fields(self):
        """Names of the fields that decide where a record belongs (see the module's
        doc): those the model's record rules read and what they are computed from,
        except the state. A model adds its own with ``super() |``."""
        return self._guard_rule_fields()

    @api.model
    @tools.ormcache()
    def _guard_rule_fields(self):
        # Cached per model; Odoo clears it with the rules (ir.rule clears the caches).
        Rule = self.env["ir.rule"].sudo()
        rules = Rule.with_context(active_test=False).search([("model_id.model", "=", self._name)])
        context = Rule._eval_context()
        names = set()
        for rule in rules:
            domain = safe_eval(rule.domain_force or "[]", context)
            for leaf in expression.normalize_domain(domain):
                if expression.is_leaf(leaf) and isinstance(leaf[0], str):
                    names.add(leaf[0].split(".")[0])
        scope = set()
        while names:
            name = names.pop()
            field = self._fields.get(name)
            if not field or name in scope or name in ("id", "state"):
                continue
            scope.add(name)
            if field.compute or field.related:
                names.update(path.split(".")[0] for path in self.pool.field_depends[field])
        return frozenset(scope)

    @api.model
    def _check_scope_targets(self, vals_list, names):
        """The records that the scope fields ``names`` of ``vals_list`` point to are
        readable by the user: a record is not pointed where its writer cannot see."""
        for name in sorted(names):
            field = self._fields[name]
            if field.type not in ("many2one", "many2many", "one2many"):
                continue
            ids = {
                i for vals in vals_list if vals.get(name) for i in _related_ids(field, vals[name])
            }
            if not ids:
                continue
            targets = self.env[field.comodel_name].browse(sorted(ids))
            hidden = targets - targets._filtered_access("read")
            if hidden:
                raise AccessError(
                    _(
                        "%(field)s: record %(value)s is outside your reach; a record can only "
                        "point where you may work.",
                        field=field._description_string(self.env),
                        value=hidden[0].id,
                    )
                )

    def _check_scope(self):
        """After a write of a scope field: the records pass the user's rules of create
        on their new values (where the writer could have created them)."""
        domain = self.env["ir.rule"]._compute_domain(self._name, "create")
        if not domain:
            return
        outside = self - self.sudo().filtered_domain(domain)
        if outside:
            raise AccessError(
                _(
                    "%(name)s cannot be moved there: you could not have created it there.",
                    name=outside[0].sudo().display_name,
                )
            )

    # ------------------------------------------------------------------
    # Nobody decides their own case
    # ------------------------------------------------------------------
    def _guard_deciding_move(self, vals):
        """The deciding state a write of ``vals`` brings the records to, or None."""
        deciding = self._guard_deciding_states
        if not deciding:
            return None
        if "state" in vals and self._transitions:
            return vals["state"] if vals["state"] in deciding else None
        if RECORDED in deciding and any(not name.startswith(MAIL_PREFIXES) for name in vals):
            return RECORDED
        return None

    def _check_own_case(self, state, names=None):
        """The user whose member record is the subject of a record may not bring it
        into a deciding ``state`` (``names``: only when the subject is among them)."""
        field = self._guard_subject_field
        if (
            self.env.su
            or not field
            or state not in self._guard_deciding_states
            or (names is not None and field not in names)
        ):
            return
        # The subjects' users (cached where the form or the workflow read them already).
        uid = self.env.uid
        own = self.sudo().filtered(lambda record: uid in record[field].user_id.ids)
        if own:
            raise UserError(
                _(
                    "You cannot decide your own entry: %(name)s concerns you, and another "
                    "officer of the branch or the level above decides it.",
                    name=own[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Fields and values
    # ------------------------------------------------------------------
    @api.model
    def _guard_derived_fields(self):
        """The addon's readonly computed and related fields (see the module's doc)."""
        cls = type(self)
        if "_guard_derived_cache" not in cls.__dict__:
            cls._guard_derived_cache = frozenset(
                name
                for name, field in self._fields.items()
                if field.readonly
                and (field.compute or field.related)
                and field._module == "party_quant"
            )
        return cls._guard_derived_cache

    @api.model
    def _get_system_fields(self):
        """The fields only the system sets; a model extends them with ``super() |``."""
        return frozenset(self._system_fields)

    def _check_system_fields(self, vals):
        fixed = (self._get_system_fields() | self._guard_derived_fields()) & vals.keys()
        if fixed:
            raise UserError(
                _(
                    "These fields are set by the system and cannot be changed: %(fields)s.",
                    fields=", ".join(
                        sorted(self._fields[name]._description_string(self.env) for name in fixed)
                    ),
                )
            )

    @api.model
    def _check_values(self, vals):
        """Refuse values that are not of their field's type or out of its range, with
        a message in the user's language, before the ORM or the database would fail."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or value is None or value is False:
                continue
            error = _guard_value_error(self.env, field, value)
            if error:
                raise ValidationError(
                    _(
                        "%(field)s: %(error)s",
                        field=field._description_string(self.env),
                        error=error,
                    )
                )

    @api.model
    def _check_related_ids_exist(self, vals):
        """Ids from a user point to existing records (one query per target model), so
        that a forged id answers a message, not a foreign-key error half-way through a
        write. The system's writes are not checked: their ids come from the database."""
        wanted = {}
        for name, value in vals.items():
            field = self._fields.get(name)
            if (
                field is None
                or not value
                or field.type not in ("many2one", "many2many", "one2many")
            ):
                continue
            ids = _related_ids(field, value)
            if ids:
                wanted.setdefault(field.comodel_name, {}).setdefault(name, set()).update(ids)
        for comodel, by_field in wanted.items():
            ids = set().union(*by_field.values())
            # Existence only (sudo): reading the targets is the ORM's and the rules' check.
            missing = ids - set(self.env[comodel].sudo().browse(ids).exists().ids)
            if missing:
                name = next(n for n, i in by_field.items() if i & missing)
                raise ValidationError(
                    _(
                        "%(field)s: %(error)s",
                        field=self._fields[name]._description_string(self.env),
                        error=_("%(value)s is not a record.", value=min(missing)),
                    )
                )


def _number_error(env, field, value):
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return env._("%(value)s is not a number.", value=value[:50])
    if isinstance(value, bool) or not isinstance(value, int | float):
        return env._("%(value)s is not a number.", value=str(value)[:50])
    if not math.isfinite(value):
        return env._("%(value)s is not a number.", value=value)
    if abs(value) > (INT_LIMIT if field.type == "integer" else FLOAT_LIMIT):
        return env._("%(value)s is out of range.", value=value)
    return None


def _date_error(env, field, value):
    try:
        if field.type == "date":
            parsed = fields.Date.to_date(value)
        else:
            parsed = fields.Datetime.to_datetime(value)
    except (TypeError, ValueError):
        return env._("%(value)s is not a valid date.", value=str(value)[:50])
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not DATE_MIN <= day <= DATE_MAX:
        return env._(
            "%(value)s is outside the years %(first)s to %(last)s.",
            value=day,
            first=DATE_MIN.year,
            last=DATE_MAX.year,
        )
    return None


def _many2one_error(env, field, value):
    if isinstance(value, models.BaseModel):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= INT_LIMIT:
        return env._("%(value)s is not a record.", value=str(value)[:50])
    return None


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_LIMIT


def _x2many_error(env, field, value):
    """A list of commands ``(code, id, values)`` or of ids, with ids that are ids."""
    if isinstance(value, models.BaseModel):
        return None
    if not isinstance(value, list | tuple):
        return env._("%(value)s is not a list of records.", value=str(value)[:50])
    for command in value:
        if _is_id(command):
            continue
        if not isinstance(command, list | tuple) or not command or command[0] not in range(7):
            return env._("%(value)s is not a list of records.", value=str(command)[:50])
        code = command[0]
        if code in (1, 2, 3, 4) and not (len(command) > 1 and _is_id(command[1])):
            return env._("%(value)s is not a record.", value=str(command)[:50])
        if code in (0, 1) and not (len(command) > 2 and isinstance(command[2], dict)):
            return env._("%(value)s is not a list of records.", value=str(command)[:50])
        if code == 6 and not (
            len(command) > 2
            and isinstance(command[2], list | tuple)
            and all(_is_id(i) for i in command[2])
        ):
            return env._("%(value)s is not a list of records.", value=str(command)[:50])
    return None


def _related_ids(field, value):
    """The ids a relational value points to (those that must exist)."""
    if field.type == "many2one":
        return [value] if _is_id(value) else []
    if isinstance(value, models.BaseModel):
        return []
    ids = []
    for command in value:
        if _is_id(command):
            ids.append(command)
        elif command[0] == 4:
            ids.append(command[1])
        elif command[0] == 6:
            ids.extend(command[2])
    return ids


def _text_error(env, field, value):
    if not isinstance(value, str):
        return env._("%(value)s is not a text.", value=str(value)[:50])
    limit = field.size or (CHAR_LIMIT if field.type == "char" else TEXT_LIMIT)
    if len(value) > limit:
        return env._("the text is longer than %(limit)s characters.", limit=limit)
    return None


def _html_error(env, field, value):
    """An HTML field's text, markup included, within its setting (the meeting's minutes,
    the inspection's summary) or HTML_LIMIT."""
    if not isinstance(value, str):
        return env._("%(value)s is not a text.", value=str(value)[:50])
    key, default = HTML_LIMITS.get(f"{field.model_name}.{field.name}", (None, HTML_LIMIT))
    limit = setting(env, key, default) if key else default
    if len(value) > limit:
        return env._("the text is longer than %(limit)s characters.", limit=limit)
    return None


VALUE_CHECKS = {
    "float": _number_error,
    "monetary": _number_error,
    "integer": _number_error,
    "date": _date_error,
    "datetime": _date_error,
    "many2one": _many2one_error,
    "one2many": _x2many_error,
    "many2many": _x2many_error,
    "char": _text_error,
    "text": _text_error,
    "html": _html_error,
}


def _guard_value_error(env, field, value):
    """Why ``value`` cannot go into ``field``, or None."""
    if field.type == "selection":
        if callable(field.selection) or isinstance(field.selection, str):
            allowed = {key for key, _label in field._description_selection(env)}
        else:
            allowed = {key for key, _label in field.selection}
        if value not in allowed:
            return env._("%(value)s is not one of the choices.", value=str(value)[:50])
        return None
    check = VALUE_CHECKS.get(field.type)
    return check(env, field, value) if check else None
