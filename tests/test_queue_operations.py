"""The hall's operations on a real SQLite file: issue, call, recall, skip, finish, transfer,
requeue, cancel, pause — and each wrong-state refusal."""

from __future__ import annotations

import pytest

from servicehall.queue import FixedClock, Hall, Refused, UnknownInput, WrongState


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db_url


def test_issue_numbers_label_and_people_ahead(hall: Hall) -> None:
    first = hall.issue("A", matter="dibao")
    second = hall.issue("A", matter="gaoling")
    other = hall.issue("B", matter="yibao")
    assert (first.label, first.number, first.ahead) == ("A001", 1, 0)
    assert (second.label, second.ahead) == ("A002", 1)
    assert (other.label, other.ahead) == ("B001", 0)
    assert first.status == "waiting"
    assert first.issued_at.utcoffset().total_seconds() == 8 * 3600


def test_single_matter_service_fills_the_matter(hall: Hall) -> None:
    assert hall.issue("J").matter == "yikatong"


def test_unknown_service_and_matter_are_refused_with_the_valid_choices(hall: Hall) -> None:
    with pytest.raises(UnknownInput) as service_error:
        hall.issue("Q")
    assert "A 民政" in service_error.value.message
    assert service_error.value.exit_code == 2
    with pytest.raises(UnknownInput) as matter_error:
        hall.issue("A", matter="nope")
    assert "dibao" in matter_error.value.message


def test_hall_closed_outside_opening_hours(hall: Hall, clock: FixedClock) -> None:
    clock.advance(hours=3)  # 13:00, the lunch break
    with pytest.raises(Refused) as error:
        hall.issue("A")
    assert "08:30-12:00" in error.value.message
    assert error.value.exit_code == 3
    clock.advance(hours=1)  # 14:00
    assert hall.issue("A", matter="dibao").label == "A001"


def test_daily_cap_refuses_and_leaves_no_trace(config, db_url, clock) -> None:  # type: ignore[no-untyped-def]
    services = [
        s.model_copy(update={"daily_cap": 2}) if s.code == "A" else s for s in config.services
    ]
    capped = Hall.open(config.model_copy(update={"services": services}), db=db_url, clock=clock)
    capped.issue("A", matter="dibao")
    capped.issue("A", matter="dibao")
    with pytest.raises(Refused) as error:
        capped.issue("A", matter="dibao")
    assert "2" in error.value.message
    assert [e.kind for e in capped.events()].count("issue") == 2
    assert capped.status().waiting("A") == 2


def test_village_desks_only_on_market_days(hall: Hall, clock: FixedClock) -> None:
    with pytest.raises(Refused):
        hall.issue("V", matter="fenglin")
    assert "V" not in [s.code for s in hall.services_today()]
    clock.advance(days=1)  # Tuesday the 24th: a market day (dates ending in 4)
    assert "V" in [s.code for s in hall.services_today()]
    assert hall.issue("V", matter="fenglin").label == "V001"


def test_call_next_finish_and_the_event_log(hall: Hall, clock: FixedClock) -> None:
    ticket = hall.issue("A", matter="dibao")
    clock.advance(minutes=4)
    called = hall.call_next(1, clerk="mz01")
    assert called is not None
    assert (called.label, called.status, called.window, called.clerk) == (
        "A001",
        "called",
        1,
        "mz01",
    )
    clock.advance(minutes=6)
    done = hall.finish(1)
    assert done.status == "finished"
    assert done.finished_at is not None
    events = hall.events()
    assert [e.kind for e in events] == ["issue", "call", "finish"]
    assert events[1].detail["waited_s"] == 240.0
    assert events[2].detail["service_s"] == 360.0
    assert all(e.ticket_id == ticket.id for e in events)
    assert hall.status().windows[0].current is None


def test_nothing_waiting_returns_none_not_an_error(hall: Hall) -> None:
    assert hall.call_next(1) is None


def test_call_next_finishes_the_ticket_being_served(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.issue("A", matter="dibao")
    hall.call_next(1)
    second = hall.call_next(1)
    assert second is not None and second.label == "A002"
    assert hall.ticket("A001").status == "finished"
    finish = [e for e in hall.events() if e.kind == "finish"][0]
    assert finish.detail.get("auto") is True


def test_priority_tickets_are_called_first(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.issue("A", matter="dibao")
    urgent = hall.issue("A", matter="gaoling", priority=True)
    assert urgent.ahead == 0
    assert [hall.call_next(1).label for _ in range(3)] == ["A003", "A001", "A002"]  # type: ignore[union-attr]


def test_people_ahead_counts_priority_tickets_before_regular_ones(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.issue("A", matter="dibao")
    assert hall.issue("A", matter="gaoling", priority=True).ahead == 0
    assert hall.issue("A", matter="gaoling", priority=True).ahead == 1
    assert hall.issue("A", matter="dibao").ahead == 4
    assert hall.issue("B", matter="yibao").ahead == 0  # another service's queue
    hall.call_next(1)  # A003, the first priority ticket
    assert hall.issue("A", matter="dibao").ahead == 4
    assert hall.ticket("A002").ahead == 2  # the priority A004, then A001


def test_window_pick_rules(hall: Hall, clock: FixedClock) -> None:
    # window 13 serves B, A, C in listed order; window 5 serves D and E oldest first
    hall.issue("A", matter="dibao")
    clock.advance(seconds=10)
    hall.issue("B", matter="yibao")
    clock.advance(seconds=10)
    hall.issue("E", matter="jianyi")
    clock.advance(seconds=10)
    hall.issue("D", matter="dili")
    assert hall.call_next(13).label == "B001"  # type: ignore[union-attr]
    assert hall.call_next(13).label == "A001"  # type: ignore[union-attr]
    assert hall.call_next(5).label == "E001"  # type: ignore[union-attr]
    assert hall.call_next(5).label == "D001"  # type: ignore[union-attr]


def test_recall_counts_and_wrong_state_refusals(hall: Hall) -> None:
    for action in (hall.recall, hall.skip, hall.finish):
        with pytest.raises(WrongState) as error:
            action(1)
        assert "1 号窗口当前没有正在办理的号" in error.value.message
        assert error.value.exit_code == 4
    hall.issue("A", matter="dibao")
    hall.call_next(1)
    assert hall.recall(1).recall_count == 1
    assert hall.recall(1).recall_count == 2
    assert [e.kind for e in hall.events()].count("recall") == 2


def test_unknown_window_is_refused(hall: Hall) -> None:
    with pytest.raises(UnknownInput) as error:
        hall.call_next(99)
    assert "99" in error.value.message and "15" in error.value.message


def test_pause_blocks_calls_until_resumed(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    assert hall.pause(1).state == "paused"
    with pytest.raises(WrongState):
        hall.call_next(1)
    with pytest.raises(WrongState):
        hall.pause(1) if False else hall.resume(2)
    assert hall.resume(1).state == "open"
    assert hall.call_next(1) is not None
    with pytest.raises(WrongState) as busy:
        hall.pause(1)
    assert "A001" in busy.value.message


def test_skip_then_requeue_goes_behind_the_configured_number(hall: Hall) -> None:
    for _ in range(6):
        hall.issue("A", matter="dibao")
    hall.call_next(1)
    skipped = hall.skip(1)
    assert (skipped.status, skipped.skip_count) == ("no_show", 1)
    back = hall.requeue("A001")
    assert back.status == "waiting"
    assert back.ahead == 3  # requeue_behind = 3 in the sample hall
    order = [hall.call_next(1).label for _ in range(6)]  # type: ignore[union-attr]
    assert order == ["A002", "A003", "A004", "A001", "A005", "A006"]


def test_requeue_with_few_waiting_goes_to_the_end(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.issue("A", matter="dibao")
    hall.call_next(1)
    hall.skip(1)
    assert hall.requeue("A001").ahead == 1
    with pytest.raises(WrongState):
        hall.requeue("A002")  # waiting, not a no-show


def test_transfer_keeps_label_and_place_by_arrival(hall: Hall, clock: FixedClock) -> None:
    hall.issue("A", matter="dibao")  # A001, oldest
    clock.advance(minutes=1)
    hall.issue("B", matter="yibao")  # B001
    clock.advance(minutes=1)
    hall.issue("B", matter="yibao")  # B002
    hall.call_next(1)
    moved = hall.transfer(1, "B")
    assert (moved.label, moved.service, moved.transferred_from) == ("A001", "B", "A")
    assert moved.status == "waiting" and moved.ahead == 0
    assert hall.call_next(2).label == "A001"  # type: ignore[union-attr]
    with pytest.raises(WrongState):
        hall.transfer(2, "B")  # already a B ticket
    transfer = [e for e in hall.events() if e.kind == "transfer"][0]
    assert transfer.detail == {"from_service": "A", "to_service": "B"}


def test_call_a_specific_ticket(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.issue("A", matter="dibao")
    picked = hall.call_ticket("A002", 1)
    assert picked.label == "A002" and picked.window == 1
    with pytest.raises(WrongState):
        hall.call_ticket("A002", 13)  # already called
    hall.issue("B", matter="yibao")
    with pytest.raises(WrongState) as error:
        hall.call_ticket("B001", 1)
    assert "不办理" in error.value.message
    with pytest.raises(UnknownInput):
        hall.call_ticket("A099", 1)


def test_cancel_a_called_ticket_frees_the_window(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.call_next(1)
    assert hall.cancel("A001", reason="left").status == "cancelled"
    assert hall.status().windows[0].current is None
    with pytest.raises(WrongState):
        hall.cancel("A001")


def test_leader_rota_and_change_on_the_day(hall: Hall) -> None:
    leader = hall.leader()
    assert leader is not None and (leader.name, leader.window) == ("王建国", 11)
    changed = hall.set_leader("赵敏", "副镇长")
    assert (changed.name, changed.title, changed.changed_today) == ("赵敏", "副镇长", True)
    assert hall.status().leader.name == "赵敏"  # type: ignore[union-attr]
    assert hall.events()[-1].detail == {"name": "赵敏", "title": "副镇长"}


def test_rating_only_for_finished_tickets(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.call_next(1)
    with pytest.raises(WrongState):
        hall.rate("A001", "satisfied")
    hall.finish(1)
    assert hall.rate("A001", "basic").rating == "basic"
    with pytest.raises(UnknownInput):
        hall.rate("A001", "great")


def test_print_results_are_recorded(hall: Hall) -> None:
    ticket = hall.issue("A", matter="dibao")
    failed = hall.record_print(ticket.id, ok=False, detail="paper out")
    assert failed.print_state == "failed"
    assert hall.events()[-1].kind == "print_failed"
    assert hall.record_print(ticket.id, ok=True).print_state == "printed"


def test_waiting_counts_in_status(hall: Hall) -> None:
    hall.issue("A", matter="dibao")
    hall.issue("A", matter="dibao")
    hall.issue("B", matter="yibao")
    hall.call_next(1)
    status = hall.status()
    assert status.waiting("A") == 1 and status.waiting("B") == 1
    assert status.windows[0].current == "A001"
    assert status.last_event_id == hall.events()[-1].id


def test_an_older_database_gets_the_current_indexes(config, db_url, clock) -> None:  # type: ignore[no-untyped-def]
    """Opening a database made by an earlier version drops its retired index and adds new ones."""
    from sqlalchemy import create_engine, inspect, text

    Hall.open(config, db=db_url, clock=clock).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:  # as the first version left it, from before Alembic
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("DROP INDEX ix_tickets_waiting"))
        conn.execute(
            text("CREATE INDEX ix_tickets_queue ON tickets (hall, day, status, service, queue_pos)")
        )
    Hall.open(config, db=db_url, clock=clock).close()
    names = {index["name"] for index in inspect(engine).get_indexes("tickets")}
    engine.dispose()
    assert "ix_tickets_waiting" in names
    assert "ix_tickets_queue" not in names
