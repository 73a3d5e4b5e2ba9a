"""``RatingApp``: the small screen facing the villager at a window (群众满意率).

It subscribes to ``hall_changed`` (``ui.app_base.HallApp``); when its window finishes a ticket
(one of the snapshot's ``new_events``) it shows three big buttons,
满意 / 基本满意 / 不满意 (also keys 1 2 3), stores the choice with ``Hall.rate`` and thanks the
villager. With no answer within ``timeout_s`` the ticket is recorded as not rated
(``rate_timeout``) and the pad goes back to its welcome.
"""

from __future__ import annotations

import logging
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.timer import Timer
from textual.widgets import Button, Static

from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.queue import EventView, Hall
from servicehall.ui.app_base import HallApp, HallNews
from servicehall.ui.follower import Snapshot
from servicehall.widgets.plain import plain

log = logging.getLogger(__name__)

CHOICES = ("satisfied", "basic", "unsatisfied")
"""The three answers (``Hall.rate``), named by ``rate_<answer>`` in the catalogue."""


class RatingApp(HallApp):
    """The rating pad of one window."""

    CSS_PATH = Path(__file__).with_name("clerk.tcss")  # also for a subclass elsewhere
    TITLE = t("rating_app_title")
    GRID = "rate"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (36, "-wide")]
    BINDINGS = [
        Binding(str(i), f"rate('{code}')", code, show=False) for i, code in enumerate(CHOICES, 1)
    ]

    def __init__(
        self, hall: Hall, window: int, *, timeout_s: float = 30.0, thanks_s: float = 5.0
    ) -> None:
        super().__init__(hall.config, hall=hall)
        self.pad_hall = hall
        self.window = hall.window(window).number
        self.timeout_s = timeout_s
        self.thanks_s = thanks_s
        self.asking: EventView | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        win = self.pad_hall.window(self.window)
        with Vertical(id="rate-box"):
            yield Static(
                plain(t("window_title", window=win.number, name=win.name)), id="rate-window"
            )
            yield Static("", id="rate-prompt")
            with Grid(id="rate-buttons"):
                for code in CHOICES:
                    yield Button(t(f"rate_{code}"), id=f"rate-{code}")

    def on_mount(self) -> None:
        self._welcome()
        self.hall_changed.subscribe(self, self._hall_news, immediate=True)

    def _hall_news(self, news: HallNews) -> None:
        if not isinstance(news, Snapshot):
            return
        for event in news.new_events:
            if event.window == self.window and event.kind == "finish" and event.ticket_id:
                self.ask(event)

    # ------------------------------------------------------------------ states

    def _welcome(self) -> None:
        self.asking = None
        self._stop_timer()
        self.query_one("#rate-prompt", Static).update(t("rate_welcome"))
        self.query_one("#rate-buttons").display = False
        self.set_class(False, "asking")

    def ask(self, finished: EventView) -> None:
        """Show the three buttons for a ticket the window has just finished."""
        if self.asking is not None:
            self._record_timeout(self.asking, reason="next_ticket")
        self.asking = finished
        self._stop_timer()
        self.query_one("#rate-prompt", Static).update(t("rate_ask", ticket=finished.label))
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
        self.query_one("#rate-prompt", Static).update(t("rate_thanks"))
        self._store(ticket_id, rating)
        self._timer = self.set_timer(self.thanks_s, self._welcome)

    def _timed_out(self) -> None:
        if self.asking is not None:
            self._record_timeout(self.asking, reason="timeout")
        self._welcome()

    # ------------------------------------------------------------------ database (threads)

    @work(thread=True, group="rate-store", exit_on_error=False)
    def _store(self, ticket_id: int, rating: str) -> None:
        try:
            self.pad_hall.rate(ticket_id, rating)
        except ServiceHallError as exc:
            log.warning("window %d: rating of %d not stored: %s", self.window, ticket_id, exc)

    def _record_timeout(self, finished: EventView, *, reason: str) -> None:
        self._store_timeout(finished.ticket_id, finished.label, reason)

    @work(thread=True, group="rate-store", exit_on_error=False)
    def _store_timeout(self, ticket_id: int | None, label: str | None, reason: str) -> None:
        try:
            self.pad_hall.record(
                "rate_timeout", window=self.window, ticket_id=ticket_id, label=label, reason=reason
            )
        except ServiceHallError as exc:
            log.warning("window %d: not-rated record lost: %s", self.window, exc)
