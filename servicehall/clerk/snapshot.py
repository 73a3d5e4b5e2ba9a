"""What a window's console shows, read from the hall in one go (off the UI thread).

``WindowLoader.load`` asks the public ``Hall`` API for the window's state, its current ticket, the
queue for its services and today's counts, and returns a frozen value the screen only draws.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass, field

from servicehall.i18n import t
from servicehall.queue import Hall, TicketView, WindowStatus

QUEUE_SHOWN = 8
COUNTED = ("call", "finish", "skip", "transfer", "recall")
EVENTS_PER_READ = 500
NO_SHOWS_SHOWN = 10


@dataclass(frozen=True)
class WindowSnapshot:
    window: WindowStatus
    current: TicketView | None
    matter_name: str
    materials: tuple[str, ...]
    queue: tuple[TicketView, ...]
    waiting_total: int
    counts: dict[str, int] = field(default_factory=dict)
    no_shows: tuple[str, ...] = ()
    last_event_id: int = 0

    @property
    def paused(self) -> bool:
        return self.window.state == "paused"


class WindowLoader:
    """Loads a window's snapshot; today's counts are kept up to date from new events only.

    Called from several thread workers (actions, the change feed), so the counts sit behind a lock.
    """

    def __init__(self, hall: Hall, window: int) -> None:
        self.hall = hall
        self.window = window
        self._lock = threading.Lock()
        self._day: dt.date | None = None
        self._after = 0
        self._counts: Counter[str] = Counter()
        self._skipped: dict[str, None] = {}

    def _count(self, day: dt.date) -> tuple[dict[str, int], list[str]]:
        with self._lock:
            if day != self._day:
                self._day, self._after = day, 0
                self._counts.clear()
                self._skipped.clear()
            while True:
                events = self.hall.events(after=self._after, window=self.window, day=day)
                for event in events:
                    if event.kind in COUNTED:
                        self._counts[event.kind] += 1
                    if event.kind == "skip" and event.label:
                        self._skipped[event.label] = None
                    self._after = event.id
                if len(events) < EVENTS_PER_READ:
                    break
            return {kind: self._counts[kind] for kind in COUNTED}, list(self._skipped)

    def load(self) -> WindowSnapshot:
        hall = self.hall
        status = hall.status()
        win = next(w for w in status.windows if w.number == self.window)
        current = hall.ticket(win.current) if win.current else None
        matter_name = ""
        materials: tuple[str, ...] = ()
        if current is not None and current.matter:
            matter = hall.service(current.service).matter(current.matter)
            if matter is not None:
                matter_name, materials = matter.name, tuple(matter.materials)
        counts, skipped = self._count(status.day)
        return WindowSnapshot(
            window=win,
            current=current,
            matter_name=matter_name,
            materials=materials,
            queue=tuple(hall.waiting(win.services, limit=QUEUE_SHOWN)),
            waiting_total=sum(status.waiting(code) for code in win.services),
            counts=counts,
            no_shows=tuple(
                label for label in skipped[-NO_SHOWS_SHOWN:] if _is_no_show(hall, label)
            ),
            last_event_id=status.last_event_id,
        )


def _is_no_show(hall: Hall, label: str) -> bool:
    return hall.ticket(label).status == "no_show"


def minutes_text(seconds: float) -> str:
    """``12 分 05 秒`` / ``1 小时 03 分``: a duration a clerk reads at a glance."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return t("duration_hours", hours=hours, minutes=f"{minutes:02d}")
    return t("duration_minutes", minutes=minutes, seconds=f"{secs:02d}")


def since(start: dt.datetime | None, now: dt.datetime) -> str:
    return minutes_text((now - start).total_seconds()) if start else "—"
