"""The core's words: errors of the queue, the store, names and PINs; the SMS texts and faults."""

WORDS: dict[str, dict[str, str]] = {
    # a wait as every screen and the ticket say it (``i18n.wait_text`` / ``back_by_text``)
    "wait_soon": {"zh": "马上就到", "en": "very soon"},
    "wait_range": {"zh": "约 {low}{dash}{high} 分钟", "en": "about {low}{dash}{high} min"},
    "wait_about": {"zh": "约 {high} 分钟", "en": "about {high} min"},
    "wait_within": {"zh": "{high} 分钟以内", "en": "within {high} min"},
    "wait_back_by": {
        "zh": "如需离开，请在 {time} 前回来",
        "en": "Stepping out? Be back by {time}",
    },
    "unknown_service": {
        "zh": "没有编码为 {code} 的业务；可选：{valid}",
        "en": "No service with code {code}; valid codes: {valid}",
    },
    "unknown_matter": {
        "zh": "业务 {service} 没有事项 {matter}；可选：{valid}",
        "en": "Service {service} has no matter {matter}; valid: {valid}",
    },
    "unknown_window": {
        "zh": "没有 {window} 号窗口；已有窗口：{valid}",
        "en": "There is no window {window}; windows: {valid}",
    },
    "unknown_page": {
        "zh": "找不到这张号票：可能已过期（号票只在取号当天有效），或地址不完整",
        "en": "No such ticket: it may have expired (a ticket is valid on its day only)",
    },
    "unknown_ticket": {
        "zh": "找不到今天的号票 {ticket}",
        "en": "No ticket {ticket} today",
    },
    "hall_closed": {
        "zh": "现在不是办公时间，办公时间：{hours}",
        "en": "The hall is closed now; opening hours: {hours}",
    },
    "cap_reached": {
        "zh": "{service}今日号票已发完（每日限 {cap} 个），请明天再来",
        "en": "{service} has issued all of today's {cap} tickets; please come back tomorrow",
    },
    "not_market_day": {
        "zh": "{service}只在圩日办理，今天不是圩日",
        "en": "{service} is open on market days only; today is not one",
    },
    "nothing_called": {
        "zh": "{window} 号窗口当前没有正在办理的号",
        "en": "Window {window} is not serving anyone now",
    },
    "window_paused": {
        "zh": "{window} 号窗口已暂停，请先恢复",
        "en": "Window {window} is paused; resume it first",
    },
    "window_not_paused": {
        "zh": "{window} 号窗口没有暂停",
        "en": "Window {window} is not paused",
    },
    "window_busy_pause": {
        "zh": "{window} 号窗口正在办理 {ticket}，请先办结或过号再暂停",
        "en": "Window {window} is serving {ticket}; finish or skip it before pausing",
    },
    "not_served_here": {
        "zh": "{window} 号窗口不办理{service}",
        "en": "Window {window} does not serve {service}",
    },
    "ticket_not_waiting": {
        "zh": "{ticket} 现在是“{state}”，不能这样操作",
        "en": "{ticket} is {state}; that cannot be done now",
    },
    "same_service": {
        "zh": "{ticket} 已经是{service}的号，无需转办",
        "en": "{ticket} is already in {service}",
    },
    "bad_rating": {
        "zh": "评价只能是：满意、基本满意、不满意",
        "en": "A rating is one of: satisfied, fairly satisfied, dissatisfied",
    },
    "store_busy": {
        "zh": "数据库繁忙，请稍后再试；若持续出现请联系工作人员",
        "en": "The database is busy; try again shortly, and call staff if it persists",
    },
    "store_bad_url": {
        "zh": "数据库地址 {url} 用不了：只支持 sqlite:///文件路径 和 postgresql+psycopg://用户@主机/库名",
        "en": "Cannot use database URL {url}: use sqlite:///path or postgresql+psycopg://user@host/db",
    },
    "store_no_file": {
        "zh": "数据库地址 {url} 没有给出文件路径：请写成 sqlite:///文件路径，例如 sqlite:///hall.db",
        "en": "Database URL {url} names no file: write sqlite:///path, e.g. sqlite:///hall.db",
    },
    "store_full": {
        "zh": "磁盘已满，数据库写不进去（已有记录没有丢失）；请清理数据库所在磁盘的空间后再试",
        "en": "The disk is full and the database cannot be written (nothing already stored was "
        "lost); free space on the database's disk and try again",
    },
    "store_corrupt": {
        "zh": "数据库文件 {file} 已损坏，无法读取；请停用各台电脑上的程序，"
        "用 servicehall restore 从最近的备份恢复",
        "en": "The database file {file} is damaged and cannot be read; stop the programs on "
        "every PC and restore the latest backup with servicehall restore",
    },
    "store_schema": {
        "zh": "数据库表 {table} 缺少列 {columns}（表结构被改动过？）；"
        "请用 servicehall restore 从备份恢复，或请技术人员检查",
        "en": "Database table {table} lacks column(s) {columns} (changed by hand?); restore a "
        "backup with servicehall restore or ask a technician",
    },
    "store_schema_changed": {
        "zh": "数据库的表结构与本程序不符（{detail}）；请运行 servicehall init 查看详情",
        "en": "The database's tables do not match this program ({detail}); run servicehall init",
    },
    "store_bad_value": {
        "zh": "数据库拒收了一个值（{detail}）：太长或超出范围",
        "en": "The database refused a value ({detail}): too long or out of range",
    },
    "store_needs_upgrade": {
        "zh": "数据库需要升级到本程序的版本（{head}）："
        "请用数据库所有者账号运行 servicehall db upgrade",
        "en": "The database needs upgrading to this program's version ({head}): run "
        "servicehall db upgrade as the database owner",
    },
    "store_denied": {
        "zh": "数据库账号无权执行此操作（{detail}）；请检查本机使用的数据库账号",
        "en": "The database account may not do this ({detail}); check this PC's database role",
    },
    "store_unavailable": {
        "zh": "无法连接数据库（{detail}）；请检查数据库地址或网络，系统会自动重试",
        "en": "Cannot reach the database ({detail}); check its address or the network",
    },
    "unknown_clerk": {
        "zh": "没有工号为 {clerk} 的工作人员",
        "en": "No clerk with id {clerk}",
    },
    "bad_pin": {
        "zh": "PIN 至少 {digits} 位数字",
        "en": "A PIN is at least {digits} digits",
    },
    "bad_clerk_id": {
        "zh": "工号不能为空、不能含空格，最多 32 个字符",
        "en": "A clerk id is 1-32 characters without spaces",
    },
    "text_empty": {
        "zh": "{field}不能为空",
        "en": "{field} cannot be empty",
    },
    "text_control": {
        "zh": "{field}含有控制字符（如 ESC、换行），请只用文字",
        "en": "{field} contains control characters (ESC, line breaks …); use plain text",
    },
    "text_long": {
        "zh": "{field}太长：最多 {limit} 个字",
        "en": "{field} is too long: at most {limit} characters",
    },
    "already_rated": {
        "zh": "{ticket} 已经评价过了，评价不能更改",
        "en": "{ticket} has been rated already; a rating is never changed",
    },
    "sign_in_refused": {
        "zh": "工号或 PIN 不对，请重新输入",
        "en": "Wrong clerk id or PIN; try again",
    },
    "no_clerks": {
        "zh": "还没有登记工作人员：请先运行 servicehall clerk add 工号 --name 姓名",
        "en": "No clerks yet: run servicehall clerk add ID --name NAME first",
    },
    # ---------------------------------------------------------------- 短信提醒 (servicehall.sms)
    "sms_ahead": {
        "zh": "【{hall}】您的 {label} 号前面还有 {n} 人，请回到大厅等候叫号",
        "en": "[{hall}] Ticket {label}: {n} people ahead of you. Please come back to the hall",
    },
    "sms_ahead_none": {
        "zh": "【{hall}】您的 {label} 号马上就到，请回到大厅等候叫号",
        "en": "[{hall}] Ticket {label}: you are next. Please come back to the hall",
    },
    "sms_call": {
        "zh": "【{hall}】请 {label} 号到 {window} 号窗口办理",
        "en": "[{hall}] Ticket {label}: please go to window {window} now",
    },
    "bad_phone": {
        "zh": "手机号应为 11 位数字，以 13 至 19 开头（例如 13800138000）",
        "en": "A mobile number is 11 digits starting 13 to 19 (e.g. 13800138000)",
    },
    "sms_off": {
        "zh": "本大厅没有开通短信提醒（hall.toml 里 [sms] enabled = true 才能登记手机号）",
        "en": "SMS reminders are off in this hall (set [sms] enabled = true in hall.toml)",
    },
    "sms_no_port": {
        "zh": "没有指定短信猫的串口：用 --port 或 hall.toml 的 [sms] port",
        "en": "No modem port given: use --port or [sms] port in hall.toml",
    },
    "sms_port_missing": {
        "zh": "打不开短信猫的串口 {port}（{detail}）：检查 USB 线，或端口被别的程序占用",
        "en": "Cannot open the modem port {port} ({detail}): check the USB cable, or it is in use",
    },
    "sms_port_lost": {
        "zh": "短信猫的串口 {port} 断开了（{detail}），正在重连",
        "en": "The modem port {port} was lost ({detail}); reconnecting",
    },
    "sms_no_answer": {
        "zh": "短信猫没有应答（{detail}）：检查电源和波特率",
        "en": "The modem does not answer ({detail}): check its power and the baud rate",
    },
    "sms_no_sim": {
        "zh": "短信猫里没有可用的 SIM 卡（{detail}）",
        "en": "No usable SIM card in the modem ({detail})",
    },
    "sms_sim_locked": {
        "zh": "SIM 卡需要 PIN 码（{detail}）：在手机上关掉这张卡的 PIN 再插回",
        "en": "The SIM card needs a PIN ({detail}): turn its PIN off in a phone and put it back",
    },
    "sms_not_registered": {
        "zh": "短信猫没有注册到移动网络（{detail}）：检查天线、信号和话费",
        "en": "The modem is not registered on the network ({detail}): check antenna and credit",
    },
    "sms_rejected": {
        "zh": "短信被拒绝（{detail}），稍后重试",
        "en": "The message was refused ({detail}); it will be retried",
    },
    "sms_command_missing": {
        "zh": "找不到发短信的程序 {program}（[sms] command）",
        "en": "The SMS program {program} ([sms] command) is not found",
    },
    "sms_command_failed": {
        "zh": "发短信的程序失败了（{detail}）",
        "en": "The SMS program failed ({detail})",
    },
    "store_file_missing": {"zh": "找不到数据库文件 {path}", "en": "no database file at {path}"},
    "store_file_replaced": {
        "zh": "数据库文件已被替换",
        "en": "the database file was replaced",
    },
}
