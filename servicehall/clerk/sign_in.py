"""The sign-in screen: clerk id and PIN; a wrong PIN is refused and recorded, never stored.

Checking the PIN (one PBKDF2 hash) and writing the sign-in run in a thread worker. A refused
attempt is recorded as ``sign_in_refused`` with the window and, only when it names a real clerk,
the clerk id (an unknown id might be a PIN typed in the wrong box). Wrong PINs are counted in the
database per clerk and per window (``servicehall.queue.lockouts``): from the third in a row the
window, and that clerk anywhere, wait 10 s, then 20, 40 … before another attempt is checked; a
restart or another console does not reset the count.
"""

from __future__ import annotations

import logging
import math

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from servicehall.clerk.messages import SignInAnswered
from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.queue import Hall
from servicehall.queue.clerks import Clerk, find_clerk, list_clerks, verify_clerk
from servicehall.queue.lockouts import CLERK_RULE, PinGuard
from servicehall.widgets.plain import plain

log = logging.getLogger(__name__)


class SignInScreen(Screen[Clerk]):
    """Asks for clerk id and PIN; dismisses with the signed-in clerk."""

    def __init__(self, hall: Hall, window: int) -> None:
        super().__init__(id="sign-in")
        self.hall = hall
        self.window = window
        self.rule = CLERK_RULE
        self.locked = False
        self.checking = False

    def compose(self) -> ComposeResult:
        win = self.hall.window(self.window)
        with Vertical(id="sign-in-box"):
            yield Static(
                plain(t("window_title", window=win.number, name=win.name)), id="sign-in-title"
            )
            yield Static(t("sign_in_subtitle"), id="sign-in-subtitle")
            yield Input(placeholder=t("sign_in_id"), id="clerk-id")
            yield Input(placeholder="PIN", password=True, id="pin")
            yield Button(t("sign_in_button"), id="sign-in-button", variant="primary")
            yield Static("", id="sign-in-message")

    def on_mount(self) -> None:
        self.query_one("#clerk-id", Input).focus()

    @on(Input.Submitted, "#clerk-id")
    def _to_pin(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    @on(Button.Pressed, "#sign-in-button")
    def _submit(self) -> None:
        if self.checking:
            return
        if self.locked:
            self.query_one("#pin", Input).value = ""
            self._say(t("sign_in_locked"))
            return
        clerk_id = self.query_one("#clerk-id", Input).value.strip()
        pin_box = self.query_one("#pin", Input)
        pin, pin_box.value = pin_box.value, ""
        if not clerk_id or not pin:
            self._say(t("sign_in_missing"))
            return
        self._say(t("sign_in_checking"), error=False)
        self.query_one("#sign-in-button", Button).disabled = True
        self.checking = True
        self._check(clerk_id, pin)

    @work(thread=True, exclusive=True, group="sign-in", exit_on_error=False)
    def _check(self, clerk_id: str, pin: str) -> None:
        store, code = self.hall.store, self.hall.code
        try:
            known = find_clerk(store, code, clerk_id) is not None
            subjects = (f"window:{self.window}", *((f"clerk:{clerk_id}",) if known else ()))
            guard = PinGuard(store, code, self.rule)
            wait = guard.wait_s(*subjects)
            if wait > 0:  # locked (also by another console, or before a restart): not checked
                self.post_message(SignInAnswered(None, t("sign_in_too_many"), wait))
                return
            clerk = verify_clerk(store, code, clerk_id, pin)
            if clerk is None:
                attempt = guard.failed(*subjects)
                message = self._refuse(clerk_id, known, attempt.wait_s)
                self.post_message(SignInAnswered(None, message, attempt.wait_s))
                return
            guard.succeeded(*subjects)
            self.hall.sign_in(self.window, clerk.clerk_id)
            log.info("clerk %s signed in at window %d", clerk.clerk_id, self.window)
            self.post_message(SignInAnswered(clerk))
        except ServiceHallError as exc:
            log.warning("sign-in failed at window %d: %s", self.window, exc.message)
            self.post_message(SignInAnswered(None, exc.message))

    def _refuse(self, clerk_id: str, known: bool, lock_s: float) -> str:
        who = clerk_id if known else None
        self.hall.record("sign_in_refused", window=self.window, clerk=who, known=known)
        if lock_s:
            self.hall.record("pin_locked", window=self.window, clerk=who, seconds=lock_s)
        log.info("sign-in refused at window %d (known clerk: %s)", self.window, known)
        if not list_clerks(self.hall.store, self.hall.code, active_only=True):
            return t("no_clerks")
        return t("sign_in_refused")

    @on(SignInAnswered)
    def _answered(self, event: SignInAnswered) -> None:
        if event.clerk is not None:
            self.dismiss(event.clerk)
        else:
            self._refused(event.message, event.wait_s)

    def _refused(self, message: str, wait_s: float) -> None:
        self.checking = False
        if wait_s > 0:
            self.locked = True
            message += t("sign_in_wait", s=math.ceil(wait_s))
            self.set_timer(wait_s, self._unlock)
        else:
            self.query_one("#sign-in-button", Button).disabled = False
        self.query_one("#pin", Input).focus()
        self._say(message)

    def _unlock(self) -> None:
        self.locked = False
        self.query_one("#sign-in-button", Button).disabled = False
        self._say(t("sign_in_again"), error=False)

    def _say(self, message: str, *, error: bool = True) -> None:
        box = self.query_one("#sign-in-message", Static)
        box.update(plain(message))
        box.set_class(error, "error")
