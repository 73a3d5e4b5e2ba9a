"""``servicehall doctor``'s words: each check's name, what it found and how to fix it."""

WORDS: dict[str, dict[str, str]] = {
    "doc_role_kiosk": {"zh": "取号机", "en": "the kiosk"},
    "doc_role_display": {"zh": "叫号屏", "en": "the hall display"},
    "doc_role_clerk": {"zh": "窗口叫号台", "en": "the window console"},
    "doc_role_rate": {"zh": "评价器", "en": "the rating pad"},
    "doc_role_manager": {"zh": "统计报表", "en": "the manager's reports"},
    "doc_config": {"zh": "配置文件", "en": "Config file"},
    "doc_config_fix": {
        "zh": "按提示改正 hall.toml，再运行 check-config",
        "en": "Correct hall.toml as the message says, then run check-config",
    },
    "doc_config_ok": {
        "zh": "{hall}：{services} 项业务，{windows} 个窗口",
        "en": "{hall}: {services} services, {windows} windows",
    },
    "doc_config_sep": {"zh": "；", "en": "; "},
    "doc_db": {"zh": "数据库", "en": "Database"},
    "doc_db_no_tables": {
        "zh": "{url} 可以连接，但还没有建表",
        "en": "{url} answers, but has no tables yet",
    },
    "doc_db_init": {"zh": "运行 servicehall init", "en": "Run servicehall init"},
    "doc_db_fix": {
        "zh": "检查 --db / SERVICEHALL_DB 的地址、数据库电脑是否开机、网线是否接好",
        "en": (
            "Check the address in --db / SERVICEHALL_DB, that the database PC is on and the network"
            " cable is in"
        ),
    },
    "doc_db_init_first": {"zh": "先运行 servicehall init", "en": "Run servicehall init first"},
    "doc_db_ok": {"zh": "{url}，今日 {day}", "en": "{url}, today {day}"},
    "doc_printer": {"zh": "打印机", "en": "Printer"},
    "doc_printer_preview": {
        "zh": "未接打印机：号票只显示在屏幕上（preview）",
        "en": "No printer: tickets are only shown on the screen (preview)",
    },
    "doc_printer_preview_fix": {
        "zh": "接好热敏打印机后在 hall.toml 的 [printer] 设置 connection",
        "en": "Connect the thermal printer, then set connection in hall.toml's [printer]",
    },
    "doc_printer_unknown": {
        "zh": "无法查询状态（该连接方式不支持）",
        "en": "Its state cannot be asked (this connection does not allow it)",
    },
    "doc_printer_test": {
        "zh": "运行 servicehall print-test 打印一张样票确认",
        "en": "Run servicehall print-test to print a sample ticket",
    },
    "doc_printer_paper_low": {"zh": "纸快用完了", "en": "Paper is running out"},
    "doc_printer_paper_fix": {"zh": "准备换纸", "en": "Have a new paper roll ready"},
    "doc_printer_ok": {"zh": "在线，有纸", "en": "Online, paper in"},
    "doc_printer_silent": {"zh": "打印机无响应", "en": "The printer does not answer"},
    "doc_printer_silent_fix": {
        "zh": "检查电源、数据线/网线、纸卷和上盖，再运行 servicehall print-test",
        "en": (
            "Check the power, the data/network cable, the paper roll and the lid, then run "
            "servicehall print-test"
        ),
    },
    "doc_font": {"zh": "中文字体", "en": "Chinese font"},
    "doc_font_no_fc_list": {
        "zh": "找不到 fc-list，无法检查字体",
        "en": "fc-list is missing: the fonts cannot be checked",
    },
    "doc_font_missing": {
        "zh": "没有安装中文字体，屏幕上的汉字会显示成方框",
        "en": "No Chinese font is installed: Chinese characters will show as boxes",
    },
    "doc_font_ok": {"zh": "已安装（例如 {font}）", "en": "Installed (e.g. {font})"},
    "doc_voice": {"zh": "语音播报", "en": "Voice calls"},
    "doc_voice_ok": {"zh": "{command} 可用，有声音输出", "en": "{command} works, sound comes out"},
    "doc_voice_silent": {"zh": "叫号时不会出声：{reason}", "en": "Calls will be silent: {reason}"},
    "doc_voice_fix": {
        "zh": (
            "apt-get install espeak-ng alsa-utils，接好音箱；或在 [voice] command 配置其他语音程序"
        ),
        "en": (
            "apt-get install espeak-ng alsa-utils and connect the speakers; or set another speech "
            "program in [voice] command"
        ),
    },
    "doc_screen": {"zh": "屏幕大小", "en": "Screen size"},
    "doc_screen_none": {"zh": "此角色不需要全屏界面", "en": "This role has no full screen"},
    "doc_screen_no_terminal": {
        "zh": "不是在终端里运行，无法检查字符网格",
        "en": "Not run in a terminal: the character grid cannot be checked",
    },
    "doc_screen_rerun": {
        "zh": "在 {role} 用的终端里再运行一次 servicehall doctor --role {role}",
        "en": "Run servicehall doctor --role {role} again in the terminal {role} uses",
    },
    "doc_screen_ok": {
        "zh": "{columns}×{rows} 字符（最小 {least}，按 {designed} 设计）",
        "en": "{columns}×{rows} characters (at least {least}, laid out for {designed})",
    },
    "doc_screen_small": {
        "zh": "当前终端只有 {columns}×{rows} 字符，{what}至少要 {least}，按钮和文字会被截掉",
        "en": (
            "This terminal has only {columns}×{rows} characters, {what} needs at least {least}: "
            "buttons and words will be cut off"
        ),
    },
    "doc_screen_ok_any": {
        "zh": "{columns}×{rows} 字符（最小 {least}）",
        "en": "{columns}×{rows} characters (at least {least})",
    },
    "doc_screen_fix_window": {
        "zh": "把终端窗口拉大（最大化）或把终端字体调小，再运行 servicehall {role}",
        "en": (
            "Make the terminal window larger (maximize it) or its font smaller, then run "
            "servicehall {role} again"
        ),
    },
    "doc_screen_fix": {
        "zh": (
            "用 deploy/servicehall-xterm 启动（按屏幕自动选字号、铺满全屏）；若在 "
            "/etc/servicehall/servicehall.env 设了 SERVICEHALL_FONT_PX，把它调小或删掉"
        ),
        "en": (
            "Start it with deploy/servicehall-xterm (it picks the font size for the screen and "
            "fills it); if /etc/servicehall/servicehall.env sets SERVICEHALL_FONT_PX, make it "
            "smaller or remove it"
        ),
    },
    "doc_screen_fix_browser": {
        "zh": "；也可用浏览器：servicehall serve {role}",
        "en": "; or use a browser: servicehall serve {role}",
    },
    "doc_clock": {"zh": "系统时间", "en": "Clock"},
    "doc_clock_wrong": {
        "zh": "电脑时间是 {now}，明显不对（主板电池没电？）",
        "en": "The PC's clock says {now}: clearly wrong (a flat mainboard battery?)",
    },
    "doc_clock_wrong_fix": {
        "zh": "校准电脑时间，否则号码每天不会从 1 重新开始",
        "en": "Set the clock right, or the numbers will not start again from 1 each day",
    },
    "doc_clock_behind": {
        "zh": (
            "电脑时间 {now} 比数据库里最新的记录（{last}）早 {minutes} 分钟：时钟被调回过，"
            "或这台电脑的时间比其他电脑慢"
        ),
        "en": (
            "The PC's clock {now} is {minutes} minutes before the newest record in the database "
            "({last}): the clock was set back, or this PC's clock is slower than the others'"
        ),
    },
    "doc_clock_behind_fix": {
        "zh": (
            "校准时间（开启 NTP：timedatectl set-ntp true）；排队顺序不受影响，"
            "这段时间的等候/办理时长按 0 计"
        ),
        "en": (
            "Set the clock right (turn on NTP: timedatectl set-ntp true); the queue's order is not "
            "affected, waits and service times in this span count as 0"
        ),
    },
    "doc_clock_ok": {"zh": "{now}（{tz}）", "en": "{now} ({tz})"},
    "doc_backup": {"zh": "备份", "en": "Backups"},
    "doc_backup_fix": {
        "zh": (
            "运行 servicehall backup，并启用每日备份：systemctl enable --now "
            "servicehall-backup.timer"
        ),
        "en": (
            "Run servicehall backup and turn on the daily backup: systemctl enable --now "
            "servicehall-backup.timer"
        ),
    },
    "doc_backup_none": {
        "zh": "{folder} 里还没有本大厅的备份",
        "en": "No backup of this hall in {folder} yet",
    },
    "doc_backup_ok": {
        "zh": "最近一次 {when}，共 {count} 份（{folder}）",
        "en": "Latest {when}, {count} in all ({folder})",
    },
    "doc_backup_stale": {
        "zh": "{detail}：已超过 {days} 天没有备份",
        "en": "{detail}: no backup for more than {days} days",
    },
    "doc_ok": {"zh": "正常", "en": "OK"},
    "doc_warn": {"zh": "注意", "en": "Note"},
    "doc_fail": {"zh": "不通过", "en": "Failed"},
    "doc_col_check": {"zh": "检查项", "en": "Check"},
    "doc_col_result": {"zh": "结果", "en": "Result"},
    "doc_col_detail": {"zh": "情况", "en": "Found"},
    "doc_col_fix": {"zh": "怎么办", "en": "What to do"},
    "doc_title": {"zh": "本机检查（角色：{role}）", "en": "Checks of this PC (role: {role})"},
    "doc_failed": {
        "zh": "有检查未通过，请按“怎么办”一栏处理后再试。",
        "en": 'Some checks failed: do what the "What to do" column says, then try again.',
    },
}
