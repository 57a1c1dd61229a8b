from odoo import fields, models

from .party_evaluation import check_weights


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_deadline_days_branch = fields.Integer(
        string="Self-assessment Deadline (days)",
        config_parameter="party_quant.deadline_days_branch",
        default=5,
        help="Days after the end of the month for branches to self-assess and submit.",
    )
    party_deadline_days_general_branch = fields.Integer(
        string="Preliminary Evaluation Deadline (days)",
        config_parameter="party_quant.deadline_days_general_branch",
        default=3,
        help="Days general branches have for their preliminary evaluation.",
    )
    party_deadline_days_committee = fields.Integer(
        string="Committee Review Deadline (days)",
        config_parameter="party_quant.deadline_days_committee",
        default=3,
        help="Days the committee has to review an evaluation.",
    )
    party_annual_monthly_weight = fields.Float(
        string="Weight of the Monthly Average (%)",
        config_parameter="party_quant.annual_monthly_weight",
        default=50.0,
    )
    party_annual_year_end_weight = fields.Float(
        string="Weight of the Year-end Score (%)",
        config_parameter="party_quant.annual_year_end_weight",
        default=50.0,
    )

    def set_values(self):
        check_weights(self.env, self.party_annual_monthly_weight, self.party_annual_year_end_weight)
        return super().set_values()
