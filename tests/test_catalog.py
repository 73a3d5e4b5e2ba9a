"""The one catalogue of words: every key in both languages with the same placeholders, and an
error said in the language of the moment it is shown."""

from __future__ import annotations

import argparse
import inspect
import re
import string

import pytest

from servicehall.catalog import CATALOG, LANGUAGES, MAY_BE_EMPTY
from servicehall.i18n import language, set_language, t, text_in
from servicehall.queue import UnknownInput

ARGPARSE_SOURCE = inspect.getsource(argparse)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = CATALOG[key]
    assert set(entry) == set(LANGUAGES)
    assert any(entry[lang].strip() for lang in LANGUAGES), "an empty word"
    assert key in MAY_BE_EMPTY or all(entry[lang].strip() for lang in LANGUAGES), "an empty text"
    assert placeholders(entry["zh"]) == placeholders(entry["en"])


@pytest.mark.parametrize("key", sorted(k for k in CATALOG if k.startswith("argparse_")))
def test_argparse_words_are_its_own_messages_with_the_same_percent_fields(key: str) -> None:
    """The English text is argparse's message id (``cli/argwords.py`` finds the Chinese by it),
    and both languages carry the same %-fields, which argparse fills in after the lookup."""
    entry = CATALOG[key]
    assert repr(entry["en"]) in ARGPARSE_SOURCE or f'"{entry["en"]}"' in ARGPARSE_SOURCE
    fields = re.compile(r"%(?:\(\w+\))?[sr]")
    assert sorted(fields.findall(entry["zh"])) == sorted(fields.findall(entry["en"]))


def test_a_lookup_fills_placeholders_in_either_language() -> None:
    zh = text_in("zh", "unknown_window", window=99, valid=["1", "2"])
    assert zh == "没有 99 号窗口；已有窗口：1、2"
    en = text_in("en", "unknown_window", window=99, valid=["1", "2"])
    assert en == "There is no window 99; windows: 1, 2"


def test_an_error_is_said_in_the_language_it_is_shown_in() -> None:
    before = language()
    try:
        set_language("zh")
        error = UnknownInput("unknown_window", window=99, valid="1")
        set_language("en")
        assert error.message == t("unknown_window", window=99, valid="1")
        assert error.message.startswith("There is no window 99")
    finally:
        set_language(before)
