"""Input from people is data: names, labels and arguments with markup, control characters or
absurd sizes are printed as they are or refused in one line, never a traceback, never stored
broken."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from servicehall.cli import main
from servicehall.config import HallConfig, sample_text
from servicehall.queue import FixedClock, Hall, UnknownInput
from servicehall.queue.clerks import save_clerk
from servicehall.queue.statements import TICKETS

ESC = "\x1b"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SERVICEHALL_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("SERVICEHALL_IGNORE_HOURS", "1")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _one_error(err: str, *words: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


def test_markup_in_arguments_is_text(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("take", "[/]")
    assert code == 2
    _one_error(err, "[/]")
    code, out, err = cli("leader", "set", "[/]", "--title", "[b]副镇长")
    assert code == 0, err
    assert "[/] [b]副镇长" in out
    for args in (("status",), ("leader", "show"), ("events",), ("report",)):
        code, out, err = cli(*args)
        assert code == 0, (args, err)
    assert "[/]" in cli("status")[1]


def test_control_characters_and_long_names_are_refused(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("leader", "set", f"张{ESC}[31m三")
    assert code == 2
    _one_error(err, "控制字符")
    assert ESC not in err
    code, _, err = cli("leader", "set", "很" * 33)
    assert code == 2
    _one_error(err, "32")
    code, _, err = cli("call", "next", "--window", "1", "--clerk", f"x{ESC}y")
    assert code == 2
    _one_error(err, "控制字符")


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--limit", "1e20"),
        ("events", "--limit", "100000000000000000000"),
        ("events", "--after", "100000000000000000000"),
        ("events", "--window", "100000000000000000000"),
        ("call", "next", "--window", "-1"),
        ("call", "pick", "99999999999999999999999", "--window", "1"),
        ("call", "cancel", f"A0{ESC}1"),
        ("events", "--ticket", "²"),
    ],
)
def test_absurd_numbers_get_one_line(cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli(*args)
    assert code == 2
    _one_error(err)
    assert ESC not in err


def test_report_to_an_impossible_place(cli) -> None:  # type: ignore[no-untyped-def]
    code, _, err = cli("report", "--xlsx", "/proc/x.xlsx")
    assert code != 0
    _one_error(err, "/proc/x.xlsx")


def test_hall_toml_names_with_markup(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = sample_text().replace('name = "民政"', 'name = "民政[/]"', 1)
    text = text.replace('name = "青石镇便民服务中心"', 'name = "青石镇[b]中心"', 1)
    (tmp_path / "hall.toml").write_text(text, "utf-8")
    for args in (("check-config",), ("status",), ("take", "A", "--matter", "dibao"), ("report",)):
        code, out, err = cli(*args)
        assert code == 0, (args, err)
    assert "民政[/]" in cli("status")[1]
    assert "青石镇[b]中心" in cli("check-config")[1]


def test_control_characters_in_hall_toml_are_refused(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = sample_text().replace('name = "民政"', 'name = "民\\u001b[2J政"', 1)
    (tmp_path / "hall.toml").write_text(text, "utf-8")
    code, _, err = cli("check-config")
    assert code == 2
    _one_error(err, "控制字符", "services[0].name")


def test_core_refuses_names_the_columns_cannot_hold(hall: Hall) -> None:
    with pytest.raises(UnknownInput):
        hall.set_leader("x" * 33)
    with pytest.raises(UnknownInput):
        hall.sign_in(1, f"mz{ESC}01")
    with pytest.raises(UnknownInput):
        save_clerk(hall.store, hall.code, "007", "王" * 40, "1234")
    with pytest.raises(UnknownInput):
        save_clerk(hall.store, hall.code, f"0{ESC}7", "王芳", "1234")
    assert hall.events(after=2**70) == []
    assert hall.events(window=2**70) == []
    with pytest.raises(UnknownInput):
        hall.ticket(2**70)


def test_on_postgresql_too_long_is_a_refusal_not_a_data_error(
    pg_db_url: str, config: HallConfig, clock: FixedClock
) -> None:
    hall = Hall.open(config, db=pg_db_url, clock=clock)
    with pytest.raises(UnknownInput):
        hall.set_leader("张" * 40)
    with pytest.raises(UnknownInput):
        hall.call_next(1, clerk="c" * 40)
    with pytest.raises(UnknownInput):
        hall.ticket("99999999999999999999")
    hall.close()


def test_xlsx_export_of_an_old_name_with_control_characters(
    hall: Hall, tmp_path: Path, clock: FixedClock
) -> None:
    """A clerk id stored before names were checked still exports (the character is dropped)."""
    ticket = hall.issue("A", matter="dibao")
    hall.call_next(1)
    hall.finish(1)
    hall.store.write(
        lambda conn: conn.execute(
            update(TICKETS).where(TICKETS.c.id == ticket.id).values(clerk=f"mz{ESC}01")
        )
    )
    from servicehall.reports.export_xlsx import write_xlsx
    from servicehall.reports.period import make_period
    from servicehall.reports.report import ALL_BREAKDOWNS, build_report

    day: dt.date = clock.now().date()
    report = build_report(hall, make_period(day, None, None, None), ALL_BREAKDOWNS)
    path = tmp_path / "r.xlsx"
    write_xlsx(report, path)
    cells = [c.value for row in load_workbook(path)["按工作人员"].iter_rows() for c in row]
    assert "mz01" in cells
