"""The entrance kiosk: a locked-down Textual app villagers use to take a ticket.

``HallApp`` follows the hall (the kiosk creates or upgrades the database on a new PC); the kiosk
keeps the printer and does the work that blocks (issuing, printing, PIN checks, staff actions,
registering a number for 短信提醒), always in its own thread workers. Screens ask for it with a
message (``kiosk.messages``) and get the answer back as one; they never run workers or change
the app's state themselves. The public has no way out: no quit key, no command palette, no
suspend; staff leave through the PIN-protected maintenance screen.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from servicehall.config import HallConfig, Matter, Service, load_config
from servicehall.errors import ServiceHallError
from servicehall.i18n import language, set_language, t
from servicehall.kiosk.issuing import GaveUp, Issued, issue_with_retry
from servicehall.kiosk.messages import (
    CaseLookup,
    CasesFound,
    ConfigReloaded,
    IssueRefused,
    IssueRetrying,
    PhoneEntered,
    PhoneRefused,
    PhoneRegistered,
    PinChecked,
    PinEntered,
    PrintFinished,
    StaffAction,
    StaffAsked,
    StaffDone,
    TicketIssued,
    WaitsRead,
)
from servicehall.kiosk.screens.home import HomeScreen
from servicehall.kiosk.screens.notice import NoticeScreen
from servicehall.kiosk.screens.pin import PinScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.pins import verify_pin
from servicehall.printer import PrintOutcome, make_printer
from servicehall.queue import (
    Clock,
    Hall,
    HallError,
    HallStatus,
    Refused,
    StoreError,
    TicketView,
    WaitEstimate,
)
from servicehall.queue.lockouts import KIOSK_RULE, PinGuard, this_pc
from servicehall.queue.outbox import register_phone
from servicehall.ui.app_base import HallApp, HallNews
from servicehall.ui.follower import Lost

log = logging.getLogger(__name__)

BLOCKED_ACTIONS = frozenset(
    {"quit", "suspend_process", "command_palette", "help_quit", "screenshot", "change_theme"}
)


class KioskApp(HallApp, inherit_bindings=False):
    """The touchscreen kiosk. Construct with the hall's config and database URL."""

    CSS_PATH = Path(__file__).with_name("kiosk.tcss")
    TITLE = "servicehall kiosk"
    GRID = "kiosk"
    ALLOW_SELECT = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f12", "staff", show=False),
    ]

    hall_status: reactive[HallStatus | None] = reactive(None, always_update=True)
    waits: reactive[dict[str, WaitEstimate]] = reactive(dict, always_update=True)
    """Per service open today: the wait an ordinary ticket taken now can expect."""
    trouble: reactive[str] = reactive("")

    def __init__(
        self,
        config: HallConfig,
        *,
        db: str | None = None,
        clock: Clock | None = None,
        enforce_hours: bool = True,
        config_path: str | os.PathLike[str] | None = None,
        language: str | None = None,
    ) -> None:
        super().__init__(config, db=db, clock=clock, enforce_hours=enforce_hours, create=True)
        self.db = db
        self.clock = clock
        self.enforce_hours = enforce_hours
        self.config_path = Path(config_path) if config_path else None
        self.printer = make_printer(config.printer)
        self.issuing = False
        self.last_ticket: TicketView | None = None
        self.staff_leaving = False
        self._pin_guard: PinGuard | None = None
        self._printing: dict[int, TicketScreen] = {}
        """Ticket screens waiting for their printer's answer (also after 首页 was tapped)."""
        self._last_input = time.monotonic()
        self.home_language = language or config.kiosk.language
        set_language(self.home_language)

    # ------------------------------------------------------------------ lifecycle

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    def on_mount(self) -> None:
        self.hall_changed.subscribe(self, self._hall_news, immediate=True)
        idle = self.config.kiosk.idle_reset_seconds
        self.set_interval(min(1.0, idle / 4), self._check_idle)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BLOCKED_ACTIONS and not self.staff_leaving:
            return False
        return super().check_action(action, parameters)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.note_input()
        await super().on_event(event)

    def note_input(self) -> None:
        """Someone is using the kiosk: put off the idle reset (keys here, taps on screens)."""
        self._last_input = time.monotonic()

    def staff_quit(self) -> None:
        """Leave the kiosk (staff only, from the maintenance screen)."""
        self.staff_leaving = True
        self._leave()

    @work(thread=True, group="leave", name="staff quit", exit_on_error=False)
    def _leave(self) -> None:
        self.record_event("kiosk_quit")
        self.from_thread(self.exit)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """A bug in issuing must not leave the kiosk refusing every tap."""
        if worker.group == "issue" and self.issuing:
            self._end_issue()
            self._show_notice(t("sorry"), t("gave_up"))

    # ------------------------------------------------------------------ navigation

    def go_home(self) -> None:
        """Back to the home screen from anywhere, in the kiosk's own language."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _check_idle(self) -> None:
        idle = time.monotonic() - self._last_input
        if idle < self.config.kiosk.idle_reset_seconds or self.issuing:
            return
        if len(self.screen_stack) > 1:
            log.info("kiosk idle for %.0f s: back to home", idle)
            self.go_home()
        self.set_language(self.home_language)

    def set_language(self, code: str) -> None:
        """Switch the kiosk's words (zh/en) on every open screen."""
        if language() == code:
            return
        set_language(code)
        for screen in self.screen_stack:
            screen.refresh(recompose=True)

    def action_toggle_language(self) -> None:
        self.set_language("en" if language() == "zh" else "zh")

    def pin_guard(self) -> PinGuard:
        """Wrong staff PINs, counted in the database (in memory while it is unreachable)."""
        if self._pin_guard is None or (self.hall and self._pin_guard.store is not self.hall.store):
            store = self.hall.store if self.hall else None
            self._pin_guard = PinGuard(store, self.config.hall.code, KIOSK_RULE)
        return self._pin_guard

    def action_staff(self) -> None:
        if not isinstance(self.screen, PinScreen):
            self.push_screen(PinScreen())

    # ------------------------------------------------------------------ following the hall

    def _hall_news(self, news: HallNews) -> None:
        if isinstance(news, Lost):
            log.warning("kiosk database trouble: %s", news.reason)
            self.trouble = news.reason
            return
        self.trouble = ""
        self.hall_status = news.status
        if self.hall is not None:
            self._read_waits(self.hall)

    @work(thread=True, exclusive=True, group="waits", name="read waits", exit_on_error=False)
    def _read_waits(self, hall: Hall) -> None:
        """Every open service's wait (one read, one projection), after the status is on screen."""
        try:
            waits = hall.estimate_waits()
        except StoreError as exc:
            log.warning("kiosk could not read the waits: %s", exc.message)
            return
        self.post_message(WaitsRead(waits))

    @on(WaitsRead)
    def _waits_read(self, event: WaitsRead) -> None:
        self.waits = event.waits

    # ------------------------------------------------------------------ issuing and printing

    def request_ticket(
        self, asking: Screen[Any], service: Service, matter: Matter | None, priority: bool
    ) -> bool:
        """Start issuing a ticket (``asking`` hears of retries); False (and nothing happens)
        while one is being issued or before the hall is reached."""
        if self.issuing or self.hall is None:
            return False
        self.issuing = True
        self._issue(self.hall, asking, service.code, matter.code if matter else None, priority)
        return True

    @work(thread=True, exclusive=True, group="issue", name="issue ticket", exit_on_error=False)
    def _issue(
        self, hall: Hall, asking: Screen[Any], service: str, matter: str | None, priority: bool
    ) -> None:
        worker = get_current_worker()

        def retrying(attempt: int, _message: str) -> None:
            asking.post_message(IssueRetrying(attempt))

        try:
            issued = issue_with_retry(
                hall,
                service,
                matter,
                priority,
                on_retry=retrying,
                cancelled=lambda: worker.is_cancelled,
            )
        except HallError as exc:
            if not isinstance(exc, Refused):
                log.warning("kiosk issue refused: %s", exc.message)
            self.post_message(IssueRefused(exc))
            return
        except GaveUp:
            self.post_message(IssueRefused(None))
            return
        self.post_message(TicketIssued(issued))
        self.post_message(PrintFinished(issued.ticket.id, self._print_ticket(hall, issued)))

    def _end_issue(self) -> None:
        self.issuing = False

    @on(TicketIssued)
    def _ticket_issued(self, event: TicketIssued) -> None:
        """Show the ticket and accept the next tap, in one step on the UI thread."""
        self.last_ticket = event.issued.ticket
        screen = self._printing[event.issued.ticket.id] = TicketScreen(event.issued)
        self._replace_top(screen)
        self._end_issue()

    @on(IssueRefused)
    def _issue_refused(self, event: IssueRefused) -> None:
        error = event.error
        if error is None:
            self._show_notice(t("sorry"), t("gave_up"))
        elif isinstance(error, Refused):
            self._show_refused(error)
        else:
            self._show_notice(t("sorry"), error.message)
        self._end_issue()

    @on(PrintFinished)
    def _print_finished(self, event: PrintFinished) -> None:
        screen = self._printing.pop(event.ticket_id, None)
        if screen is not None:
            screen.show_print(event.outcome)

    def _print_ticket(self, hall: Hall, issued: Issued) -> PrintOutcome:
        try:
            return self.printer.print_ticket(hall, issued.ticket)
        except Exception as exc:  # the number must stay on screen whatever the printer did
            log.exception("printing %s failed unexpectedly", issued.ticket.label)
            return PrintOutcome(False, t("printer_error"), f"{type(exc).__name__}: {exc}")

    def _show_refused(self, exc: Refused) -> None:
        title = {
            "hall_closed": "closed_title",
            "cap_reached": "cap_title",
            "not_market_day": "market_title",
        }.get(exc.key, "sorry")
        # the core's closed message repeats the hours the notice shows anyway
        message = t("closed_message") if exc.key == "hall_closed" else exc.message
        self._show_notice(t(title), message, show_hours=True)

    def _show_notice(self, title: str, message: str, *, show_hours: bool = False) -> None:
        self._replace_top(NoticeScreen(title, message, show_hours=show_hours))

    def _replace_top(self, screen: Screen[Any]) -> None:
        """Put ``screen`` in place of the confirm screen; "首页" later unwinds the rest at once.

        Switching (rather than going home first) spares laying out the home screen in between.
        """
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # ------------------------------------------------------------------ staff work

    @on(PinEntered)
    def _pin_entered(self, event: PinEntered) -> None:
        event.stop()
        self._verify_pin(event.screen, event.pin, self.config.kiosk.staff_pin_hash or "")

    @work(thread=True, exclusive=True, group="pin", name="check PIN", exit_on_error=False)
    def _verify_pin(self, asking: Screen[Any], pin: str, stored: str) -> None:
        guard = self.pin_guard()
        subject = this_pc("kiosk")
        wait = guard.wait_s(subject)
        if wait > 0:  # locked: the PIN is not even checked
            asking.post_message(PinChecked(False, wait))
            return
        if verify_pin(pin, stored):
            guard.succeeded(subject)
            asking.post_message(PinChecked(True, 0.0))
            return
        attempt = guard.failed(subject)
        if attempt.wait_s:
            self.record_event("pin_locked", seconds=attempt.wait_s, failures=attempt.failures)
        asking.post_message(PinChecked(False, attempt.wait_s))

    @on(StaffAsked)
    def _staff_asked(self, event: StaffAsked) -> None:
        event.stop()
        if event.action == "quit":
            self.staff_quit()
        else:
            self._staff_job(event.screen, event.action)

    @work(thread=True, group="staff", name="staff action", exit_on_error=False)
    def _staff_job(self, asking: Screen[Any], action: StaffAction) -> None:
        try:
            text = self._staff_text(action)
        except ServiceHallError as exc:
            text = exc.message
        asking.post_message(StaffDone(action, text))

    def _staff_text(self, action: str) -> str:
        """Do one staff action (blocking) and say how it went."""
        hall, last = self.hall, self.last_ticket
        if action == "printer_status":
            status = self.printer.status()
            return t(
                "printer_state", state=t("printer_online") if status.online else status.message
            )
        if action == "reload":
            return t("reloaded", services=len(self.reload_config().services))
        if hall is None:
            return t("connecting", detail=self.trouble)
        if action == "print_test":
            outcome = self.printer.print_test(hall)
            return t("print_ok") if outcome.ok else f"{outcome.message} {outcome.detail}"
        if last is None:
            return t("no_last_ticket")
        outcome = self.printer.reprint(hall, last.id)
        ok_text = f"{t('print_ok')} {last.label}"
        return ok_text if outcome.ok else f"{last.label}: {outcome.message} {outcome.detail}"

    @on(PhoneEntered)
    def _phone_entered(self, event: PhoneEntered) -> None:
        event.stop()
        if self.hall is None:
            event.screen.post_message(PhoneRefused(self.trouble))
            return
        self._register_phone(self.hall, event)

    @work(thread=True, exclusive=True, group="sms", name="register phone", exit_on_error=False)
    def _register_phone(self, hall: Hall, asked: PhoneEntered) -> None:
        try:
            masked = register_phone(hall, asked.ticket_id, asked.phone, asked.language)
        except ServiceHallError as exc:
            asked.screen.post_message(PhoneRefused(exc.message))
            return
        asked.screen.post_message(PhoneRegistered(masked))

    @on(CaseLookup)
    def _case_lookup(self, event: CaseLookup) -> None:
        event.stop()
        if self.hall is None:
            event.screen.post_message(CasesFound([], t("progress_trouble", message=self.trouble)))
            return
        self._look_up(self.hall, event)

    @work(thread=True, exclusive=True, group="progress", name="look up a case", exit_on_error=False)
    def _look_up(self, hall: Hall, asked: CaseLookup) -> None:
        """查询办理进度: by number, or by name and four digits (only an exact match)."""
        try:
            if asked.mode == "number":
                found = [hall.case(asked.digits)]
            else:
                found = hall.find_cases(asked.name, asked.digits)
        except ServiceHallError as exc:
            found = []
            if exc.exit_code == 5:  # the database, not the villager's input
                message = t("progress_trouble", message=exc.message)
                asked.screen.post_message(CasesFound([], message))
                return
        asked.screen.post_message(CasesFound(found, "" if found else t("progress_not_found")))

    def record_event(self, kind: str, hall: Hall | None = None, **detail: Any) -> None:
        """Append a staff action to the event log (blocking; from a worker)."""
        hall = hall or self.hall
        if hall is not None:
            try:
                hall.record(kind, **detail)
            except StoreError:
                log.warning("kiosk could not record %s", kind, exc_info=True)

    def reload_config(self) -> HallConfig:
        """Read hall.toml again and follow the hall with it (blocking; call from a worker)."""
        config = load_config(self.config_path)
        hall = Hall.open(config, db=self.db, clock=self.clock, enforce_hours=self.enforce_hours)
        try:
            self.record_event("kiosk_reload", hall, services=len(config.services))
        finally:
            hall.close()
        self.post_message(ConfigReloaded(config, make_printer(config.printer)))
        return config

    @on(ConfigReloaded)
    def _reloaded(self, event: ConfigReloaded) -> None:
        self.printer = event.printer
        self.follow(event.config)
        for screen in self.screen_stack[:-1]:  # the staff screen on top keeps its messages
            screen.refresh(recompose=True)
