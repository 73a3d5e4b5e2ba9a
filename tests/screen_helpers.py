"""Read what a person sees on a Textual app's screen: the composed rows, or the cells of a widget.

The text comes from the screen's compositor (the very strips the terminal would be sent), so a
button whose text is cut, hidden behind another widget or off the screen reads as such.
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widget import Widget


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
