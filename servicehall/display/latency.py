"""Call-to-screen latency: another process calls tickets; the display reports when each is drawn.

Used by the tests (the calls must appear) and by ``bench/bench_display.py`` (how fast). The caller
is a separate Python process on the same database, as a clerk's console would be; each call's
commit time (wall clock, same machine) is compared with the moment the display's refresh that
drew it completed.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from servicehall.config import HallConfig
from servicehall.display.app import HallDisplay

CALLER = """
import json, sys, time
from servicehall.config import load_config
from servicehall.queue import Hall
config_path, db, window, count, gap = sys.argv[1:6]
hall = Hall.open(load_config(config_path or None), db=db, create=False)
sys.stdout.write("ready\\n"); sys.stdout.flush()
for _ in range(int(count)):
    sys.stdin.readline()  # the harness says when to make the next call
    ticket = hall.call_next(int(window))
    done = time.time()
    sys.stdout.write(json.dumps({"label": ticket.label if ticket else None, "at": done}) + "\\n")
    sys.stdout.flush()
    time.sleep(float(gap))
"""


@dataclass
class Measurement:
    committed: dict[str, float] = field(default_factory=dict)
    shown: dict[str, float] = field(default_factory=dict)
    shown_order: list[str] = field(default_factory=list)
    drawn: asyncio.Event = field(default_factory=asyncio.Event)  # set at each new call drawn

    def latencies_ms(self) -> list[float]:
        return sorted(
            (self.shown[label] - at) * 1000
            for label, at in self.committed.items()
            if label in self.shown
        )


class MeasuredDisplay(HallDisplay):
    """The hall display, noting the wall-clock time each call reached the screen."""

    def __init__(self, config: HallConfig, db: str | None = None, **options: Any) -> None:
        super().__init__(config, db, **options)
        self.measurement = Measurement()

    def on_hall_display_calls_shown(self, message: HallDisplay.CallsShown) -> None:
        now = time.time()
        for call in message.calls:
            self.measurement.shown.setdefault(call.label, now)
            self.measurement.shown_order.append(call.label)
        self.measurement.drawn.set()


def start_caller(
    db: str, window: int, count: int, *, config_path: str = "", gap_s: float = 0.05
) -> subprocess.Popen[str]:
    """Start the calling process; it waits for a line on stdin before each call."""
    process = subprocess.Popen(
        [sys.executable, "-c", CALLER, config_path, db, str(window), str(count), str(gap_s)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise RuntimeError("the calling process did not start")
    return process


async def drive(
    app: MeasuredDisplay, caller: subprocess.Popen[str], count: int, timeout_s: float = 5.0
) -> Measurement:
    """Make ``count`` calls one at a time, each after the previous one reached the screen."""
    assert caller.stdin is not None and caller.stdout is not None
    loop = asyncio.get_running_loop()
    measurement = app.measurement
    for _ in range(count):
        caller.stdin.write("\n")
        caller.stdin.flush()
        line = await loop.run_in_executor(None, caller.stdout.readline)
        record = json.loads(line)
        label = record["label"]
        if label is None:
            break
        measurement.committed[label] = record["at"]
        deadline = time.monotonic() + timeout_s
        while label not in measurement.shown and time.monotonic() < deadline:
            measurement.drawn.clear()
            try:  # sleep until the display draws something (no polling loop beside it)
                await asyncio.wait_for(measurement.drawn.wait(), deadline - time.monotonic())
            except TimeoutError:
                break
    caller.stdin.close()
    caller.wait(timeout=10)
    return measurement
