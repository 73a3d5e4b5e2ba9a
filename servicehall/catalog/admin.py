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
}
