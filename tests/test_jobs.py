from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestJobs(HttpCase, PartyQuantCase):
    """Long prints go to a background job above the size setting; the cron runs the
    job in steps with progress, attaches the file and notifies its owner; a failed job
    says why and can be retried. An HttpCase: wkhtmltopdf loads Odoo's report CSS from
    the test server, which serves it in the test's transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Job = cls.env["party.job"]
        cls.cron = cls.env.ref("party_quant.ir_cron_party_jobs")
        cls.year = 2030

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def set_size(self, size):
        self.env["ir.config_parameter"].sudo().set_param("party_quant.background_size", size)

    def run_cron(self, steps=20):
        """What the cron worker does: call the method while jobs remain."""
        Job = self.Job.with_context(force_report_rendering=True)
        for _step in range(steps):
            Job._cron_run()
            if not self.Job.sudo().search_count([("state", "in", ("queued", "running"))]):
                return
        self.fail("jobs still running after %s steps" % steps)

    def job_of(self, action):
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual(action["res_model"], "party.job")
        return self.Job.browse(action["res_id"])

    def test_small_print_at_once(self):
        self.set_size(100)
        action = self.committee.with_user(self.user_committee).action_print_handbooks(self.year)
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "party_quant.report_handbook_branch")
        self.assertEqual(action["data"], {"year": self.year, "ids": self.committee.ids})
        self.assertFalse(self.Job.sudo().search([]))

    def test_direct_print_refused_above_size(self):
        """A request for more handbooks than the size setting (a URL typed by hand) is
        refused: only the background job renders them, in parts of that size."""
        self.set_size(2)
        Report = self.env["ir.actions.report"].with_user(self.user_committee)
        with self.assertRaisesRegex(UserError, "5.*2"):
            Report._render_qweb_html(
                "party_quant.action_report_handbook_branch", self.committee.ids
            )
        html = Report._render_qweb_html(
            "party_quant.action_report_handbook_branch", self.branch_11.ids
        )
        self.assertIn(b"M11b", html[0])

    def test_handbooks_in_background(self):
        self.set_size(2)
        self.user_committee.notification_type = "email"
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        action = self.committee.with_user(self.user_committee).action_print_handbooks(self.year)
        job = self.job_of(action).with_user(self.user_committee)
        self.assertEqual(
            (job.state, job.kind, job.user_id), ("queued", "handbooks", self.user_committee)
        )
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers + 1,
            "queuing wakes the cron",
        )
        # One step: the first two of the five members, committed as progress.
        self.Job.with_context(force_report_rendering=True)._cron_run()
        job.invalidate_recordset()
        self.assertEqual((job.state, job.done, job.total), ("running", 2, 5))
        self.assertAlmostEqual(job.progress, 40.0)
        self.assertEqual(len(job.sudo().part_ids), 1)
        self.run_cron()
        job.invalidate_recordset()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.progress, 100.0)
        self.assertFalse(job.sudo().part_ids, "the parts are removed once joined")
        self.assertTrue(job.attachment_id.raw.startswith(b"%PDF"))
        self.assertEqual(job.attachment_id.name, f"{job.name}.pdf")
        message = job.message_ids.filtered(lambda m: m.attachment_ids == job.attachment_id)
        self.assertEqual(len(message), 1)
        # In the inbox, though the user asked for notifications by email.
        self.assertEqual(self.user_committee.notification_type, "email")
        self.assertEqual(
            message.notification_ids.filtered(
                lambda n: n.res_partner_id == self.user_committee.partner_id
            ).notification_type,
            "inbox",
        )
        # Jobs are their owner's.
        with self.assertRaises(AccessError):
            job.with_user(self.user_branch).read(["name"])
        self.assertEqual(self.Job.with_user(self.user_admin).search([]), job)

    def test_wizard_and_member_print_in_background(self):
        self.set_size(1)
        Wizard = self.env["party.handbook.print"].with_user(self.user_committee)
        action = (
            Wizard.with_context(active_model="party.member", active_ids=(self.m11a | self.m11b).ids)
            .create({"year": self.year})
            .action_print()
        )
        job = self.job_of(action)
        self.assertEqual((job.sudo().res_model, job.year), ("party.member", self.year))
        self.run_cron()
        self.assertEqual(job.state, "done")
        self.assertTrue(job.attachment_id.raw.startswith(b"%PDF"))

    def test_ledger_in_background(self):
        self.set_size(1)
        action = self.branch_11.with_user(self.user_branch).action_print_ledger(self.year)
        job = self.job_of(action)
        self.assertEqual(job.kind, "ledger")
        self.run_cron()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.attachment_id.name, f"{job.name}.xlsx")
        self.assertTrue(job.attachment_id.raw.startswith(b"PK"))

    def test_failure_says_why_and_retry(self):
        self.set_size(1)
        members = (self.m11a | self.m11b).with_user(self.user_branch)
        job = self.job_of(members.action_print_handbooks(self.year)).with_user(self.user_branch)
        # The officer leaves the branch before the job runs: it fails, with the reason.
        self.user_branch.party_organization_ids = self.branch_21
        self.run_cron()
        job.invalidate_recordset()
        self.assertEqual(job.state, "failed")
        # The AccessError in plain words (issue 21 (d)), naming the records' kind in the
        # user's language, not the technical model.
        kind = (
            self.env["ir.model"].with_context(lang=self.user_branch.lang)._get("party.member").name
        )
        self.assertIn(kind, job.error, "the AccessError, in the user's language")
        self.assertNotIn("top-secret", job.error)
        self.assertFalse(job.attachment_id)
        self.assertFalse(job.sudo().part_ids)
        failed = job.message_ids.filtered(
            lambda m: self.user_branch.partner_id in m.notified_partner_ids
        )
        self.assertEqual(len(failed), 1)
        self.assertIn(kind, failed.body, "the reason, in the owner's inbox")
        # Nobody else retries it; the owner does once the cause is gone.
        with self.assertRaises(AccessError):
            job.with_user(self.user_general).action_retry()
        self.user_branch.party_organization_ids = self.branch_11
        job.action_retry()
        self.assertEqual((job.state, job.error, job.done), ("queued", False, 0))
        self.run_cron()
        job.invalidate_recordset()
        self.assertEqual(job.state, "done")
        self.assertTrue(job.attachment_id.raw.startswith(b"%PDF"))

    def test_users_cannot_forge_jobs(self):
        with self.assertRaises(UserError):
            self.Job.with_user(self.user_committee).create({"name": "x", "kind": "signals"})
        job = self.Job.sudo().create(
            {"name": "x", "kind": "signals", "user_id": self.user_committee.id}
        )
        with self.assertRaises(UserError):
            job.with_user(self.user_committee).write({"state": "done"})
        with self.assertRaises(UserError):
            job.with_user(self.user_committee).write({"error": "forged"})

    def test_signals_refresh_in_background(self):
        action = (
            self.env["party.record.signal"].with_user(self.user_general).action_refresh_signals()
        )
        job = self.job_of(action)
        self.run_cron()
        self.assertEqual(job.state, "done")
        done = job.message_ids.filtered(
            lambda m: self.user_general.partner_id in m.notified_partner_ids
        )
        self.assertEqual(len(done), 1)
        self.assertIn(job.name, done.body)
