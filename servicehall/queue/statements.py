"""The core's hot SQL, built once with bind parameters.

SQLAlchemy spends far longer constructing and cache-keying a fresh statement (about a
millisecond) than SQLite spends running it; a statement object built once memoises its cache key,
so every operation executes prebuilt statements with a dict of parameters. Bind parameters are
prefixed ``b_`` so they never collide with the column names an UPDATE sets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table, bindparam, case, false, func, insert, select, true, update

from servicehall.queue.tables import (
    CALLED,
    COUNTERS,
    EVENTS,
    LEADERS,
    SEQUENCES,
    TICKETS,
    WAITING,
    WINDOWS,
)


def upsert_for(dialect: str) -> Callable[[Table], Any]:
    """The dialect's ``INSERT … ON CONFLICT`` (PostgreSQL's dialect package, ~50 ms to import,
    is loaded only for a PostgreSQL hall)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


class Statements:
    """Prebuilt statements for one dialect; ``next_waiting`` is cached per window shape."""

    def __init__(self, dialect: str) -> None:
        t, w = TICKETS, WINDOWS
        upsert = upsert_for(dialect)
        counter = upsert(COUNTERS).values(
            hall=bindparam("b_hall"),
            day=bindparam("b_day"),
            service=bindparam("b_service"),
            last_number=1,
        )
        self.next_number = counter.on_conflict_do_update(
            index_elements=[COUNTERS.c.hall, COUNTERS.c.day, COUNTERS.c.service],
            set_={"last_number": COUNTERS.c.last_number + 1},
        ).returning(COUNTERS.c.last_number)
        arrival = upsert(SEQUENCES).values(
            hall=bindparam("b_hall"), day=bindparam("b_day"), last_seq=1
        )
        self.next_seq = arrival.on_conflict_do_update(
            index_elements=[SEQUENCES.c.hall, SEQUENCES.c.day],
            set_={"last_seq": SEQUENCES.c.last_seq + 1},
        ).returning(SEQUENCES.c.last_seq)
        # PostgreSQL: numbers are drawn only inside the issuing function (see pg_security)
        self.issue_function = select(
            func.servicehall_issue(
                bindparam("b_hall"),
                bindparam("b_day"),
                bindparam("b_service"),
                bindparam("b_matter"),
                bindparam("b_priority"),
                bindparam("b_ts"),
            )
        )
        leader = upsert(LEADERS).values(
            hall=bindparam("b_hall"),
            day=bindparam("b_day"),
            name=bindparam("b_name"),
            title=bindparam("b_title"),
            set_ts=bindparam("b_ts"),
        )
        self.set_leader = leader.on_conflict_do_update(
            index_elements=[LEADERS.c.hall, LEADERS.c.day],
            set_={
                "name": leader.excluded.name,
                "title": leader.excluded.title,
                "set_ts": leader.excluded.set_ts,
            },
        )
        self.add_windows = upsert(w).on_conflict_do_nothing()
        self.insert_ticket = insert(t).returning(*t.c)  # the new row, without a re-select
        self.insert_event = insert(EVENTS)
        self.notify = select(func.pg_notify(bindparam("b_channel"), bindparam("b_payload")))
        self.ticket_by_id = select(t).where(t.c.id == bindparam("b_id"))
        self.ticket_by_id_locked = self.ticket_by_id.with_for_update()
        self.ticket_by_token = select(t).where(
            t.c.page_token == bindparam("b_token"), t.c.hall == bindparam("b_hall")
        )
        self.ticket_by_label = select(t).where(
            t.c.hall == bindparam("b_hall"),
            t.c.day == bindparam("b_day"),
            t.c.label == bindparam("b_label"),
        )
        self.ticket_by_label_locked = self.ticket_by_label.with_for_update()
        self.update_ticket = update(t).where(t.c.id == bindparam("b_id"))
        self.window_row = (
            select(w)
            .where(w.c.hall == bindparam("b_hall"), w.c.number == bindparam("b_number"))
            .with_for_update()
        )
        self.update_window = update(w).where(
            w.c.hall == bindparam("b_hall"), w.c.number == bindparam("b_number")
        )
        same_queue = (
            (t.c.hall == bindparam("b_hall"))
            & (t.c.day == bindparam("b_day"))
            & (t.c.status == WAITING)
            & (t.c.service == bindparam("b_service"))
            & (t.c.id != bindparam("b_id"))
        )
        earlier = t.c.queue_pos < bindparam("b_pos")
        # a priority ticket waits only behind earlier priority tickets; a regular one behind
        # every priority ticket and earlier regular ones: two range counts on ix_tickets_waiting
        self.ahead_of_priority = select(func.count()).where(
            same_queue, t.c.priority == true(), earlier
        )
        every_priority = select(func.count()).where(same_queue, t.c.priority == true())
        regular_ahead = select(func.count()).where(same_queue, t.c.priority == false(), earlier)
        self.ahead_of_regular = select(
            every_priority.scalar_subquery() + regular_ahead.scalar_subquery()
        )
        self.waiting_counts = (
            select(t.c.service, func.count())
            .where(
                t.c.hall == bindparam("b_hall"),
                t.c.day == bindparam("b_day"),
                t.c.status == WAITING,
            )
            .group_by(t.c.service)
        )
        self.window_board = (
            select(w, t.c.label, t.c.service, t.c.last_called_ts)
            .select_from(w.outerjoin(t, (t.c.id == w.c.current_ticket_id) & (t.c.status == CALLED)))
            .where(w.c.hall == bindparam("b_hall"))
        )
        self.leader_override = select(LEADERS).where(
            LEADERS.c.hall == bindparam("b_hall"), LEADERS.c.day == bindparam("b_day")
        )
        self.last_event_id = select(func.max(EVENTS.c.id)).where(
            EVENTS.c.hall == bindparam("b_hall")
        )
        self._next_waiting: dict[tuple[tuple[str, ...], str], Any] = {}

    def next_waiting(self, services: tuple[str, ...], pick: str) -> Any:
        """The next ticket for a window: priority first, then its pick rule, then arrival."""
        key = (services, pick)
        if key not in self._next_waiting:
            t = TICKETS
            order: list[Any] = [t.c.priority.desc()]
            if pick == "ordered" and len(services) > 1:
                rank = {code: i for i, code in enumerate(services)}
                order.append(case(rank, value=t.c.service))
            order += [t.c.queue_pos, t.c.id]
            self._next_waiting[key] = (
                select(t)
                .where(
                    t.c.hall == bindparam("b_hall"),
                    t.c.day == bindparam("b_day"),
                    t.c.status == WAITING,
                    t.c.service.in_(services),
                )
                .order_by(*order)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
        return self._next_waiting[key]
