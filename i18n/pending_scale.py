# Translations of the scale branch (issue 14): msgid -> zh_CN msgstr.
T = {
    "Points Analysis by Branch": "按支部积分分析",
    "Member Rows": "党员行数",
}
