"""回访 (F11): the ended cases waiting for their follow-up call, and the call's result.

The window's cases by default, the whole hall after 0 (where one person makes every call), the
longest ended first: case number, matter, the name as 王*兰, the number to dial (shown here only,
to the clerk signed in) and when the case ended. ↑↓ (PgUp/PgDn) chooses a case; 1 满意,
2 基本满意, 3 不满意, 4 未接通 records the result at once, with the note typed under the list
(Tab to write it, Enter or Tab back to the list), by the signed-in clerk. The core refuses a second
回访 or one before the case ended; its message is the line under the list, and the list is read
again (another window may have made the call). The note goes with its case: cleared once the case
is recorded or refused, kept only when the database could not be reached. Esc or F11 goes back.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from servicehall.clerk.messages import CallbackRecorded, CallbacksRead, Told
from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.i18n_cases import callback_name, state_name
from servicehall.queue import Hall, StoreError
from servicehall.queue.callbacks import CALLBACK_LIMIT
from servicehall.queue.caseviews import CALLBACK_RESULTS, CLOSED_STATES, CallbackDue
from servicehall.queue.names import REASON_LIMIT
from servicehall.ui.app_base import HallApp, HallNews
from servicehall.ui.follower import Snapshot
from servicehall.widgets.plain import plain

RESULT_KEYS = dict(zip("1234", CALLBACK_RESULTS, strict=True))
"""One key per result, in the rating pad's order: 满意 基本满意 不满意 未接通."""
MATTER = "callbacks_col_matter"
CLOSED = "callbacks_col_closed"
COLUMNS = (
    ("callbacks_col_number", 13),
    (MATTER, 0),  # the width the others leave
    ("callbacks_col_name", 6),  # 欧**华
    ("callbacks_col_phone", 11),
    (CLOSED, 0),  # 2026-12-01 已领取 (delivered: as long as the language's word)
)
DATE_WIDTH = 11
HALL_COLUMN = ("callbacks_col_window", 4)
"""The window answering for a case, in the whole hall's list."""
MATTER_MIN = 8
CELL_PADDING = 2  # DataTable's one cell on either side of a column
SCROLLBAR = 2


CHANGES = frozenset({"case_step", "case_callback"})
"""Events that can change the list: a step (a case collected or delivered), a call recorded."""


def _bindings() -> list[BindingType]:
    keys: list[BindingType] = [
        Binding("escape", "dismiss(None)", t("callbacks_back"), show=False),
        Binding("f11", "dismiss(None)", t("callbacks_back"), show=False),
        Binding("0", "toggle_scope", t("callbacks_scope"), show=False),
    ]
    for key, code in RESULT_KEYS.items():
        keys.append(Binding(key, f"record('{code}')", callback_name(code), show=False))
    return keys


class CallbackList(ModalScreen[None]):
    """The call-back list of one window (or the hall); results recorded by the signed-in clerk."""

    BINDINGS = _bindings()
    DEFAULT_CSS = """
    CallbackList { align: center middle; }
    #callbacks-box { width: 100%; height: 100%; background: $clerk-list; padding: 0 1; }
    #callbacks-title { text-style: bold; height: 1; }
    #callbacks-table { height: 1fr; }
    #callbacks-note { height: 1; }
    #callbacks-results { height: 1; text-style: bold; color: $clerk-title-text; }
    #callbacks-keys { height: 1; color: $clerk-muted-text; }
    #callbacks-message { height: 1; }
    #callbacks-message.error { color: $clerk-alert-text; }
    """

    def __init__(self, hall: Hall, window: int, clerk: str) -> None:
        super().__init__(id="callbacks")
        self.hall = hall
        self.window = window
        self.clerk = clerk
        self.whole_hall = False
        self.due: list[CallbackDue] = []
        self.read = False
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(id="callbacks-box"):
            yield Static(t("callbacks_loading"), id="callbacks-title")
            yield DataTable(id="callbacks-table", cursor_type="row", zebra_stripes=True)
            yield Input(
                placeholder=t("callbacks_note"),
                id="callbacks-note",
                max_length=REASON_LIMIT,
                compact=True,
            )
            yield Static(t("callbacks_results_hint"), id="callbacks-results")
            yield Static(t("callbacks_keys_hint"), id="callbacks-keys")
            yield Static("", id="callbacks-message")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self._load()
        app = self.app
        assert isinstance(app, HallApp)
        app.hall_changed.subscribe(self, self._hall_news)

    def _hall_news(self, news: HallNews) -> None:
        """Another window's 回访 or a case just collected or delivered: read the list again (the
        cursor stays on its case)."""
        if isinstance(news, Snapshot) and any(e.kind in CHANGES for e in news.new_events):
            self._load(keep_line=True)

    def on_resize(self, event: events.Resize) -> None:
        if self.read:  # the matter's column takes the new width
            self.call_after_refresh(self._fill, self.due)

    # ------------------------------------------------------------------ reading

    @work(thread=True, exclusive=True, group="callbacks-read", exit_on_error=False)
    def _load(self, *, keep_line: bool = False) -> None:
        try:
            due = self.hall.callbacks_due(None if self.whole_hall else self.window)
        except ServiceHallError as exc:
            self.post_message(Told(exc.message, True))
            return
        self.post_message(CallbacksRead(due, keep_line))

    @on(CallbacksRead)
    def _read(self, event: CallbacksRead) -> None:
        self.busy = False
        self.read = True
        self._fill(event.due)
        if event.keep_line:
            return
        if not event.due:
            self._say(t("callbacks_none_hall" if self.whole_hall else "callbacks_none_window"))
        else:
            self._say("")

    def _fill(self, due: list[CallbackDue]) -> None:
        table = self.query_one(DataTable)
        chosen, row = self._chosen(), table.cursor_row
        self.due = due
        table.clear(columns=True)
        for key, width in self._columns():
            table.add_column(t(key), width=width, key=key)
        for case in due:
            cells: list[object] = [
                case.number,
                plain(case.matter_name),
                plain(case.masked_name),
                Text(case.phone, style="bold")
                if case.phone
                else Text(t("callbacks_no_phone"), style="dim"),
                f"{case.closed_at:%Y-%m-%d} {state_name(case.state)}",
            ]
            if self.whole_hall:
                cells.append(str(case.window))
            table.add_row(*cells, key=case.number)
        numbers = [case.number for case in due]
        if due:  # the same case, or the one after a case called back
            found = numbers.index(chosen) if chosen in numbers else min(row, len(due) - 1)
            table.move_cursor(row=found)
        self._title()

    def _columns(self) -> list[tuple[str, int]]:
        """The matter takes the width the others leave (at least a few characters), or only
        what the longest shown needs."""
        closed = DATE_WIDTH + max(cell_len(state_name(state)) for state in CLOSED_STATES)
        columns = [(key, closed if key == CLOSED else width) for key, width in COLUMNS]
        if self.whole_hall:
            columns.append(HALL_COLUMN)
        spare = self.query_one(DataTable).size.width - SCROLLBAR
        spare -= sum(width + CELL_PADDING for _, width in columns)
        longest = max((cell_len(case.matter_name) for case in self.due), default=MATTER_MIN)
        matter = max(MATTER_MIN, min(longest, spare))
        return [(key, matter if key == MATTER else width) for key, width in columns]

    def _title(self) -> None:
        n = len(self.due)
        if self.whole_hall:
            title = t("callbacks_hall", n=n)
        else:
            title = t("callbacks_window", window=self.window, n=n)
        if n >= CALLBACK_LIMIT:
            title += t("callbacks_limit", n=CALLBACK_LIMIT)
        row = self.query_one(DataTable).cursor_row
        if n:
            title += "  " + t("callbacks_at", i=min(row, n - 1) + 1, n=n)
        self.query_one("#callbacks-title", Static).update(plain(title))

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self._title()

    # ------------------------------------------------------------------ recording

    def _chosen(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.due or table.row_count == 0:
            return None
        row = min(table.cursor_row, len(self.due) - 1)
        return self.due[row].number

    def action_record(self, result: str) -> None:
        """1–4: the highlighted case's 回访, with the note typed under the list."""
        if self.busy:
            self._say(t("desk_busy"), True)
            return
        number = self._chosen()
        if number is None:
            self._say(t("callbacks_nothing_chosen"), True)
            return
        note = self.query_one("#callbacks-note", Input).value
        had_phone = any(case.number == number and case.phone for case in self.due)
        self.busy = True
        self._say(f"{number} {callback_name(result)}…")
        self._record(number, result, note, had_phone)

    @work(thread=True, group="callbacks-record", exit_on_error=False)
    def _record(self, number: str, result: str, note: str, had_phone: bool) -> None:
        try:
            done = self.hall.record_callback(
                number, result, window=self.window, clerk=self.clerk, note=note
            )
        except StoreError as exc:  # nothing changed: the note stays for another try
            self.post_message(CallbackRecorded(exc.message, True, settled=False))
            return
        except ServiceHallError as exc:
            self.post_message(CallbackRecorded(exc.message, True))
            return
        said = t("callbacks_recorded", case=done.number, result=callback_name(done.result))
        if had_phone:
            said += t("callbacks_phone_deleted")
        self.post_message(CallbackRecorded(said, False))

    @on(CallbackRecorded)
    def _recorded(self, event: CallbackRecorded) -> None:
        if event.settled:  # the note went with its case, or that case is not to be called
            self.query_one("#callbacks-note", Input).value = ""
        self._say(event.message, event.error)  # at once: the list's new read keeps it
        self._load(keep_line=True)  # a refusal too: the list may be stale

    # ------------------------------------------------------------------ keys

    def action_toggle_scope(self) -> None:
        """0: this window's cases, or the whole hall's."""
        self.whole_hall = not self.whole_hall
        self._load()

    @on(Input.Submitted, "#callbacks-note")
    def _noted(self) -> None:
        self.query_one(DataTable).focus()

    @on(Told)
    def _told(self, event: Told) -> None:
        self.busy = False
        self._say(event.message, event.error)

    def _say(self, message: str, error: bool = False) -> None:
        box = self.query_one("#callbacks-message", Static)
        box.update(plain(message))
        box.set_class(error, "error")
