from odoo import _, models
from odoo.exceptions import UserError

# What makes a to-do another one: whom it is for, on what, of what kind, by when.
TODO_FIELDS = frozenset(
    {
        "user_id",
        "res_id",
        "res_model",
        "res_model_id",
        "activity_type_id",
        "date_deadline",
        "summary",
        "note",
        "active",
    }
)


class MailActivity(models.Model):
    """The to-dos on party records are the workflow's (who must act next): only the
    person they are for, or an officer of the record, marks them done, cancels or
    changes them. Odoo lets anyone who may write the record do so: a member marked the
    secretary's "points to approve" done from their own claim's chatter, and the claim
    then waited for nobody. The system (sudo) creates and removes them with the
    decisions (models/party_decision.py)."""

    _inherit = "mail.activity"

    def write(self, vals):
        if TODO_FIELDS & vals.keys():
            self._check_party_todo()
        return super().write(vals)

    def unlink(self):
        self._check_party_todo()
        return super().unlink()

    def _action_done(self, feedback=False, attachment_ids=None):
        self._check_party_todo()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _check_party_todo(self):
        if self.env.su:
            return
        user = self.env.user
        # The to-dos and their records are read as the system: whether the user may
        # touch them is this check, whatever they may read.
        for activity in self.sudo():
            if activity.user_id == user or not (activity.res_model or "").startswith("party."):
                continue
            record = self.env[activity.res_model].browse(activity.res_id).exists()
            if record and user.has_group("party_quant.group_party_branch"):
                if record.with_user(user).has_access("write"):
                    continue
            raise UserError(
                _(
                    "This to-do is for %(user)s: only they, or an officer of %(record)s, "
                    "can mark it done or change it.",
                    user=activity.user_id.name or "-",
                    record=activity.res_name or activity.res_model,
                )
            )
