"""The audit trail (工作过程全监督) of one ticket or one window on a day, from the event log.

It reads through ``Hall.events``; only the lookup of a ticket by the label printed on it, which
repeats every day, needs the day as well.
"""

from __future__ import annotations

import datetime as dt

from servicehall.i18n import t
from servicehall.queue import EventView, Hall
from servicehall.reports.period import ReportInputError
from servicehall.reports.queries import ticket_id

EVENTS = (
    "issue",
    "print",
    "print_failed",
    "call",
    "recall",
    "skip",
    "requeue",
    "transfer",
    "finish",
    "cancel",
    "rate",
    "expire",
    "pause",
    "resume",
    "sign_in",
    "sign_out",
    "leader",
)
"""The events with a name for people (the catalogue's ``audit_event_<kind>``); others show
their code."""
DETAILS = (
    "waited_s",
    "service_s",
    "from_service",
    "to_service",
    "rating",
    "matter",
    "reason",
    "count",
    "ahead",
    "priority",
    "auto",
)
"""The event details with a name for people (``audit_detail_<key>``)."""
RATINGS = ("satisfied", "basic", "unsatisfied")


def audit_trail(hall: Hall, day: dt.date, ref: str, limit: int = 1000) -> list[EventView]:
    """Events of ticket ``ref`` (e.g. ``A012``) issued on ``day``, or of window ``ref`` that day."""
    ref = ref.strip()
    if ref.isdigit():
        hall.window(int(ref))  # an unknown window raises with the list of windows
        return hall.events(limit=limit, window=int(ref), day=day)
    if not ref:
        raise ReportInputError(key="audit_ref_needed")
    found = hall.store.read(lambda conn: ticket_id(conn, hall.code, day, ref))
    if found is None:
        raise ReportInputError(key="audit_no_ticket", params={"day": day, "ticket": ref.upper()})
    return hall.events(limit=limit, ticket=found)


def event_name(kind: str) -> str:
    return t(f"audit_event_{kind}") if kind in EVENTS else kind


def detail_text(detail: dict[str, object]) -> str:
    parts = []
    for key, value in detail.items():
        if key == "rating" and value in RATINGS:
            value = t(f"audit_rating_{value}")
        name = t(f"audit_detail_{key}") if key in DETAILS else key
        parts.append(f"{name}={value}")
    return t("audit_sep").join(parts)
