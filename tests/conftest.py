"""Shared fixtures: the sample hall on a real SQLite file, with a clock the test controls;
PostgreSQL per test process; the ``servicehall`` command in-process. Helpers live in
``tests/support/``; under ``CI=true`` a skip outside ``support.skips.ALLOWED`` fails the run."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from servicehall.config import HallConfig, load_config
from servicehall.i18n import set_language
from servicehall.queue import FixedClock, Hall

from support import postgres, processes
from support.browser import chromium_path, launch_chromium
from support.cli import CliResult, CliRun, run_cli
from support.halls import OPEN_MONDAY
from support.phone import (
    PHONE_VIEWPORT,
    InProcessPhone,
    PhoneProcess,
    ServedPhone,
    free_port,
    phone_config,
)
from support.skips import check_skip
from support.template import copy_template
from support.textual_css import share_parsed_css
from support.waiting import DEADLINE_S


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep every test's data directory, logs and default database out of the user's home, and
    start every test in Chinese."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SERVICEHALL_HOME", str(home))
    monkeypatch.delenv("SERVICEHALL_DB", raising=False)
    monkeypatch.delenv("SERVICEHALL_CONFIG", raising=False)
    monkeypatch.delenv("SERVICEHALL_IGNORE_HOURS", raising=False)
    monkeypatch.setenv("SERVICEHALL_LANG", "zh")
    set_language("zh")  # the process's too: a kiosk test that tapped "English" must not leak it
    return home


@functools.cache
def _sample_config() -> HallConfig:
    return load_config(None)


@pytest.fixture
def config() -> HallConfig:
    """The shipped sample config, a copy of its own for each test: parsing the sample's TOML
    costs about 9 ms, a deep copy of the parsed config 1.4 ms, and some 1,500 tests take one."""
    return _sample_config().model_copy(deep=True)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(OPEN_MONDAY)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hall.db'}"


@pytest.fixture
def hall(config: HallConfig, db_url: str, clock: FixedClock) -> Iterator[Hall]:
    copy_template(db_url)  # the migrations' result, made once per process (support/template.py)
    opened = Hall.open(config, db=db_url, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRun:
    """``cli("take", "A", env={...}, stdin="…")``: the command in-process, in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> CliResult:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        return run_cli(*args, stdin=stdin)

    return run


# ---------------------------------------------------------------- both backends for the core suite
# A core test module opts in by overriding `db_url` with `any_db_url` (see
# tests/test_queue_operations.py); a PostgreSQL-only test asks for `pg_db_url`.


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    reason = postgres.prepare()
    if reason:
        pytest.skip(reason)
    yield postgres.PG_URL
    postgres.drop()


@pytest.fixture
def pg_db_url(postgres_url: str) -> str:
    """The PostgreSQL test database, emptied for this test."""
    postgres.empty()
    return postgres_url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hall.db'}"
    return str(request.getfixturevalue("pg_db_url"))


# ---------------------------------------------------------------- how many test processes


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (``make test``): three test processes per core. Most tests spend most of their
    time waiting, not computing (Textual's pauses and a key's flash, servers, browsers and workers
    in other processes, PostgreSQL), so one process per core left the cores half idle
    (bench/README.md, "The test suite"). ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides when
    set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist's own hook reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 3 * (cores or 1)


def pytest_configure(config: pytest.Config) -> None:
    """The garbage collector's young generation at 50,000 objects, not Python's 700, in the test
    processes only: the Textual tests make objects by the million, and at 700 a run spent ~46 s
    of CPU in 35,000 young and 260 full collections, at 50,000 18 s in 286 and 12
    (bench/README.md, "The test suite"). Cycles are still collected, later; the apps keep
    Python's defaults. And the apps a test process starts share their parsed CSS
    (support.textual_css)."""
    gc.set_threshold(50_000, 20, 10)
    share_parsed_css()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Freeze what collection made (modules, a few thousand test items, their marks): full
    garbage collections then walk only what the tests make, not the test process's few hundred
    thousand long-lived objects each time (``gc.freeze``, as the apps' ``upkeep.settle`` does
    for theirs, which then finds the heap frozen and leaves it: bench/README.md, "The test
    suite")."""
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The ``slow`` tests (processes of their own, stress) first, in their order: handed out
    first, one at a time (``--maxschedchunk=1`` in pyproject.toml), they run beside the rest
    instead of ending the run alone. Every test process sorts the same way, as pytest-xdist
    requires."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the test process's fork server for worker processes, if a test started it, and wait
    for it (``support.processes``)."""
    processes.stop_server()


# ---------------------------------------------------------------- no silent skips in CI


@contextmanager
def _serving(
    tmp_path: Path, db_url: str, start: Callable[[Path, str, int], ServedPhone]
) -> Iterator[tuple[ServedPhone, Hall, Path]]:
    port = free_port()
    path, config = phone_config(tmp_path, port)
    copy_template(db_url)
    hall = Hall.open(config, db=db_url, enforce_hours=False)
    try:
        server = start(path, db_url, port)
        try:
            yield server, hall, path
        finally:
            server.stop()
    finally:
        hall.close()


@pytest.fixture
def served(tmp_path: Path, any_db_url: str) -> Iterator[tuple[ServedPhone, Hall, Path]]:
    """The phone server on both databases, in this process (``support.phone.InProcessPhone``:
    the application ``servicehall serve phone`` runs, without a new process's imports), the hall
    it serves (opened here with the system clock, hours ignored) and its hall.toml."""
    with _serving(tmp_path, any_db_url, InProcessPhone) as serving:
        yield serving


@pytest.fixture
def served_process(tmp_path: Path, any_db_url: str) -> Iterator[tuple[ServedPhone, Hall, Path]]:
    """As ``served``, but the real ``servicehall serve phone`` process (``PhoneProcess``)."""
    with _serving(tmp_path, any_db_url, PhoneProcess) as serving:
        yield serving


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for a module (a launch costs more CPU than a test's pages); each
    test opens a context of its own in it. The modules that use it are an ``xdist_group`` each,
    so one test process runs their tests in a row and launches it once."""
    chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page the size of a villager's phone (360×740, touch), in a context of its own."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(DEADLINE_S * 1000)
    yield page
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    check_skip(item, outcome.get_result())
