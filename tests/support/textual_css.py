"""Textual's parsed CSS shared by every app a test process starts.

Each Textual app parses its stylesheets and every widget class's ``DEFAULT_CSS`` afresh when it
starts, and again when its theme is set: about 60 ms of CPU for a kiosk, a fifth of a short
kiosk test, paid by every screen test's app. Parsing is a pure function of the CSS text, where
it was read from, its flags and the theme's variables (Textual's own cache, ``Stylesheet.
_parse_cache``, is keyed the same way but lives and dies with one stylesheet), so the rules
parsed once are handed to the next app with the same key. CSS that fails to parse is not kept:
every app meets its error. The apps themselves are unchanged; only the test processes share.
"""

from __future__ import annotations

from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

_parsed: dict[tuple[Any, ...], list[RuleSet]] = {}


def share_parsed_css() -> None:
    """Make every Stylesheet in this process take rules already parsed with the same key."""
    parse = Stylesheet._parse_rules

    def shared_parse(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, *self._variables.items())
        rules = _parsed.get(key)
        if rules is None:
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            _parsed[key] = rules
        return rules

    Stylesheet._parse_rules = shared_parse  # type: ignore[method-assign]
