"""What a running Textual app shows, for tests that check behaviour beside a snapshot, and a
recorder of what a widget was told to show (a state shown briefly is not missed by polling).

``screen_rows``, ``text_in`` and ``shown_text`` read the screen's compositor (the very strips the
terminal would be sent), so a button whose text is cut, hidden behind another widget or off the
screen reads as such."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static


def screen_text(app: App[Any]) -> str:
    """The screen as plain text, line by line, as a person reads it (what a snapshot draws)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False
    )
    screens = app._background_screens  # a modal screen shows what is under it, as drawn
    console.print(app.screen._compositor.render_update(full=True, screen_stack=screens))
    return console.export_text()


def record_updates(widget: Static) -> list[str]:
    """Every text ``widget.update`` is given from now on, in order."""
    seen: list[str] = []
    update = widget.update

    def recording(content: Any = "", *args: Any, **kwargs: Any) -> None:
        seen.append(str(content))
        update(content, *args, **kwargs)

    widget.update = recording  # type: ignore[method-assign]
    return seen


def screen_rows(app: Any) -> list[str]:
    """Every row of the screen as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def text_in(app: Any, region: Region) -> str:
    """The text shown inside ``region`` of the screen, row by row."""
    strips = app.screen._compositor.render_strips()
    rows = strips[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in rows)


def shown_text(app: Any, widget: Widget) -> str:
    """The text a widget shows where it is on the screen (clipped as a person sees it)."""
    return text_in(app, widget.region)


def squeezed(text: str) -> str:
    """``text`` without any blank: compares words that wrapped or were padded into columns."""
    return "".join(text.split())


def on_screen(app: Any, widget: Widget) -> bool:
    """The widget is displayed, with a size, and wholly inside the screen."""
    region = widget.region
    screen = Region(0, 0, app.size.width, app.size.height)
    return widget.display and region.area > 0 and screen.contains_region(region)
