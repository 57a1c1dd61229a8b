from odoo import _, models
from odoo.exceptions import UserError

# What a message says and who said it when; marks, stars and pins stay the users'.
LOG_FIELDS = frozenset(
    {
        "body",
        "subject",
        "tracking_value_ids",
        "attachment_ids",
        "author_id",
        "author_guest_id",
        "email_from",
        "date",
        "message_type",
        "subtype_id",
    }
)


class MailMessage(models.Model):
    """The logs of party records (score changes, state changes and their tracking, what
    workflows and crons write) are part of the audit trail: nobody changes or deletes
    them, not even their author, whom Odoo otherwise lets edit and delete their own
    messages (a branch officer deleted the log of their own score changes, directly or
    by a ``message_ids`` command on the evaluation). Users' comments stay theirs; the
    system (sudo) still cleans up with its records."""

    _inherit = "mail.message"

    def write(self, vals):
        if LOG_FIELDS & vals.keys():
            self._check_party_log()
        return super().write(vals)

    def unlink(self):
        self._check_party_log()
        return super().unlink()

    def _check_party_log(self):
        if self.env.su:
            return
        logs = self.sudo().filtered(
            lambda m: (m.model or "").startswith("party.") and m.message_type != "comment"
        )
        if logs:
            raise UserError(
                _(
                    "The log of %(record)s is kept as it was written: it cannot be changed "
                    "or deleted.",
                    record=logs[0].record_name or logs[0].model,
                )
            )
