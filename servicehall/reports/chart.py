"""Arrivals by hour as a horizontal bar chart for terminals and Textual screens.

Bars are runs of coloured spaces, not block characters: block glyphs are "ambiguous width" and
some CJK fonts draw them two cells wide, which breaks the alignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

BAR_STYLE = "on #2e86c1"
PEAK_STYLE = "on #e67e22"


def hour_chart(rows: Sequence[dict[str, Any]], width: int = 40) -> Text:
    """One line per hour: ``09:00-10:00 ██████ 208``; the busiest hour in orange."""
    chart = Text()
    peak = max((row["issued"] for row in rows), default=0)
    for row in rows:
        count = row["issued"]
        length = round(count / peak * width) if peak else 0
        if count and not length:
            length = 1
        chart.append(f"{row['label']} ")
        chart.append(" " * length, style=PEAK_STYLE if count == peak and peak else BAR_STYLE)
        chart.append(f" {count}\n")
    chart.rstrip()
    return chart
