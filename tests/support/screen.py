"""What a running Textual app shows, for tests that check behaviour beside a snapshot, and a
recorder of what a widget was told to show (a state shown briefly is not missed by polling)."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App
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
