from odoo import models


class PartyReportTransferLetter(models.AbstractModel):
    """The transfer letter (介绍信) and the receipt: the project's report (access checked
    first, the running line and page numbers drawn, the fonts' text mapped back from
    radicals to ideographs)."""

    _name = "report.party_quant.report_transfer_letter"
    _inherit = "report.party_quant.abstract"
    _description = "Transfer Letter"
