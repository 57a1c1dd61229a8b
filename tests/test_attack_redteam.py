"""What tools/attack_rpc.py found over JSON-RPC after issue 12's fixes, replayed as the
users who tried it: derived fields written by hand (an evaluation line's score after
the inspection, which feeds the final total and the pay; related fields that wrote their
target as the superuser), record signals forged or explained without a note, and
relational values that answered a database error instead of a message."""

from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AttackTally
from .test_inspection import InspectionCase


@tagged("post_install", "-at_install")
class TestAttackRedTeam(AttackTally, InspectionCase):
    attack_label = "Red-team attacks"

    # ------------------------------------------------------------------
    # Derived fields
    # ------------------------------------------------------------------
    def test_line_score_after_inspection_is_the_systems(self):
        """A branch officer wrote 'Final after Inspection' on their own draft lines:
        the final total (and with it the rank and the pay factor) summed it."""
        line = self.ev_11.line_ids.filtered(lambda ln: ln.category != "bonus")[:1]
        total = self.ev_11.final_total
        for name, value in (
            ("adjusted_final_score", line.max_score),
            ("inspection_adjustment", 50.0),
            ("inspection_note", "+50 forged"),
        ):
            for user in (self.user_branch, self.user_committee, self.user_admin):
                self.refused(
                    lambda n=name, v=value, u=user: line.with_user(u).write({n: v}),
                    "set by the system",
                )
                self.refused(
                    lambda n=name, v=value, u=user: self.ev_11.with_user(u).write(
                        {"line_ids": [(1, line.id, {n: v})]}
                    ),
                    "set by the system",
                )
        self.assertEqual(self.ev_11.final_total, total)
        self.assertFalse(line.inspection_adjustment)

    def test_related_fields_do_not_write_their_target(self):
        """A related field writes its target as the superuser: the committee changed a
        plan's dates through one of its inspections, past the plan's own checks."""
        self.plan.with_user(self.user_committee).action_assign_teams()
        inspection = self.plan.inspection_ids[:1]
        date_from = self.plan.date_from
        for name, value in (
            ("date_from", "2029-01-01"),
            ("inspection_date", "2029-01-02"),
            ("branch_type_id", self.type_management.id),
            ("name", "forged"),
        ):
            self.refused(
                lambda n=name, v=value: inspection.with_user(self.user_committee).write({n: v}),
                "set by the system",
            )
        self.assertEqual(self.plan.date_from, date_from)
        rule = self.env["party.point.rule"].search([], limit=1)
        self.refused(
            lambda: rule.with_user(self.user_committee).write({"part_sequence": 99}),
            "set by the system",
        )
        criterion = self.env["party.criterion"].search([], limit=1)
        self.refused(
            lambda: criterion.with_user(self.user_committee).write({"category_sequence": 99}),
            "set by the system",
        )

    def test_every_derived_field_is_refused(self):
        """Every readonly computed or related field of the addon, on every party model,
        is refused from any user (the system, through sudo, still sets them)."""
        checked = 0
        for name in self.env.registry:
            if not name.startswith("party.") or self.env[name]._abstract:
                continue
            Model = self.env[name]
            if not hasattr(Model, "_guard_derived_fields"):
                continue
            for field_name in Model._guard_derived_fields():
                checked += 1
                self.refused(
                    lambda M=Model, f=field_name: M.with_user(self.user_admin)._check_system_fields(
                        {f: False}
                    ),
                    "set by the system",
                )
        self.assertGreater(checked, 20)

    # ------------------------------------------------------------------
    # Record signals
    # ------------------------------------------------------------------
    def test_record_signals_are_the_systems(self):
        """A plain write marked a signal explained with no explanation; its kind,
        branch, meetings and reason were writable."""
        signal = self.env["party.record.signal"].create(
            {
                "kind": "late_entry",
                "key": "forged-test",
                "organization_id": self.branch_11.id,
                "reason": "entered late",
            }
        )
        for user in (self.user_general, self.user_committee, self.user_admin):
            self.refused(
                lambda u=user: signal.with_user(u).write({"state": "explained"}),
                "explanation",
            )
            self.refused(lambda u=user: signal.with_user(u).action_explain(), "explanation")
            for name, value in (
                ("kind", "burst"),
                ("key", "other"),
                ("organization_id", self.branch_12.id),
                ("reason", "nothing"),
                ("meeting_ids", [(6, 0, [])]),
            ):
                self.refused(
                    lambda u=user, n=name, v=value: signal.with_user(u).write({n: v}),
                    "set by the system",
                )
            self.refused(
                lambda u=user: signal.with_user(u).create(
                    {"kind": "burst", "key": "forged", "organization_id": self.branch_12.id}
                ),
                "set by the system",
            )
        self.refused(
            lambda: signal.with_user(self.user_branch).write({"note": "x", "state": "explained"})
        )
        self.assertEqual(signal.state, "open")
        signal.with_user(self.user_general).write({"note": "Entered from the paper minutes."})
        signal.with_user(self.user_general).action_explain()
        self.assertEqual(signal.state, "explained")
        self.refused(
            lambda: signal.with_user(self.user_committee).write({"state": "open"}),
            "cannot go from",
        )
        other = signal.create(
            {"kind": "late_entry", "key": "forged-test-2", "organization_id": self.branch_11.id}
        )
        other.with_user(self.user_committee).write({"note": "Checked.", "state": "explained"})
        self.assertEqual(other.state, "explained")

    # ------------------------------------------------------------------
    # Relational values
    # ------------------------------------------------------------------
    def test_relational_values_answer_a_message(self):
        """Ids that are not ids, commands that are not commands and records that do
        not exist answered psycopg2, ValueError or TypeError errors."""
        member = self.m11b.with_user(self.user_branch)
        self.refused(
            lambda: member.write({"organization_id": 999999999}), "not a record", ValidationError
        )
        evaluation = self.ev_11.with_user(self.user_branch)
        line = self.ev_11.line_ids[:1]
        for value in (
            [(6, 0, ["x"])],
            [(4, "x")],
            [(99, 1)],
            ["x"],
            [(1, line.id, "x")],
            [(6, 0, [999999999])],
        ):
            self.refused(
                lambda v=value: line.with_user(self.user_branch).write({"attachment_ids": v}),
                "not",
                ValidationError,
            )
        self.refused(
            lambda: evaluation.write({"line_ids": [(4, "x")]}), "not a record", ValidationError
        )
        org = self.branch_11.with_user(self.user_committee)
        for value in ("abc", 1.5, {"id": 1}, [1], 999999999):
            self.refused(
                lambda v=value: org.write({"parent_id": v}), "not a record", ValidationError
            )
        self.refused(
            lambda: org.write({"officer_user_ids": [(6, 0, ["x"])]}),
            "not a list of records",
            ValidationError,
        )
        self.assertEqual(self.m11b.organization_id, self.branch_11)
        self.assertEqual(self.branch_11.parent_id, self.general_1)

    def test_system_writes_keep_their_ids(self):
        """The existence check is the users'; the system's writes are not slowed."""
        # A line of the evaluation is still written by the system with its ids.
        line = self.ev_11.line_ids[:1]
        line.sudo().write({"attachment_ids": [(6, 0, [])]})
        self.assertFalse(line.attachment_ids)

    def test_committee_seats_are_given_on_the_organization(self):
        """The member's side of the committee seats wrote the organization's relation:
        a branch officer seated their member on another branch's committee."""
        self.refused(
            lambda: self.m11b.with_user(self.user_branch).write(
                {"committee_organization_ids": [(4, self.branch_21.id)]}
            ),
            "set by the system",
        )
        self.assertNotIn(self.m11b, self.branch_21.committee_member_ids)

    # ------------------------------------------------------------------
    # Transfers
    # ------------------------------------------------------------------
    def test_transfer_date_from_a_client(self):
        """The date of a transfer came from a context key any client can send (the
        wizard's date was as free): into a sealed month, the future, or garbage (a
        ValueError)."""
        self.m11b.membership_ids.date_start = date(2020, 1, 1)
        closed = self.env["party.period"]._get_period(date(2025, 6, 10))
        closed._close()
        tomorrow = fields.Date.context_today(self.env["party.member"]) + timedelta(days=1)
        member = self.m11b.with_user(self.user_committee)
        for day, regex in (
            (date(2025, 6, 15), "is closed"),
            (tomorrow, "in the future"),
            ("garbage", "not a valid date"),
            (12345, "not a valid date"),
        ):
            self.refused(
                lambda d=day: member.with_context(party_transfer_date=d).write(
                    {"organization_id": self.branch_12.id}
                ),
                regex,
                ValidationError,
            )
            wizard = (
                self.env["party.member.transfer"]
                .with_user(self.user_committee)
                .create(
                    {
                        "member_ids": [(6, 0, self.m11b.ids)],
                        "organization_id": self.branch_12.id,
                        "date": day if isinstance(day, date) else "2026-01-01",
                        "reason": "Moved",
                    }
                )
            )
            if isinstance(day, date):
                self.refused(wizard.action_confirm, regex, ValidationError)
        self.assertEqual(self.m11b.organization_id, self.branch_11)
        # An open month in the past is a transfer like any other.
        member.with_context(party_transfer_date=date(2025, 7, 1)).write(
            {"organization_id": self.branch_12.id}
        )
        self.assertEqual(
            self.m11b.membership_ids.sorted("date_start")[-1].date_start, date(2025, 7, 1)
        )

    # ------------------------------------------------------------------
    # The chatter's logs
    # ------------------------------------------------------------------
    def test_score_log_cannot_be_deleted_or_edited_by_its_author(self):
        """Odoo lets authors edit and delete their messages: the branch officer deleted
        the log of their own score changes (directly or by a message_ids command on the
        evaluation) or rewrote it."""
        line = self.ev_11.line_ids.filtered(lambda ln: ln.category != "bonus")[:1]
        self.ev_11.with_user(self.user_branch).write(
            {"line_ids": [(1, line.id, {"self_score": line.max_score})]}
        )
        log = self.ev_11.message_ids.filtered(
            lambda m: m.author_id == self.user_branch.partner_id and m.message_type != "comment"
        )[:1]
        self.assertTrue(log, "the score change is logged in the officer's name")
        body = log.body
        Message = self.env["mail.message"]
        for user in (self.user_branch, self.user_committee, self.user_admin):
            self.refused(
                lambda u=user: Message.with_user(u).browse(log.id).unlink(), "kept as it was"
            )
            self.refused(
                lambda u=user: Message.with_user(u).browse(log.id).write({"body": "nothing"}),
                "kept as it was",
            )
        self.refused(
            lambda: self.ev_11.with_user(self.user_branch).write({"message_ids": [(2, log.id)]}),
            "kept as it was",
        )
        self.refused(
            lambda: self.ev_11.with_user(self.user_branch).write(
                {"message_ids": [(1, log.id, {"body": "nothing"})]}
            ),
            "kept as it was",
        )
        self.assertEqual(log.exists().body, body)
        # A user's own comment stays theirs to edit and delete.
        note = self.ev_11.with_user(self.user_branch).message_post(
            body="A note", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        note.with_user(self.user_branch).unlink()
        self.assertFalse(note.exists())
