"""Where the test suite's CPU time goes: a pytest plugin that records, in every test process, each
test's CPU time (its own, and that of the child processes it waited for), the garbage collector's
full passes, the schema migrations run from nothing and the processes started; and its report.

    PYTHONPATH=bench CI=true SERVICEHALL_TEST_PG=… PYTHONDONTWRITEBYTECODE= \\
        .venv/bin/python -m pytest -q -n auto -p suite_cpu
    .venv/bin/python bench/suite_cpu.py        # the report of that run

One JSON file per test process in bench/out/suite-cpu/. Not in it: processes a test did not wait
for (Chromium, PostgreSQL's server, Xvfb, an agent's forks) and each process's collecting; the
run's whole CPU time is ``/usr/bin/time``'s. The figures are in bench/README.md, "The test suite".
"""

from __future__ import annotations

import collections
import gc
import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

OUT = Path(__file__).parent / "out" / "suite-cpu"


class Recorder:
    """What one test process saw."""

    def __init__(self) -> None:
        self.tests: list[tuple[str, float, float]] = []  # node id, own CPU, waited children's
        self.full_passes: list[float] = []  # CPU seconds of each full collection
        self.young_passes = 0
        self.young_s = 0.0
        self.migrations: collections.Counter[str] = collections.Counter()
        self.migration_s = 0.0
        self.processes: collections.Counter[str] = collections.Counter()
        self.current = ""
        self._gc_started = 0.0

    def on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.process_time()
            return
        spent = time.process_time() - self._gc_started
        if info["generation"] == 2:
            self.full_passes.append(spent)
        else:
            self.young_passes += 1
            self.young_s += spent

    def as_dict(self) -> dict[str, Any]:
        return {
            "tests": self.tests,
            "full_passes": self.full_passes,
            "young": [self.young_passes, self.young_s],
            "migrations": dict(self.migrations),
            "migration_s": self.migration_s,
            "processes": dict(self.processes),
        }


RECORDER = Recorder()


def _cpu() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _program(args: Any) -> str:
    """A started process by what it runs: ``python -m servicehall serve``, ``chromium`` …"""
    words = [str(word) for word in args] if isinstance(args, list | tuple) else str(args).split()
    if not words:
        return "?"
    name = Path(words[0]).name
    if name.startswith("python") and len(words) > 1:
        rest = words[1:]
        if rest[0] == "-m" and len(rest) > 1:
            return f"python -m {rest[1]}"
        return f"python {Path(rest[0]).name if not rest[0].startswith('-') else rest[0]}"
    return name


def pytest_configure(config: pytest.Config) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:  # the controller (or a run without -n)
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.json"):
            old.unlink()
    gc.callbacks.append(RECORDER.on_gc)
    started = subprocess.Popen.__init__

    def counted(self: subprocess.Popen[Any], args: Any, *more: Any, **kw: Any) -> None:
        RECORDER.processes[_program(args)] += 1
        started(self, args, *more, **kw)

    subprocess.Popen.__init__ = counted  # type: ignore[method-assign]

    from servicehall.queue import schema

    migrate = schema._migrate

    def timed(conn: Any) -> None:
        began = time.process_time()
        try:
            migrate(conn)
        finally:
            RECORDER.migration_s += time.process_time() - began
            RECORDER.migrations[RECORDER.current.split("::")[0] or "(start-up)"] += 1

    schema._migrate = timed


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    RECORDER.current = item.nodeid
    own, children = _cpu()
    yield
    own_after, children_after = _cpu()
    RECORDER.tests.append((item.nodeid, own_after - own, children_after - children))
    RECORDER.current = ""


def pytest_sessionfinish(session: pytest.Session) -> None:
    name = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if RECORDER.tests:
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"{name}.json").write_text(json.dumps(RECORDER.as_dict()), encoding="utf-8")


# ---------------------------------------------------------------------------------- the report


def report() -> None:
    from rich.console import Console
    from rich.table import Table

    runs = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(OUT.glob("*.json"))]
    if not runs:
        raise SystemExit(f"no records in {OUT}: run pytest with -p suite_cpu first")
    tests = [row for run in runs for row in run["tests"]]
    own = sum(row[1] for row in tests)
    waited = sum(row[2] for row in tests)
    console = Console()
    console.print(
        f"{len(runs)} test processes, {len(tests)} tests: {own:.0f} s of their own CPU, "
        f"{waited:.0f} s in child processes they waited for"
    )
    full = [s for run in runs for s in run["full_passes"]]
    young = [sum(run["young"][0] for run in runs), sum(run["young"][1] for run in runs)]
    console.print(
        f"garbage collector: {len(full)} full passes, {sum(full):.1f} s; "
        f"{young[0]} young passes, {young[1]:.1f} s"
    )
    migrations: collections.Counter[str] = collections.Counter()
    for run in runs:
        migrations.update(run["migrations"])
    migration_s = sum(run["migration_s"] for run in runs)
    console.print(
        f"schema migrations in the test processes: {sum(migrations.values())}, "
        f"{migration_s:.1f} s ({', '.join(f'{f} {n}' for f, n in migrations.most_common(4))})"
    )

    per_file: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0])
    for node, mine, theirs in tests:
        entry = per_file[node.split("::")[0]]
        entry[0] += mine
        entry[1] += theirs
        entry[2] += 1
    table = Table(title="CPU by test file (the 20 costliest)")
    for column in ("file", "tests", "own s", "children s", "total s"):
        table.add_column(column, justify="left" if column == "file" else "right")
    ranked = sorted(per_file.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))
    for name, (mine, theirs, count) in ranked[:20]:
        table.add_row(name, str(int(count)), f"{mine:.1f}", f"{theirs:.1f}", f"{mine + theirs:.1f}")
    console.print(table)

    processes: collections.Counter[str] = collections.Counter()
    for run in runs:
        processes.update(run["processes"])
    table = Table(title=f"processes started: {sum(processes.values())} (the 12 commonest)")
    table.add_column("program")
    table.add_column("times", justify="right")
    for program, count in processes.most_common(12):
        table.add_row(program, str(count))
    console.print(table)


if __name__ == "__main__":
    report()
