"""The hall's tables (SQLModel): tickets, day counters and the day's arrival sequence, window
state, the event log, leader changes, and the reports' summaries of closed days.

Times are stored as UTC epoch seconds (portable arithmetic for waiting and service times on SQLite
and PostgreSQL alike); ``day`` is the hall-local date. Every row carries its ``hall`` code so one
database can hold a county of halls.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, Index, Integer, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

RETIRED_INDEXES = ("ix_tickets_queue",)
"""Indexes on ``tickets`` that earlier versions created; ``Store.create_schema`` drops them."""

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
_BIG_ID = BigInteger().with_variant(Integer(), "sqlite")

QUEUE_SHIFT = 20
"""A ticket's queue position is its arrival number of the day (``day_sequences``) shifted left
this many bits: room to place a returning no-show between two neighbours about twenty times."""

WAITING = "waiting"
CALLED = "called"
FINISHED = "finished"
NO_SHOW = "no_show"
CANCELLED = "cancelled"
EXPIRED = "expired"


class Ticket(SQLModel, table=True):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("hall", "day", "origin_service", "number", name="uq_ticket_number"),
        # the waiting queues: call-next reads them in order, "people ahead" counts them from
        # the index alone (priority is in it). Status before day, so the reports' scans of a
        # range of days keep to ix_tickets_day, and expiry finds an earlier day's leftovers.
        Index("ix_tickets_waiting", "hall", "status", "day", "service", "priority", "queue_pos"),
        Index("ix_tickets_day", "hall", "day", "origin_service"),
    )

    id: int | None = Field(default=None, sa_column=Column(_BIG_ID, primary_key=True))
    hall: str = Field(max_length=32)
    day: dt.date
    service: str = Field(max_length=1, description="the service it waits for now")
    origin_service: str = Field(max_length=1, description="the service it was issued for")
    number: int
    label: str = Field(max_length=8)
    matter: str | None = Field(default=None, max_length=32)
    priority: bool = False
    status: str = Field(default=WAITING, max_length=12)
    queue_pos: int = Field(sa_column=Column(BigInteger, nullable=False))
    issued_ts: float
    called_ts: float | None = None
    last_called_ts: float | None = None
    finished_ts: float | None = None
    window: int | None = None
    clerk: str | None = Field(default=None, max_length=32)
    recall_count: int = 0
    skip_count: int = 0
    transferred_from: str | None = Field(default=None, max_length=1)
    print_state: str = Field(default="none", max_length=12)
    rating: str | None = Field(default=None, max_length=12)


class DayCounter(SQLModel, table=True):
    __tablename__ = "day_counters"

    hall: str = Field(primary_key=True, max_length=32)
    day: dt.date = Field(primary_key=True)
    service: str = Field(primary_key=True, max_length=1)
    last_number: int


class DaySequence(SQLModel, table=True):
    """The hall's arrival counter of a day, across services: a ticket's place in the queue comes
    from it, never from the wall clock (which may be set back)."""

    __tablename__ = "day_sequences"

    hall: str = Field(primary_key=True, max_length=32)
    day: dt.date = Field(primary_key=True)
    last_seq: int = Field(sa_column=Column(BigInteger, nullable=False))


class WindowState(SQLModel, table=True):
    __tablename__ = "window_states"

    hall: str = Field(primary_key=True, max_length=32)
    number: int = Field(primary_key=True)
    state: str = Field(default="open", max_length=8)
    clerk: str | None = Field(default=None, max_length=32)
    current_ticket_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    changed_ts: float = 0.0


class Event(SQLModel, table=True):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_hall_id", "hall", "id"),
        Index("ix_events_ticket", "ticket_id"),
        Index("ix_events_day_kind", "hall", "day", "kind"),  # reports: transfers per window
    )

    id: int | None = Field(default=None, sa_column=Column(_BIG_ID, primary_key=True))
    hall: str = Field(max_length=32)
    ts: float
    day: dt.date
    kind: str = Field(max_length=16)
    ticket_id: int | None = Field(default=None, sa_column=Column(BigInteger))
    label: str | None = Field(default=None, max_length=8)
    service: str | None = Field(default=None, max_length=1)
    window: int | None = None
    clerk: str | None = Field(default=None, max_length=32)
    detail: str | None = Field(default=None, sa_column=Column(Text))


class LeaderOverride(SQLModel, table=True):
    """Today's on-duty leader when changed on the day (the rota in hall.toml is the default)."""

    __tablename__ = "leader_overrides"

    hall: str = Field(primary_key=True, max_length=32)
    day: dt.date = Field(primary_key=True)
    name: str = Field(max_length=32)
    title: str = Field(default="", max_length=32)
    set_ts: float


class ReportDay(SQLModel, table=True):
    """A closed day's report figures, kept so month and year reports need not rescan tickets.

    Written by ``servicehall.reports.summaries`` once no ticket of the day can change any more;
    ``basis`` fingerprints what the figures depend on (layout, time zone, promised limits) and
    ``event_id`` is the last event when it was built (a later rating makes it stale).
    """

    __tablename__ = "report_days"

    hall: str = Field(primary_key=True, max_length=32)
    day: dt.date = Field(primary_key=True)
    basis: str = Field(max_length=64)
    event_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    sums: str = Field(sa_column=Column(Text, nullable=False))
    times: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
