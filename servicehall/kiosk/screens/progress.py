"""查询办理进度: a villager looks up their case (办件) — by its number, or by name and the last
four digits of the ID or phone given at 受理 — and sees its steps and dates, large.

The case number is typed on the big keypad (20261202003 shows as 2026-1202-003); for a name,
the name goes in a text field (the kiosk's on-screen keyboard) and the four digits on the keypad
(an ID may end in X: its own key). Only an exact match shows anything, and only that person's
own cases: a wrong number or name gets one polite line, the same whatever was wrong. Each kiosk
allows ``[cases] lookups_per_minute`` lookups a minute, then asks to wait. The way in is the
home screen's bar (``kiosk.widgets.home_bar``); what is found is drawn by ``CasePages``.
"""

from __future__ import annotations

import weakref

from textual import events, on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from servicehall.i18n import t
from servicehall.kiosk.messages import CaseLookup, CasesFound
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.widgets import Keypad, NavBar
from servicehall.kiosk.widgets.case_pages import CasePages
from servicehall.kiosk.widgets.keypad import CLEAR, DELETE, ENTER, QUICK_FLASH_S, typed_key
from servicehall.queue.caseviews import CaseView
from servicehall.queue.throttle import Throttle
from servicehall.ui.themes import colours
from servicehall.widgets.plain import plain

NUMBER_DIGITS = 11
LAST_DIGITS = 4
BY_NUMBER = "number"
BY_NAME = "name"
"""How a case is looked up (``CaseLookup.mode``): by its number, or by name and four digits."""

_throttles: weakref.WeakKeyDictionary[App[object], Throttle] = weakref.WeakKeyDictionary()
"""One limit per kiosk (its app), however often the screen is opened."""


def throttle_for(app: App[object], per_minute: int) -> Throttle:
    if app not in _throttles:
        _throttles[app] = Throttle(per_minute)
    return _throttles[app]


class ProgressScreen(KioskScreen):
    """Ask for a case number, or a name and four digits; then show what was found."""

    CSS = """
    #progress-body { height: 1fr; padding: 0 1; }
    #progress-info { width: 1fr; height: 1fr; padding: 0 1 0 0; }
    #progress-title { height: 1; text-style: bold; color: $kiosk-title-text; }
    #progress-modes { height: 3; }
    #progress-modes Button { width: 1fr; min-width: 8; margin: 0 1 0 0; }
    #progress-modes Button.-chosen { background: $kiosk-ok; }
    #progress-name { margin: 1 0 0 0; }
    #progress-edit { height: 3; }
    #progress-edit Button { width: 1fr; min-width: 6; margin: 0 1 0 0; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.mode = BY_NUMBER
        self.digits = ""
        self.searching = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="progress-body"):
            with Vertical(id="progress-info"):
                yield Static(t("progress_progress"), id="progress-title")
                with Horizontal(id="progress-modes"):
                    yield Button(t("progress_by_number"), id="mode-number", classes="-chosen")
                    yield Button(t("progress_by_name"), id="mode-name")
                yield Input(placeholder=t("progress_name"), id="progress-name", max_length=16)
                yield Static("", id="progress-typed", classes="entry-typed")
                yield Static("", id="progress-message", classes="entry-message")
                with Horizontal(id="progress-edit"):
                    yield Button(t("progress_delete"), id="progress-delete")
                    yield Button("X", id="progress-x")
            yield Keypad(id="progress-keypad", classes="entry-keypad")
        yield NavBar()

    def on_mount(self) -> None:
        for key in self.query(".key").results(Button):
            key.active_effect_duration = QUICK_FLASH_S  # numbers repeat digits: 2026-1123-001
        self._set_mode(BY_NUMBER)

    # ------------------------------------------------------------------ input

    @on(Button.Pressed, "#mode-number, #mode-name")
    def _mode(self, event: Button.Pressed) -> None:
        event.stop()
        self._set_mode(BY_NAME if event.button.id == "mode-name" else BY_NUMBER)

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self.digits = ""
        self.query_one("#mode-number").set_class(mode == BY_NUMBER, "-chosen")
        self.query_one("#mode-name").set_class(mode == BY_NAME, "-chosen")
        self.query_one("#progress-name").display = mode == BY_NAME
        self.query_one("#progress-x").display = mode == BY_NAME
        self._show(t("progress_enter_number" if mode == BY_NUMBER else "progress_enter_name"))

    def on_key(self, event: events.Key) -> None:
        if isinstance(self.focused, Input):
            return  # the name field takes the keys
        key = typed_key(event, DELETE, letters="X")
        if key is not None:
            self._press(key)
            event.stop()

    @on(Keypad.Pressed)
    def _keypad(self, event: Keypad.Pressed) -> None:
        self._press(event.key)

    @on(Button.Pressed, "#progress-delete, #progress-x")
    def _edit(self, event: Button.Pressed) -> None:
        event.stop()
        self._press(DELETE if event.button.id == "progress-delete" else "X")

    @on(Input.Submitted, "#progress-name")
    def _name_done(self, event: Input.Submitted) -> None:
        self.query_one("#progress-keypad").focus()
        self._press(ENTER)

    def _press(self, key: str) -> None:
        if self.searching:
            return
        wanted = NUMBER_DIGITS if self.mode == BY_NUMBER else LAST_DIGITS
        if key == ENTER:
            self._submit(wanted)
            return
        if key == CLEAR:
            self.digits = ""
        elif key == DELETE:
            self.digits = self.digits[:-1]
        elif key == "X" and (self.mode != BY_NAME or len(self.digits) != LAST_DIGITS - 1):
            return  # an X only ends an ID's last four
        elif len(self.digits) < wanted:
            self.digits += key
        left = wanted - len(self.digits)
        self._show(t("progress_more", n=left) if left else "")

    def _submit(self, wanted: int) -> None:
        name = self.query_one("#progress-name", Input).value.strip()
        if len(self.digits) < wanted:
            self._show(t("progress_more", n=wanted - len(self.digits)), error=True)
            return
        if self.mode == BY_NAME and not name:
            self._show(t("progress_enter_name"), error=True)
            return
        hall = self.kiosk.hall
        if hall is None:
            self._show(t("progress_trouble", message=self.kiosk.trouble), error=True)
            return
        wait_s = throttle_for(self.app, self.kiosk.config.cases.lookups_per_minute).attempt()
        if wait_s:
            self._show(t("progress_wait", s=int(wait_s) + 1), error=True)
            return
        self.searching = True
        self._show(t("progress_searching"))
        self.post_message(CaseLookup(self, self.mode, self.digits, name))

    @on(CasesFound)
    def _answer(self, event: CasesFound) -> None:
        found, message = event.found, event.message
        self.searching = False
        if not self.is_current:
            return
        if found:
            self.digits = ""
            self.query_one("#progress-name", Input).value = ""
            self._show("")
            self.app.push_screen(ProgressResult(found))
        else:
            self._show(message, error=True)

    # ------------------------------------------------------------------ drawing

    def _show(self, message: str, *, error: bool = False) -> None:
        if self.mode == BY_NUMBER:
            typed = self.digits.ljust(NUMBER_DIGITS, "_")
            shown = f"{typed[:4]}-{typed[4:8]}-{typed[8:]}"
        else:
            shown = self.digits.ljust(LAST_DIGITS, "_")
        self.query_one("#progress-typed", Static).update(shown)
        box = self.query_one("#progress-message", Static)
        box.update(plain(message))
        box.set_class(error, "error")


class ProgressResult(KioskScreen):
    """The case(s) found, large, a page at a time (``CasePages``)."""

    CSS = """
    #progress-result { height: 1fr; padding: 0 2; }
    ProgressResult.-tall #progress-result { padding: 1 2 0 2; }
    """

    def __init__(self, found: list[CaseView]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        count = len(self.found)
        title = t("progress_found", n=count) if count > 1 else t("progress_progress")
        yield Static(title, classes="title")
        yield CasePages(self.found, colours(self.app), id="progress-result", classes="paged")
        yield NavBar()
