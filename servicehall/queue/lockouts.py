"""PIN lock-outs kept in the database, so a restart, a reload or a new browser tab does not get a
fresh set of guesses.

A *subject* is what is being guessed at: ``kiosk:<host>`` (the kiosk's staff PIN on one PC),
``clerk:<id>`` (one clerk's PIN), ``window:<n>`` (every sign-in at a window, so guessing with
unknown ids is slowed too), ``manager:<host>``. After ``rule.free`` wrong PINs in a row each
further one locks the subject, for ``rule.lock_s`` and then twice as long each time up to
``rule.max_lock_s``; a right PIN clears it. When the database cannot be reached the count goes on
in memory (staff may need the maintenance screen exactly then).
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from servicehall.queue.errors import StoreError
from servicehall.queue.statements import upsert_for
from servicehall.queue.store import Store
from servicehall.queue.tables import PIN_LOCKOUTS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LockRule:
    free: int
    """Wrong PINs in a row allowed before the first lock."""
    lock_s: float
    max_lock_s: float

    def lock_for(self, failures: int) -> float:
        extra = failures - self.free
        if extra <= 0:
            return 0.0
        return min(self.max_lock_s, self.lock_s * 2 ** min(extra - 1, 30))


KIOSK_RULE = LockRule(free=4, lock_s=60.0, max_lock_s=900.0)
"""The kiosk's staff PIN: the fifth wrong PIN locks it for a minute, then 2, 4 … 15 minutes."""
CLERK_RULE = LockRule(free=2, lock_s=10.0, max_lock_s=900.0)
"""A clerk's sign-in: from the third wrong PIN, 10 s, then 20, 40 … up to 15 minutes."""
MANAGER_RULE = KIOSK_RULE


def this_pc(kind: str) -> str:
    """The lock-out subject of this PC for ``kind`` (``kiosk``, ``manager``)."""
    return f"{kind}:{socket.gethostname()}"[:64]


@dataclass(frozen=True)
class Attempt:
    """What a PIN check may do now: ``wait_s`` > 0 means locked for that long."""

    wait_s: float
    failures: int = 0


class PinGuard:
    """Counts wrong PINs for some subjects of one hall, in the database when it can."""

    def __init__(
        self,
        store: Store | None,
        hall: str,
        rule: LockRule,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.hall = hall
        self.rule = rule
        self.clock = clock
        self._memory: dict[str, tuple[int, float]] = {}

    def wait_s(self, *subjects: str) -> float:
        """Seconds until a PIN may be tried for all ``subjects`` (0: now)."""
        now = self.clock()
        stored = self._read(subjects)
        until = max(
            (rows[s][1] for rows in (self._memory, stored) for s in subjects if s in rows),
            default=0.0,
        )
        # a clock set back must not stretch a lock beyond its longest length
        return max(0.0, min(until - now, self.rule.max_lock_s))

    def failed(self, *subjects: str) -> Attempt:
        """Count a wrong PIN against every subject; the lock now in force."""
        now = self.clock()
        counts = {s: self._memory.get(s, (0, 0.0))[0] for s in subjects}
        try:
            counts.update(self._store_failure(subjects, now))
        except StoreError as exc:
            log.warning("PIN lock-out kept in memory only: %s", exc.message)
            counts = {s: n + 1 for s, n in counts.items()}
        for subject, failures in counts.items():
            self._memory[subject] = (failures, now + self.rule.lock_for(failures))
        worst = max(counts.values())
        return Attempt(self.rule.lock_for(worst), worst)

    def succeeded(self, *subjects: str) -> None:
        for subject in subjects:
            self._memory.pop(subject, None)
        if self.store is None:
            return
        keys = PIN_LOCKOUTS.c.subject.in_(subjects) & (PIN_LOCKOUTS.c.hall == self.hall)
        try:
            self.store.write(lambda conn: conn.execute(PIN_LOCKOUTS.delete().where(keys)))
        except StoreError as exc:
            log.warning("could not clear PIN lock-outs: %s", exc.message)

    def _read(self, subjects: tuple[str, ...]) -> dict[str, tuple[int, float]]:
        if self.store is None:
            return {}
        query = select(
            PIN_LOCKOUTS.c.subject, PIN_LOCKOUTS.c.failures, PIN_LOCKOUTS.c.locked_until
        ).where(PIN_LOCKOUTS.c.hall == self.hall, PIN_LOCKOUTS.c.subject.in_(subjects))
        try:
            rows = self.store.read(lambda conn: conn.execute(query).all())
        except StoreError as exc:
            log.warning("PIN lock-outs not readable, using memory: %s", exc.message)
            return {}
        return {r.subject: (r.failures, r.locked_until) for r in rows}

    def _store_failure(self, subjects: tuple[str, ...], now: float) -> dict[str, int]:
        if self.store is None:
            raise StoreError("store_unavailable", detail="no database")
        upsert = upsert_for(self.store.dialect)

        def work(conn: Connection) -> dict[str, int]:
            counts = {}
            for subject in subjects:
                added = upsert(PIN_LOCKOUTS).values(
                    hall=self.hall, subject=subject, failures=1, locked_until=0.0, changed_ts=now
                )
                failures = conn.execute(
                    added.on_conflict_do_update(
                        index_elements=[PIN_LOCKOUTS.c.hall, PIN_LOCKOUTS.c.subject],
                        set_={"failures": PIN_LOCKOUTS.c.failures + 1, "changed_ts": now},
                    ).returning(PIN_LOCKOUTS.c.failures)
                ).scalar_one()
                lock = self.rule.lock_for(failures)
                if lock:
                    conn.execute(
                        PIN_LOCKOUTS.update()
                        .where(PIN_LOCKOUTS.c.hall == self.hall, PIN_LOCKOUTS.c.subject == subject)
                        .values(locked_until=now + lock)
                    )
                counts[subject] = int(failures)
            return counts

        return self.store.write(work)
