from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..models.party_guard import _guard_value_error
from ..models.party_labels import selection_defaults

# The years the handbook wizard prints.
YEAR_MIN, YEAR_MAX = 2000, 2100


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
        return selection_defaults(self.env, super().default_get(fields_list))

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not YEAR_MIN <= wizard.year <= YEAR_MAX:
                raise ValidationError(_("Choose a year between 2000 and 2100."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)

    @api.model
    def _check_input(self, vals):
        """A year that is not a number (or beyond any) answers the year's message, not
        a conversion or database error (a 500)."""
        year = vals.get("year")
        if year not in (None, False) and not (
            (isinstance(year, int) and not isinstance(year, bool))
            or (isinstance(year, str) and year.strip().isdecimal())
        ):
            raise ValidationError(_("Choose a year between 2000 and 2100."))
        if year and not YEAR_MIN <= int(year) <= YEAR_MAX:
            raise ValidationError(_("Choose a year between 2000 and 2100."))
        for name in ("member_ids", "organization_ids"):
            if vals.get(name) and _guard_value_error(self.env, self._fields[name], vals[name]):
                raise ValidationError(_("Choose the members or the organizations to print."))

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
