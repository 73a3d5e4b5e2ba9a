"""What a ticket's page and the hall's board say, from the hall's latest picture. Pure: no I/O.

The state words are the issue's: 等候中 / 已叫号，请到 3 号窗口 / 过号，请到窗口说明 / 已办结.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicehall.config import HallConfig
from servicehall.i18n import back_by_text, t, wait_text
from servicehall.queue import HallStatus, QueueWaits, TicketView


@dataclass(frozen=True)
class Picture:
    """The hall as the phone server last read it; ``generation`` counts the reads.

    ``touched``: the tickets whose events came since the previous picture (None: anything may
    have changed, e.g. after reconnecting); ``lost``: why the database cannot be read now."""

    generation: int
    at: dt.datetime | None = None
    status: HallStatus | None = None
    waits: QueueWaits | None = None
    touched: frozenset[int] | None = None
    lost: str | None = None


@dataclass(frozen=True)
class TicketState:
    """Everything a ticket's page shows, as text."""

    label: str
    service: str
    matter: str
    kind: str
    """The ticket's status (waiting, called, no_show, finished, cancelled, expired)."""
    headline: str
    ahead: str = ""
    wait: str = ""
    back_by: str = ""
    windows: str = ""
    materials: tuple[str, ...] = ()
    rating: str = ""
    can_rate: bool = False


def ticket_state(ticket: TicketView, config: HallConfig, waits: QueueWaits | None) -> TicketState:
    service = config.service(ticket.service)
    matter = service.matter(ticket.matter) if service and ticket.matter else None
    kind = ticket.status
    if kind == "called":
        headline = t("phone_called", window=ticket.window)
    elif kind in ("waiting", "no_show", "finished", "cancelled", "expired"):
        headline = t(f"phone_{kind}")
    else:
        headline = kind
    ahead = wait = back_by = ""
    if kind == "waiting":
        n = waits.ahead.get(ticket.id, ticket.ahead) if waits else ticket.ahead
        if n is not None:
            ahead = t("phone_ahead", n=n) if n else t("phone_ahead_none")
        estimate = waits.tickets.get(ticket.id) if waits else None
        if estimate is not None:
            wait = t("phone_wait", text=wait_text(estimate))
            back_by = back_by_text(estimate)
    numbers = [str(win.number) for win in config.windows_for(ticket.service)]  # t joins them
    windows = t("phone_served_at", windows=t("phone_windows", numbers=numbers)) if numbers else ""
    return TicketState(
        label=ticket.label,
        service=service.name if service else ticket.service,
        matter=matter.name if matter else "",
        kind=kind,
        headline=headline,
        ahead=ahead,
        wait=wait,
        back_by=back_by,
        windows=windows if kind in ("waiting", "no_show") else "",
        materials=tuple(matter.materials) if matter and kind != "finished" else (),
        rating=t("phone_rated", rating=t(f"phone_{ticket.rating}")) if ticket.rating else "",
        can_rate=kind == "finished" and ticket.rating is None,
    )


@dataclass(frozen=True)
class BoardRow:
    name: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class BoardState:
    """The hall's public board for phones."""

    hall: str
    calling: tuple[BoardRow, ...]
    """Windows calling someone (or paused); the others are named in ``idle`` in one line."""
    idle: str
    services: tuple[BoardRow, ...]
    leader: str
    supervision: str
    closed: bool


def board_state(config: HallConfig, picture: Picture) -> BoardState | None:
    status = picture.status
    if status is None:
        return None
    calling = tuple(
        BoardRow(
            t("phone_window_n", number=win.number),
            t("phone_paused") if win.state == "paused" else (win.current or ""),
            win.name,
        )
        for win in status.windows
        if win.current or win.state == "paused"
    )
    idle = [str(win.number) for win in status.windows if not (win.current or win.state == "paused")]
    waits = picture.waits.new if picture.waits else {}
    services = tuple(
        BoardRow(
            s.name,
            t("phone_waiting_n", n=s.waiting),
            t("phone_new_wait", text=wait_text(waits[s.code])) if s.code in waits else "",
        )
        for s in status.services
        if s.available_today
    )
    leader = status.leader
    who = f"{leader.name} {leader.title}".rstrip() if leader else ""
    phone = config.hall.supervision_phone
    return BoardState(
        hall=config.hall.name,
        calling=calling,
        idle=t("phone_idle_windows", numbers=idle) if idle else "",
        services=services,
        leader=t("phone_leader", name=who) if who else "",
        supervision=t("phone_supervision", phone=phone) if phone else "",
        closed=not status.open_now,
    )
