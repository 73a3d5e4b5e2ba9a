"""The sample hall with 短信提醒 switched on; what the database holds, to look for numbers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from servicehall.config import HallConfig
from servicehall.queue import Hall

PHONE = "13800138000"
OTHER_PHONE = "15907971234"


def kiosk_sms_grants(role: str) -> list[str]:
    """What a kiosk (and ``take --sms``) needs beyond its own grants to register a number
    (``register_phone``: an update, else an insert); it cannot read the numbers back.
    For the lead's ``db grant --kind kiosk`` (roles rework)."""
    return [
        f"GRANT INSERT, SELECT (hall, ticket_id) ON sms_contacts TO {role}",
        f"GRANT UPDATE (phone, language, stage, created_ts) ON sms_contacts TO {role}",
    ]


def bridge_sms_grants(role: str) -> list[str]:
    """Everything ``servicehall sms`` (and ``doctor --role sms``) needs: reading the hall and its
    tickets, the registrations, the outbox and its own state. For ``db grant --kind sms``."""
    return [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT ON tickets, events, day_counters, window_states, leader_overrides TO {role}",
        f"GRANT SELECT, UPDATE (stage), DELETE ON sms_contacts TO {role}",
        f"GRANT SELECT, INSERT, UPDATE ON sms_outbox TO {role}",
        f"GRANT USAGE ON SEQUENCE sms_outbox_id_seq TO {role}",
        f"GRANT SELECT, INSERT, UPDATE ON sms_gateways TO {role}",
        "ALTER TABLE tickets ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS servicehall_read ON tickets",
        "CREATE POLICY servicehall_read ON tickets FOR SELECT USING (true)",
    ]


def sms_config(config: HallConfig, **settings: Any) -> HallConfig:
    """``config`` with ``[sms] enabled = true`` and any other ``[sms]`` settings given."""
    sms = config.sms.model_copy(update={"enabled": True, **settings})
    return config.model_copy(update={"sms": sms})


def rows(hall: Hall, sql: str) -> list[Any]:
    """Raw rows (the tests look past the API, at what is stored)."""
    return hall.store.read(lambda conn: conn.execute(text(sql)).all())


def stored_text(hall: Hall) -> str:
    """Every value of every table of the hall's database, as one string to search."""
    from sqlmodel import SQLModel

    found = []
    for table in SQLModel.metadata.sorted_tables:
        for row in hall.store.read(lambda conn, t=table: conn.execute(t.select()).all()):
            found.append(" ".join(str(value) for value in row))
    return "\n".join(found)
