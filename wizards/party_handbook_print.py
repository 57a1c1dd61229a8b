from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PartyHandbookPrint(models.TransientModel):
    """Print the points handbooks of members, or of every member of organizations,
    for a chosen year (the Print menu prints the current one)."""

    _name = "party.handbook.print"
    _description = "Print Points Handbooks"

    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    member_ids = fields.Many2many("party.member", string="Members")
    organization_ids = fields.Many2many("party.organization", string="Organizations")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ids = self.env.context.get("active_ids") or []
        model = self.env.context.get("active_model")
        if model == "party.member":
            values["member_ids"] = [(6, 0, ids)]
        elif model == "party.organization":
            values["organization_ids"] = [(6, 0, ids)]
        return values

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise ValidationError(_("Choose a year between 2000 and 2100."))

    def action_print(self):
        self.ensure_one()
        # At once when small, else a background job (models/party_job.py).
        if self.organization_ids:
            records = self.organization_ids
        elif self.member_ids:
            records = self.member_ids
        else:
            raise ValidationError(_("Choose the members or the organizations to print."))
        # Refused here (AccessError), not half-way through rendering or in a job.
        records.check_access("read")
        return records.action_print_handbooks(self.year)
