# New msgids of the reports branch with their zh_CN (the lead merges them into
# zh_CN.po and party_quant.pot).
T = {
    "The year to print must be a year between %(first)s and %(last)s.": (
        "打印年份须在%(first)s年至%(last)s年之间。"
    ),
    "There is no such kind of report: %(kind)s.": "没有这种报表格式：%(kind)s。",
    "There is no such report: %(report)s.": "没有这个报表：%(report)s。",
    "%(ids)s are not the numbers of records.": "%(ids)s 不是记录编号。",
    "The %(part)s of this report link is not readable (a JSON object is expected).": (
        "此报表链接中的 %(part)s 无法识别（应为 JSON 对象）。"
    ),
    "The records to print are not given as numbers.": "要打印的记录未以编号给出。",
    "Choose the records to print.": "请选择要打印的记录。",
    "Some of the records to print do not exist (any more).": "部分要打印的记录不存在（或已删除）。",
    "%(file)s is %(size).1f MB: a file may be at most %(limit)s MB.": (
        "%(file)s 大小为 %(size).1f MB，单个文件不能超过 %(limit)s MB。"
    ),
    "%(file)s cannot be attached: attach images (PNG, JPEG), PDF or office documents "
    "(Word, Excel, PowerPoint, WPS).": (
        "%(file)s 不能作为附件：请上传图片（PNG、JPEG）、PDF "
        "或办公文档（Word、Excel、PowerPoint、WPS）。"
    ),
    # Now also the handbook's column header (reports/party_report_handbook.xml).
    "Awarded by": "记分依据",
    "This report cannot be printed": "无法打印此报表",
    "The request is larger than %(limit)s MB: send smaller files.": (
        "请求超过 %(limit)s MB，请上传较小的文件。"
    ),
}
