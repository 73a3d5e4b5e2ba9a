"""``BigLabel``: a Textual widget showing a ticket label (any letter A–Z) in big dots.

It picks the widest dot that fits its own width, so the same widget reads from five metres on a TV
and fits a 100-column kiosk.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from servicehall.widgets.bigfont import GLYPH_ROWS, big_text, big_width


class BigLabel(Widget):
    """A ticket label in big dots; falls back to bold text when too narrow for dots."""

    DEFAULT_CSS = """
    BigLabel {
        width: 1fr;
        height: 7;
        content-align: center middle;
    }
    """

    label: reactive[str] = reactive("", layout=True)
    color: reactive[str] = reactive("yellow")

    def __init__(
        self,
        label: str = "",
        *,
        color: str = "yellow",
        max_dot_width: int = 3,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 (Textual's own parameter name)
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.max_dot_width = max_dot_width
        self.set_reactive(BigLabel.label, label)
        self.set_reactive(BigLabel.color, color)

    def render(self) -> Text:
        width = self.size.width
        for dot in range(self.max_dot_width, 0, -1):
            if big_width(self.label, dot_width=dot) <= width:
                return big_text(self.label, self.color, dot_width=dot)
        return Text(self.label, style=f"bold {self.color}", justify="center")

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return GLYPH_ROWS
