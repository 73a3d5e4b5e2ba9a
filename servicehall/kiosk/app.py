"""The entrance kiosk: a locked-down Textual app villagers use to take a ticket.

The app owns the hall connection, the printer and the work that blocks (database, printing,
PIN checks), always in thread workers; screens only ask it to act and show what comes back.
The public has no way out: no quit key, no command palette, no suspend; staff leave through the
PIN-protected maintenance screen.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import get_current_worker

from servicehall.config import HallConfig, Matter, Service, load_config
from servicehall.grids import log_grid
from servicehall.i18n import language, set_language
from servicehall.kiosk.issuing import GaveUp, Issued, issue_with_retry
from servicehall.kiosk.screens.home import HomeScreen
from servicehall.kiosk.screens.notice import NoticeScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.kiosk.strings import s
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
from servicehall.queue.lockouts import KIOSK_RULE, PinGuard
from servicehall.widgets.upkeep import keep_tidy, let_go

log = logging.getLogger(__name__)

RECONNECT_PAUSE_S = 2.0
STATUS_REFRESH_S = 20.0
BLOCKED_ACTIONS = frozenset(
    {"quit", "suspend_process", "command_palette", "help_quit", "screenshot", "change_theme"}
)


class KioskApp(App[None], inherit_bindings=False):
    """The touchscreen kiosk. Construct with the hall's config and database URL."""

    CSS_PATH = Path(__file__).with_name("kiosk.tcss")
    TITLE = "servicehall kiosk"
    ENABLE_COMMAND_PALETTE = False
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
        enforce_hours: bool | None = None,
        config_path: str | os.PathLike[str] | None = None,
        language: str | None = None,
    ) -> None:
        super().__init__()
        self.config = config
        self.db = db
        self.clock = clock
        self.enforce_hours = enforce_hours
        self.config_path = Path(config_path) if config_path else None
        self.hall: Hall | None = None
        self.printer = make_printer(config.printer)
        self.issuing = False
        self.last_ticket: TicketView | None = None
        self.staff_leaving = False
        self._pin_guard: PinGuard | None = None
        self._last_input = time.monotonic()
        self.home_language = language or config.kiosk.language
        set_language(self.home_language)

    # ------------------------------------------------------------------ lifecycle

    def get_default_screen(self) -> Screen[Any]:
        return HomeScreen()

    def on_mount(self) -> None:
        self.follow_hall()
        keep_tidy(self)
        idle = self.config.kiosk.idle_reset_seconds
        self.set_interval(min(1.0, idle / 4), self._check_idle)

    def on_unmount(self) -> None:
        let_go()

    def on_resize(self, event: events.Resize) -> None:
        log_grid("kiosk", event.size.width, event.size.height)

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

    @work(thread=True, group="leave", name="staff quit")
    def _leave(self) -> None:
        self.record_event("kiosk_quit")
        self._from_thread(self.exit)

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
        from servicehall.kiosk.screens.pin import PinScreen

        if not isinstance(self.screen, PinScreen):
            self.push_screen(PinScreen())

    # ------------------------------------------------------------------ following the hall

    @work(thread=True, exclusive=True, group="follow", name="follow hall")
    def follow_hall(self) -> None:
        """Connect to the hall, then publish its status whenever anything changes."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            try:
                hall = self.hall or self._connect()
                feed = hall.watch()
            except (StoreError, OSError) as exc:
                self._report_trouble(exc)
                _sleep_unless(lambda: worker.is_cancelled, RECONNECT_PAUSE_S)
                continue
            try:
                self._publish(hall, hall.status())
                refreshed = time.monotonic()
                while not worker.is_cancelled:
                    changed = feed.wait(0.5)
                    if changed or time.monotonic() - refreshed > STATUS_REFRESH_S:
                        self._publish(hall, hall.status())
                        refreshed = time.monotonic()
            except StoreError as exc:
                self._report_trouble(exc)
                _sleep_unless(lambda: worker.is_cancelled, RECONNECT_PAUSE_S)
            finally:
                feed.close()

    def _connect(self) -> Hall:
        hall = Hall.open(
            self.config, db=self.db, clock=self.clock, enforce_hours=self.enforce_hours
        )
        self.hall = hall
        log.info("kiosk connected to %s", hall.store.safe_url())
        return hall

    def _publish(self, hall: Hall, status: HallStatus) -> None:
        """Show the status at once, then every open service's wait (one read, one projection)."""

        def apply() -> None:
            self.trouble = ""
            self.hall_status = status

        self._from_thread(apply)
        waits = hall.estimate_waits()
        self._from_thread(lambda: setattr(self, "waits", waits))

    def _report_trouble(self, exc: Exception) -> None:
        message = exc.message if isinstance(exc, StoreError) else str(exc)
        log.warning("kiosk database trouble: %s", message)
        self._from_thread(lambda: setattr(self, "trouble", message))

    def _from_thread(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` on the UI thread unless the app is already shutting down."""
        try:
            self.call_from_thread(callback)
        except RuntimeError:
            log.debug("kiosk UI gone before a worker's update", exc_info=True)

    # ------------------------------------------------------------------ issuing and printing

    def request_ticket(
        self,
        service: Service,
        matter: Matter | None,
        priority: bool,
        on_progress: Callable[[str], None],
    ) -> bool:
        """Start issuing a ticket; False (and nothing happens) while one is being issued."""
        if self.issuing or self.hall is None:
            return False
        self.issuing = True
        on_progress(s("issuing"))
        self._issue(self.hall, service.code, matter.code if matter else None, priority, on_progress)
        return True

    @work(thread=True, exclusive=True, group="issue", name="issue ticket")
    def _issue(
        self,
        hall: Hall,
        service: str,
        matter: str | None,
        priority: bool,
        on_progress: Callable[[str], None],
    ) -> None:
        worker = get_current_worker()
        try:
            issued = issue_with_retry(
                hall,
                service,
                matter,
                priority,
                on_retry=lambda n, _msg: self._from_thread(
                    lambda: on_progress(s("retrying", attempt=n))
                ),
                cancelled=lambda: worker.is_cancelled,
            )
        except Refused as exc:
            self._from_thread(partial(self._end_issue, partial(self._show_refused, exc)))
            return
        except GaveUp:
            show = partial(self._show_notice, s("sorry"), s("gave_up"))
            self._from_thread(partial(self._end_issue, show))
            return
        except HallError as exc:
            log.warning("kiosk issue refused: %s", exc.message)
            show = partial(self._show_notice, s("sorry"), exc.message)
            self._from_thread(partial(self._end_issue, show))
            return
        self.last_ticket = issued.ticket
        screen = TicketScreen(issued)
        self._from_thread(lambda: self._end_issue(lambda: self._show_ticket(screen)))
        outcome = self._print_ticket(hall, issued)
        self._from_thread(lambda: screen.show_print(outcome))

    def _end_issue(self, show: Callable[[], None]) -> None:
        """Show the result of an issue and accept the next tap, in one step on the UI thread."""
        show()
        self.issuing = False

    def _show_ticket(self, screen: TicketScreen) -> None:
        self._replace_top(screen)

    def _print_ticket(self, hall: Hall, issued: Issued) -> PrintOutcome:
        try:
            return self.printer.print_ticket(hall, issued.ticket)
        except Exception as exc:  # the number must stay on screen whatever the printer did
            log.exception("printing %s failed unexpectedly", issued.ticket.label)
            return PrintOutcome(False, s("printer_error"), f"{type(exc).__name__}: {exc}")

    def _show_refused(self, exc: Refused) -> None:
        title = {
            "hall_closed": "closed_title",
            "cap_reached": "cap_title",
            "not_market_day": "market_title",
        }.get(exc.key, "sorry")
        # the core's closed message repeats the hours the notice shows anyway
        message = s("closed_message") if exc.key == "hall_closed" else exc.message
        self._show_notice(s(title), message, show_hours=True)

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

    def record_event(self, kind: str, hall: Hall | None = None, **detail: Any) -> None:
        """Append a staff action to the event log (blocking; from a worker)."""
        hall = hall or self.hall
        if hall is not None:
            try:
                hall.record(kind, **detail)
            except StoreError:
                log.warning("kiosk could not record %s", kind, exc_info=True)

    def reload_config(self) -> HallConfig:
        """Read hall.toml again and reconnect with it (blocking; call from a worker)."""
        config = load_config(self.config_path)
        hall = Hall.open(config, db=self.db, clock=self.clock, enforce_hours=self.enforce_hours)
        printer = make_printer(config.printer)
        self.record_event("kiosk_reload", hall, services=len(config.services))

        def swap() -> None:
            old = self.hall
            self.config, self.hall, self.printer = config, hall, printer
            self.follow_hall()
            if old is not None:
                old.close()
            for screen in self.screen_stack[:-1]:  # the staff screen on top keeps its messages
                screen.refresh(recompose=True)

        self.call_from_thread(swap)
        return config


def _sleep_unless(cancelled: Callable[[], bool], seconds: float) -> None:
    """Sleep in short steps so a cancelled worker stops promptly."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not cancelled():
        time.sleep(0.1)
