"""The access matrix: every group × every party model × read/write/create/unlink × a
record in the group's own scope and one outside it, against the expected rights; then
every system field (``_system_fields`` of the guard) × every group, refused; then the
pay fields, readable by the committee and HR only.

Rights are asked with ``check_access``/``has_access`` (access rights and record rules,
no business code), on records made once by the superuser, so the whole matrix runs in
one transaction without a savepoint per case. A ``party.*`` model missing from MATRIX
fails the test: a new model must say here who may do what with it.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.party_quant.models.party_guard import RECORDED, SYSTEM

from ..models.party_roster import id_number_with_check
from .common import PartyEvaluationCase

GROUPS = ("member", "branch", "general", "committee", "admin", "hr")
OPERATIONS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}
# Models that hold no records of their own (mixins).
ABSTRACT = {"party.guard.mixin", "party.evidence.mixin", "party.decision.mixin"}
# Wizards and views without a record per scope: access rights only, per group.
MODEL_LEVEL = {
    "party.member.transfer",
    "party.evaluation.return",
    "party.period.reopen",
    "party.point.reject",
    "party.handbook.print",
    "party.login.wizard",
    "party.setup.checklist",
    "party.cockpit",
    # Background jobs: each user's own (rule user_id = user), all for the administrator.
    "party.job",
    # Cross inspections: their rules (the inspected branch, the team, the period) are
    # asserted record by record in test_inspection.py.
    "party.inspection.plan",
    "party.inspection",
    "party.inspection.check",
    "party.inspection.session",
    "party.inspection.finding",
    "party.rectification",
    "party.inspection.practice",
    # The workbenches: views over the organizations and the members, one card per
    # organization served / the member's own (their rules: tests/test_workbench.py).
    "party.workbench",
    "party.member.workbench",
    # Officers' deduction form and the appeal's decision dialog.
    "party.point.deduction",
    "party.point.appeal.decide",
    # Imports of the go-live sheets: the committee's (tests/test_import.py).
    "party.import",
    # Messenger cards: the administrator's log (tests/test_messenger.py).
    "party.notify.log",
}
ALL = "rwcu"

# {model: {group: "own/other"}}: the letters of the operations allowed on a record in
# the group's scope / outside it (for MODEL_LEVEL models, one set of letters).
# Scopes: member → their own records and branch (Branch 11); branch officer → Branch 11;
# general-branch officer → Branch 12 (under General 1); committee, admin and HR →
# Branch 11. "Outside" is Branch 21 (General 2) for everyone. Evaluations are drafts
# (members read only reviewed ones), publicity is published, point entries are drafts.
MATRIX = {
    "party.branch.type": {
        "member": "r/r",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.criterion": {
        "member": "r/r",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.period": {
        "member": "r/r",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.point.rule": {
        "member": "r/r",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.organization": {
        "member": "r/",
        "branch": "rw/",
        "general": "rw/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.member": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.member.membership": {
        "member": "r/",
        "branch": "r/",
        "general": "r/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.evaluation": {
        "member": "/",
        "branch": "rw/",
        "general": "r/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.evaluation.line": {
        "member": "/",
        "branch": "rw/",
        "general": "r/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.pay.linkage": {
        # Branch 11's secretary is the branch officer; Branch 12 has none.
        "member": "/",
        "branch": "r/",
        "general": "/",
        "committee": "r/r",
        "admin": "r/r",
        "hr": "r/r",
    },
    "party.escalation": {
        "member": "/",
        "branch": "r/",
        "general": "r/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.point.line": {
        "member": "rwcu/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.point.report": {
        "member": "r/",
        "branch": "r/",
        "general": "r/",
        "committee": "r/r",
        "admin": "r/r",
        "hr": "/",
    },
    "party.point.branch.report": {
        "member": "/",
        "branch": "r/",
        "general": "r/",
        "committee": "r/r",
        "admin": "r/r",
        "hr": "/",
    },
    "party.point.publicity": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwc/rwc",
        "hr": "/",
    },
    "party.point.publicity.line": {
        "member": "r/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.point.appeal": {
        # A member appeals (creates) but does not decide; the general branch decides.
        "member": "rc/",
        "branch": "r/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwc/rwc",
        "hr": "/",
    },
    "party.appraisal": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.meeting": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.dues": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.meeting.leave": {
        # A member asks for their own leave; officers decide.
        "member": "rc/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.meeting.signin": {
        # Phones sign in through the system; officers add corrections, never edit.
        "member": "r/",
        "branch": "rc/",
        "general": "rc/",
        "committee": "rc/rc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.meeting.resolution": {
        "member": "r/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.dues.tier": {
        "member": "r/r",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.meeting.schedule": {
        "member": "/",
        "branch": "r/",
        "general": "r/",
        "committee": "r/r",
        "admin": "r/r",
        "hr": "/",
    },
    "party.record.signal": {
        "member": "/",
        "branch": "/",
        "general": "rw/",
        "committee": "rw/rw",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    # Duties: the catalogue (a branch's own duties), the duties (personal ones of the
    # member), talks and study records.
    "party.duty.rule": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.duty": {
        "member": "r/",
        "branch": "rw/",
        "general": "rw/",
        "committee": "rw/rw",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.talk": {
        "member": "r/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.study.record": {
        "member": "r/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    # Moving in and out (issue 25): the status history (the system's), transfers (a
    # member asks for their own while a draft), absences (recorded by officers).
    "party.member.status": {
        "member": "r/",
        "branch": "r/",
        "general": "r/",
        "committee": "r/r",
        "admin": "rwcu/rwcu",
        "hr": "r/r",
    },
    "party.transfer": {
        "member": "rwc/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.member.away": {
        "member": "r/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.member.contact": {
        "member": "r/",
        "branch": "rwcu/",
        "general": "rwcu/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.member.exit": {
        "member": "r/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    # Member development (发展党员): the catalogue is read by officers, changed by the
    # committee; candidates are not users (members read none); their steps are kept as
    # written (no write but the administrator's).
    "party.development.rule.version": {
        "member": "/",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.development.step": {
        "member": "/",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.development.guard": {
        "member": "/",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.candidate": {
        "member": "/",
        "branch": "rwc/",
        "general": "rwc/",
        "committee": "rwc/rwc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.candidate.step": {
        "member": "/",
        "branch": "rc/",
        "general": "rc/",
        "committee": "rc/rc",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    # The year's development plan (年度发展党员计划): the committee manages the plans; a
    # branch's or general branch's officer reads the plans of the committee above and the
    # lines (and plan-against-actual rows) of their own organizations.
    "party.development.plan": {
        "member": "/",
        "branch": "r/r",
        "general": "r/r",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.development.plan.line": {
        "member": "/",
        "branch": "r/",
        "general": "r/",
        "committee": "rwcu/rwcu",
        "admin": "rwcu/rwcu",
        "hr": "/",
    },
    "party.development.plan.report": {
        "member": "/",
        "branch": "r/",
        "general": "r/",
        "committee": "r/r",
        "admin": "r/r",
        "hr": "/",
    },
    # Model level: access rights only.
    "party.member.transfer": dict.fromkeys(GROUPS[1:5], "rwc") | {"member": "", "hr": ""},
    "party.evaluation.return": dict.fromkeys(GROUPS[1:5], "rwc") | {"member": "", "hr": ""},
    "party.point.reject": dict.fromkeys(GROUPS[1:5], "rwc") | {"member": "", "hr": ""},
    "party.point.deduction": dict.fromkeys(GROUPS[1:5], "rwc") | {"member": "", "hr": ""},
    "party.point.appeal.decide": dict.fromkeys(GROUPS, "") | dict.fromkeys(GROUPS[2:5], "rwc"),
    "party.period.reopen": dict.fromkeys(GROUPS, "") | {"committee": "rwc", "admin": "rwc"},
    "party.handbook.print": dict.fromkeys(GROUPS[:5], "rwc") | {"hr": ""},
    "party.cockpit": dict.fromkeys(GROUPS, "") | {"committee": "r", "admin": "r"},
    "party.job": dict.fromkeys(GROUPS[:4], "rw") | {"admin": "rwcu", "hr": ""},
    # Cross inspections (model level).
    "party.inspection.plan": {
        "member": "",
        "branch": "r",
        "general": "r",
        "committee": "rwc",
        "admin": "rwcu",
        "hr": "",
    },
    "party.inspection": {
        "member": "",
        "branch": "rw",
        "general": "rw",
        "committee": "rwc",
        "admin": "rwcu",
        "hr": "",
    },
    "party.inspection.check": {
        "member": "",
        "branch": "rwc",
        "general": "rwc",
        "committee": "rwcu",
        "admin": "rwcu",
        "hr": "",
    },
    "party.inspection.session": {
        "member": "",
        "branch": "rwcu",
        "general": "rwcu",
        "committee": "rwcu",
        "admin": "rwcu",
        "hr": "",
    },
    "party.inspection.finding": {
        "member": "",
        "branch": "rwc",
        "general": "rwc",
        "committee": "rwc",
        "admin": "rwcu",
        "hr": "",
    },
    "party.rectification": {
        "member": "",
        "branch": "rw",
        "general": "rw",
        "committee": "rw",
        "admin": "rwcu",
        "hr": "",
    },
    "party.inspection.practice": {
        "member": "r",
        "branch": "rwc",
        "general": "rwc",
        "committee": "rwcu",
        "admin": "rwcu",
        "hr": "",
    },
    "party.workbench": dict.fromkeys(GROUPS, "r") | {"member": "", "hr": ""},
    "party.member.workbench": dict.fromkeys(GROUPS, "r") | {"hr": ""},
    # Logins: the wizard for officers; codes read in the officer's scope, made and spent
    # by the system only (tests/test_login.py).
    "party.login.wizard": dict.fromkeys(GROUPS, "rwcu") | {"member": "", "hr": ""},
    "party.setup.checklist": dict.fromkeys(GROUPS, "") | {"committee": "rwcu", "admin": "rwcu"},
    "party.login.code": {
        "member": "/",
        "branch": "r/",
        "general": "r/",
        "committee": "r/r",
        "admin": "r/r",
        "hr": "/",
    },
    "party.import": dict.fromkeys(GROUPS, "") | {"committee": "rwc", "admin": "rwcu"},
    # The messenger's send log: the administrator reads it, sends failed cards again and
    # removes old ones; the system alone creates them.
    "party.notify.log": dict.fromkeys(GROUPS, "") | {"admin": "rwu"},
}

# Pay data: readable by these groups only (the secretary reads party.pay.linkage).
PAY_FIELDS = {
    "party.evaluation": ("pay_factor", "linked_share", "payout_ratio", "secretary_mode"),
    "party.organization": ("secretary_mode",),
}
PAY_READERS = {"committee", "admin", "hr"}
# Organization fields that decide pay, ranking group and scope: the committee's alone.
ORGANIZATION_COMMITTEE_FIELDS = (
    "secretary_mode",
    "branch_type_id",
    "officer_user_ids",
    "kind",
    "parent_id",
)


# Issue 20: the fields that decide where a record belongs and that a user may write
# (``_get_scope_fields()`` less the system's), per model: moved to Branch 21's values
# (and emptied), refused to every group whose scope is not there.
MOVE_OUT = {
    "party.appraisal": ("member_id", "organization_id"),
    "party.candidate": ("organization_id",),
    "party.candidate.step": ("candidate_id",),
    "party.development.plan": ("committee_id",),
    "party.development.plan.line": ("organization_id",),
    "party.dues": ("member_id",),
    "party.duty.rule": ("organization_id",),
    "party.meeting": ("organization_id",),
    "party.meeting.leave": ("meeting_id", "member_id"),
    "party.meeting.signin": ("meeting_id", "member_id"),
    "party.meeting.resolution": ("meeting_id",),
    "party.member": ("organization_id",),
    "party.member.membership": ("member_id", "organization_id"),
    "party.member.status": ("member_id", "organization_id"),
    "party.member.away": ("member_id",),
    "party.member.contact": ("member_id",),
    "party.member.exit": ("member_id",),
    "party.transfer": ("direction", "member_id", "organization_id"),
    "party.point.appeal": ("point_line_id", "publicity_id"),
    "party.point.line": ("member_id", "date"),
    "party.point.publicity": ("organization_id",),
    "party.study.record": ("member_id",),
    "party.talk": ("organization_id", "talker_id", "member_ids"),
}
# Scope fields that name a person's login, not a place (the member rule reads a member's
# own record by its user): linking a login moves nothing.
NOT_A_PLACE = {"party.member": {"user_id"}}
# Issue 20: the models whose records are someone's case (``_guard_subject_field``), with
# what the record needs (as the system) before its deciding move.
SUBJECT_DECIDES = {
    # First: the branch's check of a transfer out reads the member's dues (M11a's are
    # owed once the dues row below has run).
    "party.transfer": {},
    "party.member.away": {},
    "party.member.contact": {},
    "party.member.exit": {},
    "party.appraisal": {"grade": "qualified", "suggested_grade": "qualified"},
    # The sign-in before the leave: the leave's row approves M11a's leave from the
    # assembly, which takes them off its expected list.
    "party.meeting.signin": {},
    "party.meeting.leave": {},
    "party.point.line": {},
    # M11a's dues by the tiers: 20 (retired, a base of 4,000; set by the test).
    "party.dues": {"month": "2030-04-01", "amount_due": 20.0},
    "party.talk": {},
    "party.study.record": {},
}


def system_fields_of(model):
    """The guard's system fields of ``model`` (none for a model without the guard)."""
    return model._get_system_fields() if hasattr(model, "_get_system_fields") else frozenset()


@tagged("post_install", "-at_install")
class TestAccessMatrix(PartyEvaluationCase):
    # After the test month (2030-03): its dues and meetings are in the past.
    freeze_time = "2030-06-20"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = mail_new_test_user(
            cls.env, login="pq_hr", groups="base.group_user,party_quant.group_party_hr", name="HR"
        )
        cls.users = {
            "member": cls.user_member,
            "branch": cls.user_branch,
            "general": cls.user_general,
            "committee": cls.user_committee,
            "admin": cls.user_admin,
            "hr": cls.user_hr,
        }
        # The records of one branch per scope, made by the system (cls.env is su).
        cls.scopes = {
            "11": cls._branch_records(cls.branch_11, cls.m11b, cls.ev_11),
            "12": cls._branch_records(cls.branch_12, cls.m12a, cls.ev_12),
            "21": cls._branch_records(cls.branch_21, cls.m21a, cls.ev_21),
        }
        global_records = {
            "party.branch.type": cls.type_management,
            "party.criterion": cls.env["party.criterion"].search([], limit=1),
            "party.period": cls.month,
            "party.point.rule": cls.env.ref("party_quant.point_rule_performance"),
            "party.dues.tier": cls.env.ref("party_quant.dues_tier_employed_1"),
            "party.development.rule.version": cls.env.ref("party_quant.development_rule_2014"),
            "party.development.step": cls.env.ref("party_quant.development_step_2014_application"),
            "party.development.guard": cls.env.ref("party_quant.development_guard_2014_1"),
        }
        for records in cls.scopes.values():
            records.update(global_records)
        cls.own_scope = dict.fromkeys(GROUPS, "11") | {"general": "12"}

    @classmethod
    def _branch_records(cls, branch, member, evaluation):
        env = cls.env
        rule = env.ref("party_quant.point_rule_performance")
        day = cls.month.date_start.replace(day=10)
        draft, approved = env["party.point.line"].create(
            [
                {"member_id": member.id, "rule_id": rule.id, "date": day},
                {"member_id": member.id, "rule_id": rule.id, "date": day},
            ]
        )
        # A fixture, not a workflow under test: the entry as its approval leaves it.
        approved._write({"state": "approved", "approved_by_id": cls.user_committee.id})
        approved.invalidate_recordset(["state", "approved_by_id"])
        publicity = env["party.point.publicity"].create(
            {
                "organization_id": branch.id,
                "period_id": cls.month.id,
                "state": "published",
                "window_end": "2099-12-31",
            }
        )
        publicity_line = env["party.point.publicity.line"].create(
            {"publicity_id": publicity.id, "member_id": member.id}
        )
        meeting = env["party.meeting"].create(
            {"name": "Assembly", "organization_id": branch.id, "start": f"{day} 09:00:00"}
        )
        duty_rule = env["party.duty.rule"].create(
            {
                "name": f"Own duty of {branch.name}",
                "organization_id": branch.id,
                "frequency": "month",
                "assignee": "branch",
                "fulfilment": "meeting",
                "meeting_kind": "theme_day",
            }
        )
        env["party.duty"]._generate([day])
        talker = env["party.member"].create(
            {"name": f"Talker of {branch.name}", "organization_id": branch.id}
        )
        talk = env["party.talk"].create(
            {
                "organization_id": branch.id,
                "talker_id": talker.id,
                "member_ids": [(6, 0, member.ids)],
                "date": day,
                "topics": "Work",
            }
        )
        study = env["party.study.record"].create(
            {"member_id": member.id, "date": day, "hours": 2.0, "subject": "Online course"}
        )
        candidate = env["party.candidate"].create(
            {
                "name": f"Candidate of {branch.name}",
                "organization_id": branch.id,
                "id_number": id_number_with_check(f"11010519950101{branch.id % 1000:03d}"),
            }
        )
        application = env["ir.attachment"].create({"name": "Application", "raw": b"x"})
        candidate_step = env["party.candidate.step"].create(
            {
                "candidate_id": candidate.id,
                "step_id": env.ref("party_quant.development_step_2014_application").id,
                "date": day,
                "attachment_ids": [Command.set(application.ids)],
            }
        )
        # The committee's development plan of the test year (one for the three branches),
        # a line per branch.
        Plan = env["party.development.plan"]
        plan = Plan.search([("committee_id", "=", cls.committee.id), ("year", "=", 2030)])
        plan = plan or Plan.create({"year": 2030, "committee_id": cls.committee.id, "quota": 10})
        plan_line = env["party.development.plan.line"].create(
            {"plan_id": plan.id, "organization_id": branch.id, "planned": 1}
        )
        # The full members attend: the assembly has its quorum and votes.
        meeting.attendee_ids = branch.member_ids.filtered(lambda m: m.state == "full")
        # An absence long over (the member is active on the fixtures' dates) and a
        # transfer out asked for.
        away = env["party.member.away"].create(
            {
                "member_id": member.id,
                "place": "Site",
                "date_start": "2020-01-01",
                "date_end": "2020-02-01",
            }
        )
        transfer = env["party.transfer"].create(
            {"direction": "out", "member_id": member.id, "other_organization": "Elsewhere"}
        )
        contact = env["party.member.contact"].create(
            {"member_id": member.id, "searcher": "Secretary", "result": "No answer"}
        )
        exit_ = env["party.member.exit"].create({"member_id": member.id, "kind": "withdrawal"})
        env.flush_all()
        schedule = env["party.meeting.schedule"].search(
            [("organization_id", "=", branch.id)], limit=1
        )
        return {
            "party.organization": branch,
            "party.member": member,
            "party.member.membership": member.membership_ids[:1],
            "party.evaluation": evaluation,
            "party.evaluation.line": evaluation.line_ids[:1],
            "party.pay.linkage": env["party.pay.linkage"].browse(evaluation.id),
            "party.escalation": env["party.escalation"].create(
                {"organization_id": branch.id, "period_id": cls.month.id, "kind": "criticism"}
            ),
            "party.point.line": draft,
            "party.point.report": env["party.point.report"].search(
                [("member_id", "=", member.id)], limit=1
            ),
            "party.point.branch.report": env["party.point.branch.report"].search(
                [("organization_id", "=", branch.id)], limit=1
            ),
            "party.point.publicity": publicity,
            "party.point.publicity.line": publicity_line,
            "party.point.appeal": env["party.point.appeal"].create(
                {"publicity_id": publicity.id, "point_line_id": approved.id, "reason": "Appeal"}
            ),
            "party.appraisal": env["party.appraisal"].create(
                {"member_id": member.id, "organization_id": branch.id, "year": day.year}
            ),
            "party.meeting": meeting,
            "party.login.code": env["party.login.code"].create(
                {
                    "user_id": cls.user_admin.id,
                    "member_id": member.id,
                    "code_hash": "fixture",
                    "expires_at": "2099-12-31 00:00:00",
                }
            ),
            "party.meeting.leave": env["party.meeting.leave"].create(
                {"meeting_id": meeting.id, "member_id": member.id, "reason": "Away"}
            ),
            "party.meeting.signin": env["party.meeting.signin"].create(
                {"meeting_id": meeting.id, "member_id": member.id, "reason": "Fixture"}
            ),
            "party.meeting.resolution": env["party.meeting.resolution"].create(
                {"meeting_id": meeting.id, "name": "Resolution", "votes_yes": 1}
            ),
            "party.dues": env["party.dues"].create(
                {"member_id": member.id, "month": cls.month.date_start, "amount_due": 1.0}
            ),
            "party.meeting.schedule": schedule,
            "party.duty.rule": duty_rule,
            "party.duty": env["party.duty"].search([("member_id", "=", member.id)], limit=1),
            "party.talk": talk,
            "party.study.record": study,
            "party.member.away": away,
            "party.member.status": member.status_history_ids[:1],
            "party.transfer": transfer,
            "party.member.contact": contact,
            "party.member.exit": exit_,
            "party.candidate": candidate,
            "party.candidate.step": candidate_step,
            "party.development.plan": plan,
            "party.development.plan.line": plan_line,
            "party.development.plan.report": env["party.development.plan.report"].search(
                [("line_id", "=", plan_line.id)]
            ),
            "party.record.signal": env["party.record.signal"].create(
                {"kind": "late_entry", "organization_id": branch.id, "meeting_ids": meeting.ids}
            ),
        }

    def party_models(self):
        """Every concrete party.* model of the registry (wizards included)."""
        return {
            name
            for name, model in self.env.registry.items()
            if name.startswith("party.") and not model._abstract
        }

    def allowed(self, user, records, operation):
        return records.with_user(user).has_access(operation)

    def test_every_model_is_in_the_matrix(self):
        models = self.party_models()
        self.assertEqual(
            models - MATRIX.keys(), set(), "party models without a row in MATRIX: add them"
        )
        self.assertEqual(MATRIX.keys() - models, set(), "MATRIX rows for no model")
        abstract = {name for name, model in self.env.registry.items() if model._abstract}
        self.assertEqual(
            {name for name in abstract if name.startswith("party.")}, ABSTRACT, "new mixin?"
        )
        for model, rights in MATRIX.items():
            self.assertEqual(set(rights), set(GROUPS), model)
            self.assertEqual(model in MODEL_LEVEL, "/" not in "".join(rights.values()), model)

    def test_matrix(self):
        """Every group × model × operation × own/other scope."""
        failures = []
        cases = 0
        for model, rights in MATRIX.items():
            for group, expected in rights.items():
                user = self.users[group]
                if model in MODEL_LEVEL:
                    checks = [("model", self.env[model], expected)]
                else:
                    own, other = expected.split("/")
                    checks = [
                        ("own", self.scopes[self.own_scope[group]][model], own),
                        ("other", self.scopes["21"][model], other),
                    ]
                for scope, records, letters in checks:
                    if scope != "model":
                        self.assertTrue(records, f"no {model} record for {scope} of {group}")
                    for letter, operation in OPERATIONS.items():
                        cases += 1
                        actual = self.allowed(user, records, operation)
                        if actual != (letter in letters):
                            failures.append(
                                f"{group} {operation} {model} ({scope}): "
                                f"{'allowed' if actual else 'refused'}, expected "
                                f"{'allowed' if letter in letters else 'refused'}"
                            )
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreaterEqual(cases, 600)

    def test_read_is_what_search_finds(self):
        """The rules that answer check_access answer search too: each officer finds
        their scope's records and no one else's, across every scoped model."""
        for group in ("member", "branch", "general"):
            user = self.users[group]
            own, other = self.scopes[self.own_scope[group]], self.scopes["21"]
            for model, rights in MATRIX.items():
                if model in MODEL_LEVEL or model not in own or rights[group].startswith("r/r"):
                    continue
                if not self.env[model].with_user(user).has_access("read"):
                    continue  # no access right at all: the matrix says so
                found = (
                    self.env[model]
                    .with_user(user)
                    .search([("id", "in", (own[model] | other[model]).ids)])
                )
                expected = own[model] if rights[group].startswith("r") else own[model].browse()
                self.assertEqual(found, expected, f"{group} searching {model}")

    def test_system_fields_refused_to_every_group(self):
        """Every field of every model's ``_system_fields``, written by each group on a
        record of its own scope with its current value: refused (UserError from the
        guard, or AccessError where the group may not write the record at all)."""
        failures = []
        cases = 0
        for model in sorted(self.party_models() - MODEL_LEVEL):
            system_fields = sorted(system_fields_of(self.env[model]))
            for group, user in self.users.items():
                record = self.scopes[self.own_scope[group]][model]
                may_write = "w" in MATRIX[model][group].split("/")[0]
                for name in system_fields:
                    cases += 1
                    field = record._fields[name]
                    value = field.convert_to_write(record[name], record)
                    try:
                        record.with_user(user).write({name: value})
                    except UserError:
                        continue
                    except AccessError:
                        if may_write and name not in sum(PAY_FIELDS.values(), ()):
                            failures.append(f"{group} {model}.{name}: AccessError, not the guard")
                        continue
                    failures.append(f"{group} wrote {model}.{name}")
        self.assertFalse(failures, "\n".join(failures))
        self.assertEqual(
            cases,
            len(self.users)
            * sum(len(system_fields_of(self.env[m])) for m in self.party_models() - MODEL_LEVEL),
        )

    def test_pay_fields_private(self):
        """Pay data: the committee and HR read it, nobody else, over read and
        search_read; the secretary concerned reads their own row of the pay linkage."""
        for model, names in PAY_FIELDS.items():
            record = self.scopes["11"][model]
            for group, user in self.users.items():
                as_user = record.with_user(user)
                if group in PAY_READERS:
                    self.assertTrue(as_user.read(list(names)))
                    self.assertTrue(as_user.search_read([("id", "=", record.id)], list(names)))
                    continue
                for name in names:
                    if not MATRIX[model][group].startswith("r"):
                        continue  # the record itself is refused (the matrix)
                    with self.assertRaises(AccessError, msg=f"{group} read {model}.{name}"):
                        as_user.read([name])
                    with self.assertRaises(AccessError, msg=f"{group} search_read {name}"):
                        as_user.search_read([("id", "=", record.id)], [name])
                    # Not among the fields a plain read or the form gives either.
                    self.assertNotIn(name, as_user.read()[0])
                    self.assertNotIn(name, as_user.fields_get())
        # The secretary (the branch officer of Branch 11) reads their own pay linkage.
        row = self.scopes["11"]["party.pay.linkage"].with_user(self.user_branch)
        self.assertEqual(
            row.read(["secretary_mode", "pay_factor"])[0]["secretary_mode"], "full_time"
        )
        self.assertEqual(
            self.env["party.pay.linkage"].with_user(self.user_branch).search([]).organization_id,
            self.branch_11,
        )
        self.assertFalse(self.env["party.pay.linkage"].with_user(self.user_member).search([]))
        self.assertEqual(
            self.env["party.pay.linkage"].with_user(self.user_hr).search_count([]),
            self.env["party.pay.linkage"].search_count([]),
        )

    def test_forms_open_for_every_reader(self):
        """The forms and lists of the records with pay data open for every group that
        reads the record: the fields it may not read are left out of its views."""
        own = self.scopes["11"]
        cases = {
            own["party.evaluation"]: ("branch", "committee", "hr"),
            self.ev_12: ("general",),
            own["party.organization"]: ("member", "branch", "committee", "hr"),
            self.month: ("branch", "committee", "hr"),
            own["party.pay.linkage"]: ("branch", "committee", "hr"),
        }
        for record, groups in cases.items():
            for group in groups:
                as_user = record.with_user(self.users[group])
                form = Form(as_user)
                self.assertEqual(form.id, record.id)
                pay = PAY_FIELDS.get(record._name, ())
                views = as_user.get_views([(False, "list"), (False, "form")])["views"]
                archs = "".join(view["arch"] for view in views.values())
                for name in pay:
                    self.assertEqual(
                        f'name="{name}"' in archs,
                        group in PAY_READERS,
                        f"{name} in the {record._name} views of {group}",
                    )
                # Nor a search filter on them (searching on them is refused too): the
                # organizations' "Full-time Secretary" filter is for the readers only.
                search = as_user.get_views([(False, "search")])["views"]["search"]["arch"]
                if record._name == "party.organization":
                    self.assertEqual("secretary_mode" in search, group in PAY_READERS, group)
                    if group not in PAY_READERS:
                        with self.assertRaises(AccessError):
                            as_user.search([("secretary_mode", "=", "full_time")])

    def test_hr_writes_nothing(self):
        for model in sorted(self.party_models()):
            for operation in ("write", "create", "unlink"):
                self.assertFalse(
                    self.env[model].with_user(self.user_hr).has_access(operation),
                    f"HR may {operation} {model}",
                )

    def test_directory_settings_administrators_only(self):
        """auth_ldap's configuration (its bind password, its template user) is the
        settings group's: no party role reads it, the party administrator included."""
        Ldap = self.env["res.company.ldap"]
        for group, user in self.users.items():
            for operation in ("read", "write", "create", "unlink"):
                self.assertFalse(
                    Ldap.with_user(user).has_access(operation),
                    f"{group} may {operation} res.company.ldap",
                )
        self.assertTrue(Ldap.with_user(self.env.ref("base.user_admin")).has_access("write"))

    def test_scope_follows_the_tree(self):
        """A branch created or moved under a general branch joins its officer's scope
        at once (the rules' cached domains are cleared)."""
        user = self.user_general
        self.assertEqual(user.party_scope_ids, self.general_1 | self.branch_11 | self.branch_12)
        self.assertEqual(
            self.env["res.users"].search([("party_scope_ids", "in", self.branch_12.ids)]),
            (self.user_branch | self.user_general | self.user_committee).filtered(
                lambda u: self.branch_12 in u.party_scope_ids
            ),
        )
        self.assertFalse(self.ev_21.with_user(user).has_access("read"))
        self.branch_21.parent_id = self.general_1
        self.assertTrue(self.ev_21.with_user(user).has_access("read"))
        new = self.env["party.organization"].create(
            self._branch_vals("Branch 13", self.general_1, self.type_service)
        )
        self.assertTrue(new.with_user(user).has_access("write"))
        self.branch_21.parent_id = self.general_2
        self.assertFalse(self.ev_21.with_user(user).has_access("read"))
        self.assertFalse(self.m21a.with_user(user).has_access("read"))

    def test_organization_fields_committee_only(self):
        """Needs part A of issue 12 (the organization's committee-only fields): the
        fields that decide pay, the ranking group and scope are refused to everyone but
        the committee, on organizations in their own scope."""
        values = {
            "secretary_mode": "part_time",
            "branch_type_id": self.type_service.id,
            "officer_user_ids": [Command.link(self.user_member.id)],
            "kind": "general_branch",
            "parent_id": self.general_2.id,
        }
        accepted = []
        for group in ("member", "branch", "general", "hr"):
            record = self.scopes[self.own_scope[group]]["party.organization"]
            for name in ORGANIZATION_COMMITTEE_FIELDS:
                try:
                    with self.env.cr.savepoint():
                        record.with_user(self.users[group]).write({name: values[name]})
                except (UserError, AccessError):
                    continue
                accepted.append(f"{group} wrote {name}")
        self.assertFalse(accepted, "\n".join(accepted))

    def test_id_number_private(self):
        """The ID number and the birth date: read by the member, the officers of their
        branch, the committee and HR; masked for every other reader, in read,
        search_read, the form's web_read and exports; not found by a search either."""
        members = {"11": self.m11b, "12": self.m12a, "21": self.m21a}
        for index, member in enumerate(members.values()):
            member.write(
                {
                    "id_number": id_number_with_check(f"35050219850312{index + 120:03d}"),
                    "birth_date": "1985-03-12",
                }
            )
        # {group: {scope: readable?}} for the members each group may read at all.
        expected = {
            "member": {"11": True},
            "branch": {"11": True},
            "general": {"12": False},
            "committee": {"11": True, "12": True, "21": True},
            "admin": {"11": True, "21": True},
            "hr": {"11": True, "12": True, "21": True},
        }
        failures = []
        export = self.env.ref("base.group_allow_export")
        for group, scopes in expected.items():
            user = self.users[group]
            user.groups_id = [Command.link(export.id)]
            for scope, readable in scopes.items():
                member = members[scope]
                real = member.sudo().id_number_private
                shown = real if readable else real[:6] + "********" + real[-4:]
                born = member.sudo().birth_date_private if readable else False
                as_user = member.with_user(user)
                got = {
                    "read": as_user.read(["id_number", "birth_date"])[0],
                    "search_read": as_user.search_read(
                        [("id", "=", member.id)], ["id_number", "birth_date"]
                    )[0],
                    "web_read": as_user.web_read({"id_number": {}, "birth_date": {}})[0],
                }
                for how, values in got.items():
                    if (values["id_number"], values["birth_date"]) != (shown, born):
                        failures.append(f"{group} {how} {scope}: {values}")
                exported = as_user.export_data(["id_number", "birth_date"])["datas"][0]
                if exported[0] != shown or bool(exported[1]) != readable:
                    failures.append(f"{group} export {scope}: {exported}")
                found = member.with_user(user).search([("id_number", "=", real)])
                if bool(found) != readable:
                    failures.append(f"{group} search {scope}: {found}")
                if not readable:
                    with self.assertRaises(UserError):
                        as_user.write({"id_number": real})
        self.assertFalse(failures, "\n".join(failures))
        # The private columns are the system's: no reader gets them.
        for group in ("member", "branch", "general", "committee", "hr"):
            with self.assertRaises(AccessError, msg=group):
                self.m11b.with_user(self.users[group]).read(["id_number_private"])

    def test_inspection_team_reads_member_names_only(self):
        """Issue 20 item 6: the restricted field set of an inspection team. An officer of
        Branch 21 on the running inspection of Branch 11 reads, of Branch 11's members,
        the fields of TEAM_READABLE_MEMBER_FIELDS and nothing else (every other field of
        party.member comes back empty), while reading their own branch's members and
        the branch's own officer reading Branch 11 in full."""
        inspector = mail_new_test_user(
            self.env,
            login="pq_matrix_team",
            groups="base.group_user,party_quant.group_party_branch",
            name="Team",
        )
        inspector.party_organization_ids = self.branch_21
        plan = self.env["party.inspection.plan"].create(
            {
                "name": "Matrix plan",
                "period_kind": "quarter",
                "date_from": "2030-01-01",
                "inspection_date": "2030-04-10",
            }
        )
        self.env["party.inspection"].create(
            {
                "plan_id": plan.id,
                "organization_id": self.branch_11.id,
                "inspecting_organization_id": self.branch_21.id,
                "team_member_ids": [Command.set(inspector.ids)],
            }
        )
        plan.action_start()
        member, own = self.m11b, self.m21a
        sensitive = {
            "dues_base": 12000.0,
            "dues_category": "employed",
            "employee_number": "E-0001",
            "mobile": "13900000000",
            "position": "Engineer",
            "join_date": "2020-07-01",
        }
        (member | own).write(sensitive)
        (member | own).sudo().points_total = 30.0
        self.env.flush_all()
        Member = self.env["party.member"]
        names = [
            name
            for name, field in Member._fields.items()
            if field.is_accessible(self.env(user=inspector))
        ]
        as_team = member.with_user(inspector).read(names)[0]
        in_full = member.with_user(self.user_branch).read(names)[0]
        own_values = own.with_user(inspector).read(names)[0]
        failures = []
        for name in names:
            if name in TEAM_READABLE_MEMBER_FIELDS:
                if as_team[name] != in_full[name]:
                    failures.append(f"team read {name}: {as_team[name]!r}, not {in_full[name]!r}")
            elif as_team[name] not in (False, [], 0, 0.0, ""):
                failures.append(f"team read {name}: {as_team[name]!r}")
        for name in [*sensitive, "points_total"]:
            if not in_full[name] or not own_values[name]:
                failures.append(f"{name}: not read in full by the branch or in own scope")
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreater(len(names), 30)

    # ------------------------------------------------------------------
    # Issue 20: move out of scope; the subject may not decide
    # ------------------------------------------------------------------
    def test_move_out_of_scope(self):
        """Every writable scope field (``_get_scope_fields()``) of every scoped model,
        written by each group that may write its own record with the value of Branch
        21's record (and emptied): refused. The table lists them so that a new scope
        field gets its row."""
        failures = []
        derived = {}
        for model in sorted(self.party_models() - MODEL_LEVEL):
            Model = self.env[model]
            if not hasattr(Model, "_get_scope_fields"):
                continue  # not a guarded model (a report's view)
            fixed = Model._get_system_fields() | Model._guard_derived_fields()
            names = {
                name
                for name in Model._get_scope_fields() - fixed
                if Model._fields[name].store and not Model._fields[name].readonly
            }
            names -= NOT_A_PLACE.get(model, set())
            if names:
                derived[model] = names
        self.assertEqual(derived, {model: set(names) for model, names in MOVE_OUT.items()})
        cases = 0
        for model, names in MOVE_OUT.items():
            for group in ("member", "branch", "general"):
                if "w" not in MATRIX[model][group].split("/")[0]:
                    continue
                record = self.scopes[self.own_scope[group]][model]
                other = self.scopes["21"][model]
                for name in sorted(names):
                    field = record._fields[name]
                    if field.type not in ("many2one", "many2many", "one2many"):
                        # A date (the member's branch on the date): the same in each
                        # branch's fixture; moved by the member's history, not here.
                        continue
                    values = [field.convert_to_write(other[name], other)]
                    if field.type == "many2one" and not field.required:
                        values.append(False)
                    for value in values:
                        cases += 1
                        try:
                            with self.env.cr.savepoint():
                                record.with_user(self.users[group]).write({name: value})
                        except (AccessError, UserError):
                            continue
                        failures.append(f"{group} moved {model}.{name} to {value!r}")
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreaterEqual(cases, 20)

    def test_subject_may_not_decide(self):
        """Every model declaring ``_guard_subject_field``: the record of Branch 11 made
        the branch officer's own case (member M11a); each of its moves into a deciding
        state (``_guard_deciding_states``) by that officer is refused, and the general
        branch's officer takes the first. A model without a workflow (RECORDED): the
        officer cannot record it for themselves; the general branch can."""
        failures = []
        self.m11a.write({"dues_category": "retired", "dues_base": 4000})
        # M11a a member of Branch 11 on the fixture assembly's date and expected there,
        # so that a sign-in of theirs may be recorded.
        self.m11a.membership_ids.write({"date_start": "2020-01-01"})
        meeting = self.scopes["11"]["party.meeting"]
        meeting.expected_ids |= self.m11a
        declared = {
            name
            for name in self.party_models() - MODEL_LEVEL
            if getattr(self.env[name], "_guard_subject_field", None)
        }
        self.assertEqual(declared, SUBJECT_DECIDES.keys(), "a row per model with a subject")
        cases = 0
        for model, prepare in SUBJECT_DECIDES.items():
            Model = self.env[model]
            subject = Model._guard_subject_field
            field = Model._fields[subject]
            own = self.m11a.id if field.type == "many2one" else [Command.set(self.m11a.ids)]
            record = self.scopes["11"][model]
            if RECORDED in Model._guard_deciding_states:
                vals = record.copy_data()[0]
                fixed = Model._get_system_fields() | Model._guard_derived_fields()
                vals = {k: v for k, v in vals.items() if k not in fixed} | prepare
                vals[subject] = own
                cases += 1
                try:
                    with self.env.cr.savepoint():
                        Model.with_user(self.user_branch).create(vals)
                    failures.append(f"the officer recorded their own {model}")
                except UserError as error:
                    if "your own entry" not in str(error):
                        failures.append(f"{model}: refused for another reason: {error}")
                with self.env.cr.savepoint():
                    Model.with_user(self.user_general).create(vals)
                continue
            record.sudo().write({subject: own} | prepare)
            moves = [
                (old, new)
                for (old, new), who in Model._transitions.items()
                if new in Model._guard_deciding_states and who != SYSTEM
            ]
            self.assertTrue(moves, model)
            for old, new in moves:
                cases += 1
                record._write({"state": old})
                record.invalidate_recordset(["state"])
                vals = {"state": new} | dict.fromkeys(
                    getattr(Model, "_transition_fields", {}).get(new, ()), "Reason"
                )
                try:
                    with self.env.cr.savepoint():
                        record.with_user(self.user_branch).write(vals)
                    failures.append(f"the officer took {model} {old} → {new} in their own case")
                except UserError as error:
                    if "your own entry" not in str(error):
                        failures.append(f"{model} {old} → {new}: refused otherwise: {error}")
            old, new = moves[0]
            record._write({"state": old})
            record.invalidate_recordset(["state"])
            with self.env.cr.savepoint():
                record.with_user(self.user_general).write({"state": new})
            self.assertEqual(record.state, new, model)
        self.assertFalse(failures, "\n".join(failures))
        self.assertGreaterEqual(cases, len(SUBJECT_DECIDES))


# Issue 20 item 6: what an inspection team reads of the inspected branch's members.
TEAM_READABLE_MEMBER_FIELDS = {
    "id",
    "name",
    "display_name",
    "organization_id",
    "general_branch_id",
    "branch_type_id",
    "state",
    "active",
}
