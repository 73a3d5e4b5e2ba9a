"""README.md's command lines work as written: every one parses with the real command-line parser
(``servicehall``'s, ``run_kiosk.py``'s, the Makefile's targets), and the cheap ones run on a small
hall and succeed, so the README cannot drift from the commands again."""

from __future__ import annotations

import argparse
import io
import re
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pytest

from servicehall.cli import build_parser
from servicehall.config import load_config, sample_text
from servicehall.queue import Hall
from servicehall.queue.clerks import save_clerk

from support.cli import CliRun, parse_run_kiosk
from support.readme import ROOT, Documented, documented_commands, variants

COMMANDS = documented_commands()
PARSER = build_parser()
"""``servicehall``'s parser, built once: parsing does not change it (it was built 175 times at
collection, in every test process)."""

NOT_COMMANDS = {
    "servicehall": "the program's name in prose",
    "python -m servicehall": "the program's other name in prose",
    "servicehall serve": "names the command in prose; its full lines open “The hall in a browser”",
    "servicehall keypad": "a section title; the full line is in the section's first code block",
    "servicehall rate": "a section title; the full line is in the section's first code block",
    "servicehall restore": "a section title; the full lines are in the section's code block",
    "servicehall db grant …": "step 2 of a PC's setup refers back to the full line in the "
    "PostgreSQL section",
    "servicehall simulate": "names the command in prose; its full lines are in the Reports "
    "section's code block and the command table",
}
"""Lines that look like commands but name one in prose; each must still be in the README."""

RUNS = {
    "init",
    "sample-config",
    "check-config",
    "take",
    "print-test",
    "printer-status",
    "reprint",
    "call",
    "window",
    "leader",
    "status",
    "events",
    "report",
    "simulate",
    "hash-pin",
    "clerk add",
    "clerk list",
    "clerk remove",
    "db upgrade",
}
"""The commands cheap enough to run here (screens, servers, speech and PostgreSQL are parsed)."""


def _finish_window_1(hall: Hall) -> None:
    hall.finish(1)  # a window pauses only between villagers


def _pause_window_1(hall: Hall) -> None:
    hall.finish(1)
    hall.pause(1)


def _skip_a012(hall: Hall) -> None:
    hall.call_ticket("A012", 13)  # window 13 serves 民政 too
    hall.skip(13)  # a no-show who came back


SETUP = {
    ("window", "pause"): _finish_window_1,
    ("window", "resume"): _pause_window_1,
    ("call", "requeue"): _skip_a012,
}
"""What the hall needs before a command makes sense (the template serves A001 at window 1)."""

URL_PLACEHOLDER = "sqlite:///readme-hall.db"


def _id(documented: Documented) -> str:
    return f"L{documented.line}: {documented.text}"


def _parse(argv: list[str]) -> argparse.Namespace:
    """The real parser; a usage error fails the test with argparse's own message."""
    errors = io.StringIO()
    try:
        with redirect_stderr(errors):
            return PARSER.parse_args(argv)
    except SystemExit:
        pytest.fail(f"servicehall {' '.join(argv)!s} is refused:\n{errors.getvalue()}")


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*):", makefile, re.M))


def _cheap(argv: list[str]) -> bool:
    """Whether the command is one of ``RUNS`` (a line that does not parse is run, and fails)."""
    try:
        with redirect_stderr(io.StringIO()):
            args = PARSER.parse_args(argv)
    except SystemExit:
        return True
    words = [args.command]
    if args.command == "clerk" and getattr(args, "clerk_command", None):
        words.append(args.clerk_command)
    if args.command == "db":
        words.append(args.db_action)
    return " ".join(words) in RUNS


@pytest.mark.parametrize("documented", COMMANDS, ids=_id)
def test_every_command_line_parses(documented: Documented) -> None:
    if documented.text in NOT_COMMANDS:
        return
    forms = variants(documented.notation, URL_PLACEHOLDER)
    for argv in forms:
        if documented.program == "servicehall":
            assert argv, "a bare `servicehall` belongs in NOT_COMMANDS"
            _parse(argv)
        elif documented.program == "run_kiosk.py":
            args = parse_run_kiosk(*argv)
            assert args.command == "kiosk"
        elif documented.program == "make":
            assert set(argv) <= _make_targets(), f"make {argv} names a target the Makefile lacks"
        else:
            pytest.fail(f"no parser for {documented.program}")


def test_the_exceptions_are_still_in_the_readme() -> None:
    texts = {documented.text for documented in COMMANDS}
    assert set(NOT_COMMANDS) <= texts


def test_make_run_starts_the_kiosk_with_options_it_accepts() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run:.*\n\t(.+)$", makefile, re.M)
    assert recipe is not None
    options = recipe.group(1).split("run_kiosk.py", 1)[1].split()
    args = parse_run_kiosk(*options)
    assert args.ignore_hours and args.preview


# ------------------------------------------------------------------ running the cheap ones


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Today's hall (the commands use the real clock): A001 at window 1, A002–A012 waiting,
    clerk 007 registered."""
    folder = tmp_path_factory.mktemp("readme")
    hall = Hall.open(load_config(None), db=f"sqlite:///{folder / 'hall.db'}", enforce_hours=False)
    for _ in range(12):
        hall.issue("A", matter="dibao")
    hall.call_next(1, clerk="mz01")
    save_clerk(hall.store, hall.code, "007", "王芳", "246810")
    hall.close()
    return folder / "hall.db"


RUNNABLE = [
    pytest.param(argv, id=f"L{documented.line}: {' '.join(argv)}")
    for documented in COMMANDS
    if documented.program == "servicehall" and documented.text not in NOT_COMMANDS
    for argv in variants(documented.notation, URL_PLACEHOLDER)
    if _cheap(argv)
    and ("--db" not in documented.notation.split() or "URL" in documented.notation.split())
]
"""The cheap commands' variants; one with its own ``--db`` (another PC's server) is parsed only."""


@pytest.mark.parametrize("argv", RUNNABLE)
def test_the_cheap_commands_run_as_written(
    argv: list[str], template: Path, tmp_path: Path, cli: CliRun
) -> None:
    shutil.copy(template, tmp_path / "hall.db")
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    # the sample with 短信提醒 on, so `take --sms` can register a number
    hall_toml = sample_text().replace("enabled = false", "enabled = true")
    (tmp_path / "hall.toml").write_text(hall_toml, "utf-8")
    argv = [url if arg == URL_PLACEHOLDER else arg for arg in argv]
    setup = next((step for key, step in SETUP.items() if argv[: len(key)] == list(key)), None)
    if setup is not None:
        hall = Hall.open(load_config(None), db=url, enforce_hours=False)
        setup(hall)
        hall.close()
    result = cli(
        *argv,
        env={"SERVICEHALL_DB": url, "SERVICEHALL_IGNORE_HOURS": "1"},
        stdin="246810\n",
    )
    assert result.returncode == 0, result.stderr
