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
  ``_initial_state`` from users.
"""

import math
from datetime import date, datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_settings import SETTINGS, setting

SYSTEM = "system"
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

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_values(vals)
            if self.env.su:
                continue
            self._check_system_fields(vals)
            self._check_related_ids_exist(vals)
            if self._transitions and vals.get("state", self._initial_state) != self._initial_state:
                raise UserError(
                    _(
                        "A new record starts as %(state)s; its state changes only through "
                        "its workflow.",
                        state=self._guard_state_label(self._initial_state),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_values(vals)
        if not self.env.su:
            self._check_system_fields(vals)
            self._check_related_ids_exist(vals)
        moved_from = {}
        if self._transitions and "state" in vals:
            moved_from = {record.id: record.state for record in self}
            self._check_transition(vals["state"], vals)
        res = super().write(vals)
        if moved_from:
            self._after_transition(moved_from, vals)
        return res

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

    def _after_transition(self, moved_from, vals):
        """What follows a state change, once for the batch; ``moved_from`` maps each
        record's id to its state before the write."""

    def _guard_state_label(self, state):
        field = self._fields.get("state")
        if not field or not state:
            return state or "-"
        return dict(field._description_selection(self.env)).get(state, state)

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

    def _check_system_fields(self, vals):
        fixed = (self._system_fields | self._guard_derived_fields()) & vals.keys()
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
