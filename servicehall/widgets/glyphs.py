"""Glyphs that terminals count as one cell but WenQuanYi Micro Hei Mono draws two cells wide.

"→" (Unicode: ambiguous width; hall.toml's procedures are full of them) is drawn over the cell
after it. Mid-line that cell is a space and the arrow reads well; at the end of a wrapped line it
would be cut off at the edge, so text holding such a glyph is wrapped one cell narrower.
"""

from __future__ import annotations

DRAWN_WIDE = frozenset("→")


def spare_cells(text: str) -> int:
    """Cells to keep free at the end of each line of ``text`` (1 if it holds a wide-drawn glyph)."""
    return 1 if DRAWN_WIDE.intersection(text) else 0
