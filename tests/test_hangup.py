"""A screen app whose terminal hangs up ends, instead of spinning on a core with nobody to see it.

Each app runs as the hall runs it, on a real pseudo-terminal: under a launcher (as under
``make run`` or a script: a session of its own without a controlling terminal, so the kernel's
SIGHUP goes to nobody), or as the terminal's session leader (the xterm's child, sent SIGHUP and
SIGCONT). The test closes the terminal's master end (what ``tmux kill-session`` or closing the
xterm does) and waits for the app to end with ``HUNG_UP_EXIT``; before the fixes the kiosk under
a launcher lived on, reading an ended terminal in a busy loop, and a session leader could wait
forever on Textual's output to a dead terminal.
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

from servicehall.ui.hangup import HUNG_UP_EXIT, guard_sigcont, terminal_gone

from support.cli import ROOT
from support.waiting import DEADLINE_S, wait_for

APPS = {
    "kiosk (make run)": ([str(ROOT / "run_kiosk.py"), "--ignore-hours", "--preview"], "等候"),
    "hall display": (["-m", "servicehall", "display", "--no-voice"], "带班"),
}


def spawn(args: list[str], *, leader: bool = False) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``python args`` on a fresh pseudo-terminal (100×30 cells); the process and the
    terminal's master end. A ``leader`` leads the terminal's session, as an xterm's child does
    (``setsid --ctty``): the kernel itself tells it of the hang-up, with SIGHUP and SIGCONT."""
    master, slave = os.openpty()
    os.set_blocking(master, False)
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    lead = ["setsid", "--ctty"] if leader else []
    process = subprocess.Popen(
        [*lead, sys.executable, *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=not leader,
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


@pytest.mark.parametrize("leader", [False, True], ids=["under a launcher", "session leader"])
@pytest.mark.parametrize("app", APPS)
def test_app_ends_when_its_terminal_hangs_up(app: str, leader: bool, _isolated_home: Path) -> None:
    """Under a launcher the app finds the hang-up by polling its terminal. As the session's
    leader (the xterm's child) the kernel sends it SIGHUP and SIGCONT, and it ends as orderly:
    Textual's SIGCONT handler no longer restarts its output on the dead terminal (a clerk
    console was once found waiting on that 37 minutes later; this test hung 2 runs in 3)."""
    args, marker = APPS[app]
    process, master = spawn(args, leader=leader)
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
    assert "had not ended" not in log  # the orderly end, not the watchman's
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


def test_sigcont_reaches_textual_only_while_the_terminal_is_there() -> None:
    master, slave = os.openpty()
    seen: list[int] = []
    previous = signal.signal(signal.SIGCONT, lambda signum, frame: seen.append(signum))
    try:
        release = guard_sigcont(slave)
        assert release is not None
        os.kill(os.getpid(), signal.SIGCONT)
        wait_for(lambda: seen == [signal.SIGCONT], what="the SIGCONT handled")
        os.close(master)  # the terminal hangs up
        os.kill(os.getpid(), signal.SIGCONT)
        time.sleep(0.2)  # a handler runs within the next few bytecodes: this is ample
        assert seen == [signal.SIGCONT]
        release()
        os.kill(os.getpid(), signal.SIGCONT)
        wait_for(lambda: len(seen) == 2, what="the handler put back")
    finally:
        signal.signal(signal.SIGCONT, previous)
        os.close(slave)


def test_a_process_whose_end_hangs_is_ended_after_the_grace(tmp_path: Path) -> None:
    """The watchman (``end_anyway_after``) for an end that waits forever, as Textual's did on a
    dead output thread's full queue: the process ends with ``HUNG_UP_EXIT`` and says why."""
    stuck = (
        "import logging, threading\n"
        "from servicehall.ui.hangup import end_anyway_after\n"
        "logging.basicConfig()\n"
        "end_anyway_after(1.0)\n"
        "threading.Event().wait()  # an end that never comes\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", stuck],
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        cwd=ROOT,
    )
    assert process.returncode == HUNG_UP_EXIT
    assert "had not ended 1 s after its terminal hung up" in process.stderr


def test_terminal_gone_tells_a_live_terminal_from_a_closed_one() -> None:
    master, slave = os.openpty()
    try:
        assert not terminal_gone(slave)
        os.close(master)
        assert terminal_gone(slave)
    finally:
        os.close(slave)
