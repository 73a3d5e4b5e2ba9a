"""Action-to-screen time of the clerk console, and the keypad bridge's round trip.

Console: a headless ClerkApp (100×30) on a SQLite file with 300 waiting tickets; each round
presses 1 (叫号), 2 (重呼) and 4 (办结) and measures, per press, the time until the
acknowledgement line is drawn (in the key handler) and until the result and the fresh window
state are drawn (the thread worker's database work plus the redraw).
Keypad: a KeypadBridge on a pty pair; time from writing "5 1" to reading the reply line.

Run: .venv/bin/python bench/bench_clerk.py [rounds]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
import tty
from pathlib import Path

from rich.console import Console
from rich.table import Table

from servicehall.clerk.console import ClerkApp
from servicehall.clerk.desk import DeskScreen
from servicehall.clerk.keypad import KeypadBridge
from servicehall.queue import Hall
from servicehall.queue.clerks import save_clerk

WINDOW = 5


def summary(name: str, samples_s: list[float]) -> tuple[str, str, str, str]:
    ms = sorted(s * 1000 for s in samples_s)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return name, f"{statistics.median(ms):.1f}", f"{p95:.1f}", f"{ms[-1]:.1f}"


async def console_rounds(hall: Hall, rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    app = ClerkApp(hall, WINDOW)
    timings: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in "124"}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click("#clerk-id")
        await pilot.press(*"007", "enter", *"2468", "enter")
        while not (isinstance(app.screen, DeskScreen) and app.screen.snapshot):
            await pilot.pause(0.02)
        desk = app.screen
        for _ in range(rounds):
            for key in "124":
                desk.completed_s = None
                await pilot.press(key)
                while desk.completed_s is None or desk.busy:
                    await asyncio.sleep(0.002)
                acknowledged, completed = timings[key]
                acknowledged.append(desk.acknowledged_s or 0.0)
                completed.append(desk.completed_s)
    return timings


def keypad_rounds(hall: Hall, rounds: int) -> list[float]:
    master, slave = os.openpty()
    tty.setraw(master)
    bridge = KeypadBridge(hall, os.ttyname(slave))
    thread = threading.Thread(target=bridge.run, daemon=True)
    thread.start()
    bridge.connected.wait(5)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        os.write(master, b"5 1\n")
        reply = b""
        while not reply.endswith(b"\r\n"):
            reply += os.read(master, 256)
        samples.append(time.perf_counter() - start)
    bridge.stop()
    thread.join(5)
    os.close(master)
    os.close(slave)
    return samples


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    os.environ["SERVICEHALL_IGNORE_HOURS"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        hall = Hall.open(None, db=f"sqlite:///{Path(tmp) / 'bench.db'}")
        save_clerk(hall.store, hall.code, "007", "王芳", "2468")
        for i in range(rounds * 2 + 100):
            hall.issue("DE"[i % 2])
        timings = asyncio.run(console_rounds(hall, rounds))
        keypad = keypad_rounds(hall, rounds)
        hall.close()
    table = Table(title=f"clerk console, {rounds} rounds (ms)")
    for column in ("measure", "median", "p95", "max"):
        table.add_column(column, justify="right" if column != "measure" else "left")
    names = {"1": "叫号 next", "2": "重呼 recall", "4": "办结 finish"}
    for key, (acknowledged, completed) in timings.items():
        table.add_row(*summary(f"{names[key]}: acknowledged", acknowledged))
        table.add_row(*summary(f"{names[key]}: result drawn", completed))
    table.add_row(*summary("keypad '5 1' round trip (pty)", keypad))
    Console().print(table)


if __name__ == "__main__":
    main()
