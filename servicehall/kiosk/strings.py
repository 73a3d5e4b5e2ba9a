"""The kiosk's own words, Chinese first with English for the toggle.

Messages from the queue core (closed, cap reached …) come from ``servicehall.i18n``; these are
the screen texts around them. Service and matter names come from hall.toml and stay as written.
"""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.i18n import language

TEXTS: dict[str, tuple[str, str]] = {
    "welcome": ("您好，欢迎来办事！请点选要办理的业务", "Welcome! Tap the service you need"),
    "waiting": ("等候 {n} 人", "{n} waiting"),
    "guide": ("办事指南", "Service guide"),
    "lang_toggle": ("English", "中文"),
    "staff": ("工作人员", "Staff"),
    "back": ("返回", "Back"),
    "home": ("首页", "Home"),
    "page_prev": ("上一页", "Previous"),
    "page_next": ("下一页", "Next"),
    "closed_banner": (
        "现在是休息时间。{hours}。您可以先看办事指南",
        "We are closed now. {hours}. You can read the service guide",
    ),
    "closed_message": (
        "请在办公时间再来取号，谢谢您的理解",
        "Please come back during opening hours. Thank you",
    ),
    "connecting": (
        "系统正在连接，请稍候……（{detail}）",
        "Connecting to the system, please wait… ({detail})",
    ),
    "market_day": ("今天是圩日，村干部在大厅坐班", "Market day: village cadres are in the hall"),
    "choose_matter": ("{service}：请点选要办理的事项", "{service}: tap the matter you need"),
    "choose_village": ("{service}：请点选您所在的村", "{service}: tap your village"),
    "bring_materials": ("请准备好以下材料（一次性告知）：", "Please have these papers ready:"),
    "no_materials": ("无需准备材料", "No papers needed"),
    "served_at": ("办理窗口：{windows}", "Served at: {windows}"),
    "windows": ("{numbers} 号窗口", "window {numbers}"),
    "take": ("取 号", "Take a ticket"),
    "take_priority": (
        "老年人、残疾人、孕妇\n优先取号",
        "Priority ticket\nelderly, disabled, pregnant",
    ),
    "issuing": ("正在出号，请稍候……", "Issuing your ticket…"),
    "retrying": (
        "系统繁忙，正在自动重试（第 {attempt} 次）……",
        "The system is busy; retrying automatically (attempt {attempt})…",
    ),
    "gave_up": (
        "系统暂时无法出号，请找工作人员帮助。",
        "Tickets cannot be issued right now; please ask the staff.",
    ),
    "your_number": ("您的号码", "Your number"),
    "priority_mark": ("优先", "Priority"),
    "go_to": ("请到 {windows} 办理", "Please go to {windows}"),
    "ahead": ("您前面还有 {n} 人", "{n} people ahead of you"),
    "ahead_none": ("前面没有人，请留意叫号", "Nobody ahead of you; listen for your call"),
    "wait_estimate": ("预计等候：{wait}", "Wait: {wait}"),
    "wait_then_back_by": ("{wait}，{back_by}", "{wait}. {back_by}"),
    "printing": ("正在打印号票……", "Printing your ticket…"),
    "take_ticket": ("请取走您的号票", "Please take your ticket"),
    "scan_phone": ("手机扫码，随时看排到几号", "Scan to follow the queue on your phone"),
    "printer_error": (
        "打票机出错，请记住屏幕上的号码",
        "The printer failed; please note the number",
    ),
    "note_number": (
        "您的号码 {label} 仍然有效，留意叫号即可",
        "Your number {label} is still valid; listen for your call",
    ),
    "ticket_withdrawn": (
        "号票没有打出来，这个号已作废，请找工作人员帮助",
        "The ticket could not be printed and was withdrawn; please ask the staff",
    ),
    "returning": ("{s} 秒后回到首页", "Back to home in {s} s"),
    "sorry": ("很抱歉", "Sorry"),
    "closed_title": ("现在是休息时间", "We are closed now"),
    "cap_title": ("今天的号已经发完了", "All of today's tickets are taken"),
    "market_title": ("今天不是圩日", "Not a market day"),
    "hours": ("办公时间：{days} {hours}", "Opening hours: {days} {hours}"),
    "guide_title": ("办事指南：请点选业务查看", "Service guide: tap a service"),
    "guide_matters": ("{service}：请点选事项查看办事指南", "{service}: tap a matter to read"),
    "basis": ("办理依据", "Legal basis"),
    "procedure": ("办理流程", "Procedure"),
    "materials": ("所需材料", "Papers to bring"),
    "promise": ("承诺时限", "Promised time"),
    "fee": ("收费标准", "Fee"),
    "not_stated": ("（无）", "(none)"),
    "take_for_matter": ("办理此事项，去取号", "Take a ticket for this"),
    "pin_title": ("工作人员维护：请输入密码", "Staff maintenance: enter the PIN"),
    "pin_ok": ("确定", "OK"),
    "pin_clear": ("清除", "Clear"),
    "pin_wrong": ("密码不对，请重试", "Wrong PIN, try again"),
    "pin_locked": ("错误次数太多，请 {s} 秒后再试", "Too many wrong PINs; wait {s} s"),
    "pin_missing": (
        "未设置维护密码（kiosk.staff_pin_hash）",
        "No staff PIN is set (kiosk.staff_pin_hash)",
    ),
    "pin_checking": ("正在核对……", "Checking…"),
    "maint_title": ("维护", "Maintenance"),
    "printer_test": ("打印测试页", "Print test page"),
    "reprint": ("补打上一张号票", "Reprint last ticket"),
    "reload": ("重新加载配置", "Reload config"),
    "quit": ("退出取号机", "Quit the kiosk"),
    "printer_state": ("打票机：{state}", "Printer: {state}"),
    "printer_online": ("正常", "ready"),
    "printer_checking": ("检查中……", "checking…"),
    "last_ticket": ("上一张号票：{label}", "Last ticket: {label}"),
    "no_last_ticket": ("今天还没有出过号", "No ticket issued yet"),
    "print_ok": ("已打印", "Printed"),
    "reloaded": ("配置已重新加载：{services} 项业务", "Config reloaded: {services} services"),
    "working": ("处理中……", "Working…"),
    # 短信提醒 (screens/sms.py)
    "sms_offer": ("到号前发短信提醒我", "Text me before my turn"),
    "sms_offer_done": ("短信提醒：{phone}", "Texts to {phone}"),
    "sms_title": ("短信提醒", "SMS reminder"),
    "sms_purpose": (
        "前面还剩 {n} 人时和叫到 {label} 号时，各发一条短信给您，您可以先去办别的事。\n"
        "号码只用于今天的提醒，今天结束就删除。",
        "We text you when {n} people are left ahead and when {label} is called, so you can "
        "step out meanwhile.\nThe number is used only for today's reminders and deleted tonight.",
    ),
    "sms_enter": ("请输入 11 位手机号", "Enter your 11-digit mobile number"),
    "sms_more": ("还差 {n} 位数字", "{n} more digits"),
    "sms_full": ("已经 11 位了，请按“确定”", "That is 11 digits; press OK"),
    "sms_delete": ("删除一位", "Delete"),
    "sms_skip": ("不需要", "No thanks"),
    "sms_saving": ("正在登记……", "Saving…"),
    "sms_failed": ("没有登记上：{message}", "Not saved: {message}"),
}

WEEKDAY_NAMES = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def s(key: str, **params: object) -> str:
    """The kiosk text ``key`` in the current language."""
    zh, en = TEXTS[key]
    return (en if language() == "en" else zh).format(**params)


def open_days_text(config: HallConfig) -> str:
    """The hall's open weekdays, e.g. 周一至周五 (a run) or 周一、周三、周五."""
    names = WEEKDAY_NAMES["en" if language() == "en" else "zh"]
    days = sorted(WEEKDAY_CODES.index(d) for d in config.hall.open_weekdays)
    if not days:
        return ""
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        joiner = " - " if language() == "en" else "至"
        return f"{names[days[0]]}{joiner}{names[days[-1]]}"
    return ("、" if language() == "zh" else ", ").join(names[d] for d in days)


def hours_text(config: HallConfig) -> str:
    """Opening hours for a person: 办公时间：周一至周五 08:30-12:00、14:00-17:30."""
    return s("hours", days=open_days_text(config), hours=config.hall.hours_text())


def windows_text(config: HallConfig, service: str) -> str:
    """Where a service is served, e.g. 2、3、13 号窗口."""
    numbers = [str(w.number) for w in config.windows_for(service)]
    return s("windows", numbers=("、" if language() == "zh" else ", ").join(numbers))
