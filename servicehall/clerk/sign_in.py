"""The sign-in screen: clerk id and PIN; a wrong PIN is refused and recorded, never stored.

Checking the PIN (one PBKDF2 hash) and writing the sign-in run in a thread worker. A refused
attempt is recorded as ``sign_in_refused`` with the window and, only when it names a real clerk,
the clerk id (an unknown id might be a PIN typed in the wrong box). From the third refusal in a
row the screen waits ``LOCK_S`` seconds before it takes another attempt, to slow PIN guessing.
"""

from __future__ import annotations

import logging

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.queue import Hall
from servicehall.queue.clerks import Clerk, find_clerk, list_clerks, verify_clerk

log = logging.getLogger(__name__)

FREE_ATTEMPTS = 2
LOCK_S = 10.0


class SignInScreen(Screen[Clerk]):
    """Asks for clerk id and PIN; dismisses with the signed-in clerk."""

    def __init__(self, hall: Hall, window: int) -> None:
        super().__init__(id="sign-in")
        self.hall = hall
        self.window = window
        self.refusals = 0
        self.lock_s = LOCK_S
        self.locked = False
        self.checking = False

    def compose(self) -> ComposeResult:
        win = self.hall.window(self.window)
        with Vertical(id="sign-in-box"):
            yield Static(f"{win.number} 号窗口  {win.name}", id="sign-in-title")
            yield Static("工作人员登录  Clerk sign-in", id="sign-in-subtitle")
            yield Input(placeholder="工号 Clerk ID", id="clerk-id")
            yield Input(placeholder="PIN", password=True, id="pin")
            yield Button("登录 Sign in", id="sign-in-button", variant="primary")
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
            self._say(f"输错次数太多，请等 {self.lock_s:.0f} 秒再试")
            return
        clerk_id = self.query_one("#clerk-id", Input).value.strip()
        pin_box = self.query_one("#pin", Input)
        pin, pin_box.value = pin_box.value, ""
        if not clerk_id or not pin:
            self._say("请输入工号和 PIN")
            return
        self._say("正在核对…", error=False)
        self.query_one("#sign-in-button", Button).disabled = True
        self.checking = True
        self._check(clerk_id, pin)

    @work(thread=True, exclusive=True, group="sign-in")
    def _check(self, clerk_id: str, pin: str) -> None:
        try:
            clerk = verify_clerk(self.hall.store, self.hall.code, clerk_id, pin)
            if clerk is None:
                message = self._refuse(clerk_id)
            else:
                self.hall.sign_in(self.window, clerk.clerk_id)
                log.info("clerk %s signed in at window %d", clerk.clerk_id, self.window)
                self.app.call_from_thread(self.dismiss, clerk)
                return
            self.app.call_from_thread(self._refused, message)
        except ServiceHallError as exc:
            log.warning("sign-in failed at window %d: %s", self.window, exc.message)
            self.app.call_from_thread(self._refused, exc.message, counted=False)

    def _refuse(self, clerk_id: str) -> str:
        known = find_clerk(self.hall.store, self.hall.code, clerk_id) is not None
        self.hall.record(
            "sign_in_refused", window=self.window, clerk=clerk_id if known else None, known=known
        )
        log.info("sign-in refused at window %d (known clerk: %s)", self.window, known)
        if not list_clerks(self.hall.store, self.hall.code, active_only=True):
            return t("no_clerks")
        return t("sign_in_refused")

    def _refused(self, message: str, counted: bool = True) -> None:
        self.checking = False
        self.refusals += counted
        if counted and self.refusals > FREE_ATTEMPTS:
            self.locked = True
            message += f"；请等 {self.lock_s:.0f} 秒再试"
            self.set_timer(self.lock_s, self._unlock)
        else:
            self.query_one("#sign-in-button", Button).disabled = False
        self.query_one("#pin", Input).focus()
        self._say(message)

    def _unlock(self) -> None:
        self.locked = False
        self.query_one("#sign-in-button", Button).disabled = False
        self._say("可以再试一次", error=False)

    def _say(self, message: str, *, error: bool = True) -> None:
        box = self.query_one("#sign-in-message", Static)
        box.update(message)
        box.set_class(error, "error")
