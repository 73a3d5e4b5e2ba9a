"""The `servicehall` command as a script would use it: stable JSON keys and exit codes.

The commands run in-process (``support.cli``); one test starts ``python -m servicehall`` as its
own process, as a script does."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from servicehall.cli import build_parser
from servicehall.config import load_config, sample_text
from servicehall.i18n import language, set_language
from servicehall.queue import FixedClock, Hall

from support.cli import CliResult, CliRun
from support.halls import OPEN_MONDAY

ROOT = Path(__file__).parent.parent


@pytest.fixture
def run(tmp_path: Path, cli: CliRun, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """The command on this test's database, at any hour unless ``ignore_hours=False``."""
    monkeypatch.setenv("SERVICEHALL_DB", f"sqlite:///{tmp_path / 'cli.db'}")

    def _run(*args: str, ignore_hours: bool = True) -> CliResult:
        if ignore_hours:
            monkeypatch.setenv("SERVICEHALL_IGNORE_HOURS", "1")
        else:
            monkeypatch.delenv("SERVICEHALL_IGNORE_HOURS", raising=False)
        return cli(*args)

    return _run


def _json(result: CliResult) -> dict:
    return dict(result.json())


def test_take_call_finish_status_report(run) -> None:  # type: ignore[no-untyped-def]
    assert run("init").returncode == 0
    taken = _json(run("take", "A", "--matter", "dibao", "--json"))
    assert set(taken) == {
        "id",
        "ticket",
        "service",
        "number",
        "matter",
        "ahead",
        "day",
        "issued_at",
        "priority",
        "wait",
    }
    assert (taken["ticket"], taken["number"], taken["ahead"]) == ("A001", 1, 0)
    assert set(taken["wait"]) == {"expected_s", "low_s", "high_s"}
    assert taken["wait"]["low_s"] <= taken["wait"]["expected_s"] <= taken["wait"]["high_s"]
    assert taken["issued_at"].endswith("+08:00")
    second = _json(run("take", "A", "--matter", "dibao", "--priority", "--json"))
    assert second["priority"] is True and second["ahead"] == 0

    called = _json(run("call", "next", "--window", "1", "--clerk", "mz01", "--json"))
    assert (called["ticket"], called["window"]) == ("A002", 1)
    status = _json(run("status", "--json"))
    assert {"day", "services", "windows", "leader"} <= set(status)
    window1 = next(w for w in status["windows"] if w["number"] == 1)
    assert (window1["current"], window1["clerk"], window1["state"]) == ("A002", "mz01", "open")
    service_a = next(s for s in status["services"] if s["code"] == "A")
    assert service_a["waiting"] == 1
    # a new A ticket waits behind A001 at window 1 (A002 is being served there)
    assert service_a["wait"]["expected_s"] > 0
    for service in status["services"]:  # null for the village desks on an ordinary day
        wait = service["wait"]
        assert set(wait or {}) == ({"expected_s", "low_s", "high_s"} if wait else set())
        assert (wait is not None) == service["available_today"]

    assert _json(run("call", "finish", "--window", "1", "--json"))["ticket"] == "A002"
    report = _json(run("report", "--json"))
    assert report["totals"]["issued"] == 2 and report["totals"]["served"] == 1
    assert report["totals"]["waiting"] == 1


def test_nothing_waiting_is_not_an_error(run) -> None:  # type: ignore[no-untyped-def]
    assert _json(run("call", "next", "--window", "3", "--json"))["ticket"] is None


def test_exit_codes_for_bad_input_refusal_and_wrong_state(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unknown = run("take", "Q")
    assert unknown.returncode == 2 and "A 民政" in unknown.stderr
    assert run("call", "next", "--window", "99").returncode == 2
    wrong = run("call", "finish", "--window", "1")
    assert wrong.returncode == 4 and "没有正在办理" in wrong.stderr
    closed = tmp_path / "closed.toml"
    closed.write_text(
        sample_text().replace(
            'open_weekdays = ["mon", "tue", "wed", "thu", "fri"]', "open_weekdays = []"
        ),
        "utf-8",
    )
    refused = run("--config", str(closed), "take", "A", ignore_hours=False)
    assert refused.returncode == 3 and "办公时间" in refused.stderr
    for result in (unknown, wrong, refused):
        assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("leader",), "错误：servicehall leader：缺少必须给出的参数：action（-h 看用法）"),
        (("status", "--nope"), "错误：servicehall：不认识的参数：--nope（-h 看用法）"),
        (
            ("report", "--by", "day"),
            "错误：servicehall report：参数 --by：没有 'day' 这一项"
            "（可选：'service', 'matter', 'window', 'clerk', 'hour'）（-h 看用法）",
        ),
        (("take", "A", "--db"), "错误：servicehall take：参数 --db：后面要跟一个值（-h 看用法）"),
    ],
)
def test_a_mistyped_command_line_is_one_chinese_line(  # type: ignore[no-untyped-def]
    run, args: tuple[str, ...], said: str
) -> None:
    """argparse's own messages come from the catalogue too (``cli/argwords.py``)."""
    result = run(*args)
    assert (result.returncode, result.stderr.strip(), result.stdout) == (2, said, "")


def test_the_help_is_headed_in_the_language_asked_for(run) -> None:  # type: ignore[no-untyped-def]
    zh = run("take", "-h").stdout
    assert (
        zh.startswith("用法：servicehall take") and "\n选项:\n" in zh and "显示本帮助并退出" in zh
    )
    en = run("--lang", "en", "take", "-h").stdout
    assert en.startswith("usage: servicehall take") and "\noptions:\n" in en
    assert "show this help message and exit" in en and "选项" not in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_argument_of_every_command_says_what_it_is_for(lang: str) -> None:
    before = language()
    set_language(lang)
    try:
        missing = [
            f"{path} {action.option_strings or action.dest}"
            for path, parser in _parsers(build_parser(), "servicehall")
            for action in parser._actions
            if not isinstance(action, argparse._SubParsersAction) and not action.help
        ]
    finally:
        set_language(before)
    assert missing == []


def _parsers(
    parser: argparse.ArgumentParser, path: str
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, f"{path} {name}")


def test_english_messages_with_the_option_before_or_after_the_command(run) -> None:  # type: ignore[no-untyped-def]
    for args in (("--lang", "en", "take", "Q"), ("take", "Q", "--lang", "en")):
        result = run(*args)
        assert result.returncode == 2 and "No service with code Q" in result.stderr, args
    assert "No service" not in run("take", "Q").stderr  # the language does not stick


def test_python_m_servicehall_runs_as_its_own_process(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SERVICEHALL_DB": f"sqlite:///{tmp_path / 'x.db'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "servicehall", "take", "Q", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line
    assert "No service with code Q" in result.stderr and "Traceback" not in result.stderr


def test_transfer_requeue_and_audit_trail(run) -> None:  # type: ignore[no-untyped-def]
    run("take", "A", "--matter", "dibao")
    run("call", "next", "--window", "1")
    moved = _json(run("call", "transfer", "--window", "1", "--to", "B", "--json"))
    assert (moved["ticket"], moved["service"], moved["status"]) == ("A001", "B", "waiting")
    run("call", "next", "--window", "2")
    run("call", "skip", "--window", "2")
    assert _json(run("call", "requeue", "A001", "--json"))["status"] == "waiting"
    trail = run("events", "--ticket", "A001", "--json").json()
    kinds = [e["kind"] for e in trail]
    assert kinds == ["issue", "call", "transfer", "call", "skip", "requeue"]
    assert trail[1]["window"] == 1 and trail[3]["window"] == 2


def test_leader_set_and_show(run) -> None:  # type: ignore[no-untyped-def]
    _json(run("leader", "set", "赵敏", "--title", "副镇长", "--json"))
    shown = _json(run("leader", "show", "--json"))
    assert shown["leader"]["name"] == "赵敏" and shown["leader"]["changed_today"] is True


def test_sample_config_round_trips(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    printed = run("sample-config")
    (tmp_path / "hall.toml").write_text(printed.stdout, "utf-8")
    assert _json(run("check-config", "--json"))["services"] == 15


def test_audit_trail_of_an_earlier_day(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    clock = FixedClock(OPEN_MONDAY)
    hall = Hall.open(load_config(None), db=db, clock=clock)
    hall.issue("A", matter="dibao")
    hall.call_next(1)
    hall.finish(1)
    trail = run("events", "--ticket", "A001", "--day", "2026-11-23", "--json").json()
    assert [e["kind"] for e in trail] == ["issue", "call", "finish"]
    assert run("events", "--day", "2026-11-22").stdout == "没有符合条件的工作记录\n"  # no table
    bad = run("events", "--day", "23/11/2026")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_unusable_database_urls_are_refused_in_one_line(run) -> None:  # type: ignore[no-untyped-def]
    for url in ("mysql+pymysql://x@127.0.0.1/x", "not a url", "postgresql+nodriver://x@h/db"):
        result = run("--db", url, "status")
        assert result.returncode == 2, url
        assert "只支持" in result.stderr and "Traceback" not in result.stderr
