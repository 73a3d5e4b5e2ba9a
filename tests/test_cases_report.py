"""办件 in the reports against figures worked out by hand: received, finished, on time
(按时办结率), overdue now and average working days, in total and per matter, window and clerk;
in ``report --json``, the text report and the workbook — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.reports.casereport import case_report
from servicehall.reports.export_xlsx import write_xlsx
from servicehall.reports.period import Period
from servicehall.reports.report import build_report

from support.cli import CliRun
from support.tables import headings
from support.waiting import workers_done

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
D = dt.date


def _at(clock: FixedClock, day: dt.date) -> None:
    clock.moment = dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


@pytest.fixture
def cases_hall(config: HallConfig, db_url: str, clock: FixedClock) -> Iterator[Hall]:
    """Four cases (the sample calendar: no holiday in Nov–Dec 2026), read on Wed 9 Dec:

    1. Mon 23 Nov, window 1 (mz01), 临时救助 10 days → due 7 Dec; 办结 Thu 3 Dec: on time, 8 days
    2. Mon 23 Nov, window 1 (mz01), 高龄补贴 15 days → due Mon 14 Dec; open, not overdue
    3. Tue 24 Nov, window 13 (zh13), 大病救助 as 即办件 → due 24 Nov; 办结 Wed 25 Nov: late, 1 day
    4. Tue 24 Nov, window 1 (mz01), 临时救助 10 days → due Tue 8 Dec; open, overdue on 9 Dec
    """
    hall = Hall.open(config, db=db_url, clock=clock)

    def accept(window: int, clerk: str, matter: str, kind: str = "承诺件") -> str:
        hall.sign_in(window, clerk)
        ticket = hall.issue("A", matter=matter)
        hall.call_ticket(ticket.label, window)
        case = hall.open_case(ticket.label, window=window, kind=kind, name="王秀兰", last4="1234")
        return case.number

    _at(clock, D(2026, 11, 23))
    first = accept(1, "mz01", "linshi")
    accept(1, "mz01", "gaoling")
    _at(clock, D(2026, 11, 24))
    third = accept(13, "zh13", "dabing", "即办件")
    accept(1, "mz01", "linshi")
    _at(clock, D(2026, 11, 25))
    hall.case_step(third, "办结", window=13)
    _at(clock, D(2026, 12, 3))
    hall.case_step(first, "办结", window=1)
    _at(clock, D(2026, 12, 9))
    yield hall
    hall.close()


def _figures(received: int, finished: int, on_time: int, rate, overdue: int, avg):  # type: ignore[no-untyped-def]
    """The case figures, with no 回访 (see ``test_callback_satisfaction_by_hand``)."""
    return {
        "received": received,
        "finished": finished,
        "on_time": on_time,
        "on_time_rate": rate,
        "overdue_now": overdue,
        "avg_workdays": avg,
        "callbacks": 0,
        "callback_rate": None,
    }


def test_the_figures_by_hand(cases_hall: Hall) -> None:
    report = case_report(cases_hall, Period(D(2026, 11, 23), D(2026, 12, 9)))
    assert report.totals == _figures(4, 2, 1, 0.5, 1, 4.5)
    assert report.groups["window"] == [
        {"number": 1, "name": "民政", **_figures(3, 1, 1, 1.0, 1, 8.0)},
        {"number": 13, "name": "综合受理", **_figures(1, 1, 0, 0.0, 0, 1.0)},
    ]
    assert report.groups["clerk"] == [
        {"clerk": "mz01", "name": "", **_figures(3, 1, 1, 1.0, 1, 8.0)},
        {"clerk": "zh13", "name": "", **_figures(1, 1, 0, 0.0, 0, 1.0)},
    ]
    by_matter = {row["code"]: row for row in report.groups["matter"]}
    assert by_matter["linshi"] == {
        "service": "A", "code": "linshi", "name": "临时救助", **_figures(2, 1, 1, 1.0, 1, 8.0)
    }  # fmt: skip
    assert by_matter["gaoling"]["on_time_rate"] is None
    assert by_matter["gaoling"]["received"] == 1 and by_matter["gaoling"]["avg_workdays"] is None
    assert by_matter["dabing"]["on_time"] == 0 and by_matter["dabing"]["finished"] == 1


def test_callback_satisfaction_by_hand(cases_hall: Hall, cli: CliRun, tmp_path: Path) -> None:
    """On 9 Dec: case 1 collected and called back 满意, case 3 collected and called back 不满意,
    a new 即办件 at window 1 collected and called back 未接通 (left out of the rate)."""
    hall = cases_hall
    first, third = (c.number for c in hall.find_cases("王秀兰", "1234") if c.state == "finished")
    hall.sign_in(13, "zh13")
    for number in (first, third):
        hall.case_step(number, "已领取", window=1)
    ticket = hall.issue("A", matter="linshi")
    hall.call_ticket(ticket.label, 1)
    new = hall.open_case(ticket.label, window=1, kind="即办件", name="李四", last4="5678")
    hall.case_step(new.number, "办结", window=1)
    hall.case_step(new.number, "已领取", window=1)
    numbers = {hall.case(n).window: n for n in (first, third)}
    hall.record_callback(numbers[1], "满意", window=1)
    hall.record_callback(numbers[13], "不满意", window=13)
    hall.record_callback(new.number, "未接通", window=1)
    report = case_report(hall, Period(D(2026, 12, 9), D(2026, 12, 9)))
    calls = {k: report.totals[k] for k in ("callbacks", "callback_rate")}
    assert calls == {"callbacks": 3, "callback_rate": 0.5}
    by_window = {r["number"]: (r["callbacks"], r["callback_rate"]) for r in report.groups["window"]}
    assert by_window == {1: (2, 1.0), 13: (1, 0.0)}
    earlier = case_report(hall, Period(D(2026, 11, 23), D(2026, 12, 8)))
    assert (earlier.totals["callbacks"], earlier.totals["callback_rate"]) == (0, None)

    path = tmp_path / "r.xlsx"
    write_xlsx(build_report(hall, Period(D(2026, 12, 9), D(2026, 12, 9))), path)
    cells = [[cell.value for cell in row] for row in load_workbook(path)["办件"].iter_rows()]
    assert cells[1][6:8] == ["回访", "回访满意率（%）"] and cells[2][6:8] == [3, 50.0]
    url = hall.store.url
    text = cli("--db", url, "report", "--from", "2026-12-09", "--to", "2026-12-09")
    assert "回访 3 件，回访满意率 50.0%" in text.stdout, text.stderr
    as_json = cli("--db", url, "report", "--from", "2026-12-09", "--to", "2026-12-09", "--json")
    assert as_json.json()["cases"]["totals"]["callback_rate"] == 0.5


def test_other_periods(cases_hall: Hall) -> None:
    accepted_only = case_report(cases_hall, Period(D(2026, 11, 23), D(2026, 11, 24)))
    assert accepted_only.totals == _figures(4, 0, 0, None, 1, None)  # overdue is "now"
    one_day = case_report(cases_hall, Period(D(2026, 12, 3), D(2026, 12, 3)))
    assert one_day.totals == _figures(0, 1, 1, 1.0, 1, 8.0)


def test_in_the_json_text_and_workbook(cases_hall: Hall, cli: CliRun, tmp_path: Path) -> None:
    report = build_report(cases_hall, Period(D(2026, 11, 23), D(2026, 12, 9)))
    assert report.as_dict()["cases"]["totals"] == _figures(4, 2, 1, 0.5, 1, 4.5)
    assert [r["number"] for r in report.as_dict()["cases"]["by_window"]] == [1, 13]
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    sheet = load_workbook(path)["办件"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "办件合计"
    assert cells[1][:6] == [
        "受理",
        "办结",
        "按时办结",
        "按时办结率（%）",
        "当前超期",
        "平均用时（工作日）",
    ]
    assert cells[2][:6] == [4, 2, 1, 50.0, 1, 4.5]
    url = cases_hall.store.url
    text = cli("--db", url, "report", "--from", "2026-11-23", "--to", "2026-12-09")
    assert text.returncode == 0, text.stderr
    assert "按时办结率" in headings(text.stdout.splitlines())
    assert "50.0%" in text.stdout and "综合受理" in text.stdout
    as_json = cli("--db", url, "report", "--from", "2026-11-23", "--to", "2026-12-09", "--json")
    assert as_json.json()["cases"]["totals"]["received"] == 4


async def test_the_manager_screen_has_a_cases_tab(cases_hall: Hall, tmp_path: Path) -> None:
    from textual.widgets import DataTable, Input

    from servicehall.reports.manager_app import ManagerApp

    app = ManagerApp(cases_hall, export_dir=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await workers_done(app)
        app.query_one("#start", Input).value = "2026-11-23"
        app.action_load()
        await pilot.pause()
        await workers_done(app)
        await pilot.click("#cases")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        table = app.query_one("#table", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0] == ["合计", "", "4", "2", "1", "50.0%", "1", "4.5", "0", "—"]
        assert ["按窗口", "13 综合受理", "1", "1", "0", "0.0%", "0", "1.0", "0", "—"] in rows
        assert ["按受理人", "mz01", "3", "1", "1", "100.0%", "1", "8.0", "0", "—"] in rows
