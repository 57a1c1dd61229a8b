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
        if self.organization_ids:
            report, records = "action_report_handbook_branch", self.organization_ids
        elif self.member_ids:
            report, records = "action_report_handbook", self.member_ids
        else:
            raise ValidationError(_("Choose the members or the organizations to print."))
        # Refused here (AccessError), not half-way through rendering.
        records.check_access("read")
        return self.env.ref(f"party_quant.{report}").report_action(
            records, data={"year": self.year, "ids": records.ids}, config=False
        )
