"""Native text mode: a layout as ESC/POS bytes with the text encoded in GB18030, GBK or GB2312.

python-escpos's ``text()`` guesses encodings and turns full-width punctuation, rare hanzi and
accented Latin into ``?`` (see notes/printing-chinese.md), so the text is encoded here, in
Chinese mode (``FS &``), with ``GS !`` for sizes (it scales hanzi as well as ASCII). The few
commands a ticket needs are written out below; the QR code is the printer's own (``GS ( k``),
a few dozen bytes instead of a kilobyte-sized image. A character the encoding cannot hold is
printed as ``□`` and reported, never dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from servicehall.printer.layout import Line, TicketLayout

log = logging.getLogger(__name__)

ESC, GS, FS = b"\x1b", b"\x1d", b"\x1c"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
BOLD = {False: ESC + b"E\x00", True: ESC + b"E\x01"}
LF = b"\n"
REPLACEMENT = "□"


def size_command(size: int) -> bytes:
    """``GS ! n``: width and height multiplied by ``size`` (1–8), hanzi and ASCII alike."""
    n = max(1, min(size, 8)) - 1
    return GS + b"!" + bytes([n << 4 | n])


def qr_commands(payload: str, module_size: int = 5) -> bytes:
    """``GS ( k``: model 2, error correction M, store the data, print it."""
    data = payload.encode("ascii", "replace")
    length = len(data) + 3

    def fn(body: bytes) -> bytes:
        return GS + b"(k" + len(body).to_bytes(2, "little") + body

    return (
        fn(b"1A2\x00")
        + fn(b"1C" + bytes([module_size]))
        + fn(b"1E1")
        + GS
        + b"(k"
        + length.to_bytes(2, "little")
        + b"1P0"
        + data
        + fn(b"1Q0")
    )


def cut_commands(cutter: bool) -> bytes:
    """Feed past the tear bar, then a partial cut where the printer has a cutter."""
    return ESC + b"d\x04" + (GS + b"V\x42\x00" if cutter else ESC + b"d\x02")


@dataclass(frozen=True)
class PrintJob:
    data: bytes
    replaced: tuple[str, ...] = ()
    """Characters the encoding could not hold (printed as □)."""


def encode_text(text: str, encoding: str) -> tuple[bytes, list[str]]:
    """Encode for the printer; unencodable characters become □ and are returned."""
    try:
        return text.encode(encoding), []
    except UnicodeEncodeError:
        pass
    out, missing = bytearray(), []
    for char in text:
        try:
            out += char.encode(encoding)
        except UnicodeEncodeError:
            missing.append(char)
            out += REPLACEMENT.encode(encoding)
    return bytes(out), missing


def _line(line: Line, encoding: str) -> tuple[bytes, list[str]]:
    body, missing = encode_text(line.text, encoding)
    return ALIGN[line.align] + BOLD[line.bold] + size_command(line.size) + body + LF, missing


def text_job(layout: TicketLayout, encoding: str, cutter: bool, *, qr_module: int = 5) -> PrintJob:
    """The whole ticket as bytes for a printer with a Chinese font."""
    parts = [INIT, CHINESE_ON]
    replaced: list[str] = []
    for line in layout.lines:
        data, missing = _line(line, encoding)
        parts.append(data)
        replaced += missing
    parts.append(ALIGN["left"] + BOLD[False] + size_command(1))
    if layout.qr:
        parts += [ALIGN["center"], qr_commands(layout.qr, qr_module), LF, ALIGN["left"]]
    if layout.cut:
        parts.append(cut_commands(cutter))
    if replaced:
        log.warning(
            "encoding %s cannot print %s; printed as %s",
            encoding,
            " ".join(f"{c}(U+{ord(c):04X})" for c in dict.fromkeys(replaced)),
            REPLACEMENT,
        )
    return PrintJob(b"".join(parts), tuple(dict.fromkeys(replaced)))
