"""The one place a wait estimate becomes words on the kiosk's screens.

The core projects each wait as a range (``WaitEstimate``); :func:`wait_words` says it in the
words of ``servicehall.i18n`` (``wait_text``: "约 20–35 分钟" or "马上就到" under three minutes,
``back_by_text``: when to be back, from the low end) for the home buttons, the confirm screen and
the ticket screen alike (the ticket screen puts when to be back on the same row when it fits, to
keep the number big on a small panel). :func:`widest_wait_text` is the widest of those texts, so
the layouts leave room for any estimate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.cells import cell_len

from servicehall.i18n import back_by_text, t, wait_text
from servicehall.queue import WaitEstimate

WIDEST_MINUTES = (600, 720)
"""A range with two three-digit ends is the widest any projection gives (its horizon is 12 h)."""


@dataclass(frozen=True)
class WaitWords:
    """A wait as the kiosk shows it, in the kiosk's current language ("" without an estimate)."""

    short: str
    """ "约 20–35 分钟" / "马上就到": on a service's button."""
    line: str
    """ "预计等候：约 20–35 分钟": on the confirm and ticket screens."""
    back_by: str
    """ "如需离开，请在 10:40 前回来" (the low end) when the wait leaves time to go; else ""."""

    def fitted(self, width: int) -> str:
        """The line and when to be back: one row when ``width`` cells hold both, else two."""
        if not self.back_by:
            return self.line
        both = t("wait_then_back_by", wait=self.line, back_by=self.back_by)
        return both if cell_len(both) <= width else f"{self.line}\n{self.back_by}"


def wait_words(wait: WaitEstimate | None) -> WaitWords:
    """Everything a kiosk screen says about ``wait``."""
    short = wait_text(wait)
    line = t("wait_estimate", wait=short) if short else ""
    return WaitWords(short, line, back_by_text(wait))


def widest_wait_text() -> str:
    """The widest estimate a service's button must show whole, in the current language."""
    low, high = WIDEST_MINUTES
    widest = WaitEstimate(high * 60, low * 60, high * 60, dt.datetime(2000, 1, 1))
    soon = WaitEstimate(0, 0, 0, widest.at)
    return max((wait_text(widest), wait_text(soon)), key=cell_len)
