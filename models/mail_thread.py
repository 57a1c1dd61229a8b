from odoo import models
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
