from odoo import api, models


class PartyEvidenceMixin(models.AbstractModel):
    """Evidence files (attachment_ids) uploaded before a record is saved belong to
    nobody yet (res_id 0), so only their uploader can read them. Once the record is
    saved, they are attached to it, and whoever may read the record reads them."""

    _name = "party.evidence.mixin"
    _description = "Evidence Attachments"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._link_evidence()
        return records

    def write(self, vals):
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._link_evidence()
        return res

    def _link_evidence(self):
        for record in self:
            loose = record.attachment_ids.filtered(
                lambda a, r=record: (a.res_model, a.res_id) != (r._name, r.id)
                and a.create_uid == self.env.user
                and not a.res_id
            )
            if loose:
                # The uploader's own unattached files, linked to the record they
                # were uploaded for; sudo because the link itself is not the user's
                # right to grant on ir.attachment.
                loose.sudo().write({"res_model": record._name, "res_id": record.id})
