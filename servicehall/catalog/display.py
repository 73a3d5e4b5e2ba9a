"""The hall display's words (the board's own headings live beside its layout)."""

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
}
