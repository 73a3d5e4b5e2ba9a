"""Every table of the hall, declared once as SQLAlchemy Core tables on one ``metadata``.

Tickets, day counters and the day's arrival sequence, window state, the event log, leader
changes, the reports' summaries of closed days, clerk accounts, PIN lock-outs, the SMS
registrations, outbox and gateway state (``servicehall.queue.outbox``), and PostgreSQL's
``hall_roles``. Each table is a module constant typed as ``Table`` (``TICKETS``, ``COUNTERS``,
``SEQUENCES``, ``WINDOWS``, ``EVENTS``, ``LEADERS`` …): code reaches its columns as
``TICKETS.c.status``.

Times are stored as UTC epoch seconds (portable arithmetic for waiting and service times on SQLite
and PostgreSQL alike); ``day`` is the hall-local date. Every row carries its ``hall`` code so one
database can hold a county of halls.

These declarations are what the code reads and writes; the database gets them through the Alembic
migrations in ``servicehall/queue/migrations`` (a test checks a migrated database matches them).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

POSTGRESQL_ONLY = "postgresql_only"
"""Key in a table's ``info``: the table exists on PostgreSQL only (its roles and their halls)."""

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

PAGE_TOKEN_CHARS = 20
"""A ticket's phone-page token: 20 hex digits (80 random bits), drawn at issue."""


def _hall() -> Column[str]:
    return Column("hall", String(32), nullable=False)


def _hall_key() -> Column[str]:
    return Column("hall", String(32), primary_key=True)


TICKETS = Table(
    "tickets",
    metadata,
    Column("id", _BIG_ID, primary_key=True),
    _hall(),
    Column("day", Date, nullable=False),
    Column("service", String(1), nullable=False),  # the service it waits for now
    Column("origin_service", String(1), nullable=False),  # the service it was issued for
    Column("number", Integer, nullable=False),
    Column("label", String(8), nullable=False),
    Column("matter", String(32)),
    Column("priority", Boolean, nullable=False, default=False),
    Column("status", String(12), nullable=False, default=WAITING),
    Column("queue_pos", BigInteger, nullable=False),
    Column("issued_ts", Float, nullable=False),
    Column("called_ts", Float),
    Column("last_called_ts", Float),
    Column("finished_ts", Float),
    Column("window", Integer),
    Column("clerk", String(32)),
    Column("recall_count", Integer, nullable=False, default=0),
    Column("skip_count", Integer, nullable=False, default=0),
    Column("transferred_from", String(1)),
    Column("print_state", String(12), nullable=False, default="none"),
    Column("rating", String(12)),
    Column("page_token", String(PAGE_TOKEN_CHARS)),  # the phone page's address (issue time)
    UniqueConstraint("hall", "day", "origin_service", "number", name="uq_ticket_number"),
    # the waiting queues: call-next reads them in order, "people ahead" counts them from the
    # index alone (priority is in it). Status before day, so the reports' scans of a range of
    # days keep to ix_tickets_day, and expiry finds an earlier day's leftovers.
    Index("ix_tickets_waiting", "hall", "status", "day", "service", "priority", "queue_pos"),
    Index("ix_tickets_day", "hall", "day", "origin_service"),
    Index("ix_tickets_page_token", "page_token", unique=True),
)

COUNTERS = Table(
    "day_counters",
    metadata,
    _hall_key(),
    Column("day", Date, primary_key=True),
    Column("service", String(1), primary_key=True),
    Column("last_number", Integer, nullable=False),
)

SEQUENCES = Table(
    "day_sequences",
    metadata,
    _hall_key(),
    Column("day", Date, primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
)
"""The hall's arrival counter of a day, across services: a ticket's place in the queue comes from
it, never from the wall clock (which may be set back)."""

WINDOWS = Table(
    "window_states",
    metadata,
    _hall_key(),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("state", String(8), nullable=False, default="open"),
    Column("clerk", String(32)),
    Column("current_ticket_id", BigInteger),
    Column("changed_ts", Float, nullable=False, default=0.0),
)

EVENTS = Table(
    "events",
    metadata,
    Column("id", _BIG_ID, primary_key=True),
    _hall(),
    Column("ts", Float, nullable=False),
    Column("day", Date, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("ticket_id", BigInteger),
    Column("label", String(8)),
    Column("service", String(1)),
    Column("window", Integer),
    Column("clerk", String(32)),
    Column("detail", Text),
    Index("ix_events_hall_id", "hall", "id"),
    Index("ix_events_ticket", "ticket_id"),
    Index("ix_events_day_kind", "hall", "day", "kind"),  # reports: transfers per window
)

LEADERS = Table(
    "leader_overrides",
    metadata,
    _hall_key(),
    Column("day", Date, primary_key=True),
    Column("name", String(32), nullable=False),
    Column("title", String(32), nullable=False, default=""),
    Column("set_ts", Float, nullable=False),
)
"""Today's on-duty leader when changed on the day (the rota in hall.toml is the default)."""

REPORT_DAYS = Table(
    "report_days",
    metadata,
    _hall_key(),
    Column("day", Date, primary_key=True),
    Column("basis", String(64), nullable=False),
    Column("event_id", BigInteger, nullable=False),
    Column("sums", Text, nullable=False),
    Column("times", LargeBinary, nullable=False),
)
"""A closed day's report figures, kept so month and year reports need not rescan tickets.

Written by ``servicehall.reports.summaries`` once no ticket of the day can change any more;
``basis`` fingerprints what the figures depend on (layout, time zone, promised limits) and
``event_id`` is the last event when it was built (a later rating makes it stale)."""

CLERK_ACCOUNTS = Table(
    "clerk_accounts",
    metadata,
    _hall_key(),
    Column("clerk_id", String(32), primary_key=True),
    Column("name", String(32), nullable=False),
    Column("pin_hash", String(160), nullable=False),
    Column("changed_ts", Float, nullable=False, default=0.0),
)
"""Clerk accounts (``servicehall.queue.clerks``): a PBKDF2 hash of the PIN, never the PIN."""

PIN_LOCKOUTS = Table(
    "pin_lockouts",
    metadata,
    _hall_key(),
    Column("subject", String(64), primary_key=True),
    Column("failures", Integer, nullable=False, default=0),
    Column("locked_until", Float, nullable=False, default=0.0),
    Column("changed_ts", Float, nullable=False, default=0.0),
)
"""Wrong PINs in a row per subject (``servicehall.queue.lockouts``)."""

SMS_CONTACTS = Table(
    "sms_contacts",
    metadata,
    _hall_key(),
    Column("ticket_id", BigInteger, primary_key=True, autoincrement=False),
    Column("day", Date, nullable=False),
    Column("phone", String(11), nullable=False),
    Column("language", String(2), nullable=False, default="zh"),
    Column("stage", String(8), nullable=False),
    Column("created_ts", Float, nullable=False),
    Index("ix_sms_contacts_day", "hall", "day", "stage"),
)
"""A mobile number registered for one ticket's reminders (deleted when its day closes)."""

SMS_ERROR_CHARS = 200

SMS_OUTBOX = Table(
    "sms_outbox",
    metadata,
    Column("id", _BIG_ID, primary_key=True),
    _hall(),
    Column("day", Date, nullable=False),
    Column("key", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("ticket_id", BigInteger),
    Column("phone", String(11)),
    Column("text", Text, nullable=False),
    Column("state", String(8), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("parts_done", Integer, nullable=False, default=0),
    Column("created_ts", Float, nullable=False),
    Column("next_try_ts", Float, nullable=False),
    Column("sending_ts", Float),
    Column("sent_ts", Float),
    Column("error", String(SMS_ERROR_CHARS)),
    UniqueConstraint("hall", "key", name="uq_sms_outbox_key"),
    Index("ix_sms_outbox_due", "hall", "state", "next_try_ts"),
    Index("ix_sms_outbox_phone", "hall", "day", "phone"),
)
"""One message to one number, sent at most once."""

SMS_GATEWAYS = Table(
    "sms_gateways",
    metadata,
    _hall_key(),
    Column("sender", String(120), nullable=False),
    Column("running", Boolean, nullable=False),  # False once the bridge has stopped cleanly
    Column("ready", Boolean, nullable=False),
    Column("detail", String(SMS_ERROR_CHARS), nullable=False),
    Column("seen_ts", Float, nullable=False),
)
"""The sending process's last word on its modem or command (``servicehall doctor``)."""

CASES = Table(
    "cases",
    metadata,
    Column("id", _BIG_ID, primary_key=True),
    _hall(),
    Column("number", String(16), nullable=False),  # 2026-1202-003: day and the day's sequence
    Column("day", Date, nullable=False),  # the day of 受理
    Column("seq", Integer, nullable=False),
    Column("token", String(32), nullable=False),  # the case page's unguessable link
    Column("ticket_id", BigInteger),
    Column("ticket_label", String(8)),
    Column("service", String(1), nullable=False),
    Column("matter", String(32), nullable=False),
    Column("kind", String(12), nullable=False),  # immediate | promised | joint | reported
    Column("name", String(32), nullable=False),
    Column("last4", String(4), nullable=False),
    Column("phone", String(11)),  # kept until collected or delivered (``[cases] keep_phone_days``)
    Column("texted", Boolean, nullable=False, default=False),  # a number is kept: 补正/办结 texted
    Column("agent", Boolean, nullable=False, default=False),  # 全程代办
    Column("agent_staff", String(32)),
    Column("window", Integer, nullable=False),  # the window answering for it now
    Column("clerk", String(32), nullable=False),  # who accepted it
    Column("state", String(12), nullable=False),  # open | finished | collected | delivered
    Column("promised_day", Date, nullable=False),
    Column("opened_ts", Float, nullable=False),
    Column("finished_ts", Float),
    Column("finished_day", Date),
    Column("finished_by", String(32)),
    Column("closed_ts", Float),
    Column("supplemented", Boolean, nullable=False, default=False),  # 补正 told (once)
    UniqueConstraint("hall", "number", name="uq_case_number"),
    UniqueConstraint("hall", "day", "seq", name="uq_case_seq"),
    UniqueConstraint("token", name="uq_case_token"),
    Index("ix_cases_open", "hall", "state", "window", "promised_day"),
    Index("ix_cases_person", "hall", "name", "last4"),
    Index("ix_cases_finished", "hall", "finished_day"),
)
"""办件: a matter that outlives the visit, from 受理 to 已领取 / 已送达
(``servicehall.queue.cases``). No full ID number is ever stored: the villager's name and the
last four digits of an ID or phone."""

CASE_STEPS = Table(
    "case_steps",
    metadata,
    Column("id", _BIG_ID, primary_key=True),
    _hall(),
    Column("case_id", BigInteger, nullable=False),
    Column("step", String(12), nullable=False),  # accept | refer | joint | supplement | finish …
    Column("ts", Float, nullable=False),
    Column("day", Date, nullable=False),
    Column("window", Integer),
    Column("clerk", String(32), nullable=False),
    Column("note", String(200)),
    Column("to_window", Integer),  # 联办: the window that takes it on
    Index("ix_case_steps_case", "case_id", "id"),
)
"""Each recorded step of a case, by a signed-in clerk (also an event in the audit trail)."""

CASE_CALLBACKS = Table(
    "case_callbacks",
    metadata,
    Column("id", _BIG_ID, primary_key=True),
    _hall(),
    Column("case_id", BigInteger, nullable=False),
    Column("result", String(12), nullable=False),  # satisfied | basic | unsatisfied | no_answer
    Column("note", String(200)),
    Column("ts", Float, nullable=False),
    Column("day", Date, nullable=False),
    Column("window", Integer, nullable=False),
    Column("clerk", String(32), nullable=False),
    UniqueConstraint("case_id", name="uq_case_callback"),
    Index("ix_case_callbacks_day", "hall", "day"),
)
"""回访: the follow-up call after a case ended (已领取 / 已送达), recorded once by the clerk who
called (``servicehall.queue.callbacks``)."""

ROLE_KIND_NAMES = ("kiosk", "window", "display", "sms", "phone")
"""The kinds of PC a PostgreSQL role can be bound to (``pg_security.ROLE_KINDS`` says what each
may do). Revision 0004 made the check with the first three, 0006 with all five; the owner's
security install keeps it to this list."""

HALL_ROLES = Table(
    "hall_roles",
    metadata,
    Column("role", Text, primary_key=True),
    Column("hall", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    CheckConstraint(
        "kind IN (" + ", ".join(f"'{kind}'" for kind in ROLE_KIND_NAMES) + ")",
        name="hall_roles_kind_check",
    ),
    info={POSTGRESQL_ONLY: True},
)
"""PostgreSQL: which login role belongs to which hall and kind (``servicehall db grant``)."""


def hall_tables() -> list[Table]:
    """The tables holding the halls' data, on both databases; each has a ``hall`` column."""
    return [table for table in metadata.sorted_tables if not table.info.get(POSTGRESQL_ONLY)]


def tables_for(dialect: str) -> list[Table]:
    """The tables a database of this dialect has, in dependency order."""
    return metadata.sorted_tables if dialect == "postgresql" else hall_tables()
