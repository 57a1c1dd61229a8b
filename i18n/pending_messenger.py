# zh_CN of the messenger's terms (issue 26), to be folded into zh_CN.po.
T = {
    # Fields and selections (res.company, res.config.settings, res.users).
    "Messenger": "消息通道",
    "None": "无",
    "WeCom": "企业微信",
    "DingTalk": "钉钉",
    "WeCom Corp ID": "企业微信企业ID（CorpID）",
    "DingTalk AppKey": "钉钉应用 AppKey",
    "Agent ID": "应用 AgentId",
    "The id of the app that sends the messages (AgentId).": "发送消息的应用 ID（AgentId）。",
    "Where the to-dos and notices of this company's users are pushed.": (
        "本公司用户的待办和通知推送到哪里。"
    ),
    "New Secret": "新密钥",
    "The app's Secret (WeCom) or AppSecret (DingTalk). Kept as a system parameter and "
    "never shown again: leave empty to keep the one stored.": (
        "应用的 Secret（企业微信）或 AppSecret（钉钉）。作为系统参数保存，不再显示；"
        "留空则保留已保存的密钥。"
    ),
    "Secret Stored": "已保存密钥",
    "Quiet Hours from": "免打扰开始",
    "Quiet Hours until": "免打扰结束",
    "Daily Digest at": "每日汇总时间",
    "Time Zone of the Hours": "时间所在时区",
    "WeCom API": "企业微信接口地址",
    "WeCom Sign-in": "企业微信登录地址",
    "DingTalk API (oapi)": "钉钉接口地址（oapi）",
    "DingTalk API (new)": "钉钉接口地址（新版）",
    "DingTalk Sign-in": "钉钉登录地址",
    "Messenger ID": "消息账号（UserID）",
    "This user's user id in the company's WeCom or DingTalk (UserID): the messages are "
    "sent to it, and signing in from the messenger finds the user by it.": (
        "该用户在本公司企业微信或钉钉中的账号（UserID）：消息发往该账号，从消息免登时据此识别用户。"
    ),
    "Messenger Messages": "消息推送方式",
    "Immediately": "即时推送",
    "Once a Day (Digest)": "每日汇总一次",
    "Each to-do and notice as it comes, or one message a day listing them.": (
        "每条待办和通知即时推送，或每天一条消息汇总列出。"
    ),
    "Another user of the company has this messenger id.": "本公司已有其他用户使用该消息账号。",
    # party.notify.log
    "Messenger Message": "消息推送",
    "Title": "标题",
    "Text": "内容",
    "To": "接收人",
    "Channel": "通道",
    "To-do": "待办",
    "Notice": "通知",
    "Test": "测试",
    "Record Model": "记录模型",
    "Record": "记录",
    "What the card is of: sent once.": "消息对应的事项：只发送一次。",
    "In the Daily Digest": "计入每日汇总",
    "Queued": "待发送",
    "Held": "暂缓",
    "Sent": "已发送",
    "Failed": "发送失败",
    "Status": "状态",
    "Attempts": "尝试次数",
    "Next Try": "下次尝试",
    "Last Error": "最近错误",
    "A message is queued once.": "同一消息只排队一次。",
    "Send Again": "重新发送",
    "Failed or Retrying": "失败或重试中",
    "Queued Today": "今天排队",
    "Group By": "分组",
    "Day": "日期",
    "Messenger Log": "消息推送记录",
    "No message failed.": "没有发送失败的消息。",
    "The to-dos and notices pushed to WeCom or DingTalk are listed here; remove the "
    "filter to see them all.": "推送到企业微信或钉钉的待办和通知列在这里；去掉筛选可查看全部。",
    "Users without a Messenger ID": "未绑定消息账号的用户",
    "Every user has a messenger id.": "所有用户都已绑定消息账号。",
    "Import them (Imports, kind Messenger IDs), type them here, or find them by mobile "
    "number (Action menu).": (
        "可通过导入（类型：消息账号）、在此直接填写，或按手机号查找（动作菜单）。"
    ),
    "Find Messenger IDs by Mobile": "按手机号查找消息账号",
    "Messenger Sign-in Refused": "消息免登被拒绝",
    "Sign-in Refused": "登录被拒绝",
    "Ask your party-building administrator to link your account, or": (
        "请联系党建管理员绑定您的账号，或"
    ),
    "sign in with your password": "使用密码登录",
    "Messenger (WeCom / DingTalk)": "消息推送（企业微信 / 钉钉）",
    "Push the to-dos and notices of this company's users to WeCom or DingTalk; a tap on "
    "the card signs them in": (
        "将本公司用户的待办和通知推送到企业微信或钉钉；点击消息卡片即免登进入"
    ),
    "Send a Test Message": "发送测试消息",
    "Quiet hours and the digest": "免打扰与每日汇总",
    "Messages wait during the quiet hours; users who chose the digest get one message a "
    "day at its hour": "免打扰时段内消息暂缓发送；选择汇总的用户每天在汇总时间收到一条消息",
    "Messenger addresses": "消息平台地址",
    "The servers called (change them only for a private deployment or a test server)": (
        "调用的服务器地址（仅私有化部署或测试服务器时修改）"
    ),
    "Party Building: send messenger messages": "党建：发送消息推送",
    "Messenger IDs": "消息账号",
    "Source": "来源",
    "Company": "公司",
    "Key": "唯一键",
    "Sign-in Token": "免登令牌",
    "Sign-in Token Valid until": "免登令牌有效期至",
    # Messages (_()).
    "Open": "查看",
    "The messenger's ids or secret are not set.": "消息平台的 ID 或密钥未设置。",
    "Choose WeCom or DingTalk first.": "请先选择企业微信或钉钉。",
    "You have no messenger user id: set yours on your user first (Messenger ID).": (
        "您还没有消息账号：请先在您的用户上填写（消息账号）。"
    ),
    "Test message from Party Building": "党建系统测试消息",
    "If you read this, the messenger is set up.": "收到本消息说明消息推送已配置成功。",
    "The messenger refused the test message: %(error)s": "消息平台拒绝了测试消息：%(error)s",
    "The test message was sent.": "测试消息已发送。",
    "Quiet hours and the digest's hour are between 0:00 and 24:00.": (
        "免打扰时段和汇总时间须在 0:00 到 24:00 之间。"
    ),
    "%(tz)s is not a time zone (e.g. Asia/Shanghai).": (
        "%(tz)s 不是有效时区（例如 Asia/Shanghai）。"
    ),
    "The messenger's addresses start with https://.": "消息平台地址须以 https:// 开头。",
    "The company no longer sends by this messenger.": "公司已不再使用该消息通道发送。",
    "Your to-dos and notices today: %(count)s": "您今天的待办和通知：%(count)s 条",
    "… and %(count)s more.": "……另有 %(count)s 条。",
    "To-do: %(what)s": "待办：%(what)s",
    "%(record)s, due %(date)s": "%(record)s，截止 %(date)s",
    "This messenger account is not linked to a user here.": "该消息账号未绑定本系统的用户。",
    "%(company)s has no messenger set up.": "%(company)s 尚未设置消息通道。",
    "%(found)s messenger ids found, %(missing)s users without a match.": (
        "找到 %(found)s 个消息账号，%(missing)s 个用户未匹配。"
    ),
    "The user id (账号) is empty.": "账号为空。",
    "Several members have the mobile %(mobile)s.": "有多名党员的手机号为 %(mobile)s。",
    "No member has this employee number or mobile number.": "没有党员的工号或手机号与此相符。",
    "%(member)s has no login: create it first.": "%(member)s 还没有登录账号：请先创建。",
    "The user id %(id)s is twice in the file.": "账号 %(id)s 在文件中出现了两次。",
    "The user id %(id)s is already %(user)s's.": "账号 %(id)s 已属于 %(user)s。",
}
