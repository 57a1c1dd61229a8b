# ruff: noqa: E501
# Translations of the 党总支 审议 line (issue 23): msgid → zh_CN msgstr.
T = {
    "%(step)s is taken only where a general branch stands between the branch and the party committee: %(name)s's branch has none, or the case is past it (%(article)s).": "%(step)s仅在党支部与党委之间设有党总支时办理：%(name)s所在党支部没有党总支，或已办理过其后的步骤（%(article)s）。",
    "%(step)s comes after the review of %(general_branch)s: %(current)s is not passed yet (%(article)s).": "%(step)s须在%(general_branch)s审议之后办理：%(current)s尚未通过（%(article)s）。",
    "%(step)s is taken by %(general_branch)s or the party committee, not by the branch whose resolution it reviews (%(article)s).": "%(step)s由%(general_branch)s或党委办理，不由其决议被审议的党支部办理（%(article)s）。",
    "the general branch": "党总支",
}
