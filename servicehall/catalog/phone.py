"""The phone pages' words (``servicehall.phone``); service, matter and window names come from
hall.toml and stay as written."""

WORDS: dict[str, dict[str, str]] = {
    "phone_title_ticket": {"zh": "我的号票 {label}", "en": "My ticket {label}"},
    "phone_title_board": {"zh": "{hall} 排队情况", "en": "{hall}: the queue"},
    "phone_waiting": {"zh": "等候中", "en": "Waiting"},
    "phone_called": {
        "zh": "已叫号，请到 {window} 号窗口",
        "en": "Called: please go to window {window}",
    },
    "phone_no_show": {"zh": "过号，请到窗口说明", "en": "Missed: please see a window"},
    "phone_finished": {"zh": "已办结", "en": "Finished"},
    "phone_cancelled": {"zh": "已取消", "en": "Cancelled"},
    "phone_expired": {"zh": "已过期", "en": "Expired"},
    "phone_ahead": {"zh": "前面还有 {n} 人", "en": "{n} ahead of you"},
    "phone_ahead_none": {"zh": "下一个就是您", "en": "You are next"},
    "phone_wait": {"zh": "预计等候：{text}", "en": "Expected wait: {text}"},
    "phone_served_at": {"zh": "办理窗口：{windows}", "en": "Served at: {windows}"},
    "phone_windows": {"zh": "{numbers} 号窗口", "en": "window {numbers}"},
    "phone_materials": {"zh": "请备齐以下材料（一次性告知）：", "en": "Please bring these papers:"},
    "phone_rate_ask": {"zh": "请对本次服务评价：", "en": "How was the service?"},
    "phone_satisfied": {"zh": "满意", "en": "Satisfied"},
    "phone_basic": {"zh": "基本满意", "en": "Fair"},
    "phone_unsatisfied": {"zh": "不满意", "en": "Unsatisfied"},
    "phone_rated": {"zh": "感谢您的评价：{rating}", "en": "Thank you for rating: {rating}"},
    "phone_rate_once": {
        "zh": "这张号票已经评价过了（每张号票只能评价一次），谢谢！",
        "en": "This ticket has been rated already (once per ticket). Thank you!",
    },
    "phone_rate_not_yet": {"zh": "办结后才能评价", "en": "You can rate once it is finished"},
    "phone_updated": {"zh": "更新于 {time}", "en": "Updated {time}"},
    "phone_live_lost": {"zh": "连接中断，正在重连……", "en": "Reconnecting…"},
    "phone_store_lost": {
        "zh": "暂时读不到排队信息，请以大厅叫号屏为准",
        "en": "The queue cannot be read just now; please follow the hall's screen",
    },
    "phone_board_link": {"zh": "查看大厅排队情况", "en": "The hall's queue"},
    "phone_calling": {"zh": "正在叫号", "en": "Now calling"},
    "phone_window_n": {"zh": "{number} 号窗口", "en": "Window {number}"},
    "phone_paused": {"zh": "暂停", "en": "Paused"},
    "phone_idle_windows": {"zh": "空闲窗口：{numbers} 号", "en": "Free: windows {numbers}"},
    "phone_service_waits": {"zh": "各业务等候", "en": "Waiting per service"},
    "phone_waiting_n": {"zh": "等候 {n} 人", "en": "{n} waiting"},
    "phone_new_wait": {"zh": "现在取号约等：{text}", "en": "A ticket now waits {text}"},
    "phone_leader": {"zh": "今日带班领导：{name}", "en": "Leader on duty: {name}"},
    "phone_supervision": {"zh": "监督电话：{phone}", "en": "Supervision: {phone}"},
    "phone_closed": {"zh": "现在不是办公时间", "en": "The hall is closed now"},
    "phone_not_found_title": {"zh": "找不到号票", "en": "No such ticket"},
    "phone_not_found": {
        "zh": "找不到这张号票：可能已过期（号票只在取号当天有效），或地址不完整。"
        "请重新扫描号票上的二维码。",
        "en": "No such ticket: it may have expired (valid on its day only) or the address is "
        "cut short. Please scan the ticket's QR code again.",
    },
    "phone_too_many_title": {"zh": "请稍后再试", "en": "Please try again later"},
    "phone_too_many": {
        "zh": "刷新太频繁了，请一分钟后再试",
        "en": "Too many requests; please wait a minute",
    },
    "phone_bad_host_title": {"zh": "此地址不能使用", "en": "This address cannot be used"},
    "phone_bad_host": {
        "zh": "请扫描号票上的二维码打开",
        "en": "Please open it from the ticket's QR code",
    },
    "phone_busy_title": {"zh": "人数太多", "en": "Too busy"},
    "phone_busy": {
        "zh": "正在看的人太多，页面会自动刷新",
        "en": "Too many phones; the page refreshes by itself",
    },
    "phone_go_home": {"zh": "返回", "en": "Back"},
    "phone_title_case": {
        "zh": "办件 {number}",
        "en": "Case {number}",
    },
    "phone_case_number": {
        "zh": "办件号",
        "en": "Case number",
    },
    "phone_case_applicant": {
        "zh": "申请人：{name}",
        "en": "Applicant: {name}",
    },
    "phone_case_promised": {
        "zh": "承诺 {day} 前办结",
        "en": "Promised by {day}",
    },
    "phone_case_late": {
        "zh": "（已超期，请到窗口询问）",
        "en": " (overdue: please ask at the window)",
    },
    "phone_case_steps": {
        "zh": "办理步骤",
        "en": "Steps",
    },
    "phone_case_joint_to": {
        "zh": "转 {window} 号窗口联办",
        "en": "taken on by window {window}",
    },
    "phone_case_missing": {
        "zh": "需补正：{note}",
        "en": "Papers missing: {note}",
    },
    "phone_case_supplement_next": {
        "zh": "请按补正要求把材料送到窗口",
        "en": "Please bring the missing papers to the window",
    },
    "phone_case_collect_next": {
        "zh": "已办结，请带身份证到 {window} 号窗口领取",
        "en": "Finished: please collect it at window {window} with your ID card",
    },
    "phone_case_deliver_next": {
        "zh": "已办结，工作人员将为您送达",
        "en": "Finished: the hall's staff will bring it to you",
    },
    "phone_case_not_found_title": {
        "zh": "找不到办件",
        "en": "No such case",
    },
    "phone_case_not_found": {
        "zh": "找不到这件办件：地址可能不完整。"
        "请重新扫描受理回执上的二维码，或到大厅取号机“查询办理进度”。",
        "en": "No such case: the address may be cut short. Please scan the receipt's QR code "
        "again, or ask the hall's kiosk (查询办理进度).",
    },
}
