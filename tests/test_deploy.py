"""The boot-to-role set-up files: systemd accepts the units, and every servicehall command line in
them is one the real command-line parser accepts (no stale subcommand or flag)."""

from __future__ import annotations

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
    if unit.name != "servicehall-browser@.service":
        assert found >= 2, "each unit waits for the database and runs its role"


def test_units_restart_on_crash() -> None:
    for unit in UNITS.glob("*.service"):
        text = unit.read_text("utf-8")
        assert "Restart=always" in text, unit.name


def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("needs systemd-analyze (Debian's systemd package)")
    servicehall = Path(sys.executable).with_name("servicehall")
    stand_in = shutil.which("true") or "/bin/true"
    for unit in UNITS.glob("*.service"):
        text = unit.read_text("utf-8").replace(VENV_BIN, str(servicehall))
        text = text.replace(XTERM_SCRIPT, str(DEPLOY / "servicehall-xterm"))
        for tool in ("/usr/bin/xterm", "/usr/bin/chromium"):
            if not Path(tool).exists():
                text = text.replace(tool, stand_in)
        name = unit.name.replace("@.", f"@{INSTANCES.get(unit.name, 'x')}.")
        (tmp_path / name).write_text(text, "utf-8")
    result = subprocess.run(
        [analyze, "verify", *sorted(str(p) for p in tmp_path.glob("*.service"))],
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
