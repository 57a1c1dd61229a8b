def selection_labels(env, model, field):
    """{value: label} of a selection field, in the language of ``env``."""
    return dict(env[model]._fields[field]._description_selection(env))


def company_lang(env):
    """The language the system writes in (names, messages and activities created by
    the workflow and the crons): the company's, else the administrator's, when it is
    installed; English otherwise. Crons run with no language in their context."""
    Lang = env["res.lang"]
    admin = env.ref("base.user_admin", raise_if_not_found=False)
    for lang in (env.company.partner_id.lang, admin and admin.sudo().lang):
        if lang and Lang._get_code(lang):
            return lang
    return "en_US"


def system_env(records):
    """``records`` in the language the system writes in: the context's when a user
    acts, the company's when there is none (a cron)."""
    if records.env.context.get("lang"):
        return records
    return records.with_context(lang=company_lang(records.env))


def selection_defaults(env, values):
    """A wizard opened from the Action menu of members or of organizations: the
    selected records as its ``member_ids`` or ``organization_ids`` (the handbook print,
    the member logins). Returns ``values``, completed."""
    ids = env.context.get("active_ids") or []
    model = env.context.get("active_model")
    if model == "party.member":
        values["member_ids"] = [(6, 0, ids)]
    elif model == "party.organization":
        values["organization_ids"] = [(6, 0, ids)]
    return values
