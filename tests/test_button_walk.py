"""The button walk (issue 21 (b)): per role, on each party form, every header button,
Action-menu entry and Print entry the role is shown on a representative record either
works or is not shown — and Archive, Delete and Duplicate, which Odoo's web client adds
to the Action menu by itself.

The form is read as the role would (``get_views`` with the toolbar: groups applied,
the Action and Print entries bound to the model), ``invisible`` is evaluated on the
record's values as the role reads them, and what is visible is called as the role, in
Chinese, in a savepoint rolled back afterwards. A refusal may remain where it is the
business (a month that cannot close yet, a meeting that has not started): then it is a
plain message in Chinese — never an access error (Odoo's "top-secret records ...
cookies" dialog), a refusal of the kind "you may not" (the button should not have been
shown), a message left in English, or a crash.
"""

import logging
import re
import traceback
from collections import defaultdict
from datetime import date

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import code_translations

from odoo.addons.base.models.ir_model import ACCESS_ERROR_HEADER
from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.party_quant.models.party_access import plain_refusal

_logger = logging.getLogger(__name__)

# The demo's logins per role; HR has no demo user (made here).
ROLES = ("member", "branch", "general", "committee", "inspector", "hr")
# Refusals that mean the entry should not have been shown to this user on this record:
# the guard's (models/party_guard.py) and the workflows' "not yours" answers.
NOT_YOURS = (
    "You may not move %(name)s from %(old)s to %(new)s.",
    "These fields are set by the system and cannot be changed: %(fields)s.",
    "You cannot approve or reject your own entry.",
    "Only officers record deductions.",
    "You can only claim points for yourself.",
)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Records per model and role: one per state at most this many states.
STATES_PER_MODEL = 4


def _pattern(text):
    """A regex matching ``text`` with its %(placeholders)s filled in."""
    parts = re.split(r"%\(\w+\)s", text)
    return re.compile(".*".join(re.escape(part) for part in parts), re.S)


@tagged("post_install", "-at_install")
class TestButtonWalk(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        Users = cls.env["res.users"].with_context(active_test=False)
        cls.users = {role: Users.search([("login", "=", role)]) for role in ROLES if role != "hr"}
        cls.users["hr"] = mail_new_test_user(
            cls.env,
            login="pq_walk_hr",
            groups="base.group_user,party_quant.group_party_hr",
            lang="zh_CN",
        )
        for role, user in cls.users.items():
            assert user, f"demo user {role} missing"
        translations = code_translations.get_python_translations("party_quant", "zh_CN")
        cls.not_yours = [_pattern(text) for text in NOT_YOURS] + [
            _pattern(translations[text]) for text in NOT_YOURS if text in translations
        ]
        # Odoo's refusals (record rules, access rights) and party_quant's plain words
        # for them: either way the entry should not have been shown.
        base = code_translations.get_python_translations("base", "zh_CN")
        generic = [
            "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\n"
            "Sorry, %(user)s doesn't have '%(operation)s' access to:",
            *(header._source for header in ACCESS_ERROR_HEADER.values()),
        ]
        cls.generic_refusals = [
            re.compile(_pattern(text).pattern + ".*", re.S)
            for text in generic + [base[text] for text in generic if text in base]
        ] + [
            _pattern(plain_refusal(cls.env(context={"lang": lang}), "%(kind)s", operation))
            for lang in ("en_US", "zh_CN")
            for operation in ("read", "write", "create", "unlink")
        ]
        cls.forms = sorted(
            {
                view.model
                for view in cls.env["ir.ui.view"].search(
                    [("type", "=", "form"), ("mode", "=", "primary"), ("model", "=like", "party.%")]
                )
                if not cls.env[view.model]._transient and not cls.env[view.model]._abstract
            }
        )

    # ------------------------------------------------------------------
    # Reading the form as the role
    # ------------------------------------------------------------------
    def records(self, Model):
        """A record of each state the role reads (the newest), or the newest one."""
        if "state" not in Model._fields or Model._fields["state"].type != "selection":
            return Model.search([], limit=1, order="id desc")
        found = Model.browse()
        for state in [
            key for key, _label in Model._fields["state"]._description_selection(Model.env)
        ]:
            found |= Model.search([("state", "=", state)], limit=1, order="id desc")
            if len(found) >= STATES_PER_MODEL:
                break
        return found

    def values(self, record, field_names):
        """The record's values as the web client evaluates its expressions."""
        values = {"id": record.id}
        for name, value in record.read(list(field_names))[0].items():
            field = record._fields[name]
            if field.type == "many2one":
                value = value and value[0]
            values[name] = value
        return values

    def entries(self, record, view):
        """(kind, label, callable) of what the role is shown on the record's form."""
        Model = record.env[record._name]
        arch = etree.fromstring(view["arch"])
        fields = view["fields"]
        values = self.values(record, [n for n in fields if n in Model._fields and n != "id"])
        context = dict(
            values,
            uid=record.env.uid,
            context=dict(record.env.context),
            context_today=date.today,
        )

        def shown(node):
            expr = node.get("invisible")
            return not (expr and safe_eval(expr, context))

        for button in arch.xpath("//header//button"):
            if not shown(button) or button.get("special"):
                continue
            label = button.get("string") or button.get("name")
            ctx = safe_eval(button.get("context") or "{}", context)
            if button.get("type") == "object":
                name = button.get("name")
                yield (
                    "button",
                    label,
                    lambda name=name, ctx=ctx: self.follow(
                        getattr(record.with_context(**ctx), name)(), record
                    ),
                )
            elif button.get("type") == "action":
                action_id = int(button.get("name"))
                yield "button", label, lambda a=action_id: self.run_action(a, record)
        for key, kind in (("action", "action menu"), ("print", "print")):
            for action in view.get("toolbar", {}).get(key, []):
                yield kind, action["name"], lambda a=action["id"]: self.run_action(a, record)
        # What Odoo's form adds to the Action menu by itself (form_controller.js).
        active = fields.get("active")
        in_form = arch.xpath("//field[@name='active'][not(ancestor::field)]")
        if active and in_form and "active" in values and not active.get("readonly"):
            if values["active"]:
                yield "action menu", "Archive", record.action_archive
            else:
                yield "action menu", "Unarchive", record.action_unarchive
        root = {k: arch.get(k) for k in ("create", "delete", "duplicate")}
        off = ("0", "false", "False")
        if root["delete"] not in off:
            yield "action menu", "Delete", record.unlink
        if root["create"] not in off and root["duplicate"] not in off:
            yield "action menu", "Duplicate", record.copy

    # ------------------------------------------------------------------
    # Calling what is shown
    # ------------------------------------------------------------------
    def run_action(self, action_id, record):
        """An entry of the Action or Print menu, as the web client runs it: a server
        action runs as the user; a window action is loaded (as /web/action/load does,
        past the actions' own access rights) and opened; a report rendered."""
        action_type = self.env["ir.actions.actions"].browse(action_id).type
        context = {
            "active_model": record._name,
            "active_id": record.id,
            "active_ids": record.ids,
        }
        if action_type == "ir.actions.server":
            action = record.env[action_type].browse(action_id).with_context(**context)
            return self.follow(action.run(), record)
        action = self.env[action_type].browse(action_id)
        if action_type == "ir.actions.report":
            return self.render(action.with_env(record.env), record.ids, None)
        return self.follow(action.read()[0], record)

    def follow(self, result, record):
        """What a button's answer opens: a wizard (created with its defaults), a list
        or form (read), a report (rendered as HTML)."""
        if not isinstance(result, dict):
            return
        env = record.env
        if result.get("type") == "ir.actions.report":
            report = env["ir.actions.report"]._get_report(result["report_name"])
            ids = (result.get("context") or {}).get("active_ids") or record.ids
            return self.render(report, ids, result.get("data"))
        if result.get("type") == "ir.actions.act_window" and result.get("res_model"):
            active = {
                "active_model": record._name,
                "active_id": record.id,
                "active_ids": record.ids,
            }
            ctx = result.get("context") or {}
            if isinstance(ctx, str):
                ctx = safe_eval(ctx, dict(active, uid=env.uid, context_today=date.today))
            Target = env[result["res_model"]].with_context(**dict(active, **ctx))
            if result.get("res_id"):
                Target.browse(result["res_id"]).check_access("read")
            elif result.get("target") == "new":
                Target.check_access("create")
                Target.default_get(list(Target._fields))
            else:
                Target.check_access("read")

    def render(self, report, ids, data):
        if report.report_type == "qweb-pdf":
            return report._render_qweb_html(report.report_name, ids, data)
        return report._render(report.report_name, ids, data)

    def attempt(self, call):
        """Call in a savepoint rolled back afterwards; the exception, or None."""
        cr = self.env.cr
        savepoint = cr.savepoint(flush=False)
        try:
            call()
            self.env.flush_all()
            return None
        except Exception as error:  # noqa: BLE001 - every failure is reported
            return error
        finally:
            savepoint.close(rollback=True)
            cr.precommit.clear()
            cr.postcommit.clear()
            self.env.invalidate_all()

    def verdict(self, error):
        """Why an entry that was shown failed, or None when its answer is fine."""
        if error is None:
            return None
        message = str(error.args[0] if error.args else error)
        if isinstance(error, AccessError):
            # The access rights' and record rules' refusals: the entry should not show.
            # A refusal of the business in plain Chinese (the pay data's) may stay.
            if not CJK.search(message) or any(
                pattern.fullmatch(message) for pattern in self.generic_refusals
            ):
                return f"access error: {message[:120]}"
            return None
        if not isinstance(error, UserError | ValidationError):
            return f"crash {type(error).__name__}: {message[:120]}"
        if any(pattern.fullmatch(message) for pattern in self.not_yours):
            return f"shown but not theirs: {message[:120]}"
        if not CJK.search(message):
            return f"not in Chinese: {message[:120]}"
        return None

    # ------------------------------------------------------------------
    # The walk
    # ------------------------------------------------------------------
    def walk(self, role):
        user = self.users[role]
        env = self.env(user=user, context={"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.env.flush_all()
        self.env.cr.precommit.run()
        failures = defaultdict(list)
        tried = 0
        for model in self.forms:
            Model = env[model]
            if not Model.has_access("read"):
                continue
            views = Model.get_views([(False, "form")], {"toolbar": True})
            view = dict(views["views"]["form"], fields=views["models"][model]["fields"])
            for record in self.records(Model):
                try:
                    entries = list(self.entries(record, view))
                except Exception as error:  # noqa: BLE001 - the form itself fails
                    where = traceback.format_exc().strip().splitlines()[-3:]
                    failures[model].append(f"[{record.id}] form: {error!r} {where}"[:400])
                    continue
                for kind, label, call in entries:
                    tried += 1
                    why = self.verdict(self.attempt(call))
                    if why:
                        state = record.state if "state" in record else ""
                        failures[model].append(f"[{record.id} {state}] {kind} {label!r}: {why}")
        return tried, dict(failures)

    def assertWalk(self, role):
        tried, failures = self.walk(role)
        _logger.info("button walk as %s: %s entries tried", role, tried)
        report = "\n".join(
            f"{model}: {line}" for model, lines in sorted(failures.items()) for line in lines
        )
        self.assertFalse(failures, f"{role}: entries shown that fail:\n{report}")
        self.assertGreater(tried, 5, "the walk found entries to try")

    def test_member(self):
        self.assertWalk("member")

    def test_branch_officer(self):
        self.assertWalk("branch")

    def test_general_branch_officer(self):
        self.assertWalk("general")

    def test_committee(self):
        self.assertWalk("committee")

    def test_inspector(self):
        self.assertWalk("inspector")

    def test_hr(self):
        self.assertWalk("hr")
