"""Upkeep for the screen apps that run all day: a small heap and a quick garbage collector.

Two things made a kiosk slower and bigger with every ticket, both measured:

- Textual 8.2's ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so its 1,024
  entries keep widgets' style caches (and every line they drew) alive after the widgets are gone
  (Textualize/textual#6665, open). A kiosk grew by ~0.9 MB and ~5,500 objects per ticket.
  ``trim_caches`` empties that cache now and then; it refills at once, the values are cheap.
- After start-up an app holds a few hundred thousand long-lived objects (modules, widgets, styles,
  the hall's configuration), and every full garbage collection walked them all: 100–270 ms,
  which turned one tap in twenty into a 200–250 ms wait. ``settle`` collects what start-up left
  behind and freezes the rest into the permanent generation the collector skips.

``keep_tidy(app)`` from an app's ``on_mount`` schedules both; ``let_go()`` from its
``on_unmount`` trims the cache and unfreezes what ``settle`` froze, so a process that runs one app
after another (the tests do) does not keep the objects of the apps that ended. A freeze made by
another part of the process (the test suite freezes its own start-up) is left as it is:
``settle`` finds the heap frozen and does nothing, and ``let_go`` leaves that freeze alone.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

from textual.app import App

try:  # private to Textual: if a release moves it, there is nothing to trim
    from textual._styles_cache import StylesCache

    _LEAKY_CACHES = [StylesCache.get_inner_outer]
except (ImportError, AttributeError):  # pragma: no cover - depends on the Textual release
    _LEAKY_CACHES = []

log = logging.getLogger(__name__)

SETTLE_AFTER_S = 2.0
"""After the first screen is drawn, before anyone uses it."""
TRIM_EVERY_S = 5.0


class _Settled:
    """Whether :func:`settle` froze this process's heap (only then does :func:`let_go` thaw it)."""

    froze = False


def settle() -> None:
    if gc.get_freeze_count():
        return  # frozen already: another app in this process settled, or the process froze itself
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    _Settled.froze = True
    log.debug(
        "froze %d start-up objects in %.0f ms",
        gc.get_freeze_count(),
        (time.perf_counter() - started) * 1000,
    )


def trim_caches() -> None:
    for cache in _LEAKY_CACHES:
        cache.cache_clear()


def keep_tidy(app: App[Any]) -> None:
    app.set_timer(SETTLE_AFTER_S, settle)
    app.set_interval(TRIM_EVERY_S, trim_caches)


def let_go() -> None:
    trim_caches()  # the ended app's widgets and what they drew
    if _Settled.froze:
        gc.unfreeze()
        _Settled.froze = False
