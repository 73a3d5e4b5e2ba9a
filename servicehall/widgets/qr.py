"""A QR code drawn on a terminal screen, for a phone's camera to read off the kiosk or the TV.

Two modules a cell, one above the other (half blocks), so a module is about square in a cell
twice as tall as wide: a phone page's address (QR version 4, 33 modules and a quiet zone of 2)
takes 37 columns and 19 rows. Dark modules are black on white, the way a camera expects them.
``qr_rows`` is pure: the code as ``▀ ▄ █`` text (tests rebuild the picture from what is drawn
and decode it).
"""

from __future__ import annotations

import qrcode
from rich.text import Text
from textual.widget import Widget

QUIET = 2
"""Modules of light border around the code (the standard's 4 costs 4 columns and 2 rows more;
2 reads well off a screen with a light frame)."""

_HALF = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
DARK, LIGHT = "#000000", "#ffffff"
_DRAWN = {
    "█": (" ", f"on {DARK}"),
    " ": (" ", f"on {LIGHT}"),
    "▀": ("▀", f"{DARK} on {LIGHT}"),
    "▄": ("▄", f"{DARK} on {LIGHT}"),
}
"""How each cell is drawn: a whole-dark or whole-light cell is a space of that background (no
glyph, so no gap where a CJK font's block does not fill the cell: the finder squares stay solid);
a half cell is its dark half's glyph on a light background (a terminal's half block is often
shorter than half the cell: drawing the light half that way left the light modules too thin to
read, seen in a real xterm at 147×48)."""


def qr_rows(data: str, quiet: int = QUIET) -> list[str]:
    """The code as text rows, each cell two modules stacked (dark: drawn)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=quiet, box_size=1
    )
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = [list(map(bool, row)) for row in code.get_matrix()]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    return [
        "".join(_HALF[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(matrix[::2], matrix[1::2], strict=True)
    ]


class QrCode(Widget):
    """A QR code of ``data``; its size is the code's (it never scales)."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, data: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows = qr_rows(data)

    @property
    def columns(self) -> int:
        return len(self.rows[0])

    def get_content_width(self, container: object, viewport: object) -> int:
        return self.columns

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.rows)

    def render(self) -> Text:
        text = Text(no_wrap=True)
        for index, row in enumerate(self.rows):
            if index:
                text.append("\n")
            for cell in row:
                text.append(*_DRAWN[cell])
        return text
