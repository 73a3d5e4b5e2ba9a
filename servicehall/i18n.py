"""Words for people: one lookup (``t`` / ``text_in``) in the one catalogue, Chinese first.

The words are in ``servicehall.catalog``. The process's language is set once at start-up from
the settings (``servicehall.settings``: ``--lang`` or ``$SERVICEHALL_LANG``) with
``set_language``; the kiosk switches it when a villager taps "English".
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from servicehall.catalog import CATALOG as CATALOG  # the one catalogue, looked up here

if TYPE_CHECKING:  # the queue core imports this module
    from servicehall.queue.views import WaitEstimate

_language = "zh"
SHOWN_LIMIT = 400


BACK_BY_FROM_S = 15 * 60
"""A villager is told when to be back only when the low end leaves time to go somewhere."""


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.lower().startswith("en") else "zh"


def language() -> str:
    return _language


def shown(value: object, limit: int = SHOWN_LIMIT) -> str:
    """Text from outside (an argument, a name, a file) as it may appear in a message: control
    characters made visible (an ESC would act on the terminal), long text cut short."""
    text = "".join(f"\\x{ord(ch):02x}" if is_control(ch) else ch for ch in str(value)[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_control(ch: str) -> bool:
    """C0 and C1 control characters and DEL (tab and newline included)."""
    return ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0


def t(key: str, /, **params: object) -> str:
    """The catalogue's message in the process's language; text parameters shown as data
    (control characters visible, long text cut short), lists joined with 、 or ", "."""
    return text_in(None, key, **params)


def text_in(lang: str | None, key: str, /, **params: object) -> str:
    """The catalogue's message in ``lang`` (None: the process's language), as :func:`t`."""
    lang = lang or _language
    entry = CATALOG[key]
    safe = {k: _param(v, lang) for k, v in params.items()}
    return entry.get(lang, entry["zh"]).format(**safe)


def listed(items: list[str] | tuple[str, ...], lang: str | None = None) -> str:
    """Items joined the language's way: 1、2、13 or 1, 2, 13."""
    return ("、" if (lang or _language) == "zh" else ", ").join(str(item) for item in items)


def _param(value: object, lang: str) -> object:
    """A parameter as a message shows it: text as data, a list joined the language's way."""
    if isinstance(value, (list, tuple)):
        value = listed(value, lang)
    return shown(value) if isinstance(value, str) else value


def code_name(table: str, code: str, lang: str | None = None) -> str:
    """A stored code named for people (``catalog.names``: ``name_<table>_<code>``); an
    unknown code is shown as it is."""
    key = f"name_{table}_{code}"
    return text_in(lang, key) if key in CATALOG else code


def field_name(field: str) -> str:
    return code_name("field", field)


def _wait_word(key: str, lang: str | None, **params: object) -> str:
    return text_in(lang, f"wait_{key}", **params)


def wait_text(wait: WaitEstimate | None, lang: str | None = None, dash: str = "–") -> str:
    """A wait as every screen and the ticket say it: "约 20–35 分钟", "马上就到" under three
    minutes (however many are ahead), "" when there is no estimate. Ranges of ten minutes and
    more are widened to whole five minutes (the low end down, the high end up)."""
    if wait is None:
        return ""
    if wait.soon:
        return _wait_word("soon", lang)
    low, high = wait.low_s // 60, max(1, math.ceil(wait.high_s / 60))
    if high >= 10:
        low, high = low // 5 * 5, math.ceil(high / 5) * 5
    if low == 0:
        return _wait_word("within", lang, high=high)
    if low >= high:
        return _wait_word("about", lang, high=high)
    return _wait_word("range", lang, low=low, high=high, dash=dash)


def back_by_text(wait: WaitEstimate | None, lang: str | None = None) -> str:
    """When to be back (the low end, to the minute before): for villagers going to the market.
    "" when the wait is too short to leave."""
    if wait is None or wait.low_s < BACK_BY_FROM_S:
        return ""
    return _wait_word("back_by", lang, time=f"{wait.back_by:%H:%M}")


def status_name(status: str) -> str:
    return code_name("status", status)
