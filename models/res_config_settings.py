from odoo import fields, models
from odoo.exceptions import ValidationError

from .party_appraisal import THRESHOLD_PARAMS
from .party_evaluation import (
    DEADLINE_DEFAULTS,
    DEADLINE_PARAM,
    PAY_PARAMS,
    WEIGHT_PARAMS,
    check_weights,
)
from .party_meeting import LATE_DEFAULT, LATE_PARAM
from .party_meeting_schedule import FREQUENCY_PARAMS
from .party_point_publicity import WINDOW_DEFAULT, WINDOW_PARAM

# Each setting's parameter and default come from the one constant that the model reading
# it uses; nothing is repeated here.


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_deadline_days_branch = fields.Integer(
        string="Self-assessment Deadline (days)",
        config_parameter=DEADLINE_PARAM % "branch",
        default=DEADLINE_DEFAULTS["branch"],
        help="Days after the end of the month for branches to self-assess and submit.",
    )
    party_deadline_days_general_branch = fields.Integer(
        string="Preliminary Evaluation Deadline (days)",
        config_parameter=DEADLINE_PARAM % "general_branch",
        default=DEADLINE_DEFAULTS["general_branch"],
        help="Days general branches have for their preliminary evaluation.",
    )
    party_deadline_days_committee = fields.Integer(
        string="Committee Review Deadline (days)",
        config_parameter=DEADLINE_PARAM % "committee",
        default=DEADLINE_DEFAULTS["committee"],
        help="Days the committee has to review an evaluation.",
    )
    party_annual_monthly_weight = fields.Float(
        string="Weight of the Monthly Average (%)",
        config_parameter=WEIGHT_PARAMS["monthly_weight"][0],
        default=WEIGHT_PARAMS["monthly_weight"][1],
    )
    party_annual_year_end_weight = fields.Float(
        string="Weight of the Year-end Score (%)",
        config_parameter=WEIGHT_PARAMS["year_end_weight"][0],
        default=WEIGHT_PARAMS["year_end_weight"][1],
    )

    party_pay_base_score = fields.Float(
        string="Base Score",
        config_parameter=PAY_PARAMS["base_score"][0],
        default=PAY_PARAMS["base_score"][1],
        help="At or above this monthly score the linked pay is paid in full; below it, "
        "in proportion to the score.",
    )
    party_pay_share_full_time = fields.Float(
        string="Linked Share, Full-time Secretary (%)",
        config_parameter=PAY_PARAMS["full_time"][0],
        default=PAY_PARAMS["full_time"][1],
    )
    party_pay_share_part_time = fields.Float(
        string="Linked Share, Part-time Secretary (%)",
        config_parameter=PAY_PARAMS["part_time"][0],
        default=PAY_PARAMS["part_time"][1],
    )
    party_auto_close = fields.Boolean(
        string="Close Months Automatically",
        config_parameter="party_quant.auto_close",
        help="Every day, close the previous month once all its evaluations are reviewed.",
    )

    party_publicity_days = fields.Integer(
        string="Appeal Window (days)",
        config_parameter=WINDOW_PARAM,
        default=WINDOW_DEFAULT,
        help="Days members have to appeal an entry once the month's points are published.",
    )
    party_appraisal_excellent = fields.Float(
        string="Excellent from",
        config_parameter=THRESHOLD_PARAMS["excellent"][0],
        default=THRESHOLD_PARAMS["excellent"][1],
    )
    party_appraisal_qualified = fields.Float(
        string="Qualified from",
        config_parameter=THRESHOLD_PARAMS["qualified"][0],
        default=THRESHOLD_PARAMS["qualified"][1],
    )
    party_appraisal_basic = fields.Float(
        string="Basically Qualified from",
        config_parameter=THRESHOLD_PARAMS["basic"][0],
        default=THRESHOLD_PARAMS["basic"][1],
    )

    party_late_entry_days = fields.Integer(
        string="Late Entry after (days)",
        config_parameter=LATE_PARAM,
        default=LATE_DEFAULT,
        help="A meeting recorded more than this many days after it was held is flagged.",
    )

    party_every_months_committee_meeting = fields.Integer(
        string="Branch committee meeting every (months)",
        config_parameter=FREQUENCY_PARAMS["committee_meeting"][0],
        default=FREQUENCY_PARAMS["committee_meeting"][1],
    )
    party_every_months_group_meeting = fields.Integer(
        string="Party group meeting every (months)",
        config_parameter=FREQUENCY_PARAMS["group_meeting"][0],
        default=FREQUENCY_PARAMS["group_meeting"][1],
    )
    party_every_months_member_assembly = fields.Integer(
        string="Member assembly every (months)",
        config_parameter=FREQUENCY_PARAMS["member_assembly"][0],
        default=FREQUENCY_PARAMS["member_assembly"][1],
    )
    party_every_months_lecture = fields.Integer(
        string="Party lecture every (months)",
        config_parameter=FREQUENCY_PARAMS["lecture"][0],
        default=FREQUENCY_PARAMS["lecture"][1],
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
