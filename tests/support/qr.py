"""A QR code as ``servicehall.widgets.qr`` draws it, read back from the composed screen (each
cell's glyph and colours) into a picture a decoder reads: two modules a cell, stacked, blown up
to 8 pixels a module with more quiet zone around."""

from __future__ import annotations

from typing import Any

from PIL import Image

SCALE = 8
_MODULES = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}


def drawn_rows(app: Any, widget: Any) -> list[str]:
    """The code's cells as ``▀ ▄ █`` text, from the glyph and colours each cell shows."""
    region = widget.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    rows = []
    for strip in strips:
        cells = []
        for segment in strip.crop(region.x, region.right):
            style = segment.style
            for char in segment.text:
                cells.append(_module_pair(char, style))
        rows.append("".join(cells))
    return rows


def _module_pair(char: str, style: Any) -> str:
    dark_bg = style is not None and style.bgcolor is not None and _dark(style.bgcolor)
    if char == " ":
        return "█" if dark_bg else " "
    fg_dark = style is not None and style.color is not None and _dark(style.color)
    top = char in "▀█"
    bottom = char in "▄█"
    top_dark = fg_dark if top else dark_bg
    bottom_dark = fg_dark if bottom else dark_bg
    return {v: k for k, v in _MODULES.items()}[(top_dark, bottom_dark)]


def _dark(color: Any) -> bool:
    red, green, blue = color.get_truecolor()
    return red + green + blue < 3 * 128


def qr_picture(rows: list[str]) -> Image.Image:
    modules = [[_MODULES[ch][half] for ch in row] for row in rows for half in (0, 1)]
    width, height = len(modules[0]), len(modules)
    picture = Image.new("L", (width + 8, height + 8), 255)  # more quiet zone around
    for y, line in enumerate(modules):
        for x, dark in enumerate(line):
            if dark:
                picture.putpixel((x + 4, y + 4), 0)
    return picture.resize((picture.width * SCALE, picture.height * SCALE), Image.Resampling.NEAREST)
