"""The command line's words: errors, and what the hall's everyday commands print."""

WORDS: dict[str, dict[str, str]] = {
    "agent_ready": {
        "zh": "常驻助手已就绪：{path}（{commands} 命令由它执行，启动更快）",
        "en": "Agent ready at {path} (it runs {commands}, which then start at once)",
    },
    "agent_running": {
        "zh": "已有常驻助手在 {path} 运行",
        "en": "An agent already runs at {path}",
    },
    "agent_path_too_long": {
        "zh": "数据目录的路径太长，放不下常驻助手的套接字：{path}（请把 SERVICEHALL_HOME 设短些）",
        "en": "The data directory's path is too long for the agent's socket: {path} "
        "(set a shorter SERVICEHALL_HOME)",
    },
    "agent_lost": {
        "zh": "常驻助手在执行命令时中断，请用 servicehall status 查看结果后再试",
        "en": "The agent ended while running the command; see servicehall status, then retry",
    },
    "cli_error": {"zh": "错误", "en": "Error"},
    "cli_colon": {"zh": "：", "en": ": "},
    "cli_table_more": {"zh": "{title}（续）", "en": "{title} (continued)"},
    "cli_bad_args": {"zh": "{prog}：{message}（-h 看用法）", "en": "{prog}: {message} (-h: usage)"},
    "cli_log_failed": {
        "zh": "注意：日志写不进去（{reason}），本次不再记日志",
        "en": "Note: the log cannot be written ({reason}); not logging any more",
    },
    "cli_bad_int": {
        "zh": "应是 {low} 到 {high} 之间的整数，而不是 {text}",
        "en": "should be a whole number from {low} to {high}, not {text}",
    },
    "cli_ready": {
        "zh": "已就绪：{name}（{hall}），数据库 {db}",
        "en": "Ready: {name} ({hall}), database {db}",
    },
    "cli_builtin_sample": {"zh": "(内置示例)", "en": "(built-in sample)"},
    "cli_note": {"zh": "注意：{warning}", "en": "Note: {warning}"},
    "cli_config_ok": {"zh": "配置正确", "en": "Config OK"},
    "cli_config_summary": {
        "zh": "：{file} — {hall}，{services} 项业务、{matters} 个事项、{windows} 个窗口",
        "en": ": {file} — {hall}, {services} services, {matters} matters, {windows} windows",
    },
    "cli_pin_short": {"zh": "PIN 至少 4 位数字", "en": "A PIN is at least 4 digits"},
    "cli_window_no": {"zh": "{number}号", "en": "{number}"},
    "cli_list_sep": {"zh": "、", "en": ", "},
    "cli_taken": {"zh": "已取号 {ticket}", "en": "Ticket {ticket}"},
    "cli_ahead": {
        "zh": "，前面还有 {n} 人，请到 {windows} 窗口",
        "en": ", {n} ahead, go to window {windows}",
    },
    "cli_wait": {"zh": "，预计等候{wait}", "en": ", expected wait {wait}"},
    "cli_sms_registered": {"zh": "短信提醒已登记：{phone}", "en": "SMS reminder for {phone}"},
    "cli_sms_refused": {
        "zh": "号票 {ticket} 已取好，但短信提醒没有登记上：{message}",
        "en": "Ticket {ticket} is taken, but the SMS reminder was not registered: {message}",
    },
    "cli_needs_window": {
        "zh": "{command} 需要 --window 窗口号",
        "en": "{command} needs --window NUMBER",
    },
    "cli_needs_ticket": {
        "zh": "{command} 需要号票，如 A012",
        "en": "{command} needs a ticket, e.g. A012",
    },
    "cli_needs_service": {
        "zh": "call transfer 需要 --to 业务编码",
        "en": "call transfer needs --to SERVICE",
    },
    "cli_nobody_waiting": {
        "zh": "{window} 号窗口：当前没有人等候",
        "en": "Window {window}: nobody is waiting",
    },
    "cli_window_state": {
        "zh": "{window} 号窗口（{name}）{state}",
        "en": "Window {window} ({name}) {state}",
    },
    "cli_paused": {"zh": "已暂停", "en": "paused"},
    "cli_resumed": {"zh": "已恢复", "en": "resumed"},
    "cli_needs_leader": {"zh": "leader set 需要领导姓名", "en": "leader set needs a name"},
    "cli_no_leader": {"zh": "今日未安排带班领导", "en": "No leader on duty today"},
    "cli_leader": {
        "zh": "今日带班领导：{name} {title}",
        "en": "Leader on duty today: {name} {title}",
    },
    "cli_leader_none": {"zh": "未安排", "en": "none"},
    "cli_open": {"zh": "办公中", "en": "open"},
    "cli_closed": {"zh": "非办公时间", "en": "closed"},
    "cli_market_day": {"zh": "  今天是圩日", "en": "  market day"},
    "cli_leader_label": {"zh": "带班领导：{leader}", "en": "leader: {leader}"},
    "cli_col_code": {"zh": "编码", "en": "Code"},
    "cli_col_service": {"zh": "业务", "en": "Service"},
    "cli_col_waiting": {"zh": "等候", "en": "Waiting"},
    "cli_col_wait_now": {"zh": "现在取号预计等候", "en": "Wait for a new ticket"},
    "cli_waiting_title": {"zh": "等候人数", "en": "Waiting"},
    "cli_col_window": {"zh": "窗口", "en": "Window"},
    "cli_col_name": {"zh": "名称", "en": "Name"},
    "cli_col_state": {"zh": "状态", "en": "State"},
    "cli_col_serving": {"zh": "正在办理", "en": "Serving"},
    "cli_col_clerk": {"zh": "工作人员", "en": "Clerk"},
    "cli_windows_title": {"zh": "窗口", "en": "Windows"},
    "cli_state_paused": {"zh": "暂停", "en": "paused"},
    "cli_state_open": {"zh": "开放", "en": "open"},
    "cli_bad_day": {
        "zh": "日期应写成 YYYY-MM-DD，而不是 {day}",
        "en": "Write the date as YYYY-MM-DD, not {day}",
    },
    "cli_col_at": {"zh": "时间", "en": "Time"},
    "cli_col_kind": {"zh": "操作", "en": "Action"},
    "cli_col_ticket": {"zh": "号票", "en": "Ticket"},
    "cli_col_detail": {"zh": "详情", "en": "Detail"},
    "cli_detail_sep": {"zh": "，", "en": ", "},
    "cli_events_title": {"zh": "工作过程记录", "en": "Record of work"},
    "cli_events_none": {"zh": "没有符合条件的工作记录", "en": "No record of work matches"},
    "cli_ticket_status": {"zh": "{ticket}：{status}", "en": "{ticket}: {status}"},
    "cli_back_by": {"zh": "（{back_by}）", "en": " ({back_by})"},
    "cli_case_overdue_title": {"zh": "已超期的办件", "en": "Overdue cases (past the promised day)"},
    "cli_case_open_title": {"zh": "在办的办件", "en": "Open cases"},
    "cli_case_none_overdue": {"zh": "没有已超期的办件", "en": "No overdue cases"},
    "cli_case_none_open": {"zh": "没有在办的办件", "en": "No open cases"},
    "cli_case_no_printer": {
        "zh": "{window} 号窗口没有设置回执打印机（[[windows]] printer）；办件已受理",
        "en": "Window {window} has no receipt printer ([[windows]] printer); the case is received",
    },
    "cli_case_not_printed": {
        "zh": "{message}（{detail}）；办件已受理",
        "en": "{message} ({detail}); the case is received",
    },
    "cli_case_callbacks_title": {
        "zh": "待回访的办件",
        "en": "Cases waiting for a follow-up call (回访)",
    },
    "cli_case_col_number": {"zh": "办件号", "en": "Case"},
    "cli_case_col_matter": {"zh": "事项", "en": "Matter"},
    "cli_case_col_name": {"zh": "姓名", "en": "Name"},
    "cli_case_col_phone": {"zh": "电话", "en": "Phone"},
    "cli_case_col_closed": {"zh": "办完", "en": "Done"},
    "cli_case_col_window": {"zh": "窗口", "en": "Window"},
    "cli_case_col_kind": {"zh": "类型", "en": "Kind"},
    "cli_case_col_promised": {"zh": "承诺办结", "en": "Promised by"},
    "cli_case_col_left": {"zh": "剩余", "en": "Days left"},
    "cli_case_col_at": {"zh": "时间", "en": "Time"},
    "cli_case_col_step": {"zh": "步骤", "en": "Step"},
    "cli_case_col_clerk": {"zh": "工作人员", "en": "Clerk"},
    "cli_case_col_note": {"zh": "说明", "en": "Note"},
    "cli_case_no_phone": {"zh": "（未留或已删除）", "en": "(none given, or deleted)"},
    "cli_case_no_callbacks": {
        "zh": "没有待回访的办件",
        "en": "No cases waiting for a follow-up call",
    },
    "cli_case_called": {
        "zh": "办件 {number} 已回访：{result}（手机号已删除）",
        "en": "Case {number} called back: {result} (phone number deleted)",
    },
    "cli_case_not_found": {
        "zh": "没有找到（姓名和后四位要完全一致）",
        "en": "Not found (the name and the last four digits must match exactly)",
    },
    "cli_case_agent": {"zh": "，全程代办：{staff}", "en": ", carried by staff (全程代办): {staff}"},
    "cli_case_number": {"zh": "办件 {number}", "en": "Case {number}"},
    "cli_case_who": {
        "zh": "  {matter}（{kind}）  {name}（后四位 {last4}）",
        "en": "  {matter} ({kind})  {name} (last four {last4})",
    },
    "cli_case_window": {"zh": "  {window} 号窗口", "en": "  window {window}"},
    "cli_case_dates": {
        "zh": "受理 {opened}  承诺办结 {promised}  ",
        "en": "Received {opened}  promised by {promised}  ",
    },
    "cli_case_state": {"zh": "状态 {state}  ", "en": "state {state}  "},
    "cli_case_sms_yes": {"zh": "  短信 有", "en": "  SMS yes"},
    "cli_case_sms_no": {"zh": "  短信 无", "en": "  SMS no"},
    "cli_case_steps": {"zh": "办理步骤", "en": "Steps"},
    "cli_case_to": {"zh": "转 {window} 号窗口", "en": "to window {window}"},
    "cli_clerk_saved": {
        "zh": "已保存工作人员 {name}（工号 {clerk}）；PIN 只保存散列值",
        "en": "Clerk {name} saved (id {clerk}); only the PIN's hash is kept",
    },
    "cli_clerk_removed": {
        "zh": "已停用工作人员 {name}（工号 {clerk}），不能再登录；记录保留",
        "en": "Clerk {name} disabled (id {clerk}): no more sign-in; the records stay",
    },
    "cli_keypad_started": {
        "zh": "叫号键盘桥接：{port}，{baud} 波特；Ctrl+C 退出。详情见日志。",
        "en": "Keypad bridge: {port}, {baud} baud; Ctrl+C to stop. Details in the log.",
    },
    "cli_port_missing": {
        "zh": "串口 {port} 现在不存在，插上后会自动连接",
        "en": "Serial port {port} is not there now; it connects once plugged in",
    },
    "cli_clerk_needs_window": {
        "zh": "servicehall clerk 需要 --window 窗口号",
        "en": "servicehall clerk needs --window NUMBER",
    },
    "cli_clerk_pin_prompt": {"zh": "PIN（不显示）: ", "en": "PIN (not shown): "},
    "cli_clerk_pin_again": {"zh": "再输一次 PIN: ", "en": "PIN again: "},
    "cli_clerk_pin_differs": {
        "zh": "两次输入的 PIN 不一样，未保存",
        "en": "The two PINs differ; nothing saved",
    },
    "cli_clerk_title": {"zh": "工作人员", "en": "Clerks"},
    "cli_clerk_none": {
        "zh": "还没有登记工作人员（servicehall clerk add 工号 --name 姓名）",
        "en": "No clerk registered yet (servicehall clerk add ID --name NAME)",
    },
    "cli_clerk_state": {"zh": "状态", "en": "State"},
    "cli_clerk_active": {"zh": "在岗", "en": "active"},
    "cli_clerk_disabled": {"zh": "已停用", "en": "disabled"},
    "cli_clerk_id": {"zh": "工号", "en": "Id"},
    "cli_clerk_name": {"zh": "姓名", "en": "Name"},
    "cli_serve_needs_window": {
        "zh": "serve clerk 需要 --window 窗口号（每个窗口一个服务）",
        "en": "serve clerk needs --window NUMBER (one service per window)",
    },
    "cli_serve_no_manager_pin": {
        "zh": "没有设置管理员 PIN：先在 hall.toml 的 [manager] pin_hash 设置",
        "en": "No manager PIN is set: set [manager] pin_hash in hall.toml first",
    },
    "cli_serve_open": {
        "zh": "在浏览器打开 http://{host}:{port}/ （Ctrl+C 停止）",
        "en": "Open http://{host}:{port}/ in a browser (Ctrl+C stops)",
    },
    "cli_serve_no_base_url": {
        "zh": "提示：hall.toml 的 [phone] base_url 还没有设置，号票上的二维码不会指向手机页面",
        "en": (
            "Note: hall.toml's [phone] base_url is not set: the tickets' QR codes will not lead to "
            "the phone page"
        ),
    },
    "cli_serve_phone": {
        "zh": "手机页面：http://{host}:{port}/ （Ctrl+C 停止）",
        "en": "Phone page: http://{host}:{port}/ (Ctrl+C stops)",
    },
    "cli_printed": {"zh": "已打印", "en": "Printed"},
    "cli_not_printed": {"zh": "未打印", "en": "Not printed"},
    "cli_online": {"zh": "联机", "en": "online"},
    "cli_offline": {"zh": "脱机", "en": "offline"},
    "cli_unknown": {"zh": "未知", "en": "unknown"},
    "cli_paper_ok": {"zh": "有纸", "en": "paper in"},
    "cli_paper_near_end": {"zh": "纸将用完", "en": "paper running out"},
    "cli_paper_out": {"zh": "缺纸", "en": "out of paper"},
    "cli_paper_unknown": {"zh": "未知", "en": "unknown"},
    "cli_printer_line": {
        "zh": "打印机：{online}，纸：{paper} — {message}",
        "en": "Printer: {online}, paper: {paper} — {message}",
    },
    "cli_png_saved": {"zh": "图像已保存：{path}", "en": "Image saved: {path}"},
    "cli_nothing_to_reprint": {
        "zh": "今天还没有取过号，无可补打",
        "en": "No ticket was taken today: nothing to print again",
    },
    "cli_db_newer": {
        "zh": "数据库的版本 {before} 比本程序（{head}）新：没有改动，请升级本程序",
        "en": (
            "The database's version {before} is newer than this program's ({head}): nothing changed"
            "; upgrade the program"
        ),
    },
    "cli_db_resecured": {
        "zh": "，已重新安装 PostgreSQL 行级安全",
        "en": ", PostgreSQL row-level security installed again",
    },
    "cli_db_current": {
        "zh": "数据库已是本程序的版本（{after}）{extra}：{url}",
        "en": "The database is at this program's version ({after}){extra}: {url}",
    },
    "cli_db_secured": {
        "zh": "，并安装了 PostgreSQL 行级安全",
        "en": ", with PostgreSQL row-level security installed",
    },
    "cli_db_unversioned": {"zh": "旧版（无版本号）或空库", "en": "old (no version) or empty"},
    "cli_db_upgraded": {
        "zh": "数据库已升级：{before} → {after}{extra}：{url}",
        "en": "Database upgraded: {before} → {after}{extra}: {url}",
    },
    "cli_bad_hall_code": {
        "zh": "大厅编码 {code} 不对：只能用小写字母、数字、- 和 _",
        "en": "Hall code {code} is wrong: only lower-case letters, digits, - and _",
    },
    "cli_bad_login": {
        "zh": "账号名 {login} 不对：1-63 个字符，不含控制字符",
        "en": "Login {login} is wrong: 1-63 characters, no control characters",
    },
    "cli_grant_pg_only": {
        "zh": "账号授权只用于 PostgreSQL；单机 SQLite 不需要",
        "en": "Granting logins is for PostgreSQL only; a single-PC SQLite needs none",
    },
    "cli_granted": {
        "zh": "已授权：{login} → {hall} 大厅的 {kind}（{rights}）",
        "en": "Granted: {login} → {kind} of hall {hall} ({rights})",
    },
    "cli_role_kiosk": {
        "zh": "取号机：只能取号、记录打印结果、撤回未打出的号，不能改写或删除历史",
        "en": (
            "kiosk: takes tickets, records printing, withdraws unprinted tickets; cannot change or "
            "delete history"
        ),
    },
    "cli_role_window": {
        "zh": "窗口/呼叫器/评价器：叫号、重呼、过号、转办、办结、签到、评价（只能写一次）",
        "en": (
            "window/keypad/rating pad: call, recall, skip, transfer, finish, sign in, rate (once)"
        ),
    },
    "cli_role_display": {"zh": "大厅显示屏：只读", "en": "hall display: read only"},
    "cli_role_sms": {
        "zh": "短信网关：读取本大厅的排队情况，发送短信提醒；不能改动排队记录",
        "en": "SMS bridge: reads this hall's queue, sends reminders; cannot change the queue",
    },
    "cli_role_phone": {
        "zh": "手机页面：读取本大厅的排队情况和办件进度（不含手机号）；只能给已办结的号写一次评价",
        "en": (
            "phone page: reads this hall's queue and cases' progress (no phone numbers); rates a "
            "finished ticket once"
        ),
    },
    "cli_backing_up": {"zh": "正在备份到 {folder} …", "en": "Backing up to {folder} …"},
    "cli_backed_up": {"zh": "已备份", "en": "Backed up"},
    "cli_backup_file": {"zh": "：{path}（{mb} MB）", "en": ": {path} ({mb} MB)"},
    "cli_backup_checked": {"zh": "检查通过", "en": "Checked, good"},
    "cli_restore_needs_yes": {
        "zh": "恢复会替换当前的数据库：确认无误后加 --yes 再运行",
        "en": "Restoring replaces the current database: when sure, run again with --yes",
    },
    "cli_restore_about": {"zh": "将要恢复", "en": "About to restore"},
    "cli_restore_ask": {
        "zh": "恢复会替换当前数据库（当前数据会先另存一份）。确定吗？输入 yes：",
        "en": (
            "Restoring replaces the current database (its data is saved aside first). Sure? Type "
            "yes: "
        ),
    },
    "cli_not_restored": {"zh": "没有恢复", "en": "Not restored"},
    "cli_restoring": {"zh": "正在恢复 …", "en": "Restoring …"},
    "cli_restored": {"zh": "已恢复", "en": "Restored"},
    "cli_restore_saved_before": {
        "zh": "恢复前的数据库另存为：{path}",
        "en": "The database as it was before is saved as: {path}",
    },
    "cli_backup_halls": {"zh": "大厅 {halls}", "en": "hall {halls}"},
    "cli_backup_tickets": {"zh": "{tickets} 张号票", "en": "{tickets} tickets"},
    "cli_backup_last": {"zh": "最后记录 {at}", "en": "last record {at}"},
    "cli_backup_sep": {"zh": "，", "en": ", "},
    "cli_backup_about": {"zh": "：{file}（{about}）", "en": ": {file} ({about})"},
    "cli_say_text": {"zh": "播报内容：{text}", "en": "Said: {text}"},
    "cli_say_no_wav": {
        "zh": "无法生成语音文件：{reason}",
        "en": "Cannot make the voice file: {reason}",
    },
    "cli_say_written": {"zh": "已写入 {path}", "en": "Written: {path}"},
    "cli_say_off": {"zh": "语音播报已关闭：{reason}", "en": "Voice calls are off: {reason}"},
    "cli_say_failed": {
        "zh": "语音命令出错，详见日志",
        "en": "The voice command failed; see the log",
    },
    "cli_demo_simulating": {
        "zh": "模拟大厅：村民陆续取号，其他窗口每隔几秒叫号（Ctrl+C 停止）",
        "en": (
            "Simulated hall: villagers take tickets, the other windows call every few seconds "
            "(Ctrl+C stops)"
        ),
    },
    "cli_demo_db": {
        "zh": "演示数据库：{db}（演示结束后可删除）",
        "en": "Demo database: {db} (delete it after the demo)",
    },
    "cli_demo_tmux": {
        "zh": (
            "窗口 {window} 叫号台登录：工号 {clerk}，PIN {pin}；离开演示：Ctrl-b d；结束：tmux "
            "kill-session -t {session}"
        ),
        "en": (
            "Window {window} console sign-in: clerk {clerk}, PIN {pin}; leave the demo: Ctrl-b d; "
            "end it: tmux kill-session -t {session}"
        ),
    },
    "cli_demo_attach": {
        "zh": "在终端里运行 tmux attach -t {session} 查看",
        "en": "Run tmux attach -t {session} in a terminal to watch",
    },
    "cli_demo_failed": {
        "zh": "演示的网页服务异常退出，详见日志",
        "en": "The demo's web service stopped with an error; see the log",
    },
    "cli_sms_bridge": {
        "zh": (
            "短信桥：{sender}；前面剩 {ahead} 人时和叫号时发提醒，每个号码每天最多 {cap} 条。Ctrl+C"
            " 退出，详情见日志。"
        ),
        "en": (
            "SMS bridge: {sender}; reminders when {ahead} are left ahead and when called, at most "
            "{cap} a day per number. Ctrl+C stops; details in the log."
        ),
    },
    "cli_sms_disabled": {
        "zh": "hall.toml 的 [sms] enabled = false：取号机不会登记手机号",
        "en": "hall.toml's [sms] enabled = false: the kiosk will not take phone numbers",
    },
    "serve_title_display": {"zh": "大厅叫号屏", "en": "Hall display"},
    "serve_title_kiosk": {"zh": "自助取号", "en": "Take a ticket"},
    "serve_title_clerk": {"zh": "窗口叫号", "en": "Window console"},
    "serve_title_manager": {"zh": "统计报表", "en": "Reports"},
    "serve_title_phone": {"zh": "手机页面", "en": "Phone page"},
    "serve_bad_host": {"zh": "此地址不能使用", "en": "This address cannot be used"},
    "serve_bad_host_hint": {
        "zh": "请用本机地址打开，例如 http://127.0.0.1:端口/",
        "en": "Open it with this PC's address, e.g. http://127.0.0.1:PORT/",
    },
    "serve_refused": {"zh": "拒绝连接", "en": "Connection refused"},
    "serve_refused_hint": {
        "zh": "只有本机打开的页面可以使用",
        "en": "Only a page opened on this PC can use it",
    },
    "serve_busy": {"zh": "已达到同时打开的上限", "en": "Too many open at once"},
    "serve_busy_hint": {
        "zh": (
            "这个程序最多同时在 {tabs} 个浏览器标签中使用。请关闭其他标签页；本页每 10 秒自动重试。"
        ),
        "en": (
            "This program runs in at most {tabs} browser tabs at once. Close another tab; this page"
            " tries again every 10 seconds."
        ),
    },
    "serve_html_lang": {"zh": "zh-CN", "en": "en"},
}
