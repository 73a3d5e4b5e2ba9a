"""One-line bars of the board: hall name and clock, the on-duty leader, the notice, warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from servicehall.i18n import t
from servicehall.queue import LeaderView
from servicehall.ui.themes import colour

GAP = "    "  # between the end of the notice and its next pass


def date_text(moment: dt.datetime) -> str:
    """2026年12月2日 星期三 (Wed 2026-12-02 in English)."""
    days = t("display_weekdays")
    weekday = (days.split() if " " in days else list(days))[moment.weekday()]
    return t("display_date", year=moment.year, month=moment.month, day=moment.day, weekday=weekday)


class TopBar(Widget):
    """The hall's name on the left; date and clock on the right (its own one-second timer)."""

    DEFAULT_CSS = """
    TopBar { height: 1; background: $primary-darken-2; color: $display-bar-text; padding: 0 1; }
    """

    now: reactive[dt.datetime | None] = reactive(None)

    def __init__(
        self,
        hall_name: str,
        clock: Callable[[], dt.datetime],
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.hall_name = hall_name
        self.clock = clock

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        self.now = self.clock()

    def render(self) -> Text:
        when = f"{date_text(self.now)}  {self.now:%H:%M:%S}" if self.now else ""
        gap = max(2, self.size.width - cell_len(self.hall_name) - cell_len(when))
        return Text(f"{self.hall_name}{' ' * gap}{when}", style="bold", no_wrap=True)


class LeaderBar(Widget):
    """今日带班领导 and the supervision phone: one line, or two when the screen is narrow."""

    DEFAULT_CSS = """
    LeaderBar { height: 1; background: $boost; padding: 0 1; }
    """

    leader: reactive[LeaderView | None] = reactive(None, layout=True)

    def __init__(self, phone: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.phone = phone

    def parts(self) -> list[Text]:
        """The leader, and the phone (if the hall has one), as separate pieces."""
        who = Text(no_wrap=True)
        who.append(t("display_leader"), style="bold")
        leader = self.leader
        if leader is None:
            who.append(t("display_leader_none"))
        else:
            who.append(leader.name, style=f"bold {colour(self.app, 'display-call')}")
            if leader.title:
                who.append(t("display_leader_title", title=leader.title))
            if leader.window is not None:
                who.append(t("display_leader_window", window=leader.window))
        if not self.phone:
            return [who]
        phone = Text(no_wrap=True)
        phone.append(t("display_phone"), style="bold")
        phone.append(self.phone, style=f"bold {colour(self.app, 'display-call')}")
        return [who, phone]

    def rows_needed(self, width: int) -> int:
        """1 when the leader and the phone fit side by side in ``width`` cells, else 2."""
        parts = self.parts()
        return 1 if sum(p.cell_len for p in parts) + 4 * (len(parts) - 1) <= width - 2 else 2

    def render(self) -> Text:
        parts = self.parts()
        joiner = "    " if self.rows_needed(self.size.width + 2) == 1 else "\n"
        return Text(joiner, no_wrap=True).join(parts)


class Ticker(Widget):
    """A notice line that scrolls when it is wider than the screen (and stands still otherwise)."""

    DEFAULT_CSS = """
    Ticker { height: 1; background: $primary-darken-3; color: $display-bar-text; }
    """

    STEP_S = 0.4  # one character every 0.4 s: slow enough to read while it moves
    start: reactive[int] = reactive(0)

    def __init__(self, notice: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.notice = notice.strip()
        self.display = bool(self.notice)

    def on_mount(self) -> None:
        self._timer = self.set_interval(self.STEP_S, self._advance, pause=not self.notice)

    def hold(self) -> None:
        """Stand still at the notice's beginning (for a snapshot of the board)."""
        self._timer.pause()
        self.start = 0

    def _advance(self) -> None:
        if cell_len(self.notice) > self.size.width:
            self.start = (self.start + 1) % len(self.notice + GAP)

    def render(self) -> Text:
        if cell_len(self.notice) <= self.size.width:
            return Text(self.notice, justify="center", style="bold")
        loop = self.notice + GAP
        shown = loop[self.start :] + loop
        return Text(shown, no_wrap=True, overflow="crop", style="bold")


class StatusLine(Widget):
    """The line for staff under the board, hidden while all is well: the database lost (red, up
    to two rows, ``message``), else a lasting fault the board works around (the voice off: one
    quieter row, ``note``). Part of the layout, so it never covers the leader or the call."""

    DEFAULT_CSS = """
    StatusLine { height: auto; max-height: 2; background: $display-alarm-bg;
                 color: $display-alarm-text; text-style: bold; padding: 0 1; display: none; }
    StatusLine.-shown { display: block; }
    StatusLine.-note { max-height: 1; background: $display-note-bg; color: $display-note-text; }
    """

    message: reactive[str] = reactive("", layout=True)
    note: reactive[str] = reactive("", layout=True)

    def watch_message(self) -> None:
        self._restyle()

    def watch_note(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        self.set_class(bool(self.message or self.note), "-shown")
        self.set_class(not self.message and bool(self.note), "-note")

    def rows_needed(self, width: int) -> int:
        """The rows the line takes at ``width`` cells: 0 hidden, 1 for a note, 1–2 for a loss."""
        if self.message:
            return min(2, len(Text(self.message).wrap(self.app.console, max(1, width - 2))))
        return 1 if self.note else 0

    def render(self) -> Text:
        if self.message:
            return Text(self.message)
        note = Text(self.note, no_wrap=True)
        note.truncate(max(1, self.size.width), overflow="ellipsis")  # one row, cut with …
        return note
