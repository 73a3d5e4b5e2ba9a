"""The command line's help: what each command and option is for (``servicehall -h``).

The parser is built after the language is set (``cli.main``), so ``--lang en -h`` is English.
"""

WORDS: dict[str, dict[str, str]] = {
    "help_config": {
        "zh": "hall.toml (默认 ./hall.toml，否则内置示例；或 $SERVICEHALL_CONFIG)",
        "en": "hall.toml (default ./hall.toml, else the built-in sample; or $SERVICEHALL_CONFIG)",
    },
    "help_db": {
        "zh": "数据库 URL（默认数据目录下的 SQLite 文件；或 $SERVICEHALL_DB）",
        "en": "database URL (default: the SQLite file in the data directory; or $SERVICEHALL_DB)",
    },
    "help_lang": {
        "zh": "界面语言 (默认 zh；或 $SERVICEHALL_LANG)",
        "en": "language of the words shown (default zh; or $SERVICEHALL_LANG)",
    },
    "help_verbose": {"zh": "把日志也打印到终端", "en": "print the log to the terminal too"},
    "help_servicehall": {
        "zh": "乡镇便民服务中心 取号排队系统 — kiosk, queue, hall display, clerk consoles",
        "en": "Township service hall queue system — kiosk, queue, hall display, clerk consoles",
    },
    "help_json": {
        "zh": "输出 JSON（键名稳定，供脚本使用）",
        "en": "print JSON (stable keys, for scripts)",
    },
    "help_init": {
        "zh": "检查配置并创建/升级数据库（可重复执行）",
        "en": "check the config and create or upgrade the database (safe to repeat)",
    },
    "help_sample_config": {
        "zh": "打印示例配置（大厅从它开始修改）",
        "en": "print the sample config (a hall starts from it)",
    },
    "help_check_config": {
        "zh": "检查配置文件，说明错在哪里",
        "en": "check a config file and say what is wrong",
    },
    "help_config_path": {
        "zh": "配置文件（默认同 --config）",
        "en": "config file (default: as --config)",
    },
    "help_hash_pin": {
        "zh": "为配置文件生成 PIN 的散列值（不保存明文）",
        "en": "hash a PIN for the config file (the PIN itself is not kept)",
    },
    "help_take": {"zh": "取号", "en": "take a ticket"},
    "help_service_code": {"zh": "业务编码，如 A", "en": "service code, e.g. A"},
    "help_matter": {"zh": "事项编码", "en": "matter code (one kind of business within a service)"},
    "help_priority": {
        "zh": "优先号（老年人、残疾人、孕妇）",
        "en": "priority ticket (the elderly, disabled people, pregnant women)",
    },
    "help_print": {"zh": "像取号机一样打印号票", "en": "print the ticket as the kiosk does"},
    "help_phone_metavar": {"zh": "手机号", "en": "PHONE"},
    "help_sms": {
        "zh": "登记手机号，到号前发短信提醒（同取号机）",
        "en": "register a mobile number for an SMS before the turn comes (as the kiosk)",
    },
    "help_call": {
        "zh": "窗口操作：叫号、重呼、过号、办结、转办、指定叫号、过号重排",
        "en": (
            "window actions: call next, recall, skip (no-show), finish (办结), transfer, call a "
            "given ticket, requeue a no-show"
        ),
    },
    "help_call_ticket": {
        "zh": "号票（pick/requeue/cancel 用），如 A012",
        "en": "ticket (for pick/requeue/cancel), e.g. A012",
    },
    "help_window": {"zh": "窗口号", "en": "window number"},
    "help_call_action": {
        "zh": "next 叫下一位，recall 重呼，skip 过号，finish 办结，transfer 转办，"
        "pick 指定叫号，requeue 过号重排，cancel 取消号票",
        "en": "next: call the next; recall; skip (no-show); finish; transfer; "
        "pick: call a given ticket; requeue a skipped ticket; cancel a ticket",
    },
    "help_window_action": {"zh": "pause 暂停，resume 恢复", "en": "pause or resume the window"},
    "help_leader_action": {
        "zh": "show 查看今日带班领导，set 临时调整",
        "en": "show today's leader on duty, or set one for today",
    },
    "help_leader_name": {"zh": "带班领导姓名（set 用）", "en": "the leader's name (for set)"},
    "help_leader_title": {"zh": "职务，如 党委副书记（set 用）", "en": "their post (for set)"},
    "help_events_after": {
        "zh": "只看编号大于此数的记录（接着上次看）",
        "en": "only records numbered above this (to carry on from the last look)",
    },
    "help_events_limit": {
        "zh": "最多列出多少条（默认 200）",
        "en": "list at most this many (default 200)",
    },
    "help_events_window": {"zh": "只看这个窗口", "en": "only this window"},
    "help_serve_role": {
        "zh": "在浏览器中打开哪一个：display 叫号屏、kiosk 取号机、clerk 窗口工作台、"
        "manager 报表、phone 群众手机页",
        "en": "what to serve: display, kiosk, clerk, manager, or phone (the villagers' "
        "ticket pages)",
    },
    "help_clerk": {"zh": "工作人员编号", "en": "clerk id"},
    "help_transfer_to": {
        "zh": "转办到的业务编码（transfer 用）",
        "en": "service code to transfer to (for transfer)",
    },
    "help_window_cmd": {"zh": "窗口暂停/恢复", "en": "pause or resume a window"},
    "help_leader": {
        "zh": "今日带班领导：查看或临时调整",
        "en": "today's leader on duty: show or change",
    },
    "help_status": {
        "zh": "大厅现状：各业务等候人数、各窗口正在办理的号",
        "en": "the hall now: people waiting per service, the ticket at each window",
    },
    "help_events": {"zh": "工作过程记录（审计）", "en": "the record of work done (audit)"},
    "help_events_ticket": {"zh": "只看这张号票，如 A012", "en": "only this ticket, e.g. A012"},
    "help_events_day": {
        "zh": "只看这一天 YYYY-MM-DD（号票按这一天查找；默认全部/今天）",
        "en": "only this day YYYY-MM-DD (the ticket is looked up on that day; default all/today)",
    },
    "help_report": {
        "zh": "统计报表：取号、办结、过号、转办，等候与办理时长，限时办结率，满意率",
        "en": (
            "reports: tickets taken, finished, no-shows, transfers, wait and service times, "
            "finished in time, satisfaction"
        ),
    },
    "help_report_day": {
        "zh": "某一天 YYYY-MM-DD（默认今天）",
        "en": "one day YYYY-MM-DD (default today)",
    },
    "help_report_from": {"zh": "起始日期 YYYY-MM-DD", "en": "first day YYYY-MM-DD"},
    "help_report_to": {
        "zh": "结束日期 YYYY-MM-DD（默认今天）",
        "en": "last day YYYY-MM-DD (default today)",
    },
    "help_report_by": {
        "zh": "分组：业务、窗口、工作人员、事项、时段（%(choices)s）",
        "en": "breakdown: by service, window, clerk, matter or hour (%(choices)s)",
    },
    "help_report_csv": {
        "zh": "输出 CSV（UTF-8 带 BOM，Excel/WPS 可直接打开）；不给文件名则写到屏幕",
        "en": "write CSV (UTF-8 with BOM, opens in Excel/WPS); without a file name, to the screen",
    },
    "help_report_xlsx": {
        "zh": "导出 Excel 工作簿（每种分组一页，含时段图）",
        "en": "write an Excel workbook (a sheet per breakdown, with the hour chart)",
    },
    "help_report_county": {
        "zh": "全县视图：同一数据库里的所有大厅，每个大厅一行",
        "en": "county view: every hall in the same database, a row per hall",
    },
    "help_simulate": {
        "zh": "生成模拟历史数据（用于演示和性能测试）",
        "en": "make up past days' data (for demos and performance tests)",
    },
    "help_simulate_days": {
        "zh": "模拟多少天（日历天，休息日不取号）",
        "en": "how many days (calendar days; no tickets on days off)",
    },
    "help_simulate_per_day": {
        "zh": "平常工作日的取号人数（默认 600）",
        "en": "tickets on an ordinary working day (default 600)",
    },
    "help_simulate_seed": {
        "zh": "随机种子（相同种子得到相同数据）",
        "en": "random seed (the same seed gives the same data)",
    },
    "help_simulate_end": {
        "zh": "最后一天 YYYY-MM-DD（默认昨天）",
        "en": "last day YYYY-MM-DD (default yesterday)",
    },
    "help_simulate_json": {"zh": "输出 JSON 摘要", "en": "print a JSON summary"},
    "help_manager": {
        "zh": "中心管理员报表界面（选日期、切换分组、看时段图、导出）",
        "en": "the manager's report screen (pick days, switch breakdowns, hour chart, export)",
    },
    "help_doctor": {
        "zh": "检查这台电脑：配置、数据库、打印机、字体、语音、屏幕",
        "en": "check this PC: config, database, printer, fonts, voice, screen",
    },
    "help_doctor_role": {
        "zh": "这台电脑的用途：%(choices)s（默认 kiosk）",
        "en": "what this PC is for: %(choices)s (default kiosk)",
    },
    "help_doctor_wait_db": {
        "zh": "数据库暂时连不上时最多等这么久（开机时等数据库电脑启动）",
        "en": "wait this long at most for the database (at boot, for the database PC to start)",
    },
    "help_cases": {
        "zh": "办件：受理、补正、办结、领取；在办和超期的办件",
        "en": (
            "cases (办件: business that takes days): receive, papers missing, finish, collect; open"
            " and overdue cases"
        ),
    },
    "help_cases_window": {"zh": "只列这个窗口的办件", "en": "only this window's cases"},
    "help_cases_overdue": {
        "zh": "只列已超期的办件",
        "en": "only overdue cases (past the promised day)",
    },
    "help_cases_open": {
        "zh": "受理：把窗口叫到的号登记为办件",
        "en": "receive (受理): record the ticket called at the window as a case",
    },
    "help_cases_ticket": {"zh": "今天的号票，如 A001", "en": "today's ticket, e.g. A001"},
    "help_cases_open_window": {"zh": "受理窗口", "en": "the receiving window"},
    "help_cases_kind": {
        "zh": "即办件 / 承诺件 / 联办件 / 上报件",
        "en": "immediate / promised / joint / reported",
    },
    "help_cases_name": {"zh": "群众姓名", "en": "the villager's name"},
    "help_cases_last4": {
        "zh": "身份证或手机号后四位（不录入完整证件号）",
        "en": "last four digits of the ID card or phone (never the whole number)",
    },
    "help_cases_phone": {
        "zh": "手机号：补正、办结时发短信（领取后删除）",
        "en": (
            "mobile number: an SMS when papers are missing or the case is finished (deleted once "
            "collected)"
        ),
    },
    "help_cases_agent": {
        "zh": "全程代办：负责的工作人员",
        "en": "carried all the way by staff (全程代办): the staff member",
    },
    "help_cases_matter": {
        "zh": "事项编码（默认号票上的事项）",
        "en": "matter code (default: the ticket's matter)",
    },
    "help_cases_clerk": {
        "zh": "工号（默认该窗口签到的工作人员）",
        "en": "clerk id (default: the clerk signed in at the window)",
    },
    "help_cases_print": {
        "zh": "在本窗口的回执打印机上打印受理回执",
        "en": "print the receipt on this window's receipt printer",
    },
    "help_cases_step": {
        "zh": "记录办理步骤：转县级部门 联办 补正 办结 已领取 已送达",
        "en": (
            "record a step: sent to the county, joint handling, papers missing, finished, collected"
            ", delivered"
        ),
    },
    "help_cases_number": {
        "zh": "办件号，如 2026-1202-003",
        "en": "case number, e.g. 2026-1202-003",
    },
    "help_cases_steps": {
        "zh": "转县级部门 / 联办 / 补正 / 办结 / 已领取 / 已送达",
        "en": "refer / joint / supplement / finish / collect / deliver",
    },
    "help_cases_step_window": {"zh": "办理窗口", "en": "the window doing it"},
    "help_cases_note": {
        "zh": "补正缺什么材料、转到哪个部门",
        "en": "which papers are missing, which department it went to",
    },
    "help_cases_to": {"zh": "联办：接办的窗口", "en": "joint handling: the window taking it over"},
    "help_cases_show": {"zh": "一件办件的全部步骤", "en": "every step of one case"},
    "help_cases_number_short": {"zh": "办件号", "en": "case number"},
    "help_cases_callbacks": {
        "zh": "回访：已领取或送达、还没回访的办件",
        "en": "follow-up calls (回访): cases collected or delivered and not yet called",
    },
    "help_cases_callback": {
        "zh": "记录回访结果（每件一次；记录后删除手机号）",
        "en": "record a follow-up call's result (once per case; the phone number is then deleted)",
    },
    "help_cases_result": {
        "zh": "满意 / 基本满意 / 不满意 / 未接通",
        "en": "satisfied / basic / unsatisfied / no_answer",
    },
    "help_cases_caller": {
        "zh": "回访人签到的窗口",
        "en": "the window where the caller is signed in",
    },
    "help_cases_callback_note": {"zh": "简短说明", "en": "a short note"},
    "help_cases_find": {
        "zh": "按姓名和后四位查找（完全一致才算）",
        "en": "find by name and last four digits (exact match only)",
    },
    "help_cases_find_name": {"zh": "姓名", "en": "name"},
    "help_cases_find_last4": {
        "zh": "身份证或手机号后四位",
        "en": "last four digits of the ID card or phone",
    },
    "help_clerk_cmd": {
        "zh": "窗口工作台（叫号、重呼、过号、办结、转办）；工作人员账号",
        "en": "the window console (call, recall, skip, finish, transfer); clerk accounts",
    },
    "help_clerk_add": {
        "zh": "登记工作人员或修改其 PIN（PIN 不回显、只存散列）",
        "en": "add a clerk or change their PIN (the PIN is not shown, only its hash is kept)",
    },
    "help_clerk_id": {"zh": "工号", "en": "clerk id"},
    "help_clerk_name": {"zh": "姓名", "en": "name"},
    "help_clerk_remove": {
        "zh": "停用工作人员：不能再登录，历史记录和报表里保留姓名（add 可重新启用）",
        "en": (
            "disable a clerk: no more sign-in; the name stays in the records and reports (add turns"
            " them on again)"
        ),
    },
    "help_clerk_list": {"zh": "列出工作人员", "en": "list the clerks"},
    "help_keypad": {
        "zh": "有线叫号键盘（串口）桥接",
        "en": "bridge for the wired calling keypad (serial port)",
    },
    "help_keypad_port": {"zh": "串口，如 /dev/ttyUSB0", "en": "serial port, e.g. /dev/ttyUSB0"},
    "help_keypad_baud": {"zh": "波特率（默认 9600）", "en": "baud rate (default 9600)"},
    "help_rate": {
        "zh": "窗口评价器（满意 / 基本满意 / 不满意）",
        "en": "the window's rating pad (satisfied / fairly satisfied / unsatisfied)",
    },
    "help_rate_timeout": {
        "zh": "多少秒无人评价算未评价（默认 30）",
        "en": "seconds without a rating before it counts as not rated (default 30)",
    },
    "help_print_test": {
        "zh": "打印一张测试号票，并报告打印机状态",
        "en": "print a test ticket and report the printer's state",
    },
    "help_print_test_png": {
        "zh": "同时把号票按图像模式画成 PNG 保存（检查版式）",
        "en": "also draw the ticket in image mode and save it as PNG (to check the layout)",
    },
    "help_reprint": {
        "zh": "补打号票（默认今天最后取的一张）",
        "en": "print a ticket again (default: today's last one)",
    },
    "help_reprint_ticket": {
        "zh": "号票，如 A012；不填则补打最后一张",
        "en": "ticket, e.g. A012; without it, the last one",
    },
    "help_printer_status": {
        "zh": "查询打印机状态（联机、缺纸、盖子）",
        "en": "ask the printer's state (online, paper, lid)",
    },
    "help_db_cmd": {
        "zh": "数据库管理：升级表结构；为各台电脑的数据库账号授予最小权限",
        "en": (
            "database care: upgrade the tables; grant each PC's database login the least it needs"
        ),
    },
    "help_db_grant": {
        "zh": "给已建好的 PostgreSQL 登录账号授权",
        "en": "grant rights to an existing PostgreSQL login",
    },
    "help_db_grant_login": {
        "zh": "PostgreSQL 登录账号（由数据库管理员创建并设密码）",
        "en": "PostgreSQL login (created, with its password, by the database administrator)",
    },
    "help_db_grant_role": {
        "zh": "这台电脑的角色：%(choices)s",
        "en": "this PC's role: %(choices)s",
    },
    "help_db_grant_hall": {
        "zh": "这个账号所属大厅的编码（默认 hall.toml 里的 [hall] code）；只能看到和改动这个大厅",
        "en": (
            "code of the login's hall (default hall.toml's [hall] code); it sees and changes this "
            "hall only"
        ),
    },
    "help_db_grant_sql": {"zh": "只打印 SQL，不执行", "en": "print the SQL only, do not run it"},
    "help_db_upgrade": {
        "zh": "把数据库升级到本程序的版本（表结构迁移；PostgreSQL 还有行级安全）；可重复执行",
        "en": (
            "upgrade the database to this program's version (table migrations; on PostgreSQL "
            "row-level security too); safe to repeat"
        ),
    },
    "help_backup": {
        "zh": "备份数据库（运行中也可以；SQLite 在线备份，PostgreSQL 用 pg_dump）",
        "en": "back up the database (also while running; SQLite online backup, PostgreSQL pg_dump)",
    },
    "help_backup_dir": {
        "zh": "备份到这个目录（默认数据目录下的 backups；可用 U 盘）",
        "en": "back up to this folder (default: backups in the data directory; a USB stick works)",
    },
    "help_backup_keep": {
        "zh": "保留最近几份（默认 30）",
        "en": "how many recent backups to keep (default 30)",
    },
    "help_restore": {
        "zh": "从备份恢复：先检查文件，再把当前数据另存一份，然后替换",
        "en": "restore a backup: check the file, save the current data aside, then replace it",
    },
    "help_restore_file": {
        "zh": "备份文件（servicehall backup 生成的 .db 或 .dump）",
        "en": "backup file (the .db or .dump servicehall backup made)",
    },
    "help_restore_yes": {"zh": "不再询问，直接恢复", "en": "do not ask, restore"},
    "help_restore_check": {"zh": "只检查文件，不恢复", "en": "only check the file, do not restore"},
    "help_serve_host": {
        "zh": "监听地址（默认只允许本机；phone 默认 [phone] host，即 0.0.0.0）",
        "en": "address to listen on (default this PC only; phone: [phone] host, i.e. 0.0.0.0)",
    },
    "help_serve_port": {
        "zh": "端口（默认 8000；phone 默认 [phone] port）",
        "en": "port (default 8000; phone: [phone] port)",
    },
    "help_serve_font": {
        "zh": "字号（默认按窗口大小自动选）",
        "en": "font size (default: picked for the window's size)",
    },
    "help_serve_window": {"zh": "clerk：窗口号", "en": "clerk: window number"},
    "help_serve_tabs": {
        "zh": "最多同时打开几个浏览器标签（默认 kiosk 2、display 3、clerk 2、manager 2）",
        "en": (
            "at most this many browser tabs at once (default kiosk 2, display 3, clerk 2, manager 2"
            ")"
        ),
    },
    "help_serve_host_name": {
        "zh": "允许用这个主机名打开（IP 地址和 localhost 总是可以）；可重复",
        "en": "allow this host name (IP addresses and localhost always work); may be repeated",
    },
    "help_serve_mute": {"zh": "display：不播报语音", "en": "display: no voice calls"},
    "help_serve_any_hour": {
        "zh": "kiosk：不限办公时间（演示用）",
        "en": "kiosk: tickets at any hour (for demos)",
    },
    "help_display": {
        "zh": "大厅叫号屏（电视全屏显示，语音播报）",
        "en": "the hall display (full screen on the TV, voice calls)",
    },
    "help_display_mute": {"zh": "不播报语音，只显示", "en": "no voice, show only"},
    "help_say": {
        "zh": "试听叫号语音（检查音箱和语音设置）",
        "en": "hear a call (to check the speakers and voice settings)",
    },
    "help_say_ticket": {
        "zh": "号票，如 A012（默认 A012）",
        "en": "ticket, e.g. A012 (default A012)",
    },
    "help_say_window": {"zh": "窗口号（默认 3）", "en": "window number (default 3)"},
    "help_say_wav": {
        "zh": "不播放，写成 WAV 文件（espeak-ng）",
        "en": "write a WAV file instead of playing (espeak-ng)",
    },
    "help_demo": {
        "zh": "演示：取号机、叫号屏、窗口叫号台同屏运行，模拟大厅办事",
        "en": "demo: kiosk, hall display and window console side by side, a simulated hall at work",
    },
    "help_demo_web": {
        "zh": "不用 tmux，改为在浏览器中打开",
        "en": "open in a browser instead of tmux",
    },
    "help_demo_port": {
        "zh": "浏览器方式的起始端口（默认 8600）",
        "en": "first port for the browser (default 8600)",
    },
    "help_sms_cmd": {
        "zh": "短信提醒：通过短信猫（或县里的短信平台）给群众发到号提醒",
        "en": (
            "SMS reminders: tell villagers their turn is near through a GSM modem (or the county's "
            "SMS platform)"
        ),
    },
    "help_sms_port": {
        "zh": "短信猫的串口，最好用 /dev/serial/by-id/… 这样的固定名字（默认 [sms] port）",
        "en": (
            "the modem's serial port, best a fixed name like /dev/serial/by-id/… (default [sms] "
            "port)"
        ),
    },
    "help_sms_baud": {
        "zh": "波特率（默认 [sms] baud，115200）",
        "en": "baud rate (default [sms] baud, 115200)",
    },
    "help_kiosk": {
        "zh": "启动大厅入口的触摸屏取号机",
        "en": "start the touchscreen kiosk at the hall's entrance",
    },
    "help_kiosk_any_hour": {
        "zh": "不按办公时间限制取号（演示、培训用；或 $SERVICEHALL_IGNORE_HOURS=1）",
        "en": "tickets at any hour (demos, training; or $SERVICEHALL_IGNORE_HOURS=1)",
    },
    "help_kiosk_preview": {
        "zh": "不接打印机：号票显示在屏幕上（printer.connection = preview）",
        "en": "no printer: tickets shown on the screen (printer.connection = preview)",
    },
    "help_agent": {
        "zh": "常驻助手：预先载入程序，take、call、status 等命令随叫随到",
        "en": "Resident agent: keeps the program loaded so take, call, status … start at once",
    },
    "help_agent_description": {
        "zh": (
            "在数据目录中监听（仅本用户可用）。take、call、window、leader、status、cases "
            "由它分出的进程执行，省去每次启动的载入时间；没有助手时命令照常自己执行。"
            "程序更新后助手自行退出，由服务单元重新启动。"
        ),
        "en": (
            "Listens in the data directory (this user only). take, call, window, leader, status "
            "and cases run in a fork of it, without loading the program each time; without an "
            "agent they run by themselves as usual. After an upgrade the agent exits and its "
            "unit starts it again."
        ),
    },
    "help_serve": {
        "zh": (
            "在浏览器中使用：serve display|kiosk|clerk|manager（每个浏览器标签一个进程）；serve "
            "phone：群众手机上的号票页面"
        ),
        "en": (
            "use in a browser: serve display|kiosk|clerk|manager (one process per browser tab); "
            "serve phone: the ticket page on villagers' phones"
        ),
    },
    "help_serve_epilog": {
        "zh": (
            "例：servicehall serve display --port 8000，然后在电视的浏览器打开 "
            "http://127.0.0.1:8000/；servicehall serve phone：手机扫号票上的二维码看排队（hall.toml"
            " 的 [phone] base_url）"
        ),
        "en": (
            "e.g. servicehall serve display --port 8000, then open http://127.0.0.1:8000/ in the "
            "TV's browser; servicehall serve phone: phones scan the ticket's QR code to follow the "
            "queue (hall.toml's [phone] base_url)"
        ),
    },
}
