"""The words of the hall's files: hall.toml's errors (``config.loader``) and the backups'
(``servicehall.backup``)."""

WORDS: dict[str, dict[str, str]] = {
    "cfg_whole_file": {"zh": "(整个文件)", "en": "(the whole file)"},
    "cfg_missing": {"zh": "缺少必填项", "en": "missing, and it is required"},
    "cfg_unknown_key": {
        "zh": "不认识的配置项（拼写错误？）",
        "en": "not a known setting (a spelling mistake?)",
    },
    "cfg_more_errors": {"zh": "……另有 {n} 处错误", "en": "… and {n} more errors"},
    "cfg_sep": {"zh": "；", "en": "; "},
    "cfg_syntax": {
        "zh": "配置文件 {source} 语法错误：{error}（TOML 格式）",
        "en": "Config file {source} has a syntax error: {error} (TOML format)",
    },
    "cfg_too_deep": {
        "zh": "配置文件 {source} 嵌套太深（[[…]] 或 {{…}} 套了上千层？）",
        "en": "Config file {source} is nested too deep ([[…]] or {{…}} a thousand levels down?)",
    },
    "cfg_too_deep_short": {
        "zh": "配置文件 {source} 嵌套太深",
        "en": "Config file {source} is nested too deep",
    },
    "cfg_invalid": {"zh": "配置文件 {source} 有误：", "en": "Config file {source} is wrong: "},
    "cfg_control": {
        "zh": "{where}: 含有控制字符（如 ESC），请只用文字",
        "en": "{where}: has a control character (such as ESC); use text only",
    },
    "cfg_not_found": {
        "zh": "找不到配置文件 {path}；可用 `servicehall sample-config > hall.toml` 生成一份",
        "en": "Config file {path} not found; make one with `servicehall sample-config > hall.toml`",
    },
    "cfg_not_utf8": {
        "zh": "配置文件 {path} 不是 UTF-8 编码，请另存为 UTF-8",
        "en": "Config file {path} is not UTF-8: save it as UTF-8",
    },
    "cfg_unreadable": {
        "zh": "无法读取配置文件 {path}：{reason}",
        "en": "Cannot read config file {path}: {reason}",
    },
    "bk_no_folder": {
        "zh": "无法创建备份目录 {folder}：{reason}",
        "en": "Cannot make the backup folder {folder}: {reason}",
    },
    "bk_cannot_write": {
        "zh": "备份写不进 {folder}：{reason}（磁盘满了？）",
        "en": "The backup cannot be written to {folder}: {reason} (disk full?)",
    },
    "bk_not_found": {"zh": "找不到备份文件 {path}", "en": "Backup file {path} not found"},
    "bk_not_pg": {
        "zh": "{name} 不是 PostgreSQL 备份（应为 pg_dump 生成的 .dump 文件）",
        "en": "{name} is not a PostgreSQL backup (it should be a .dump file made by pg_dump)",
    },
    "bk_pg_to_sqlite": {
        "zh": "{name} 是 PostgreSQL 备份，不能恢复到 SQLite",
        "en": "{name} is a PostgreSQL backup: it cannot be restored to SQLite",
    },
    "bk_no_halls": {
        "zh": "{name} 里是 （没有任何大厅） 的数据，不是本大厅 {hall} 的；没有恢复",
        "en": "{name} holds no hall's data, not this hall {hall}'s; not restored",
    },
    "bk_other_hall": {
        "zh": "{name} 里是 {halls} 的数据，不是本大厅 {hall} 的；没有恢复",
        "en": "{name} holds the data of {halls}, not of this hall {hall}; not restored",
    },
    "bk_db_missing": {
        "zh": "数据库文件 {path} 不存在",
        "en": "Database file {path} does not exist",
    },
    "bk_db_unreadable": {
        "zh": "数据库文件 {path} 读不出来（{reason}）：已损坏？",
        "en": "Database file {path} cannot be read ({reason}): damaged?",
    },
    "bk_not_intact": {
        "zh": "{name} 不是完好的数据库文件（{reason}）",
        "en": "{name} is not a sound database file ({reason})",
    },
    "bk_integrity": {
        "zh": "{name} 未通过完整性检查：{reason}",
        "en": "{name} failed the integrity check: {reason}",
    },
    "bk_bad_schema": {
        "zh": "{name} 的表结构不对：{reason}",
        "en": "{name} has the wrong tables: {reason}",
    },
    "bk_busy": {
        "zh": "数据库一直有程序在写入，没有恢复；请先停用各台电脑上的程序",
        "en": (
            "Programs kept writing to the database: not restored; stop the programs on every PC "
            "first"
        ),
    },
    "bk_not_restored": {
        "zh": "没有恢复：{reason}（请先停用各台电脑上的程序）",
        "en": "Not restored: {reason} (stop the programs on every PC first)",
    },
    "bk_no_tool": {
        "zh": "找不到 {tool}：apt-get install postgresql-client（版本与服务器一致）",
        "en": "{tool} not found: apt-get install postgresql-client (the server's version)",
    },
    "bk_tool_failed": {"zh": "{tool} 失败：{detail}", "en": "{tool} failed: {detail}"},
    # hall.toml's values (config/models.py)
    "config_bad_period": {
        "zh": "时段应写成 HH:MM-HH:MM，例如 08:30-12:00，而不是 {text}",
        "en": "A period is HH:MM-HH:MM, e.g. 08:30-12:00, not {text}",
    },
    "config_period_backwards": {
        "zh": "时段 {text} 的结束时间应晚于开始时间",
        "en": "The period {text} ends before it starts",
    },
    "config_bad_timezone": {
        "zh": "未知时区 {value}（例如 Asia/Shanghai）",
        "en": "Unknown time zone {value} (e.g. Asia/Shanghai)",
    },
    "config_bad_weekday": {
        "zh": "星期应为 {valid} 之一，而不是 {bad}",
        "en": "A weekday is one of {valid}, not {bad}",
    },
    "config_matter_twice": {
        "zh": "事项编码重复：{codes}",
        "en": "Matter codes used twice: {codes}",
    },
    "config_every_days_from": {
        "zh": "every_days 需要同时给出 from_date（从哪一天起算）",
        "en": "every_days needs from_date too (the day it counts from)",
    },
    "config_holiday_and_workday": {
        "zh": "日期不能既是节假日又是调休上班日：{days}",
        "en": "A day cannot be both a holiday and a 调休 working day: {days}",
    },
    "config_printer_needs": {
        "zh": "connection = {connection} 需要填写 {fields}",
        "en": "connection = {connection} needs {fields}",
    },
    "config_bad_pin_hash": {
        "zh": "不是 servicehall hash-pin 生成的 PIN 散列值（请重新运行 hash-pin 复制整行）",
        "en": "Not a PIN hash made by servicehall hash-pin (run hash-pin again and copy the "
        "whole line)",
    },
    "config_sms_command": {
        "zh": 'sender = "command" 需要填写 command（程序和参数）',
        "en": 'sender = "command" needs command (the program and its arguments)',
    },
    "config_sms_number": {
        "zh": "command 的参数里要有 {{number}}（手机号填在哪里）",
        "en": "command needs {{number}} among its arguments (where the mobile number goes)",
    },
    "config_bad_base_url": {
        "zh": "base_url 应像 http://192.168.1.10:8080（不带空格和中文）",
        "en": "base_url looks like http://192.168.1.10:8080 (no spaces, no Chinese)",
    },
    "config_service_twice": {
        "zh": "业务编码重复：{codes}",
        "en": "Service codes used twice: {codes}",
    },
    "config_window_twice": {
        "zh": "窗口号重复：{numbers}",
        "en": "Window numbers used twice: {numbers}",
    },
    "config_window_unknown_service": {
        "zh": "{window} 号窗口引用了不存在的业务 {codes}（已有：{valid}）",
        "en": "Window {window} names services that do not exist: {codes} (there are: {valid})",
    },
    "config_service_no_window": {
        "zh": "业务 {codes} 没有任何窗口办理",
        "en": "No window serves {codes}",
    },
    "config_leader_window": {
        "zh": "带班领导 {leader} 的窗口 {window} 不存在",
        "en": "The leader {leader}'s window {window} does not exist",
    },
    "config_kiosk_pin_published": {
        "zh": "取号机维护 PIN 还是示例里公开的 246810：请用 servicehall hash-pin 换一个，"
        "填到 [kiosk] staff_pin_hash",
        "en": "The kiosk's staff PIN is still the sample's public 246810: make another with "
        "servicehall hash-pin and put it in [kiosk] staff_pin_hash",
    },
    "config_kiosk_pin_missing": {
        "zh": "没有设置取号机维护 PIN（[kiosk] staff_pin_hash）：工作人员进不了维护界面",
        "en": "No kiosk staff PIN ([kiosk] staff_pin_hash): the staff cannot open maintenance",
    },
    "config_manager_pin_published": {
        "zh": "管理员 PIN 是公开的 246810：请换一个（[manager] pin_hash）",
        "en": "The manager PIN is the public 246810: change it ([manager] pin_hash)",
    },
}
