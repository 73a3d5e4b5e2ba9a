"""PostgreSQL roles bound to a hall and a kind: each does what its program does through the
public API, and every forbidden statement, across halls and within one, is refused by the
database itself (a permission error, or no row reached). Two halls share the database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import DBAPIError

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, StoreError, UnknownInput, WrongState
from servicehall.queue.lockouts import CLERK_RULE, KIOSK_RULE, PinGuard
from servicehall.queue.outbox import enqueue, register_phone
from servicehall.queue.statements import COUNTERS, EVENTS, TICKETS

from support.postgres import role_url
from support.sms import sms_config

pytestmark = pytest.mark.slow


@pytest.fixture
def other_config(config: HallConfig) -> HallConfig:
    return config.model_copy(
        update={"hall": config.hall.model_copy(update={"code": "baisha", "name": "白沙镇"})}
    )


@pytest.fixture
def halls(
    pg_db_url: str, config: HallConfig, other_config: HallConfig, clock: FixedClock
) -> Iterator[tuple[Hall, Hall]]:
    """Both halls opened by the owner, each with history: finished and rated, waiting, printed."""
    qingshi = Hall.open(sms_config(config), db=pg_db_url, clock=clock)
    baisha = Hall.open(sms_config(other_config), db=pg_db_url, clock=clock)
    for hall in (qingshi, baisha):
        done = hall.issue("A", matter="dibao")
        hall.call_next(1, clerk="mz01")
        hall.finish(1)
        hall.rate(done.id, "satisfied")
        printed = hall.issue("A", matter="dibao")
        hall.record_print(printed.id, ok=True)
        waiting = hall.issue("B", matter="yibao")
        register_phone(hall, waiting.id, "13800138000")  # 短信提醒 registered, one message out
        enqueue(hall, key=f"ticket:{waiting.id}:x", kind="remind", phone="13800138000", text="提醒")
    yield qingshi, baisha
    qingshi.close()
    baisha.close()


@pytest.fixture
def roles(pg_db_url: str, halls: tuple[Hall, Hall]) -> Iterator[dict[str, str]]:
    """Login URLs: kiosk, window, display, SMS bridge and phone server of qingshi, and a kiosk
    of baisha."""
    with ExitStack() as stack:
        yield {
            "kiosk": stack.enter_context(role_url(pg_db_url, "kiosk", "qingshi")),
            "window": stack.enter_context(role_url(pg_db_url, "window", "qingshi")),
            "display": stack.enter_context(role_url(pg_db_url, "display", "qingshi")),
            "sms": stack.enter_context(role_url(pg_db_url, "sms", "qingshi")),
            "phone": stack.enter_context(role_url(pg_db_url, "phone", "qingshi")),
            "baisha_kiosk": stack.enter_context(role_url(pg_db_url, "kiosk", "baisha")),
        }


def _snapshot(owner: Hall) -> dict[str, Any]:
    """Everything a forbidden statement might have changed, read as the owner."""

    def work(conn: Any) -> dict[str, Any]:
        return {
            "tickets": conn.execute(select(TICKETS).order_by(TICKETS.c.id)).all(),
            "counters": conn.execute(select(COUNTERS).order_by(*COUNTERS.primary_key)).all(),
            "events": conn.execute(select(EVENTS).order_by(EVENTS.c.id)).all(),
            "windows": conn.execute(text("SELECT * FROM window_states ORDER BY 1, 2")).all(),
            "leaders": conn.execute(text("SELECT * FROM leader_overrides")).all(),
            "clerks": conn.execute(text("SELECT * FROM clerk_accounts")).all(),
            "bindings": conn.execute(text("SELECT * FROM hall_roles ORDER BY role")).all(),
            "sms": conn.execute(text("SELECT * FROM sms_contacts ORDER BY 1, 2")).all(),
            "outbox": conn.execute(text("SELECT * FROM sms_outbox ORDER BY id")).all(),
            "gateways": conn.execute(text("SELECT * FROM sms_gateways ORDER BY 1")).all(),
        }

    return owner.store.read(work)


def _refused(engine: Engine, statement: str) -> str:
    """Run one statement as the role; 'denied' or 'nothing', never a change."""
    with engine.connect() as conn:
        try:
            result = conn.execute(text(statement))
        except DBAPIError as exc:
            state = getattr(exc.orig, "sqlstate", None)
            assert state == "42501", f"{statement}: {state} {exc.orig}"
            return "denied"
        reached = result.rowcount if not result.returns_rows else len(result.all())
        conn.rollback()
        assert reached in (0, -1), f"{statement} reached {reached} row(s)"
        return "nothing"


def _all_refused(url: str, statements: list[str], owner: Hall) -> dict[str, str]:
    before = _snapshot(owner)
    engine = create_engine(url)
    try:
        outcome = {statement: _refused(engine, statement) for statement in statements}
    finally:
        engine.dispose()
    assert _snapshot(owner) == before, "a forbidden statement changed something"
    return outcome


_ISSUE_SQL = "SELECT servicehall_issue('{hall}', current_date, 'A', 'dibao', true, 0)"

ACROSS_HALLS = [
    "SELECT * FROM tickets WHERE hall = 'baisha'",
    "SELECT * FROM events WHERE hall = 'baisha'",
    "SELECT * FROM day_counters WHERE hall = 'baisha'",
    "SELECT * FROM day_sequences WHERE hall = 'baisha'",
    "SELECT * FROM window_states WHERE hall = 'baisha'",
    "UPDATE tickets SET status = 'cancelled' WHERE hall = 'baisha' AND status = 'waiting'",
    "UPDATE tickets SET rating = 'satisfied', status = 'finished' WHERE hall = 'baisha'",
    "UPDATE tickets SET rating = 'unsatisfied' WHERE hall = 'baisha'",
    "UPDATE day_counters SET last_number = 0 WHERE hall = 'baisha'",
    "UPDATE window_states SET state = 'paused' WHERE hall = 'baisha'",
    "DELETE FROM tickets WHERE hall = 'baisha'",
    "DELETE FROM events WHERE hall = 'baisha'",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('baisha', 0, current_date, 'issue')",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('baisha', 0, current_date, 'call')",
    "INSERT INTO window_states (hall, number, state, changed_ts) VALUES ('baisha', 99, 'open', 0)",
    "INSERT INTO leader_overrides (hall, day, name, title, set_ts) "
    "VALUES ('baisha', current_date, '冒名', '', 0)",
    "INSERT INTO tickets (hall, day, service, origin_service, number, label, priority, status, "
    "queue_pos, issued_ts, recall_count, skip_count, print_state) VALUES ('baisha', current_date, "
    "'A', 'A', 900, 'A900', true, 'waiting', 0, 0, 0, 0, 'none')",
    "INSERT INTO pin_lockouts (hall, subject, failures, locked_until, changed_ts) "
    "VALUES ('baisha', 'kiosk:x', 0, 0, 0)",
    _ISSUE_SQL.format(hall="baisha"),
    "UPDATE tickets SET hall = 'baisha' WHERE hall = 'qingshi'",
    "INSERT INTO hall_roles (role, hall, kind) VALUES (current_user, 'baisha', 'window')",
    "UPDATE hall_roles SET hall = 'baisha'",
    "SELECT * FROM sms_contacts WHERE hall = 'baisha'",
    "SELECT * FROM sms_outbox WHERE hall = 'baisha'",
    "UPDATE sms_contacts SET phone = '13900000000' WHERE hall = 'baisha'",
    "UPDATE sms_outbox SET state = 'pending' WHERE hall = 'baisha'",
    "DELETE FROM sms_contacts WHERE hall = 'baisha'",
    "INSERT INTO sms_contacts (hall, ticket_id, day, phone, language, stage, created_ts) "
    "VALUES ('baisha', 1, current_date, '13900000000', 'zh', 'new', 0)",
    "INSERT INTO sms_outbox (hall, day, key, kind, phone, text, state, attempts, parts_done, "
    "created_ts, next_try_ts) VALUES ('baisha', current_date, 'k', 'x', '13900000000', '冒名', "
    "'pending', 0, 0, 0, 0)",
    "INSERT INTO sms_gateways (hall, sender, running, ready, detail, seen_ts) "
    "VALUES ('baisha', 'modem', true, true, '', 0)",
]

KIOSK_WITHIN = [
    "INSERT INTO tickets (hall, day, service, origin_service, number, label, priority, status, "
    "queue_pos, issued_ts, recall_count, skip_count, print_state) VALUES ('qingshi', "
    "current_date, 'A', 'A', 900, 'A900', true, 'waiting', 0, 0, 0, 0, 'none')",
    "UPDATE day_counters SET last_number = 0",
    "INSERT INTO day_counters (hall, day, service, last_number) "
    "VALUES ('qingshi', current_date + 1, 'A', 5)",
    "UPDATE day_sequences SET last_seq = 0",
    "DELETE FROM tickets",
    "TRUNCATE tickets",
    "UPDATE tickets SET status = 'finished' WHERE status = 'waiting'",
    "UPDATE tickets SET status = 'called', \"window\" = 1 WHERE status = 'waiting'",
    "UPDATE tickets SET priority = true",
    "UPDATE tickets SET status = 'cancelled' WHERE print_state = 'printed'",
    "UPDATE tickets SET status = 'waiting' WHERE status = 'finished'",
    "UPDATE tickets SET rating = 'unsatisfied'",
    "UPDATE events SET kind = 'x'",
    "DELETE FROM events",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'call')",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'rate')",
    "INSERT INTO events (id, hall, ts, day, kind) "
    "VALUES (999999, 'qingshi', 0, current_date, 'issue')",
    "SELECT * FROM clerk_accounts",
    "UPDATE window_states SET state = 'paused'",
    "INSERT INTO leader_overrides (hall, day, name, title, set_ts) "
    "VALUES ('qingshi', current_date, '冒名', '', 0)",
    "INSERT INTO pin_lockouts (hall, subject, failures, locked_until, changed_ts) "
    "VALUES ('qingshi', 'clerk:mz01', 0, 0, 0)",
    "SELECT phone FROM sms_contacts",
    "SELECT * FROM sms_outbox",
    "UPDATE sms_outbox SET state = 'pending'",
    "DELETE FROM sms_contacts",
    "INSERT INTO sms_outbox (hall, day, key, kind, phone, text, state, attempts, parts_done, "
    "created_ts, next_try_ts) VALUES ('qingshi', current_date, 'k', 'x', '13900000000', '冒名', "
    "'pending', 0, 0, 0, 0)",
]

WINDOW_WITHIN = [
    "INSERT INTO tickets (hall, day, service, origin_service, number, label, priority, status, "
    "queue_pos, issued_ts, recall_count, skip_count, print_state) VALUES ('qingshi', "
    "current_date, 'A', 'A', 900, 'A900', true, 'waiting', 0, 0, 0, 0, 'none')",
    _ISSUE_SQL.format(hall="qingshi"),
    "UPDATE day_counters SET last_number = 0",
    "UPDATE day_sequences SET last_seq = 0",
    "DELETE FROM tickets",
    "UPDATE tickets SET rating = 'unsatisfied' WHERE rating IS NOT NULL",
    "UPDATE tickets SET rating = 'satisfied', status = 'finished' WHERE status = 'waiting'",
    "UPDATE tickets SET status = 'finished' WHERE status = 'waiting'",
    "UPDATE tickets SET status = 'waiting' WHERE status = 'finished'",
    "UPDATE tickets SET finished_ts = 0 WHERE status = 'finished'",
    "UPDATE tickets SET status = 'expired' WHERE status = 'cancelled'",
    "UPDATE tickets SET label = 'Z999'",
    "UPDATE tickets SET print_state = 'printed'",
    "UPDATE tickets SET priority = true",
    "UPDATE tickets SET issued_ts = 0",
    "UPDATE events SET kind = 'x'",
    "DELETE FROM events",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'issue')",
    "UPDATE clerk_accounts SET pin_hash = ''",
    "INSERT INTO clerk_accounts (hall, clerk_id, name, pin_hash, changed_ts) "
    "VALUES ('qingshi', 'x', 'x', 'x', 0)",
    "INSERT INTO pin_lockouts (hall, subject, failures, locked_until, changed_ts) "
    "VALUES ('qingshi', 'kiosk:x', 0, 0, 0)",
    "DELETE FROM window_states",
]

SMS_WITHIN = [
    "UPDATE tickets SET status = 'cancelled'",
    _ISSUE_SQL.format(hall="qingshi"),
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'call')",
    "UPDATE window_states SET state = 'paused'",
    "UPDATE day_counters SET last_number = 0",
    "SELECT * FROM clerk_accounts",
    "DELETE FROM events",
    "DELETE FROM sms_outbox",
    "UPDATE sms_contacts SET phone = '13900000000'",
    "INSERT INTO sms_contacts (hall, ticket_id, day, phone, language, stage, created_ts) "
    "VALUES ('qingshi', 1, current_date, '13900000000', 'zh', 'new', 0)",
    "INSERT INTO pin_lockouts (hall, subject, failures, locked_until, changed_ts) "
    "VALUES ('qingshi', 'kiosk:x', 0, 0, 0)",
]

DISPLAY_WITHIN = [
    "UPDATE tickets SET status = 'cancelled'",
    _ISSUE_SQL.format(hall="qingshi"),
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'issue')",
    "UPDATE window_states SET state = 'paused'",
    "INSERT INTO leader_overrides (hall, day, name, title, set_ts) "
    "VALUES ('qingshi', current_date, '冒名', '', 0)",
    "UPDATE day_counters SET last_number = 0",
    "SELECT * FROM clerk_accounts",
    "INSERT INTO pin_lockouts (hall, subject, failures, locked_until, changed_ts) "
    "VALUES ('qingshi', 'kiosk:x', 0, 0, 0)",
    "DELETE FROM events",
    "SELECT phone FROM sms_contacts",
    "SELECT * FROM sms_outbox",
]


PHONE_WITHIN = [
    "UPDATE tickets SET status = 'cancelled'",
    "UPDATE tickets SET status = 'called' WHERE status = 'waiting'",
    "UPDATE tickets SET rating = 'satisfied' WHERE status = 'waiting'",
    "UPDATE tickets SET rating = 'unsatisfied' WHERE rating IS NOT NULL",
    "UPDATE tickets SET page_token = 'x'",
    "UPDATE tickets SET finished_ts = 0 WHERE status = 'finished'",
    _ISSUE_SQL.format(hall="qingshi"),
    "INSERT INTO tickets (hall, day, service, origin_service, number, label, priority, status, "
    "queue_pos, issued_ts, recall_count, skip_count, print_state) VALUES ('qingshi', "
    "current_date, 'A', 'A', 900, 'A900', true, 'waiting', 0, 0, 0, 0, 'none')",
    "DELETE FROM tickets",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'call')",
    "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'issue')",
    "UPDATE events SET kind = 'x'",
    "DELETE FROM events",
    "UPDATE window_states SET state = 'paused'",
    "INSERT INTO leader_overrides (hall, day, name, title, set_ts) "
    "VALUES ('qingshi', current_date, '冒名', '', 0)",
    "UPDATE day_counters SET last_number = 0",
    "SELECT * FROM clerk_accounts",
    "INSERT INTO pin_lockouts (hall, subject, failures, locked_until, changed_ts) "
    "VALUES ('qingshi', 'kiosk:x', 0, 0, 0)",
    "SELECT phone FROM sms_contacts",
    "SELECT * FROM sms_outbox",
]


@pytest.mark.parametrize("kind", ["kiosk", "window", "display", "sms", "phone"])
def test_no_role_reaches_another_hall(
    roles: dict[str, str], halls: tuple[Hall, Hall], kind: str
) -> None:
    outcome = _all_refused(roles[kind], ACROSS_HALLS, halls[0])
    assert set(outcome.values()) <= {"denied", "nothing"}


def test_a_role_sees_only_its_own_hall(roles: dict[str, str], halls: tuple[Hall, Hall]) -> None:
    engine = create_engine(roles["display"])
    with engine.connect() as conn:
        seen = {row.hall for row in conn.execute(text("SELECT hall FROM tickets"))}
        kinds = {row.hall for row in conn.execute(text("SELECT hall FROM events"))}
    engine.dispose()
    assert seen == kinds == {"qingshi"}


def test_kiosk_cannot_rewrite_history_or_counters(
    roles: dict[str, str], halls: tuple[Hall, Hall]
) -> None:
    outcome = _all_refused(roles["kiosk"], KIOSK_WITHIN, halls[0])
    assert outcome["UPDATE day_counters SET last_number = 0"] == "denied"
    assert outcome["UPDATE tickets SET status = 'finished' WHERE status = 'waiting'"] == "denied"


def test_window_cannot_fake_ratings_or_issue(
    roles: dict[str, str], halls: tuple[Hall, Hall]
) -> None:
    outcome = _all_refused(roles["window"], WINDOW_WITHIN, halls[0])
    assert outcome["UPDATE tickets SET rating = 'unsatisfied' WHERE rating IS NOT NULL"] in (
        "denied",
        "nothing",
    )
    assert (
        outcome[
            "UPDATE tickets SET rating = 'satisfied', status = 'finished' WHERE status = 'waiting'"
        ]
        == "denied"
    )


def test_sms_bridge_cannot_touch_the_queue(roles: dict[str, str], halls: tuple[Hall, Hall]) -> None:
    outcome = _all_refused(roles["sms"], SMS_WITHIN, halls[0])
    assert set(outcome.values()) == {"denied"}


def test_the_phone_server_only_reads_and_rates_once(
    roles: dict[str, str],
    halls: tuple[Hall, Hall],
    config: HallConfig,
    other_config: HallConfig,
    clock: FixedClock,
) -> None:
    qingshi = halls[0]
    outcome = _all_refused(roles["phone"], PHONE_WITHIN, qingshi)
    assert set(outcome.values()) <= {"denied", "nothing"}
    assert outcome["UPDATE tickets SET status = 'cancelled'"] == "denied"
    assert (
        outcome[
            "INSERT INTO events (hall, ts, day, kind) VALUES ('qingshi', 0, current_date, 'call')"
        ]
        == "denied"
    )

    phone = Hall.open(config, db=roles["phone"], clock=clock, create=False)
    waiting = qingshi.waiting()[0]
    assert waiting.page_token is not None
    page = phone.ticket_by_token(waiting.page_token)
    assert (page.label, page.status, page.ahead) == (waiting.label, "waiting", 0)
    assert waiting.id in phone.queue_waits().tickets
    with pytest.raises((UnknownInput, WrongState, StoreError)):
        phone.rate_page(waiting.page_token, "satisfied")  # not finished yet
    qingshi.call_ticket(waiting.id, 1)
    qingshi.finish(1)
    assert phone.rate_page(waiting.page_token, "basic").rating == "basic"
    with pytest.raises((UnknownInput, WrongState)):
        phone.rate_page(waiting.page_token, "unsatisfied")  # once
    baisha_ticket = halls[1].waiting()[0]
    assert baisha_ticket.page_token is not None
    with pytest.raises(UnknownInput):  # another hall's page is not found through this role
        phone.ticket_by_token(baisha_ticket.page_token)
    posing = Hall.open(other_config, db=roles["phone"], clock=clock, create=False)
    with pytest.raises(UnknownInput):  # not even when its config claims the other hall
        posing.ticket_by_token(baisha_ticket.page_token)
    posing.close()
    phone.close()
    assert qingshi.ticket(waiting.id).rating == "basic"
    rated = [e for e in qingshi.events(ticket=waiting.id) if e.kind == "rate"]
    assert [e.detail for e in rated] == [{"rating": "basic"}]


def test_display_only_reads(roles: dict[str, str], halls: tuple[Hall, Hall]) -> None:
    outcome = _all_refused(roles["display"], DISPLAY_WITHIN, halls[0])
    assert set(outcome.values()) == {"denied"}


def test_each_role_does_its_own_work(
    roles: dict[str, str],
    halls: tuple[Hall, Hall],
    config: HallConfig,
    other_config: HallConfig,
    clock: FixedClock,
) -> None:
    qingshi, baisha = halls
    kiosk = Hall.open(config, db=roles["kiosk"], clock=clock)
    fresh = kiosk.issue("A", matter="dibao", priority=True)
    assert fresh.label == "A003"  # the counter moved through the issuing function only
    kiosk.record_print(fresh.id, ok=False, detail="paper out")
    assert kiosk.cancel(fresh.id, reason="print failed").status == "cancelled"
    printed = kiosk.issue("A", matter="dibao")
    kiosk.record_print(printed.id, ok=True)
    assert kiosk.record("kiosk_reload", reason="staff") > 0
    guard = PinGuard(kiosk.store, kiosk.code, KIOSK_RULE)
    for _ in range(5):
        guard.failed("kiosk:pc1")
    assert guard.wait_s("kiosk:pc1") > 0
    fresh_guard = PinGuard(kiosk.store, kiosk.code, KIOSK_RULE)  # a new tab: same lock
    assert fresh_guard.wait_s("kiosk:pc1") > 0
    fresh_guard.succeeded("kiosk:pc1")
    assert PinGuard(kiosk.store, kiosk.code, KIOSK_RULE).wait_s("kiosk:pc1") == 0
    guard.failed("kiosk:pc1")  # one wrong PIN on the books
    assert kiosk.status().waiting("A") == 2
    with pytest.raises(StoreError):  # a kiosk never calls
        kiosk.call_next(1)
    with pytest.raises(StoreError):  # nor issues for another hall, whatever its config says
        Hall.open(other_config, db=roles["kiosk"], clock=clock).issue("A", matter="dibao")
    kiosk.close()

    window = Hall.open(config, db=roles["window"], clock=clock)
    clerks = PinGuard(window.store, window.code, CLERK_RULE)
    assert clerks.failed("window:1", "clerk:mz01").failures == 1
    clerks.succeeded("window:1", "clerk:mz01")
    cleared = window.store.write(  # a window keeps clerks' lock-outs and cannot reach others'
        lambda conn: conn.exec_driver_sql("DELETE FROM pin_lockouts").rowcount
    )
    assert cleared == 0
    assert PinGuard(qingshi.store, qingshi.code, KIOSK_RULE).failed("kiosk:pc1").failures == 2
    window.sign_in(1, "mz01")
    called = window.call_next(1)
    assert called is not None and called.label == "A002"
    window.recall(1)
    window.skip(1)
    window.requeue(called.id)
    window.call_ticket(called.id, 1)
    window.transfer(1, "B")
    assert window.call_next(2) is not None
    window.finish(2)
    window.pause(1)
    window.resume(1)
    window.set_leader("赵敏", "副镇长")
    finished = [t for t in qingshi.events() if t.kind == "finish"][-1]
    window.rate(finished.ticket_id, "basic")  # type: ignore[arg-type]
    with pytest.raises((UnknownInput, WrongState)):  # a rated ticket is out of the role's reach
        window.rate(finished.ticket_id, "unsatisfied")  # type: ignore[arg-type]
    assert [t.status for t in baisha.waiting()] == ["waiting", "waiting"]  # untouched
    clock.advance(days=1)
    window.call_next(1)  # closes yesterday: expiry is a window's work too
    window.close()

    display = Hall.open(config, db=roles["display"], clock=clock)
    assert display.status().day == clock.now().date()
    assert {e.kind for e in display.events()} >= {"issue", "call", "expire"}
    display.close()

    assert qingshi.ticket(finished.ticket_id).rating == "basic"  # type: ignore[arg-type]


def test_a_rating_is_written_once_even_by_the_owner(halls: tuple[Hall, Hall]) -> None:
    qingshi = halls[0]
    rated = next(e for e in qingshi.events() if e.kind == "rate")
    with pytest.raises(WrongState):
        qingshi.rate(rated.ticket_id, "unsatisfied")  # type: ignore[arg-type]
    engine = create_engine(qingshi.store.url)
    with engine.connect() as conn, pytest.raises(DBAPIError) as error:
        conn.execute(text("UPDATE tickets SET rating = 'unsatisfied' WHERE rating IS NOT NULL"))
    engine.dispose()
    assert getattr(error.value.orig, "sqlstate", None) == "42501"
    assert qingshi.ticket(rated.ticket_id).rating == "satisfied"  # type: ignore[arg-type]


def test_an_unbound_role_sees_nothing(pg_db_url: str, halls: tuple[Hall, Hall]) -> None:
    """A login role given table rights by hand, but not bound to a hall, reaches no row."""
    with role_url(pg_db_url, "display", "qingshi") as url:
        admin = create_engine(pg_db_url)
        user = create_engine(url).url.username
        with admin.begin() as conn:
            conn.execute(text("DELETE FROM hall_roles WHERE role = :r"), {"r": user})
        admin.dispose()
        engine = create_engine(url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM tickets")).scalar_one() == 0
        engine.dispose()
