"""``servicehall demo``: a newcomer's first look at the whole hall, on a throw-away database.

The kiosk, the hall display and a clerk console side by side in tmux (or, without tmux, the
display and the kiosk served to a browser), while a simulated hall keeps villagers arriving and
the other windows calling every few seconds.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

from servicehall.config import HallConfig
from servicehall.queue import Hall, HallError
from servicehall.queue.clerks import save_clerk

SESSION = "servicehall-demo"
DEMO_CLERK, DEMO_PIN, CLERK_WINDOW = "demo", "1234", 2


def prepare(config: HallConfig) -> dict[str, str]:
    """A fresh database in a temporary folder with a few villagers waiting; returns the env."""
    home = Path(tempfile.mkdtemp(prefix="servicehall-demo-"))
    env = {
        "SERVICEHALL_HOME": str(home),
        "SERVICEHALL_DB": f"sqlite:///{home / 'demo.db'}",
        "SERVICEHALL_IGNORE_HOURS": "1",
    }
    hall = Hall.open(config, db=env["SERVICEHALL_DB"], enforce_hours=False)
    save_clerk(hall.store, hall.code, DEMO_CLERK, "演示工作人员", DEMO_PIN)
    rng = random.Random(1)
    for _ in range(8):
        arrive(hall, rng)
    hall.close()
    return env


def arrive(hall: Hall, rng: random.Random) -> None:
    service = rng.choice(hall.services_today())
    matter = rng.choice(service.matters).code if service.matters else None
    hall.issue(service.code, matter=matter, priority=rng.random() < 0.1)


def simulate(hall: Hall, *, seconds: float | None = None, pace_s: float = 4.0) -> int:
    """Villagers arrive and every window but the demo clerk's calls, finishes or skips.

    Runs until ``seconds`` have passed (forever when None); returns the number of calls made.
    """
    rng = random.Random()
    windows = [w.number for w in hall.config.windows if w.number != CLERK_WINDOW]
    calls = 0
    deadline = None if seconds is None else time.monotonic() + seconds
    while deadline is None or time.monotonic() < deadline:
        try:
            if rng.random() < 0.7:
                arrive(hall, rng)
            window = rng.choice(windows)
            if rng.random() < 0.1 and hall.window_status(window).current:
                hall.skip(window)
            elif hall.call_next(window) is not None:
                calls += 1
        except HallError:
            pass  # a busy database or a paused window: the next round tries again
        time.sleep(rng.uniform(0.5, 1.5) * pace_s)
    return calls


def tmux_commands(env: dict[str, str], config_path: str | None) -> list[list[str]]:
    """The tmux calls that lay out kiosk | display over clerk, plus the simulation window."""
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    base = f"{exports} {shlex.quote(sys.executable)} -m servicehall"
    if config_path:
        base += f" --config {shlex.quote(os.path.abspath(config_path))}"
    kiosk = f"{base} kiosk --preview"
    display = f"{base} display --no-voice"
    clerk = f"{base} clerk --window {CLERK_WINDOW}"
    simulation = f"{base} demo --simulate-only"
    return [
        ["tmux", "new-session", "-d", "-s", SESSION, "-x", "240", "-y", "60", kiosk],
        ["tmux", "split-window", "-h", "-t", f"{SESSION}:0", display],
        ["tmux", "split-window", "-v", "-t", f"{SESSION}:0.1", clerk],
        ["tmux", "new-window", "-d", "-t", SESSION, "-n", "simulation", simulation],
        [
            "tmux",
            "set-option",
            "-t",
            SESSION,
            "status-right",
            f"窗口 {CLERK_WINDOW} 登录：{DEMO_CLERK} / {DEMO_PIN}   退出：Ctrl-b d",
        ],
        ["tmux", "select-pane", "-t", f"{SESSION}:0.0"],
    ]


def have_tmux() -> bool:
    return shutil.which("tmux") is not None
