"""A command loads only what it needs: building the parser imports nothing heavy, ``status
--json`` loads the core but neither Rich nor any other command's dependencies, and a command that
does not need the hall loads neither SQLAlchemy nor pydantic. Each check runs in a fresh
interpreter and reads its ``sys.modules``; the times themselves are ``bench/bench_start.py``'s.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from servicehall.cli import COMMAND_MODULES, build_parser, command_name, modules_for

from support.cli import CliRun

HEAVY = (
    "sqlalchemy",
    "pydantic",
    "rich",
    "textual",
    "alembic",
    "psycopg",
    "aiohttp",
    "escpos",
    "openpyxl",
    "servicehall.queue",
    "servicehall.config",
    "servicehall.reports",
    "servicehall.printer",
)
_LOADED = """
import json, sys
from servicehall.cli import build_parser, main
code = {call}
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def loaded(call: str, tmp_path: Path, stdin: str = "") -> tuple[list[str], str]:
    """The modules a fresh interpreter holds after ``call``, and what it printed."""
    env = {**os.environ, "SERVICEHALL_HOME": str(tmp_path), "SERVICEHALL_IGNORE_HOURS": "1"}
    env.pop("SERVICEHALL_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", _LOADED.format(call=call)],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    modules = json.loads(done.stderr.strip().splitlines()[-1])
    return modules, done.stdout


def heavy(modules: list[str]) -> set[str]:
    return {h for h in HEAVY for m in modules if m == h or m.startswith(h + ".")}


@pytest.mark.slow
def test_building_the_parser_imports_nothing_heavy(tmp_path: Path) -> None:
    modules, _ = loaded("build_parser()", tmp_path)
    assert heavy(modules) == set()


@pytest.mark.slow
def test_status_json_loads_the_core_and_nothing_else(tmp_path: Path) -> None:
    loaded("main(['init'])", tmp_path)  # a database at this version: nothing to migrate
    modules, out = loaded("main(['status', '--json'])", tmp_path)
    assert json.loads(out)["services"]  # it did its work
    assert heavy(modules) == {"sqlalchemy", "pydantic", "servicehall.queue", "servicehall.config"}
    assert "sqlalchemy.dialects.postgresql" not in modules  # an SQLite hall
    commands = {m for m in modules if m.startswith("servicehall.cli.")}
    # the one command group, with the parser's own words (argwords: no import of its own)
    assert commands == {
        "servicehall.cli.common",
        "servicehall.cli.core_cmds",
        "servicehall.cli.argwords",
    }


@pytest.mark.slow
def test_what_a_quiet_command_does_not_use_is_not_loaded(tmp_path: Path) -> None:
    """No log record, no log file's handlers; no served app, no ctypes; SQLite, no PostgreSQL
    security; ``call`` estimates nothing, so the projection stays unloaded."""
    loaded("main(['init'])", tmp_path)
    status, _ = loaded("main(['status', '--json'])", tmp_path)
    call, out = loaded("main(['call', 'next', '--window', '1', '--json'])", tmp_path)
    assert json.loads(out)["ticket"] is None  # nobody waits: it did its work
    for modules in (status, call):
        assert not {"logging.handlers", "ctypes", "servicehall.queue.pg_security"} & set(modules)
    assert "servicehall.queue.estimate" in status  # status --json gives each service's wait
    assert "servicehall.queue.estimate" not in call
    log = tmp_path / "servicehall.log"
    before = log.stat().st_size if log.exists() else 0
    refused, _ = loaded("main(['call', 'finish', '--window', '99'])", tmp_path)
    assert "servicehall.cli.logfile" in refused  # a refusal is logged: the file opens
    assert log.stat().st_size > before


@pytest.mark.slow
def test_a_command_without_the_hall_loads_no_database_nor_config(tmp_path: Path) -> None:
    modules, out = loaded("main(['hash-pin'])", tmp_path, stdin="24681357\n")
    assert out.startswith("pbkdf2_sha256$")
    assert heavy(modules) == set()


def test_every_group_names_the_commands_it_registers() -> None:
    for module_name in COMMAND_MODULES:
        module = importlib.import_module(module_name)
        sub = argparse.ArgumentParser().add_subparsers()
        module.register(sub)
        assert tuple(sub.choices) == module.NAMES, module_name


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        (["status", "--json"], "servicehall.cli.core_cmds"),
        (["--db", "sqlite:///x.db", "-v", "report", "--by", "hour"], "servicehall.cli.report_cmds"),
        (["--lang", "en", "--config", "h.toml", "clerk", "list"], "servicehall.cli.clerk_cmds"),
        (["db", "upgrade"], "servicehall.cli.db_cmds"),
    ],
)
def test_main_builds_only_the_group_of_its_command(argv: list[str], module: str) -> None:
    assert modules_for(argv) == (module,)


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["nonsense"], ["--db", "take"]])
def test_without_a_known_command_every_group_is_built(argv: list[str]) -> None:
    assert modules_for(argv) == COMMAND_MODULES


def test_a_global_option_value_is_not_taken_for_the_command() -> None:
    assert command_name(["--db", "take", "--config", "status"]) is None
    assert command_name(["--db", "sqlite:///status.db", "take", "A"]) == "take"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("report", "--by", "weekday"), "'service', 'matter', 'window', 'clerk', 'hour'"),
        (
            ("db", "grant", "kiosk1", "--kind", "boss"),
            "'display', 'kiosk', 'phone', 'sms', 'window'",
        ),
        (("doctor", "--role", "tv"), "'kiosk', 'display', 'clerk', 'rate', 'manager', 'server'"),
    ],
)
def test_choices_read_late_still_refuse_a_wrong_value(
    cli: CliRun, args: tuple[str, ...], named: str
) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert named in result.stderr and result.stderr.startswith("错误")


def test_help_lists_the_choices_read_late() -> None:
    text = build_parser().format_help()  # the top level; the group's own help names them
    assert "report" in text
    report = build_parser()._subparsers._group_actions[0].choices["report"]  # type: ignore[union-attr]
    assert "service, matter, window, clerk, hour" in report.format_help()


def test_the_collector_is_back_on_once_a_command_has_its_config(cli: CliRun) -> None:
    """Off while a command starts (``main``), on before any long-running work, and on after."""
    from servicehall.cli.common import config_of

    gc.disable()
    try:
        config_of(argparse.Namespace(config=None))
        assert gc.isenabled()
    finally:
        gc.enable()
    assert cli("sample-config").returncode == 0  # a command that never reads the hall's config
    assert gc.isenabled()
