from markupsafe import escape

from odoo import fields, models

from .party_labels import company_lang


def notify_inbox(records, bodies, partners):
    """A note on each record, ``bodies[record.id]``, addressed to the partner
    ``partners[record.id]`` in their Discuss inbox: one message and one inbox entry
    per record, created in a batch (whatever their notification preference: the
    workflow's notices are read in the app). The author is whoever decided (the
    current user), as with message_post."""
    author_id, email_from = records._message_compute_author(raise_on_email=False)
    subtype_id = records.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
    messages = records._message_create(
        [
            {
                "author_id": author_id,
                "email_from": email_from,
                "model": records._name,
                "res_id": record_id,
                "body": escape(body),
                "message_type": "notification",
                "subtype_id": subtype_id,
                "is_internal": True,
                "partner_ids": [partners[record_id]],
            }
            for record_id, body in bodies.items()
        ]
    )
    # sudo: mail.notification - the inbox entries of the messages just logged.
    records.env["mail.notification"].sudo().create(
        [
            {
                "author_id": author_id,
                "mail_message_id": message.id,
                "notification_status": "sent",
                "notification_type": "inbox",
                "res_partner_id": partners[message.res_id],
            }
            for message in messages
        ]
    )


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
        message each would cost a rendered template, a message and its notifications)."""
        # The type's id (cached by the registry; env.ref would check it exists each time).
        type_id = self.env["ir.model.data"]._xmlid_to_res_id(activity_type_xmlid)
        activities = self.sudo().activity_ids.filtered(lambda a: a.activity_type_id.id == type_id)
        if activities:
            # The workflow's own to-dos, removed by the system whoever decided.
            activities.unlink()
