"""`servicehall demo`: a throw-away hall with villagers waiting, a simulated hall that calls, and
(with tmux) the kiosk, display and clerk console side by side."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from servicehall import demo
from servicehall.config import HallConfig
from servicehall.queue import Hall
from servicehall.queue.clerks import verify_clerk

from support.waiting import wait_for

ROOT = Path(__file__).parent.parent


def test_prepare_makes_a_throwaway_hall_with_people_waiting(config: HallConfig) -> None:
    env = demo.prepare(config)
    assert (
        env["SERVICEHALL_DB"].startswith("sqlite:///")
        and "servicehall-demo-" in env["SERVICEHALL_DB"]
    )
    hall = Hall.open(config, db=env["SERVICEHALL_DB"], enforce_hours=False)
    assert sum(s.waiting for s in hall.status().services) == 8
    assert verify_clerk(hall.store, hall.code, demo.DEMO_CLERK, demo.DEMO_PIN) is not None
    shutil.rmtree(env["SERVICEHALL_HOME"])


def test_simulation_calls_at_other_windows(config: HallConfig, db_url: str) -> None:
    hall = Hall.open(config, db=db_url, enforce_hours=False)
    for _ in range(10):
        hall.issue("B", matter="yibao")
    calls = demo.simulate(hall, seconds=1.5, pace_s=0.05)
    assert calls > 0
    windows = {e.window for e in hall.events() if e.kind == "call"}
    assert windows and demo.CLERK_WINDOW not in windows


@pytest.mark.slow
def test_tmux_demo_shows_every_process(tmp_path: Path) -> None:
    if not shutil.which("tmux"):
        pytest.skip("needs tmux: apt-get install tmux")
    # a tmux server of its own: another run's demo (other checkouts, other workers) is not ours
    sockets = Path(tempfile.mkdtemp(prefix="sh-tmux-"))  # short: a socket path has a limit
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SERVICEHALL_HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "TMUX_TMPDIR": str(sockets),
    }
    env.pop("TMUX", None)

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", *args], capture_output=True, text=True, env=env, timeout=30
        ).stdout

    result = subprocess.run(
        [sys.executable, "-m", "servicehall", "demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    panes: dict[str, str] = {}

    def shown() -> bool:
        for pane in ("0.0", "0.1", "0.2", "1.0"):
            panes[pane] = tmux("capture-pane", "-p", "-t", f"{demo.SESSION}:{pane}")
        return (
            "请点选" in panes["0.0"]  # the kiosk's home screen
            and "带班领导" in panes["0.1"]  # the hall display …
            and "正在呼叫" in panes["0.1"]  # … showing a call the simulated hall made
            and "2 号窗口" in panes["0.2"]  # the clerk console of window 2, asking to sign in
            and "工作人员登录" in panes["0.2"]
            and "模拟大厅" in panes["1.0"]
        )

    try:
        wait_for(shown, timeout=120, what="every pane of the demo")
    except AssertionError:
        pytest.fail("the demo's panes show:\n" + "\n----\n".join(panes.values()))
    finally:
        tmux("kill-server")
        shutil.rmtree(sockets, ignore_errors=True)
