"""``servicehall --lang en …`` says everything in English: the hall's everyday commands, their
errors, reports, cases, the doctor and the help run in-process on a hall whose names (data from
hall.toml) are ASCII, and no Chinese is left in what they print but the hall's own terms given
once in brackets after their English ("finish (办结)"), as staff meet them on paper and screens."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from servicehall.config import parse_config, sample_text
from servicehall.pins import hash_pin
from servicehall.queue import Hall

from support.cli import CliResult, CliRun

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
"""Chinese characters and the full-width punctuation that goes with them."""


def ascii_hall_toml() -> str:
    """The sample hall.toml with every Chinese text value (names: data) made ASCII, keeping
    the placeholders a value needs (the voice's phrase)."""
    counter = itertools.count(1)

    def ascii_value(found: re.Match[str]) -> str:
        text = found.group(0)
        if not CJK.search(text):
            return text
        return '"' + " ".join([f"Data{next(counter)}", *re.findall(r"\{\w+\}", text)]) + '"'

    sample_pin = re.search(r'staff_pin_hash = "([^"]+)"', sample_text())
    assert sample_pin is not None
    lines = [
        re.sub(r'"[^"]*"', ascii_value, line.partition("#")[0])
        for line in sample_text().splitlines()
    ]
    # the sample's public PIN is a warning (config/models.py's words are not this test's)
    return "\n".join(lines).replace(sample_pin.group(1), hash_pin("97531")) + "\n"


@pytest.fixture
def english(
    tmp_path: Path, cli: CliRun, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """``servicehall --lang en ARGS`` on an ASCII hall of its own, at any hour."""
    config = tmp_path / "hall.toml"
    config.write_text(ascii_hall_toml(), encoding="utf-8")
    parse_config(config.read_text(encoding="utf-8"))  # the hall is a valid one
    monkeypatch.setenv("SERVICEHALL_CONFIG", str(config))
    monkeypatch.setenv("SERVICEHALL_DB", f"sqlite:///{tmp_path / 'english.db'}")
    monkeypatch.setenv("SERVICEHALL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SERVICEHALL_IGNORE_HOURS", "1")

    def run(*args: str) -> CliResult:
        return cli("--lang", "en", *args)

    return run


GLOSS = re.compile(r"\(\s*[\u4e00-\u9fff]+\s*[)|:]?")
"""A hall's term after its English: "(办结)", or one cut by a table's column edge "(办结"."""


def chinese_in(result: CliResult) -> list[str]:
    """The lines of the output (both streams) with Chinese in them, hall terms in brackets
    after their English left out."""
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if CJK.search(GLOSS.sub("", line))]


def test_the_everyday_commands_speak_english(english: Callable[..., CliResult]) -> None:
    assert english("init").returncode == 0
    commands = [
        ("check-config",),
        ("take", "A"),
        ("take", "A", "--priority"),
        ("status",),
        ("call", "next", "--window", "1"),
        ("call", "finish", "--window", "1"),
        ("call", "next", "--window", "1"),
        ("window", "pause", "--window", "2"),
        ("leader", "show"),
        ("events", "--limit", "5"),
        ("report",),
        ("report", "--by", "clerk"),
        ("report", "--csv"),
        ("report", "--county"),
        ("cases",),
        ("cases", "--overdue"),
        ("cases", "callbacks"),
        ("clerk", "list"),
    ]
    for command in commands:
        result = english(*command)
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.strip(), command
        assert chinese_in(result) == [], command


@pytest.mark.parametrize(
    ("command", "code", "start"),
    [
        (("call", "finish", "--window", "99"), 2, "Error: There is no window 99"),
        (("call", "finish"), 2, "Error: call finish needs --window NUMBER"),
        (("report", "--day", "yesterday"), 2, "Error: Write the date as YYYY-MM-DD"),
        (("report", "--from", "2026-12-02", "--to", "2026-12-01"), 2, "Error: The first day"),
        (("events", "--day", "1.12."), 2, "Error: Write the date as YYYY-MM-DD"),
        (("cases", "find", "--name", "Wang", "--last4", "12"), 2, "Error: "),
        (("take", "Z"), 2, "Error: "),
        (("clerk",), 2, "Error: servicehall clerk needs --window"),
        (("status", "--window"), 2, "Error: servicehall: unrecognized arguments"),
        (("status", "--config", "nothere.toml"), 2, "Error: Config file nothere.toml not found"),
        (("restore", "nothere.db", "--yes"), 7, "Error: Backup file nothere.db not found"),
    ],
)
def test_a_refusal_is_one_english_line(
    english: Callable[..., CliResult], command: tuple[str, ...], code: int, start: str
) -> None:
    result = english(*command)
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith(start), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert chinese_in(result) == []


def test_the_doctor_speaks_english(english: Callable[..., CliResult]) -> None:
    assert english("init").returncode == 0
    result = english("doctor", "--role", "server")
    assert "Checks of this PC (role: server)" in result.stdout
    assert chinese_in(result) == []


@pytest.mark.parametrize(
    "command",
    [(), ("take",), ("call",), ("report",), ("doctor",), ("cases",), ("cases", "open"), ("clerk",)],
)
def test_the_help_is_english(english: Callable[..., CliResult], command: tuple[str, ...]) -> None:
    result = english(*command, "--help")
    assert result.returncode == 0
    assert chinese_in(result) == [], result.stdout


def test_the_exports_follow_the_language(english: Callable[..., CliResult], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert english("take", "A").returncode == 0
    assert english("call", "next", "--window", "1").returncode == 0
    assert english("call", "finish", "--window", "1").returncode == 0
    workbook = tmp_path / "report.xlsx"
    assert english("report", "--xlsx", str(workbook)).returncode == 0
    book = load_workbook(workbook)
    assert book.sheetnames[:2] == ["Summary", "By service"]
    words = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(max_row=2)
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert [word for word in words if CJK.search(word)] == []
    csv = english("report", "--csv").stdout
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("Code,Service,Taken,Finished")


def test_the_manager_screen_and_audit_words_are_english() -> None:
    from servicehall.i18n import language, set_language
    from servicehall.reports.audit import detail_text, event_name
    from servicehall.reports.columns import FIGURE_COLUMNS
    from servicehall.reports.manager_app import summary_text
    from servicehall.reports.period import Period
    from servicehall.reports.report import Report

    before = language()
    set_language("en")
    try:
        assert event_name("finish") == "finished"
        said = detail_text({"rating": "basic", "waited_s": 90})
        assert said == "rating=fairly satisfied, waited (s)=90"
        day = dt.date(2026, 12, 2)
        totals = {column.key: 1 for column in FIGURE_COLUMNS}
        text = summary_text(Report("Hall", Period(day, day), totals)).plain
        assert text.startswith("Hall  2026-12-02\nTaken 1   finished 1")
        assert not CJK.search(text)
    finally:
        set_language(before)


def test_opening_hours_and_windows_are_said_the_language_s_way() -> None:
    """The open days, the periods and the window numbers are joined as each language joins
    them (the English kiosk said "08:30-12:00、14:00-17:30")."""
    from servicehall.config import load_config
    from servicehall.i18n import language, set_language
    from servicehall.kiosk.strings import hours_text, windows_text

    config = load_config(None)
    before = language()
    try:
        set_language("zh")
        assert hours_text(config) == "办公时间：周一至周五 08:30-12:00、14:00-17:30"
        assert windows_text(config, "A") == "1、13 号窗口"
        set_language("en")
        assert hours_text(config) == "Opening hours: Mon - Fri 08:30-12:00, 14:00-17:30"
        assert not CJK.search(hours_text(config) + windows_text(config, "A"))
    finally:
        set_language(before)


def test_the_phone_page_names_the_windows_the_language_s_way(hall: Hall) -> None:
    """A served phone page in English said "window 1、13"."""
    from servicehall.i18n import language, set_language
    from servicehall.phone.state import ticket_state

    ticket = hall.issue("A")
    before = language()
    try:
        set_language("en")
        state = ticket_state(ticket, hall.config, None)
        assert "1, 13" in state.windows and not CJK.search(state.windows)
        set_language("zh")
        assert "1、13" in ticket_state(ticket, hall.config, None).windows
    finally:
        set_language(before)
