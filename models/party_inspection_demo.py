from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

CHECK_NOTES = {
    "found": "台账齐全，记录规范。",
    "partly": "部分月份记录不完整，签到表缺页。",
    "missing": "未能提供相关记录。",
}
FINDINGS = [
    ("会议记录由同一人事后集中补写", "三次支委会记录笔迹、墨色一致，落款日期与签到表不符。"),
    ("党员发展培养考察记录不连续", "入党积极分子季度考察表缺第二季度。"),
    ("主题党日活动形式单一", "三个月均为集中学习文件，无实践活动记录。"),
]
PRACTICES = [
    ("“党员责任区”挂牌上墙", "每名党员认领责任区，服务承诺与照片公示在班组，群众知晓率高。"),
    ("“师带徒”结对帮扶", "党员骨干与新员工结对，按月记录帮带内容，纳入积分。"),
]


class PartyInspectionPlanDemo(models.Model):
    _inherit = "party.inspection.plan"

    @api.model
    def _demo_generate(self):
        """Demo data: last quarter's plan done (checklists, forums and talks, findings,
        anonymous questionnaire answers, rectifications mostly closed, good practices,
        one published) and this month's plan of one general branch in progress, its
        findings proposing an adjustment to this month's evaluations. Deterministic
        (ids); written in the demo users' language."""
        self = self.with_context(lang=self.env["party.meeting"]._demo_language())
        general = self.env.ref("party_quant.party_org_production_demo", raise_if_not_found=False)
        self._demo_inspector(general)
        today = fields.Date.context_today(self)
        quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        last_quarter = quarter - relativedelta(months=3)
        done = self.create(
            {
                "name": f"{last_quarter.year}年第{(last_quarter.month - 1) // 3 + 1}季度互查互评",
                "period_kind": "quarter",
                "date_from": last_quarter,
                "inspection_date": min(quarter + timedelta(days=10), today),
                "inspection_date_end": min(quarter + timedelta(days=15), today),
            }
        )
        done.action_assign_teams()
        done.inspection_ids._demo_leaders()
        done.action_start()
        done.inspection_ids._demo_fill(closed=True)
        done.inspection_ids.practice_ids[:1].action_publish()
        done.action_done()

        month = today.replace(day=1)
        general_name = general.name if general else ""
        running = self.create(
            {
                "name": f"{month.year}年{month.month}月{general_name}互查",
                "period_kind": "month",
                "date_from": month,
                "inspection_date": max(today - timedelta(days=2), month),
                "scope": "general_branch" if general else "all",
                "general_branch_id": general.id if general else False,
                "evaluation_period_id": self.env["party.period"]._get_period(today).id,
            }
        )
        running.action_assign_teams()
        running.inspection_ids._demo_leaders()
        running.action_start()
        running.inspection_ids._demo_fill(closed=False)

    @api.model
    def _demo_inspector(self, general):
        """A demo login for the secretary of the first branch of ``general``, who serves
        on the teams its branch sends (login and password: inspector)."""
        branch = self.env["party.organization"].search(
            [("parent_id", "child_of", general.ids), ("kind", "=", "branch")], order="id", limit=1
        )
        if not branch.secretary_id or branch.secretary_id.user_id:
            return
        user = (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": branch.secretary_id.name,
                    "login": "inspector",
                    "password": "inspector",
                    "email": "inspector@example.com",
                    "lang": self.env.lang or "en_US",
                    "tz": "Asia/Shanghai",
                    "groups_id": [(4, self.env.ref("party_quant.group_party_branch").id)],
                    "party_organization_ids": [(6, 0, branch.ids)],
                    # Lands on the workbench (their branch, their to-dos), not on Discuss.
                    "action_id": self.env.ref("party_quant.party_workbench_action").id,
                }
            )
        )
        branch.secretary_id.user_id = user

    def _demo_adjustable_line(self, inspection, criterion):
        period = self.evaluation_period_id
        if not period or period.state != "open":
            return False
        return self.env["party.evaluation.line"].search(
            [
                ("organization_id", "=", inspection.organization_id.id),
                ("period_id", "=", period.id),
                ("criterion_id", "=", criterion.id),
            ],
            limit=1,
        )


class PartyInspectionDemo(models.Model):
    _inherit = "party.inspection"

    def _demo_leaders(self):
        for inspection in self.filtered("team_member_ids"):
            inspection.leader_id = inspection.team_member_ids[0]

    def _demo_fill(self, closed):
        results = ["found", "found", "partly", "found", "missing", "found", "partly"]
        Finding = self.env["party.inspection.finding"]
        for inspection in self.sorted("id"):
            salt = inspection.id
            for index, check in enumerate(inspection.check_ids):
                result = results[(salt + index) % len(results)]
                check.write({"result": result, "note": CHECK_NOTES[result]})
            start = inspection.inspection_date
            inspection.session_ids = [
                (
                    0,
                    0,
                    {
                        "kind": "forum",
                        "date": start,
                        "participant_count": 6 + salt % 5,
                        "participants": "班组长、一线员工（含非党员职工）",
                        "summary": "职工认为党员在急难险重任务中冲在前面，"
                        "希望支部活动更多结合生产实际。",
                        "findings": "党员身份亮明不够，部分职工不清楚身边的党员。",
                    },
                ),
                (
                    0,
                    0,
                    {
                        "kind": "talk",
                        "date": start + timedelta(days=1),
                        "participant_count": 1,
                        "participants": "支部书记",
                        "summary": "书记介绍了本季度工作及存在的困难。",
                    },
                ),
            ]
            missing = inspection.check_ids.filtered(lambda c: c.result != "found")
            vals_list = []
            for index, check in enumerate(missing[:2]):
                name, evidence = FINDINGS[(salt + index) % len(FINDINGS)]
                vals_list.append(
                    {
                        "inspection_id": inspection.id,
                        "criterion_id": check.criterion_id.id,
                        "name": name,
                        "evidence": evidence,
                        "needs_rectification": True,
                        "rectification_deadline": start + timedelta(days=30),
                    }
                )
            findings = Finding.create(vals_list)
            if not closed and findings:
                line = inspection.plan_id._demo_adjustable_line(
                    inspection, findings[0].criterion_id
                )
                if line and line.max_score >= 1:
                    findings[0].adjustment = -1
                    findings[0].action_propose()
            if salt % 4 == 0:
                name, description = PRACTICES[salt % len(PRACTICES)]
                inspection.practice_ids = [(0, 0, {"name": name, "description": description})]
            inspection.summary = (
                "<p>该支部基础工作总体规范，“三会一课”基本按期开展；"
                "存在记录补写、活动形式单一等问题，已明确整改要求和时限。</p>"
            )
            if inspection.survey_id:
                inspection._demo_answers(3 + salt % 4)
        if closed:
            tasks = self.rectification_ids.sorted("id")
            for index, task in enumerate(tasks):
                if index % 3 == 2:
                    continue
                task.write({"evidence": "已重新建立台账，补充签到表，支委会专题研究整改。"})
                task.action_submit()
                if index % 3 == 0:
                    task.write({"check_note": "复查属实，同意销号。"})
                    task.action_close()

    def _demo_answers(self, count):
        """``count`` invited members answer, each through their own invitation."""
        survey = self.survey_id
        questions = survey.question_ids.filtered(lambda q: q.question_type == "simple_choice")
        for number, member in enumerate(self.questionnaire_invited_ids[:count]):
            url, _first = self._questionnaire_open_member(member)
            answer = self.env["survey.user_input"].search(
                [("survey_id", "=", survey.id), ("access_token", "=", url.rsplit("/", 1)[1])]
            )
            for index, question in enumerate(questions):
                choices = question.suggested_answer_ids.sorted("sequence")
                # Mostly the best answer, sometimes the middle one.
                pick = 1 if (self.id + number + index) % 3 == 0 else 0
                answer._save_lines(question, choices[pick].id)
            answer._mark_done()
