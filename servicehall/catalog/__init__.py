"""The one catalogue of words: every message and screen text, Chinese first, English beside it.

One module per part of the program (``core``, ``cases``, ``kiosk``, ``clerk``, ``display``,
``phone``, ``cli``, ``usage``, ``argparse_words``, ``reports``, ``doctor``, ``admin``,
``printer``, ``paper`` (the ticket's and receipt's words), ``sms``, and ``names``: stored codes
named for people) so each stays readable; they merge into ``CATALOG`` here, and a key used
twice is refused at import. Look words up with ``servicehall.i18n.t`` / ``text_in``
(``tests/test_catalog.py`` checks that every key has both languages with the same placeholders).
"""

from __future__ import annotations

from servicehall.catalog import (
    admin,
    argparse_words,
    cases,
    clerk,
    cli,
    core,
    display,
    doctor,
    kiosk,
    names,
    paper,
    phone,
    printer,
    reports,
    sms,
    usage,
)

LANGUAGES = ("zh", "en")
MAY_BE_EMPTY = frozenset({"display_call_after_label", "display_call_after_window"})
"""Words one language needs and the other does without (the particles of the TV's call:
"请 A012 号 到 3 号窗口" is "No. A012 to window 3")."""


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = catalog.keys() & part.keys()
        if twice:
            raise RuntimeError(f"catalogue keys defined twice: {sorted(twice)}")
        catalog.update(part)
    return catalog


CATALOG = _merged(
    core.WORDS,
    cases.WORDS,
    kiosk.WORDS,
    clerk.WORDS,
    display.WORDS,
    phone.WORDS,
    cli.WORDS,
    usage.WORDS,
    argparse_words.WORDS,
    reports.WORDS,
    doctor.WORDS,
    admin.WORDS,
    printer.WORDS,
    paper.WORDS,
    sms.WORDS,
    names.WORDS,
)
