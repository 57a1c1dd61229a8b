from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestDutyTour(HttpCase):
    """A branch secretary on a 412 px phone taps the workbench's duties line and opens
    the month's open duty of the branch committee meeting."""

    browser_size = "412x915"
    touch_enabled = True

    def test_secretary_opens_duties_from_workbench(self):
        Org = self.env["party.organization"]
        committee = Org.create({"name": "Duty Phone Committee", "kind": "committee"})
        branch = Org.create(
            {
                "name": "Duty Phone Branch",
                "kind": "branch",
                "parent_id": committee.id,
                "branch_type_id": self.env.ref("party_quant.branch_type_service").id,
            }
        )
        user = mail_new_test_user(
            self.env,
            login="pq_duty_secretary",
            groups="base.group_user,party_quant.group_party_branch",
            lang="en_US",
        )
        user.party_organization_ids = branch
        user.action_id = self.env.ref("party_quant.party_workbench_action").id
        secretary = self.env["party.member"].create(
            {"name": "Duty Phone Secretary", "organization_id": branch.id, "user_id": user.id}
        )
        branch.secretary_id = secretary
        Duty = self.env["party.duty"]
        Duty._generate([fields.Date.context_today(Duty)])
        Duty._refresh(branch)
        self.assertEqual(
            Duty.search(
                [
                    ("organization_id", "=", branch.id),
                    ("rule_id", "=", self.env.ref("party_quant.duty_rule_committee_meeting").id),
                ]
            ).state,
            "open",
        )
        self.start_tour("/odoo", "party_quant_duty_workbench", login="pq_duty_secretary")
