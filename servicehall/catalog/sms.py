"""The SMS bridge's words for staff: its sender and modem, and ``doctor --role sms``'s checks.
(The messages villagers receive, and the modem's faults, are in ``core``.)"""

WORDS: dict[str, dict[str, str]] = {
    "sms_modem_name": {"zh": "短信猫 {port}", "en": "modem {port}"},
    "sms_command_name": {"zh": "命令 {program}", "en": "command {program}"},
    "sms_command_runs": {"zh": "{program} 可以运行", "en": "{program} can run"},
    "sms_command_timeout": {"zh": "{seconds} 秒没有结束", "en": "not finished after {seconds} s"},
    "sms_exit_code": {"zh": "退出码 {code}", "en": "exit code {code}"},
    "sms_exit_said": {"zh": "：{said}", "en": ": {said}"},
    "sms_home_network": {"zh": "本地网", "en": "on the home network"},
    "sms_roaming": {"zh": "漫游", "en": "roaming"},
    "sms_signal_unknown": {"zh": "未知", "en": "unknown"},
    "sms_unregistered": {"zh": "未注册（{code}）", "en": "not registered ({code})"},
    "sms_health": {
        "zh": "SIM 卡正常，已注册{network}，信号 {signal}",
        "en": "SIM card fine, registered {network}, signal {signal}",
    },
    "sms_timed_out": {"zh": "{command} 超时", "en": "{command} timed out"},
    "sms_check_sender": {"zh": "短信发送", "en": "SMS sending"},
    "sms_check_outbox": {"zh": "短信发件箱", "en": "SMS outbox"},
    "sms_start_bridge": {
        "zh": "启动短信桥：systemctl start servicehall-sms（或 servicehall sms --port …）",
        "en": "start the SMS bridge: systemctl start servicehall-sms (or servicehall sms --port …)",
    },
    "sms_check_disabled": {
        "zh": "短信提醒没有开通（hall.toml 的 [sms] enabled = false）",
        "en": "SMS reminders are off (hall.toml's [sms] enabled = false)",
    },
    "sms_check_enable": {
        "zh": "接好短信猫后在 [sms] 设 enabled = true",
        "en": "Connect the modem, then set enabled = true in [sms]",
    },
    "sms_check_db_first": {"zh": "先让数据库检查通过", "en": "Make the database check pass first"},
    "sms_check_report": {
        "zh": "{sender}：{detail}（{at} 检查）",
        "en": "{sender}: {detail} (checked {at})",
    },
    "sms_check_running": {"zh": "短信桥在运行。", "en": "The SMS bridge is running. "},
    "sms_check_cannot_send": {
        "zh": "短信桥在运行，但发不出去。",
        "en": "The SMS bridge is running but cannot send. ",
    },
    "sms_check_stopped": {"zh": "短信桥没有运行", "en": "The SMS bridge is not running"},
    "sms_check_last_stop": {"zh": "停止", "en": "stopped"},
    "sms_check_last_silent": {"zh": "以后没有消息", "en": "silent since"},
    "sms_check_since": {"zh": "（{at} {last}）", "en": " ({last} {at})"},
    "sms_check_stopped_fault": {"zh": "{stopped}；{message}", "en": "{stopped}; {message}"},
    "sms_check_stopped_health": {"zh": "{stopped}（{health}）", "en": "{stopped} ({health})"},
    "sms_fix_port": {"zh": "在 [sms] 设 port", "en": "set port in [sms]"},
    "sms_fix_then_start": {
        "zh": "{fix}；再启动短信桥：systemctl start servicehall-sms（或 servicehall sms --port …）",
        "en": (
            "{fix}; then start the SMS bridge: systemctl start servicehall-sms (or servicehall sms "
            "--port …)"
        ),
    },
    "sms_fix_sim": {
        "zh": "关机后插好 SIM 卡（关掉 PIN 码），检查话费",
        "en": "With the power off, put the SIM card in (PIN turned off); check its credit",
    },
    "sms_fix_network": {
        "zh": "检查天线和信号，换个位置放短信猫；确认 SIM 卡能打电话",
        "en": "Check the antenna and signal, move the modem; make sure the SIM card can make calls",
    },
    "sms_fix_cable": {
        "zh": "检查 USB 线；[sms] port 用 /dev/serial/by-id/… 的固定名字",
        "en": "Check the USB cable; give [sms] port a fixed name from /dev/serial/by-id/…",
    },
    "sms_fix_modem": {
        "zh": "检查短信猫的电源和波特率，详情见日志 servicehall.log",
        "en": "Check the modem's power and baud rate; details in the log servicehall.log",
    },
    "sms_outbox_counts": {
        "zh": (
            "今天已发 {sent} 条，待发 {pending}，失败 {failed}，未确认 {unsure}，超过每日上限 "
            "{capped}"
        ),
        "en": (
            "Today sent {sent}, waiting {pending}, failed {failed}, unconfirmed {unsure}, over the "
            "daily cap {capped}"
        ),
    },
    "sms_outbox_last_error": {
        "zh": "；最近的问题（{at}）：{error}",
        "en": "; latest problem ({at}): {error}",
    },
    "sms_outbox_numbers_kept": {
        "zh": "{n} 个手机号过了当天还保存着（应在当天结束时删除）。",
        "en": "{n} phone numbers are still kept after their day (they go at the end of the day). ",
    },
    "sms_outbox_kept_fix": {
        "zh": (
            "启动短信桥：systemctl start servicehall-sms（或 servicehall sms --port …）："
            "它在每天结束时删除号码"
        ),
        "en": (
            "Start the SMS bridge: systemctl start servicehall-sms (or servicehall sms --port …): "
            "it deletes the numbers at the end of each day"
        ),
    },
    "sms_outbox_fix": {
        "zh": "看日志 servicehall.log；“未确认”的短信可能已发出，不会重发",
        "en": (
            'See the log servicehall.log; an "unconfirmed" SMS may have gone out and is not sent '
            "again"
        ),
    },
}
