from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestDues(PartyQuantCase):
    # No dues for a month that has not started: the tests' months are past.
    freeze_time = "2031-04-15"

    def test_on_time_earns_points_late_does_not(self):
        # Their dues by the tiers: 50 and 30.
        self.m11a.dues_base = 5000
        self.m11b.dues_base = 3000.01
        Dues = self.env["party.dues"].with_user(
            self.user_general
        )  # the secretary M11a is among them (issue 20)
        on_time, late, unpaid = Dues.create(
            [
                {
                    "member_id": self.m11a.id,
                    "month": "2030-06-15",
                    "amount_due": 50,
                    "amount_paid": 50,
                    "paid_date": "2030-06-20",
                },
                {
                    "member_id": self.m11b.id,
                    "month": "2030-06-01",
                    "amount_due": 30,
                    "amount_paid": 30,
                    "paid_date": "2030-07-03",
                },
                {
                    "member_id": self.m11b.id,
                    "month": "2030-07-01",
                    "amount_due": 30,
                    "amount_paid": 10,
                    "paid_date": "2030-07-03",
                },
            ]
        )
        self.assertEqual(on_time.month, date(2030, 6, 1))
        self.assertEqual((on_time.state, late.state, unpaid.state), ("on_time", "late", "due"))
        self.assertEqual(
            (on_time.point_line_id.points, on_time.point_line_id.state), (2, "approved")
        )
        self.assertFalse(late.point_line_id or unpaid.point_line_id)
        self.assertEqual(self.m11a.points_total, 2)
        self.assertEqual(unpaid.arrears, 20)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            on_time.write({"amount_paid": 40})
        # Paying the rest on time later in the month earns the points once.
        unpaid.write({"amount_paid": 30, "paid_date": "2030-07-20"})
        self.assertEqual(unpaid.point_line_id.points, 2)
        self.assertEqual(self.m11b.points_total, 2)

    def test_import_of_1000_rows_reports_row_errors(self):
        members = self.env["party.member"].create(
            [{"name": f"Payer {i}", "organization_id": self.branch_12.id} for i in range(1000)]
        )
        rows = [
            [member.name, "2031-03-01", "20", "20" if i % 100 else "-5", "2031-03-10"]
            for i, member in enumerate(members)
        ]
        result = self.env["party.dues"].load(
            ["member_id", "month", "amount_due", "amount_paid", "paid_date"], rows
        )
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors, "the rows with a negative amount are reported")
        self.assertFalse(result["ids"], "an import with errors imports nothing")
        good = [row for i, row in enumerate(rows) if i % 100]
        result = self.env["party.dues"].load(
            ["member_id", "month", "amount_due", "amount_paid", "paid_date"], good
        )
        self.assertFalse([m for m in result["messages"] if m["type"] == "error"])
        self.assertEqual(len(result["ids"]), 990)
        self.assertEqual(
            self.env["party.point.line"].search_count([("member_id", "in", members.ids)]), 990
        )
