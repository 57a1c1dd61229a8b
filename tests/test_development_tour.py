"""Tours at 1440 px (issue 23): a branch secretary takes the member assembly's step of a
candidate in the form's dialog (the rest of the procedure to 预备党员 is taken as in
TestDevelopment, the 党委's steps by the committee); the committee's pipeline."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from ..models.party_roster import id_number_with_check
from .test_development import PLAN


@tagged("post_install", "-at_install")
class TestDevelopmentTour(HttpCase):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("zh_CN")
        Org = env["party.organization"]
        committee = Org.create({"name": "Tour Development Committee", "kind": "committee"})
        cls.branch = Org.create(
            {
                "name": "Tour Development Branch",
                "kind": "branch",
                "parent_id": committee.id,
                "branch_type_id": env.ref("party_quant.branch_type_management").id,
            }
        )
        cls.members = env["party.member"].create(
            [
                {
                    "name": f"Tour Member {index}",
                    "organization_id": cls.branch.id,
                    "state": "full",
                    "join_date": "2010-01-01",
                }
                for index in range(3)
            ]
        )
        cls.members.membership_ids.write({"date_start": "2010-01-01"})
        cls.secretary = mail_new_test_user(
            env,
            login="pq_dev_secretary",
            name="Tour Secretary",
            groups="base.group_user,party_quant.group_party_branch",
            lang="zh_CN",
        )
        cls.secretary.party_organization_ids = cls.branch
        cls.committee_user = mail_new_test_user(
            env,
            login="pq_dev_committee",
            name="Tour Committee",
            groups="base.group_user,party_quant.group_party_committee",
            lang="zh_CN",
        )
        cls.committee_user.party_organization_ids = committee
        # The committee's approved plan of the approval's year (PLAN: 2024).
        env["party.development.plan"].create(
            {"year": 2024, "committee_id": committee.id, "quota": 5, "state": "approved"}
        )

    def test_secretary_takes_the_assembly_then_the_committee_approves(self):
        candidate = self.env["party.candidate"].create(
            {
                "name": "Tour Candidate",
                "organization_id": self.branch.id,
                "id_number": id_number_with_check("11010519960202001"),
                "contact_ids": [Command.set(self.members[:2].ids)],
                "sponsor_ids": [Command.set(self.members[1:].ids)],
                "application_form_number": "T-1",
            }
        )
        Step = self.env["party.candidate.step"]
        steps = candidate.rule_version_id.step_ids
        for code, day in PLAN.items():
            if code == "acceptance_assembly":
                break
            step = steps.filtered(lambda s, c=code: s.code == c)
            vals = {"candidate_id": candidate.id, "step_id": step.id, "date": day}
            vals |= self._proof(candidate, step, day)
            Step.create(vals)
        day = PLAN["acceptance_assembly"]
        meeting = self.env["party.meeting"].create(
            {
                "name": "支部党员大会",
                "organization_id": self.branch.id,
                "kind": "member_assembly",
                "start": f"{day} 04:00:00",
            }
        )
        meeting.attendee_ids = self.members
        self.env["party.meeting.resolution"].create(
            {"meeting_id": meeting.id, "name": "接收预备党员 Tour Candidate", "votes_yes": 3}
        )
        meeting.action_done()
        action = self.env.ref("party_quant.party_candidate_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{candidate.id}",
            "party_quant_development_secretary",
            login=self.secretary.login,
        )
        line = candidate.step_line_ids.filtered(
            lambda line: line.step_id.code == "acceptance_assembly"
        )
        self.assertEqual(line.acted_by_id, self.secretary)
        self.assertEqual(candidate.assembly_date, day)
        # The 党委's talk and approval: the candidate is a probationary member.
        for code in ("committee_talk", "approval"):
            step = steps.filtered(lambda s, c=code: s.code == c)
            vals = {"candidate_id": candidate.id, "step_id": step.id, "date": PLAN[code]}
            Step.with_user(self.committee_user).create(
                vals | self._proof(candidate, step, PLAN[code])
            )
        self.assertEqual(candidate.phase, "probationary")
        self.assertEqual(candidate.member_id.state, "probationary")
        self.assertEqual(candidate.member_id.join_date, day)

    def test_committee_sees_the_pipeline(self):
        self.env["party.candidate"].create(
            {"name": "Pipeline Candidate", "organization_id": self.branch.id}
        )
        action = self.env.ref("party_quant.party_candidate_action_pipeline")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "party_quant_development_pipeline",
            login=self.committee_user.login,
        )

    def _proof(self, candidate, step, day):
        window = {"date_end": day} if step.has_window else {}
        return window | self._record(candidate, step, day)

    def _record(self, candidate, step, day):
        if step.proof == "talk":
            talk = self.env["party.talk"].create(
                {
                    "organization_id": self.branch.id,
                    "talker_id": self.members[0].id,
                    "candidate_id": candidate.id,
                    "date": day,
                    "topics": "入党动机",
                }
            )
            return {"talk_id": talk.id}
        if step.proof == "attachment":
            attachment = self.env["ir.attachment"].create({"name": "材料.pdf", "raw": b"x"})
            return {"attachment_ids": [Command.set(attachment.ids)]}
        if step.proof == "training":
            return {"training_hours": 24}
        if step.proof == "review":
            return {"review": "同意"}
        return {}
