"""The staff maintenance screen: printer state and test, reprint, reload config, quit.

Each button asks the app (``StaffAsked``), which does the work in a thread worker and answers
with ``StaffDone``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, Static

from servicehall.i18n import t
from servicehall.kiosk.messages import StaffAction, StaffAsked, StaffDone
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.widgets import NavBar
from servicehall.widgets.plain import plain

BUTTONS: dict[str, StaffAction] = {
    "printer-test": "print_test",
    "reprint": "reprint",
    "reload": "reload",
    "quit": "quit",
}


class MaintenanceScreen(KioskScreen):
    """Reached only through the PIN screen; the app does every action in a thread worker."""

    def compose(self) -> ComposeResult:
        with Vertical(id="maint"):
            yield Static(
                plain(f"{t('maint_title')}  {self.kiosk.config.hall.name}"), classes="title"
            )
            yield Static(t("printer_state", state=t("printer_checking")), id="printer-state")
            yield Static(plain(self._last_ticket_text()), id="last-ticket")
            with Grid(id="maint-actions"):
                yield Button(t("printer_test"), id="printer-test", classes="maint")
                yield Button(t("reprint"), id="reprint", classes="maint")
                yield Button(t("reload"), id="reload", classes="maint")
                yield Button(t("quit"), id="quit", classes="maint quit")
            yield Static("", id="maint-result")
        yield NavBar(back=False)

    def on_mount(self) -> None:
        self._ask("printer_status")

    def _last_ticket_text(self) -> str:
        last = self.kiosk.last_ticket
        return t("last_ticket", label=last.label) if last else t("no_last_ticket")

    def _ask(self, action: StaffAction) -> None:
        if action not in ("printer_status", "quit"):
            self.set_text("#maint-result", t("working"))
        self.post_message(StaffAsked(self, action))

    @on(StaffDone)
    def _done(self, event: StaffDone) -> None:
        target = "#printer-state" if event.action == "printer_status" else "#maint-result"
        self.set_text(target, event.text)

    @on(Button.Pressed, "#printer-test, #reprint, #reload, #quit")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._ask(BUTTONS[event.button.id or ""])
