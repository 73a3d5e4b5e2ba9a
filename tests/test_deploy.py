"""The boot-to-role set-up files: systemd accepts the units, and every servicehall command line in
them is one the real command-line parser accepts (no stale subcommand or flag)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from servicehall.cli import build_parser

DEPLOY = Path(__file__).parent.parent / "deploy"
UNITS = DEPLOY / "systemd"
VENV_BIN = "/opt/servicehall/.venv/bin/servicehall"
XTERM_SCRIPT = "/opt/servicehall/deploy/servicehall-xterm"
INSTANCES = {
    "servicehall-clerk@.service": "3",
    "servicehall-serve@.service": "display",
    "servicehall-browser@.service": "display",
}


def _exec_lines(unit: Path) -> list[str]:
    lines = []
    for raw in unit.read_text("utf-8").splitlines():
        key, _, value = raw.partition("=")
        if key.strip() in ("ExecStart", "ExecStartPre"):
            lines.append(value.strip().lstrip("-"))
    return lines


def _servicehall_args(command: str, instance: str) -> list[str] | None:
    """The servicehall arguments of a command line (the xterm script passes its own on)."""
    words = shlex.split(command.replace("%i", instance).replace("${SERVICEHALL_PORT}", "8000"))
    for program in (VENV_BIN, XTERM_SCRIPT):
        if program in words:
            return words[words.index(program) + 1 :]
    return None


COMMAND_LINES = {"servicehall-browser@.service": 0, "servicehall-agent.service": 1}
"""Units that do not wait for the database first: the browser runs no servicehall command, the
agent opens no database (each command it runs does)."""


@pytest.mark.parametrize("unit", sorted(UNITS.glob("*.service")), ids=lambda p: p.name)
def test_servicehall_command_lines_parse(unit: Path) -> None:
    parser = build_parser()
    found = 0
    for command in _exec_lines(unit):
        args = _servicehall_args(command, INSTANCES.get(unit.name, ""))
        if args is None:
            continue
        found += 1
        parsed = parser.parse_args(args)
        assert parsed.func is not None, args
    assert found >= COMMAND_LINES.get(unit.name, 2), "each unit waits for the database and runs"


def test_units_restart_on_crash() -> None:
    for unit in UNITS.glob("*.service"):
        text = unit.read_text("utf-8")
        once = "Type=oneshot" in text  # the daily backup: tried again later if it failed
        assert ("Restart=on-failure" if once else "Restart=always") in text, unit.name


def test_the_daily_backup_has_a_timer() -> None:
    timer = (UNITS / "servicehall-backup.timer").read_text("utf-8")
    assert "OnCalendar=" in timer and "Persistent=true" in timer
    service = (UNITS / "servicehall-backup.service").read_text("utf-8")
    assert "servicehall backup" in service


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("needs systemd-analyze (Debian's systemd package)")
    servicehall = Path(sys.executable).with_name("servicehall")
    stand_in = shutil.which("true") or "/bin/true"
    for unit in [*UNITS.glob("*.service"), *UNITS.glob("*.timer")]:
        text = unit.read_text("utf-8").replace(VENV_BIN, str(servicehall))
        text = text.replace(XTERM_SCRIPT, str(DEPLOY / "servicehall-xterm"))
        for tool in ("/usr/bin/xterm", "/usr/bin/chromium"):
            if not Path(tool).exists():
                text = text.replace(tool, stand_in)
        name = unit.name.replace("@.", f"@{INSTANCES.get(unit.name, 'x')}.")
        (tmp_path / name).write_text(text, "utf-8")
    result = subprocess.run(
        [analyze, "verify", *sorted(str(p) for p in tmp_path.glob("*.*"))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    problems = [
        line
        for line in result.stderr.splitlines()
        if "servicehall" in line and "Failed to" not in line  # manager set-up noise in containers
    ]
    assert problems == [], result.stderr


SCRIPT = DEPLOY / "servicehall-xterm"


def _choice(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "--print", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ.get("PATH", ""), **env},
    )


def test_the_xterm_script_aims_at_the_grids_the_screens_are_laid_out_for() -> None:
    from servicehall.grids import DESIGNED, SMALLEST

    text = SCRIPT.read_text("utf-8")
    for role, (columns, rows) in DESIGNED.items():
        least = SMALLEST[role]
        assert f"{role}) designed={columns}x{rows} smallest={least[0]}x{least[1]} ;;" in text


@pytest.mark.parametrize(
    "screen", ["1024x768", "1280x800", "1366x768", "1920x1080", "1080x1920", "3840x2160"]
)
@pytest.mark.parametrize("role", ["kiosk", "display", "clerk"])
def test_the_xterm_script_picks_a_font_giving_at_least_the_designed_grid(
    role: str, screen: str
) -> None:
    from servicehall.grids import DESIGNED

    result = _choice("--screen", screen, role)
    assert result.returncode == 0, result.stderr
    found = re.search(r"(\d+) px font, about (\d+)x(\d+) cells", result.stdout)
    assert found, result.stdout
    px, columns, rows = map(int, found.groups())
    assert columns >= DESIGNED[role][0] and rows >= DESIGNED[role][1]
    assert 12 <= px <= 160
    larger = _choice("--screen", screen, role, SERVICEHALL_FONT_PX=str(px + 1))
    bigger = re.search(r"about (\d+)x(\d+) cells", larger.stdout)
    assert bigger is not None
    bigger_cols, bigger_rows = map(int, bigger.groups())
    # the largest such font: one pixel more and the grid would no longer hold the design
    assert bigger_cols < DESIGNED[role][0] or bigger_rows < DESIGNED[role][1]


def test_the_xterm_script_refuses_bad_settings_in_one_line() -> None:
    for args, env in (
        (("--screen", "12x", "kiosk"), {}),
        (("--screen", "1280x800", "bogus"), {}),
        (("--screen", "1280x800", "kiosk"), {"SERVICEHALL_FONT_PX": "abc"}),
        (("--screen", "1280x800", "kiosk"), {"SERVICEHALL_GRID": "wide"}),
    ):
        result = _choice(*args, **env)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and "servicehall-xterm" in result.stderr


def test_a_small_screen_gets_at_least_the_smallest_grid() -> None:
    from servicehall.grids import SMALLEST

    result = _choice("--screen", "800x480", "kiosk")  # a 7-inch panel
    found = re.search(r"about (\d+)x(\d+) cells", result.stdout)
    assert found, result.stdout
    columns, rows = map(int, found.groups())
    assert columns >= SMALLEST["kiosk"][0] and rows >= SMALLEST["kiosk"][1]
