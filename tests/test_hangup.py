"""A screen app whose terminal hangs up ends, instead of spinning on a core with nobody to see it.

Each app runs as the hall runs it, on a real pseudo-terminal, in a session of its own without a
controlling terminal: as under ``make run`` or a launcher script, where only the session leader
gets the kernel's SIGHUP when the window closes. The test closes the terminal's master end (what
``tmux kill-session`` or closing the xterm does) and waits for the app to end with
``HUNG_UP_EXIT``; before the fix the kiosk lived on, reading an ended terminal in a busy loop.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from servicehall.ui.hangup import HUNG_UP_EXIT, terminal_gone

from support.cli import ROOT
from support.waiting import DEADLINE_S

APPS = {
    "kiosk (make run)": ([str(ROOT / "run_kiosk.py"), "--ignore-hours", "--preview"], "等候"),
    "hall display": (["-m", "servicehall", "display", "--no-voice"], "带班"),
}


def spawn(args: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``python args`` on a fresh pseudo-terminal (100×30 cells); the process and the
    terminal's master end."""
    master, slave = os.openpty()
    os.set_blocking(master, False)
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    process = subprocess.Popen(
        [sys.executable, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    return process, master


def read_until(master: int, marker: str) -> None:
    """Read the app's screen until ``marker`` is on it (the app is up and drawing)."""
    wanted, seen = marker.encode(), b""
    deadline = time.monotonic() + DEADLINE_S
    while wanted not in seen:
        assert time.monotonic() < deadline, f"{marker!r} never shown: {seen[-300:]!r}"
        if select.select([master], [], [], 0.2)[0]:
            seen = seen[-4096:] + os.read(master, 65536)


def read_to_the_end(master: int) -> None:
    """Read everything the app writes until no process has the terminal open any more."""
    while True:
        try:
            if select.select([master], [], [], 0.2)[0] and not os.read(master, 65536):
                return
        except OSError:  # EIO: the app has ended and closed its end
            return


@pytest.mark.parametrize("app", APPS)
def test_app_ends_when_its_terminal_hangs_up(app: str, _isolated_home: Path) -> None:
    args, marker = APPS[app]
    process, master = spawn(args)
    try:
        read_until(master, marker)
        os.close(master)
        assert process.wait(timeout=DEADLINE_S) == HUNG_UP_EXIT
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log = (_isolated_home / "servicehall.log").read_text(encoding="utf-8")
    assert "the terminal hung up; the app ends" in log
    assert "restarting" not in log  # the kiosk's supervisor does not start a kiosk nobody sees


def test_the_kiosk_told_of_the_hang_up_ends_the_same_way(_isolated_home: Path) -> None:
    """The app that leads its terminal's session (the xterm's child) is sent SIGHUP instead: it
    ends as orderly, with a line in the log, where it used to die without one."""
    args, marker = APPS["kiosk (make run)"]
    process, master = spawn(args)
    try:
        read_until(master, marker)
        process.send_signal(signal.SIGHUP)
        # the terminal is still there and reads what the app writes on its way out (a full
        # terminal buffer would hold the app's last writes, and the app with them)
        reader = threading.Thread(target=read_to_the_end, args=(master,), daemon=True)
        reader.start()
        assert process.wait(timeout=DEADLINE_S) == HUNG_UP_EXIT
        reader.join(DEADLINE_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    log = (_isolated_home / "servicehall.log").read_text(encoding="utf-8")
    assert "kiosk: the terminal hung up; the app ends" in log
    assert "restarting" not in log


def test_terminal_gone_tells_a_live_terminal_from_a_closed_one() -> None:
    master, slave = os.openpty()
    try:
        assert not terminal_gone(slave)
        os.close(master)
        assert terminal_gone(slave)
    finally:
        os.close(slave)
