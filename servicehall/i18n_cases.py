"""办件's stored codes named for people: :func:`kind_name`, :func:`step_name`, :func:`state_name`,
:func:`due_name` and :func:`callback_name` (回访 results), from the one catalogue
(``servicehall.catalog.names``; the case messages are in ``servicehall.catalog.cases``).
"""

from __future__ import annotations

from servicehall.i18n import code_name


def kind_name(code: str, lang: str | None = None) -> str:
    return code_name("kind", code, lang)


def step_name(code: str, lang: str | None = None) -> str:
    return code_name("step", code, lang)


def state_name(code: str, lang: str | None = None) -> str:
    return code_name("state", code, lang)


def due_name(code: str, lang: str | None = None) -> str:
    return code_name("due", code, lang)


def callback_name(code: str, lang: str | None = None) -> str:
    return code_name("callback", code, lang)
