"""``HallApp``: what every screen app shares — the hall, the one follower, upkeep, errors.

Each app (kiosk, hall display, clerk console, rating pad, manager) is a ``HallApp``. The base

- opens the hall through one ``Follower`` run in one thread worker, which copes with a lost,
  restarted or replaced database, and publishes each ``Snapshot`` (or the news that the database
  is ``Lost``) on the UI thread through the ``hall_changed`` signal; apps and screens subscribe
  (``app.hall_changed.subscribe(node, callback)``) instead of running loops of their own;
- keeps ``hall``: the connection the app writes through — the follower's (so writes go to the
  file the screens show, also after a restore replaced it), or the one the caller gave and owns;
- shows the hall's theme (``[screens] theme``, ``ui.themes``);
- keeps the app tidy all day (``widgets.upkeep``), logs the grid it is given, and catches a worker
  that failed in one ``Worker.StateChanged`` handler (logged, then ``worker_failed``), so a bug in
  a thread never takes a public screen down;
- ends the app when its terminal hangs up (``ui.hangup``: the window closed, the tmux session
  killed), seen by polling the terminal or told by SIGHUP, with ``hung_up`` set, a line in the
  log and the exit code ``HUNG_UP_EXIT``, instead of leaving it to spin (ended anyway after
  ``HANGUP_GRACE_S`` if Textual's end hangs on the dead terminal); the SIGCONT that comes
  with a hang-up no longer restarts Textual's output on the dead terminal (``guard_sigcont``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.signal import Signal
from textual.worker import Worker, WorkerState, get_current_worker

from servicehall.config import HallConfig
from servicehall.grids import log_grid
from servicehall.queue import Clock, Hall
from servicehall.ui.follower import Follower, Lost, Snapshot
from servicehall.ui.hangup import (
    HUNG_UP_EXIT,
    catch_sighup,
    end_anyway_after,
    guard_sigcont,
    terminal_fd,
    terminal_gone,
)
from servicehall.ui.themes import PALETTE, use_theme
from servicehall.widgets.upkeep import keep_tidy, let_go

log = logging.getLogger(__name__)

HallNews = Snapshot | Lost
"""What ``hall_changed`` carries."""

STEP_TIMEOUT_S = 0.5
HANGUP_CHECK_S = 0.5
HANGUP_GRACE_S = 10.0
"""How long an app whose terminal hung up has for its orderly end before it is ended."""


class HallApp(App[None]):
    """The base of the screen apps; a subclass names its ``GRID`` (see ``servicehall.grids``)."""

    GRID: ClassVar[str] = ""
    """The app's name in ``servicehall.grids`` (``kiosk``, ``display``, ``clerk``, ``rate``,
    ``manager``); the grid it is given is logged. Empty for an app with no smallest grid."""
    COUNTS_CASES: ClassVar[bool] = False
    """Whether the snapshots count today's finished cases (only the display shows them)."""
    ENABLE_COMMAND_PALETTE = False
    """Textual's command palette (Ctrl+P) is off in every hall app: its commands are English
    (quit, change theme, screenshot) and nobody in the hall needs them; its footer key read
    "^p palette" on the clerk's console and the manager's screen."""

    def __init__(
        self,
        config: HallConfig,
        *,
        db: str | None = None,
        hall: Hall | None = None,
        clock: Clock | None = None,
        enforce_hours: bool = True,
        create: bool = False,
        retry_s: float = 1.0,
        follow: bool = True,
    ) -> None:
        super().__init__()
        self.config = config
        self._given_hall = hall
        self._hall: Hall | None = hall
        self._db = db if db is not None else (hall.store.url if hall is not None else None)
        self._clock = clock if clock is not None else (hall.clock if hall is not None else None)
        self._enforce_hours = enforce_hours if hall is None else hall.enforce_hours
        self._create = create
        self._retry_s = retry_s
        self._following = follow
        self._stop = threading.Event()
        self.follower = self._make_follower()
        self.news: HallNews | None = None
        """The last thing ``hall_changed`` published (None before the first read)."""
        self.hall_changed: Signal[HallNews] = Signal(self, "hall_changed")
        self.hung_up = False
        """Whether the app ended because its terminal hung up (nobody sees it any more)."""
        self._release_sighup: Callable[[], None] | None = None
        self._release_sigcont: Callable[[], None] | None = None
        use_theme(self, config.screens.theme)

    def run_for_exit_code(self) -> int:
        """Run the app to its end; the screen command's exit code: 0, or the app's own
        (``HUNG_UP_EXIT`` when its terminal hung up, 1 when it crashed)."""
        self.run()
        return self.return_code or 0

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The hall's colour names, so a stylesheet reads whichever theme is on."""
        return {key: values[0] for key, values in PALETTE.items()}

    @property
    def hall(self) -> Hall | None:
        """The connection to write through (None until the follower first connects)."""
        return self._hall

    def _make_follower(self) -> Follower:
        return Follower(
            self.config,
            self._db,
            self._clock,
            retry_s=self._retry_s,
            create=self._create,
            enforce_hours=self._enforce_hours,
            count_cases=self.COUNTS_CASES,
        )

    # ------------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        """Runs after the subclass's ``on_mount`` (Textual calls both), so its subscriptions
        are in place before the first snapshot."""
        if self._following:
            self._follow(self.follower)
        keep_tidy(self)
        fd = None if self.is_headless else terminal_fd()
        if fd is not None:
            self.set_interval(HANGUP_CHECK_S, lambda: self._check_terminal(fd))
            self._release_sighup = catch_sighup(self._hang_up)
            self._release_sigcont = guard_sigcont(fd)

    def on_unmount(self) -> None:
        self._stop.set()
        for release in (self._release_sighup, self._release_sigcont):
            if release is not None:
                release()
        let_go()

    def on_resize(self, event: events.Resize) -> None:
        if self.GRID:
            log_grid(self.GRID, event.size.width, event.size.height)

    def _check_terminal(self, fd: int) -> None:
        if terminal_gone(fd):
            self._hang_up()

    def _hang_up(self) -> None:
        if not self.hung_up:
            log.warning("%s: the terminal hung up; the app ends", self.GRID or type(self).__name__)
            self.hung_up = True
            end_anyway_after(HANGUP_GRACE_S)
            self.exit(return_code=HUNG_UP_EXIT)

    # ------------------------------------------------------------------ following the hall

    def follow(self, config: HallConfig | None = None) -> None:
        """(Re)start following, e.g. with a reloaded config; the old follower closes itself."""
        if config is not None:
            self.config = config
        self.follower = self._make_follower()
        self._following = True
        self._follow(self.follower)

    @work(thread=True, exclusive=True, group="follow", name="follow hall", exit_on_error=False)
    def _follow(self, follower: Follower) -> None:
        worker = get_current_worker()
        try:
            while not worker.is_cancelled and not self._stop.is_set():
                news = follower.step(STEP_TIMEOUT_S)
                if news is not None and not worker.is_cancelled:
                    self.from_thread(self._publish, follower, news)
        finally:
            follower.close()

    def _publish(self, follower: Follower, news: HallNews) -> None:
        if follower is not self.follower:
            return  # the last word of a follower replaced meanwhile
        if isinstance(news, Snapshot) and self._given_hall is None and follower.hall is not None:
            self._hall = follower.hall
        self.news = news
        self.hall_changed.publish(news)

    def from_thread(self, callback: Any, *args: Any) -> None:
        """Run ``callback(*args)`` on the UI thread unless the app is already shutting down."""
        try:
            self.call_from_thread(callback, *args)
        except RuntimeError:
            log.debug("%s: UI gone before a worker's update", self.GRID, exc_info=True)

    # ------------------------------------------------------------------ workers that fail

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.ERROR:
            error = worker.error
            log.error(
                "%s: worker %s failed",
                self.GRID or type(self).__name__,
                worker.name or worker.group,
                exc_info=(type(error), error, error.__traceback__) if error else None,
            )
            self.worker_failed(worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """What the app does after a worker failed (logged already); nothing by default."""
