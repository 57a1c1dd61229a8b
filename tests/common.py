import logging
from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

_logger = logging.getLogger(__name__)


class AttackTally:
    """The attack tests' count: every ``refused`` call is an attempt, counted refused
    when it raised; the class logs its attempts and refusals at its end for the record,
    named by ``attack_label``. Mixed in before the case class."""

    attack_label = "Attacks"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tally = {"attempts": 0, "refused": 0}

    @classmethod
    def tearDownClass(cls):
        _logger.info(
            "%s: %s attempts, %s refused.",
            cls.attack_label,
            cls.tally["attempts"],
            cls.tally["refused"],
        )
        super().tearDownClass()

    def refused(self, call, regex=".", error=UserError):
        """``call`` raises ``error`` (any refusal in the user's language by default:
        AccessError and ValidationError are UserErrors), with ``regex`` in its message;
        nothing it did is kept."""
        self.tally["attempts"] += 1
        with self.assertRaisesRegex(error, regex):
            call()
        self.tally["refused"] += 1


class PartyQuantCase(TransactionCase):
    """A small company and one user per role.

    committee
    ├── general branch 1
    │   ├── branch 11 (management)   members m11a (secretary, user_branch), m11b (user_member)
    │   └── branch 12 (production)   member m12a
    ├── general branch 2
    │   └── branch 21 (service)      member m21a
    └── branch 0 (operating, directly under the committee)   member m0a
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English; test_i18n and the zh_CN test check Chinese.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", mail_create_nolog=True))
        Org = cls.env["party.organization"]
        cls.type_management = cls.env.ref("party_quant.branch_type_management")
        cls.type_service = cls.env.ref("party_quant.branch_type_service")
        cls.type_operating = cls.env.ref("party_quant.branch_type_operating")
        cls.type_production = cls.env.ref("party_quant.branch_type_production")
        cls.committee = Org.create({"name": "Test Committee", "kind": "committee"})
        cls.general_1, cls.general_2 = Org.create(
            [
                {"name": "General 1", "kind": "general_branch", "parent_id": cls.committee.id},
                {"name": "General 2", "kind": "general_branch", "parent_id": cls.committee.id},
            ]
        )
        cls.branch_11, cls.branch_12, cls.branch_21, cls.branch_0 = Org.create(
            [
                cls._branch_vals("Branch 11", cls.general_1, cls.type_management),
                cls._branch_vals("Branch 12", cls.general_1, cls.type_production),
                cls._branch_vals("Branch 21", cls.general_2, cls.type_service),
                cls._branch_vals("Branch 0", cls.committee, cls.type_operating),
            ]
        )
        Member = cls.env["party.member"]
        cls.m11a, cls.m11b, cls.m12a, cls.m21a, cls.m0a = Member.create(
            [
                {"name": "M11a", "organization_id": cls.branch_11.id, "state": "full"},
                {"name": "M11b", "organization_id": cls.branch_11.id},
                {"name": "M12a", "organization_id": cls.branch_12.id, "state": "full"},
                {"name": "M21a", "organization_id": cls.branch_21.id, "state": "full"},
                {"name": "M0a", "organization_id": cls.branch_0.id, "state": "full"},
            ]
        )
        cls.branch_11.write({"secretary_id": cls.m11a.id, "secretary_mode": "full_time"})

        cls.user_member = cls._user("pq_member", "group_party_member")
        cls.user_branch = cls._user("pq_branch", "group_party_branch", cls.branch_11)
        cls.user_general = cls._user("pq_general", "group_party_general_branch", cls.general_1)
        cls.user_committee = cls._user("pq_committee", "group_party_committee", cls.committee)
        cls.user_admin = cls._user("pq_admin", "group_party_admin")
        cls.m11b.user_id = cls.user_member
        cls.m11a.user_id = cls.user_branch

    @classmethod
    def _branch_vals(cls, name, parent, branch_type):
        return {
            "name": name,
            "kind": "branch",
            "parent_id": parent.id,
            "branch_type_id": branch_type.id,
        }

    @classmethod
    def _user(cls, login, group, organizations=None):
        user = mail_new_test_user(
            cls.env, login=login, groups=f"base.group_user,party_quant.{group}", name=login
        )
        if organizations:
            user.party_organization_ids = organizations
        return user

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex, msg=None):
        """Like unittest's, but through Odoo's assertRaises, which rolls the
        failed operation back to a savepoint so that the test can check that
        nothing was half-saved."""
        with self.assertRaises(expected_exception, msg=msg) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), expected_regex)


class PartyEvaluationCase(PartyQuantCase):
    """PartyQuantCase with evaluations for one month of the four test branches."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Evaluation = cls.env["party.evaluation"]
        cls.month = cls.env["party.period"]._get_period("2030-03-10")
        cls.ev_11, cls.ev_12, cls.ev_21, cls.ev_0 = cls.Evaluation.create(
            [
                {"organization_id": branch.id, "period_id": cls.month.id}
                for branch in (cls.branch_11, cls.branch_12, cls.branch_21, cls.branch_0)
            ]
        )

    def fill(self, evaluation, column, user, ratio=1.0, bonus=0.0):
        """Score every base line of ``evaluation`` at ``ratio`` of its max, as ``user``
        through the form (one write of line commands), and bonus lines at ``bonus``."""
        lines = evaluation.line_ids
        commands = [
            (1, line.id, {column: bonus if line.category == "bonus" else line.max_score * ratio})
            for line in lines
        ]
        evaluation.with_user(user).write({"line_ids": commands})

    def flush_tracking(self):
        """Post the tracking messages now, as the end of a request would."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def activity_users(self, evaluation):
        activity_type = self.env.ref("party_quant.mail_activity_type_evaluation")
        activities = evaluation.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        return activities.user_id

    def review(self, evaluations, scores):
        """Bring each evaluation to reviewed with the committee's total ``score``
        (base lines at score% of their max), as the superuser."""
        for evaluation, score in zip(evaluations, scores, strict=True):
            self.fill(evaluation, "self_score", self.env.user)
            evaluation.action_submit()
            if evaluation.state == "self_assessed" and evaluation.path_kind == "standard":
                evaluation.action_approve()
            self.fill(evaluation, "final_score", self.env.user, ratio=score / 100.0)
            evaluation.action_approve()

    def month_with(self, date, scores):
        """The month of ``date`` with reviewed evaluations: {branch: final score}."""
        month = self.env["party.period"]._get_period(date)
        evaluations = self.Evaluation.create(
            [{"organization_id": branch.id, "period_id": month.id} for branch in scores]
        )
        self.review(evaluations, list(scores.values()))
        return month, evaluations
