"""The messages pushed to WeCom or DingTalk (``party.notify.log``): what, to whom, by
which channel, and what became of it.

Each new to-do (``mail.activity``) of a party record for an officer and each inbox
notice (``mail.notification``) of a party record for a member queues one card, in the
same transaction as the decision that made it: a rollback queues nothing. Nothing is
sent there: the cron "send messenger messages" (triggered by the queueing, so it runs
once the transaction has committed) sends the due cards in batches, each batch in its
own transaction, taking its rows ``FOR NO KEY UPDATE SKIP LOCKED`` so that two workers
never send the same row; ``key`` is unique (the activity's or the notification's id),
so nothing is queued twice. A failed send is tried again after 1, 5, 30 and 120
minutes, then stays *failed* with its reason for the administrator, who may queue it
again.

减负: nobody is told what they did themselves; during the quiet hours (a setting,
21:00–08:00 Asia/Shanghai by default) cards are *held* until the hours end; users who
chose the daily digest get one message a day listing their held cards.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL, html2plaintext

from .party_guard import SYSTEM
from .party_labels import company_lang
from .party_messenger import CHANNELS, MessengerClient, MessengerError, next_digest, quiet_until

_logger = logging.getLogger(__name__)

# Minutes before each new try of a failed send; after the last, the card has failed.
BACKOFF_MINUTES = (1, 5, 30, 120)
# Cards sent per cron step (one transaction).
SEND_BATCH = 100
# The longest line of a card, and of a digest (the messengers cut longer texts).
LINE_CHARS = 120
DIGEST_LINES = 10

NOTIFY_STATES = [
    ("queued", "Queued"),
    ("held", "Held Back"),
    ("sent", "Sent"),
    ("failed", "Failed"),
]


class PartyNotifyLog(models.Model):
    _name = "party.notify.log"
    _description = "Messenger Message"
    _inherit = ["party.guard.mixin"]
    _order = "id desc"

    _initial_state = "queued"
    _transitions = {
        ("queued", "held"): SYSTEM,
        ("queued", "sent"): SYSTEM,
        ("queued", "failed"): SYSTEM,
        ("held", "queued"): SYSTEM,
        ("held", "sent"): SYSTEM,
        ("held", "failed"): SYSTEM,
        ("failed", "queued"): "admin",
    }
    _system_fields = frozenset(
        {
            "name",
            "line",
            "user_id",
            "messenger_userid",
            "channel",
            "company_id",
            "source",
            "res_model",
            "res_id",
            "key",
            "digest",
            "attempts",
            "next_try",
            "error",
            "date_sent",
        }
    )

    name = fields.Char(string="Title", required=True, readonly=True)
    line = fields.Char(string="Text", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Recipient",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    messenger_userid = fields.Char(string="Messenger ID", readonly=True)
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    source = fields.Selection(
        [("activity", "To-do"), ("notice", "Inbox Notice"), ("test", "Test")],
        required=True,
        readonly=True,
    )
    res_model = fields.Char(string="Record Model", readonly=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", readonly=True)
    key = fields.Char(required=True, readonly=True, help="What the card is of: sent once.")
    digest = fields.Boolean(string="In the Daily Digest", readonly=True)
    state = fields.Selection(
        NOTIFY_STATES,
        string="Status",
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(readonly=True, index=True)
    error = fields.Char(string="Last Error", readonly=True)
    date_sent = fields.Datetime(string="Sent", readonly=True)

    _sql_constraints = [
        ("key_unique", "UNIQUE(key)", "A message is queued once."),
    ]

    def _may_admin(self):
        return self.env.user.has_group("party_quant.group_party_admin")

    def action_retry(self):
        """The administrator sends failed cards again (once the cause is fixed)."""
        self.write({"state": "queued"})
        # The system's fields: a new round of tries from now.
        self.sudo().write({"attempts": 0, "next_try": fields.Datetime.now()})
        self._trigger_send([fields.Datetime.now()])
        return True

    # ------------------------------------------------------------------
    # Queueing (in the deciding transaction)
    # ------------------------------------------------------------------
    @api.model
    def _trigger_send(self, moments):
        cron = self.env.ref("party_quant.ir_cron_party_notify", raise_if_not_found=False)
        if cron and moments:
            cron._trigger(sorted(set(moments)))

    @api.model
    def _queue(self, items):
        """Queue one card per item ``{user, key, source, res_model, res_id, title(env),
        line(env)}`` (``title``/``line`` give the text in ``env``'s language, the
        recipient's) for the recipients whose company has a messenger and who have a
        messenger id; batched: one create and one trigger."""
        if not items:
            return self.browse()
        now = fields.Datetime.now()
        quiet_end = quiet_until(self.env)
        digest_at = None
        vals_list = []
        for item in items:
            user = item["user"]
            company = user.company_id
            if (
                not user.active
                or not user.party_messenger_userid
                or company.party_messenger_channel == "none"
            ):
                continue
            env = self.with_context(lang=user.lang or company_lang(self.env)).env
            digest = user.party_messenger_mode == "digest"
            if digest:
                digest_at = digest_at or next_digest(self.env)
            next_try = digest_at if digest else (quiet_end or now)
            vals_list.append(
                {
                    "name": item["title"](env)[:200],
                    "line": (item["line"](env) or "")[:LINE_CHARS],
                    "user_id": user.id,
                    "messenger_userid": user.party_messenger_userid,
                    "channel": company.party_messenger_channel,
                    "company_id": company.id,
                    "source": item["source"],
                    "res_model": item.get("res_model"),
                    "res_id": item.get("res_id"),
                    "key": item["key"],
                    "digest": digest,
                    "state": "held" if next_try > now else "queued",
                    "next_try": next_try,
                }
            )
        if not vals_list:
            return self.browse()
        # The system's log, whoever's decision queued it.
        logs = self.sudo().create(vals_list)
        self._trigger_send([vals["next_try"] for vals in vals_list])
        return logs

    # ------------------------------------------------------------------
    # Sending (the cron, after the commit)
    # ------------------------------------------------------------------
    @api.model
    def _due_domain(self):
        return [("state", "in", ("queued", "held")), ("next_try", "<=", fields.Datetime.now())]

    @api.model
    def _cron_send(self):
        """Send the due cards of one batch; the cron calls again while some remain."""
        now = fields.Datetime.now()
        quiet_end = quiet_until(self.env)
        Log = self.sudo()  # the cron sends everyone's cards
        if quiet_end:
            # Quiet hours: what fell due (a retry) waits for their end.
            due = Log.search(self._due_domain())
            due.filtered(lambda log: log.state == "queued").write({"state": "held"})
            due.write({"next_try": quiet_end})
            self._trigger_send([quiet_end] if due else [])
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        self.env.cr.execute(
            SQL(
                """SELECT id FROM %s WHERE state IN ('queued', 'held') AND next_try <= %s
                   ORDER BY id LIMIT %s FOR NO KEY UPDATE SKIP LOCKED""",
                SQL.identifier(self._table),
                now,
                SEND_BATCH,
            )
        )
        logs = Log.browse([row[0] for row in self.env.cr.fetchall()])
        if logs:
            logs._send()
        remaining = Log.search_count(self._due_domain())
        self.env["ir.cron"]._notify_progress(done=len(logs), remaining=remaining)

    def _send(self):
        """One message per card, one per user for the digest's cards; the results
        written in a few batches."""
        groups = defaultdict(lambda: self.browse())
        for log in self:
            groups[("digest", log.user_id.id) if log.digest else ("card", log.id)] |= log
        clients = {}
        sent = self.browse()
        failed = []
        for logs in groups.values():
            first = logs[0]
            company = first.company_id
            if company.id not in clients:
                clients[company.id] = MessengerClient.of(self.env, company)
            client = clients[company.id]
            try:
                if client is None or client.channel != first.channel:
                    raise MessengerError(_("The company no longer sends by this messenger."))
                title, line, next_url = logs._message()
                client.send(
                    [first.messenger_userid], title, line, client.login_url(next_url), first.key
                )
            except MessengerError as error:
                _logger.info("Messenger message %s not sent: %s", logs.ids, error)
                failed.append((logs, str(error)))
                continue
            sent |= logs
        now = fields.Datetime.now()
        if sent:
            sent.write({"state": "sent", "date_sent": now, "error": False})
            for attempts, logs in self._by_attempts(sent).items():
                logs.write({"attempts": attempts + 1})
        for logs, error in failed:
            for attempts, same in self._by_attempts(logs).items():
                if attempts < len(BACKOFF_MINUTES):
                    retry = now + timedelta(minutes=BACKOFF_MINUTES[attempts])
                    same.filtered(lambda log: log.state == "held").write({"state": "queued"})
                    same.write({"attempts": attempts + 1, "error": error, "next_try": retry})
                    self._trigger_send([retry])
                else:
                    same.write({"state": "failed", "attempts": attempts + 1, "error": error})

    @api.model
    def _by_attempts(self, logs):
        groups = defaultdict(lambda: self.browse())
        for log in logs:
            groups[log.attempts] |= log
        return groups

    def _message(self):
        """(title, line, next URL) of a card, or of a user's digest."""
        first = self[0]
        if not first.digest:
            next_url = f"/odoo/{first.res_model}/{first.res_id}" if first.res_model else "/odoo"
            return first.name, first.line or "", next_url
        env = self.with_context(lang=first.user_id.lang or company_lang(self.env)).env
        title = env._("Your to-dos and notices today: %(count)s", count=len(self))
        lines = [f"{number}. {log.name}: {log.line or ''}" for number, log in enumerate(self, 1)]
        if len(lines) > DIGEST_LINES:
            more = len(lines) - DIGEST_LINES
            lines = lines[:DIGEST_LINES] + [env._("… and %(count)s more.", count=more)]
        return title, "\n".join(lines), "/odoo/discuss"


def _party_record(model, res_id):
    return (model or "").startswith("party.") and res_id


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._party_messenger_queue()
        return activities

    def _party_messenger_queue(self):
        """A card for each new to-do of a party record, unless its user made it."""
        if not self.env["res.company"]._party_messenger_on():
            return
        todos = self.filtered(
            lambda a: _party_record(a.res_model, a.res_id) and a.user_id != self.env.user
        )
        if not todos:
            return
        # The to-do's record and type are read as the system (the decider may not read
        # the next person's record): the card says what waits, for its user.

        def title(activity):
            return lambda env: env._(
                "To-do: %(what)s",
                what=activity.summary or activity.activity_type_id.with_env(env).name or "",
            )

        def line(activity):
            return lambda env: env._(
                "%(record)s, due %(date)s",
                record=activity.res_name or "",
                date=activity.date_deadline or "",
            )

        self.env["party.notify.log"]._queue(
            [
                {
                    "user": activity.user_id.sudo(),  # the recipient's settings
                    "key": f"activity-{activity.id}",
                    "source": "activity",
                    "res_model": activity.res_model,
                    "res_id": activity.res_id,
                    "title": title(activity),
                    "line": line(activity),
                }
                for activity in todos.sudo()
            ]
        )


class MailNotification(models.Model):
    _inherit = "mail.notification"

    @api.model_create_multi
    def create(self, vals_list):
        notifications = super().create(vals_list)
        notifications._party_messenger_queue()
        return notifications

    def _party_messenger_queue(self):
        """A card for each inbox notice of a party record, unless its reader wrote it."""
        if not self.env["res.company"]._party_messenger_on():
            return
        # The notices of other readers, as the system: the decider may not read them.
        notices = self.sudo().filtered(
            lambda n: n.notification_type == "inbox"
            and _party_record(n.mail_message_id.model, n.mail_message_id.res_id)
            and n.res_partner_id != n.mail_message_id.author_id
        )
        if not notices:
            return
        partners = notices.res_partner_id
        # The users of the partners told (one search), as the system: the decider may
        # not read them.
        users = self.env["res.users"].sudo().search([("partner_id", "in", partners.ids)])
        user_of = {user.partner_id.id: user for user in users}

        def title(message):
            return lambda env: env["ir.model"]._get(message.model).with_env(env).name + (
                f": {message.record_name}" if message.record_name else ""
            )

        def line(message):
            text = " ".join(html2plaintext(message.body or "").split())
            return lambda env: text or message.subject or ""

        self.env["party.notify.log"]._queue(
            [
                {
                    "user": user_of[notice.res_partner_id.id],
                    "key": f"notice-{notice.id}",
                    "source": "notice",
                    "res_model": notice.mail_message_id.model,
                    "res_id": notice.mail_message_id.res_id,
                    "title": title(notice.mail_message_id),
                    "line": line(notice.mail_message_id),
                }
                for notice in notices
                if notice.res_partner_id.id in user_of
            ]
        )
