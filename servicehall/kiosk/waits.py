"""The one place a wait estimate becomes words on the kiosk (home buttons and ticket screen).

Today the core gives one figure in seconds (``hall.estimate_wait_s``); a range ("约 20–35 分钟")
is coming from the core. Screens call :func:`wait_text` only, and leave room for
:func:`widest_wait_text`, so the range changes this module and nothing on the screens.
"""

from __future__ import annotations

from rich.cells import cell_len

from servicehall.i18n import t

SOON_S = 180
"""Under three minutes the kiosk says 马上就到 rather than a number."""
WIDEST_RANGE = (120, 150)
"""The longest range the layouts leave room for (约 120–150 分钟)."""


def wait_text(wait_s: int | None) -> str:
    """约 25 分钟, or 马上就到 under three minutes; "" when there is no estimate."""
    if wait_s is None:
        return ""
    if wait_s < SOON_S:
        return t("wait_soon")
    return t("wait_about", m=max(1, round(wait_s / 60)))


def widest_wait_text() -> str:
    """The widest estimate any screen must show whole, in the current language."""
    low, high = WIDEST_RANGE
    texts = (t("wait_range", low=low, high=high), t("wait_soon"), t("wait_about", m=999))
    return max(texts, key=cell_len)
