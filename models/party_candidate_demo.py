from datetime import date, timedelta

from odoo import Command, api, fields, models

from .party_development import ACTOR_LEVELS
from .party_roster import id_number_with_check

# Days from the application to each step of a demo candidate, with a margin inside every
# window of the 2014 rules whatever the calendar (a month is 28 to 31 days).
DEMO_DAYS = {
    "application": 0,
    "application_talk": 15,
    "activist": 60,
    "activist_filing": 65,
    "contacts": 66,
    "activist_education": 240,
    "target": 460,
    "target_filing": 465,
    "sponsors": 466,
    "political_review": 470,
    "training": 480,
    "committee_review": 490,
    "pre_review": 497,
    "application_form": 510,
    "acceptance_assembly": 520,
    # The 党总支's 审议: in the branches under a general branch only.
    "general_branch_review": 525,
    "committee_talk": 530,
    "approval": 545,
    "filing_above": 555,
    "assign_group": 556,
    "oath": 570,
    "probation_education": 700,
    "conversion_application": 870,
    "conversion_assembly": 895,
    "conversion_general_branch_review": 905,
    "conversion_approval": 915,
    "archive": 925,
}
# (name, applied so many days before today — or before the 1st of January, "year" —,
# the step before which the candidate stops). The member assemblies fall in months the
# demo has not closed (last year's; this year's are closed with their points).
DEMO_PEOPLE = [
    ("林晓燕", "today", 10, "application_talk"),
    ("陈志强", "today", 150, "activist_education"),
    ("黄建华", "today", 475, "training"),
    ("吴思远", "year", 530, "probation_education"),
    ("郑文博", "year", 940, None),
]
# Names of the candidates of the second and third branch.
DEMO_NAMES = [
    "李雨桐",
    "王浩然",
    "刘佳怡",
    "杨子轩",
    "赵梦琪",
    "孙嘉豪",
    "周欣然",
    "徐天宇",
    "朱静怡",
    "马俊杰",
]
# The overdue one: applied 45 days ago, nobody talked with them yet.
DEMO_OVERDUE = ("张明辉", "today", 45, "application_talk")


class PartyCandidate(models.Model):
    _inherit = "party.candidate"

    @api.model
    def _demo_generate(self):
        """Demo data: in three demo branches a candidate in each phase (applicant,
        activist, development target, probationary, full member), and one overdue
        applicant; every step taken through the same checks as a user's, proven by
        talks, member assemblies and attachments made here; deterministic."""
        if self.with_context(active_test=False).search_count([], limit=1):
            return  # generated once (a module update runs the demo functions again)
        Meeting = self.env["party.meeting"]
        self = self.with_context(lang=Meeting._demo_language(), tracking_disable=True)
        today = fields.Date.context_today(self)
        start = today - timedelta(days=max(DEMO_DAYS.values()) + 30)
        branches = self.env["party.organization"].search([("kind", "=", "branch")], order="id")
        chosen = [
            branch
            for branch in branches
            if branch.secretary_id
            and len(
                branch.member_ids.filtered(
                    lambda m, s=start: m.state == "full" and (not m.join_date or m.join_date < s)
                )
            )
            >= 3
        ][:3]
        number = 0
        for index, branch in enumerate(chosen):
            people = DEMO_PEOPLE + ([DEMO_OVERDUE] if index == 0 else [])
            for name, anchor, days, stop in people:
                number += 1
                if index:
                    name = DEMO_NAMES[(number - len(DEMO_PEOPLE) - 2) % len(DEMO_NAMES)]
                candidate = self._demo_candidate(branch, name, number)
                since = today if anchor == "today" else date(today.year, 1, 1)
                candidate._demo_take(since - timedelta(days=days), stop, today)

    def _demo_candidate(self, branch, name, number):
        full = branch.member_ids.filtered(lambda m: m.state == "full").sorted("id")
        others = (full - branch.secretary_id)[:2]
        return self.create(
            {
                "name": name,
                "organization_id": branch.id,
                "id_number": id_number_with_check(f"35050219970315{number:03d}"),
                "gender": "female" if number % 2 else "male",
                "contact_ids": [Command.set(others.ids)],
                "sponsor_ids": [Command.set((branch.secretary_id | others[:1]).ids)],
                "application_form_number": f"2024-{branch.id:03d}-{number:03d}",
            }
        )

    def _demo_take(self, applied, stop, today):
        """Take the steps from the application on ``applied`` up to ``stop`` (or the
        last one due by ``today``, or before an assembly in a closed month)."""
        self.ensure_one()
        branch = self.organization_id
        closed = set(
            self.env["party.period"]
            .search([("kind", "=", "month"), ("state", "=", "closed")])
            .mapped("date_start")
        )
        for code, days in DEMO_DAYS.items():
            step = self.rule_version_id.step_ids.filtered(lambda s, c=code: s.code == c)
            day = applied + timedelta(days=days)
            if (
                code == stop
                or day > today
                or (step.proof == "resolution" and day.replace(day=1) in closed)
            ):
                break
            if step.actor == "general_branch" and not branch.general_branch_id:
                continue  # a branch directly under the 党委: no 审议
            level = ACTOR_LEVELS[step.actor]
            vals = {
                "candidate_id": self.id,
                "step_id": step.id,
                "date": day,
                # The level's officer, else the committee's (a demo branch without
                # officer logins): never OdooBot on the record.
                "acted_by_id": (
                    branch._level_users(level)[:1]
                    or branch._level_users("committee")[:1]
                    or self.env.user
                ).id,
            }
            if step.has_window:
                vals["date_end"] = day + timedelta(days=7)
            self.env["party.candidate.step"].create(vals | self._demo_proof(step, day))

    def _demo_proof(self, step, day):
        branch = self.organization_id
        if step.proof == "talk":
            talk = self.env["party.talk"].create(
                {
                    "organization_id": branch.id,
                    "talker_id": branch.secretary_id.id,
                    "candidate_id": self.id,
                    "date": day,
                    "topics": "入党动机和对党的认识",
                }
            )
            return {"talk_id": talk.id}
        if step.proof == "resolution":
            meeting = self.env["party.meeting"].create(
                {
                    "name": f"支部党员大会：{step.name}（{self.name}）",
                    "organization_id": branch.id,
                    "kind": "member_assembly",
                    "start": f"{day} 06:00:00",
                }
            )
            voters = meeting.expected_ids.filtered(lambda m: m.state == "full")
            meeting.attendee_ids = voters
            resolution = self.env["party.meeting.resolution"].create(
                {"meeting_id": meeting.id, "name": step.name, "votes_yes": len(voters)}
            )
            meeting.action_done()
            return {"resolution_id": resolution.id}
        if step.proof == "attachment":
            attachment = self.env["ir.attachment"].create(
                {"name": f"{step.name}.pdf", "raw": b"%PDF-1.4 demo"}
            )
            return {"attachment_ids": [Command.set(attachment.ids)]}
        if step.proof == "training":
            return {"training_days": 3, "training_hours": 24}
        if step.proof == "review":
            return {"review": "经审查，符合条件，同意。"}
        return {}
