"""The words printed on paper: the queue ticket (``printer.layout``) and the case receipt
(``printer.receipt``).

The paper is printed in Chinese whatever language a screen shows (``layout.PAPER_LANGUAGE``):
the printers' fonts are GB18030 and the villagers read it. The English says what each line is
for the next engineer and a hall that one day prints another language.
"""

WORDS: dict[str, dict[str, str]] = {
    # the ticket
    "paper_priority": {"zh": "优先号", "en": "Priority"},
    "paper_matter": {"zh": "事项：{matter}", "en": "Matter: {matter}"},
    "paper_ahead": {"zh": "前面还有 {ahead} 人", "en": "{ahead} ahead of you"},
    "paper_wait": {"zh": "预计等候：{wait}", "en": "Expected wait: {wait}"},
    "paper_windows": {"zh": "请到 {numbers} 号窗口办理", "en": "Please go to window {numbers}"},
    "paper_taken_at": {"zh": "取号时间：{at:%Y-%m-%d %H:%M}", "en": "Taken: {at:%Y-%m-%d %H:%M}"},
    "paper_reprinted_at": {
        "zh": "补打时间：{at:%Y-%m-%d %H:%M}",  # one line on 58 mm paper
        "en": "Reprinted: {at:%Y-%m-%d %H:%M}",
    },
    "paper_bring": {
        "zh": "请备齐以下材料（一次性告知）：",
        "en": "Please bring (everything you need, told at once):",
    },
    "paper_leader": {
        "zh": "今日带班领导：{name} {title}",
        "en": "Leader on duty today: {name} {title}",
    },
    "paper_supervision": {"zh": "监督电话：{phone}", "en": "Complaints line: {phone}"},
    "paper_missed": {
        "zh": "过号请到窗口说明，可重新排队",
        "en": "Missed your number? Tell the window, you can queue again",
    },
    "paper_qr": {"zh": "[二维码 {payload}]", "en": "[QR {payload}]"},
    "paper_test_title": {"zh": "打印测试", "en": "Test print"},  # servicehall print-test
    # the case receipt (受理回执)
    "paper_receipt": {"zh": "受理回执", "en": "Receipt"},
    "paper_case_number": {"zh": "办件号", "en": "Case number"},
    "paper_case_matter": {"zh": "事项：{matter}（{kind}）", "en": "Matter: {matter} ({kind})"},
    "paper_applicant": {"zh": "申请人：{name}", "en": "Applicant: {name}"},
    "paper_accepted": {
        "zh": "受理：{at:%Y-%m-%d %H:%M}，{window} 号窗口",
        "en": "Accepted: {at:%Y-%m-%d %H:%M}, window {window}",
    },
    "paper_promised": {"zh": "承诺办结：{day:%Y年%m月%d日}前", "en": "Done by: {day:%Y-%m-%d}"},
    "paper_agent": {
        "zh": "全程代办：由{staff}代您办理，办结后送达，您不用再跑",
        "en": "Done for you: {staff} handles it and brings it to you; no need to come again",
    },
    "paper_agent_staff": {"zh": "工作人员", "en": "our staff"},
    "paper_immediate": {"zh": "即办件：当场办结", "en": "Done on the spot"},
    "paper_collect": {
        "zh": "办结后会通知您，请带身份证到 {window} 号窗口领取",
        "en": "You will be told when it is done; collect it at window {window} with your ID card",
    },
    "paper_progress": {
        "zh": "查询进度：大厅取号机“查询办理进度”，输入办件号或姓名和证件后四位",
        "en": (
            "Progress: on the hall's kiosk, 查询办理进度, with the case number or your name and "
            "the last four digits of your ID"
        ),
    },
    "paper_scan": {"zh": "扫码查看办理进度", "en": "Scan for the progress"},
}
