# zh_CN of the red team's new messages (tools/i18n_merge.py merges them).
T = {
    "A transfer cannot be dated in the future.": "调转日期不能晚于今天。",
    "%(period)s is closed: a transfer cannot be dated in it.": "%(period)s 已关闭：调转日期不能在该期间内。",  # noqa: E501
    "The log of %(record)s is kept as it was written: it cannot be changed or deleted.": "%(record)s 的记录日志按原样保存，不能修改或删除。",  # noqa: E501
    # The model's name, exported because the addon extends mail.message (Odoo's own).
    "Message": "消息",
}
