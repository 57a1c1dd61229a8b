"""Dues by the statutory tiers (中组部 2008) and the arrears (党章 Art. 9)."""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestDuesTiers(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payers = cls.env["party.organization"].create(
            cls._branch_vals("Dues Branch", cls.general_1, cls.type_service)
        )
        cls.user_branch.party_organization_ids |= cls.payers
        cls.cases = [
            ("employed", 2999, 15.00),  # 14.995 rounded
            ("employed", 3000, 15.00),  # the bound belongs to the lower tier: 0.5%
            ("employed", 3000.01, 30.00),
            ("employed", 4200, 42.00),
            ("employed", 5000, 50.00),
            ("employed", 5000.01, 75.00),
            ("employed", 10000, 150.00),
            ("employed", 10000.01, 200.00),
            ("employed", 12000, 240.00),
            ("retired", 5000, 25.00),
            ("retired", 5200, 52.00),
            ("other", 0, 0.20),
            ("other", 8000, 0.20),
        ]
        cls.members = cls.env["party.member"].create(
            [
                {
                    "name": f"Payer {category} {base}",
                    "organization_id": cls.payers.id,
                    "dues_category": category,
                    "dues_base": base,
                    "dues_base_year": 2031,
                }
                for category, base, _amount in cls.cases
            ]
        )

    def test_amounts_by_the_tiers(self):
        for member, (category, base, amount) in zip(self.members, self.cases, strict=True):
            self.assertAlmostEqual(member.dues_amount, amount, 2, f"{category} {base}")

    @freeze_time("2031-04-15")
    def test_generated_month_follows_the_tiers(self):
        created = self.env["party.dues"].with_user(self.user_branch)._generate_month("2031-04-03")
        dues = self.env["party.dues"].search([("member_id", "in", self.members.ids)])
        self.assertEqual(len(dues), len(self.cases))
        self.assertGreaterEqual(created, len(self.cases))
        by_member = {d.member_id: d for d in dues}
        for member, (category, base, amount) in zip(self.members, self.cases, strict=True):
            record = by_member[member]
            self.assertAlmostEqual(record.amount_due, amount, 2, f"{category} {base}")
            self.assertEqual(
                (record.month, record.state, record.organization_id, record.arrears),
                (date(2031, 4, 1), "due", self.payers, record.amount_due),
            )
        # Once per member and month: a second run creates nothing.
        self.assertEqual(
            self.env["party.dues"].with_user(self.user_branch)._generate_month("2031-04-20"), 0
        )
        # Paid on time, the generated record earns the dues points as before.
        record = by_member[self.members[3]]
        record.with_user(self.user_branch).write({"amount_paid": 42, "paid_date": "2031-04-10"})
        self.assertEqual((record.state, record.point_line_id.points), ("on_time", 2))

    @freeze_time("2031-04-15")
    def test_generation_scope_and_future_month(self):
        Dues = self.env["party.dues"].with_user(self.user_branch)
        Dues._generate_month("2031-04-01")
        self.assertFalse(
            self.env["party.dues"].search([("organization_id", "=", self.branch_21.id)]),
            "not outside the officer's scope",
        )
        with self.assertRaisesRegex(UserError, "has not started"):
            Dues._generate_month("2031-05-01")
        with self.assertRaises(AccessError):
            self.env["party.dues"].with_user(self.user_member)._generate_month("2031-04-01")

    @freeze_time("2031-04-15")
    def test_generation_queries_do_not_grow_with_members(self):
        Dues = self.env["party.dues"]
        Dues._generate_month("2031-04-01")  # warm the caches
        self.env.flush_all()
        self.env["party.member"].create(
            [
                {"name": f"Few {i}", "organization_id": self.payers.id, "dues_base": 3000 + i}
                for i in range(2)
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.assertEqual(Dues._generate_month("2031-04-01"), 2)
        self.env["party.member"].create(
            [
                {"name": f"More {i}", "organization_id": self.payers.id, "dues_base": 4000 + i}
                for i in range(200)
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.assertEqual(Dues._generate_month("2031-04-01"), 200)

    def test_tier_table_checked(self):
        Tier = self.env["party.dues.tier"]
        with self.assertRaisesRegex(ValidationError, "overlap"):
            Tier.create(
                {"category": "retired", "lower_bound": 4000, "upper_bound": 6000, "rate": 1}
            )
        with self.assertRaisesRegex(ValidationError, "either a rate or a fixed amount"):
            Tier.create({"category": "other", "lower_bound": 50000, "rate": 1, "fixed_amount": 1})
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            Tier.create({"category": "employed", "lower_bound": 90000, "rate": 150})
        with self.assertRaisesRegex(ValidationError, "between 0 and"):
            self.members[0].write({"dues_base": -1})
        # The committee changes the rules: the amounts follow.
        self.env.ref("party_quant.dues_tier_other").with_user(self.user_committee).write(
            {"fixed_amount": 0.5}
        )
        self.assertAlmostEqual(self.members[-1].dues_amount, 0.5, 2)
        with self.assertRaises(AccessError):
            self.env.ref("party_quant.dues_tier_other").with_user(self.user_branch).write(
                {"fixed_amount": 0.1}
            )


@tagged("post_install", "-at_install")
class TestDuesArrears(PartyQuantCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m11b.write({"dues_base": 4000})
        cls.activity_type = cls.env.ref("party_quant.mail_activity_type_dues")

    def warnings(self, member):
        return member.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)

    def test_three_five_six_unpaid_months(self):
        Dues = self.env["party.dues"]
        months = [date(2030, month, 1) for month in range(1, 8)]
        with freeze_time("2030-01-20"):
            paid = Dues.create(
                {
                    "member_id": self.m11b.id,
                    "month": months[0],
                    "amount_due": 40,
                    "amount_paid": 40,
                    "paid_date": "2030-01-10",
                }
            )
        self.assertEqual(paid.state, "on_time")
        seen = []
        for index, month in enumerate(months[1:], start=1):
            with freeze_time(month.replace(day=2)):
                # The cron: the month's dues, and last month's counted unpaid.
                Dues._cron_generate_dues()
            seen.append(self.m11b.dues_unpaid_months)
            if index == 4:
                self.assertEqual(len(self.warnings(self.m11b)), 1, "warned at 3")
                self.assertIn("3 consecutive months", self.warnings(self.m11b).summary)
                self.assertEqual(self.warnings(self.m11b).user_id, self.user_branch)
        self.assertEqual(seen, [0, 1, 2, 3, 4, 5])
        self.assertFalse(self.m11b.dues_lapse)
        self.assertEqual(len(self.warnings(self.m11b)), 2, "warned at 3 and 5")
        with freeze_time("2030-08-02"):
            Dues._cron_generate_dues()
        self.assertEqual(self.m11b.dues_unpaid_months, 6)
        self.assertTrue(self.m11b.dues_lapse, "flagged at six months (Art. 9)")
        self.assertEqual(len(self.warnings(self.m11b)), 3)
        self.assertIn(
            "Art. 9",
            self.warnings(self.m11b)[:1].summary
            + " ".join(self.warnings(self.m11b).mapped("summary")),
        )
        # Paying the last month clears the count.
        with freeze_time("2030-08-03"):
            last = Dues.search([("member_id", "=", self.m11b.id), ("month", "=", "2030-07-01")])
            last.write({"amount_paid": last.amount_due, "paid_date": "2030-08-03"})
        self.assertEqual((self.m11b.dues_unpaid_months, self.m11b.dues_lapse), (0, False))

    def test_arrears_fields_refused_from_users(self):
        for name, value in (("dues_unpaid_months", 0), ("dues_lapse", False)):
            with self.assertRaisesRegex(UserError, "set by the system"):
                self.m11b.with_user(self.user_branch).write({name: value})


@tagged("post_install", "-at_install")
class TestDuesBackground(PartyQuantCase):
    freeze_time = "2031-04-15"

    def test_generation_above_the_size_runs_as_a_job(self):
        self.m11a.dues_base = 4200
        self.m11b.dues_base = 12000
        Dues = self.env["party.dues"].with_user(self.user_branch)
        self.env["ir.config_parameter"].set_param("party_quant.background_size", 1)
        action = Dues.action_generate_month()
        job = self.env["party.job"].browse(action["res_id"])
        self.assertEqual((job.kind, job.state, job.user_id), ("dues", "queued", self.user_branch))
        self.assertEqual(job.dues_month, date(2031, 4, 1))
        self.assertFalse(self.env["party.dues"].search([("member_id", "in", self.m11a.ids)]))
        while job.state in ("queued", "running"):
            self.env["party.job"]._cron_run()
        self.assertEqual(job.state, "done", job.error)
        dues = self.env["party.dues"].search([("organization_id", "=", self.branch_11.id)])
        self.assertEqual(sorted(dues.mapped("amount_due")), [42.0, 240.0])
        self.assertTrue(
            any(job.name in (m.body or "") for m in job.message_ids),
            job.message_ids.mapped("body"),
        )
        # Below the size: at once, with a notification.
        self.env["ir.config_parameter"].set_param("party_quant.background_size", 100)
        action = Dues.action_generate_month()
        self.assertEqual(action["tag"], "display_notification")

    def test_yearly_publication_per_branch(self):
        self.m11a.dues_base = 4200
        Dues = self.env["party.dues"]
        Dues._generate_month("2031-03-01")
        Dues._generate_month("2031-04-01")
        march = Dues.search([("member_id", "=", self.m11a.id), ("month", "=", "2031-03-01")])
        march.write({"amount_paid": 42, "paid_date": "2031-03-05"})
        values = self.env["report.party_quant.report_dues_publication"]._get_report_values(
            self.branch_11.ids, {"year": 2031}
        )
        rows = values["dues_rows"][self.branch_11.id]
        self.assertEqual(
            [(r["month"], r["due"], r["paid"], r["arrears"]) for r in rows],
            [("2031-03", 42.0, 42.0, 0.0), ("2031-04", 42.0, 0.0, 42.0)],
        )
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "party_quant.action_report_dues_publication", self.branch_11.ids, {"year": 2031}
        )
        # The month as the reader reads it (2031年4月 / April 2031), not 2031-04.
        self.assertIn(rows[1]["month_label"], html.decode())
        self.assertNotIn("2031-04", html.decode())
