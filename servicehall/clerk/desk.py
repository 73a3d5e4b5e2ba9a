"""The window desk: the ticket being served, the queue, today's counts and one key per action.

Keys F1–F8 and digits 1–8 (a cheap USB keypad) run the actions in ``actions.ACTIONS``; each press
is acknowledged on screen at once, the database work runs in a thread worker, and the result and
the fresh window state are drawn together (``ActionDone``). The desk subscribes to the app's
``hall_changed`` (``ui.app_base.HallApp``): whenever the hall changes it reads its window again
(``WindowRead``), so the queue stays live while other windows and the kiosk work.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from servicehall.clerk.actions import ACTIONS, BY_CODE, perform, why_not
from servicehall.clerk.callbacks import CallbackList
from servicehall.clerk.caseactions import accept_case
from servicehall.clerk.caseform import CaseForm, CaseRequest
from servicehall.clerk.caselist import CaseList
from servicehall.clerk.messages import ActionDone, SignedOut, SignOutRefused, Told, WindowRead
from servicehall.clerk.prompts import ServicePrompt, TicketPrompt
from servicehall.clerk.snapshot import WindowLoader, WindowSnapshot, since
from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.queue import STORE_FAILURES, Hall
from servicehall.queue.clerks import Clerk
from servicehall.ui.app_base import HallApp, HallNews
from servicehall.ui.follower import Snapshot
from servicehall.widgets import BigLabel
from servicehall.widgets.bigfont import GLYPH_ROWS
from servicehall.widgets.plain import plain

log = logging.getLogger(__name__)

MATERIALS_ROWS = 3
SAMPLE_LABEL = "W888"  # the widest label: the panel does not jump between tickets
COUNT_NAMES = (
    ("call", "action_next"),
    ("finish", "action_finish"),
    ("skip", "action_skip"),
    ("transfer", "action_transfer"),
)
"""Today's counts: the event kind and the catalogue key of its name."""


def _bindings() -> list[BindingType]:
    keys: list[BindingType] = []
    for action in ACTIONS:
        run = f"run('{action.code}')"
        keys.append(Binding(action.fkey, run, action.name, show=False))
        keys.append(Binding(action.digit, run, action.name, show=False))
    keys.append(Binding("f9", "open_case", t("desk_open_case"), show=False))
    keys.append(Binding("f10", "cases", t("desk_cases"), show=False))
    keys.append(Binding("f11", "callbacks", t("desk_callbacks"), show=False))
    keys.append(Binding("f12", "sign_out", t("desk_sign_out"), show=False))
    return keys


class DeskScreen(Screen[None]):
    """One window's console after sign-in; from 80×24 up (keys in two rows below 104 columns)."""

    BINDINGS = _bindings()
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (104, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    def __init__(self, hall: Hall, window: int, clerk: Clerk) -> None:
        super().__init__(id="desk")
        self.hall = hall
        self.window = window
        self.clerk = clerk
        self.loader = WindowLoader(hall, window)
        self.snapshot: WindowSnapshot | None = None
        self.busy = False
        self.leaving = False
        self.pressed_at = 0.0
        self.acknowledged_s: float | None = None
        self.completed_s: float | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        win = self.hall.window(self.window)
        who = t("desk_who", name=self.clerk.name, clerk=self.clerk.clerk_id)
        title = t("window_title", window=win.number, name=win.name)
        yield Static(plain(f"{title}    {who}"), id="desk-title")
        with Horizontal(id="desk-body"):
            with Vertical(id="serving"):
                yield Static(t("desk_serving"), id="serving-title")
                yield BigLabel("", id="current-label")
                yield Static("", id="current-info")
                yield Static("", id="materials")
            with Vertical(id="side"):
                yield Static("", id="queue-title")
                yield Static("", id="queue")
                yield Static("", id="counts")
        yield Static(t("desk_loading"), id="message")
        with Grid(id="keys"):
            for action in ACTIONS:
                yield Button(f"{action.digit} {action.name}", id=f"act-{action.code}")
        yield Static(t("desk_key_hint"), id="key-hint")

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit_label)

    def _fit_label(self) -> None:
        """The ticket as big as the panel allows with a few rows left for the papers to check."""
        serving = self.query_one("#serving")
        label = serving.query_one("#current-label", BigLabel)
        others = sum(
            child.outer_size.height
            for child in serving.children
            if child.id not in ("current-label", "materials")
        )
        room = serving.content_size.height - others - MATERIALS_ROWS
        label.styles.height = max(
            GLYPH_ROWS, label.rows_for(label.content_size.width, room, "W888")
        )

    def on_mount(self) -> None:
        self._refresh_from_hall()
        app = self.app
        assert isinstance(app, HallApp)
        app.hall_changed.subscribe(self, self._hall_news)
        self.set_interval(1.0, self._tick)

    # ------------------------------------------------------------------ actions

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("act-"):
            self.action_run(event.button.id.removeprefix("act-"))

    def action_run(self, code: str) -> None:
        """A key or a button: explain a refusal at once, or start the action."""
        self.pressed_at = time.perf_counter()
        if self.busy:
            self._say(t("desk_busy"), error=True)
            return
        reason = why_not(self.snapshot, code) if self.snapshot else None
        if reason:
            self._say(reason, error=True)
            return
        action = BY_CODE[code]
        if action.needs == "service":
            self._ask_service()
        elif action.needs == "ticket":
            self._ask_ticket(code)
        else:
            self._start(code)

    def _ask_service(self) -> None:
        assert self.snapshot is not None and self.snapshot.current is not None
        current = self.snapshot.current
        choices = [s for s in self.hall.services_today() if s.code != current.service]
        self.app.push_screen(
            ServicePrompt(current.label, choices),
            lambda code: (
                self._start("transfer", code) if code else self._say(t("desk_transfer_cancelled"))
            ),
        )

    def _ask_ticket(self, code: str) -> None:
        assert self.snapshot is not None
        if code == "pick":
            title = t("desk_pick_title")
            suggestions = [(t.label, _queue_line(t.label, t.priority)) for t in self.snapshot.queue]
        else:
            title = t("desk_requeue_title")
            suggestions = [(label, label) for label in self.snapshot.no_shows]
        self.app.push_screen(
            TicketPrompt(title, suggestions),
            lambda label: self._start(code, label) if label else self._say(t("desk_cancelled")),
        )

    def _start(self, code: str, argument: str = "") -> None:
        self.busy = True
        self.pressed_at = time.perf_counter()
        self._say(f"{BY_CODE[code].name}…", error=False)
        self.acknowledged_s = time.perf_counter() - self.pressed_at
        self._perform(code, argument)

    @work(thread=True, group="clerk-action", exit_on_error=False)
    def _perform(self, code: str, argument: str) -> None:
        error = False
        try:
            message = perform(self.hall, self.window, code, argument, self.clerk.clerk_id).message
            log.info("window %d %s %s: %s", self.window, code, argument, message)
        except ServiceHallError as exc:
            log.info("window %d %s refused: %s", self.window, code, exc.message)
            message, error = exc.message, True
        self.post_message(ActionDone(message, error, self._load()))

    @on(ActionDone)
    def _done(self, event: ActionDone) -> None:
        self.busy = False
        if self.leaving:
            return
        if event.snapshot is not None:
            self._draw(event.snapshot)
        self._say(event.message, error=event.error)
        self.completed_s = time.perf_counter() - self.pressed_at

    def action_open_case(self) -> None:
        """F9 受理: the ticket being served becomes a case (办件), through a small form."""
        current = self.snapshot.current if self.snapshot else None
        if self.snapshot is None or current is None:
            self._say(t("desk_case_needs_call"), error=True)
            return
        form = CaseForm(
            current.label, self.snapshot.matter_name or "", sms=self.hall.config.sms.enabled
        )

        def filled(request: CaseRequest | None) -> None:
            if request is None:
                self._say(t("desk_case_cancelled"))
            else:
                self._accept_case(current.label, request)

        self.app.push_screen(form, filled)

    @work(thread=True, group="clerk-action", exit_on_error=False)
    def _accept_case(self, label: str, request: CaseRequest) -> None:
        error = False
        try:
            message = accept_case(self.hall, self.window, self.clerk.clerk_id, label, request)
        except ServiceHallError as exc:
            message, error = exc.message, True
        self.post_message(Told(message, error))

    @on(Told)
    def _told(self, event: Told) -> None:
        self._say(event.message, error=event.error)

    def action_cases(self) -> None:
        """F10: the window's open cases and their steps."""
        self.app.push_screen(CaseList(self.hall, self.window, self.clerk.clerk_id))

    def action_callbacks(self) -> None:
        """F11 回访: the ended cases to call back and the calls' results."""
        self.app.push_screen(CallbackList(self.hall, self.window, self.clerk.clerk_id))

    def action_sign_out(self) -> None:
        self._sign_out()

    @work(thread=True, exclusive=True, group="clerk-sign-out", exit_on_error=False)
    def _sign_out(self) -> None:
        try:
            self.hall.sign_out(self.window)
        except ServiceHallError as exc:
            self.post_message(SignOutRefused(exc.message))
            return
        self.post_message(SignedOut())

    @on(SignOutRefused)
    def _sign_out_refused(self, event: SignOutRefused) -> None:
        self._say(event.message, error=True)

    @on(SignedOut)
    def _leave(self) -> None:
        """Stop following the hall before the widgets go, then back to sign-in."""
        self.leaving = True
        self.workers.cancel_node(self)
        self.dismiss(None)

    # ------------------------------------------------------------------ staying live

    def _load(self) -> WindowSnapshot | None:
        try:
            return self.loader.load()
        except STORE_FAILURES as exc:
            log.warning("window %d: cannot read the hall: %s", self.window, exc)
            return None

    def _hall_news(self, news: HallNews) -> None:
        if isinstance(news, Snapshot) and not self.leaving:
            self._refresh_from_hall()

    @work(thread=True, exclusive=True, group="clerk-refresh", exit_on_error=False)
    def _refresh_from_hall(self) -> None:
        snapshot = self._load()
        if snapshot is not None:
            self.post_message(WindowRead(snapshot))

    @on(WindowRead)
    def _window_read(self, event: WindowRead) -> None:
        self._draw(event.snapshot)

    # ------------------------------------------------------------------ drawing

    def _draw(self, snapshot: WindowSnapshot) -> None:
        if self.leaving:
            return
        first = self.snapshot is None
        self.snapshot = snapshot
        current = snapshot.current
        self.query_one("#current-label", BigLabel).label = current.label if current else ""
        self.query_one("#serving-title", Static).update(
            t("desk_paused") if snapshot.paused else t("desk_serving" if current else "desk_idle")
        )
        self.set_class(snapshot.paused, "paused")
        self.query_one("#current-info", Static).update(self._current_text(snapshot))
        self.query_one("#materials", Static).update(_materials_text(snapshot))
        self.query_one("#queue-title", Static).update(
            t("desk_queue_title", n=snapshot.waiting_total, services=snapshot.window.services)
        )
        self.query_one("#queue", Static).update(_queue_text(snapshot))
        self.query_one("#counts", Static).update(_counts_text(snapshot))
        for action in ACTIONS:
            button = self.query_one(f"#act-{action.code}", Button)
            button.disabled = why_not(snapshot, action.code) is not None
            if action.code == "pause":
                name = t("action_resume" if snapshot.paused else "action_pause_only")
                button.label = f"{action.digit} {name}"
        if first:
            self._say(t("desk_window_paused" if snapshot.paused else "desk_signed_in"), error=False)

    def _current_text(self, snapshot: WindowSnapshot) -> Text:
        current = snapshot.current
        if current is None:
            return Text("")
        service = self.hall.service(current.service)
        text = Text()
        text.append(service.name, style="bold")
        if snapshot.matter_name:
            text.append(f"  {snapshot.matter_name}")
        if current.priority:
            text.append(f"  {t('desk_priority')}", style="bold red")
        text.append("\n")
        waited = since(current.issued_at, current.called_at) if current.called_at else "-"
        text.append(t("desk_issued", time=f"{current.issued_at:%H:%M}", waited=waited) + "\n")
        text.append(self._called_line(current.called_at), style="bold")
        if current.recall_count:
            text.append(f"    {t('desk_recalled', n=current.recall_count)}")
        if current.transferred_from:
            text.append(f"    {t('desk_transferred_from', service=current.transferred_from)}")
        return text

    def _called_line(self, called_at: dt.datetime | None) -> str:
        return t("desk_called_since", since=since(called_at, self.hall.now()))

    def _tick(self) -> None:
        if not self.leaving and self.snapshot is not None and self.snapshot.current is not None:
            self.query_one("#current-info", Static).update(self._current_text(self.snapshot))

    def _say(self, message: str, *, error: bool = False) -> None:
        box = self.query_one("#message", Static)
        box.update(plain(message))
        box.set_class(error, "error")


def _queue_line(label: str, priority: bool) -> str:
    return f"{label}  {t('desk_priority')}" if priority else label


def _queue_text(snapshot: WindowSnapshot) -> Text:
    if not snapshot.queue:
        return Text(t("desk_nobody"), style="dim")
    text = Text()
    for ticket in snapshot.queue:
        if ticket.priority:
            text.append(f"{ticket.label}  {t('desk_priority')}\n", style="bold red")
        else:
            text.append(f"{ticket.label}\n")
    more = snapshot.waiting_total - len(snapshot.queue)
    if more > 0:
        text.append(t("desk_more", n=more), style="dim")
    return text


def _counts_text(snapshot: WindowSnapshot) -> str:
    """Today's counts, two a line so they fit the side panel of an 80-column console."""
    parts = [f"{t(name)} {snapshot.counts.get(code, 0):<3}" for code, name in COUNT_NAMES]
    return (
        t("desk_today")
        + "\n"
        + "\n".join("  ".join(parts[i : i + 2]) for i in range(0, len(parts), 2))
    )


def _materials_text(snapshot: WindowSnapshot) -> Text:
    """The papers to check, run together (the list must fit the few rows under the ticket)."""
    if snapshot.current is None:
        return Text("")
    if not snapshot.materials:
        return Text(t("desk_no_materials"), style="dim")
    text = Text(t("desk_materials"), style="bold")
    items = "；".join(f"{i}. {item}" for i, item in enumerate(snapshot.materials, 1))
    text.append(items, style="not bold")
    return text
