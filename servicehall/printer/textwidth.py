"""Column widths and line wrapping as a receipt printer in Chinese mode counts them.

In Chinese mode a printer draws every single-byte (ASCII) character half width and every
multi-byte character (hanzi, full-width punctuation, Latin letters with accents) full width,
i.e. two columns. Wrapping follows that rule so a line never runs off the paper, keeps short
Latin words and numbers whole, and never starts a line with closing punctuation.
"""

from __future__ import annotations

import re

# Punctuation that must not begin a line (避头点): it is pulled back onto the line before.
_NO_LINE_START = set("，。、；：！？）」』】》〉,.;:!?)]}%")
_TOKEN = re.compile(r"[A-Za-z0-9@._%+/:#-]+|\s|.", re.DOTALL)


def char_width(char: str) -> int:
    """Columns one character takes on the paper: 1 for ASCII, 2 for everything else."""
    return 1 if ord(char) < 0x80 else 2


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def _split_long(token: str, columns: int) -> list[str]:
    pieces, piece, width = [], "", 0
    for char in token:
        w = char_width(char)
        if piece and width + w > columns:
            pieces.append(piece)
            piece, width = "", 0
        piece += char
        width += w
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, columns: int, indent: str = "") -> list[str]:
    """Wrap one paragraph to ``columns``; continuation lines start with ``indent``."""
    if columns < 2:
        raise ValueError("columns must be at least 2")
    tokens: list[str] = []
    for token in _TOKEN.findall(text.replace("\n", " ")):
        tokens.extend(_split_long(token, columns - text_width(indent)))
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and text_width(line) + text_width(token) > columns:
            if token.isspace():
                continue
            if token[0] in _NO_LINE_START and len(line) > 1 and not line[-1].isspace():
                token, line = line[-1] + token, line[:-1]
            lines.append(line.rstrip())
            line = indent
        if line == indent and token.isspace():
            continue
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def center(text: str, columns: int) -> str:
    """Pad on the left so ``text`` sits in the middle of ``columns`` (for plain-text previews)."""
    return " " * max(0, (columns - text_width(text)) // 2) + text
