"""hall.toml that would break something later is refused (or warned about) when it is read:
absurd nesting, a PIN hash that is not one, and the sample's published staff PIN.

``check-config`` runs in-process (``support.cli``); absurd nesting is also read by a process of
its own, as the shell sees it to the exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from servicehall.config import ConfigError, parse_config, sample_text
from servicehall.pins import hash_pin

from support.cli import CliResult, CliRun

ROOT = Path(__file__).parent.parent
SAMPLE_HASH_LINE = next(line for line in sample_text().splitlines() if "staff_pin_hash" in line)
DEEP = ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 3000 + "1" + "}" * 3000]


def _check(cli: CliRun, tmp_path: Path, text: str, *args: str) -> CliResult:
    """``servicehall check-config`` of ``text`` in this process."""
    path = tmp_path / "hall.toml"
    path.write_text(text, "utf-8")
    return cli("check-config", str(path), *args)


def _process(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    """The same as a process of its own, as the user's shell runs it."""
    path = tmp_path / "hall.toml"
    path.write_text(text, "utf-8")
    return subprocess.run(
        [sys.executable, "-m", "servicehall", "check-config", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


@pytest.mark.parametrize("nested", DEEP)
def test_deep_nesting_is_one_line(cli: CliRun, tmp_path: Path, nested: str) -> None:
    with pytest.raises(ConfigError):
        parse_config(sample_text() + "\n" + nested + "\n")
    result = _check(cli, tmp_path, nested + "\n" + sample_text())
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_deep_nesting_is_one_line_as_the_shell_sees_it(tmp_path: Path) -> None:
    """A process of its own: its exit code and everything it prints up to its exit."""
    result = _process(tmp_path, DEEP[0] + "\n" + sample_text())
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_pin_hash_that_is_not_one_is_refused(cli: CliRun, tmp_path: Path) -> None:
    text = sample_text().replace(SAMPLE_HASH_LINE, 'staff_pin_hash = "garbage"')
    with pytest.raises(ConfigError) as error:
        parse_config(text)
    assert "staff_pin_hash" in error.value.message
    result = _check(cli, tmp_path, text)
    assert result.returncode == 2
    assert "hash-pin" in result.stderr


def test_the_published_sample_pin_is_warned_about(cli: CliRun, tmp_path: Path) -> None:
    result = _check(cli, tmp_path, sample_text())
    assert result.returncode == 0
    assert "246810" in result.stdout
    assert json.loads(_check(cli, tmp_path, sample_text(), "--json").stdout)["warnings"]

    own = sample_text().replace(SAMPLE_HASH_LINE, f'staff_pin_hash = "{hash_pin("97531")}"')
    assert json.loads(_check(cli, tmp_path, own, "--json").stdout)["warnings"] == []
    assert "246810" not in _check(cli, tmp_path, own).stdout
