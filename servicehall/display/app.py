"""``HallDisplay``: the Textual app on the hall's TV.

``HallApp``'s follower (a thread worker sleeping on the change feed) publishes each snapshot on
``hall_changed``; the display draws it. Another thread worker speaks queued announcements.
Nothing on the UI thread touches the database or waits for speech.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from servicehall.config import HallConfig
from servicehall.display.banner import CallBanner
from servicehall.display.bars import LeaderBar, StatusLine, Ticker, TopBar
from servicehall.display.board import WaitingCounts, WindowBoard
from servicehall.display.layout import DisplayPlan, plan_display
from servicehall.display.recent import RecentCalls
from servicehall.display.voice import Announcement, Announcer
from servicehall.i18n import t
from servicehall.queue import Clock, SystemClock
from servicehall.ui.app_base import HallApp
from servicehall.ui.calls import Call
from servicehall.ui.follower import Lost, Snapshot

if TYPE_CHECKING:
    from servicehall.widgets.qr import QrCode

log = logging.getLogger(__name__)

ANNOUNCE_WITHIN_S = 60.0  # calls older than this (caught up after an outage) are not spoken


class HallDisplay(HallApp):
    """The hall board: latest call, windows, recent calls, waiting counts, leader, notice.

    ``layout.plan_display`` shares the screen out whenever its size (or the number of windows,
    services or leader lines) changes; a timer turns the pages of windows and waiting counts
    every ``display.page_seconds`` when they do not fit.
    """

    CSS_PATH = Path(__file__).with_name("display.tcss")  # also for a subclass elsewhere
    TITLE = t("display_title")
    GRID = "display"
    COUNTS_CASES = True
    BINDINGS = [("ctrl+q", "quit", t("display_quit"))]

    class CallsShown(Message):
        """Posted once new calls are on the screen (after the refresh that drew them)."""

        def __init__(self, calls: tuple[Call, ...]) -> None:
            super().__init__()
            self.calls = calls

    class VoiceOff(Message):
        """From the announcer's thread: the voice command keeps failing."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(
        self,
        config: HallConfig,
        db: str | None = None,
        *,
        clock: Clock | None = None,
        announcer: Announcer | None = None,
        retry_s: float = 1.0,
    ) -> None:
        super().__init__(config, db=db, clock=clock, retry_s=retry_s)
        self.clock = clock or SystemClock()
        self.announcer = announcer
        self.snapshot: Snapshot | None = None
        self.lost: Lost | None = None
        self._highlight_timer: Timer | None = None
        # the widgets a snapshot updates, kept so no update has to query the DOM
        welcome = (config.hall.slogan, t("display_hours", hours=config.hall.hours_list()))
        self.banner = CallBanner(welcome, id="banner")
        self.recent = RecentCalls(id="recent")
        self.board = WindowBoard(id="board")
        self.waiting = WaitingCounts(id="waiting")
        self.leader = LeaderBar(config.hall.supervision_phone, id="leader")
        self.status_line = StatusLine(id="status")
        self.cases_done = Static("", id="cases-done", markup=False)
        self.notice = config.display.notice or config.hall.notice
        self.plan: DisplayPlan | None = None
        board_url = f"{config.phone.base_url}/" if config.phone.base_url else ""
        self.qr: QrCode | None = None
        if board_url:  # qrcode is loaded only by a hall that shows the code
            from servicehall.widgets.qr import QrCode

            self.qr = QrCode(board_url, id="board-qr")
        self.side: Vertical | None = None

    def compose(self) -> ComposeResult:
        hall = self.config.hall
        yield TopBar(hall.name, self._now, id="top")
        with Horizontal(id="middle"):
            yield self.banner
            if self.qr is not None:  # the phone board's QR code above the recent calls
                with Vertical(id="side") as self.side:
                    yield self.qr
                    yield Static(t("display_qr_caption"), id="board-qr-caption")
                    yield self.recent
            else:
                yield self.recent
        yield self.board
        yield self.waiting
        yield self.cases_done
        yield self.leader
        yield Ticker(self.notice, id="ticker")
        yield self.status_line

    def on_mount(self) -> None:
        self.hall_changed.subscribe(self, self.show, immediate=True)
        self.set_timer(self.config.display.page_seconds, self.turn_pages)
        if self.announcer is not None:
            self.announcer.on_off = self.voice_failed
            if self.announcer.on:
                self._speak()
            else:
                self._voice_off(self.announcer.off_reason or "")

    def on_unmount(self) -> None:
        if self.announcer is not None:
            self.announcer.close()

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="voice", exit_on_error=False)
    def _speak(self) -> None:
        assert self.announcer is not None
        self.announcer.serve(self._stop)

    # ------------------------------------------------------------------ layout

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out()

    def lay_out(self) -> None:
        """Share the screen out again (size, windows, services or leader lines changed)."""
        width, height = self.size
        if not width or not height:  # not laid out yet: the first resize comes back here
            return
        plan = plan_display(
            width,
            height,
            windows=len(self.board.windows) or len(self.config.windows),
            services=len(self.waiting.items()) or len(self.config.services),
            leader_rows=self.leader.rows_needed(width),
            notice=bool(self.notice),
            recent_calls=self.config.display.recent_calls,
            qr=(self.qr.columns, len(self.qr.rows)) if self.qr is not None else None,
            cases=bool(self.snapshot and self.snapshot.cases_done),  # none done: no line
            status_rows=self.status_line.rows_needed(width),
        )
        if plan == self.plan:
            return
        self.plan = plan
        self.leader.styles.height = plan.leader_rows
        # the call takes what is left: the red line of a lost database shrinks it, never hides
        self.query_one("#middle").set_class(plan.recent == "below", "-stacked")
        self.banner.lines = plan.call_fit.lines
        column = self.side or self.recent
        column.display = bool(plan.recent)
        column.styles.height = plan.recent_rows if plan.recent == "below" else "1fr"
        column.styles.width = "1fr" if plan.recent == "below" else plan.side_width
        if self.side is not None:
            self.recent.styles.width = "1fr"
            for part in self.side.query("#board-qr, #board-qr-caption"):
                part.display = plan.qr_rows > 0
        board, waiting = self.board, self.waiting
        board.columns, board.rows, board.tall = plan.board_columns, plan.board_rows, plan.board_tall
        board.title = plan.board_title
        board.styles.height = plan.board_height
        waiting.columns, waiting.rows = plan.waiting_columns, plan.waiting_rows
        waiting.title = plan.waiting_title
        waiting.styles.height = plan.waiting_height
        self.cases_done.display = plan.cases_rows > 0

    def turn_pages(self) -> None:
        """The page timer: the next page of windows and of waiting counts (if they page).

        Each turn starts the next wait only now (not an interval timer, which catches up after a
        busy moment), so every page stays up at least ``display.page_seconds``.
        """
        self.board.next_page()
        self.waiting.next_page()
        self.set_timer(self.config.display.page_seconds, self.turn_pages)

    # ------------------------------------------------------------------ showing

    def show(self, result: Snapshot | Lost) -> None:
        """Put a snapshot (or the news that the database is gone) on the screen."""
        if isinstance(result, Lost):
            self.lost = result
            last = result.last_seen
            seen = t("display_lost_seen", time=f"{last:%H:%M:%S}") if last else ""
            self.status_line.message = t("display_lost", seen=seen, reason=result.reason)
            self.lay_out()
            return
        self.lost = None
        self.status_line.message = ""
        self.snapshot = result
        hall = result.status
        latest = result.recent[0] if result.recent else None
        self.board.windows = tuple(hall.windows)  # the core leaves out yesterday's calls
        self.board.called = latest.window if latest else None
        self.waiting.services = tuple(hall.services)
        self.leader.leader = hall.leader
        self.lay_out()
        if result.cases_done:
            self.cases_done.update(t("display_cases_done", n=result.cases_done))
        self.recent.calls = result.recent
        self.banner.call = latest
        if result.new_calls:
            self._flash()
            for call in result.new_calls:
                self._announce(call, hall.now)
            self.call_after_refresh(self.post_message, self.CallsShown(result.new_calls))

    def _flash(self) -> None:
        self.banner.highlight = True
        if self._highlight_timer is not None:
            self._highlight_timer.stop()
        self._highlight_timer = self.set_timer(self.config.display.highlight_seconds, self._unflash)

    def _unflash(self) -> None:
        self.banner.highlight = False
        self._highlight_timer = None

    def _announce(self, call: Call, now: dt.datetime) -> None:
        if self.announcer is None or (now - call.at).total_seconds() > ANNOUNCE_WITHIN_S:
            return
        self.announcer.announce(Announcement(call.label, call.window, call.window_name))

    def _voice_off(self, reason: str) -> None:
        """Say it on the staff line for as long as it lasts (a toast would cover the leader)."""
        log.warning("voice off: %s", reason)
        self.status_line.note = t("display_voice_off", reason=reason)
        self.lay_out()

    def voice_failed(self, reason: str) -> None:
        """Called from the announcer's thread when the voice command keeps failing."""
        self.post_message(self.VoiceOff(reason))

    @on(VoiceOff)
    def _voice_failed(self, event: VoiceOff) -> None:
        self._voice_off(event.reason)

    def _now(self) -> dt.datetime:
        return self.clock.now().astimezone(self.config.hall.tz)
