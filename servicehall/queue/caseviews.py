"""What the core hands out about cases (办件): frozen views with JSON-ready ``as_dict`` forms.

``CaseView.due`` is where a case stands against its promised date on the day it was read:
``overdue`` (past it, not finished), ``soon`` (within ``[cases] due_soon_days`` working days),
``ok``, or ``done`` (finished: on time or not is ``on_time``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

KINDS = ("immediate", "promised", "joint", "reported")
"""即办件 / 承诺件 / 联办件 / 上报件, as halls file them."""

ACCEPT = "accept"
REFER = "refer"  # 转县级部门
JOINT = "joint"  # 联办: another window takes it on
SUPPLEMENT = "supplement"  # 补正: papers missing, the villager told once
FINISH = "finish"  # 办结
COLLECT = "collect"  # 已领取
DELIVER = "deliver"  # 已送达 (全程代办)
STEPS = (ACCEPT, REFER, JOINT, SUPPLEMENT, FINISH, COLLECT, DELIVER)
CLERK_STEPS = STEPS[1:]
"""The steps a clerk records after 受理."""

OPEN = "open"
FINISHED = "finished"
COLLECTED = "collected"
DELIVERED = "delivered"
CLOSED_STATES = (COLLECTED, DELIVERED)

OVERDUE = "overdue"
SOON = "soon"
ON_TRACK = "ok"
DONE = "done"


def mask_name(name: str) -> str:
    """A villager's name as a screen others may see shows it: 王*明, 李*."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


@dataclass(frozen=True)
class CaseStepView:
    step: str
    at: dt.datetime
    window: int | None
    clerk: str
    note: str | None = None
    to_window: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "at": self.at.isoformat(),
            "window": self.window,
            "clerk": self.clerk,
            "note": self.note,
            "to_window": self.to_window,
        }


@dataclass(frozen=True)
class CaseView:
    id: int
    number: str
    token: str
    day: dt.date
    service: str
    matter: str
    matter_name: str
    kind: str
    name: str
    last4: str
    agent: bool
    agent_staff: str | None
    window: int
    clerk: str
    state: str
    promised_day: dt.date
    opened_at: dt.datetime
    finished_at: dt.datetime | None
    finished_by: str | None
    closed_at: dt.datetime | None
    ticket_label: str | None
    has_phone: bool
    supplemented: bool
    due: str
    workdays_left: int | None
    """Working days from today to the promised date (negative: overdue); None once finished."""
    workdays_taken: int | None
    """Working days from 受理 to 办结; None while open."""
    steps: tuple[CaseStepView, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def on_time(self) -> bool | None:
        """Finished by the promised date (None while open)."""
        if self.finished_at is None:
            return None
        return self.finished_at.date() <= self.promised_day

    @property
    def masked_name(self) -> str:
        """How a public screen shows the name: 王*明, 李*."""
        return mask_name(self.name)

    def as_dict(self) -> dict[str, Any]:
        """For ``--json`` (the staff's view: name and last four included, never the number)."""
        return {
            "number": self.number,
            "day": self.day.isoformat(),
            "service": self.service,
            "matter": self.matter,
            "matter_name": self.matter_name,
            "kind": self.kind,
            "name": self.name,
            "last4": self.last4,
            "agent": self.agent,
            "agent_staff": self.agent_staff,
            "window": self.window,
            "clerk": self.clerk,
            "state": self.state,
            "promised_day": self.promised_day.isoformat(),
            "opened_at": self.opened_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "finished_by": self.finished_by,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "ticket": self.ticket_label,
            "sms": self.has_phone,
            "supplemented": self.supplemented,
            "due": self.due,
            "workdays_left": self.workdays_left,
            "workdays_taken": self.workdays_taken,
            "on_time": self.on_time,
            "steps": [step.as_dict() for step in self.steps],
        }


CALLBACK_RESULTS = ("satisfied", "basic", "unsatisfied", "no_answer")
"""回访: 满意 / 基本满意 / 不满意 / 未接通."""
NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class CallbackDue:
    """A case waiting for its 回访: only what the caller needs."""

    number: str
    matter_name: str
    name: str
    phone: str | None
    """The villager's number while it is kept (None: none given, or deleted already)."""
    state: str
    closed_at: dt.datetime
    window: int

    @property
    def masked_name(self) -> str:
        """The name as the clerk console's call-back list shows it: 王*兰."""
        return mask_name(self.name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "matter_name": self.matter_name,
            "name": self.name,
            "phone": self.phone,
            "state": self.state,
            "closed_at": self.closed_at.isoformat(),
            "window": self.window,
        }


@dataclass(frozen=True)
class CallbackView:
    """A recorded 回访."""

    number: str
    result: str
    note: str | None
    at: dt.datetime
    window: int
    clerk: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "result": self.result,
            "note": self.note,
            "at": self.at.isoformat(),
            "window": self.window,
            "clerk": self.clerk,
        }
