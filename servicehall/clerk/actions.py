"""The window actions a clerk (console or wired keypad) can take, and how each runs on the hall.

One table gives every action its code, its keypad digit, its F-key and its name, so the
console's keys, its buttons and the keypad protocol agree. ``perform`` runs one action through the
public ``Hall`` API and says what happened in a line for the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from servicehall.clerk.snapshot import WindowSnapshot
from servicehall.i18n import t
from servicehall.queue import Hall, TicketView, UnknownInput


@dataclass(frozen=True)
class Action:
    code: str
    digit: str
    letter: str
    needs: str = ""  # "ticket" or "service": the argument the action takes

    @property
    def fkey(self) -> str:
        return f"f{self.digit}"

    @property
    def name(self) -> str:
        """The action's name in the language of now (叫号, 重呼 …)."""
        return t(f"action_{self.code}")


ACTIONS: tuple[Action, ...] = (
    Action("next", "1", "N"),
    Action("recall", "2", "R"),
    Action("skip", "3", "S"),
    Action("finish", "4", "F"),
    Action("transfer", "5", "T", needs="service"),
    Action("pause", "6", "P"),
    Action("pick", "7", "K", needs="ticket"),
    Action("requeue", "8", "Q", needs="ticket"),
)
BY_CODE = {a.code: a for a in ACTIONS}
BY_KEY = {a.digit: a for a in ACTIONS} | {a.letter: a for a in ACTIONS}

NEED_CURRENT = ("recall", "skip", "finish", "transfer")
NEED_OPEN = ("next", "pick")


@dataclass(frozen=True)
class Outcome:
    """What an action did: the line to show, and the window's ticket now (for the keypad)."""

    message: str
    ticket: TicketView | None = None


def why_not(snapshot: WindowSnapshot, code: str) -> str | None:
    """Why ``code`` makes no sense at this window now, or None when it may be tried."""
    number = snapshot.window.number
    if code in NEED_CURRENT and snapshot.current is None:
        return t("nothing_called", window=number)
    if code in NEED_OPEN and snapshot.paused:
        return t("window_paused", window=number)
    if code == "pause" and snapshot.current is not None and not snapshot.paused:
        return t("window_busy_pause", window=number, ticket=snapshot.current.label)
    return None


def perform(
    hall: Hall, window: int, code: str, argument: str = "", clerk: str | None = None
) -> Outcome:
    """Run one action for a window; HallError subclasses say why it was refused."""
    if code == "next":
        called = hall.call_next(window, clerk=clerk)
        if called is None:
            return Outcome(t("done_nobody"))
        return Outcome(t("done_called", ticket=called.label), called)
    if code == "recall":
        again = hall.recall(window)
        return Outcome(t("done_recalled", ticket=again.label, n=again.recall_count), again)
    if code == "skip":
        skipped = hall.skip(window)
        return Outcome(t("done_skipped", ticket=skipped.label))
    if code == "finish":
        done = hall.finish(window)
        return Outcome(t("done_finished", ticket=done.label))
    if code == "transfer":
        service = hall.service(argument)
        moved = hall.transfer(window, service.code)
        return Outcome(
            t("done_transferred", ticket=moved.label, service=service.name, ahead=moved.ahead)
        )
    if code == "pause":
        if hall.window_status(window).state == "paused":
            hall.resume(window)
            return Outcome(t("done_resumed", window=window))
        hall.pause(window)
        return Outcome(t("done_paused", window=window))
    if code == "pick":
        called = hall.call_ticket(_label(argument), window, clerk=clerk)
        return Outcome(t("done_called", ticket=called.label), called)
    if code == "requeue":
        back = hall.requeue(_label(argument))
        return Outcome(t("done_requeued", ticket=back.label, ahead=back.ahead))
    raise ValueError(f"unknown action {code!r}")


def _label(argument: str) -> str:
    label = argument.strip().upper()
    if not label:
        raise UnknownInput("unknown_ticket", ticket=t("no_ticket_given"))
    return label
