"""Clerk accounts: an id, a display name and a hashed PIN (``servicehall.pins``), per hall.

The PIN itself is never stored or logged; only its PBKDF2 hash is kept. Checking a PIN costs one
hash (~0.1 s), so callers run it off the UI thread. A clerk who leaves is disabled (停用), not
deleted: the PIN hash is wiped so they cannot sign in, and the name stays for the reports and the
audit trail; ``save_clerk`` with a new PIN enables them again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from servicehall.pins import hash_pin, verify_pin
from servicehall.queue.errors import UnknownInput
from servicehall.queue.names import clean_text
from servicehall.queue.store import Store
from servicehall.queue.tables import CLERK_ACCOUNTS

MIN_PIN_DIGITS = 4
DISABLED = ""
"""The stored PIN hash of a disabled clerk: no PIN matches it."""


@dataclass(frozen=True)
class Clerk:
    """A clerk as screens see it (never with the PIN hash)."""

    clerk_id: str
    name: str
    active: bool = True

    def as_dict(self) -> dict[str, str | bool]:
        return {"clerk": self.clerk_id, "name": self.name, "active": self.active}


def check_pin_rules(pin: str) -> None:
    if not pin.isdigit() or len(pin) < MIN_PIN_DIGITS:
        raise UnknownInput("bad_pin", digits=MIN_PIN_DIGITS)


def check_clerk_id(clerk_id: str) -> str:
    clean = clean_text(clerk_id, "clerk_id")
    if any(ch.isspace() for ch in clean):
        raise UnknownInput("bad_clerk_id")
    return clean


@cache
def _dummy_hash() -> str:
    return hash_pin("0000")


def save_clerk(store: Store, hall: str, clerk_id: str, name: str, pin: str) -> Clerk:
    """Add a clerk, or replace an existing clerk's name and PIN."""
    clerk_id = check_clerk_id(clerk_id)
    name = clean_text(name, "clerk_name", required=False)
    check_pin_rules(pin)
    shown_name = name or clerk_id
    values = {"name": shown_name, "pin_hash": hash_pin(pin), "changed_ts": time.time()}

    def work(conn: Connection) -> None:
        key = (CLERK_ACCOUNTS.c.hall == hall) & (CLERK_ACCOUNTS.c.clerk_id == clerk_id)
        if conn.execute(select(CLERK_ACCOUNTS.c.clerk_id).where(key)).first() is None:
            conn.execute(insert(CLERK_ACCOUNTS).values(hall=hall, clerk_id=clerk_id, **values))
        else:
            conn.execute(update(CLERK_ACCOUNTS).where(key).values(**values))

    store.write(work)
    return Clerk(clerk_id, shown_name)


def _clerk(row: Row[Any]) -> Clerk:
    return Clerk(row.clerk_id, row.name, active=row.pin_hash != DISABLED)


def find_clerk(store: Store, hall: str, clerk_id: str) -> Clerk | None:
    row = store.read(
        lambda conn: conn.execute(
            select(CLERK_ACCOUNTS).where(
                CLERK_ACCOUNTS.c.hall == hall, CLERK_ACCOUNTS.c.clerk_id == clerk_id.strip()
            )
        ).first()
    )
    return _clerk(row) if row is not None else None


def list_clerks(store: Store, hall: str, *, active_only: bool = False) -> list[Clerk]:
    """The hall's clerks by id; disabled ones too unless ``active_only`` (reports need names)."""
    query = (
        select(CLERK_ACCOUNTS)
        .where(CLERK_ACCOUNTS.c.hall == hall)
        .order_by(CLERK_ACCOUNTS.c.clerk_id)
    )
    if active_only:
        query = query.where(CLERK_ACCOUNTS.c.pin_hash != DISABLED)
    return [_clerk(row) for row in store.read(lambda conn: conn.execute(query).all())]


def disable_clerk(store: Store, hall: str, clerk_id: str) -> Clerk:
    """停用: the clerk can no longer sign in; their name stays in the records."""

    def work(conn: Connection) -> Row[Any]:
        key = (CLERK_ACCOUNTS.c.hall == hall) & (CLERK_ACCOUNTS.c.clerk_id == clerk_id.strip())
        changed = conn.execute(
            update(CLERK_ACCOUNTS).where(key).values(pin_hash=DISABLED, changed_ts=time.time())
        )
        if not changed.rowcount:
            raise UnknownInput("unknown_clerk", clerk=clerk_id)
        return conn.execute(select(CLERK_ACCOUNTS).where(key)).one()

    return _clerk(store.write(work))


def verify_clerk(store: Store, hall: str, clerk_id: str, pin: str) -> Clerk | None:
    """The clerk when the PIN matches; None for an unknown id or a wrong PIN (same answer)."""
    row = store.read(
        lambda conn: conn.execute(
            select(CLERK_ACCOUNTS).where(
                CLERK_ACCOUNTS.c.hall == hall, CLERK_ACCOUNTS.c.clerk_id == clerk_id.strip()
            )
        ).first()
    )
    if row is None or row.pin_hash == DISABLED:
        verify_pin(pin, _dummy_hash())  # same cost either way: no timing hint that the id exists
        return None
    return _clerk(row) if verify_pin(pin, row.pin_hash) else None
