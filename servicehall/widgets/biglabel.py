"""``BigLabel``: a Textual widget showing a ticket label (any letter A–Z) in big dots.

It draws the label with the largest dots its own size holds (across and down), centred, so the
same widget fills a portrait kiosk, reads from five metres on a TV and still fits a 56-column
touch panel. Below 7 rows or too narrow for 1-cell dots it falls back to bold text.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from servicehall.widgets.bigfont import GLYPH_ROWS, big_height, big_text, fit_dot


class BigLabel(Widget):
    """A ticket label in big dots; ``dot`` is the size drawn last, None for plain text."""

    DEFAULT_CSS = """
    BigLabel {
        width: 1fr;
        height: 7;
    }
    """

    label: reactive[str] = reactive("", layout=True)
    color: reactive[str] = reactive("yellow")

    def __init__(
        self,
        label: str = "",
        *,
        color: str = "yellow",
        largest: tuple[int, int] | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 (Textual's own parameter name)
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.largest = largest
        self.dot: tuple[int, int] | None = None
        self.set_reactive(BigLabel.label, label)
        self.set_reactive(BigLabel.color, color)

    def rows_for(self, width: int, height: int, label: str | None = None) -> int:
        """Rows the label (or ``label``) takes with the largest dots ``width``×``height`` holds.

        1 when even the smallest dots do not fit (the label is then plain bold text).
        """
        text = self.label if label is None else label
        dot = fit_dot(text, width, height, largest=self.largest) if text else None
        return big_height(dot[1]) if dot else 1

    @property
    def rows_drawn(self) -> int:
        """How many rows the label's dots take now (1 for the plain-text fallback)."""
        return big_height(self.dot[1]) if self.dot else 1

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        self.dot = fit_dot(self.label, width, height, largest=self.largest) if self.label else None
        if self.dot is None:
            text = Text(self.label, style=f"bold {self.color}", justify="center")
            return Text("\n" * max(0, (height - 1) // 2)) + text
        dot_width, dot_height = self.dot
        big = big_text(self.label, self.color, dot_width=dot_width, dot_height=dot_height)
        return _centred(big, width, height)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return GLYPH_ROWS


def _centred(big: Text, width: int, height: int) -> Text:
    """``big`` centred in ``width``×``height``, padded with plain spaces.

    Rich's own justification strips the coloured spaces the dots are made of, so the padding is
    done here.
    """
    lines = big.split("\n")
    top = max(0, (height - len(lines)) // 2)
    out = Text(no_wrap=True, overflow="crop")
    out.append("\n" * top)
    for index, line in enumerate(lines):
        if index:
            out.append("\n")
        out.append(" " * max(0, (width - line.cell_len) // 2))
        out.append_text(line)
    return out
