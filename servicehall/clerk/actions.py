"""The window actions a clerk (console or wired keypad) can take, and how each runs on the hall.

One table gives every action its code, its keypad digit, its F-key and its Chinese name, so the
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
    name: str
    needs: str = ""  # "ticket" or "service": the argument the action takes

    @property
    def fkey(self) -> str:
        return f"f{self.digit}"


ACTIONS: tuple[Action, ...] = (
    Action("next", "1", "N", "叫号"),
    Action("recall", "2", "R", "重呼"),
    Action("skip", "3", "S", "过号"),
    Action("finish", "4", "F", "办结"),
    Action("transfer", "5", "T", "转办", needs="service"),
    Action("pause", "6", "P", "暂停/恢复"),
    Action("pick", "7", "K", "指定叫号", needs="ticket"),
    Action("requeue", "8", "Q", "过号重排", needs="ticket"),
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
            return Outcome("现在没有人等候本窗口的业务")
        return Outcome(f"已叫号 {called.label}", called)
    if code == "recall":
        again = hall.recall(window)
        return Outcome(f"已重呼 {again.label}（第 {again.recall_count} 次）", again)
    if code == "skip":
        skipped = hall.skip(window)
        return Outcome(f"{skipped.label} 已过号，来了可按 8 过号重排")
    if code == "finish":
        done = hall.finish(window)
        return Outcome(f"{done.label} 已办结")
    if code == "transfer":
        service = hall.service(argument)
        moved = hall.transfer(window, service.code)
        return Outcome(f"{moved.label} 已转到{service.name}，前面 {moved.ahead} 人")
    if code == "pause":
        if hall.window_status(window).state == "paused":
            hall.resume(window)
            return Outcome(f"{window} 号窗口已恢复叫号")
        hall.pause(window)
        return Outcome(f"{window} 号窗口已暂停")
    if code == "pick":
        called = hall.call_ticket(_label(argument), window, clerk=clerk)
        return Outcome(f"已叫号 {called.label}", called)
    if code == "requeue":
        back = hall.requeue(_label(argument))
        return Outcome(f"{back.label} 已重新排队，前面 {back.ahead} 人")
    raise ValueError(f"unknown action {code!r}")


def _label(argument: str) -> str:
    label = argument.strip().upper()
    if not label:
        raise UnknownInput("unknown_ticket", ticket="（空）")
    return label
