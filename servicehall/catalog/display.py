"""The hall display's words. The TV is read in Chinese first: its headings carry the English
beside the Chinese (``display_windows``: "窗口  Windows"); ``--lang en`` shows the English alone.
The spoken call is Chinese by design (``display.phrase``: the voice engine reads Chinese)."""

WORDS: dict[str, dict[str, str]] = {
    "display_title": {"zh": "大厅叫号屏", "en": "Hall display"},
    "display_quit": {"zh": "退出", "en": "Quit"},
    "display_qr_caption": {"zh": "手机扫码看排队", "en": "Scan to follow the queue"},
    "display_hours": {"zh": "办公时间  {hours}", "en": "Opening hours  {hours}"},
    "display_lost": {
        "zh": "数据库连接中断，正在自动重连{seen}。\n{reason}",
        "en": "Lost the database; reconnecting{seen}.\n{reason}",
    },
    "display_lost_seen": {
        "zh": "（画面停在 {time}）",
        "en": " (the screen shows {time})",
    },
    "display_voice_off": {
        "zh": "语音播报已关闭，叫号照常显示（{reason}）",
        "en": "Announcements are off; calls are still shown ({reason})",
    },
    "display_cases_done": {"zh": "今日办结办件 {n} 件", "en": "Cases finished today: {n}"},
    # the call
    "display_welcome": {"zh": "欢迎光临  Welcome", "en": "Welcome"},
    "display_now_calling": {"zh": "正在呼叫  Now calling", "en": "Now calling"},
    "display_calling_again": {"zh": "再次呼叫  Calling again", "en": "Calling again"},
    "display_call_before_label": {"zh": "请", "en": "No."},
    "display_call_after_label": {"zh": "号", "en": ""},
    "display_call_before_window": {"zh": "到", "en": "to window"},
    "display_call_after_window": {"zh": "号窗口", "en": ""},
    "display_call_where": {"zh": "{window} 号窗口  {name}", "en": "Window {window}  {name}"},
    # the board, the waiting counts, the recent calls
    "display_windows": {"zh": "窗口  Windows", "en": "Windows"},
    "display_waiting": {"zh": "等候人数  Waiting", "en": "Waiting"},
    "display_page": {"zh": "  第 {page}/{pages} 页", "en": "  page {page}/{pages}"},
    "display_paused": {"zh": "暂停", "en": "paused"},
    "display_idle": {"zh": "空闲", "en": "free"},
    "display_recent": {"zh": "最近呼叫  Recent", "en": "Recent calls"},
    "display_recent_window": {"zh": "{window:>2}号窗口", "en": "window {window:>2}"},
    "display_recent_again": {"zh": " 重呼", "en": " again"},
    "display_recent_none": {"zh": "（暂无）", "en": "(none yet)"},
    # the bars
    "display_date": {
        "zh": "{year}年{month}月{day}日 星期{weekday}",
        "en": "{weekday} {year}-{month:02d}-{day:02d}",
    },
    "display_weekdays": {"zh": "一二三四五六日", "en": "Mon Tue Wed Thu Fri Sat Sun"},
    "display_leader": {"zh": "今日带班领导：", "en": "Leader on duty: "},
    "display_leader_none": {"zh": "（未安排）", "en": "(not set)"},
    "display_leader_title": {"zh": "（{title}）", "en": " ({title})"},
    "display_leader_window": {"zh": " {window} 号窗口", "en": " window {window}"},
    "display_phone": {"zh": "监督电话：", "en": "Complaints: "},
    # why the voice is off
    "voice_disabled": {
        "zh": "配置中已关闭（voice.enabled = false）",
        "en": "turned off in the config (voice.enabled = false)",
    },
    "voice_no_command": {
        "zh": "未设置语音命令（voice.command）",
        "en": "no voice command is set (voice.command)",
    },
    "voice_missing": {
        "zh": "找不到语音程序 {command}（安装：apt-get install espeak-ng）",
        "en": "no voice program {command} (install: apt-get install espeak-ng)",
    },
    "voice_no_sound": {
        "zh": "这台电脑没有检测到声卡或音频服务",
        "en": "this PC has no sound card or sound service",
    },
    "voice_failing": {
        "zh": "语音命令连续出错（{detail}）",
        "en": "the voice command keeps failing ({detail})",
    },
    "voice_wav_espeak_only": {
        "zh": "只有 espeak / espeak-ng 能直接写出 WAV 文件",
        "en": "only espeak / espeak-ng can write a WAV file",
    },
}
