def selection_labels(env, model, field):
    """{value: label} of a selection field, in the language of ``env``."""
    return dict(env[model]._fields[field]._description_selection(env))
