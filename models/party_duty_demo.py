from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

TALK_TOPICS = [
    "思想动态和工作困难",
    "岗位安全生产和家庭情况",
    "入党积极分子培养和学习计划",
    "支委分工和班子团结",
    "服务客户中的难题和建议",
    "廉洁从业提醒",
]
STUDY_SUBJECTS = [
    "学习强国：党的二十大报告专题",
    "中国干部网络学院：党章党规",
    "公司党校：基层党支部书记培训",
    "网上党课：新时代电力精神",
]


class PartyDuty(models.Model):
    _inherit = "party.duty"

    @api.model
    def _demo_generate(self):
        """Demo data: a year of duties of every branch (January to December of this
        year), some fulfilled by the demo's meetings, by talks and by study records made
        here, some open, some overdue; deterministic (ids), set-based."""
        Meeting = self.env["party.meeting"]
        self = self.with_context(lang=Meeting._demo_language())
        today = fields.Date.context_today(self)
        year_start = date(today.year, 1, 1)
        branches = self.env["party.organization"].search([("kind", "=", "branch")], order="id")
        # Two branches in three: their secretary gave the demo's party lecture.
        lectures = Meeting.search([("kind", "=", "lecture"), ("state", "=", "done")])
        hosted = [
            (meeting.id, meeting.organization_id.secretary_id.id)
            for meeting in lectures
            if meeting.organization_id.id % 3 and meeting.organization_id.secretary_id
        ]
        if hosted:
            self.env.cr.execute(
                SQL(
                    """UPDATE party_meeting m SET host_id = v.host
                         FROM (VALUES %s) AS v(id, host) WHERE m.id = v.id""",
                    SQL(", ").join(SQL("(%s, %s)", *pair) for pair in hosted),
                )
            )
            Meeting.invalidate_model(["host_id"])
        talks, records = [], []
        for branch in branches:
            secretary = branch.secretary_id
            members = (branch.member_ids - secretary).sorted("id")
            committee = (branch.committee_member_ids - secretary).sorted("id")
            if not secretary:
                continue
            # The secretary with the committee (most branches), then with about six
            # members in ten, three at a time, spread over the year.
            if committee and branch.id % 4:
                talks.append(self._demo_talk(branch, secretary, committee, 0, year_start, today))
            talked = members.filtered(lambda m: m.id % 10 < 6)
            for index in range(0, len(talked), 3):
                talks.append(
                    self._demo_talk(
                        branch, secretary, talked[index : index + 3], index + 1, year_start, today
                    )
                )
        for member in branches.member_ids.sorted("id"):
            officer = member.committee_organization_ids or member.id in branches.secretary_id.ids
            count = 3 + member.id % 3 + (3 if officer and member.id % 2 else 0)
            taken = set()
            for index in range(count):
                day = year_start + relativedelta(months=(index * 2 + member.id) % today.month)
                day = min(day.replace(day=1 + member.id % 27), today)
                # One 8-hour record a day at most (the day's limit): the day before.
                while day in taken:
                    day -= relativedelta(days=1)
                taken.add(day)
                records.append(
                    {
                        "member_id": member.id,
                        "date": day,
                        "hours": 8.0,
                        "subject": STUDY_SUBJECTS[(member.id + index) % len(STUDY_SUBJECTS)],
                        "kind": "school" if index == 3 else "online",
                        # Decided by the branch (the demo's records count).
                        "state": "approved",
                    }
                )
        self.env["party.talk"].create(talks)
        self.env["party.study.record"].create(records)
        self._generate([date(today.year, month, 1) for month in range(1, 13)])
        self._refresh()
        self._remind()

    @api.model
    def _demo_talk(self, branch, talker, members, salt, year_start, today):
        days = max((today - year_start).days, 1)
        return {
            "organization_id": branch.id,
            "talker_id": talker.id,
            "member_ids": [(6, 0, members.ids)],
            "date": year_start + relativedelta(days=(branch.id * 37 + salt * 53) % days),
            "topics": TALK_TOPICS[(branch.id + salt) % len(TALK_TOPICS)],
            "notes": f"{talker.name}与{'、'.join(members.mapped('name'))}谈心。",
        }
