"""The read side of a hall: its calendar, lookups, status, event log and change feed.

:class:`HallReader` never writes; :class:`servicehall.queue.hall.Hall` adds the operations.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, func, select

from servicehall.config import HallConfig, Service, Window
from servicehall.i18n import status_name
from servicehall.queue.clock import Clock, SystemClock
from servicehall.queue.errors import UnknownInput, WrongState
from servicehall.queue.feed import ChangeFeed, open_feed
from servicehall.queue.names import MAX_ID, ticket_ref
from servicehall.queue.statements import Statements
from servicehall.queue.store import Store
from servicehall.queue.tables import CALLED, EVENTS, LEADERS, TICKETS, WAITING
from servicehall.queue.tokens import is_page_token
from servicehall.queue.views import (
    EventView,
    HallStatus,
    LeaderView,
    QueueWaits,
    ServiceStatus,
    TicketView,
    WaitEstimate,
    WindowStatus,
)

if TYPE_CHECKING:
    from servicehall.queue.estimate import HallSnapshot, WaitingTicket
    from servicehall.queue.waitreader import WaitReader
    from servicehall.queue.waitstats import WaitStats


class HallReader:
    """One hall's configuration and store, read-only."""

    def __init__(
        self,
        config: HallConfig,
        store: Store,
        clock: Clock | None = None,
        *,
        enforce_hours: bool = True,
    ) -> None:
        self.config = config
        self.store = store
        self.clock = clock or SystemClock()
        self.code = config.hall.code
        self.tz = config.hall.tz
        self.enforce_hours = enforce_hours
        self._sql = Statements(store.dialect)

    @cached_property
    def _waits(self) -> WaitReader:
        """The wait projection's reader and cache, loaded by the first estimate (a command that
        estimates nothing starts without the projection's modules)."""
        from servicehall.queue.waitreader import WaitReader

        return WaitReader(self.config)

    # ------------------------------------------------------------------ time and calendar

    def now(self) -> dt.datetime:
        return self.clock.now().astimezone(self.tz)

    def today(self) -> dt.date:
        return self.now().date()

    def is_open_now(self) -> bool:
        return not self.enforce_hours or self.config.hall.is_open(self.now())

    def is_market_day(self, day: dt.date | None = None) -> bool:
        return self.config.market_days.is_market_day(day or self.today())

    def services_today(self, day: dt.date | None = None) -> list[Service]:
        """Services a villager can take a ticket for today (village desks only on market days)."""
        market = self.is_market_day(day)
        return [s for s in self.config.services if market or not s.market_days_only]

    def _local(self, ts: float | None) -> dt.datetime | None:
        return None if ts is None else dt.datetime.fromtimestamp(ts, self.tz)

    # ------------------------------------------------------------------ lookups

    def service(self, code: str) -> Service:
        found = self.config.service(code.upper()) if code else None
        if found is None:
            valid = [f"{s.code} {s.name}" for s in self.config.services]
            raise UnknownInput("unknown_service", code=code, valid=valid)
        return found

    def window(self, number: int) -> Window:
        found = self.config.window(number)
        if found is None:
            valid = [str(w.number) for w in self.config.windows]
            raise UnknownInput("unknown_window", window=number, valid=valid)
        return found

    def _ticket_row(
        self, conn: Connection, ref: int | str, *, lock: bool = True, day: dt.date | None = None
    ) -> Row[Any]:
        """A ticket by id, or by label on ``day`` (today by default)."""
        checked = ticket_ref(ref)
        if isinstance(checked, int):
            query = self._sql.ticket_by_id_locked if lock else self._sql.ticket_by_id
            params: dict[str, Any] = {"b_id": checked}
        else:
            query = self._sql.ticket_by_label_locked if lock else self._sql.ticket_by_label
            params = {"b_hall": self.code, "b_day": day or self.today(), "b_label": checked}
        row = conn.execute(query, params).first()
        if row is None or row.hall != self.code:
            raise UnknownInput("unknown_ticket", ticket=ref)
        return row

    def _view(self, row: Row[Any], ahead: int | None = None) -> TicketView:
        issued = self._local(row.issued_ts)
        assert issued is not None
        return TicketView(
            id=row.id,
            day=row.day,
            service=row.service,
            origin_service=row.origin_service,
            number=row.number,
            label=row.label,
            matter=row.matter,
            priority=bool(row.priority),
            status=row.status,
            issued_at=issued,
            called_at=self._local(row.last_called_ts),
            finished_at=self._local(row.finished_ts),
            window=row.window,
            clerk=row.clerk,
            recall_count=row.recall_count,
            skip_count=row.skip_count,
            transferred_from=row.transferred_from,
            print_state=row.print_state,
            rating=row.rating,
            ahead=ahead,
            page_token=row.page_token,
        )

    def _ahead(self, conn: Connection, row: Row[Any]) -> int:
        """Waiting tickets of the same service that will be called before this one."""
        query = self._sql.ahead_of_priority if row.priority else self._sql.ahead_of_regular
        params = {
            "b_hall": self.code,
            "b_day": row.day,
            "b_service": row.service,
            "b_id": row.id,
            "b_pos": row.queue_pos,
        }
        return int(conn.execute(query, params).scalar_one())

    def leader(self, day: dt.date | None = None) -> LeaderView | None:
        day = day or self.today()
        row = self.store.read(
            lambda conn: conn.execute(
                select(LEADERS).where(LEADERS.c.hall == self.code, LEADERS.c.day == day)
            ).first()
        )
        return self._leader_view(day, row)

    def _leader_view(self, day: dt.date, override: Row[Any] | None) -> LeaderView | None:
        rota = self.config.leaders.for_day(day)
        if override is not None:
            window = rota.window if rota else None
            return LeaderView(override.name, override.title, window, changed_today=True)
        if rota is None:
            return None
        return LeaderView(rota.name, rota.title, rota.window)

    # ------------------------------------------------------------------ reading

    def ticket(self, ref: int | str, day: dt.date | None = None) -> TicketView:
        """A ticket by id, or by label ("A012") on ``day`` (today by default)."""

        def work(conn: Connection) -> TicketView:
            row = self._ticket_row(conn, ref, lock=False, day=day)
            return self._view(row, self._ahead(conn, row) if row.status == WAITING else None)

        return self.store.read(work)

    def ticket_by_token(self, token: str) -> TicketView:
        """Today's ticket behind a phone-page token. An unknown token, or one of an earlier
        day's ticket (its page has expired), is :class:`UnknownInput` ``unknown_page``."""
        if not is_page_token(token):
            raise UnknownInput("unknown_page")
        day = self.today()

        def work(conn: Connection) -> TicketView:
            params = {"b_token": token, "b_hall": self.code}
            row = conn.execute(self._sql.ticket_by_token, params).first()
            if row is None or row.day != day:
                raise UnknownInput("unknown_page")
            return self._view(row, self._ahead(conn, row) if row.status == WAITING else None)

        return self.store.read(work)

    def waiting(self, services: Sequence[str] | None = None, limit: int = 20) -> list[TicketView]:
        """Today's waiting tickets (for some services), in the order they will be called."""
        day = self.today()
        query = select(TICKETS).where(
            TICKETS.c.hall == self.code, TICKETS.c.day == day, TICKETS.c.status == WAITING
        )
        if services is not None:
            query = query.where(TICKETS.c.service.in_(list(services)))
        query = query.order_by(TICKETS.c.priority.desc(), TICKETS.c.queue_pos, TICKETS.c.id)
        rows = self.store.read(lambda conn: conn.execute(query.limit(limit)).all())
        return [self._view(r) for r in rows]

    def window_status(self, number: int) -> WindowStatus:
        return self.status().window(number)

    def status(self) -> HallStatus:
        """The whole hall in one consistent read: waiting counts, windows, leader."""
        now = self.now()
        day = now.date()

        def work(conn: Connection) -> HallStatus:
            params = {"b_hall": self.code, "b_day": day}
            rows = conn.execute(self._sql.waiting_counts, params)
            counts = {str(service): int(n) for service, n in rows}
            windows = conn.execute(self._sql.window_board, params).all()
            override = conn.execute(self._sql.leader_override, params).first()
            last_id = conn.execute(self._sql.last_event_id, params).scalar()
            return self._status(now, counts, windows, override, int(last_id or 0))

        return self.store.read(work)

    def _status(
        self,
        now: dt.datetime,
        counts: dict[str, int],
        windows: Sequence[Row[Any]],
        override: Row[Any] | None,
        last_id: int,
    ) -> HallStatus:
        market = self.is_market_day(now.date())
        services = [
            ServiceStatus(s.code, s.name, counts.get(s.code, 0), market or not s.market_days_only)
            for s in self.config.services
        ]
        by_number = {w.number: w for w in windows}
        window_views = []
        for win in self.config.windows:
            row = by_number.get(win.number)
            called_at = self._local(row.last_called_ts) if row else None
            # a ticket called on an earlier day (the clerk went home without 办结) is not at the
            # window today, and its label may be today's waiting ticket's
            stale = called_at is not None and called_at.date() != now.date()
            window_views.append(
                WindowStatus(
                    number=win.number,
                    name=win.name,
                    state=row.state if row else "open",
                    current=row.label if row and not stale else None,
                    clerk=row.clerk if row else None,
                    services=tuple(win.services),
                    current_service=row.service if row and not stale else None,
                    called_at=called_at,
                )
            )
        return HallStatus(
            day=now.date(),
            now=now,
            open_now=self.is_open_now(),
            market_day=market,
            services=services,
            windows=window_views,
            leader=self._leader_view(now.date(), override),
            last_event_id=last_id,
        )

    def events(
        self,
        after: int = 0,
        limit: int = 500,
        *,
        ticket: int | None = None,
        window: int | None = None,
        day: dt.date | None = None,
    ) -> list[EventView]:
        """The event log after an id, oldest first: the change feed's payload, the audit trail.

        Numbers beyond what the columns hold match nothing (never an overflow error)."""
        if not (after < MAX_ID and limit > 0) or not all(
            0 < n <= MAX_ID for n in (ticket, window) if n is not None
        ):
            return []
        query = select(EVENTS).where(EVENTS.c.hall == self.code, EVENTS.c.id > max(after, 0))
        if ticket is not None:
            query = query.where(EVENTS.c.ticket_id == ticket)
        if window is not None:
            query = query.where(EVENTS.c.window == window)
        if day is not None:
            query = query.where(EVENTS.c.day == day)
        rows = self.store.read(
            lambda conn: conn.execute(query.order_by(EVENTS.c.id).limit(min(limit, MAX_ID))).all()
        )
        return [
            EventView(
                id=r.id,
                at=dt.datetime.fromtimestamp(r.ts, self.tz),
                day=r.day,
                kind=r.kind,
                ticket_id=r.ticket_id,
                label=r.label,
                service=r.service,
                window=r.window,
                clerk=r.clerk,
                detail=json.loads(r.detail) if r.detail else {},
            )
            for r in rows
        ]

    def newest_event_ts(self) -> float | None:
        """When the hall's newest record (of today and yesterday) was written, by whichever PC's
        clock: a clock behind it has been set back, or lags the other PCs'."""
        since = self.today() - dt.timedelta(days=1)
        query = select(func.max(EVENTS.c.ts)).where(
            EVENTS.c.hall == self.code, EVENTS.c.day >= since
        )
        return self.store.read(lambda conn: conn.execute(query).scalar())

    # ------------------------------------------------------------------ wait estimates

    def estimate_waits(self) -> dict[str, WaitEstimate]:
        """What a villager taking an ordinary ticket now would wait, per service open today."""
        from servicehall.queue.estimate import project_new

        now = self.now()
        snapshot, stats = self.store.read(lambda conn: self._waits.read(conn, now))
        codes = [s.code for s in self.services_today(now.date())]
        anytime = not self.enforce_hours  # tickets are issued outside the hours: no closing
        return project_new(snapshot, stats, self.config, codes, always_open=anytime)

    def queue_waits(self) -> QueueWaits:
        """Every waiting ticket's people ahead and wait, and a new ticket's wait per service,
        from one read: what a page for each villager needs, at the cost of one."""
        from servicehall.queue.estimate import project_new, project_waiting

        now = self.now()
        snapshot, stats = self.store.read(lambda conn: self._waits.read(conn, now))
        codes = [s.code for s in self.services_today(now.date())]
        anytime = not self.enforce_hours  # tickets are issued outside the hours: no closing
        return QueueWaits(
            at=now,
            ahead=ahead_counts(snapshot.waiting),
            tickets=project_waiting(snapshot, stats, self.config, codes, always_open=anytime),
            new=project_new(snapshot, stats, self.config, codes, always_open=anytime),
        )

    def estimate_wait(self, ticket: TicketView | int | str) -> WaitEstimate:
        """How much longer a ticket (a TicketView, id or label) will wait, as a range.

        A ticket being called waits no more; one finished, skipped or withdrawn is refused.
        """
        from servicehall.queue.estimate import project_ticket

        now = self.now()
        ref = ticket.id if isinstance(ticket, TicketView) else ticket

        def work(conn: Connection) -> tuple[Row[Any], HallSnapshot, WaitStats]:
            row = self._ticket_row(conn, ref, lock=False)
            return row, *self._waits.read(conn, now)

        row, snapshot, stats = self.store.read(work)
        if row.status == CALLED:
            return WaitEstimate(0, 0, 0, now)
        if row.status != WAITING or row.day != now.date():
            raise WrongState("ticket_not_waiting", ticket=row.label, state=status_name(row.status))
        codes = [s.code for s in self.services_today(now.date())]
        return project_ticket(
            snapshot, stats, self.config, row.id, codes, always_open=not self.enforce_hours
        )

    def watch(self) -> ChangeFeed:
        """A change feed: ``wait()`` returns when another process may have changed something."""
        return open_feed(self.store, self.code)


def ahead_counts(waiting: Sequence[WaitingTicket]) -> dict[int, int]:
    """People ahead of each waiting ticket in its service's queue: priority tickets first, then
    by place (what ``HallReader._ahead`` counts in the database, one ticket at a time)."""
    ahead: dict[int, int] = {}
    by_service: dict[str, list[WaitingTicket]] = {}
    for ticket in waiting:
        by_service.setdefault(ticket.service, []).append(ticket)
    for tickets in by_service.values():
        tickets.sort(key=lambda t: (not t.priority, t.queue_pos))
        before = 0
        for i, ticket in enumerate(tickets):
            key = (not ticket.priority, ticket.queue_pos)
            if i and key != (not tickets[i - 1].priority, tickets[i - 1].queue_pos):
                before = i
            ahead[ticket.id] = before
    return ahead
