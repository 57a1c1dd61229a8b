from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestWorkbenchTour(HttpCase):
    """A member on a 412 px phone logs in, lands on their workbench (their home
    action) and opens a claim in one tap."""

    browser_size = "412x915"
    touch_enabled = True

    def test_member_lands_on_workbench(self):
        Org = self.env["party.organization"]
        committee = Org.create({"name": "Phone Committee", "kind": "committee"})
        branch = Org.create(
            {
                "name": "Phone Branch",
                "kind": "branch",
                "parent_id": committee.id,
                "branch_type_id": self.env.ref("party_quant.branch_type_service").id,
            }
        )
        user = mail_new_test_user(
            self.env,
            login="pq_phone_member",
            groups="base.group_user,party_quant.group_party_member",
            lang="en_US",
        )
        user.action_id = self.env.ref("party_quant.party_member_workbench_action").id
        self.env["party.member"].create(
            {"name": "Tour Phone Member", "organization_id": branch.id, "user_id": user.id}
        )
        self.env["party.meeting"].create(
            {
                "name": "Phone tour study",
                "kind": "study",
                "organization_id": branch.id,
                "start": fields.Datetime.now() + relativedelta(days=2),
            }
        )
        self.start_tour("/odoo", "party_quant_member_workbench", login="pq_phone_member")


def _phone_branch(env, name="Phone Branch"):
    Org = env["party.organization"]
    committee = Org.create({"name": f"{name} Committee", "kind": "committee"})
    return Org.create(
        {
            "name": name,
            "kind": "branch",
            "parent_id": committee.id,
            "branch_type_id": env.ref("party_quant.branch_type_service").id,
        }
    )


@tagged("post_install", "-at_install")
class TestMemberPhoneTour(HttpCase):
    """A member on a 412 px phone, in Chinese: claims points with a photo and submits
    with a visible button; after the branch's approval finds the result in the Discuss
    inbox; after the publication appeals from the publicity with a visible 申诉."""

    browser_size = "412x915"
    touch_enabled = True

    def test_member_claims_with_photo_sees_approval_and_appeals(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        branch = _phone_branch(self.env)
        member_user = mail_new_test_user(
            self.env,
            login="pq_phone_member",
            groups="base.group_user,party_quant.group_party_member",
            lang="zh_CN",
            notification_type="inbox",
        )
        member_user.action_id = self.env.ref("party_quant.party_member_workbench_action").id
        member = self.env["party.member"].create(
            {"name": "Tour Phone Member", "organization_id": branch.id, "user_id": member_user.id}
        )
        officer = mail_new_test_user(
            self.env,
            login="pq_phone_secretary",
            groups="base.group_user,party_quant.group_party_branch",
            lang="zh_CN",
        )
        officer.party_organization_ids = branch
        Rule = self.env["party.point.rule"]
        rule = Rule.create(
            {
                "name": "Tour photo rule",
                "part": "advancement",
                "points": 3,
                "points_min": 2,
                "points_max": 4,
                "evidence_required": True,
            }
        )
        Rule.create(
            [
                {"name": "Tour deduction rule", "part": "deduction", "points": -2},
                {"name": "Tour attendance rule", "part": "obligation", "source": "meeting"},
            ]
        )
        Line = self.env["party.point.line"]

        self.start_tour("/odoo", "party_quant_member_claim_photo", login="pq_phone_member")
        line = Line.search([("member_id", "=", member.id), ("rule_id", "=", rule.id)])
        self.assertEqual(line.state, "submitted", "submitted from the phone")
        self.assertEqual(line.attachment_ids.mapped("name"), ["volunteer_day.png"])
        self.assertEqual(
            (line.attachment_ids.res_model, line.attachment_ids.res_id), (Line._name, line.id)
        )

        line.with_user(officer).action_approve()
        self.start_tour("/odoo", "party_quant_member_inbox", login="pq_phone_member")

        publicity = (
            self.env["party.point.publicity"]
            .with_user(officer)
            .create(
                {
                    "organization_id": branch.id,
                    "period_id": self.env["party.period"]._get_period(line.date).id,
                }
            )
        )
        publicity.action_publish()
        self.start_tour("/odoo", "party_quant_member_appeal", login="pq_phone_member")
        appeal = self.env["party.point.appeal"].search([("publicity_id", "=", publicity.id)])
        self.assertEqual(len(appeal), 1, "one appeal: the cancelled dialog saved nothing")
        self.assertEqual(appeal.point_line_id, line)
        self.assertEqual(appeal.reason, "The photo shows two volunteer days")


@tagged("post_install", "-at_install")
class TestSecretaryWorkbenchTour(HttpCase):
    """A branch secretary lands on their workbench and reaches every task of the month
    from it: self-assessment, meetings, claims to approve, dues unpaid, publicity."""

    def test_secretary_reaches_every_task(self):
        branch = _phone_branch(self.env, "Desk Branch")
        secretary = mail_new_test_user(
            self.env,
            login="pq_desk_secretary",
            name="Desk Secretary",
            groups="base.group_user,party_quant.group_party_branch",
            lang="en_US",
        )
        secretary.party_organization_ids = branch
        secretary.action_id = self.env.ref("party_quant.party_workbench_action").id
        member = self.env["party.member"].create(
            {"name": "Desk Member", "organization_id": branch.id}
        )
        today = fields.Date.today()
        month = self.env["party.period"]._get_period(today)
        if month.state == "closed":  # by the demo data
            month._reopen("Secretary tour")
        self.env["party.evaluation"].create({"organization_id": branch.id, "period_id": month.id})
        rule = self.env["party.point.rule"].create(
            {"name": "Desk rule", "part": "role", "points": 2}
        )
        claim = self.env["party.point.line"].create(
            {"member_id": member.id, "rule_id": rule.id, "date": today}
        )
        claim.action_submit()
        self.env["party.dues"].create(
            {"member_id": member.id, "month": today.replace(day=1), "amount_due": 10}
        )
        publicity = self.env["party.point.publicity"].create(
            {"organization_id": branch.id, "period_id": month.id}
        )
        self.start_tour("/odoo", "party_quant_secretary_workbench", login="pq_desk_secretary")
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.approved_by_id, secretary)
        self.assertEqual(publicity.state, "published")
        self.assertEqual(publicity.line_ids.member_id, member)
