"""Clerk accounts: an id, a display name and a hashed PIN (``servicehall.pins``), per hall.

The PIN itself is never stored or logged; only its PBKDF2 hash is kept. Checking a PIN costs one
hash (~0.1 s), so callers run it off the UI thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection, insert, select, update
from sqlmodel import Field, SQLModel

from servicehall.pins import hash_pin, verify_pin
from servicehall.queue.errors import UnknownInput

if TYPE_CHECKING:  # the store imports this module to register the table
    from servicehall.queue.store import Store

MIN_PIN_DIGITS = 4


class ClerkAccount(SQLModel, table=True):
    __tablename__ = "clerk_accounts"

    hall: str = Field(primary_key=True, max_length=32)
    clerk_id: str = Field(primary_key=True, max_length=32)
    name: str = Field(max_length=32)
    pin_hash: str = Field(max_length=160)
    changed_ts: float = 0.0


ACCOUNTS = ClerkAccount.__table__


@dataclass(frozen=True)
class Clerk:
    """A clerk as screens see it (never with the PIN hash)."""

    clerk_id: str
    name: str

    def as_dict(self) -> dict[str, str]:
        return {"clerk": self.clerk_id, "name": self.name}


def check_pin_rules(pin: str) -> None:
    if not pin.isdigit() or len(pin) < MIN_PIN_DIGITS:
        raise UnknownInput("bad_pin", digits=MIN_PIN_DIGITS)


def check_clerk_id(clerk_id: str) -> str:
    clean = clerk_id.strip()
    if not clean or len(clean) > 32 or any(ch.isspace() for ch in clean):
        raise UnknownInput("bad_clerk_id")
    return clean


@cache
def _dummy_hash() -> str:
    return hash_pin("0000")


def save_clerk(store: Store, hall: str, clerk_id: str, name: str, pin: str) -> Clerk:
    """Add a clerk, or replace an existing clerk's name and PIN."""
    clerk_id = check_clerk_id(clerk_id)
    check_pin_rules(pin)
    values = {
        "name": name.strip() or clerk_id,
        "pin_hash": hash_pin(pin),
        "changed_ts": time.time(),
    }

    def work(conn: Connection) -> None:
        key = (ACCOUNTS.c.hall == hall) & (ACCOUNTS.c.clerk_id == clerk_id)
        if conn.execute(select(ACCOUNTS.c.clerk_id).where(key)).first() is None:
            conn.execute(insert(ACCOUNTS).values(hall=hall, clerk_id=clerk_id, **values))
        else:
            conn.execute(update(ACCOUNTS).where(key).values(**values))

    store.write(work)
    return Clerk(clerk_id, values["name"])


def find_clerk(store: Store, hall: str, clerk_id: str) -> Clerk | None:
    row = store.read(
        lambda conn: conn.execute(
            select(ACCOUNTS.c.clerk_id, ACCOUNTS.c.name).where(
                ACCOUNTS.c.hall == hall, ACCOUNTS.c.clerk_id == clerk_id.strip()
            )
        ).first()
    )
    return Clerk(row.clerk_id, row.name) if row is not None else None


def list_clerks(store: Store, hall: str) -> list[Clerk]:
    rows = store.read(
        lambda conn: conn.execute(
            select(ACCOUNTS.c.clerk_id, ACCOUNTS.c.name)
            .where(ACCOUNTS.c.hall == hall)
            .order_by(ACCOUNTS.c.clerk_id)
        ).all()
    )
    return [Clerk(r.clerk_id, r.name) for r in rows]


def remove_clerk(store: Store, hall: str, clerk_id: str) -> None:
    def work(conn: Connection) -> None:
        gone = conn.execute(
            ACCOUNTS.delete().where(ACCOUNTS.c.hall == hall, ACCOUNTS.c.clerk_id == clerk_id)
        )
        if not gone.rowcount:
            raise UnknownInput("unknown_clerk", clerk=clerk_id)

    store.write(work)


def verify_clerk(store: Store, hall: str, clerk_id: str, pin: str) -> Clerk | None:
    """The clerk when the PIN matches; None for an unknown id or a wrong PIN (same answer)."""
    row = store.read(
        lambda conn: conn.execute(
            select(ACCOUNTS).where(ACCOUNTS.c.hall == hall, ACCOUNTS.c.clerk_id == clerk_id.strip())
        ).first()
    )
    if row is None:
        verify_pin(pin, _dummy_hash())  # same cost either way: no timing hint that the id exists
        return None
    return Clerk(row.clerk_id, row.name) if verify_pin(pin, row.pin_hash) else None
