from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Demo dues bases: after-tax monthly incomes across the tiers (元).
EMPLOYED_BASES = (2600, 3000, 3800, 4200, 5000, 6500, 8200, 9800, 10000, 12500, 16800)
RETIRED_BASES = (3600, 4800, 5200, 6300)


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model
    def _demo_dues_bases(self):
        """Demo data: every member's dues category and base for this year, across the
        tiers: about one in twelve retired, one in twenty-five a student or unemployed
        (0.2 元), the rest employed (one statement per category)."""
        year = fields.Date.context_today(self).year
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE party_member
                   SET dues_base_year = %(year)s,
                       dues_category = CASE WHEN MOD(id, 25) = 7 THEN 'other'
                                            WHEN MOD(id, 12) = 5 THEN 'retired'
                                            ELSE 'employed' END,
                       dues_base = CASE WHEN MOD(id, 25) = 7 THEN 0
                                        WHEN MOD(id, 12) = 5
                                        THEN (%(retired)s::numeric[])[1 + MOD(id, %(n_retired)s)]
                                        ELSE (%(employed)s::numeric[])[1 + MOD(id, %(n_employed)s)]
                                   END
                """,
                year=year,
                retired=list(RETIRED_BASES),
                n_retired=len(RETIRED_BASES),
                employed=list(EMPLOYED_BASES),
                n_employed=len(EMPLOYED_BASES),
            )
        )
        self.invalidate_model(["dues_base", "dues_category", "dues_base_year"])


class PartyMeeting(models.Model):
    _inherit = "party.meeting"

    @api.model
    def _demo_signin(self):
        """Demo data: in the first branches, last month's 支部党员大会 held with phone
        sign-ins, an officer's correction, an excused absence and two resolutions; and
        an assembly planned next week with leave requests (one approved, one to decide)."""
        self = self.with_context(lang=self._demo_language(), mail_create_nolog=True)
        today = fields.Date.context_today(self)
        branches = self.env["party.organization"].search(
            [("kind", "=", "branch")], order="id", limit=4
        )
        Signin = self.env["party.meeting.signin"]
        Leave = self.env["party.meeting.leave"]
        last_month = (today - relativedelta(months=1)).replace(day=20)
        held_start = fields.Datetime.to_datetime(last_month).replace(hour=1)
        planned_start = fields.Datetime.to_datetime(today + relativedelta(days=7)).replace(hour=1)
        held = self.create(
            [
                {
                    "name": "支部党员大会：讨论发展对象和年度工作总结",
                    "kind": "member_assembly",
                    "organization_id": branch.id,
                    "start": held_start,
                    "place": "党员活动室",
                    "host_id": branch.secretary_id.id,
                }
                for branch in branches
            ]
        )
        planned = self.create(
            [
                {
                    "name": "支部党员大会：民主评议党员",
                    "kind": "member_assembly",
                    "organization_id": branch.id,
                    "start": planned_start,
                    "place": "党员活动室",
                    "host_id": branch.secretary_id.id,
                }
                for branch in branches
            ]
        )
        signins, corrections, leaves = [], [], []
        for meeting in held:
            members = meeting.expected_ids.sorted("id")
            away = members[-2:]
            for index, member in enumerate(members - away):
                if index == 0:
                    continue  # signed in by the officer below
                signins.append(
                    {
                        "meeting_id": meeting.id,
                        "member_id": member.id,
                        "method": "phone",
                        "signin_time": held_start - relativedelta(minutes=20 - index % 20),
                    }
                )
            corrections.append(
                {
                    "meeting_id": meeting.id,
                    "member_id": members[0].id,
                    "method": "officer",
                    "reason": "手机没电，由组织委员补签",
                    "signin_time": held_start + relativedelta(minutes=5),
                    "user_id": (meeting.organization_id.secretary_id.user_id or self.env.user).id,
                }
            )
            leaves.append(
                {
                    "meeting_id": meeting.id,
                    "member_id": away[0].id,
                    "reason": "外出培训",
                    "requested_on": held_start - relativedelta(days=2),
                }
            )
        for meeting in planned:
            members = meeting.expected_ids.sorted("id")
            for member, reason in zip(members[-2:], ("出差", "家中有事"), strict=False):
                leaves.append(
                    {
                        "meeting_id": meeting.id,
                        "member_id": member.id,
                        "reason": reason,
                        "requested_on": fields.Datetime.now(),
                    }
                )
        Signin.create(signins + corrections)
        leaves = Leave.create(leaves)
        # Approved by each branch's secretary (as the system, in their name).
        for meeting, approved in (
            leaves.filtered(lambda leave: leave.meeting_id in held or leave.id % 2)
            .grouped("meeting_id")
            .items()
        ):
            officer = meeting.organization_id.secretary_id.user_id or self.env.user
            approved.with_user(officer).sudo().write({"state": "approved"})
        resolutions = []
        for meeting in held.filtered("quorum_ok"):
            present = meeting.voters_present
            resolutions += [
                {
                    "meeting_id": meeting.id,
                    "name": "同意接收发展对象为预备党员",
                    "votes_yes": present,
                },
                {
                    "meeting_id": meeting.id,
                    "name": "通过本支部年度工作总结",
                    "votes_yes": max(present - 1, 0),
                    "votes_abstain": 1 if present else 0,
                },
            ]
        self.env["party.meeting.resolution"].create(resolutions)
        held.action_done()
