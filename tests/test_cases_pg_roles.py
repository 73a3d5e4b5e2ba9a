"""办件 under PostgreSQL's roles: a window role accepts and moves cases (and queues their texts),
a kiosk role looks a case up but never reads the villager's number nor writes a case, other
halls' cases stay out of sight, the display only counts the cases finished today and the SMS
bridge gets nothing of cases; the phone role reads a case by its token; 回访 only by a window."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall

from support.postgres import role_url
from support.sms import PHONE, rows, sms_config

pytestmark = pytest.mark.slow


@pytest.fixture
def roles(pg_db_url: str) -> Iterator[dict[str, str]]:
    with ExitStack() as stack:
        yield {
            kind: stack.enter_context(role_url(pg_db_url, kind, "qingshi"))
            for kind in ("kiosk", "window", "display", "sms")
        } | {"baisha_window": stack.enter_context(role_url(pg_db_url, "window", "baisha"))}


@pytest.fixture
def owner(pg_db_url: str, config: HallConfig, clock: FixedClock) -> Iterator[Hall]:
    hall = Hall.open(sms_config(config), db=pg_db_url, clock=clock)
    yield hall
    hall.close()


def _denied(url: str, statement: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            try:
                result = conn.execute(text(statement))
            except DBAPIError as exc:
                assert getattr(exc.orig, "sqlstate", None) == "42501", exc
                return True
            reached = result.rowcount if not result.returns_rows else len(result.all())
            conn.rollback()
            return reached in (0, -1)
    finally:
        engine.dispose()


def test_window_accepts_and_steps_a_case_and_the_kiosk_finds_it(
    roles: dict[str, str], owner: Hall, config: HallConfig, clock: FixedClock
) -> None:
    window = Hall.open(sms_config(config), db=roles["window"], clock=clock)
    kiosk = Hall.open(sms_config(config), db=roles["kiosk"], clock=clock)
    try:
        ticket = kiosk.issue("A", matter="dibao")
        window.sign_in(1, "mz01")
        window.call_ticket(ticket.label, 1)
        case = window.open_case(
            ticket.label, window=1, kind="承诺件", name="王秀兰", last4="1234", phone=PHONE
        )
        window.case_step(case.number, "补正", window=1, note="户口簿")
        window.case_step(case.number, "办结", window=1)
        assert [m.kind for m in rows(owner, "SELECT kind FROM sms_outbox ORDER BY id")] == [
            "case_supplement",
            "case_finish",
        ]
        found = kiosk.find_cases("王秀兰", "1234")
        assert [c.number for c in found] == [case.number]
        assert [s.step for s in kiosk.case(case.number).steps] == ["accept", "supplement", "finish"]
    finally:
        window.close()
        kiosk.close()
    assert _denied(roles["kiosk"], "SELECT phone FROM cases")
    assert _denied(roles["kiosk"], "UPDATE cases SET state = 'finished'")
    assert _denied(
        roles["kiosk"],
        "INSERT INTO case_steps (hall, case_id, step, ts, day, clerk) "
        "VALUES ('qingshi', 1, 'finish', 0, current_date, 'x')",
    )
    assert _denied(roles["window"], "DELETE FROM cases")
    assert _denied(roles["window"], "DELETE FROM case_steps")
    assert _denied(roles["window"], "UPDATE cases SET promised_day = current_date + 365")
    assert _denied(roles["window"], "UPDATE case_steps SET note = 'x'")
    assert _denied(
        roles["window"],
        "INSERT INTO sms_outbox (hall, day, key, kind, phone, text, state, attempts, parts_done, "
        "created_ts, next_try_ts) VALUES ('qingshi', current_date, 'remind:x', 'remind', "
        "'13800138000', 'x', 'pending', 0, 0, 0, 0)",
    )
    display = Hall.open(sms_config(config), db=roles["display"], clock=clock)
    try:
        assert display.cases_finished_today() == 1  # the TV's count, and nothing else of cases
    finally:
        display.close()
    for kind in ("display", "sms"):
        assert _denied(roles[kind], "SELECT number FROM cases")
        assert _denied(roles[kind], "SELECT note FROM case_steps")
    assert _denied(roles["baisha_window"], "SELECT * FROM cases")
    assert _denied(roles["baisha_window"], "UPDATE cases SET state = 'collected'")
    assert [r.state for r in rows(owner, "SELECT state FROM cases")] == ["finished"]


def test_a_role_granted_before_cases_still_reports_and_is_refused_cases(
    roles: dict[str, str], owner: Hall, config: HallConfig, clock: FixedClock
) -> None:
    from sqlalchemy.engine import make_url

    from servicehall.queue import StoreError
    from servicehall.reports.period import Period
    from servicehall.reports.report import build_report

    role = make_url(roles["window"]).username
    owner.store.write(
        lambda conn: conn.execute(text(f'REVOKE ALL ON cases, case_steps FROM "{role}"'))
    )
    window = Hall.open(sms_config(config), db=roles["window"], clock=clock)
    try:
        report = build_report(window, Period(owner.today(), owner.today()))
        assert report.cases is None and report.as_dict()["cases"] is None
        window.sign_in(1, "mz01")
        with pytest.raises(StoreError) as denied:
            window.open_cases(1)
        assert denied.value.key == "store_denied"
    finally:
        window.close()


def test_the_phone_role_reads_a_case_by_its_token_without_the_number(
    pg_db_url: str, owner: Hall, config: HallConfig, clock: FixedClock
) -> None:
    with ExitStack() as stack:
        phone = stack.enter_context(role_url(pg_db_url, "phone", "qingshi"))
        other = stack.enter_context(role_url(pg_db_url, "phone", "baisha"))
        ticket = owner.issue("A", matter="dibao")
        owner.sign_in(1, "mz01")
        owner.call_ticket(ticket.label, 1)
        case = owner.open_case(
            ticket.label, window=1, kind="承诺件", name="王秀兰", last4="1234", phone=PHONE
        )
        owner.case_step(case.number, "补正", window=1, note="户口簿")
        page = Hall.open(sms_config(config), db=phone, clock=clock)
        try:
            seen = page.case_by_token(case.token)
            assert [s.step for s in seen.steps] == ["accept", "supplement"]
        finally:
            page.close()
        assert _denied(phone, "SELECT phone FROM cases")
        assert _denied(phone, "UPDATE cases SET state = 'finished'")
        assert _denied(phone, "DELETE FROM case_steps")
        assert _denied(other, "SELECT number FROM cases")
        assert _denied(other, "SELECT note FROM case_steps")


def test_a_window_records_a_callback_and_others_cannot(
    roles: dict[str, str], owner: Hall, config: HallConfig, clock: FixedClock
) -> None:
    window = Hall.open(sms_config(config), db=roles["window"], clock=clock)
    try:
        ticket = owner.issue("A", matter="dibao")
        window.sign_in(1, "mz01")
        window.call_ticket(ticket.label, 1)
        case = window.open_case(
            ticket.label, window=1, kind="承诺件", name="王秀兰", last4="1234", phone=PHONE
        )
        window.case_step(case.number, "办结", window=1)
        window.case_step(case.number, "已领取", window=1)
        assert [d.phone for d in window.callbacks_due()] == [PHONE]
        window.record_callback(case.number, "满意", window=1)
        assert window.callbacks_due() == []
    finally:
        window.close()
    assert [r.phone for r in rows(owner, "SELECT phone FROM cases")] == [None]
    assert _denied(roles["window"], "UPDATE case_callbacks SET result = 'unsatisfied'")
    assert _denied(roles["window"], "DELETE FROM case_callbacks")
    for kind in ("kiosk", "display", "sms"):
        assert _denied(roles[kind], "SELECT result FROM case_callbacks")
    assert _denied(roles["baisha_window"], "SELECT result FROM case_callbacks")


def test_a_role_granted_before_callbacks_reports_cases_without_them(
    roles: dict[str, str], owner: Hall, config: HallConfig, clock: FixedClock
) -> None:
    from sqlalchemy.engine import make_url

    from servicehall.reports.period import Period
    from servicehall.reports.report import build_report

    role = make_url(roles["window"]).username
    owner.store.write(
        lambda conn: conn.execute(text(f'REVOKE ALL ON case_callbacks FROM "{role}"'))
    )
    window = Hall.open(sms_config(config), db=roles["window"], clock=clock)
    try:
        report = build_report(window, Period(owner.today(), owner.today()))
        assert report.cases is not None
        assert (report.cases.totals["callbacks"], report.cases.totals["callback_rate"]) == (
            None,
            None,
        )
    finally:
        window.close()
