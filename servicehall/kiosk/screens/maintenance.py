"""The staff maintenance screen: printer state and test, reprint, reload config, quit."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, Static

from servicehall.errors import ServiceHallError
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.strings import s
from servicehall.kiosk.widgets import NavBar
from servicehall.widgets.plain import plain


class MaintenanceScreen(KioskScreen):
    """Reached only through the PIN screen; every action runs in a thread worker."""

    def compose(self) -> ComposeResult:
        with Vertical(id="maint"):
            yield Static(
                plain(f"{s('maint_title')}  {self.kiosk.config.hall.name}"), classes="title"
            )
            yield Static(s("printer_state", state=s("printer_checking")), id="printer-state")
            yield Static(plain(self._last_ticket_text()), id="last-ticket")
            with Grid(id="maint-actions"):
                yield Button(s("printer_test"), id="printer-test", classes="maint")
                yield Button(s("reprint"), id="reprint", classes="maint")
                yield Button(s("reload"), id="reload", classes="maint")
                yield Button(s("quit"), id="quit", classes="maint quit")
            yield Static("", id="maint-result")
        yield NavBar(back=False)

    def on_mount(self) -> None:
        self._printer_status()

    def _last_ticket_text(self) -> str:
        last = self.kiosk.last_ticket
        return s("last_ticket", label=last.label) if last else s("no_last_ticket")

    def _result(self, text: str) -> None:
        self.set_text("#maint-result", text)

    @work(thread=True, exclusive=True, group="maint-status")
    def _printer_status(self) -> None:
        status = self.kiosk.printer.status()
        state = s("printer_online") if status.online else status.message
        self.app.call_from_thread(self.set_text, "#printer-state", s("printer_state", state=state))

    def _run(self, job: Callable[[], str]) -> None:
        self._result(s("working"))
        self._job(job)

    @work(thread=True, exclusive=True, group="maint-job")
    def _job(self, job: Callable[[], str]) -> None:
        try:
            text = job()
        except ServiceHallError as exc:
            text = exc.message
        self.app.call_from_thread(self._result, text)

    @on(Button.Pressed, "#printer-test")
    def _test(self, event: Button.Pressed) -> None:
        event.stop()
        kiosk, hall = self.kiosk, self.kiosk.hall
        if hall is None:
            self._result(s("connecting", detail=kiosk.trouble))
            return

        def job() -> str:
            outcome = kiosk.printer.print_test(hall)
            return s("print_ok") if outcome.ok else f"{outcome.message} {outcome.detail}"

        self._run(job)

    @on(Button.Pressed, "#reprint")
    def _reprint(self, event: Button.Pressed) -> None:
        event.stop()
        kiosk = self.kiosk
        last, hall = kiosk.last_ticket, kiosk.hall
        if last is None or hall is None:
            self._result(s("no_last_ticket"))
            return

        def job() -> str:
            outcome = kiosk.printer.reprint(hall, last.id)
            ok_text = f"{s('print_ok')} {last.label}"
            return ok_text if outcome.ok else f"{last.label}: {outcome.message} {outcome.detail}"

        self._run(job)

    @on(Button.Pressed, "#reload")
    def _reload(self, event: Button.Pressed) -> None:
        event.stop()
        kiosk = self.kiosk
        self._run(lambda: s("reloaded", services=len(kiosk.reload_config().services)))

    @on(Button.Pressed, "#quit")
    def _quit(self, event: Button.Pressed) -> None:
        event.stop()
        self.kiosk.staff_quit()
