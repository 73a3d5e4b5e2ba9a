"""Helpers for the hall display's tests: read what a widget shows and which call is on top."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widget import Widget

from servicehall.display.app import HallDisplay
from servicehall.display.banner import CallBanner

SIZE = (100, 30)


def text_of(widget: Widget) -> str:
    """What the widget shows, as plain text."""
    console = Console(width=max(widget.size.width, 20), file=io.StringIO(), record=True)
    console.print(widget.render())
    return console.export_text()


def words_of(widget: Widget) -> str:
    """What the widget shows, with each run of blanks (the columns' padding) as one space."""
    return " ".join(text_of(widget).split())


def shown_call(app: HallDisplay) -> str | None:
    """The ticket label on the big banner, or None."""
    call = app.query_one(CallBanner).call
    return call.label if call else None
