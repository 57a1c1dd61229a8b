"""The addon's settings: one table of ``name: (ir.config_parameter key, default)``.

Every model reads its settings through this table (``setting(env, *SETTINGS[name])``
or the module constant taken from it), and ``res_config_settings.py`` shows them with the
same key and default: a key or a default is written once, here.
"""

SETTINGS = {
    # Evaluation deadlines (days after the month), annual weights, pay linkage.
    "deadline_days_branch": ("party_quant.deadline_days_branch", 5),
    "deadline_days_general_branch": ("party_quant.deadline_days_general_branch", 3),
    "deadline_days_committee": ("party_quant.deadline_days_committee", 3),
    "annual_monthly_weight": ("party_quant.annual_monthly_weight", 50.0),
    "annual_year_end_weight": ("party_quant.annual_year_end_weight", 50.0),
    "pay_base_score": ("party_quant.pay_base_score", 95.0),
    "pay_linked_share_full_time": ("party_quant.pay_linked_share_full_time", 50.0),
    "pay_linked_share_part_time": ("party_quant.pay_linked_share_part_time", 20.0),
    "auto_close": ("party_quant.auto_close", False),
    # Points: publicity, appraisal thresholds.
    "publicity_days": ("party_quant.publicity_days", 5),
    "appraisal_excellent": ("party_quant.appraisal_excellent", 150.0),
    "appraisal_qualified": ("party_quant.appraisal_qualified", 100.0),
    "appraisal_basic": ("party_quant.appraisal_basic", 60.0),
    # Meetings: late entries, frequency, sign-in, plausibility.
    "late_entry_days": ("party_quant.late_entry_days", 7),
    "every_months_committee_meeting": ("party_quant.every_months_committee_meeting", 1),
    "every_months_group_meeting": ("party_quant.every_months_group_meeting", 1),
    "every_months_member_assembly": ("party_quant.every_months_member_assembly", 3),
    "every_months_lecture": ("party_quant.every_months_lecture", 3),
    "signin_before_minutes": ("party_quant.signin_before_minutes", 30),
    "signin_after_minutes": ("party_quant.signin_after_minutes", 60),
    "meeting_max_hours": ("party_quant.meeting_max_hours", 8.0),
    "meeting_min_attendees": ("party_quant.meeting_min_attendees", 3),
    # Record signals.
    "burst_count": ("party_quant.burst_count", 5),
    "burst_hours": ("party_quant.burst_hours", 48),
    "burst_days_before_inspection": ("party_quant.burst_days_before_inspection", 7),
    # Duties and study hours.
    "duty_reminder_days": ("party_quant.duty_reminder_days", 7),
    "study_hours_member": ("party_quant.study_hours_member", 32.0),
    "study_hours_officer": ("party_quant.study_hours_officer", 56.0),
    "study_day_max_hours": ("party_quant.study_day_max_hours", 8.0),
    # Background jobs: prints and generations above this size (members) run as a job.
    "background_size": ("party_quant.background_size", 100),
    # Sizes (models/party_bounds.py, the guard's HTML check): files in MB, the long
    # HTML fields in characters, markup included.
    "attachment_max_mb": ("party_quant.attachment_max_mb", 10),
    "minutes_max_chars": ("party_quant.minutes_max_chars", 50000),
    "inspection_summary_max_chars": ("party_quant.inspection_summary_max_chars", 50000),
    # Imports: files with more rows than this run as a background job.
    "import_background_rows": ("party_quant.import_background_rows", 2000),
    # Logins: first-login codes' validity (days).
    "login_code_days": ("party_quant.login_code_days", 14),
    # Messenger (models/party_messenger.py): quiet hours and the daily digest (hours,
    # local time of the time zone), the endpoints' base URLs.
    "messenger_tz": ("party_quant.messenger_tz", "Asia/Shanghai"),
    "messenger_quiet_start": ("party_quant.messenger_quiet_start", 21.0),
    "messenger_quiet_end": ("party_quant.messenger_quiet_end", 8.0),
    "messenger_digest_hour": ("party_quant.messenger_digest_hour", 17.0),
    "messenger_wecom_api": ("party_quant.messenger_wecom_api", "https://qyapi.weixin.qq.com"),
    "messenger_wecom_oauth": ("party_quant.messenger_wecom_oauth", "https://open.weixin.qq.com"),
    "messenger_dingtalk_oapi": ("party_quant.messenger_dingtalk_oapi", "https://oapi.dingtalk.com"),
    "messenger_dingtalk_api": ("party_quant.messenger_dingtalk_api", "https://api.dingtalk.com"),
    "messenger_dingtalk_login": (
        "party_quant.messenger_dingtalk_login",
        "https://login.dingtalk.com",
    ),
    # Transfers: a letter's validity (days; local rules allow 10 days to 6 months).
    "transfer_validity_days": ("party_quant.transfer_validity_days", 90),
    # Member development: reminders this many days before a step's window closes.
    "development_reminder_days": ("party_quant.development_reminder_days", 7),
    # Member development: the 党委's approval beyond the year's plan (refuse, reason, warn).
    "development_plan_breach": ("party_quant.development_plan_breach", "reason"),
}


def setting(env, key, default):
    """The number stored in the setting ``key`` (an ir.config_parameter), of the type
    of ``default``, or ``default`` when it is unset or not a number. Settings are the
    addon's, read whoever asks: hence sudo."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return type(default)(value) if value not in (None, False, "") else default
    except ValueError:
        return default


def named_setting(env, name):
    """The setting ``name`` of the table, read as ``setting`` does."""
    return setting(env, *SETTINGS[name])
