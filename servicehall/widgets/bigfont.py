"""A 5×7 dot font for ticket labels (A–Z, 0–9) drawn as background-coloured spaces, at many sizes.

Textual's ``Digits`` draws only 0–9 and A–F, and block glyphs like █ are ambiguous-width in CJK
fonts (WenQuanYi Micro Hei Mono draws them with gaps, some terminals two cells wide). A space is
one cell everywhere, so each dot is painted as ``dot_width`` spaces across and ``dot_height`` rows
down with a background colour. A terminal cell is about twice as tall as it is wide, so a dot of
2×1 cells looks square; :data:`DOT_SIZES` lists the sizes from small to large and
:func:`fit_dot` picks the largest one a space holds.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11111", "00010", "00100", "00010", "00001", "10001", "01110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    "A": ("01110", "10001", "10001", "11111", "10001", "10001", "10001"),
    "B": ("11110", "10001", "10001", "11110", "10001", "10001", "11110"),
    "C": ("01110", "10001", "10000", "10000", "10000", "10001", "01110"),
    "D": ("11100", "10010", "10001", "10001", "10001", "10010", "11100"),
    "E": ("11111", "10000", "10000", "11110", "10000", "10000", "11111"),
    "F": ("11111", "10000", "10000", "11110", "10000", "10000", "10000"),
    "G": ("01110", "10001", "10000", "10111", "10001", "10001", "01111"),
    "H": ("10001", "10001", "10001", "11111", "10001", "10001", "10001"),
    "I": ("01110", "00100", "00100", "00100", "00100", "00100", "01110"),
    "J": ("00111", "00010", "00010", "00010", "00010", "10010", "01100"),
    "K": ("10001", "10010", "10100", "11000", "10100", "10010", "10001"),
    "L": ("10000", "10000", "10000", "10000", "10000", "10000", "11111"),
    "M": ("10001", "11011", "10101", "10101", "10001", "10001", "10001"),
    "N": ("10001", "10001", "11001", "10101", "10011", "10001", "10001"),
    "O": ("01110", "10001", "10001", "10001", "10001", "10001", "01110"),
    "P": ("11110", "10001", "10001", "11110", "10000", "10000", "10000"),
    "Q": ("01110", "10001", "10001", "10001", "10101", "10010", "01101"),
    "R": ("11110", "10001", "10001", "11110", "10100", "10010", "10001"),
    "S": ("01111", "10000", "10000", "01110", "00001", "00001", "11110"),
    "T": ("11111", "00100", "00100", "00100", "00100", "00100", "00100"),
    "U": ("10001", "10001", "10001", "10001", "10001", "10001", "01110"),
    "V": ("10001", "10001", "10001", "10001", "10001", "01010", "00100"),
    "W": ("10001", "10001", "10001", "10101", "10101", "10101", "01010"),
    "X": ("10001", "10001", "01010", "00100", "01010", "10001", "10001"),
    "Y": ("10001", "10001", "01010", "00100", "00100", "00100", "00100"),
    "Z": ("11111", "00001", "00010", "00100", "01000", "10000", "11111"),
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
    " ": ("00000",) * 7,
}
GLYPH_ROWS = 7
GLYPH_COLS = 5


def _dot_sizes(largest_rows: int = 16) -> tuple[tuple[int, int], ...]:
    """(cells across, rows down) per dot, smallest first: 1×1, 2×1, 3×2, 4×2, 5×3, 6×3 …"""
    sizes = [(1, 1), (2, 1)]
    for rows in range(2, largest_rows + 1):
        sizes += [(2 * rows - 1, rows), (2 * rows, rows)]
    return tuple(sizes)


DOT_SIZES = _dot_sizes()


def dot_runs(label: str, row: int, *, dot_width: int = 2, gap: int = 1) -> list[tuple[int, bool]]:
    """One row of ``label`` as (cells, lit) runs, neighbouring runs of the same kind merged.

    Characters outside the font are drawn as a blank glyph (labels are A–Z and digits).
    """
    runs: list[tuple[int, bool]] = []

    def add(cells: int, lit: bool) -> None:
        if runs and runs[-1][1] == lit:
            runs[-1] = (runs[-1][0] + cells, lit)
        else:
            runs.append((cells, lit))

    for index, ch in enumerate(label):
        if index:
            add(gap * dot_width, False)
        for bit in GLYPHS.get(ch.upper(), GLYPHS[" "])[row]:
            add(dot_width, bit == "1")
    return runs


def big_text(
    label: str, color: str = "yellow", *, dot_width: int = 2, dot_height: int = 1, gap: int = 1
) -> Text:
    """Render ``label`` as ``7 × dot_height`` rows of coloured dots, ``dot_width`` cells per dot."""
    on = Style(bgcolor=color)
    text = Text(no_wrap=True, overflow="crop")
    lines = 0
    for row in range(GLYPH_ROWS):
        runs = dot_runs(label, row, dot_width=dot_width, gap=gap)
        for _copy in range(dot_height):
            if lines:
                text.append("\n")
            for cells, lit in runs:
                text.append(" " * cells, on if lit else None)
            lines += 1
    return text


def big_width(label: str, *, dot_width: int = 2, gap: int = 1) -> int:
    """Cells needed to draw ``label`` with :func:`big_text`."""
    count = len(label)
    return count * GLYPH_COLS * dot_width + max(0, count - 1) * gap * dot_width


def big_height(dot_height: int = 1) -> int:
    """Rows needed to draw a label with dots ``dot_height`` rows tall."""
    return GLYPH_ROWS * dot_height


def fit_dot(
    label: str, width: int, height: int, *, largest: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """The largest dot size (cells across, rows down) at which ``label`` fits ``width``×``height``.

    ``largest`` caps the size; None when even 1×1 dots do not fit.
    """
    for dot_width, dot_height in reversed(DOT_SIZES):
        if largest is not None and (dot_width > largest[0] or dot_height > largest[1]):
            continue
        if big_width(label, dot_width=dot_width) <= width and big_height(dot_height) <= height:
            return dot_width, dot_height
    return None
