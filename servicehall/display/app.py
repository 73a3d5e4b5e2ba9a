"""``HallDisplay``: the Textual app on the hall's TV.

A thread worker runs ``Follower.step`` in a loop (it sleeps on the change feed) and hands each
snapshot to the UI thread; another thread worker speaks queued announcements. Nothing on the UI
thread touches the database or waits for speech.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from textual import work
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.worker import get_current_worker

from servicehall.config import HallConfig
from servicehall.display.banner import CallBanner
from servicehall.display.bars import LeaderBar, StatusLine, Ticker, TopBar
from servicehall.display.board import WaitingCounts, WindowBoard, today_only
from servicehall.display.calls import Call
from servicehall.display.follower import Follower, Lost, Snapshot
from servicehall.display.recent import RecentCalls
from servicehall.display.voice import Announcement, Announcer
from servicehall.queue import Clock, SystemClock
from servicehall.widgets.upkeep import keep_tidy, let_go

log = logging.getLogger(__name__)

STEP_TIMEOUT_S = 0.5
ANNOUNCE_WITHIN_S = 60.0  # calls older than this (caught up after an outage) are not spoken


class HallDisplay(App[None]):
    """The hall board: latest call, windows, recent calls, waiting counts, leader, notice."""

    CSS_PATH = "display.tcss"
    TITLE = "大厅叫号屏"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [("ctrl+q", "quit", "退出")]

    class CallsShown(Message):
        """Posted once new calls are on the screen (after the refresh that drew them)."""

        def __init__(self, calls: tuple[Call, ...]) -> None:
            super().__init__()
            self.calls = calls

    def __init__(
        self,
        config: HallConfig,
        db: str | None = None,
        *,
        clock: Clock | None = None,
        announcer: Announcer | None = None,
        retry_s: float = 1.0,
    ) -> None:
        super().__init__()
        self.config = config
        self.clock = clock or SystemClock()
        self.follower = Follower(config, db, clock, retry_s=retry_s)
        self.announcer = announcer
        self.snapshot: Snapshot | None = None
        self.lost: Lost | None = None
        self._stop = threading.Event()
        self._highlight_timer: Timer | None = None
        # the widgets a snapshot updates, kept so no update has to query the DOM
        welcome = (config.hall.slogan, f"办公时间  {config.hall.hours_text()}")
        self.banner = CallBanner(welcome, id="banner")
        self.recent = RecentCalls(id="recent")
        self.board = WindowBoard(id="board")
        self.waiting = WaitingCounts(id="waiting")
        self.leader = LeaderBar(config.hall.supervision_phone, id="leader")
        self.status_line = StatusLine(id="status")

    def compose(self) -> ComposeResult:
        hall = self.config.hall
        yield TopBar(hall.name, self._now, id="top")
        with Horizontal(id="middle"):
            yield self.banner
            yield self.recent
        yield self.board
        yield self.waiting
        yield self.leader
        yield Ticker(self.config.display.notice or hall.notice, id="ticker")
        yield self.status_line

    def on_mount(self) -> None:
        self._follow()
        keep_tidy(self)
        if self.announcer is not None:
            self.announcer.on_off = self.voice_failed
            if self.announcer.on:
                self._speak()
            else:
                self._voice_off(self.announcer.off_reason or "")

    def on_unmount(self) -> None:
        let_go()
        self._stop.set()
        if self.announcer is not None:
            self.announcer.close()

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def _follow(self) -> None:
        worker = get_current_worker()
        try:
            while not worker.is_cancelled and not self._stop.is_set():
                result = self.follower.step(STEP_TIMEOUT_S)
                if result is not None and not worker.is_cancelled:
                    self.call_from_thread(self.show, result)
        finally:
            self.follower.close()

    @work(thread=True, exclusive=True, group="voice", exit_on_error=False)
    def _speak(self) -> None:
        assert self.announcer is not None
        self.announcer.serve(self._stop)

    # ------------------------------------------------------------------ showing

    def show(self, result: Snapshot | Lost) -> None:
        """Put a snapshot (or the news that the database is gone) on the screen."""
        if isinstance(result, Lost):
            self.lost = result
            seen = f"（画面停在 {result.last_seen:%H:%M:%S}）" if result.last_seen else ""
            self.status_line.message = f"数据库连接中断，正在自动重连{seen}。\n{result.reason}"
            return
        self.lost = None
        self.status_line.message = ""
        self.snapshot = result
        hall = result.status
        latest = result.recent[0] if result.recent else None
        self.board.windows = today_only(hall.windows, hall.day)
        self.board.called = latest.window if latest else None
        self.waiting.services = tuple(hall.services)
        self.leader.leader = hall.leader
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
        log.warning("voice off: %s", reason)
        self.notify(
            f"语音播报已关闭：{reason}。叫号照常显示。",
            timeout=30,
            severity="warning",
            markup=False,
        )

    def voice_failed(self, reason: str) -> None:
        """Called from the announcer's thread when the voice command keeps failing."""
        self.call_from_thread(self._voice_off, reason)

    def _now(self) -> dt.datetime:
        return self.clock.now().astimezone(self.config.hall.tz)
