"""Image mode, for printers without a Chinese font: the layout drawn with Pillow, sent as a raster.

The same layout as text mode is drawn on a grid of 12-dot columns with the monospaced face of
WenQuanYi Micro Hei (Debian ``fonts-wqy-microhei``), so a ticket looks alike in both modes; the
QR code is drawn into the picture. python-escpos turns the picture into ``GS v 0`` raster
commands. The raster is 384 dots wide on 58 mm paper and 576 dots on 80 mm.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from servicehall.i18n import t
from servicehall.printer.escpos_loader import load_escpos
from servicehall.printer.layout import Line, TicketLayout
from servicehall.printer.status import PrinterFault
from servicehall.printer.textmode import INIT, PrintJob, cut_commands
from servicehall.printer.textwidth import char_width, text_width

FONT_ENV = "SERVICEHALL_CJK_FONT"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
MONO_FACE = 1
"""Index of "WenQuanYi Micro Hei Mono" inside wqy-microhei.ttc (ASCII half, hanzi full width)."""
CELL_HEIGHT = 24
LINE_GAP = 6
PROFILES = {384: "POS-5890", 576: "NT-80-V-UL"}
"""Chinese clone profiles with the matching media width, so python-escpos knows the paper."""


def font_path() -> Path | None:
    """The CJK font image mode draws with, or None when none is installed."""
    configured = os.environ.get(FONT_ENV)
    candidates = (configured,) if configured else FONT_CANDIDATES
    return next((Path(p) for p in candidates if p and Path(p).is_file()), None)


@lru_cache(maxsize=16)
def _font(path: str, pixels: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(path, pixels, index=MONO_FACE)
    except OSError:
        return ImageFont.truetype(path, pixels)


def render_image(layout: TicketLayout, width: int) -> Image.Image:
    """The ticket as a 1-bit picture ``width`` dots wide (black text on white)."""
    path = font_path()
    if path is None:
        raise PrinterFault("no_font", t("prn_image_needs_font"))
    rows: list[tuple[int, int]] = []
    y = LINE_GAP
    for line in layout.lines:
        rows.append((y, CELL_HEIGHT * line.size))
        y += CELL_HEIGHT * line.size + LINE_GAP
    qr_image = _qr(layout.qr, width) if layout.qr else None
    height = y + (qr_image.height + LINE_GAP if qr_image else 0) + CELL_HEIGHT
    picture = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(picture)
    for line, (top, pixels) in zip(layout.lines, rows, strict=True):
        if set(line.text) == {"-"}:
            draw.line((0, top + pixels // 2, width, top + pixels // 2), fill=0, width=2)
            continue
        _draw_line(draw, line, top, pixels, cell=width // layout.columns, width=width, path=path)
    if qr_image:
        picture.paste(qr_image, ((width - qr_image.width) // 2, y))
    return picture.convert("1")


def _draw_line(
    draw: ImageDraw.ImageDraw,
    line: Line,
    top: int,
    pixels: int,
    *,
    cell: int,
    width: int,
    path: Path,
) -> None:
    """Draw one line character by character on the printer's column grid."""
    font = _font(str(path), pixels)
    step = cell * line.size
    length = text_width(line.text) * step
    x = {"left": 0, "center": (width - length) // 2, "right": width - length}[line.align]
    for char in line.text:
        span = char_width(char) * step
        glyph = draw.textlength(char, font=font)
        draw.text(
            (max(0, x) + (span - glyph) / 2, top),
            char,
            font=font,
            fill=0,
            stroke_width=1 if line.bold and line.size > 1 else 0,
            stroke_fill=0,
        )
        x += span


def _qr(payload: str, width: int) -> Image.Image:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=1)
    code.add_data(payload)
    code.make(fit=True)
    modules = code.make_image().get_image().convert("L")
    scale = max(1, (width // 2) // modules.width)
    return modules.resize((modules.width * scale, modules.height * scale), Image.Resampling.NEAREST)


def image_job(layout: TicketLayout, width: int, cutter: bool, profile: str | None) -> PrintJob:
    """The ticket as ``GS v 0`` raster bytes, then a feed or cut."""
    picture = render_image(layout, width)
    printer = load_escpos().printer.Dummy(profile=profile or PROFILES[width])
    printer.image(picture, impl="bitImageRaster", center=False)
    return PrintJob(INIT + printer.output + cut_commands(cutter))
