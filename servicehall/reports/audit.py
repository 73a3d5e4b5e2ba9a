"""The audit trail (工作过程全监督) of one ticket or one window on a day, from the event log.

It reads through ``Hall.events``; only the lookup of a ticket by the label printed on it, which
repeats every day, needs the day as well.
"""

from __future__ import annotations

import datetime as dt

from servicehall.queue import EventView, Hall
from servicehall.reports.period import ReportInputError
from servicehall.reports.queries import ticket_id

EVENT_NAMES = {
    "issue": "取号",
    "print": "打印号票",
    "print_failed": "打印失败",
    "call": "叫号",
    "recall": "重呼",
    "skip": "过号",
    "requeue": "过号重排",
    "transfer": "转办",
    "finish": "办结",
    "cancel": "取消",
    "rate": "评价",
    "expire": "过期",
    "pause": "暂停",
    "resume": "恢复",
    "sign_in": "签到",
    "sign_out": "签退",
    "leader": "带班调整",
}

DETAIL_NAMES = {
    "waited_s": "等候秒数",
    "service_s": "办理秒数",
    "from_service": "原业务",
    "to_service": "转到",
    "rating": "评价",
    "matter": "事项",
    "reason": "原因",
    "count": "次数",
    "ahead": "前面人数",
    "priority": "优先",
    "auto": "自动办结",
}
RATING_NAMES = {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}


def audit_trail(hall: Hall, day: dt.date, ref: str, limit: int = 1000) -> list[EventView]:
    """Events of ticket ``ref`` (e.g. ``A012``) issued on ``day``, or of window ``ref`` that day."""
    ref = ref.strip()
    if ref.isdigit():
        hall.window(int(ref))  # an unknown window raises with the list of windows
        return hall.events(limit=limit, window=int(ref), day=day)
    if not ref:
        raise ReportInputError("请输入号票（如 A012）或窗口号（如 3）")
    found = hall.store.read(lambda conn: ticket_id(conn, hall.code, day, ref))
    if found is None:
        raise ReportInputError(f"{day} 没有号票 {ref.upper()}")
    return hall.events(limit=limit, ticket=found)


def event_name(kind: str) -> str:
    return EVENT_NAMES.get(kind, kind)


def detail_text(detail: dict[str, object]) -> str:
    parts = []
    for key, value in detail.items():
        if key == "rating" and isinstance(value, str):
            value = RATING_NAMES.get(value, value)
        parts.append(f"{DETAIL_NAMES.get(key, key)}={value}")
    return "，".join(parts)
