"""Big-dot text (``servicehall.widgets.bigfont``) read back from the composed screen: the cells
painted in the dots' colour, cut into lines of glyphs and matched against the 5×7 font, so a test
reads the number a person sees, not what the widget was told."""

from __future__ import annotations

from typing import Any

from rich.color import Color
from textual.geometry import Region

from servicehall.widgets.bigfont import GLYPH_COLS, GLYPH_ROWS, GLYPHS

_BY_PATTERN = {pattern: char for char, pattern in GLYPHS.items() if char != " "}


def lit_cells(app: Any, region: Region, colour: str) -> list[list[bool]]:
    """Which cells of ``region`` show a background of ``colour`` (an ANSI name as the app's
    terminal theme draws it)."""
    wanted = Color.parse(colour).get_truecolor(app.ansi_theme)
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    rows = []
    for strip in strips:
        row: list[bool] = []
        for segment in strip.crop(region.x, region.right):
            bg = segment.style.bgcolor if segment.style else None
            lit = bg is not None and bg.get_truecolor() == wanted
            row.extend([lit] * len(segment.text))
        rows.append(row)
    return rows


def read_dots(app: Any, region: Region, colour: str) -> list[tuple[str, tuple[int, int]]]:
    """Each line of big-dot text in ``region`` (drawn from its left edge): its characters and
    its dot size (cells across, rows down). A band of dots that is no text of the font fails."""
    cells = lit_cells(app, region, colour)
    bands: list[tuple[int, int]] = []
    for y, row in enumerate(cells):
        if any(row):
            if bands and bands[-1][1] == y:
                bands[-1] = (bands[-1][0], y + 1)
            else:
                bands.append((y, y + 1))
    lines = []
    for top, bottom in bands:
        assert (bottom - top) % GLYPH_ROWS == 0, f"a band of {bottom - top} rows is no glyph"
        dot_height = (bottom - top) // GLYPH_ROWS
        band = cells[top:bottom]
        read = [(_decode(band, w, dot_height), (w, dot_height)) for w in range(1, 17)]
        found = [(text, dot) for text, dot in read if text is not None]
        assert found, f"the dots at rows {top}–{bottom} are no text of the font"
        lines.append(found[0])  # type: ignore[arg-type]
    return lines


def _decode(band: list[list[bool]], dot_width: int, dot_height: int) -> str | None:
    """The text ``band`` shows with dots this size, or None if it is not exactly such text."""
    width = len(band[0])
    text = ""
    x = 0
    while x + GLYPH_COLS * dot_width <= width:
        pattern = tuple(
            "".join("1" if band[r * dot_height][x + c * dot_width] else "0" for c in range(5))
            for r in range(GLYPH_ROWS)
        )
        if pattern == GLYPHS[" "]:
            break
        if pattern not in _BY_PATTERN:
            return None
        text += _BY_PATTERN[pattern]
        x += (GLYPH_COLS + 1) * dot_width
    if not text or _drawn(text, dot_width, dot_height, width) != band:
        return None
    return text


def _drawn(text: str, dot_width: int, dot_height: int, width: int) -> list[list[bool]]:
    """``text`` as the font paints it from the left edge, ``width`` cells wide."""
    rows = []
    for r in range(GLYPH_ROWS):
        row = []
        for index, char in enumerate(text):
            if index:
                row.extend([False] * dot_width)
            for bit in GLYPHS[char][r]:
                row.extend([bit == "1"] * dot_width)
        row = (row + [False] * width)[:width]
        rows.extend([row] * dot_height)
    return rows
