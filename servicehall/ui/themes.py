"""The screens' colours: three Textual themes a hall picks in hall.toml (``[screens] theme``).

Every colour the stylesheets (kiosk.tcss, clerk.tcss, display.tcss) and the display's drawing
use is a theme variable (``$kiosk-title``, ``$display-call`` …): ``dark`` is the look the screens
were designed with, ``high-contrast`` pure white and yellow on black for weak eyes and a sunny
entrance, ``light`` dark words on pale colours for a bright office. Each variable is named by
what it colours; ``*-text`` and ``*-ink`` are words, the others backgrounds. The display draws
with Rich styles, so its ``display-*`` words are Rich colours ("yellow" is the terminal's own).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

THEMES = ("dark", "high-contrast", "light")
"""What ``[screens] theme`` may say."""

# name: (dark, high-contrast, light)
PALETTE: dict[str, tuple[str, str, str]] = {
    # ------------------------------------------------------------------ kiosk
    "kiosk-screen": ("#000000", "#000000", "#ffffff"),
    "kiosk-band": ("#002b5c", "#000000", "#d6e4f5"),
    "kiosk-info": ("#0b3d91", "#00007a", "#c9dbf7"),
    "kiosk-go": ("#0d5c2b", "#004d00", "#c8ebd0"),
    "kiosk-panel": ("#17324f", "#000000", "#e3ecf6"),
    "kiosk-dim": ("#1a1a1a", "#000000", "#f0f0f0"),
    "kiosk-ok": ("#1b7f3b", "#006400", "#b9e3c3"),
    "kiosk-button": ("#2a2a2a", "#1a1a1a", "#e2e2e2"),
    "kiosk-off": ("#333333", "#262626", "#d4d4d4"),
    "kiosk-priority": ("#5c3d99", "#3c0080", "#ddd0f4"),
    "kiosk-warn": ("#7a4a00", "#5c3300", "#f4dcb2"),
    "kiosk-orange": ("#9a4d00", "#803c00", "#f6d2ae"),
    "kiosk-progress": ("#b35900", "#803c00", "#f6d2ae"),
    "kiosk-danger": ("#a00000", "#a00000", "#f4c4c4"),
    "kiosk-paper": ("#f4f1e8", "#ffffff", "#fffdf4"),
    "kiosk-accent": ("#ffd83d", "#ffff00", "#ffd83d"),
    "kiosk-text": ("#ffffff", "#ffffff", "#000000"),
    "kiosk-ink": ("#000000", "#000000", "#000000"),
    "kiosk-title-text": ("#ffd83d", "#ffff00", "#6b4700"),
    "kiosk-off-text": ("#888888", "#c0c0c0", "#505050"),
    "kiosk-dim-text": ("#999999", "#d0d0d0", "#505050"),
    "kiosk-link-text": ("#9ec5ff", "#b0d8ff", "#0b3d91"),
    "kiosk-wait-text": ("#bfe0ff", "#ffffff", "#0b3d91"),
    "kiosk-soft-text": ("#bbbbbb", "#ffffff", "#303030"),
    "kiosk-error-text": ("#ff8080", "#ff7070", "#a00000"),
    "kiosk-sms": ("#0d5c2b", "#004d00", "#c8ebd0"),
    "kiosk-sms-edge": ("#7ddc9a", "#00ff66", "#1b7f3b"),
    "kiosk-number": ("yellow", "#ffff00", "#7a4f00"),
    "kiosk-number-void": ("grey50", "#a0a0a0", "#909090"),
    # ------------------------------------------------------------------ clerk console, rating pad
    "clerk-screen": ("#101820", "#000000", "#f7f7f7"),
    "clerk-bar": ("#2b3a4a", "#1a1a1a", "#dde5ee"),
    "clerk-accent": ("#ffd75f", "#ffff00", "#ffd75f"),
    "clerk-off": ("#222a33", "#1a1a1a", "#e4e4e4"),
    "clerk-panel": ("#22313f", "#000000", "#e8eef4"),
    "clerk-panel-2": ("#2f4a63", "#1a1a1a", "#d2deea"),
    "clerk-box": ("#1b2d40", "#000000", "#eaf0f6"),
    "clerk-blue": ("#1565c0", "#0033cc", "#bcd6f5"),
    "clerk-blue-2": ("#1f4e79", "#002266", "#c9dcef"),
    "clerk-queue": ("#14253a", "#000000", "#eef3f8"),
    "clerk-paused": ("#3a2614", "#331a00", "#f4e4cc"),
    "clerk-ok": ("#1d3b1d", "#003300", "#d4efd4"),
    "clerk-error": ("#5a1d1d", "#4d0000", "#f6d2d2"),
    "clerk-green": ("#2e7d32", "#006400", "#b9e3c3"),
    "clerk-amber": ("#9e7d00", "#806600", "#f3e3a6"),
    "clerk-red": ("#b71c1c", "#a00000", "#f4c4c4"),
    "clerk-list": ("#0f1d2b", "#000000", "#f4f7fa"),
    "clerk-text": ("#f0f0f0", "#ffffff", "#111111"),
    "clerk-bright-text": ("#ffffff", "#ffffff", "#000000"),
    "clerk-ink": ("#000000", "#000000", "#000000"),
    "clerk-off-text": ("#7a8590", "#b0b0b0", "#5a636c"),
    "clerk-link-text": ("#9ecbff", "#b0d8ff", "#0b3d91"),
    "clerk-good-text": ("#9fd49f", "#66ff66", "#1b5e20"),
    "clerk-bad-text": ("#ff8080", "#ff7070", "#a00000"),
    "clerk-alert-text": ("#ff6b6b", "#ff7070", "#a00000"),
    "clerk-muted-text": ("#a0a0a0", "#d0d0d0", "#555555"),
    "clerk-soft-text": ("#c8d8e8", "#ffffff", "#22313f"),
    "clerk-cream-text": ("#e0e0c0", "#ffffff", "#3a3a20"),
    "clerk-ok-text": ("#c8f7c8", "#ffffff", "#1b5e20"),
    "clerk-error-text": ("#ffd0d0", "#ffffff", "#7f0000"),
    "clerk-title-text": ("#ffd75f", "#ffff00", "#6b4700"),
    # ------------------------------------------------------------------ hall display
    "display-screen": ("#081633", "#000000", "#ffffff"),
    "display-call-bg": ("#0f2a5e", "#000000", "#d6e4f5"),
    "display-flash-bg": ("#8b0000", "#a00000", "#f4c4c4"),
    "display-panel": ("#0b1d44", "#000000", "#eef3f8"),
    "display-text": ("white", "#ffffff", "#000000"),
    "display-bar-text": ("white", "#000000", "#ffffff"),
    "display-good-text": ("#9fd3a0", "#00ff00", "#1b5e20"),
    "display-alarm-bg": ("#8b0000", "#a00000", "#b00000"),
    "display-alarm-text": ("#ffffff", "#ffffff", "#ffffff"),
    "display-note-bg": ("#3a3000", "#000000", "#fff3c4"),
    "display-note-text": ("#ffe08a", "#ffff00", "#4a3500"),
    # the display's drawing (Rich colours)
    "display-call": ("yellow", "#ffff00", "#7a4f00"),
    "display-call-flash": ("bright_yellow", "#ffffff", "#b00000"),
    "display-words": ("white", "#ffffff", "#000000"),
    "display-number": ("cyan", "#00ffff", "#0b3d91"),
    "display-quiet": ("grey50", "#a0a0a0", "#707070"),
    "display-marked": ("black", "#000000", "#ffffff"),
}


def _theme(name: str, column: int, base: str, **colours: Any) -> Theme:
    variables = {key: values[column] for key, values in PALETTE.items()}
    return dataclasses.replace(
        BUILTIN_THEMES[base], name=f"servicehall-{name}", variables=variables, **colours
    )


HALL_THEMES: dict[str, Theme] = {
    "dark": _theme("dark", 0, "textual-dark"),
    "high-contrast": _theme(
        "high-contrast",
        1,
        "textual-dark",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1a1a1a",
        primary="#ffff00",
    ),
    "light": _theme("light", 2, "textual-light"),
}


def use_theme(app: App[Any], name: str) -> None:
    """Register the hall's themes with ``app`` and show it in ``name`` (one of ``THEMES``)."""
    for theme in HALL_THEMES.values():
        app.register_theme(theme)
    app.theme = HALL_THEMES[name].name


def colours(app: App[Any]) -> dict[str, str]:
    """The app's theme's colours by name, for drawing in Python (an app not using a hall theme
    draws in the dark theme's)."""
    dark = {key: values[0] for key, values in PALETTE.items()}
    return dark | {k: v for k, v in app.theme_variables.items() if k in PALETTE}


def colour(app: App[Any], name: str) -> str:
    """One colour of the app's theme (see ``colours``)."""
    return app.theme_variables.get(name) or PALETTE[name][0]
