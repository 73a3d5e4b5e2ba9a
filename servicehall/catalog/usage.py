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
}
