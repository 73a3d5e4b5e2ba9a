"""The hall's operations: each one database transaction that also appends to the event log.

``Hall`` is the public API every process uses (kiosk, display, clerk console, keypad bridge,
command line). It knows the hall's configuration and the store; it knows nothing of screens,
printers or speech.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, select, update

from servicehall.config import HallConfig, load_config
from servicehall.i18n import status_name
from servicehall.queue.callbacks import CallbackDesk
from servicehall.queue.clock import Clock
from servicehall.queue.errors import Refused, StoreError, UnknownInput, WrongState
from servicehall.queue.names import REASON_LIMIT, clean_text
from servicehall.queue.schema import prepare
from servicehall.queue.store import Store
from servicehall.queue.tables import (
    CALLED,
    CANCELLED,
    EXPIRED,
    FINISHED,
    NO_SHOW,
    QUEUE_SHIFT,
    SEQUENCES,
    TICKETS,
    WAITING,
)
from servicehall.queue.tokens import new_page_token
from servicehall.queue.views import (
    LeaderView,
    TicketView,
    WindowStatus,
)

log = logging.getLogger(__name__)

T = TypeVar("T")


RATINGS = ("satisfied", "basic", "unsatisfied")


def format_label(code: str, number: int) -> str:
    return f"{code}{number:03d}"


def queue_position(seq: int) -> int:
    """Place in the day's queue from the hall's arrival sequence (``day_sequences``), so the
    order never depends on the wall clock, which may be set back."""
    return seq << QUEUE_SHIFT


class Hall(CallbackDesk):
    """One hall's queue and cases, backed by a store. Create with :meth:`Hall.open`."""

    def __init__(
        self,
        config: HallConfig,
        store: Store,
        clock: Clock | None = None,
        *,
        enforce_hours: bool = True,
    ) -> None:
        super().__init__(config, store, clock, enforce_hours=enforce_hours)
        self._expired_through: dt.date | None = None

    @classmethod
    def open(
        cls,
        config: HallConfig | str | os.PathLike[str] | None = None,
        db: str | None = None,
        clock: Clock | None = None,
        *,
        enforce_hours: bool = True,
        create: bool = True,
    ) -> Hall:
        """Open a hall: load the config, connect the store, bring the schema to this version.

        ``enforce_hours`` False issues tickets outside opening hours (the command line gives it
        from its settings: ``--ignore-hours`` or ``$SERVICEHALL_IGNORE_HOURS``)."""
        if not isinstance(config, HallConfig):
            config = load_config(config)
        store = Store(db)
        if create:
            prepare(store)
        hall = cls(config, store, clock, enforce_hours=enforce_hours)
        if create and hall.store.read(hall._missing_windows):
            hall.store.write(hall._ensure_windows)
        return hall

    def close(self) -> None:
        self.store.dispose()

    # ------------------------------------------------------------------ internal helpers

    def _expire_stale(self, conn: Connection, day: dt.date, now: dt.datetime) -> None:
        """Close earlier days, once a day: their waiting tickets expire and are never called;
        a ticket left "being served" at closing counts as finished, with no finish time (its
        service time is unknown), so the next morning's first call does not finish it late."""
        if self._expired_through == day:
            return
        earlier = (TICKETS.c.hall == self.code) & (TICKETS.c.day < day)
        expired = conn.execute(
            update(TICKETS)
            .where(earlier, TICKETS.c.status.in_((WAITING, NO_SHOW)))
            .values(status=EXPIRED)
        ).rowcount
        closed = conn.execute(
            update(TICKETS).where(earlier, TICKETS.c.status == CALLED).values(status=FINISHED)
        ).rowcount
        if expired or closed:
            detail: dict[str, Any] = {"count": expired}
            if closed:
                detail["closed"] = closed
            self._event(conn, "expire", now, **detail)
        self._expired_through = day

    def _next_number(self, conn: Connection, day: dt.date, service: str) -> int:
        params = {"b_hall": self.code, "b_day": day, "b_service": service}
        return int(conn.execute(self._sql.next_number, params).scalar_one())

    def _current(self, conn: Connection, wrow: Row[Any]) -> Row[Any] | None:
        if wrow.current_ticket_id is None:
            return None
        row = conn.execute(self._sql.ticket_by_id_locked, {"b_id": wrow.current_ticket_id}).first()
        return row if row is not None and row.status == CALLED else None

    def _require_current(self, conn: Connection, wrow: Row[Any]) -> Row[Any]:
        row = self._current(conn, wrow)
        if row is None:
            raise WrongState("nothing_called", window=wrow.number)
        return row

    def _set_window(self, conn: Connection, number: int, now: dt.datetime, **values: Any) -> None:
        params = {"b_hall": self.code, "b_number": number, "changed_ts": now.timestamp(), **values}
        conn.execute(self._sql.update_window, params)

    def _update_ticket(self, conn: Connection, ticket_id: int, **values: Any) -> Row[Any]:
        conn.execute(self._sql.update_ticket, {"b_id": ticket_id, **values})
        return conn.execute(self._sql.ticket_by_id, {"b_id": ticket_id}).one()

    def _finish_row(
        self, conn: Connection, row: Row[Any], wrow: Row[Any], now: dt.datetime, *, auto: bool
    ) -> Row[Any]:
        started = row.last_called_ts or row.issued_ts
        ts = not_before(now, started)
        done = self._update_ticket(conn, row.id, status=FINISHED, finished_ts=ts)
        self._set_window(conn, wrow.number, now, current_ticket_id=None)
        served_s = round(ts - started, 1)
        detail: dict[str, Any] = {"service_s": served_s}
        if auto:
            detail["auto"] = True
        self._event(conn, "finish", now, ticket=done, window=wrow.number, clerk=row.clerk, **detail)
        return done

    def _call_row(
        self, conn: Connection, row: Row[Any], wrow: Row[Any], clerk: str | None, now: dt.datetime
    ) -> Row[Any]:
        ts = not_before(now, row.issued_ts, row.last_called_ts)
        called = self._update_ticket(
            conn,
            row.id,
            status=CALLED,
            window=wrow.number,
            clerk=clerk,
            called_ts=row.called_ts if row.called_ts is not None else ts,
            last_called_ts=ts,
        )
        self._set_window(conn, wrow.number, now, current_ticket_id=row.id, clerk=clerk)
        self._event(
            conn,
            "call",
            now,
            ticket=called,
            window=wrow.number,
            clerk=clerk,
            waited_s=round(ts - row.issued_ts, 1),
        )
        return called

    # ------------------------------------------------------------------ issuing

    def issue(self, service: str, matter: str | None = None, priority: bool = False) -> TicketView:
        """Issue a ticket for a service (and matter); returns it with the number of people ahead."""
        svc = self.service(service)
        if matter is None and len(svc.matters) == 1:
            matter = svc.matters[0].code
        if matter is not None and svc.matter(matter) is None:
            valid = [f"{m.code}（{m.name}）" for m in svc.matters]
            raise UnknownInput("unknown_matter", service=svc.name, matter=matter, valid=valid)
        now = self.now()
        day = now.date()
        if self.enforce_hours and not self.config.hall.is_open(now):
            raise Refused("hall_closed", hours=self.config.hall.hours_list())
        if svc.market_days_only and not self.is_market_day(day):
            raise Refused("not_market_day", service=svc.name)

        def work(conn: Connection, now: dt.datetime) -> Row[Any]:
            # no expiry here: a kiosk only adds tickets and never rewrites earlier ones
            row = self._insert_ticket(conn, day, svc.code, matter, priority, now.timestamp())
            if svc.daily_cap is not None and row.number > svc.daily_cap:
                raise Refused("cap_reached", service=svc.name, cap=svc.daily_cap)  # rolls back
            self._event(conn, "issue", now, ticket=row, matter=matter, priority=priority)
            return row

        row = self._write(work, now)
        return self._view(row, self._ahead_after_issue(row))

    def _insert_ticket(
        self,
        conn: Connection,
        day: dt.date,
        service: str,
        matter: str | None,
        priority: bool,
        ts: float,
    ) -> Row[Any]:
        """Draw the next number and arrival sequence and add the ticket, in the caller's
        transaction. On PostgreSQL one function does it: roles never touch the counters."""
        if self.store.dialect == "postgresql":
            params = {
                "b_hall": self.code,
                "b_day": day,
                "b_service": service,
                "b_matter": matter,
                "b_priority": priority,
                "b_ts": ts,
            }
            ticket_id = conn.execute(self._sql.issue_function, params).scalar_one()
            return conn.execute(self._sql.ticket_by_id, {"b_id": ticket_id}).one()
        number = self._next_number(conn, day, service)
        seq = conn.execute(self._sql.next_seq, {"b_hall": self.code, "b_day": day}).scalar_one()
        values = {
            "hall": self.code,
            "day": day,
            "service": service,
            "origin_service": service,
            "number": number,
            "label": format_label(service, number),
            "matter": matter,
            "priority": priority,
            "status": WAITING,
            "queue_pos": queue_position(int(seq)),
            "issued_ts": ts,
            "page_token": new_page_token(),
        }
        return conn.execute(self._sql.insert_ticket, values).one()

    def _ahead_after_issue(self, row: Row[Any]) -> int | None:
        """People ahead of a ticket just issued, counted after its write has committed.

        Counting outside the write keeps kiosks from queueing on it (the count grows with the
        queue). The ticket exists already, so a failure here must not fail the issue: the
        villager gets the ticket without the count rather than a second ticket on a retry.
        """
        try:
            return self.store.read(lambda conn: self._ahead(conn, row))
        except StoreError:
            log.warning("ticket %s issued; counting the people ahead failed", row.label)
            return None

    # ------------------------------------------------------------------ calling

    def call_next(self, window: int, clerk: str | None = None) -> TicketView | None:
        """Call the next ticket for a window; the ticket it was serving is finished first.

        Returns ``None`` when nobody waits for this window's services (not an error).
        """
        win = self.window(window)
        clerk = _clerk_id(clerk)

        def work(conn: Connection, now: dt.datetime) -> TicketView | None:
            day = now.date()
            self._expire_stale(conn, day, now)
            wrow = self._window_row(conn, window)
            if wrow.state == "paused":
                raise WrongState("window_paused", window=window)
            who = clerk or wrow.clerk
            current = self._current(conn, wrow)
            if current is not None:
                self._finish_row(conn, current, wrow, now, auto=True)
            query = self._sql.next_waiting(tuple(win.services), win.pick)
            row = conn.execute(query, {"b_hall": self.code, "b_day": day}).first()
            if row is None:
                return None
            return self._view(self._call_row(conn, row, wrow, who, now))

        return self._write(work)

    def call_ticket(self, ticket: int | str, window: int, clerk: str | None = None) -> TicketView:
        """Call a specific waiting ticket (or a no-show who came back) to a window."""
        win = self.window(window)
        clerk = _clerk_id(clerk)

        def work(conn: Connection, now: dt.datetime) -> TicketView:
            wrow = self._window_row(conn, window)
            if wrow.state == "paused":
                raise WrongState("window_paused", window=window)
            row = self._ticket_row(conn, ticket)
            if row.day != now.date() or row.status not in (WAITING, NO_SHOW):
                raise WrongState("ticket_not_waiting", ticket=row.label, state=_state(row.status))
            if row.service not in win.services:
                raise WrongState(
                    "not_served_here", window=window, service=self.service(row.service).name
                )
            current = self._current(conn, wrow)
            if current is not None:
                self._finish_row(conn, current, wrow, now, auto=True)
            return self._view(self._call_row(conn, row, wrow, clerk or wrow.clerk, now))

        return self._write(work)

    def _with_current(
        self, window: int, change: Callable[[Connection, Row[Any], Row[Any], dt.datetime], T]
    ) -> T:
        """Run ``change(conn, window_row, current_ticket, now)`` on the ticket a window serves."""

        def work(conn: Connection, now: dt.datetime) -> T:
            wrow = self._window_row(conn, window)
            return change(conn, wrow, self._require_current(conn, wrow), now)

        return self._write(work)

    def recall(self, window: int) -> TicketView:
        """Call the window's current ticket again (the display and the voice repeat it)."""

        def change(conn: Connection, wrow: Row[Any], row: Row[Any], now: dt.datetime) -> TicketView:
            row = self._update_ticket(
                conn,
                row.id,
                recall_count=row.recall_count + 1,
                last_called_ts=not_before(now, row.last_called_ts),
            )
            self._event(
                conn,
                "recall",
                now,
                ticket=row,
                window=window,
                clerk=row.clerk,
                count=row.recall_count,
            )
            return self._view(row)

        return self._with_current(window, change)

    def skip(self, window: int) -> TicketView:
        """The called villager did not come: mark a no-show (they can be requeued later)."""

        def change(conn: Connection, wrow: Row[Any], row: Row[Any], now: dt.datetime) -> TicketView:
            row = self._update_ticket(conn, row.id, status=NO_SHOW, skip_count=row.skip_count + 1)
            self._set_window(conn, window, now, current_ticket_id=None)
            self._event(conn, "skip", now, ticket=row, window=window, clerk=row.clerk)
            return self._view(row)

        return self._with_current(window, change)

    def finish(self, window: int) -> TicketView:
        """The window has finished (办结) its current ticket."""
        return self._with_current(
            window,
            lambda conn, wrow, row, now: self._view(
                self._finish_row(conn, row, wrow, now, auto=False)
            ),
        )

    def transfer(self, window: int, to_service: str) -> TicketView:
        """转办: the current ticket waits for another service, keeping its label and its place."""
        target = self.service(to_service)

        def change(conn: Connection, wrow: Row[Any], row: Row[Any], now: dt.datetime) -> TicketView:
            if row.service == target.code:
                raise WrongState("same_service", ticket=row.label, service=target.name)
            moved = self._update_ticket(
                conn,
                row.id,
                status=WAITING,
                service=target.code,
                transferred_from=row.service,
                window=None,
            )
            self._set_window(conn, window, now, current_ticket_id=None)
            self._event(
                conn,
                "transfer",
                now,
                ticket=moved,
                window=window,
                clerk=row.clerk,
                from_service=row.service,
                to_service=target.code,
            )
            return self._view(moved, self._ahead(conn, moved))

        return self._with_current(window, change)

    def requeue(self, ticket: int | str) -> TicketView:
        """A no-show came back: they wait again, behind ``queue.requeue_behind`` people."""
        behind = self.config.queue.requeue_behind

        def work(conn: Connection, now: dt.datetime) -> TicketView:
            row = self._ticket_row(conn, ticket)
            if row.day != now.date() or row.status != NO_SHOW:
                raise WrongState("ticket_not_waiting", ticket=row.label, state=_state(row.status))
            positions = list(
                conn.execute(
                    select(TICKETS.c.queue_pos)
                    .where(
                        TICKETS.c.hall == self.code,
                        TICKETS.c.day == row.day,
                        TICKETS.c.status == WAITING,
                        TICKETS.c.service == row.service,
                        TICKETS.c.priority == row.priority,
                    )
                    .order_by(TICKETS.c.queue_pos, TICKETS.c.id)
                    .limit(behind + 1)
                ).scalars()
            )
            if len(positions) > behind:
                # between the behind-th and the next waiting ticket
                low = positions[behind - 1] if behind else positions[0] - 2
                position = (low + positions[behind]) // 2
            elif positions:
                position = positions[-1] + 1
            else:  # nobody waits here: behind everyone who arrived so far today
                seq = conn.execute(
                    select(SEQUENCES.c.last_seq).where(
                        SEQUENCES.c.hall == self.code, SEQUENCES.c.day == row.day
                    )
                ).scalar()
                position = queue_position(int(seq or 0)) + (1 << (QUEUE_SHIFT - 1))
            row = self._update_ticket(conn, row.id, status=WAITING, queue_pos=position, window=None)
            ahead = self._ahead(conn, row)
            self._event(conn, "requeue", now, ticket=row, ahead=ahead)
            return self._view(row, ahead)

        return self._write(work)

    def cancel(self, ticket: int | str, reason: str = "") -> TicketView:
        """Withdraw a waiting, called or skipped ticket (the villager left, a print failed)."""
        reason = clean_text(reason, "reason", limit=REASON_LIMIT, required=False)

        def work(conn: Connection, now: dt.datetime) -> TicketView:
            row = self._ticket_row(conn, ticket)
            if row.status not in (WAITING, CALLED, NO_SHOW):
                raise WrongState("ticket_not_waiting", ticket=row.label, state=_state(row.status))
            if row.status == CALLED and row.window is not None:
                self._set_window(conn, row.window, now, current_ticket_id=None)
            row = self._update_ticket(conn, row.id, status=CANCELLED)
            self._event(conn, "cancel", now, ticket=row, window=row.window, reason=reason)
            return self._view(row)

        return self._write(work)

    # ------------------------------------------------------------------ windows and leaders

    def pause(self, window: int, reason: str = "") -> WindowStatus:
        reason = clean_text(reason, "reason", limit=REASON_LIMIT, required=False)

        def work(conn: Connection, now: dt.datetime) -> None:
            wrow = self._window_row(conn, window)
            current = self._current(conn, wrow)
            if current is not None:
                raise WrongState("window_busy_pause", window=window, ticket=current.label)
            self._set_window(conn, window, now, state="paused")
            self._event(conn, "pause", now, window=window, clerk=wrow.clerk, reason=reason)

        self._write(work)
        return self.window_status(window)

    def resume(self, window: int) -> WindowStatus:
        def work(conn: Connection, now: dt.datetime) -> None:
            wrow = self._window_row(conn, window)
            if wrow.state != "paused":
                raise WrongState("window_not_paused", window=window)
            self._set_window(conn, window, now, state="open")
            self._event(conn, "resume", now, window=window, clerk=wrow.clerk)

        self._write(work)
        return self.window_status(window)

    def sign_in(self, window: int, clerk: str) -> WindowStatus:
        """Record which clerk sits at a window (their calls are attributed to them)."""
        clerk = clean_text(clerk, "clerk_id")

        def work(conn: Connection, now: dt.datetime) -> None:
            self._window_row(conn, window)
            self._set_window(conn, window, now, clerk=clerk)
            self._event(conn, "sign_in", now, window=window, clerk=clerk)

        self._write(work)
        return self.window_status(window)

    def sign_out(self, window: int) -> WindowStatus:
        def work(conn: Connection, now: dt.datetime) -> None:
            wrow = self._window_row(conn, window)
            self._set_window(conn, window, now, clerk=None)
            self._event(conn, "sign_out", now, window=window, clerk=wrow.clerk)

        self._write(work)
        return self.window_status(window)

    def set_leader(self, name: str, title: str = "") -> LeaderView:
        """Change today's on-duty leader (带班领导) on the day; the rota stays the default."""
        name = clean_text(name, "leader")
        title = clean_text(title, "title", required=False)
        now = self.now()

        def work(conn: Connection, now: dt.datetime) -> None:
            params = {"b_hall": self.code, "b_day": now.date(), "b_name": name, "b_title": title}
            conn.execute(self._sql.set_leader, {**params, "b_ts": now.timestamp()})
            self._event(conn, "leader", now, name=name, title=title)

        self._write(work, now)
        leader = self.leader(now.date())
        assert leader is not None
        return leader

    def record(
        self, kind: str, *, window: int | None = None, clerk: str | None = None, **detail: Any
    ) -> int:
        """Append an event that changes no ticket (a refused sign-in, a config reload …)."""
        return self._write(
            lambda conn, now: self._event(conn, kind, now, window=window, clerk=clerk, **detail)
        )

    # ------------------------------------------------------------------ printing and rating

    def record_print(self, ticket: int | str, ok: bool, detail: str = "") -> TicketView:
        """Record whether the paper ticket came out (``print`` / ``print_failed`` events)."""

        def work(conn: Connection, now: dt.datetime) -> TicketView:
            row = self._ticket_row(conn, ticket)
            row = self._update_ticket(conn, row.id, print_state="printed" if ok else "failed")
            self._event(conn, "print" if ok else "print_failed", now, ticket=row, detail=detail)
            return self._view(row)

        return self._write(work)

    def rate_page(self, token: str, rating: str) -> TicketView:
        """The phone page's 满意度: rate the ticket behind a page token, once, like the pad."""
        return self.rate(self.ticket_by_token(token).id, rating)

    def rate(self, ticket: int | str, rating: str) -> TicketView:
        """群众满意率: store the villager's rating of a finished ticket, once."""
        if rating not in RATINGS:
            raise UnknownInput("bad_rating")

        def work(conn: Connection, now: dt.datetime) -> TicketView:
            row = self._ticket_row(conn, ticket)
            if row.status != FINISHED:
                raise WrongState("ticket_not_waiting", ticket=row.label, state=_state(row.status))
            if row.rating is not None:  # written once: 满意率 is never rewritten
                raise WrongState("already_rated", ticket=row.label)
            row = self._update_ticket(conn, row.id, rating=rating)
            self._event(
                conn, "rate", now, ticket=row, window=row.window, clerk=row.clerk, rating=rating
            )
            return self._view(row)

        return self._write(work)


def _state(status: str) -> str:
    return status_name(status)


def _clerk_id(clerk: str | None) -> str | None:
    return None if clerk is None else clean_text(clerk, "clerk_id")


def not_before(now: dt.datetime, *earlier: float | None) -> float:
    """``now`` as a timestamp, but never before what already happened to the ticket: a clock
    set back (NTP, a flat CMOS battery) must not make a waiting or service time negative."""
    return max([now.timestamp(), *(ts for ts in earlier if ts is not None)])
