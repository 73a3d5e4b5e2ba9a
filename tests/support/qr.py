"""A QR code drawn in half blocks (``servicehall.widgets.qr``) back into a picture a decoder
reads: each cell two modules stacked, dark drawn black on white, blown up to 8 pixels a module."""

from __future__ import annotations

from PIL import Image

SCALE = 8
_MODULES = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}


def qr_picture(rows: list[str]) -> Image.Image:
    modules = [[_MODULES[ch][half] for ch in row] for row in rows for half in (0, 1)]
    width, height = len(modules[0]), len(modules)
    picture = Image.new("L", (width + 8, height + 8), 255)  # more quiet zone around
    for y, line in enumerate(modules):
        for x, dark in enumerate(line):
            if dark:
                picture.putpixel((x + 4, y + 4), 0)
    return picture.resize((picture.width * SCALE, picture.height * SCALE), Image.Resampling.NEAREST)
