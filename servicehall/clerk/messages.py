"""The clerk console's messages: its screens' thread workers answer with these (``@on``).

A worker reads or writes the hall and posts one message to its screen; the screen draws it on
the UI thread. No worker touches a widget or chains ``call_from_thread``.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from servicehall.clerk.snapshot import WindowSnapshot
from servicehall.queue.caseviews import CallbackDue, CaseView
from servicehall.queue.clerks import Clerk


@dataclass
class WindowRead(Message):
    """The window as it is now (after the hall changed, or on opening the desk)."""

    snapshot: WindowSnapshot


@dataclass
class ActionDone(Message):
    """An action's outcome (``error``: refused) and the window after it (None: unreadable)."""

    message: str
    error: bool
    snapshot: WindowSnapshot | None


@dataclass
class Told(Message):
    """A line for the clerk (a case accepted, or why not)."""

    message: str
    error: bool = False


@dataclass
class SignOutRefused(Message):
    """Signing out did not go through; the desk stays."""

    message: str


@dataclass
class SignedOut(Message):
    """The clerk signed out: back to sign-in."""


@dataclass
class SignInAnswered(Message):
    """The sign-in check: the clerk (signed in), or a refusal with the lock's length."""

    clerk: Clerk | None
    message: str = ""
    wait_s: float = 0.0


@dataclass
class CasesRead(Message):
    """The window's open cases (办件), with a line to show."""

    cases: list[CaseView]
    message: str = ""
    error: bool = False


@dataclass
class StepRecorded(Message):
    """A case's step is recorded; ``message`` says what was done."""

    message: str


@dataclass
class CallbacksRead(Message):
    """The cases waiting for their 回访 (the window's or the hall's); ``keep_line``: leave the
    line under the list as it is (read again after a 回访, or because the hall changed)."""

    due: list[CallbackDue]
    keep_line: bool = False


@dataclass
class CallbackRecorded(Message):
    """A 回访 recorded (what was recorded), or refused (``error``: the core's reason);
    ``settled``: recorded or refused for good (not: the database could not be reached)."""

    message: str
    error: bool
    settled: bool = True
