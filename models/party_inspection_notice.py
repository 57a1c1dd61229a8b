"""Notices of the cross inspections in a person's Discuss inbox: one message on the
record concerned per person, in their language, whatever their notification preference
(an officer or a member without an e-mail address is told all the same)."""

from markupsafe import Markup

from odoo import fields

from .party_labels import company_lang


def inbox_notices(records, recipients, body):
    """Post on each of ``records`` one message per partner of ``recipients(record)``,
    with ``body(record, env)`` written in that partner's language, and put it in their
    inbox. Two batched creations whatever the number of records and people."""
    env = records.env
    rows = [(record, partner) for record in records.sudo() for partner in recipients(record).sudo()]
    if not rows:
        return env["mail.message"]
    # The author is whoever acted (the current user), as with message_post.
    author_id, email_from = records._message_compute_author(raise_on_email=False)
    subtype_id = env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
    vals_list = []
    for record, partner in rows:
        lang_env = record.with_context(lang=partner.lang or company_lang(env)).env
        vals_list.append(
            {
                "author_id": author_id,
                "email_from": email_from,
                "model": record._name,
                "res_id": record.id,
                "body": Markup("<p>%s</p>") % body(record.with_env(lang_env), lang_env),
                "message_type": "notification",
                "subtype_id": subtype_id,
                "is_internal": True,
                "partner_ids": [partner.id],
            }
        )
    # sudo: the workflow's notices, posted whoever acts (the actor may not write the
    # record any more, or read the person told).
    messages = records.sudo()._message_create(vals_list)
    env["mail.notification"].sudo().create(
        [
            {
                "author_id": author_id,
                "mail_message_id": message.id,
                "notification_status": "sent",
                "notification_type": "inbox",
                "res_partner_id": partner.id,
            }
            for message, (_record, partner) in zip(messages, rows, strict=True)
        ]
    )
    return messages


def schedule_todos(records, users_of, summary, deadline=None, note=None):
    """One to-do (mail activity) on each of ``records`` for each user of
    ``users_of(record)`` who has no open to-do with that summary there yet."""
    env = records.env
    activity_type = env.ref("mail.mail_activity_data_todo")
    model_id = env["ir.model"]._get_id(records._name)
    # sudo: activities are the workflow's notifications, whoever triggers them.
    existing = {
        (activity.res_id, activity.user_id.id)
        for activity in env["mail.activity"]
        .sudo()
        .search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
                ("summary", "=", summary),
            ]
        )
    }
    vals_list = [
        {
            "activity_type_id": activity_type.id,
            "res_model_id": model_id,
            "res_id": record.id,
            "user_id": user.id,
            "date_deadline": deadline or fields.Date.context_today(record),
            "summary": summary,
            "note": note,
            "automated": True,
        }
        for record in records.sudo()
        for user in users_of(record)
        if (record.id, user.id) not in existing
    ]
    return env["mail.activity"].sudo().create(vals_list)
