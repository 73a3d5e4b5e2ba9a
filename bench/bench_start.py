"""How fast each command starts, and where the time goes.

Command: ``.venv/bin/python bench/bench_start.py [--runs N]`` (about a minute). On a fresh data
directory with an SQLite hall (``servicehall init`` first, ``SERVICEHALL_IGNORE_HOURS=1``, each
command run once before it is timed so its modules are compiled as on a hall PC): each
command as a villager's script or a clerk's shortcut runs it, the ``servicehall`` console script
in a new process, ``--runs`` times (median and max wall time from spawn to exit); the kiosk in a
real pseudo-terminal at 100×30, from spawn to its first screen bytes and to the home screen's
service buttons ("等候"). Then one run of each command under ``python -X importtime``: the
imports' own time grouped by package (the servicehall ones by sub-package), so a slow start
shows what it imports. Last, the quick commands again with ``servicehall agent`` running on
the same data directory (the console script hands them to it; each runs in a fork of the
loaded agent).

``--checkout DIR`` times another checkout's code instead (e.g. the main before this work:
``git worktree add /tmp/main 068a6de``), run from DIR with this venv's packages (that code's own
dependencies must be installed in it: SQLModel for 068a6de).

``--against DIR`` compares this code with DIR's on a shared, busy machine: take, call and
status only, each run of this code followed by one of DIR's, so the other programs' load falls
on both alike: the medians of ``--runs`` pairs and of the pairs' differences, in wall time and in
the CPU time the process used (user + system, which moves less with the machine's load).
"""

from __future__ import annotations

import argparse
import os
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from measure import spawn_in_pty
from rich.console import Console
from rich.table import Table

BIN = Path(sys.executable).parent
CHECKOUT: Path | None = None
"""Set by ``--checkout``: the servicehall package is imported from there."""
FROM_CHECKOUT = """
import os, runpy, sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__]
sys.path.remove("")  # not the working directory's servicehall either
import servicehall
assert servicehall.__file__.startswith(os.environ["PYTHONPATH"]), servicehall.__file__
runpy.run_module("servicehall", run_name="__main__", alter_sys=True)
"""
COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "servicehall --help": ["--help"],
    "servicehall status --json": ["status", "--json"],
    "servicehall status": ["status"],
    "servicehall take A --json": ["take", "A", "--json"],
    "servicehall call next --window 1 --json": ["call", "next", "--window", "1", "--json"],
    "servicehall call finish --window 1": ["call", "finish", "--window", "1"],
    "servicehall init": ["init"],
}
KIOSK = ["kiosk", "--ignore-hours", "--preview"]


def argv(args: list[str]) -> list[str]:
    if args[0] == sys.executable:
        return args
    if CHECKOUT is not None:
        return [sys.executable, "-c", FROM_CHECKOUT, *args]
    return [str(BIN / "servicehall"), *args]


def python_args(args: list[str]) -> list[str]:
    """What follows ``python`` to run the command (for ``-X importtime``)."""
    return argv(args)[1:] if CHECKOUT is not None else ["-m", "servicehall", *args]


def wall(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv(args), env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 4):  # finish with nothing called is 4: still a full start
        raise SystemExit(f"{args} failed: {done.stderr.decode()[-400:]}")
    return seconds


def kiosk_start(home: str, importtime: Path | None = None) -> tuple[float, float]:
    """Seconds from spawn to the first screen bytes and to the service buttons (with
    ``importtime``, the imports' times go to that file instead of the terminal)."""
    command = argv(KIOSK)
    if importtime is not None:
        script = f'exec "$0" -X importtime "$@" 2>"{importtime}"'
        command = ["sh", "-c", script, sys.executable, *python_args(KIOSK)]
    started = time.perf_counter()
    process, master = spawn_in_pty(command, columns=100, rows=30, home=home)
    first = usable = 0.0
    seen = b""
    try:
        while not usable and time.perf_counter() < started + 60:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            chunk = os.read(master, 65536)
            if not chunk:
                break
            first = first or time.perf_counter() - started
            seen = seen[-64:] + chunk
            if "等候".encode() in seen:
                usable = time.perf_counter() - started
    finally:
        process.kill()  # the kiosk refuses to quit by design
        process.wait(timeout=10)
        os.close(master)
    return first, usable


def imports(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Milliseconds of import time (each module's own) per package, for one run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *python_args(args)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return grouped(done.stderr)


def grouped(importtime: str) -> dict[str, float]:
    groups: dict[str, float] = defaultdict(float)
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, own, _, name = (part.strip() for part in line.replace(":", "|", 1).split("|"))
        if not own.isdigit():
            continue
        parts = name.split(".")
        key = ".".join(parts[:2]) if parts[0] == "servicehall" else parts[0]
        groups[key] += int(own) / 1000
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--checkout", type=Path, help="time this checkout's code instead")
    parser.add_argument("--against", type=Path, help="compare with this checkout, run by run")
    options = parser.parse_args()
    runs = options.runs
    global CHECKOUT
    CHECKOUT = options.checkout
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # a hall PC keeps its compiled modules
    if options.against is not None:
        against(options.against.resolve(), runs)
        return
    if CHECKOUT is not None:
        os.environ["PYTHONPATH"] = str(CHECKOUT.resolve())
    console = Console()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SERVICEHALL_HOME": home, "SERVICEHALL_IGNORE_HOURS": "1"}
        env.pop("SERVICEHALL_DB", None)
        subprocess.run(argv(["init"]), env=env, check=True, capture_output=True)
        for args in COMMANDS.values():  # once each: modules compiled, caches warm
            wall(args, env)
        for _ in range(runs * 2):
            subprocess.run(argv(["take", "A"]), env=env, check=True, capture_output=True)
        code = CHECKOUT or Path(__file__).resolve().parent.parent
        console.print(f"code: {code}; load average before: {os.getloadavg()[0]:.2f}")
        table = Table("command", "median", "max", title=f"start to exit, {runs} runs")
        times: dict[str, list[float]] = {}
        for name, args in COMMANDS.items():
            times[name] = [wall(args, env) for _ in range(runs)]
            table.add_row(
                name, f"{statistics.median(times[name]):.3f} s", f"{max(times[name]):.3f} s"
            )
        frames = [kiosk_start(home) for _ in range(runs)]
        for label, index in (("kiosk: first frame", 0), ("kiosk: services on screen", 1)):
            values = [f[index] for f in frames]
            table.add_row(label, f"{statistics.median(values):.3f} s", f"{max(values):.3f} s")
        console.print(table)

        breakdown = Table(
            "command", "imports (own time)", "largest packages", title="python -X importtime"
        )
        found = {
            name: imports(args, env) for name, args in COMMANDS.items() if args[0] != sys.executable
        }
        record = Path(home) / "kiosk-importtime.txt"
        kiosk_start(home, importtime=record)
        found["servicehall kiosk (to its services)"] = grouped(record.read_text())
        for name, groups in found.items():
            top = sorted(groups.items(), key=lambda item: -item[1])[:8]
            breakdown.add_row(
                name,
                f"{sum(groups.values()):.0f} ms",
                ", ".join(f"{package} {ms:.0f}" for package, ms in top),
            )
        console.print(breakdown)
        if CHECKOUT is None:
            console.print(with_agent(home, env, runs))
        console.print(f"load average after: {os.getloadavg()[0]:.2f}")


QUICK = (
    "servicehall status --json",
    "servicehall status",
    "servicehall take A --json",
    "servicehall call next --window 1 --json",
    "servicehall call finish --window 1",
)
"""The commands ``servicehall agent`` runs in a fork of itself (``launch.QUICK_COMMANDS``)."""


def with_agent(home: str, env: dict[str, str], runs: int) -> Table:
    """The quick commands again, with ``servicehall agent`` running on the same data directory
    (the console script hands them to it; they run in a fork of the loaded agent)."""
    agent = subprocess.Popen(
        argv(["agent"]), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    sock = Path(home) / "agent.sock"
    deadline = time.monotonic() + 60
    while not sock.exists():
        if agent.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"servicehall agent did not start: {agent.communicate()[1]!r}")
        time.sleep(0.05)
    try:
        table = Table("command", "median", "max", title=f"with servicehall agent, {runs} runs")
        for name in QUICK:
            wall(COMMANDS[name], env)  # the agent's first fork of each
            seconds = [wall(COMMANDS[name], env) for _ in range(runs)]
            table.add_row(name, f"{statistics.median(seconds):.3f} s", f"{max(seconds):.3f} s")
    finally:
        agent.terminate()
        agent.wait(timeout=30)
    return table


PAIRED = (
    "servicehall status --json",
    "servicehall take A --json",
    "servicehall call next --window 1 --json",
)


def against(other: Path, runs: int) -> None:
    """This code and ``other``'s, one run each in turn, on one SQLite hall."""
    global CHECKOUT
    console = Console()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SERVICEHALL_HOME": home, "SERVICEHALL_IGNORE_HOURS": "1"}
        env.pop("SERVICEHALL_DB", None)
        subprocess.run(argv(["init"]), env=env, check=True, capture_output=True)
        theirs = {**env, "PYTHONPATH": str(other)}

        def timed(args: list[str], code: Path | None) -> tuple[float, float]:
            """(wall, CPU) seconds of one run."""
            global CHECKOUT
            CHECKOUT = code
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds = wall(args, theirs if code else env)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            return seconds, cpu

        for name in PAIRED:  # once each: modules compiled, caches warm
            timed(COMMANDS[name], None)
            timed(COMMANDS[name], other)
        console.print(f"this code against {other}; load average before: {os.getloadavg()[0]:.2f}")
        table = Table(
            "command", "", "this code", str(other), "difference (median)", title=f"{runs} pairs"
        )
        for name in PAIRED:
            pairs = [
                (timed(COMMANDS[name], None), timed(COMMANDS[name], other)) for _ in range(runs)
            ]
            for label, i in (("wall", 0), ("CPU", 1)):
                mine = [a[i] for a, _ in pairs]
                theirs_s = [b[i] for _, b in pairs]
                table.add_row(
                    name if i == 0 else "",
                    label,
                    f"{statistics.median(mine):.3f} s",
                    f"{statistics.median(theirs_s):.3f} s",
                    f"{statistics.median(a[i] - b[i] for a, b in pairs) * 1000:+.0f} ms",
                )
        CHECKOUT = None
        console.print(table)
        console.print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
