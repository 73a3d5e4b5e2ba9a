"""``RatingApp``: the small screen facing the villager at a window (群众满意率).

It follows the change feed; when its window finishes a ticket it shows three big buttons,
满意 / 基本满意 / 不满意 (also keys 1 2 3), stores the choice with ``Hall.rate`` and thanks the
villager. With no answer within ``timeout_s`` the ticket is recorded as not rated
(``rate_timeout``) and the pad goes back to its welcome.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.timer import Timer
from textual.widgets import Button, Static
from textual.worker import get_current_worker

from servicehall.errors import ServiceHallError
from servicehall.grids import log_grid
from servicehall.queue import EventView, Hall
from servicehall.widgets.plain import plain
from servicehall.widgets.upkeep import keep_tidy, let_go

log = logging.getLogger(__name__)

CHOICES = (("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意"))
FEED_WAIT_S = 0.5
RETRY_S = 2.0


class RatingApp(App[None]):
    """The rating pad of one window."""

    CSS_PATH = Path(__file__).with_name("clerk.tcss")  # also for a subclass elsewhere
    TITLE = "servicehall 评价"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (36, "-wide")]
    BINDINGS = [
        Binding(str(i), f"rate('{code}')", name, show=False)
        for i, (code, name) in enumerate(CHOICES, 1)
    ]

    def __init__(
        self, hall: Hall, window: int, *, timeout_s: float = 30.0, thanks_s: float = 5.0
    ) -> None:
        super().__init__()
        self.hall = hall
        self.window = hall.window(window).number
        self.timeout_s = timeout_s
        self.thanks_s = thanks_s
        self.asking: EventView | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        win = self.hall.window(self.window)
        with Vertical(id="rate-box"):
            yield Static(plain(f"{win.number} 号窗口  {win.name}"), id="rate-window")
            yield Static("", id="rate-prompt")
            with Grid(id="rate-buttons"):
                for code, name in CHOICES:
                    yield Button(name, id=f"rate-{code}")

    def on_mount(self) -> None:
        self._welcome()
        self._follow_feed()
        keep_tidy(self)

    def on_unmount(self) -> None:
        let_go()

    def on_resize(self, event: events.Resize) -> None:
        log_grid("rate", event.size.width, event.size.height)

    # ------------------------------------------------------------------ states

    def _welcome(self) -> None:
        self.asking = None
        self._stop_timer()
        self.query_one("#rate-prompt", Static).update("欢迎您！办结后请为我们的服务评价")
        self.query_one("#rate-buttons").display = False
        self.set_class(False, "asking")

    def ask(self, finished: EventView) -> None:
        """Show the three buttons for a ticket the window has just finished."""
        if self.asking is not None:
            self._record_timeout(self.asking, reason="next_ticket")
        self.asking = finished
        self._stop_timer()
        self.query_one("#rate-prompt", Static).update(
            f"{finished.label} 已办结，请您评价：\n您对这次服务满意吗？"
        )
        self.query_one("#rate-buttons").display = True
        self.set_class(True, "asking")
        self.query_one("#rate-satisfied", Button).focus()
        self._timer = self.set_timer(self.timeout_s, self._timed_out)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("rate-"):
            self.action_rate(event.button.id.removeprefix("rate-"))

    def action_rate(self, rating: str) -> None:
        if self.asking is None or self.asking.ticket_id is None:
            return
        ticket_id, self.asking = self.asking.ticket_id, None
        self._stop_timer()
        self.query_one("#rate-buttons").display = False
        self.query_one("#rate-prompt", Static).update("谢谢您的评价！\n欢迎再来")
        self._store(ticket_id, rating)
        self._timer = self.set_timer(self.thanks_s, self._welcome)

    def _timed_out(self) -> None:
        if self.asking is not None:
            self._record_timeout(self.asking, reason="timeout")
        self._welcome()

    # ------------------------------------------------------------------ database (threads)

    @work(thread=True, group="rate-store")
    def _store(self, ticket_id: int, rating: str) -> None:
        try:
            self.hall.rate(ticket_id, rating)
        except ServiceHallError as exc:
            log.warning("window %d: rating of %d not stored: %s", self.window, ticket_id, exc)

    def _record_timeout(self, finished: EventView, *, reason: str) -> None:
        self._store_timeout(finished.ticket_id, finished.label, reason)

    @work(thread=True, group="rate-store")
    def _store_timeout(self, ticket_id: int | None, label: str | None, reason: str) -> None:
        try:
            self.hall.record(
                "rate_timeout", window=self.window, ticket_id=ticket_id, label=label, reason=reason
            )
        except ServiceHallError as exc:
            log.warning("window %d: not-rated record lost: %s", self.window, exc)

    @work(thread=True, exclusive=True, group="rate-feed")
    def _follow_feed(self) -> None:
        worker = get_current_worker()
        last_id: int | None = None
        while not worker.is_cancelled:
            try:
                if last_id is None:
                    last_id = self.hall.status().last_event_id
                feed = self.hall.watch()
            except (ServiceHallError, SQLAlchemyError) as exc:
                log.warning("window %d: rating pad cannot reach the hall: %s", self.window, exc)
                time.sleep(RETRY_S)
                continue
            try:
                while not worker.is_cancelled:
                    if not feed.wait(FEED_WAIT_S):
                        continue
                    for event in self.hall.events(after=last_id, window=self.window):
                        last_id = max(last_id, event.id)
                        if event.kind == "finish" and event.ticket_id is not None:
                            self.call_from_thread(self.ask, event)
            except (ServiceHallError, SQLAlchemyError, OSError) as exc:
                log.warning("window %d: rating pad lost the change feed: %s", self.window, exc)
                time.sleep(RETRY_S)
            finally:
                feed.close()
