from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

TOPICS = [
    "学习《中国共产党章程》党员义务部分",
    "通报安全检查问题并落实整改",
    "分析本月客户投诉并研究改进措施",
    "廉洁从业专题党课",
    "部署迎峰度夏党员志愿服务",
    "预备党员考察及培养联系人汇报",
    "组织参观革命纪念馆主题党日",
    "分析线损情况并安排现场核查",
    "征求职工意见，筹备组织生活会",
    "组建防台抢修党员突击队",
    "通报党费收缴及党务公开情况",
    "交流党员示范岗和服务承诺经验",
]


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.model
    def _demo_language(self):
        """The first installed language other than English, with party_quant's terms
        loaded: demo data loads before the module's translations."""
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        if not langs:
            return "en_US"
        self.env["ir.module.module"]._load_module_terms(["party_quant"], langs)
        return langs[0]

    @api.model
    def _demo_generate(self):
        """Demo data: two months back and this month of meetings (a 支委会 and a 党小组会
        a month, a 党员大会 and a 党课 in the first), dues, a few claims waiting for
        approval and two made-up records for the signals; deterministic (ids). Written
        in the demo users' language: what the records generate (point reasons) is text."""
        self = self.with_context(lang=self._demo_language())
        today = fields.Date.context_today(self)
        first = (today - relativedelta(months=2)).replace(day=1)
        branches = self.env["party.organization"].search([("kind", "=", "branch")])
        vals_list = []
        for branch in branches:
            members = branch.member_ids.sorted("id")
            committee = (branch.committee_member_ids | branch.secretary_id) or members[:3]
            for offset in range(3):
                month = first + relativedelta(months=offset)
                day = min(5 + branch.id % 10, 28)
                start = fields.Datetime.to_datetime(month.replace(day=day)).replace(hour=2)
                if start.date() > today:
                    continue
                # Members of the branch by then only (the meeting's expected list).
                held_on = start.date()
                joined = members.filtered(
                    lambda m, day=held_on: not m.join_date or m.join_date <= day
                )

                def present(salt, members=joined):
                    # About one in seven away, not the same people each time.
                    return members.filtered(lambda m, salt=salt: (m.id + salt) % 7)

                plan = [("committee_meeting", committee), ("group_meeting", present(offset))]
                if offset == 0:
                    plan += [("member_assembly", present(3)), ("lecture", present(5))]
                for index, (kind, attendees) in enumerate(plan):
                    topic = TOPICS[(offset * 4 + index + branch.id) % len(TOPICS)]
                    vals_list.append(
                        {
                            "kind": kind,
                            "organization_id": branch.id,
                            "start": start + relativedelta(hours=index),
                            "attendee_ids": [(6, 0, attendees.ids)],
                            "name": topic,
                            "minutes": f"<p>{branch.name}（{month:%Y-%m}）：{topic}。</p>",
                        }
                    )
        meetings = self.create(vals_list)
        meetings.action_done()
        # Recorded the day after each meeting, as a diligent branch does.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """UPDATE party_meeting SET create_date = start + interval '1 day',
                          late_entry = FALSE WHERE id IN %s""",
                tuple(meetings.ids),
            )
        )
        self.invalidate_model(["create_date", "late_entry"])
        # Two made-up records for the signals: minutes copied from the month before,
        # and a meeting recorded three weeks after it was held.
        sample = meetings.filtered(lambda m: m.kind == "group_meeting").sorted("start")
        if len(sample) >= 2:
            later = sample.filtered(lambda m: m.organization_id == sample[0].organization_id)[-1]
            self.env.cr.execute(
                SQL(
                    """UPDATE party_meeting SET minutes = %s, late_entry = TRUE,
                              create_date = start + interval '21 days' WHERE id = %s""",
                    sample[0].minutes,
                    later.id,
                )
            )
            self.invalidate_model(["minutes", "late_entry", "create_date"])
        # Dues of every member for the three months; one in ten pays late, and this
        # month's are half paid so far.
        members = branches.member_ids
        dues = []
        for offset in range(3):
            month = first + relativedelta(months=offset)
            for member in members:
                # The member's dues by the tiers (demo/party_dues_demo.xml set the bases).
                amount = member.dues_amount or 0.2
                if offset == 2 and member.id % 2:
                    dues.append({"member_id": member.id, "month": month, "amount_due": amount})
                    continue
                late = member.id % 10 == 0
                paid = (
                    month + relativedelta(months=1, days=2)
                    if late
                    else month + relativedelta(days=9)
                )
                dues.append(
                    {
                        "member_id": member.id,
                        "month": month,
                        "amount_due": amount,
                        "amount_paid": amount,
                        "paid_date": min(paid, today),
                    }
                )
        self.env["party.dues"].create(dues)
        self.env["party.record.signal"]._refresh()
