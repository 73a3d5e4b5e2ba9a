"""The sample hall with 短信提醒 switched on; what the database holds, to look for numbers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from servicehall.config import HallConfig
from servicehall.queue import Hall

PHONE = "13800138000"
OTHER_PHONE = "15907971234"


def sms_config(config: HallConfig, **settings: Any) -> HallConfig:
    """``config`` with ``[sms] enabled = true`` and any other ``[sms]`` settings given."""
    sms = config.sms.model_copy(update={"enabled": True, **settings})
    return config.model_copy(update={"sms": sms})


def rows(hall: Hall, sql: str) -> list[Any]:
    """Raw rows (the tests look past the API, at what is stored)."""
    return hall.store.read(lambda conn: conn.execute(text(sql)).all())


def stored_text(hall: Hall) -> str:
    """Every value of every table of the hall's database, as one string to search."""
    from servicehall.queue.tables import tables_for

    found = []
    for table in tables_for(hall.store.dialect):
        for row in hall.store.read(lambda conn, t=table: conn.execute(t.select()).all()):
            found.append(" ".join(str(value) for value in row))
    return "\n".join(found)
