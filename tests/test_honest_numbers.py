from types import SimpleNamespace

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.party_quant.models.party_escalation import ESCALATION_KINDS

from .common import PartyEvaluationCase

# What a stored name or a system message must never contain: the English labels.
ENGLISH_SYSTEM_LABELS = [label for _kind, label in ESCALATION_KINDS] + [
    "last of ",
    "Evaluation",
    " created",
    "Management",
]


def arch_field(view, field, path=""):
    """The <field name=...> node of ``view`` (an ir.ui.view), under ``path``."""
    arch = etree.fromstring(view.arch)
    nodes = arch.xpath(f"{path}//field[@name='{field}']")
    return nodes[0]


def shown(node, record, user, attribute="invisible", parent=None):
    """Whether ``node`` is shown for ``record`` as ``user`` sees it: its modifier,
    evaluated as the web client does with the record's values."""
    expression = node.get(attribute)
    if not expression:
        return True
    record = record.with_user(user)
    names = {
        "preliminary_done",
        "final_done",
        "editable_column",
        "path_kind",
        "state",
        "rank_in_type",
        "can_approve",
    }
    values = {name: record[name] for name in names if name in record._fields}
    if parent is not None:
        values["parent"] = SimpleNamespace(
            **{name: parent.with_user(user)[name] for name in names if name in parent._fields}
        )
    return not safe_eval(expression, values)


@tagged("post_install", "-at_install")
class TestHonestNumbers(PartyEvaluationCase):
    """A step's score is shown once the step is taken, unranked is blank, charts count
    reviewed evaluations, each level has its own note, the scoring guide is shown."""

    def setUp(self):
        super().setUp()
        self.form = self.env.ref("party_quant.party_evaluation_view_form")
        self.list = self.env.ref("party_quant.party_evaluation_view_list")
        self.lines_path = "//field[@name='line_ids']/list"

    def test_step_columns_shown_once_taken(self):
        ev = self.ev_11
        preliminary_total = arch_field(self.form, "preliminary_total")
        final_total = arch_field(self.form, "final_score")
        preliminary_column = arch_field(self.form, "preliminary_score", self.lines_path)
        final_column = arch_field(self.form, "final_score", self.lines_path)

        def columns(user):
            return (
                shown(preliminary_total, ev, user),
                shown(final_total, ev, user),
                shown(preliminary_column, ev.line_ids[0], user, "column_invisible", ev),
                shown(final_column, ev.line_ids[0], user, "column_invisible", ev),
            )

        self.assertEqual(columns(self.user_branch), (False, False, False, False))
        self.fill(ev, "self_score", self.user_branch)
        ev.with_user(self.user_branch).action_submit()
        # The general branch's column is prefilled from the self-assessment...
        self.assertAlmostEqual(ev.preliminary_total, ev.self_total)
        self.assertFalse(ev.preliminary_done)
        # ... which is the general branch's input, not its result: the branch and the
        # committee do not see it as a preliminary score.
        self.assertEqual(columns(self.user_branch), (False, False, False, False))
        self.assertEqual(columns(self.user_committee), (False, False, False, False))
        self.assertEqual(columns(self.user_general), (True, False, True, False))

        self.fill(ev, "preliminary_score", self.user_general, ratio=0.9)
        ev.with_user(self.user_general).action_approve()
        self.assertTrue(ev.preliminary_done)
        self.assertAlmostEqual(ev.final_total, ev.preliminary_total, msg="prefilled")
        self.assertEqual(columns(self.user_branch), (True, False, True, False))
        self.assertEqual(columns(self.user_committee), (True, True, True, True))

        self.fill(ev, "final_score", self.user_committee, ratio=0.8)
        ev.with_user(self.user_committee).action_approve()
        self.assertTrue(ev.final_done)
        self.assertEqual(columns(self.user_branch), (True, True, True, True))

        # The list and the kanban follow the same rule.
        list_preliminary = arch_field(self.list, "preliminary_total")
        list_final = arch_field(self.list, "final_score")
        self.assertTrue(shown(list_final, ev, self.user_branch))
        self.assertFalse(shown(list_final, self.ev_12, self.user_committee))
        self.assertFalse(shown(list_preliminary, self.ev_12, self.user_committee))

    def test_direct_branch_has_no_preliminary_column(self):
        ev = self.ev_0
        self.fill(ev, "self_score", self.env.user)
        ev.action_submit()
        self.assertFalse(ev.preliminary_done)
        self.assertFalse(ev.final_done)
        column = arch_field(self.form, "final_score", self.lines_path)
        self.assertTrue(shown(column, ev.line_ids[0], self.user_committee, "column_invisible", ev))
        self.assertFalse(shown(column, ev.line_ids[0], self.user_general, "column_invisible", ev))

    def test_unranked_is_blank(self):
        self.review(self.ev_11, [90])
        self.assertEqual(self.ev_11.rank_in_type, 1)
        self.assertFalse(self.ev_12.rank_in_type)
        # The list shows "rank / reviewed of the type", blank for the unranked and
        # for one alone in its type (rank 1 of 1 means nothing; issue 21.7).
        self.assertTrue(arch_field(self.list, "rank_display") is not None)
        self.assertFalse(self.ev_12.rank_display, "no 0 for the unranked")
        self.assertFalse(self.ev_11.rank_display, "no 1 of 1")
        # The sheet prints no final score nor rank before the review.
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("party_quant.action_report_evaluation_sheet", self.ev_12.ids)[0]
            .decode()
        )
        self.assertNotIn("0.00", html.split("Final Score / Rank", 1)[1].split("</tr>", 1)[0])

    def test_scores_chart_counts_reviewed_only(self):
        self.review(self.ev_11, [90])
        for xmlid in ("party_evaluation_action_scores", "party_evaluation_action_review"):
            action = self.env.ref(f"party_quant.{xmlid}")
            domain = safe_eval(action.domain or "[]") + [("period_id", "=", self.month.id)]
            [(average, count)] = self.Evaluation._read_group(
                domain, [], ["final_score:avg", "__count"]
            )
            self.assertEqual(count, 1, f"{xmlid}: the three unreviewed are not counted")
            self.assertAlmostEqual(average, 90.0)

    def test_each_level_has_its_own_note(self):
        ev = self.ev_11
        self.fill(ev, "self_score", self.user_branch)
        line = ev.line_ids.filtered(lambda ln: ln.category != "bonus")[0]
        line.with_user(self.user_branch).write({"note": "Held on the 3rd"})
        ev.with_user(self.user_branch).action_submit()
        with self.assertRaisesRegex(UserError, "General Branch Note"):
            line.with_user(self.user_general).write({"note": "Overwritten"})
        with self.assertRaisesRegex(UserError, "only the"):
            ev.with_user(self.user_general).write(
                {"line_ids": [(1, line.id, {"final_note": "Not yours"})]}
            )
        # A zero needs the general branch's own reason; the branch's note is not it.
        line.with_user(self.user_general).write({"preliminary_score": 0})
        with self.assertRaisesRegex(UserError, "Score every criterion"):
            ev.with_user(self.user_general).action_approve()
        line.with_user(self.user_general).write({"preliminary_note": "No minutes"})
        ev.with_user(self.user_general).action_approve()
        self.assertEqual(line.note, "Held on the 3rd", "the branch's note is kept")
        self.assertEqual(line.preliminary_note, "No minutes")
        self.assertFalse(line.final_note)

    def test_scoring_guide_shown_while_scoring(self):
        guide = arch_field(self.form, "guide", self.lines_path)
        self.assertNotEqual(guide.get("optional"), "hide")
        self.assertFalse(guide.get("column_invisible"))
        self.assertTrue(self.ev_11.line_ids[0].guide)


@tagged("post_install", "-at_install")
class TestSystemLanguage(PartyEvaluationCase):
    """What the close and the crons write is in the company's language, even with
    no language in the context (as a cron runs)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_13 = cls.env["party.organization"].create(
            cls._branch_vals("Branch 13", cls.general_1, cls.type_management)
        )
        cls.env.company.partner_id.lang = "zh_CN"

    def close_without_language(self, first, count):
        """Close ``count`` months from ``first`` (branch 11 last of management) as
        the cron does: no language in the context."""
        start = fields.Date.to_date(first)
        months = self.env["party.period"]
        for offset in range(count):
            month, _evaluations = self.month_with(
                start + relativedelta(months=offset), {self.branch_11: 80, self.branch_13: 90}
            )
            month.with_context(lang=None)._close()
            months |= month
        return months

    def test_cron_escalation_in_chinese(self):
        months = self.close_without_language("2031-01-01", 3)
        nolang = self.env(context={})
        escalation = nolang["party.escalation"].search(
            [("organization_id", "=", self.branch_11.id)]
        )
        self.assertEqual(escalation.kind, "criticism")
        self.assertEqual(escalation.name, "Branch 11 2031年3月 通报批评")
        evidence = escalation.message_ids.filtered(lambda m: "末位" in (m.body or ""))
        self.assertTrue(evidence, "the evidence says 管理型 末位")
        self.assertIn("管理型 末位", evidence[0].body)
        self.assertIn("2031年1月", evidence[0].body)
        self.assertEqual(escalation.activity_ids.summary, escalation.name)
        self.assertIn("已关闭", months[-1].message_ids[0].body)
        for text in ENGLISH_SYSTEM_LABELS:
            self.assertNotIn(text, escalation.name)
            self.assertFalse(escalation.message_ids.filtered(lambda m, t=text: t in (m.body or "")))

    def test_cron_reminders_and_creation_messages_in_chinese(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_evaluation")
        self.ev_11.activity_ids.date_deadline = fields.Date.today() - relativedelta(days=1)
        self.Evaluation.with_context(lang=None)._cron_remind_late()
        reminder = self.ev_11.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == self.user_general
        )
        self.assertEqual(reminder.summary, "逾期：党支部 超过期限仍未办理")
        # The daily creation of the month's evaluations logs their creation in Chinese.
        Evaluation = self.env["party.evaluation"].with_context(lang=None, mail_create_nolog=False)
        Evaluation._cron_create_monthly_evaluations()
        month = self.env["party.period"]._get_period(fields.Date.today())
        created = Evaluation.search(
            [("period_id", "=", month.id), ("organization_id", "=", self.branch_13.id)]
        )
        bodies = " ".join(created.message_ids.mapped("body"))
        self.assertIn("支部考评", bodies)
        self.assertNotIn("Branch Evaluation", bodies)

    def test_no_stored_name_holds_english_labels(self):
        self.close_without_language("2031-01-01", 3)
        self.env.flush_all()
        for model in ("party.evaluation", "party.period", "party.escalation"):
            names = self.env[model].with_context(active_test=False).search([]).mapped("name")
            self.assertTrue(names)
            for text in ENGLISH_SYSTEM_LABELS:
                found = [name for name in names if text in name]
                self.assertFalse(found, f"{model}: {text!r} in stored names")

    def test_report_file_names_in_the_users_language(self):
        self.review(self.ev_11, [90])
        self.user_committee.lang = "zh_CN"
        cases = {
            "party_quant.action_report_ranking": (self.month, "排名通报 2030年3月"),
            "party_quant.action_report_evaluation_sheet": (self.ev_11, "考评表 Branch 11 2030-03"),
        }
        for xmlid, (record, expected) in cases.items():
            report = self.env.ref(xmlid)
            obj = record.with_user(self.user_committee).with_context(lang="zh_CN")
            self.assertEqual(safe_eval(report.print_report_name, {"object": obj}), expected)
