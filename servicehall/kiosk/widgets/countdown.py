"""``Countdown``: "N 秒后回到首页", then back to the home screen if its screen is still on top."""

from __future__ import annotations

from typing import Protocol, cast

from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from servicehall.i18n import t


class _GoesHome(Protocol):
    def go_home(self) -> None: ...


class Countdown(Static):
    """Counts whole seconds down on screen; at zero the kiosk goes home."""

    remaining: reactive[int] = reactive(0)

    def __init__(self, seconds: int, *, held: bool = False) -> None:
        super().__init__(classes="countdown")
        self.set_reactive(Countdown.remaining, seconds)
        self.held = held
        self._timer: Timer | None = None

    def on_mount(self) -> None:
        self.watch_remaining(self.remaining)
        self._timer = self.set_interval(1.0, self._tick, pause=self.held)

    def hold(self) -> None:
        """Stop counting (e.g. while the ticket is still printing)."""
        self.held = True
        if self._timer is not None:
            self._timer.pause()

    def release(self) -> None:
        """Count on from where it stood."""
        self.held = False
        if self._timer is not None:
            self._timer.resume()

    def stretch(self, factor: int) -> None:
        """Give the person more time (a ticket that did not print)."""
        self.remaining *= factor

    def watch_remaining(self, remaining: int) -> None:
        self.update(t("returning", s=remaining))

    def _tick(self) -> None:
        if self.remaining <= 1:
            # not Screen.is_current: Textual counts the screen just beneath the top one as
            # current too, and a step opened over the ticket (短信提醒) must not be swept away
            if self.screen is self.app.screen:
                cast(_GoesHome, self.app).go_home()
            return
        self.remaining -= 1
