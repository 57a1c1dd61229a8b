from odoo import models


class PartyReportHandbook(models.AbstractModel):
    _inherit = "report.party_quant.report_handbook"

    def _report_values(self, docs, data):
        values = super()._report_values(docs, data)
        members = values["docs"]
        values["study_hours"] = members._study_hours_map(values["year"])
        values["study_required"] = members._study_hours_required_map()
        return values
