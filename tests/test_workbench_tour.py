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
