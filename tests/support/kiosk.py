"""Helpers for the kiosk's Pilot tests: build the app on the test's hall, wait for real outcomes."""

from __future__ import annotations

import socket
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from servicehall.config import HallConfig
from servicehall.config.models import PrinterSettings
from servicehall.kiosk import KioskApp
from servicehall.queue import FixedClock
from servicehall.ui.themes import colour
from servicehall.widgets.paged import PagedText

from support.bigdots import read_dots
from support.template import copy_template
from support.waiting import until

SIZE = (100, 30)


def kiosk_settings(config: HallConfig, **kiosk: Any) -> HallConfig:
    """The config with kiosk timings changed (below the file's minimums, to keep tests short)."""
    return config.model_copy(update={"kiosk": config.kiosk.model_copy(update=kiosk)})


def with_printer(config: HallConfig, **printer: Any) -> HallConfig:
    settings = PrinterSettings.model_validate({**config.printer.model_dump(), **printer})
    return config.model_copy(update={"printer": settings})


def closed_port() -> int:
    """A 127.0.0.1 port nothing listens on (bound by the OS, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_app(config: HallConfig, db_url: str, clock: FixedClock, **kwargs: Any) -> KioskApp:
    """A kiosk on ``db_url``, whose file (when there is none yet) starts as the migrated
    template (``support.template``) instead of being migrated from nothing by the kiosk."""
    copy_template(db_url)
    return KioskApp(config, db=db_url, clock=clock, **kwargs)


async def ready(pilot: Pilot[Any]) -> None:
    """Wait until the kiosk is connected and its home screen shows the services."""
    app = pilot.app
    await until(pilot, lambda: app.hall_status is not None, what="hall status")
    await until(pilot, lambda: app.screen.query(".service"), what="service buttons")
    await pilot.pause()


def text_of(app: KioskApp, selector: str) -> str:
    """The plain text a Static shows ("" while its screen is being rebuilt)."""
    found = app.screen.query(selector).results(Static)
    return next((str(widget.content) for widget in found), "")


def pages_of(app: KioskApp, selector: str) -> list[str]:
    """Every page of a PagedText as plain text lines, the first page first."""
    paged = app.screen.query_one(selector, PagedText)
    return [line for page in range(paged.pages) for line in paged.page_text(page).splitlines()]


def dots_shown(app: KioskApp, selector: str) -> list[tuple[str, tuple[int, int]]]:
    """The big-dot lines a widget shows on the screen now (ticket and case numbers' colour)."""
    widget = app.screen.query_one(selector)
    return read_dots(app, widget.content_region, colour(app, "kiosk-number"))
