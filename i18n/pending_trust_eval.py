# Translations of the evaluation side of issue 12 (trust-eval), folded into zh_CN.po
# by tools/i18n_merge.py.
T = {
    "Only the party committee sets these fields: %(fields)s.": (
        "以下字段只能由党委设置：%(fields)s。"
    ),
}
