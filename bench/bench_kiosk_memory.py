"""Kiosk memory over a day: live objects, peak memory and full garbage collections per ticket,
with the all-day upkeep (``servicehall/widgets/upkeep.py``) and without it.

Run: .venv/bin/python bench/bench_kiosk_memory.py [tickets] [every]  (default 240 and 40; about
two minutes). Each variant runs in a fresh process: a headless ``KioskApp`` at 100×30 on an
SQLite file with the preview printer takes ``tickets`` tickets (service J, 取号, ticket screen,
home) and, every ``every`` tickets, counts the live objects after a full collection
(``gc.get_objects()`` plus the frozen ones) and reads the peak resident memory (VmHWM). The
full (generation 2) collections the interpreter ran by itself during the taps are timed with
``gc.callbacks``.
*Without upkeep* the app's ``keep_tidy`` is replaced by a no-op: no cache trim, no freeze.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

from measure import status_kb
from rich.console import Console
from rich.table import Table
from textual.widgets import Button

VARIANTS = {"with upkeep": "with", "without upkeep": "without"}


def _wait(predicate: Any) -> Any:
    async def waiting() -> None:
        deadline = time.monotonic() + 60
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("the kiosk did not get there")
            await asyncio.sleep(0.005)

    return waiting()


def one_variant(variant: str, tickets: int, every: int) -> dict[str, Any]:
    """Take the tickets in this process; return the checkpoints and the collections seen."""
    from servicehall.config import load_config
    from servicehall.kiosk import KioskApp
    from servicehall.kiosk import app as kiosk_app
    from servicehall.kiosk.screens.confirm import ConfirmScreen
    from servicehall.kiosk.screens.home import HomeScreen
    from servicehall.kiosk.screens.ticket import TicketScreen

    if variant == "without":
        kiosk_app.keep_tidy = lambda app: None  # type: ignore[assignment]
    config = load_config(None)
    printer = config.printer.model_copy(update={"connection": "preview"})
    config = config.model_copy(update={"printer": printer})
    checkpoints: list[dict[str, Any]] = []
    full_collections: list[float] = []
    ours = False
    started: list[float] = []

    def timed(phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2 or ours:
            return
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            full_collections.append((time.perf_counter() - started.pop()) * 1000)

    async def run(url: str) -> None:
        nonlocal ours
        app = KioskApp(config, db=url, enforce_hours=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _wait(lambda: app.screen.query(".service"))
            await asyncio.sleep(3)  # past the upkeep's settle (2 s after start)
            gc.callbacks.append(timed)
            for taken in range(1, tickets + 1):
                await pilot.click("#service-J")
                await _wait(lambda: isinstance(app.screen, ConfirmScreen))
                app.screen.query_one("#take", Button).press()
                await _wait(lambda: isinstance(app.screen, TicketScreen))
                await _wait(lambda: app.screen.outcome is not None)
                app.go_home()
                await _wait(lambda: isinstance(app.screen, HomeScreen))
                await pilot.pause()
                if taken % every == 0:
                    ours = True
                    gc.collect()
                    ours = False
                    checkpoints.append(
                        {
                            "tickets": taken,
                            # the frozen start-up objects are outside get_objects(): added
                            "objects": len(gc.get_objects()) + gc.get_freeze_count(),
                            "peak_mb": status_kb(os.getpid(), "VmHWM") / 1024,
                        }
                    )
            gc.callbacks.remove(timed)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SERVICEHALL_HOME"] = tmp
        asyncio.run(run(f"sqlite:///{tmp}/hall.db"))
    return {"checkpoints": checkpoints, "full_collections": full_collections}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--variant":
        print(json.dumps(one_variant(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
        return
    tickets = int(sys.argv[1]) if len(sys.argv) > 1 else 240
    every = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    console = Console()
    results = {}
    for name, variant in VARIANTS.items():
        console.print(f"{name}: {tickets} tickets …")
        done = subprocess.run(
            [sys.executable, __file__, "--variant", variant, str(tickets), str(every)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(done.stdout.strip().splitlines()[-1])
    table = Table(title=f"kiosk memory, {tickets} tickets")
    table.add_column("tickets taken")
    for point in results["with upkeep"]["checkpoints"]:
        table.add_column(str(point["tickets"]), justify="right")
    for name, result in results.items():
        points = result["checkpoints"]
        table.add_row(f"live objects, {name}", *[f"{p['objects']:,}" for p in points])
        table.add_row(f"peak RSS, {name}", *[f"{p['peak_mb']:.0f} MB" for p in points])
    console.print(table)
    collections = Table(title="full (generation 2) collections during the taps")
    for column in ("", "count", "median", "max"):
        collections.add_column(column, justify="right" if column else "left")
    for name, result in results.items():
        times = result["full_collections"]
        collections.add_row(
            name,
            str(len(times)),
            f"{statistics.median(times):.0f} ms" if times else "—",
            f"{max(times):.0f} ms" if times else "—",
        )
    console.print(collections)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    console.print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, load average {load}")


if __name__ == "__main__":
    main()
