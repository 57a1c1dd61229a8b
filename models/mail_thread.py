from collections import defaultdict

from odoo import models
from odoo.exceptions import MissingError
from odoo.tools import formataddr


class MailThread(models.AbstractModel):
    """Officers of a party organization often have no e-mail address in the system:
    their steps of a party workflow (a meeting marked held, an approval, a to-do done)
    post to the record's chatter all the same. Mail still leaves from the server's
    default sender (``mail.default.from``), else the company's address, when such a
    post notifies by e-mail; Odoo
    otherwise refuses the whole step ("configure the sender's email address")."""

    _inherit = "mail.thread"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        if not self._name.startswith("party."):
            return super()._message_compute_author(
                author_id=author_id, email_from=email_from, raise_on_email=raise_on_email
            )
        author_id, email_from = super()._message_compute_author(
            author_id=author_id, email_from=email_from, raise_on_email=False
        )
        if not email_from:
            # The author's name at the server's sender address (the system's setting),
            # else at the company's address: mail with no sender cannot leave at all.
            sender = (
                self.env["ir.mail_server"].sudo()._get_default_from_address()
                or self.env.company.sudo().email
            )
            author = self.env["res.partner"].browse(author_id)
            email_from = formataddr((author.name or "", sender)) if sender else False
        return author_id, email_from

    def _process_attachments_for_post(self, attachments, attachment_ids, message_values):
        """Files posted in a party record's chatter are party files: their type and
        size are checked (models/party_bounds.py) when they join the record."""
        if self._name.startswith("party.") and attachment_ids and not self.env.su:
            self.env["ir.attachment"].browse(attachment_ids)._party_check_files()
        return super()._process_attachments_for_post(attachments, attachment_ids, message_values)

    def _message_track(self, fields_iter, initial_values_dict):
        """Odoo's tracking, with the logs of a party model's batch written in a batch:
        Odoo logs each record's changes on its own (a message and its tracking values:
        two queries a record, 100 for 50 approvals); here the messages of the records
        whose changes have no subtype are created together, then their tracking values
        together (two queries whatever the number). The same messages, values, bodies
        and authors; records with a subtype are posted as Odoo posts them."""
        if not self._name.startswith("party.") or not fields_iter:
            return super()._message_track(fields_iter, initial_values_dict)
        tracked_fields = self.fields_get(
            fields_iter, attributes=("string", "type", "selection", "currency_field")
        )
        tracking = {}
        for record in self:
            try:
                tracking[record.id] = record._mail_track(
                    tracked_fields, initial_values_dict[record.id]
                )
            except MissingError:
                continue
        data = self.env.cr.precommit.data
        bodies = data.pop(f"mail.tracking.message.{self._name}", {})
        authors = data.pop(f"mail.tracking.author.{self._name}", {})
        logs = defaultdict(list)  # author id: [(record, body, tracking value commands)]
        for record in self:
            changes, tracking_value_ids = tracking.get(record.id, (None, None))
            if not changes:
                continue
            subtype = record._track_subtype(
                {name: initial_values_dict[record.id][name] for name in changes}
            )
            author_id = authors[record.id].id if record.id in authors else None
            body = (
                bodies[record.id]
                if record.id in bodies
                else record._track_get_default_log_message(changes)
            )
            if subtype:
                if subtype.exists():
                    record.message_post(
                        body=body,
                        author_id=author_id,
                        subtype_id=subtype.id,
                        tracking_value_ids=tracking_value_ids,
                    )
            elif tracking_value_ids:
                if all(len(cmd) == 3 and cmd[0] == 0 for cmd in tracking_value_ids):
                    logs[author_id].append((record, body, tracking_value_ids))
                else:
                    record._message_log(
                        body=body, author_id=author_id, tracking_value_ids=tracking_value_ids
                    )
        for author_id, items in logs.items():
            records = self.browse([record.id for record, _body, _cmds in items])
            messages = records._message_log_batch(
                {record.id: body for record, body, _cmds in items}, author_id=author_id
            )
            # sudo: mail.tracking.value - the values of the logs just written, as
            # mail.message's create writes them.
            self.env["mail.tracking.value"].sudo().create(
                [
                    dict(cmd[2], mail_message_id=message.id)
                    for message, (_record, _body, cmds) in zip(messages, items, strict=True)
                    for cmd in cmds
                ]
            )
        return tracking
