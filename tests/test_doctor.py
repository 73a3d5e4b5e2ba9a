"""`servicehall doctor`: each check passes, warns or fails on a real machine state, in Chinese."""

from __future__ import annotations

import datetime as dt
import json
import socket
from pathlib import Path

import pytest

from servicehall.backup import backup
from servicehall.config import HallConfig
from servicehall.doctor import (
    FAIL,
    OK,
    WARN,
    check_backups,
    check_clock,
    check_database,
    check_printer,
    check_voice,
    newest_record,
)
from servicehall.queue import FixedClock, Hall

from support.cli import CliRun


def test_database_missing_schema_then_ready(config: HallConfig, db_url: str) -> None:
    missing = check_database(config, db_url)
    assert missing.state == FAIL and "init" in missing.fix
    Hall.open(config, db=db_url).close()
    assert check_database(config, db_url).state == OK


def test_database_unreachable(config: HallConfig) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    result = check_database(config, f"postgresql+psycopg://nobody@127.0.0.1:{port}/x")
    assert result.state == FAIL and "无法连接数据库" in result.detail


def test_printer_that_does_not_answer_fails(config: HallConfig) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    printer = config.printer.model_copy(
        update={"connection": "network", "host": "127.0.0.1", "port": port, "timeout_s": 1}
    )
    result = check_printer(config.model_copy(update={"printer": printer}))
    assert result.state == FAIL and "print-test" in result.fix
    assert check_printer(config).state == WARN  # the sample's preview printer


def test_missing_voice_engine_fails(config: HallConfig) -> None:
    voice = config.voice.model_copy(update={"command": ["no-such-voice-engine", "-v", "cmn"]})
    result = check_voice(config.model_copy(update={"voice": voice}))
    assert result.state == FAIL and "no-such-voice-engine" in result.detail


def test_doctor_command_json_and_exit_code(tmp_path: Path, cli: CliRun) -> None:
    db = f"sqlite:///{tmp_path / 'hall.db'}"
    before = cli("--db", db, "doctor", "--role", "server", "--json")
    assert before.returncode == 1
    assert json.loads(before.stdout)["ok"] is False
    assert cli("--db", db, "init").returncode == 0
    after = cli("--db", db, "doctor", "--role", "server", "--json")
    assert after.returncode == 0, after.stdout
    states = {c["name"]: c["state"] for c in json.loads(after.stdout)["checks"]}
    # the sample hall still has the published staff PIN, and no backup yet: warnings
    assert states == {"配置文件": WARN, "系统时间": OK, "数据库": OK, "备份": WARN}


def test_the_table_shows_every_word_in_an_80_column_terminal(
    tmp_path: Path, cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The advice is read by a person at the hall's PC: no cell cut with "…" (a run of Chinese
    has no space to wrap at), and a section name like [printer] shown as it is written."""
    monkeypatch.setenv("COLUMNS", "80")
    db = f"sqlite:///{tmp_path / 'hall.db'}"
    assert cli("--db", db, "init").returncode == 0
    shown = cli("--db", db, "doctor", "--role", "kiosk")
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80
    assert "…" not in shown.stdout
    assert "[printer]" in shown.stdout and "\\[" not in shown.stdout
    text = "".join(line.strip("│ ") for line in shown.stdout.splitlines())
    assert "接好热敏打印机后在" in text  # the printer's advice, folded onto lines but whole


def test_a_clock_set_back_is_noticed(config: HallConfig, db_url: str) -> None:
    """Another PC (or this one, before it was set back) wrote a record an hour ahead."""
    ahead = FixedClock(dt.datetime.now(config.hall.tz) + dt.timedelta(hours=1))
    assert check_clock(config, newest_record(config, db_url)).state == OK  # no database yet
    hall = Hall.open(config, db=db_url, clock=ahead, enforce_hours=False)
    hall.issue("A", matter="dibao")
    hall.close()
    result = check_clock(config, newest_record(config, db_url))
    assert result.state == WARN and "早 60 分钟" in result.detail and "NTP" in result.fix


def test_backups_are_checked(
    config: HallConfig, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICEHALL_BACKUP_DIR", str(tmp_path / "backups"))
    assert check_backups(config).state == WARN
    hall = Hall.open(config, db=db_url)
    made = backup(hall.store, hall.code, tmp_path / "backups")
    hall.close()
    assert check_backups(config).state == OK
    made.rename(made.with_name("servicehall-qingshi-20200101-120000.db"))
    stale = check_backups(config)
    assert stale.state == WARN and "天没有备份" in stale.detail


def test_terminal_grid_below_the_smallest_fails_with_the_fix() -> None:
    from servicehall.doctor import check_terminal

    small = check_terminal("display", (50, 15))
    assert small.state == FAIL
    assert "50×15" in small.detail and "54×16" in small.detail and "叫号屏" in small.detail
    assert "SERVICEHALL_FONT_PX" in small.fix and "servicehall-xterm" in small.fix
    fine = check_terminal("kiosk", (70, 23))
    assert fine.state == OK and "70×23" in fine.detail and "56×20" in fine.detail
    assert check_terminal("kiosk", (56, 20)).state == OK  # the smallest grid itself works
    assert check_terminal("clerk", (79, 24)).state == FAIL
    assert check_terminal("server").state == OK  # no screen to check
    rate = check_terminal("rate", (35, 12))  # the rating pad is not served to a browser
    assert rate.state == FAIL and "servicehall serve" not in rate.fix


def test_the_manager_needs_an_office_terminal_as_it_opens() -> None:
    """The manager runs in the office PC's own terminal, not the units' xterm: below 80×24 the
    fix is a larger window or a smaller font, or the browser."""
    from servicehall.doctor import check_terminal

    small = check_terminal("manager", (79, 24))
    assert small.state == FAIL and "统计报表" in small.detail and "80×24" in small.detail
    assert "servicehall-xterm" not in small.fix and "servicehall serve manager" in small.fix
    fine = check_terminal("manager", (80, 24))
    assert fine.state == OK and fine.detail == "80×24 字符（最小 80×24）"


def test_no_terminal_is_not_a_small_one() -> None:
    """Run in a pipe with COLUMNS set (a cron job, a script), Python finds a terminal of 80×0
    (``shutil.get_terminal_size``): the doctor says it is not in a terminal, as without
    COLUMNS, instead of failing the screen."""
    from servicehall.doctor import check_terminal

    found = check_terminal("kiosk", (80, 0))
    assert found.state == WARN and found.detail == "不是在终端里运行，无法检查字符网格"
