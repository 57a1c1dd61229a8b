"""Background jobs: long prints and refreshes run by a cron worker, not in a request.

A job is queued by the screen that asks for it (the Print menu, the handbook wizard,
the signals' *Refresh*) when the work exceeds a size (the setting
``party_quant.background_size``, in members); the ``ir.cron`` "run background jobs"
is triggered at once (``_trigger``) and does the work in steps. Each step is one call
of the cron's method, in its own transaction: it reports ``_notify_progress`` and the
cron calls it again while jobs remain, so the job's progress is committed and shown
while the rest is still running, without a commit in this code. Crons take their
work with ``FOR NO KEY UPDATE SKIP LOCKED`` and each step locks its job the same way,
so the cron workers of several machines share the jobs. The result is an attachment
posted on the job to its owner's inbox; a failed job keeps the reason and can be
retried.
"""

import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.pdf import merge_pdf

from .party_guard import SYSTEM
from .party_settings import SETTINGS, setting

_logger = logging.getLogger(__name__)

# Work above this size (members) goes to the background.
BACKGROUND_SIZE = SETTINGS["background_size"]
# Members rendered per step of a handbook print: one wkhtmltopdf call and one commit
# of the progress (about 10 s per 100 members on the 2-core development machine).
HANDBOOK_STEP = 100

JOB_KINDS = [
    ("handbooks", "Points Handbooks"),
    ("ledger", "Points Ledger"),
    ("signals", "Record Signals Refresh"),
]


class PartyJob(models.Model):
    _name = "party.job"
    _description = "Background Job"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "id desc"

    _initial_state = "queued"
    _transitions = {
        ("queued", "running"): SYSTEM,
        ("running", "queued"): SYSTEM,
        ("queued", "done"): SYSTEM,
        ("running", "done"): SYSTEM,
        ("queued", "failed"): SYSTEM,
        ("running", "failed"): SYSTEM,
        ("failed", "queued"): "owner",
    }
    _system_fields = frozenset(
        {
            "name",
            "kind",
            "user_id",
            "res_model",
            "res_ids",
            "year",
            "done",
            "total",
            "error",
            "attachment_id",
            "part_ids",
            "date_started",
            "date_finished",
        }
    )

    name = fields.Char(required=True, readonly=True)
    kind = fields.Selection(JOB_KINDS, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Requested by",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    res_model = fields.Char(string="Records Model", readonly=True)
    res_ids = fields.Json(string="Records Printed", readonly=True)
    year = fields.Integer(readonly=True)
    state = fields.Selection(
        [("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        string="Status",
        default="queued",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    done = fields.Integer(readonly=True)
    total = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress", help="Percent of the work done.")
    error = fields.Text(string="Why It Failed", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True)
    part_ids = fields.Many2many("ir.attachment", string="Parts Done", readonly=True)
    date_started = fields.Datetime(string="Started", readonly=True)
    date_finished = fields.Datetime(string="Finished", readonly=True)

    @api.depends("done", "total", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100.0
            else:
                job.progress = 100.0 * job.done / job.total if job.total else 0.0

    def _may_owner(self):
        return self.user_id == self.env.user or self.env.user.has_group(
            "party_quant.group_party_admin"
        )

    # ------------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------------
    @api.model
    def _background_size(self):
        return setting(self.env, *BACKGROUND_SIZE)

    @api.model
    def _enqueue(self, kind, name, records=None, year=None):
        """Queue a job for the current user and wake a cron worker; the action shows the
        job (its progress) to the user."""
        # The job and its system fields are written by the system for the requester:
        # users only read their jobs and retry them.
        job = self.sudo().create(
            {
                "name": name,
                "kind": kind,
                "user_id": self.env.uid,
                "res_model": records._name if records is not None else False,
                "res_ids": records.ids if records is not None else False,
                "year": year,
            }
        )
        self.env.ref("party_quant.ir_cron_party_jobs")._trigger()
        return job.with_env(self.env)._action_show()

    def _action_show(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Background Job"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_retry(self):
        """A failed job starts again from the beginning (the owner or an administrator)."""
        self.write({"state": "queued"})
        # The system clears what the failed run left: its reason and its parts.
        self.sudo().part_ids.unlink()
        self.sudo().write({"error": False, "done": 0, "date_finished": False})
        self.env.ref("party_quant.ir_cron_party_jobs")._trigger()
        return True

    def action_refresh(self):
        """The form's *Refresh* button: reread the progress."""
        return True

    # ------------------------------------------------------------------
    # Running (the cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_run(self):
        """One step of the oldest job that no other worker holds; the cron calls again
        while jobs remain (``_notify_progress`` with what is left)."""
        self.env.cr.execute(
            SQL(
                """SELECT id FROM %s WHERE state IN ('queued', 'running')
                   ORDER BY id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED""",
                SQL.identifier(self._table),
            )
        )
        row = self.env.cr.fetchone()
        if row:
            # The cron's user is the system: it runs the jobs of every user.
            self.browse(row[0]).sudo()._run_step()
        remaining = self.sudo().search_count([("state", "in", ("queued", "running"))])
        self.env["ir.cron"]._notify_progress(done=1 if row else 0, remaining=remaining)

    def _run_step(self):
        self.ensure_one()
        if self.state == "queued":
            self.write({"state": "running", "date_started": fields.Datetime.now(), "done": 0})
        try:
            with self.env.cr.savepoint():
                getattr(self, f"_step_{self.kind}")(self._user_env())
        except Exception as error:  # noqa: BLE001 - any failure is the job's reason
            _logger.info("Background job %s failed", self.id, exc_info=True)
            self._fail(error)

    def _user_env(self):
        """The requester's environment: their access rights, language and company."""
        user = self.user_id
        return self.env(
            user=user,
            su=False,
            context=dict(
                self.env.context,
                lang=user.lang,
                tz=user.tz,
                allowed_company_ids=user.company_id.ids,
            ),
        )

    def _fail(self, error):
        message = getattr(error, "args", None) and str(error.args[0]) or repr(error)
        self.part_ids.unlink()
        self.write(
            {
                "state": "failed",
                "error": message,
                "date_finished": fields.Datetime.now(),
            }
        )
        self._notify_owner(
            self.with_context(lang=self.user_id.lang).env._(
                "%(job)s failed: %(reason)s", job=self.name, reason=message
            )
        )

    def _finish(self, content=None, filename=None, body=None):
        values = {"state": "done", "date_finished": fields.Datetime.now(), "done": self.total}
        attachment = self.env["ir.attachment"]
        if content is not None:
            attachment = attachment.create(
                {
                    "name": filename,
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
            values["attachment_id"] = attachment.id
        self.part_ids.unlink()
        self.write(values)
        lang_env = self.with_context(lang=self.user_id.lang).env
        self._notify_owner(
            body or lang_env._("%(job)s is ready.", job=self.name), attachment_ids=attachment.ids
        )

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """The owner is told in their Discuss inbox, whatever their notification
        preference (the file is there, not in a mail)."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        owners = set(self.user_id.partner_id.ids)
        for recipient in recipients:
            if recipient["id"] in owners and recipient.get("notif") == "email":
                recipient["notif"] = "inbox"
        return recipients

    def _notify_owner(self, body, attachment_ids=None):
        """A message on the job, in its owner's inbox, with the file."""
        self.message_post(
            body=body,
            partner_ids=self.user_id.partner_id.ids,
            attachment_ids=attachment_ids or [],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------
    # The kinds of work, each run as its requester
    # ------------------------------------------------------------------
    def _records(self, env):
        records = env[self.res_model].browse(self.res_ids or []).exists()
        if not records:
            raise UserError(env._("The records of this job no longer exist."))
        return records

    def _handbook_members(self, env):
        records = self._records(env)
        if records._name == "party.member":
            return records.sorted(lambda member: (member.organization_id.id, member.name))
        return env["report.party_quant.report_handbook_branch"]._members(records)

    def _step_handbooks(self, env):
        """The next members' handbooks as one part; the last step joins the parts and
        draws the running line and "page n of N" over the whole file."""
        members = self._handbook_members(env)
        if not self.total:
            self.total = len(members)
        batch = members[self.done : self.done + min(HANDBOOK_STEP, self._background_size())]
        report = env.ref("party_quant.action_report_handbook")
        data = {"year": self.year, "ids": batch.ids}
        if batch:
            # The PDF without page numbers: those of the whole file are drawn once
            # every part is done.
            content, _kind = env["ir.actions.report"]._render_party_pdf_pages(
                report, batch.ids, data=data
            )
            part = self.env["ir.attachment"].create(
                {
                    "name": f"{self.id}-{self.done}.pdf",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
            self.write({"part_ids": [(4, part.id)], "done": self.done + len(batch)})
        if self.done < self.total:
            return
        parts = self.part_ids.sorted("id")
        content = merge_pdf([part.raw for part in parts]) if len(parts) > 1 else parts.raw
        records = self._records(env)
        printed = (
            report
            if records._name == "party.member"
            else (env.ref("party_quant.action_report_handbook_branch"))
        )
        report_model = env[f"report.{printed.report_name}"]
        line = report_model._running_line(printed, records, {"year": self.year})
        content = report_model._stamp_pages(content, line)
        self._finish(content, f"{self.name}.pdf")

    def _step_ledger(self, env):
        organizations = self._records(env)
        self.total = 1
        content, _kind = env["ir.actions.report"]._render_xlsx(
            "party_quant.action_report_points_ledger_xlsx",
            organizations.ids,
            {"year": self.year},
        )
        self._finish(content, f"{self.name}.xlsx")

    def _step_signals(self, env):
        env["party.record.signal"].check_access("read")
        self.total = 1
        # The refresh is the system's (as its daily cron): it recomputes every branch's
        # signals, which the requester may not all see.
        created = self.env["party.record.signal"].sudo()._refresh()
        lang_env = self.with_context(lang=self.user_id.lang).env
        self._finish(
            body=lang_env._(
                "%(job)s is done: %(count)s new signals.", job=self.name, count=len(created)
            )
        )


class PartyOrganization(models.Model):
    _inherit = "party.organization"

    def _scope_label(self):
        names = self[:3].mapped("name")
        return "、".join(names) + ("…" if len(self) > 3 else "")

    def action_print_handbooks(self, year=None):
        """The Print menu's *Points Handbooks of the Members*: the PDF at once, or a
        background job above the size setting."""
        year = year or fields.Date.context_today(self).year
        Job = self.env["party.job"]
        size = self.env["party.member"].search_count([("organization_id", "child_of", self.ids)])
        if size <= Job._background_size():
            return self.env.ref("party_quant.action_report_handbook_branch").report_action(
                self, data={"year": year, "ids": self.ids}, config=False
            )
        return Job._enqueue(
            "handbooks",
            _(
                "Points Handbooks %(scope)s %(year)s",
                scope=self._scope_label(),
                year=year,
            ),
            self,
            year,
        )

    def action_print_ledger(self, year=None):
        """The Print menu's *Points Ledger (Excel)*: the file at once, or a background
        job above the size setting."""
        year = year or fields.Date.context_today(self).year
        Job = self.env["party.job"]
        size = self.env["party.member"].search_count([("organization_id", "child_of", self.ids)])
        if size <= Job._background_size():
            return self.env.ref("party_quant.action_report_points_ledger_xlsx").report_action(
                self, data={"year": year, "ids": self.ids}, config=False
            )
        return Job._enqueue(
            "ledger",
            _("Points Ledger %(scope)s %(year)s", scope=self._scope_label(), year=year),
            self,
            year,
        )


class PartyMember(models.Model):
    _inherit = "party.member"

    def action_print_handbooks(self, year=None):
        """The Print menu's *Points Handbook*: the PDF at once, or a background job
        above the size setting."""
        year = year or fields.Date.context_today(self).year
        Job = self.env["party.job"]
        if len(self) <= Job._background_size():
            return self.env.ref("party_quant.action_report_handbook").report_action(
                self, data={"year": year, "ids": self.ids}, config=False
            )
        return Job._enqueue(
            "handbooks",
            _("Points Handbooks of %(count)s Members %(year)s", count=len(self), year=year),
            self,
            year,
        )


class PartyRecordSignal(models.Model):
    _inherit = "party.record.signal"

    @api.model
    def action_refresh_signals(self):
        """Recompute the signals now, in the background (the whole company's)."""
        self.check_access("read")
        return self.env["party.job"]._enqueue(
            "signals",
            _("Record Signals Refresh %(date)s", date=fields.Date.context_today(self).isoformat()),
        )
