import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_evaluation import check_weights
from .party_meeting import SIGNIN_LIMIT_MINUTES
from .party_messenger import secret_key
from .party_settings import SETTINGS
from .party_transfer import VALIDITY_LIMITS

# Each setting's parameter and default come from the one table (party_settings.py) that
# the models reading them use; nothing is repeated here.
# The longest meeting and the most study hours a day a setting may allow (a day).
HOURS_LIMIT = 24.0


def _param(name):
    """The ``config_parameter`` and ``default`` of the field showing setting ``name``."""
    key, default = SETTINGS[name]
    return {"config_parameter": key, "default": default}


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_deadline_days_branch = fields.Integer(
        string="Self-assessment Deadline (days)",
        **_param("deadline_days_branch"),
        help="Days after the end of the month for branches to self-assess and submit.",
    )
    party_deadline_days_general_branch = fields.Integer(
        string="Preliminary Evaluation Deadline (days)",
        **_param("deadline_days_general_branch"),
        help="Days general branches have for their preliminary evaluation.",
    )
    party_deadline_days_committee = fields.Integer(
        string="Committee Review Deadline (days)",
        **_param("deadline_days_committee"),
        help="Days the committee has to review an evaluation.",
    )
    party_annual_monthly_weight = fields.Float(
        string="Weight of the Monthly Average (%)",
        **_param("annual_monthly_weight"),
    )
    party_annual_year_end_weight = fields.Float(
        string="Weight of the Year-end Score (%)",
        **_param("annual_year_end_weight"),
    )

    party_pay_base_score = fields.Float(
        string="Base Score",
        **_param("pay_base_score"),
        help="At or above this monthly score the linked pay is paid in full; below it, "
        "in proportion to the score.",
    )
    party_pay_share_full_time = fields.Float(
        string="Linked Share, Full-time Secretary (%)",
        **_param("pay_linked_share_full_time"),
    )
    party_pay_share_part_time = fields.Float(
        string="Linked Share, Part-time Secretary (%)",
        **_param("pay_linked_share_part_time"),
    )
    party_auto_close = fields.Boolean(
        string="Close Months Automatically",
        config_parameter=SETTINGS["auto_close"][0],
        help="Every day, close the previous month once all its evaluations are reviewed.",
    )

    party_publicity_days = fields.Integer(
        string="Appeal Window (days)",
        **_param("publicity_days"),
        help="Days members have to appeal an entry once the month's points are published.",
    )
    party_appraisal_excellent = fields.Float(
        string="Excellent from",
        **_param("appraisal_excellent"),
    )
    party_appraisal_qualified = fields.Float(
        string="Qualified from",
        **_param("appraisal_qualified"),
    )
    party_appraisal_basic = fields.Float(
        string="Basically Qualified from",
        **_param("appraisal_basic"),
    )

    party_late_entry_days = fields.Integer(
        string="Late Entry after (days)",
        **_param("late_entry_days"),
        help="A meeting recorded more than this many days after it was held is flagged.",
    )

    party_every_months_committee_meeting = fields.Integer(
        string="Branch committee meeting every (months)",
        **_param("every_months_committee_meeting"),
    )
    party_every_months_group_meeting = fields.Integer(
        string="Party group meeting every (months)",
        **_param("every_months_group_meeting"),
    )
    party_every_months_member_assembly = fields.Integer(
        string="Member assembly every (months)",
        **_param("every_months_member_assembly"),
    )
    party_every_months_lecture = fields.Integer(
        string="Party lecture every (months)",
        **_param("every_months_lecture"),
    )

    party_signin_before_minutes = fields.Integer(
        string="Sign-in Opens (minutes before)",
        **_param("signin_before_minutes"),
        help="Members sign in by phone from this many minutes before the meeting's start.",
    )
    party_signin_after_minutes = fields.Integer(
        string="Sign-in Closes (minutes after)",
        **_param("signin_after_minutes"),
        help="Members sign in by phone until this many minutes after the meeting's start.",
    )
    party_meeting_max_hours = fields.Float(
        string="Longest Meeting (hours)",
        **_param("meeting_max_hours"),
        help="A meeting, a study session or a party lecture lasts at most this many hours.",
    )
    party_meeting_min_attendees = fields.Integer(
        string="Fewest Attendees for Points",
        **_param("meeting_min_attendees"),
        help="A meeting held with fewer attendees awards no points and raises a record " "signal.",
    )

    party_duty_reminder_days = fields.Integer(
        string="Duty Reminders (days before)",
        **_param("duty_reminder_days"),
        help="The secretary is reminded this many days before a duty falls due; duties "
        "due within these days show amber.",
    )
    party_study_hours_member = fields.Float(
        string="Study Hours a Year (members)",
        **_param("study_hours_member"),
    )
    party_study_hours_officer = fields.Float(
        string="Study Hours a Year (secretaries and committee members)",
        **_param("study_hours_officer"),
    )
    party_study_day_max_hours = fields.Float(
        string="Study Hours a Day at Most",
        **_param("study_day_max_hours"),
        help="A member's study records of one day add up to this many hours at most.",
    )

    # Messenger (models/party_messenger.py): the company's channel and ids, its secret
    # (a system parameter, never shown back), the quiet hours and the digest's hour.
    party_messenger_channel = fields.Selection(
        related="company_id.party_messenger_channel", readonly=False
    )
    party_messenger_corp_id = fields.Char(
        related="company_id.party_messenger_corp_id", readonly=False
    )
    party_messenger_app_key = fields.Char(
        related="company_id.party_messenger_app_key", readonly=False
    )
    party_messenger_agent_id = fields.Char(
        related="company_id.party_messenger_agent_id", readonly=False
    )
    party_messenger_secret = fields.Char(
        string="New Secret",
        groups="base.group_system",
        help="The app's Secret (WeCom) or AppSecret (DingTalk). Kept as a system "
        "parameter and never shown again: leave empty to keep the one stored.",
    )
    party_messenger_secret_set = fields.Boolean(
        string="Secret Stored", compute="_compute_party_messenger_secret_set"
    )
    party_messenger_quiet_start = fields.Float(
        string="Quiet Hours from", **_param("messenger_quiet_start")
    )
    party_messenger_quiet_end = fields.Float(
        string="Quiet Hours until", **_param("messenger_quiet_end")
    )
    party_messenger_digest_hour = fields.Float(
        string="Daily Digest at", **_param("messenger_digest_hour")
    )
    party_messenger_tz = fields.Char(string="Time Zone of the Hours", **_param("messenger_tz"))
    party_messenger_wecom_api = fields.Char(string="WeCom API", **_param("messenger_wecom_api"))
    party_messenger_wecom_oauth = fields.Char(
        string="WeCom Sign-in", **_param("messenger_wecom_oauth")
    )
    party_messenger_dingtalk_oapi = fields.Char(
        string="DingTalk API (oapi)", **_param("messenger_dingtalk_oapi")
    )
    party_messenger_dingtalk_api = fields.Char(
        string="DingTalk API (new)", **_param("messenger_dingtalk_api")
    )
    party_messenger_dingtalk_login = fields.Char(
        string="DingTalk Sign-in", **_param("messenger_dingtalk_login")
    )

    @api.depends("company_id")
    def _compute_party_messenger_secret_set(self):
        # Whether a secret is stored, not the secret: the parameter is the system's.
        params = self.env["ir.config_parameter"].sudo()
        for settings in self:
            settings.party_messenger_secret_set = bool(
                params.get_param(secret_key(settings.company_id))
            )

    def action_party_messenger_test(self):
        """Save, then send a test card to the administrator's own messenger id."""
        self.execute()
        self.env.company._party_messenger_test(self.env.user)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("The test message was sent."),
                "next": {"type": "ir.actions.client", "tag": "reload"},
            },
        }

    party_transfer_validity_days = fields.Integer(
        string="Transfer Letter Validity (days)",
        **_param("transfer_validity_days"),
        help="Days a letter out is valid (介绍信有效期); local rules allow 10 days to 6 months.",
    )

    @api.constrains("party_signin_before_minutes", "party_signin_after_minutes")
    def _check_signin_minutes(self):
        for settings in self:
            for minutes in (
                settings.party_signin_before_minutes,
                settings.party_signin_after_minutes,
            ):
                if not 0 <= minutes <= SIGNIN_LIMIT_MINUTES:
                    raise ValidationError(
                        self.env._(
                            "The sign-in window is between 0 and %(limit)s minutes.",
                            limit=SIGNIN_LIMIT_MINUTES,
                        )
                    )

    def set_values(self):
        if not 0 <= self.party_duty_reminder_days <= 90:
            raise UserError(self.env._("Duty reminders are between 0 and 90 days before."))
        for hours in (self.party_study_hours_member, self.party_study_hours_officer):
            if not 0 <= hours <= 1000:
                raise UserError(self.env._("Study hours a year are between 0 and 1000."))
        for hours in (self.party_meeting_max_hours, self.party_study_day_max_hours):
            if not 0 < hours <= HOURS_LIMIT:
                raise ValidationError(
                    self.env._(
                        "The longest meeting and the study hours a day are more than 0 and "
                        "at most %(limit)s hours.",
                        limit=HOURS_LIMIT,
                    )
                )
        low, high = VALIDITY_LIMITS
        if not low <= self.party_transfer_validity_days <= high:
            raise ValidationError(
                self.env._(
                    "A transfer letter is valid between %(low)s and %(high)s days.",
                    low=low,
                    high=high,
                )
            )
        if self.party_meeting_min_attendees < 1:
            raise ValidationError(self.env._("The fewest attendees for points is at least 1."))
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
        self._set_party_messenger()
        return super().set_values()

    def _set_party_messenger(self):
        for hour in (
            self.party_messenger_quiet_start,
            self.party_messenger_quiet_end,
            self.party_messenger_digest_hour,
        ):
            if not 0 <= hour < HOURS_LIMIT:
                raise ValidationError(
                    self.env._("Quiet hours and the digest's hour are between 0:00 and 24:00.")
                )
        if self.party_messenger_tz not in pytz.all_timezones_set:
            raise ValidationError(
                self.env._(
                    "%(tz)s is not a time zone (e.g. Asia/Shanghai).", tz=self.party_messenger_tz
                )
            )
        for url in (
            self.party_messenger_wecom_api,
            self.party_messenger_wecom_oauth,
            self.party_messenger_dingtalk_oapi,
            self.party_messenger_dingtalk_api,
            self.party_messenger_dingtalk_login,
        ):
            if not (url or "").startswith(("https://", "http://")):
                raise ValidationError(self.env._("The messenger's addresses start with https://."))
        if self.party_messenger_secret:
            # The secret goes to a system parameter (administrators only), never back
            # to the form.
            self.env["ir.config_parameter"].sudo().set_param(
                secret_key(self.company_id), self.party_messenger_secret.strip()
            )
            self.party_messenger_secret = False
