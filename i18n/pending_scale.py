# Translations of issue 14 (scale: points summary, signals), for tools/i18n_merge.py.
T = {
    "Entry Count": "记录数",
}
