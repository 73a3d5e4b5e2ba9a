"""The terminal grids (columns × rows) each screen is laid out for.

``SMALLEST``: every screen of the role shows all it must from this grid up; below it something
is cut (``servicehall doctor --role …`` says so, with the fix, and the app logs it).
``DESIGNED``: the grid ``deploy/servicehall-xterm`` and the browser page aim their font size at:
the sample hall's whole home screen, or board, without pages, at the largest font that gives it.
The manager has none: it runs in the office PC's own terminal, at whatever size that is.
"""

from __future__ import annotations

import logging

SMALLEST: dict[str, tuple[int, int]] = {
    "kiosk": (56, 20),
    "display": (54, 16),
    "clerk": (80, 24),
    "rate": (36, 12),
    "manager": (80, 24),  # an office PC's terminal as it opens
}
DESIGNED: dict[str, tuple[int, int]] = {
    "kiosk": (70, 23),
    "display": (76, 22),
    "clerk": (100, 30),
    "rate": (48, 14),
}

log = logging.getLogger(__name__)


def fits(role: str, columns: int, rows: int) -> bool:
    """Whether a ``columns`` × ``rows`` terminal is at least the role's smallest grid."""
    least_columns, least_rows = SMALLEST[role]
    return columns >= least_columns and rows >= least_rows


def log_grid(role: str, columns: int, rows: int) -> None:
    """Note the grid an app got (a warning when it is below the role's smallest)."""
    least = "×".join(map(str, SMALLEST[role]))
    if fits(role, columns, rows):
        log.info("%s screen: %d×%d cells (smallest %s)", role, columns, rows, least)
    else:
        log.warning(
            "%s screen: %d×%d cells, below the smallest %s: text will be cut;"
            " a smaller font or a larger screen fixes it (servicehall doctor --role %s says how)",
            role,
            columns,
            rows,
            least,
            role,
        )
