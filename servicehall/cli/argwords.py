"""argparse in the process's language: its help headings and its messages for a mistyped
command line, from the one catalogue (``catalog/argparse_words.py``).

argparse looks each of its words up through gettext when it uses it (``argparse._`` and
``argparse.ngettext``, its module's names for ``gettext.gettext`` and ``gettext.ngettext``);
``install`` puts the catalogue's lookup there, so ``servicehall leader`` with nothing after it
says 缺少必须给出的参数：action, not "the following arguments are required". The English texts are
argparse's own message ids; a message the catalogue does not list passes through unchanged.
"""

from __future__ import annotations

import argparse

from servicehall.catalog import CATALOG
from servicehall.i18n import t

KEYS = {CATALOG[key]["en"]: key for key in CATALOG if key.startswith("argparse_")}
"""argparse's message id → the catalogue's key."""


def translated(message: str) -> str:
    """argparse's ``message`` in the process's language (still a %-format for argparse)."""
    key = KEYS.get(message)
    return t(key) if key else message


def translated_plural(singular: str, plural: str, count: int) -> str:
    """``ngettext`` for argparse: the singular or plural message, translated."""
    return translated(singular if count == 1 else plural)


def install() -> None:
    """From now on argparse speaks the process's language (looked up each time it speaks)."""
    setattr(argparse, "_", translated)  # noqa: B010 - argparse's gettext name, not an attribute
    setattr(argparse, "ngettext", translated_plural)  # noqa: B010
