"""Text messages to villagers' phones: the numbers registered for a ticket, and the outbox.

``sms_contacts`` holds a mobile number registered for one ticket's reminders (at the kiosk or
with ``take --sms``); ``sms_outbox`` holds every message to send, of any kind: the ticket
reminders of ``servicehall.sms`` and, through :func:`enqueue`, anything else a part of the hall
wants to tell a number ("您的低保申请已办结…"). Each message has a ``key`` unique in its hall,
so enqueueing the same reminder twice records it once.

At most once: a sender claims a message (``pending`` → ``sending``, committed before the modem
sees a byte), notes each part the modem accepted, and marks it ``sent``; a message that failed
before the modem took it goes back to ``pending`` with a later ``next_try_ts`` (or ``failed``
after the last attempt). A message found ``sending`` when a sender starts was interrupted
mid-send: it becomes ``unsure`` and is never sent again. A number gets at most
``[sms] daily_cap`` messages a day; the rest are recorded as ``capped``.

Privacy: a number is kept only for its day. :func:`forget_closed_days` deletes the registrations
of earlier days, blanks the number of their messages and expires what they never sent. Numbers
are never written to the event log; people see them masked (:func:`mask_phone`).

Like the rest of the core this module knows nothing of modems: ``servicehall.sms`` sends.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select, update

from servicehall.i18n import status_name
from servicehall.queue.errors import Refused, UnknownInput, WrongState
from servicehall.queue.statements import upsert_for
from servicehall.queue.tables import (
    SMS_CONTACTS,
    SMS_ERROR_CHARS,
    SMS_GATEWAYS,
    SMS_OUTBOX,
    WAITING,
)

if TYPE_CHECKING:
    from servicehall.queue.reader import HallReader

PHONE_PATTERN = re.compile(r"1[3-9]\d{9}")

# a registration's stage: which reminders it still waits for
NEW = "new"  # people-ahead not yet seen above the threshold: no "ahead" reminder is due
ARMED = "armed"  # seen above it: remind when it drops to the threshold
REMINDED = "reminded"  # the "ahead" reminder is in the outbox; the call's is still to come
DONE = "done"  # nothing more to send for this ticket

# a message's state
PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
UNSURE = "unsure"  # interrupted while the modem had it: maybe sent, never sent again
CAPPED = "capped"  # over the number's daily cap: not sent
EXPIRED = "expired"  # its day closed before it could be sent
STATES = (PENDING, SENDING, SENT, FAILED, UNSURE, CAPPED, EXPIRED)
_COUNTED = (PENDING, SENDING, SENT, UNSURE)
"""Messages that count against a number's daily cap (they reached, or may reach, the phone)."""
ERROR_CHARS = SMS_ERROR_CHARS


CONTACTS = SMS_CONTACTS
OUTBOX = SMS_OUTBOX
GATEWAYS = SMS_GATEWAYS


@dataclass(frozen=True)
class Contact:
    """A registration as the reminder rules see it."""

    ticket_id: int
    phone: str
    language: str
    stage: str


@dataclass(frozen=True)
class OutgoingMessage:
    """A message a sender has claimed: send it, then say how it went."""

    id: int
    key: str
    kind: str
    phone: str
    text: str
    attempts: int
    parts_done: int


@dataclass(frozen=True)
class OutboxSummary:
    """Today's outbox by state, the last trouble, and numbers kept past their day (never > 0)."""

    day: dt.date
    counts: dict[str, int]
    last_error: str | None
    last_error_at: dt.datetime | None
    numbers_kept: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat(),
            "counts": self.counts,
            "last_error": self.last_error,
            "last_error_at": self.last_error_at.isoformat() if self.last_error_at else None,
            "numbers_kept": self.numbers_kept,
        }


@dataclass(frozen=True)
class GatewayReport:
    sender: str
    running: bool
    ready: bool
    detail: str
    seen_at: dt.datetime


# ---------------------------------------------------------------- numbers


def check_phone(text: str) -> str:
    """A mainland mobile number (11 digits, 1[3-9]…), spaces and dashes dropped, +86 allowed."""
    digits = re.sub(r"[\s-]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    if not PHONE_PATTERN.fullmatch(digits):
        raise UnknownInput("bad_phone")
    return digits


def mask_phone(phone: str) -> str:
    """How a number is shown or logged: 138****8000."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 7 else "****"


def check_sms_number(hall: HallReader, text: str) -> str:
    """A number the hall may register now: reminders switched on, and a valid number."""
    if not hall.config.sms.enabled:
        raise Refused("sms_off")
    return check_phone(text)


def register_phone(hall: HallReader, ticket: int | str, phone: str, language: str = "zh") -> str:
    """Register a number for a waiting ticket of today's reminders; returns it masked.

    Registering again for the same ticket replaces the number (a villager correcting a typo).
    """
    phone = check_sms_number(hall, phone)
    view = hall.ticket(ticket)
    if view.status != WAITING or view.day != hall.today():
        raise WrongState("ticket_not_waiting", ticket=view.label, state=status_name(view.status))
    stage = ARMED if (view.ahead or 0) > hall.config.sms.notify_ahead else NEW
    values = {
        "phone": phone,
        "language": "en" if language == "en" else "zh",
        "stage": stage,
        "created_ts": hall.now().timestamp(),
    }
    key = (CONTACTS.c.hall == hall.code) & (CONTACTS.c.ticket_id == view.id)

    def work(conn: Connection) -> None:
        # an update, then an insert: no upsert, which would need the kiosk's role to read
        # every registration (numbers included) rather than only the key columns
        if not conn.execute(update(CONTACTS).where(key).values(**values)).rowcount:
            insert = upsert_for(hall.store.dialect)(CONTACTS).values(
                hall=hall.code, ticket_id=view.id, day=view.day, **values
            )
            conn.execute(insert.on_conflict_do_nothing())

    hall.store.write(work)
    return mask_phone(phone)


def open_contacts(hall: HallReader) -> list[Contact]:
    """Today's registrations that still wait for a reminder."""
    query = select(CONTACTS).where(
        CONTACTS.c.hall == hall.code,
        CONTACTS.c.day == hall.today(),
        CONTACTS.c.stage != DONE,
    )
    rows = hall.store.read(lambda conn: conn.execute(query.order_by(CONTACTS.c.ticket_id)).all())
    return [Contact(r.ticket_id, r.phone, r.language, r.stage) for r in rows]


def set_stage(hall: HallReader, ticket_id: int, stage: str) -> None:
    hall.store.write(lambda conn: _set_stage(conn, hall.code, ticket_id, stage))


def _set_stage(conn: Connection, code: str, ticket_id: int, stage: str) -> None:
    conn.execute(
        update(CONTACTS)
        .where(CONTACTS.c.hall == code, CONTACTS.c.ticket_id == ticket_id)
        .values(stage=stage)
    )


# ---------------------------------------------------------------- enqueueing


def enqueue(
    hall: HallReader,
    *,
    key: str,
    kind: str,
    phone: str,
    text: str,
    ticket_id: int | None = None,
) -> str:
    """Add a message for today unless one with this ``key`` exists; returns its state.

    ``pending`` when it will be sent, ``capped`` when the number had its day's share already,
    or the existing message's state when the key was enqueued before (nothing is added).
    """
    phone = check_phone(phone)
    now = hall.now()
    return hall.store.write(
        lambda conn: _enqueue(conn, hall, now, key, kind, phone, text, ticket_id)
    )


def enqueue_in(
    conn: Connection,
    hall: HallReader,
    now: dt.datetime,
    *,
    key: str,
    kind: str,
    phone: str,
    text: str,
) -> str:
    """:func:`enqueue` in the caller's transaction (a case step and its message commit together)."""
    return _enqueue(conn, hall, now, key, kind, check_phone(phone), text, None)


def remind(hall: HallReader, contact: Contact, kind: str, text: str, stage: str) -> str:
    """Enqueue a ticket's reminder and move its registration to ``stage``, in one transaction."""
    now = hall.now()
    key = f"ticket:{contact.ticket_id}:{kind}"

    def work(conn: Connection) -> str:
        state = _enqueue(conn, hall, now, key, kind, contact.phone, text, contact.ticket_id)
        _set_stage(conn, hall.code, contact.ticket_id, stage)
        return state

    return hall.store.write(work)


def _enqueue(
    conn: Connection,
    hall: HallReader,
    now: dt.datetime,
    key: str,
    kind: str,
    phone: str,
    text: str,
    ticket_id: int | None,
) -> str:
    existing = conn.execute(
        select(OUTBOX.c.state).where(OUTBOX.c.hall == hall.code, OUTBOX.c.key == key)
    ).scalar()
    if existing is not None:
        return str(existing)
    day = now.date()
    sent_today = conn.execute(
        select(func.count()).where(
            OUTBOX.c.hall == hall.code,
            OUTBOX.c.day == day,
            OUTBOX.c.phone == phone,
            OUTBOX.c.state.in_(_COUNTED),
        )
    ).scalar_one()
    state = CAPPED if sent_today >= hall.config.sms.daily_cap else PENDING
    ts = now.timestamp()
    insert = upsert_for(hall.store.dialect)(OUTBOX).values(
        hall=hall.code,
        day=day,
        key=key[:64],
        kind=kind[:16],
        ticket_id=ticket_id,
        phone=phone,
        text=text,
        state=state,
        created_ts=ts,
        next_try_ts=ts,
    )
    # two writers enqueueing one key at once: the second adds nothing (the unique key decides)
    conn.execute(insert.on_conflict_do_nothing(index_elements=[OUTBOX.c.hall, OUTBOX.c.key]))
    return state


# ---------------------------------------------------------------- sending


def claim_next(hall: HallReader) -> OutgoingMessage | None:
    """Today's next due message, marked ``sending`` (committed) before anything is sent."""
    now = hall.now()
    due = (
        select(OUTBOX)
        .where(
            OUTBOX.c.hall == hall.code,
            OUTBOX.c.state == PENDING,
            OUTBOX.c.day == now.date(),
            OUTBOX.c.next_try_ts <= now.timestamp(),
        )
        .order_by(OUTBOX.c.next_try_ts, OUTBOX.c.id)
        .limit(1)
    )
    # a read first: the bridge asks twice a second, and an empty outbox must not take the
    # hall's write lock each time
    first_due = due.with_only_columns(OUTBOX.c.id)
    if hall.store.read(lambda conn: conn.execute(first_due).first()) is None:
        return None

    def work(conn: Connection) -> OutgoingMessage | None:
        row = conn.execute(due.with_for_update(skip_locked=True)).first()
        if row is None:
            return None
        conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.id == row.id)
            .values(state=SENDING, attempts=row.attempts + 1, sending_ts=now.timestamp())
        )
        return OutgoingMessage(
            row.id, row.key, row.kind, str(row.phone), row.text, row.attempts + 1, row.parts_done
        )

    return hall.store.write(work)


def _set_message(hall: HallReader, message_id: int, **values: Any) -> None:
    if values.get("error"):
        values["error"] = str(values["error"])[:ERROR_CHARS]
    hall.store.write(
        lambda conn: conn.execute(update(OUTBOX).where(OUTBOX.c.id == message_id).values(**values))
    )


def note_part(hall: HallReader, message_id: int, parts_done: int) -> None:
    """The modem accepted parts up to ``parts_done``: a retry resumes after them."""
    _set_message(hall, message_id, parts_done=parts_done)


def mark_sent(hall: HallReader, message_id: int) -> None:
    _set_message(hall, message_id, state=SENT, sent_ts=hall.now().timestamp(), error=None)


def mark_unsent(
    hall: HallReader, message_id: int, error: str, retry_at: dt.datetime | None
) -> None:
    """Not sent, certainly: try again at ``retry_at``, or give up (``failed``) when None."""
    if retry_at is None:
        _set_message(hall, message_id, state=FAILED, error=error)
    else:
        _set_message(hall, message_id, state=PENDING, error=error, next_try_ts=retry_at.timestamp())


def hand_back(hall: HallReader, message_id: int, error: str) -> None:
    """Not sent because the sender itself failed (modem unplugged …): the message waits for it
    as it was, and the try does not count against it."""
    _set_message(hall, message_id, state=PENDING, error=error, attempts=OUTBOX.c.attempts - 1)


def mark_unsure(hall: HallReader, message_id: int, error: str) -> None:
    """Interrupted after the modem had the message: maybe sent, so never sent again."""
    _set_message(hall, message_id, state=UNSURE, error=error)


def recover_interrupted(hall: HallReader) -> int:
    """At a sender's start: messages left ``sending`` by a sender that died become ``unsure``."""
    statement = (
        update(OUTBOX)
        .where(OUTBOX.c.hall == hall.code, OUTBOX.c.state == SENDING)
        .values(state=UNSURE, error="interrupted while sending (not sent again)")
    )
    return int(hall.store.write(lambda conn: conn.execute(statement).rowcount))


# ---------------------------------------------------------------- closing a day, reading


def forget_closed_days(hall: HallReader) -> tuple[int, int]:
    """Delete the numbers of days before today: registrations go, messages keep no number, and
    what was never sent expires. Returns (registrations deleted, messages cleared)."""
    today = hall.today()

    def work(conn: Connection) -> tuple[int, int]:
        earlier = (OUTBOX.c.hall == hall.code) & (OUTBOX.c.day < today)
        conn.execute(update(OUTBOX).where(earlier, OUTBOX.c.state == PENDING).values(state=EXPIRED))
        cleared = conn.execute(
            update(OUTBOX).where(earlier, OUTBOX.c.phone.is_not(None)).values(phone=None)
        ).rowcount
        deleted = conn.execute(
            delete(CONTACTS).where(CONTACTS.c.hall == hall.code, CONTACTS.c.day < today)
        ).rowcount
        return int(deleted), int(cleared)

    return hall.store.write(work)


def outbox_summary(hall: HallReader) -> OutboxSummary:
    today = hall.today()

    def work(conn: Connection) -> OutboxSummary:
        mine = OUTBOX.c.hall == hall.code
        counts: dict[str, int] = dict(
            conn.execute(
                select(OUTBOX.c.state, func.count())
                .where(mine, OUTBOX.c.day == today)
                .group_by(OUTBOX.c.state)
            ).all()
        )
        last = conn.execute(
            select(OUTBOX.c.error, func.coalesce(OUTBOX.c.sending_ts, OUTBOX.c.created_ts))
            .where(mine, OUTBOX.c.day == today, OUTBOX.c.error.is_not(None))
            .order_by(OUTBOX.c.id.desc())
            .limit(1)
        ).first()
        kept = (
            conn.execute(
                select(func.count()).where(CONTACTS.c.hall == hall.code, CONTACTS.c.day < today)
            ).scalar_one()
            + conn.execute(
                select(func.count()).where(mine, OUTBOX.c.day < today, OUTBOX.c.phone.is_not(None))
            ).scalar_one()
        )
        return OutboxSummary(
            day=today,
            counts={state: int(counts.get(state, 0)) for state in STATES},
            last_error=last[0] if last else None,
            last_error_at=dt.datetime.fromtimestamp(last[1], hall.tz) if last else None,
            numbers_kept=int(kept),
        )

    return hall.store.read(work)


def report_gateway(
    hall: HallReader, sender: str, ready: bool, detail: str, *, running: bool = True
) -> None:
    """The sender's state now (on every change, as a heartbeat, and when the bridge stops)."""
    values = {
        "hall": hall.code,
        "sender": sender[:120],
        "running": running,
        "ready": ready,
        "detail": detail[:ERROR_CHARS],
        "seen_ts": hall.now().timestamp(),
    }
    insert = upsert_for(hall.store.dialect)(GATEWAYS).values(**values)
    statement = insert.on_conflict_do_update(
        index_elements=[GATEWAYS.c.hall],
        set_={
            name: insert.excluded[name]
            for name in ("sender", "running", "ready", "detail", "seen_ts")
        },
    )
    hall.store.write(lambda conn: conn.execute(statement))


def gateway_report(hall: HallReader) -> GatewayReport | None:
    row = hall.store.read(
        lambda conn: conn.execute(select(GATEWAYS).where(GATEWAYS.c.hall == hall.code)).first()
    )
    if row is None:
        return None
    seen = dt.datetime.fromtimestamp(row.seen_ts, hall.tz)
    return GatewayReport(row.sender, bool(row.running), bool(row.ready), row.detail, seen)
