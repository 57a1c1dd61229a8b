from markupsafe import escape

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

from .party_labels import company_lang


def notify_inbox(records, bodies, partners):
    """A note on each record, ``bodies[record.id]``, addressed to the partner
    ``partners[record.id]`` in their Discuss inbox: one message, its recipient and one
    inbox entry per record, inserted in one statement whatever the number of records
    (whatever their notification preference: the workflow's notices are read in the
    app). The author is whoever decided (the current user), as with message_post; the
    values are those ``_message_create`` would write (a note logged as the tracking's
    is: its reply-to the company's, nothing to reply to by e-mail), and the messenger
    queues its cards for the new inbox entries as it does for the ORM's."""
    if not bodies:
        return
    env = records.env
    author_id, email_from = records._message_compute_author(raise_on_email=False)
    subtype_id = env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
    reply_to = env["mail.thread"]._notify_get_reply_to(default=email_from)[False]
    Message = env["mail.message"]
    body_field = Message._fields["body"]
    res_ids = list(bodies)
    names = {record.id: record.display_name for record in records.browse(res_ids)}
    now = env.cr.now()
    env.cr.execute(
        SQL(
            """WITH new AS (
                    SELECT * FROM unnest(%(res_ids)s::int[], %(partners)s::int[],
                                         %(bodies)s::text[], %(names)s::varchar[],
                                         %(message_ids)s::varchar[])
                        AS new(res_id, partner_id, body, record_name, message_id)),
                message AS (
                    INSERT INTO mail_message (author_id, email_from, reply_to, model, res_id,
                                              record_name, body, message_type, subtype_id,
                                              is_internal, message_id, date,
                                              email_add_signature, create_uid, create_date,
                                              write_uid, write_date)
                    SELECT %(author)s, %(email_from)s, %(reply_to)s, %(model)s, new.res_id,
                           new.record_name, new.body, 'notification', %(subtype)s, TRUE,
                           new.message_id, %(date)s, TRUE, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM new
                    RETURNING id, res_id),
                recipient AS (
                    INSERT INTO mail_message_res_partner_rel (mail_message_id, res_partner_id)
                    SELECT message.id, new.partner_id FROM message JOIN new USING (res_id))
               INSERT INTO mail_notification (author_id, mail_message_id, notification_status,
                                              notification_type, res_partner_id)
               SELECT %(author)s, message.id, 'sent', 'inbox', new.partner_id
                 FROM message JOIN new USING (res_id)
               RETURNING id""",
            res_ids=res_ids,
            partners=[partners[res_id] for res_id in res_ids],
            bodies=[
                body_field.convert_to_column(escape(bodies[res_id]), Message) for res_id in res_ids
            ],
            names=[names[res_id] for res_id in res_ids],
            message_ids=[
                generate_tracking_message_id(f"{res_id}-{records._name}") for res_id in res_ids
            ],
            author=author_id,
            email_from=email_from,
            reply_to=reply_to,
            model=records._name,
            subtype=subtype_id,
            date=fields.Datetime.now(),
            uid=env.uid,
            now=now,
        )
    )
    notices = env["mail.notification"].browse(row[0] for row in env.cr.fetchall())
    # What mail.message's create invalidates on the documents.
    records.browse(res_ids).invalidate_recordset(
        ["message_ids", "message_needaction", "message_needaction_counter"]
    )
    # sudo: mail.notification - the inbox entries just inserted, queued to the messenger.
    notices.sudo()._party_messenger_queue()


class PartyDecisionMixin(models.AbstractModel):
    """How a workflow decision reaches its people, the same way for every workflow:
    the subject is told in their Discuss inbox (in their language), and the next
    person's to-do (``mail.activity``) is created, the previous one removed. Called from
    ``_after_transition`` (models/party_guard.py), once per batch, so a button, a plain
    ``write`` of ``state`` and a cron tell the same people. The README's decision ×
    notice table lists who is told of what."""

    _name = "party.decision.mixin"
    _description = "Party Decision: Notice to the Subject and the Next Person's To-do"

    def _decision_notify(self, subject, message):
        """A message in each record's subject's inbox: ``subject(record)`` is their
        partner (or nothing: nobody is told), ``message(record, env)`` the text in
        ``env``'s language (the subject's). Set-based: one message per record and one
        inbox notification each, created in two batches whatever the number of records;
        in the inbox whatever the subject's notification preference (nothing to send by
        e-mail within the decision). No live bus message: Odoo formats one per message
        and user, a query set per record; the subject sees it in the inbox and its
        counter at their next page load."""
        # The decider may not read the subject's user or partner; the subject is told
        # anyway, and the message is the workflow's log of the decision.
        records = self.sudo()
        bodies, partners = {}, {}
        for record in records:
            partner = subject(record)
            if not partner:
                continue
            env = record.with_context(lang=partner.lang or company_lang(self.env)).env
            bodies[record.id] = message(record.with_env(env), env)
            partners[record.id] = partner.id
        if bodies:
            notify_inbox(records, bodies, partners)

    def _decision_todo(self, activity_type_xmlid, users, deadline=None):
        """The next person's to-do on each record: an activity of the type for each of
        ``users(record)`` (users), due on ``deadline(record)`` (today when not given),
        created in one batch."""
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(activity_type_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "activity_type_id": type_id,
                "res_model_id": model_id,
                "res_id": record.id,
                "user_id": user.id,
                "date_deadline": (deadline and deadline(record)) or today,
                "automated": True,
            }
            for record in self
            for user in users(record)
        ]
        if vals_list:
            # The one who moved the record (often a member) has no rights on others'
            # activities; these are the workflow's to-dos for the next person.
            self.env["mail.activity"].sudo().create(vals_list)

    def _decision_done(self, activity_type_xmlid):
        """Remove the to-dos of the type on the records, whoever they were for: the
        decision's tracking and notice already say who decided, and when (a "done"
        message each would cost a rendered template, a message and its notifications).
        One statement, as the system: the ORM's unlink would read them, look for their
        external ids, files and defaults, and empty the whole cache (a decision's notice
        then read its records again); their users' counters are refreshed as it does."""
        if not self.ids:
            return
        # The type's id (cached by the registry; env.ref would check it exists each time).
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(activity_type_xmlid)
        Activity = self.env["mail.activity"]
        Activity.flush_model(["res_model", "res_id", "activity_type_id"])
        self.env.cr.execute(
            SQL(
                """DELETE FROM mail_activity AS activity
                    WHERE activity.res_model = %s AND activity.res_id IN %s
                      AND activity.activity_type_id = %s AND activity.active
                RETURNING activity.id,
                          CASE WHEN activity.date_deadline <= %s THEN
                              (SELECT partner_id FROM res_users WHERE id = activity.user_id)
                          END,
                          EXISTS (SELECT 1 FROM ir_attachment
                                   WHERE res_model = 'mail.activity'
                                     AND res_id = activity.id)""",
                self._name,
                tuple(self.ids),
                type_id,
                fields.Date.today(),
            )
        )
        rows = self.env.cr.fetchall()
        # What the records read of their to-dos is read again (even when none went:
        # a to-do created next joins a list read afresh).
        self.invalidate_recordset([name for name in self._fields if name.startswith("activity_")])
        if not rows:
            return
        Activity.browse(row[0] for row in rows).invalidate_recordset()
        # What mail.activity's unlink does for the to-dos due: their users' counters.
        partners = {row[1] for row in rows if row[1]}
        if partners:
            self.env["res.partner"].browse(sorted(partners))._bus_send(
                "mail.activity/updated", {"activity_deleted": True}
            )
        # The files someone attached to a to-do go with it, as with the ORM's unlink.
        with_files = [row[0] for row in rows if row[2]]
        if with_files:
            # sudo: ir.attachment - the removed to-dos' own files.
            self.env["ir.attachment"].sudo().search(
                [("res_model", "=", "mail.activity"), ("res_id", "in", with_files)]
            ).unlink()
