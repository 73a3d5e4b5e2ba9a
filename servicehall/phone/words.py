"""The phone pages' words, Chinese first with English (``--lang en``).

Service, matter and window names come from hall.toml and stay as written.
"""

from __future__ import annotations

from servicehall.i18n import language

TEXTS: dict[str, tuple[str, str]] = {
    "title_ticket": ("我的号票 {label}", "My ticket {label}"),
    "title_board": ("{hall} 排队情况", "{hall}: the queue"),
    "waiting": ("等候中", "Waiting"),
    "called": ("已叫号，请到 {window} 号窗口", "Called: please go to window {window}"),
    "no_show": ("过号，请到窗口说明", "Missed: please see a window"),
    "finished": ("已办结", "Finished"),
    "cancelled": ("已取消", "Cancelled"),
    "expired": ("已过期", "Expired"),
    "ahead": ("前面还有 {n} 人", "{n} ahead of you"),
    "ahead_none": ("下一个就是您", "You are next"),
    "wait": ("预计等候：{text}", "Expected wait: {text}"),
    "served_at": ("办理窗口：{windows}", "Served at: {windows}"),
    "windows": ("{numbers} 号窗口", "window {numbers}"),
    "materials": ("请备齐以下材料（一次性告知）：", "Please bring these papers:"),
    "rate_ask": ("请对本次服务评价：", "How was the service?"),
    "satisfied": ("满意", "Satisfied"),
    "basic": ("基本满意", "Fair"),
    "unsatisfied": ("不满意", "Unsatisfied"),
    "rated": ("感谢您的评价：{rating}", "Thank you for rating: {rating}"),
    "rate_once": (
        "这张号票已经评价过了（每张号票只能评价一次），谢谢！",
        "This ticket has been rated already (once per ticket). Thank you!",
    ),
    "rate_not_yet": ("办结后才能评价", "You can rate once it is finished"),
    "updated": ("更新于 {time}", "Updated {time}"),
    "live_lost": ("连接中断，正在重连……", "Reconnecting…"),
    "store_lost": (
        "暂时读不到排队信息，请以大厅叫号屏为准",
        "The queue cannot be read just now; please follow the hall's screen",
    ),
    "board_link": ("查看大厅排队情况", "The hall's queue"),
    "calling": ("正在叫号", "Now calling"),
    "window_n": ("{number} 号窗口", "Window {number}"),
    "paused": ("暂停", "Paused"),
    "idle_windows": ("空闲窗口：{numbers} 号", "Free: windows {numbers}"),
    "service_waits": ("各业务等候", "Waiting per service"),
    "waiting_n": ("等候 {n} 人", "{n} waiting"),
    "new_wait": ("现在取号约等：{text}", "A ticket now waits {text}"),
    "leader": ("今日带班领导：{name}", "Leader on duty: {name}"),
    "supervision": ("监督电话：{phone}", "Supervision: {phone}"),
    "closed": ("现在不是办公时间", "The hall is closed now"),
    "not_found_title": ("找不到号票", "No such ticket"),
    "not_found": (
        "找不到这张号票：可能已过期（号票只在取号当天有效），或地址不完整。请重新扫描号票上的二维码。",
        "No such ticket: it may have expired (valid on its day only) or the address is cut "
        "short. Please scan the ticket's QR code again.",
    ),
    "too_many_title": ("请稍后再试", "Please try again later"),
    "too_many": ("刷新太频繁了，请一分钟后再试", "Too many requests; please wait a minute"),
    "bad_host_title": ("此地址不能使用", "This address cannot be used"),
    "bad_host": ("请扫描号票上的二维码打开", "Please open it from the ticket's QR code"),
    "busy_title": ("人数太多", "Too busy"),
    "busy": ("正在看的人太多，页面会自动刷新", "Too many phones; the page refreshes by itself"),
    "go_home": ("返回", "Back"),
}


def w(key: str, /, **params: object) -> str:
    """A page word in the process's language (``--lang``), with ``params`` filled in."""
    zh, en = TEXTS[key]
    return (en if language() == "en" else zh).format(**params)
