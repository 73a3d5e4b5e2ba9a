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
    # doctor --role phone (phone/health.py)
    "phone_health_url": {"zh": "手机页面地址", "en": "Phone page address"},
    "phone_health_no_url": {
        "zh": "hall.toml 没有设置 [phone] base_url，号票二维码不会指向手机页面",
        "en": "hall.toml sets no [phone] base_url: the tickets' QR codes lead nowhere",
    },
    "phone_health_no_url_fix": {
        "zh": '在 [phone] 填 base_url = "http://本机在大厅 Wi-Fi 上的地址:8080"',
        "en": 'In [phone] set base_url = "http://<this PC on the hall Wi-Fi>:8080"',
    },
    "phone_health_name": {
        "zh": "{url}：用的是名字 {host}，手机要能解析它（大厅路由器的 DNS）",
        "en": "{url} uses the name {host}: phones must resolve it (the hall router's DNS)",
    },
    "phone_health_name_fix": {
        "zh": "最好用本机的固定 IP 地址（在路由器里给这台电脑固定分配）",
        "en": "Better a fixed IP address (reserve one for this PC in the router)",
    },
    "phone_health_loopback": {
        "zh": "{url} 是本机回环地址，手机连不上",
        "en": "{url} is this PC's loopback address: no phone reaches it",
    },
    "phone_health_loopback_fix": {
        "zh": "改成本机在 Wi-Fi 上的地址",
        "en": "Use this PC's address on the Wi-Fi",
    },
    "phone_health_not_mine": {
        "zh": "{url}：{host} 不是这台电脑的地址（或本机不是手机页面服务器）",
        "en": "{url}: {host} is not this PC's address (or this is not the phone page server)",
    },
    "phone_health_not_mine_fix": {
        "zh": "在运行 servicehall serve phone 的电脑上检查；地址变了就改 base_url 并重打号票",
        "en": "Check on the PC running servicehall serve phone; if the address changed, change "
        "base_url and reprint",
    },
    "phone_health_server": {"zh": "手机页面服务", "en": "Phone page server"},
    "phone_health_http": {"zh": "{url}/ 回答 {code}", "en": "{url}/ answers {code}"},
    "phone_health_log_fix": {
        "zh": "查看日志：journalctl -u {unit}",
        "en": "See journalctl -u {unit}",
    },
    "phone_health_down": {
        "zh": "{url}/ 连不上（{error}）",
        "en": "{url}/ does not answer ({error})",
    },
    "phone_health_down_fix": {
        "zh": "启动它：systemctl enable --now {unit}（或 servicehall serve phone）；"
        "检查防火墙是否放行这个端口",
        "en": "Start it: systemctl enable --now {unit} (or servicehall serve phone); check "
        "that the firewall lets the port through",
    },
    "phone_health_other": {
        "zh": "{url}/ 有回应，但不是本大厅的手机页面",
        "en": "{url}/ answers, but not with this hall's phone page",
    },
    "phone_health_other_fix": {
        "zh": "检查端口是否被别的程序占用",
        "en": "Check whether another program holds the port",
    },
    "phone_health_ok": {"zh": "{url}/ 正常", "en": "{url}/ answers"},
}
