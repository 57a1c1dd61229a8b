def setting(env, key, default):
    """The number stored in the setting ``key`` (an ir.config_parameter), of the type
    of ``default``, or ``default`` when it is unset or not a number. Settings are the
    addon's, read whoever asks: hence sudo."""
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return type(default)(value) if value not in (None, False, "") else default
    except ValueError:
        return default
