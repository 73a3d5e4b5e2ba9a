"""``servicehall cases``: accept, step, show, find, the open and overdue lists (``--json`` keys
stable for scripts), one-line refusals with the CLI's exit codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from servicehall.config import HallConfig, sample_text
from servicehall.queue import FixedClock, Hall

from support.cli import CliRun

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
CASE_KEYS = {
    "agent", "agent_staff", "clerk", "closed_at", "day", "due", "finished_at", "finished_by",
    "kind", "last4", "matter", "matter_name", "name", "number", "on_time", "opened_at",
    "promised_day", "service", "sms", "state", "steps", "supplemented", "ticket", "window",
    "workdays_left", "workdays_taken",
}  # fmt: skip


@pytest.fixture
def db(tmp_path: Path, cli: CliRun) -> str:
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    env = {"SERVICEHALL_IGNORE_HOURS": "1"}
    assert cli("--db", url, "take", "A", "--matter", "dibao", env=env).returncode == 0
    assert cli("--db", url, "call", "next", "--window", "1", "--clerk", "mz01").returncode == 0
    return url


def test_open_step_show_and_list(cli: CliRun, db: str) -> None:
    opened = cli(
        "--db", db, "cases", "open", "--ticket", "A001", "--window", "1", "--kind", "承诺件",
        "--name", "王秀兰", "--last4", "1234", "--agent", "刘干事", "--json",
    ).json()  # fmt: skip
    assert set(opened) == CASE_KEYS
    assert (opened["kind"], opened["agent_staff"], opened["state"]) == (
        "promised",
        "刘干事",
        "open",
    )
    number = opened["number"]
    step = cli("--db", db, "cases", "step", number, "补正", "--window", "1", "--note", "户口簿")
    assert step.returncode == 0, step.stderr
    assert "户口簿" in step.stdout and "补正" in step.stdout
    listed = cli("--db", db, "cases", "--json").json()
    assert [c["number"] for c in listed] == [number]
    assert cli("--db", db, "cases", "--overdue", "--json").json() == []
    assert cli("--db", db, "cases", "--window", "2", "--json").json() == []
    table = cli("--db", db, "cases")
    assert number in table.stdout and "王秀兰" in table.stdout
    assert cli("--db", db, "cases", "--window", "2").stdout == "没有在办的办件\n"  # no table
    shown = cli("--db", db, "cases", "show", number.replace("-", ""), "--json").json()
    assert [s["step"] for s in shown["steps"]] == ["accept", "supplement"]
    found = cli("--db", db, "cases", "find", "--name", "王秀兰", "--last4", "1234", "--json")
    assert [c["number"] for c in found.json()] == [number]
    nothing = cli("--db", db, "cases", "find", "--name", "王秀", "--last4", "1234", "--json")
    assert nothing.json() == []


def test_refusals_are_one_line_with_exit_codes(cli: CliRun, db: str) -> None:
    bad_kind = cli(
        "--db", db, "cases", "open", "--ticket", "A001", "--window", "1", "--kind", "急件",
        "--name", "王秀兰", "--last4", "1234",
    )  # fmt: skip
    assert bad_kind.returncode == 2
    assert bad_kind.stderr.strip().count("\n") == 0 and "即办件" in bad_kind.stderr
    unknown = cli("--db", db, "cases", "step", "2026-0101-001", "办结", "--window", "1")
    assert unknown.returncode == 2 and "没有找到办件" in unknown.stderr
    waiting = cli(
        "--db", db, "take", "A", "--matter", "dibao", env={"SERVICEHALL_IGNORE_HOURS": "1"}
    )
    assert waiting.returncode == 0
    not_served = cli(
        "--db", db, "cases", "open", "--ticket", "A002", "--window", "1", "--kind", "即办件",
        "--name", "李四", "--last4", "5678",
    )  # fmt: skip
    assert not_served.returncode == 4 and "A002" in not_served.stderr


def test_overdue_json_for_scripts(cli: CliRun, tmp_path: Path, config: HallConfig) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    clock = FixedClock(dt.datetime(2025, 1, 6, 10, 0, tzinfo=SHANGHAI))  # a Monday long ago
    hall = Hall.open(config, db=url, clock=clock)
    hall.sign_in(1, "mz01")
    ticket = hall.issue("A", matter="linshi")
    hall.call_ticket(ticket.label, 1)
    case = hall.open_case(ticket.label, window=1, kind="承诺件", name="李四", last4="5678")
    hall.close()
    overdue = cli("--db", url, "cases", "--overdue", "--json").json()
    assert [c["number"] for c in overdue] == [case.number] == ["2025-0106-001"]
    assert overdue[0]["due"] == "overdue" and overdue[0]["promised_day"] == "2025-01-20"
    assert overdue[0]["workdays_left"] < 0 and set(overdue[0]) == CASE_KEYS
    table = cli("--db", url, "cases", "--overdue")
    assert "已超期" in table.stdout


def test_open_prints_the_receipt_on_the_windows_printer(
    cli: CliRun, db: str, tmp_path: Path
) -> None:
    args = ("--ticket", "A001", "--window", "1", "--kind", "承诺件", "--last4", "1234", "--print")
    none = cli("--db", db, "cases", "open", *args, "--name", "王秀兰")
    assert none.returncode == 6 and "没有设置回执打印机" in none.stderr
    assert "2026-" in none.stdout  # the case was accepted all the same
    receipts = tmp_path / "receipts.bin"
    window_1 = 'number = 1\nname = "民政"\nservices = ["A"]\n'
    text = sample_text()
    assert window_1 in text
    config = tmp_path / "hall.toml"
    config.write_text(
        text.replace(
            window_1, window_1 + f'printer = {{ connection = "file", path = "{receipts}" }}\n'
        ),
        encoding="utf-8",
    )
    matter = ("--matter", "gaoling")  # a second case for the same ticket: another matter
    printed = cli(
        "--config", str(config), "--db", db, "cases", "open", *args, *matter, "--name", "王秀兰"
    )
    assert printed.returncode == 0, printed.stderr
    assert "高龄补贴" in receipts.read_bytes().decode("gb18030", errors="replace")
