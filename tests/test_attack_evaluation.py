"""Attacks on the evaluation side, each a call any logged-in user can make over RPC
with their own rights: plain writes of ``state``, forged system fields, pay and scope
fields of organizations, context keys sent by a client, out-of-range numbers and
impossible dates. Every attempt must be refused and leave nothing behind."""

import logging

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartyEvaluationCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestAttackEvaluation(PartyEvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.april = cls.env["party.period"]._get_period("2030-04-01")
        cls.attempts = 0

    def refused(self, label, call, exception=UserError, regex=None):
        """One attempt: ``call`` must raise ``exception`` (rolled back to a savepoint)."""
        type(self).attempts += 1
        with self.subTest(attack=label):
            if regex:
                with self.assertRaisesRegex(exception, regex):
                    call()
            else:
                with self.assertRaises(exception):
                    call()

    def to_reviewed(self, evaluation, score=90):
        self.review(evaluation, [score])
        self.assertEqual(evaluation.state, "reviewed")

    # ------------------------------------------------------------------
    # State: plain writes skipping steps or by the wrong level
    # ------------------------------------------------------------------
    def test_plain_state_writes(self):
        ev = self.ev_11
        branch = ev.with_user(self.user_branch)
        self.fill(ev, "self_score", self.user_branch)
        self.refused("branch skips to reviewed", lambda: branch.write({"state": "reviewed"}))
        self.refused("branch skips to preliminary", lambda: branch.write({"state": "preliminary"}))
        self.refused(
            "general acts on a draft",
            lambda: ev.with_user(self.user_general).write({"state": "self_assessed"}),
        )
        self.refused(
            "committee submits for the branch",
            lambda: ev.with_user(self.user_committee).write({"state": "self_assessed"}),
        )
        self.refused(
            "member submits",
            lambda: ev.with_user(self.user_member).write({"state": "self_assessed"}),
        )
        self.refused(
            "out of scope",
            lambda: self.ev_12.with_user(self.user_branch).write({"state": "self_assessed"}),
        )
        branch.write({"state": "self_assessed"})
        self.refused(
            "committee skips the general branch",
            lambda: ev.with_user(self.user_committee).write({"state": "preliminary"}),
        )
        self.refused(
            "branch approves its own",
            lambda: branch.write({"state": "preliminary"}),
        )
        self.refused(
            "return without reason",
            lambda: ev.with_user(self.user_general).write({"state": "draft"}),
        )
        self.refused(
            "new evaluation created reviewed",
            lambda: self.Evaluation.with_user(self.user_committee).create(
                {
                    "organization_id": self.branch_11.id,
                    "period_id": self.april.id,
                    "state": "reviewed",
                }
            ),
            regex="starts as",
        )
        self.assertEqual(ev.state, "self_assessed")

    # ------------------------------------------------------------------
    # Forged totals, ranks, pay, seal, signatures
    # ------------------------------------------------------------------
    def test_forged_system_fields_on_write(self):
        ev = self.ev_11
        self.fill(ev, "self_score", self.user_branch, ratio=0.5)
        ev.with_user(self.user_branch).action_submit()
        ev.with_user(self.user_general).action_approve()
        committee = ev.with_user(self.user_committee)
        forged = {
            "final_score": 100,
            "self_total": 100,
            "preliminary_total": 100,
            "final_total": 100,
            "rank_in_type": 1,
            "pay_factor": 1.0,
            "payout_ratio": 1.0,
            "linked_share": 0.0,
            "secretary_mode": "part_time",
            "seal_digest": "0" * 64,
            "final_user_id": self.user_committee.id,
            "final_date": "2030-04-02 09:00:00",
            "closed_unreviewed": True,
            "is_last_in_type": False,
            "last_streak": 0,
            "acting_level": "committee",
            "monthly_average": 100,
            "escalation_ids": [(6, 0, [])],
        }
        for field, value in forged.items():
            self.refused(
                f"committee writes {field}",
                lambda f=field, v=value: committee.write({f: v}),
                regex="set by the system",
            )
        self.refused(
            "committee writes final_score on a draft",
            lambda: self.ev_0.with_user(self.user_committee).write({"final_score": 99}),
            regex="set by the system",
        )
        self.assertAlmostEqual(ev.final_score, 50.0)

    def test_forged_final_score_after_return_does_not_survive(self):
        ev = self.ev_11
        self.to_reviewed(ev, 80)
        ev.with_user(self.user_committee)._return("Recheck the minutes")
        self.refused(
            "forged final score after a return",
            lambda: ev.with_user(self.user_committee).write({"final_score": 100}),
            regex="set by the system",
        )
        ev.with_user(self.user_committee).action_approve()
        self.assertAlmostEqual(ev.final_score, 80.0)
        self.review(self.ev_12 | self.ev_21 | self.ev_0, [90, 90, 90])
        self.month.action_close()
        self.assertAlmostEqual(ev.pay_factor, 1 - 0.5 * (1 - round(80 / 95, 6)), places=6)
        self.assertEqual(self.month._check_seal(), [])

    def test_forged_fields_on_create(self):
        Evaluation = self.Evaluation.with_user(self.user_committee)
        base = {"organization_id": self.branch_11.id, "period_id": self.april.id}
        forged = {
            "final_score": 100,
            "final_total": 100,
            "self_total": 100,
            "rank_in_type": 1,
            "pay_factor": 1.0,
            "seal_digest": "x",
            "self_user_id": self.user_branch.id,
            "path_kind": "annual",
            "branch_type_id": self.type_service.id,
            "return_reason": "none",
            "line_ids": [(0, 0, {"criterion_id": self.ev_11.line_ids[0].criterion_id.id})],
        }
        for field, value in forged.items():
            self.refused(
                f"create with {field}",
                lambda f=field, v=value: Evaluation.create({**base, f: v}),
                regex="set by the system",
            )
        self.assertFalse(self.april.evaluation_ids)

    # ------------------------------------------------------------------
    # Lines: bounds, columns, criteria, the score log
    # ------------------------------------------------------------------
    def test_line_attacks(self):
        ev = self.ev_11
        line = ev.line_ids.filtered(lambda ln: ln.category != "bonus")[0]
        bonus = ev.line_ids.filtered(lambda ln: ln.category == "bonus")[0]
        branch_line = line.with_user(self.user_branch)
        for value in (
            float("nan"),
            float("inf"),
            1e308,
            -1,
            line.max_score + 0.5,
            500,
            "abc",
        ):
            self.refused(
                f"self score {value}",
                lambda v=value: branch_line.write({"self_score": v}),
                ValidationError,
            )
        self.refused(
            "bonus over its max",
            lambda: bonus.with_user(self.user_branch).write({"self_score": bonus.max_score + 1}),
            ValidationError,
        )
        self.refused(
            "branch writes the final column",
            lambda: branch_line.write({"final_score": 1}),
            regex="only the Self Score",
        )
        self.refused(
            "branch writes a bigger max",
            lambda: branch_line.write({"max_score": 100}),
        )
        self.refused(
            "committee adds a line",
            lambda: self.env["party.evaluation.line"]
            .with_user(self.user_committee)
            .create(
                {
                    "evaluation_id": ev.id,
                    "criterion_id": line.criterion_id.id,
                    "max_score": 50,
                    "final_score": 50,
                }
            ),
        )
        self.refused(
            "committee adds a line through the evaluation",
            lambda: ev.with_user(self.user_committee).write(
                {"line_ids": [(0, 0, {"criterion_id": line.criterion_id.id, "max_score": 50})]}
            ),
        )
        self.refused("admin deletes a line", lambda: line.with_user(self.user_admin).unlink())
        self.refused(
            "branch drops a line through the evaluation",
            lambda: ev.with_user(self.user_branch).write({"line_ids": [(2, line.id)]}),
        )
        self.assertEqual(line.self_score, 0)

    def test_score_log_cannot_be_hidden(self):
        line = self.ev_11.line_ids[0]

        def logs():
            return self.ev_11.message_ids.filtered(lambda m: "Scores changed" in (m.body or ""))

        before = len(logs())
        line.with_user(self.user_branch).with_context(party_score_changes=[]).write(
            {"self_score": 1}
        )
        type(self).attempts += 1
        self.assertEqual(len(logs()), before + 1, "the client's context key hides nothing")
        self.ev_11.with_user(self.user_branch).with_context(party_score_changes=[]).write(
            {"line_ids": [(1, line.id, {"self_score": 2})]}
        )
        type(self).attempts += 1
        self.assertEqual(len(logs()), before + 2)

    # ------------------------------------------------------------------
    # Annual inputs
    # ------------------------------------------------------------------
    def test_annual_inputs(self):
        year = self.month.year_id
        annual = self.Evaluation.create(
            {"organization_id": self.branch_11.id, "period_id": year.id}
        )
        committee = annual.with_user(self.user_committee)
        for value in (float("nan"), 1e308, 101, -5):
            self.refused(
                f"year-end score {value}",
                lambda v=value: committee.write({"year_end_score": v}),
                ValidationError,
            )
        self.refused(
            "weights not adding up",
            lambda: committee.write({"monthly_weight": 90, "year_end_weight": 90}),
            ValidationError,
        )
        self.refused(
            "branch enters its own year-end score",
            lambda: annual.with_user(self.user_branch).write({"year_end_score": 100}),
        )
        self.refused(
            "committee forges the monthly average",
            lambda: committee.write({"monthly_average": 100, "monthly_count": 12}),
        )

    # ------------------------------------------------------------------
    # Organizations: pay, ranking group and scope are the committee's
    # ------------------------------------------------------------------
    def test_organization_fields_of_the_committee(self):
        own = self.branch_11.with_user(self.user_branch)
        attempts = {
            "secretary_mode": "part_time",
            "branch_type_id": self.type_service.id,
            "officer_user_ids": [(4, self.user_member.id)],
            "parent_id": self.general_2.id,
            "kind": "general_branch",
            "general_branch_id": self.general_2.id,
            "complete_name": "Elsewhere",
        }
        for field, value in attempts.items():
            self.refused(
                f"branch officer writes {field}", lambda f=field, v=value: own.write({f: v})
            )
        general = self.branch_12.with_user(self.user_general)
        for field, value in (
            ("secretary_mode", "full_time"),
            ("parent_id", self.general_2.id),
            ("branch_type_id", self.type_management.id),
            ("officer_user_ids", [(6, 0, [self.user_member.id])]),
        ):
            self.refused(
                f"general officer writes {field}",
                lambda f=field, v=value: general.write({f: v}),
            )
        self.branch_11.invalidate_recordset()
        self.assertEqual(self.branch_11.secretary_mode, "full_time")
        self.assertEqual(self.branch_11.officer_user_ids, self.user_branch)
        # What stays theirs: the description, the branch committee.
        own.write({"description": "Our branch"})
        self.branch_11.with_user(self.user_committee).write({"secretary_mode": "part_time"})
        self.assertEqual(self.branch_11.secretary_mode, "part_time")

    # ------------------------------------------------------------------
    # Periods: close and reopen only through their actions
    # ------------------------------------------------------------------
    def test_period_attacks(self):
        self.review(self.ev_11 | self.ev_12 | self.ev_21 | self.ev_0, [90, 91, 92, 93])
        self.month.action_close()
        seal = self.month.seal
        committee = self.month.with_user(self.user_committee)
        self.refused(
            "reopen with the closing context key",
            lambda: committee.with_context(party_period_closing=True).write(
                {"state": "open", "seal": False}
            ),
        )
        self.refused("reopen with a plain write", lambda: committee.write({"state": "open"}))
        for field, value in (
            ("seal", "0" * 64),
            ("closed_by_id", self.user_member.id),
            ("closed_on", "2030-01-01 00:00:00"),
            ("date_end", "2030-03-15"),
            ("year_id", self.april.id),
        ):
            self.refused(
                f"committee writes {field}", lambda f=field, v=value: committee.write({f: v})
            )
        self.refused(
            "reopen without a reason",
            lambda: self.env["party.period.reopen"]
            .with_user(self.user_committee)
            .create({"period_ids": [(6, 0, self.month.ids)], "reason": "  "})
            .action_confirm(),
        )
        april = self.april.with_user(self.user_committee)
        self.refused(
            "close with the closing context key, skipping the close",
            lambda: april.with_context(party_period_closing=True).write({"state": "closed"}),
        )
        self.refused(
            "general officer reopens",
            lambda: self.month.with_user(self.user_general)._reopen("because"),
            AccessError,
        )
        Period = self.env["party.period"].with_user(self.user_committee)
        self.refused(
            "a period created closed",
            lambda: Period.create({"kind": "month", "date_start": "2031-01-01", "state": "closed"}),
        )
        self.refused(
            "a period created sealed",
            lambda: Period.create({"kind": "month", "date_start": "2031-01-01", "seal": "0" * 64}),
        )
        for value in ("2030-02-30", "0001-01-01", "9999-12-01", "2030-05-15"):
            self.refused(
                f"period starting {value}",
                lambda v=value: self.env["party.period"]
                .with_user(self.user_committee)
                .create({"kind": "month", "date_start": v}),
                ValidationError,
            )
        self.month.invalidate_recordset()
        self.assertEqual((self.month.state, self.month.seal), ("closed", seal))
        self.assertEqual(self.april.state, "open")
        # The way that works: the wizard, with a reason.
        self.env["party.period.reopen"].with_user(self.user_committee).create(
            {"period_ids": [(6, 0, self.month.ids)], "reason": "Branch 12 appealed"}
        ).action_confirm()
        self.assertEqual(self.month.state, "open")

    # ------------------------------------------------------------------
    # Escalations: proposed → done or cancelled, by the committee
    # ------------------------------------------------------------------
    def test_escalation_attacks(self):
        Escalation = self.env["party.escalation"]
        done = Escalation.create(
            {"organization_id": self.branch_11.id, "period_id": self.month.id, "kind": "criticism"}
        )
        proposed = Escalation.create(
            {"organization_id": self.branch_12.id, "period_id": self.month.id, "kind": "criticism"}
        )
        done.with_user(self.user_committee).action_done()
        self.refused(
            "done back to proposed",
            lambda: done.with_user(self.user_committee).write({"state": "proposed"}),
        )
        self.refused(
            "done to cancelled",
            lambda: done.with_user(self.user_committee).write({"state": "cancelled"}),
        )
        self.refused(
            "cancelled without a resolution",
            lambda: proposed.with_user(self.user_committee).write({"state": "cancelled"}),
        )
        self.refused(
            "branch officer marks done",
            lambda: proposed.with_user(self.user_branch).write({"state": "done"}),
        )
        for field, value in (
            ("streak", 0),
            ("kind", "removal"),
            ("organization_id", self.branch_21.id),
            ("evaluation_ids", [(5, 0, 0)]),
            ("secretary_id", self.m12a.id),
        ):
            self.refused(
                f"committee writes {field}",
                lambda f=field, v=value: proposed.with_user(self.user_committee).write({f: v}),
            )
        self.refused(
            "committee creates one",
            lambda: Escalation.with_user(self.user_committee).create(
                {
                    "organization_id": self.branch_21.id,
                    "period_id": self.month.id,
                    "kind": "removal",
                }
            ),
        )
        self.assertEqual((done.state, proposed.state), ("done", "proposed"))
        proposed.with_user(self.user_committee).write(
            {"state": "cancelled", "resolution": "The branch appealed with success"}
        )
        self.assertEqual(proposed.state, "cancelled")

    @classmethod
    def tearDownClass(cls):
        _logger.info("Evaluation attacks attempted: %s", cls.attempts)
        super().tearDownClass()
