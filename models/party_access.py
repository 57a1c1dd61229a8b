"""What a party user meets when the interface offers something they may not do.

- Refusals of a party model say in plain words, in the user's language, what the user
  can do instead. Odoo's own texts (the record rules' "Uh-oh! Looks like you have
  stumbled upon some top-secret records ... freshly baked cookies", in zh_CN
  哦豁！你似乎偶然发现了一些绝密记录……饼干, and the access rights' list of groups) are
  left to the other models. The exception stays an ``AccessError``: the refusal itself
  does not change, only its words.
- *Duplicate* is offered on every form whose model users may create; on party models
  whose copies the guard or the database refuses (system fields, a state past the first,
  a unique value) the form offers none.
- *Archive* is offered on a form whenever its ``active`` field is there and writable
  (Odoo's web client checks the field, not the user's rights): a member was offered
  归档 on their own member record and the branch's organization, an officer on another
  branch's member read through an inspection. On party models the field reads as
  readonly for anyone who may not write the model or is below the committee.
"""

from odoo import api, models
from odoo.exceptions import AccessError

# The committee archives (the administrator deletes): organizations, members, the
# catalogues. Officers below it write their branch's records but do not archive them.
ARCHIVING_GROUP = "party_quant.group_party_committee"


def _is_party(model_name):
    return (model_name or "").startswith("party.")


def _plain_refusal(env, model_name, operation):
    """The refusal of ``operation`` on ``model_name`` in plain words, with what to do."""
    # The model's name only (users may not read ir.model), in the user's language.
    kind = env["ir.model"].sudo()._get(model_name).name or model_name
    return plain_refusal(env, kind, operation)


def plain_refusal(env, kind, operation):
    """The refusal of ``operation`` on records of the kind ``kind`` (a name), in the
    language of ``env``."""
    text = {
        "read": env._(
            "%(kind)s: this record belongs to another branch or person and is not shown "
            "to you. Open your own records from your workbench, or ask your branch "
            "secretary.",
            kind=kind,
        ),
        "write": env._(
            "%(kind)s: you cannot change this record in its present state. Ask your "
            "branch secretary or the officer in charge to change it.",
            kind=kind,
        ),
        "create": env._(
            "%(kind)s: you cannot create this record. Ask your branch secretary or the "
            "officer in charge to record it.",
            kind=kind,
        ),
        "unlink": env._(
            "%(kind)s: you cannot delete this record. Records are kept; ask your branch "
            "secretary if it is wrong.",
            kind=kind,
        ),
    }
    return text.get(operation) or text["read"]


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        if not _is_party(records._name):
            return super()._make_access_error(operation, records)
        env = self.with_context(lang=self.env.user.context_get().get("lang")).env
        return AccessError(_plain_refusal(env, records._name, operation))


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    @api.model
    def _make_access_error(self, model, mode):
        if not _is_party(model):
            return super()._make_access_error(model, mode)
        env = self.with_context(lang=self.env.user.context_get().get("lang")).env
        return AccessError(_plain_refusal(env, model, mode))


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if (
            view_type == "form"
            and _is_party(self._name)
            and arch.get("duplicate") is None
            and not self._party_copy_allowed()
        ):
            arch.set("duplicate", "0")
        return arch, view

    @api.model
    def _party_copy_allowed(self):
        """Whether *Duplicate* may be offered on the model's form: a copy of a record
        that carries system fields (totals, approvers, links), a state other than the
        first of its workflow, or a value that must be unique is refused whoever asks;
        the form then offers no Duplicate."""
        fixed = set(getattr(self, "_system_fields", ()))
        if hasattr(self, "_guard_derived_fields"):
            fixed |= self._guard_derived_fields()
        if any(self._fields[name].copy for name in fixed if name in self._fields):
            return False
        state = self._fields.get("state")
        if getattr(self, "_transitions", None) and state and state.copy:
            return False
        return not any(
            "unique" in definition.lower() for _n, definition, _m in self._sql_constraints
        )

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        res = super().fields_get(allfields=allfields, attributes=attributes)
        active = res.get("active")
        if (
            active is not None
            and _is_party(self._name)
            and not self.env.su
            and (attributes is None or "readonly" in attributes)
            and not (self.env.user.has_group(ARCHIVING_GROUP) and self.has_access("write"))
        ):
            active["readonly"] = True
        return res
