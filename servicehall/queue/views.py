"""Read-only views the core hands to screens, printers and the command line.

Plain frozen dataclasses with JSON-ready ``as_dict`` forms: nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class TicketView:
    id: int
    day: dt.date
    service: str
    origin_service: str
    number: int
    label: str
    matter: str | None
    priority: bool
    status: str
    issued_at: dt.datetime
    called_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    window: int | None = None
    clerk: str | None = None
    recall_count: int = 0
    skip_count: int = 0
    transferred_from: str | None = None
    print_state: str = "none"
    rating: str | None = None
    ahead: int | None = None
    page_token: str | None = field(default=None, repr=False)
    """The phone page's key (``/t/<token>``); never in ``as_dict`` nor in logs."""

    @property
    def is_waiting(self) -> bool:
        """In the queue, not yet called (nor ended)."""
        return self.status == "waiting"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["page_token"]
        data["ticket"] = data.pop("label")
        for key in ("issued_at", "called_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["day"] = self.day.isoformat()
        return data


SOON_S = 180
"""Under this many seconds the projection says "马上就到" instead of a range."""


@dataclass(frozen=True)
class WaitEstimate:
    """How long a villager will still wait, projected from the hall's own queue (seconds).

    ``low_s`` is the earliest they should be back by (a villager who goes to the market is told
    to return by then); ``high_s`` the long end; ``staffed`` is False when no clerk has signed in
    at any window for the service yet, so the projection assumed its windows open as configured.
    """

    expected_s: int
    low_s: int
    high_s: int
    at: dt.datetime
    staffed: bool = True

    @property
    def soon(self) -> bool:
        """The projection says under three minutes, however many people are ahead."""
        return self.expected_s < SOON_S

    @property
    def back_by(self) -> dt.datetime:
        """The hall-local time to be back by: the low end of the range."""
        return self.at + dt.timedelta(seconds=self.low_s)

    def as_dict(self) -> dict[str, int]:
        return {"expected_s": self.expected_s, "low_s": self.low_s, "high_s": self.high_s}


@dataclass(frozen=True)
class QueueWaits:
    """The whole queue's waits from one read: each waiting ticket's people ahead and wait (by
    ticket id), and what a new ordinary ticket would wait per service open today."""

    at: dt.datetime
    ahead: dict[int, int]
    tickets: dict[int, WaitEstimate]
    new: dict[str, WaitEstimate]


@dataclass(frozen=True)
class LeaderView:
    name: str
    title: str = ""
    window: int | None = None
    changed_today: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ServiceStatus:
    code: str
    name: str
    waiting: int
    available_today: bool = True

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class WindowStatus:
    number: int
    name: str
    state: str
    current: str | None
    clerk: str | None
    services: tuple[str, ...] = ()
    current_service: str | None = None
    called_at: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["services"] = list(self.services)
        data["called_at"] = self.called_at.isoformat() if self.called_at else None
        return data


@dataclass(frozen=True)
class HallStatus:
    day: dt.date
    now: dt.datetime
    open_now: bool
    market_day: bool
    services: list[ServiceStatus]
    windows: list[WindowStatus]
    leader: LeaderView | None
    last_event_id: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def waiting(self, code: str) -> int:
        return next((s.waiting for s in self.services if s.code == code), 0)

    def window(self, number: int) -> WindowStatus:
        return next(w for w in self.windows if w.number == number)

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "now": self.now.isoformat(),
            "open_now": self.open_now,
            "market_day": self.market_day,
            "services": [s.as_dict() for s in self.services],
            "windows": [w.as_dict() for w in self.windows],
            "leader": self.leader.as_dict() if self.leader else None,
            "last_event_id": self.last_event_id,
        }


@dataclass(frozen=True)
class EventView:
    id: int
    at: dt.datetime
    day: dt.date
    kind: str
    ticket_id: int | None
    label: str | None
    service: str | None
    window: int | None
    clerk: str | None
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["day"] = self.day.isoformat()
        return data
