"""Bookkeeping of calls for the board: the latest call and the recent calls, newest first.

Pure: it reads ``EventView`` objects and keeps no connection, so the follower can feed it from
the database and tests can feed it by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from servicehall.queue.views import EventView

CALL_KINDS = ("call", "recall")


@dataclass(frozen=True)
class Call:
    """One call (or recall) of a ticket to a window, as the hall hears it."""

    event_id: int
    label: str
    window: int
    window_name: str
    at: dt.datetime
    recall: bool = False


class CallLog:
    """Today's calls: ``apply`` events in id order; ``recent`` is newest first, one per ticket."""

    def __init__(self, limit: int, window_names: Mapping[int, str]) -> None:
        self.limit = limit
        self.window_names = dict(window_names)
        self.day: dt.date | None = None
        self._recent: list[Call] = []

    @property
    def recent(self) -> tuple[Call, ...]:
        return tuple(self._recent)

    @property
    def latest(self) -> Call | None:
        return self._recent[0] if self._recent else None

    def start_day(self, day: dt.date) -> None:
        """Forget the calls of another day (the display crossed midnight)."""
        if day != self.day:
            self.day = day
            self._recent.clear()

    def apply(self, events: Iterable[EventView]) -> list[Call]:
        """Take events (oldest first); return the calls among them that belong to today."""
        new: list[Call] = []
        for event in events:
            call = self._call_of(event)
            if call is None:
                continue
            new.append(call)
            self._recent = [c for c in self._recent if c.label != call.label]
            self._recent.insert(0, call)
            del self._recent[self.limit :]
        return new

    def _call_of(self, event: EventView) -> Call | None:
        if event.kind not in CALL_KINDS or event.window is None or not event.label:
            return None
        if self.day is not None and event.day != self.day:
            return None
        return Call(
            event_id=event.id,
            label=event.label,
            window=event.window,
            window_name=self.window_names.get(event.window, ""),
            at=event.at,
            recall=event.kind == "recall",
        )
