from odoo import fields, models
from odoo.exceptions import ValidationError

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

    party_pay_base_score = fields.Float(
        string="Base Score",
        config_parameter="party_quant.pay_base_score",
        default=95.0,
        help="At or above this monthly score the linked pay is paid in full; below it, "
        "in proportion to the score.",
    )
    party_pay_share_full_time = fields.Float(
        string="Linked Share, Full-time Secretary (%)",
        config_parameter="party_quant.pay_linked_share_full_time",
        default=50.0,
    )
    party_pay_share_part_time = fields.Float(
        string="Linked Share, Part-time Secretary (%)",
        config_parameter="party_quant.pay_linked_share_part_time",
        default=20.0,
    )
    party_auto_close = fields.Boolean(
        string="Close Months Automatically",
        config_parameter="party_quant.auto_close",
        help="Every day, close the previous month once all its evaluations are reviewed.",
    )

    party_publicity_days = fields.Integer(
        string="Appeal Window (days)",
        config_parameter="party_quant.publicity_days",
        default=5,
        help="Days members have to appeal an entry once the month's points are published.",
    )
    party_appraisal_excellent = fields.Float(
        string="Excellent from", config_parameter="party_quant.appraisal_excellent", default=150.0
    )
    party_appraisal_qualified = fields.Float(
        string="Qualified from", config_parameter="party_quant.appraisal_qualified", default=100.0
    )
    party_appraisal_basic = fields.Float(
        string="Basically Qualified from",
        config_parameter="party_quant.appraisal_basic",
        default=60.0,
    )

    party_late_entry_days = fields.Integer(
        string="Late Entry after (days)",
        config_parameter="party_quant.late_entry_days",
        default=7,
        help="A meeting recorded more than this many days after it was held is flagged.",
    )

    party_every_months_committee_meeting = fields.Integer(
        string="Branch committee meeting every (months)",
        config_parameter="party_quant.every_months_committee_meeting",
        default=1,
    )
    party_every_months_group_meeting = fields.Integer(
        string="Party group meeting every (months)",
        config_parameter="party_quant.every_months_group_meeting",
        default=1,
    )
    party_every_months_member_assembly = fields.Integer(
        string="Member assembly every (months)",
        config_parameter="party_quant.every_months_member_assembly",
        default=3,
    )
    party_every_months_lecture = fields.Integer(
        string="Party lecture every (months)",
        config_parameter="party_quant.every_months_lecture",
        default=3,
    )

    def set_values(self):
        if (
            not self.party_appraisal_excellent
            >= self.party_appraisal_qualified
            >= self.party_appraisal_basic
        ):
            raise ValidationError(
                self.env._(
                    "The grade thresholds must decrease from excellent to basically qualified."
                )
            )
        for share in (self.party_pay_share_full_time, self.party_pay_share_part_time):
            if not 0 <= share <= 100:
                raise ValidationError(self.env._("A linked share is between 0 and 100%."))
        if self.party_pay_base_score <= 0:
            raise ValidationError(self.env._("The base score must be positive."))
        check_weights(self.env, self.party_annual_monthly_weight, self.party_annual_year_end_weight)
        return super().set_values()
