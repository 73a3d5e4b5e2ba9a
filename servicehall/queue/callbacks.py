"""回访: the follow-up call after a case ended (已领取 / 已送达).

:class:`CallbackDesk` gives :class:`servicehall.queue.hall.Hall` the call-back list and the
recording of a call's result — 满意 / 基本满意 / 不满意 / 未接通 and a short note — once per case,
by the clerk signed in at the window, with a ``case_callback`` event in the audit trail (the case
number and the result; never the name, the number or the note).

The villager's number: kept with the case after it closed so the hall can call back, deleted in
the transaction that records the 回访 (whatever the result, 未接通 too: one call, not a chase), or
``[cases] keep_phone_days`` after the case closed when nobody called (``CaseDesk``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select, update

from servicehall.queue.cases import CaseDesk, case_number
from servicehall.queue.caseviews import (
    CALLBACK_RESULTS,
    CLOSED_STATES,
    CallbackDue,
    CallbackView,
)
from servicehall.queue.errors import UnknownInput, WrongState
from servicehall.queue.names import REASON_LIMIT, clean_text
from servicehall.queue.tables import CASE_CALLBACKS, CASES

CALLBACK_LIMIT = 200
"""At most this many cases on the call-back list (the longest closed first)."""
_RESULT_WORDS = {
    **{code: code for code in CALLBACK_RESULTS},
    "满意": "satisfied",
    "基本满意": "basic",
    "不满意": "unsatisfied",
    "未接通": "no_answer",
}


def callback_result(word: str) -> str:
    """满意 / 基本满意 / 不满意 / 未接通 (or the codes) to the result's code."""
    found = _RESULT_WORDS.get(word.strip())
    if found is None:
        raise UnknownInput("callback_bad_result", result=word)
    return found


class CallbackDesk(CaseDesk):
    """The call-back list and the recording of a 回访."""

    def callbacks_due(self, window: int | None = None) -> list[CallbackDue]:
        """Closed cases (of one window) not yet called back, the longest closed first."""
        called = select(CASE_CALLBACKS.c.case_id).where(CASE_CALLBACKS.c.hall == self.code)
        query = select(
            CASES.c.number,
            CASES.c.service,
            CASES.c.matter,
            CASES.c.name,
            CASES.c.phone,
            CASES.c.state,
            CASES.c.closed_ts,
            CASES.c.window,
        ).where(
            CASES.c.hall == self.code,
            CASES.c.state.in_(CLOSED_STATES),
            CASES.c.id.not_in(called),
        )
        if window is not None:
            self.window(window)
            query = query.where(CASES.c.window == window)
        query = query.order_by(CASES.c.closed_ts, CASES.c.id).limit(CALLBACK_LIMIT)
        rows = self.store.read(lambda conn: conn.execute(query).all())
        found = []
        for row in rows:
            service = self.config.service(row.service)
            matter = service.matter(row.matter) if service else None
            closed = self._local(row.closed_ts)
            assert closed is not None
            found.append(
                CallbackDue(
                    number=row.number,
                    matter_name=matter.name if matter else row.matter,
                    name=row.name,
                    phone=row.phone,
                    state=row.state,
                    closed_at=closed,
                    window=row.window,
                )
            )
        return found

    def record_callback(
        self,
        number: str,
        result: str,
        *,
        window: int,
        clerk: str | None = None,
        note: str = "",
    ) -> CallbackView:
        """Record the 回访 of a closed case, once; the villager's number is deleted with it."""
        self.window(window)
        code = callback_result(result)
        note = clean_text(note, "case_note", limit=REASON_LIMIT, required=False)
        wanted = case_number(number)

        def work(conn: Connection, now: dt.datetime) -> CallbackView:
            who = self._signed_in(conn, window, clerk)
            row = self._case_row(conn, wanted, lock=True)
            if row.state not in CLOSED_STATES:
                raise WrongState("callback_not_closed", case=row.number)
            if self._called_back(conn, row.id):
                raise WrongState("callback_once", case=row.number)
            conn.execute(
                CASE_CALLBACKS.insert().values(
                    hall=self.code,
                    case_id=row.id,
                    result=code,
                    note=note or None,
                    ts=now.timestamp(),
                    day=now.date(),
                    window=window,
                    clerk=who,
                )
            )
            conn.execute(update(CASES).where(CASES.c.id == row.id).values(phone=None, texted=False))
            self._event(
                conn, "case_callback", now, window=window, clerk=who, case=row.number, result=code
            )
            return CallbackView(row.number, code, note or None, now, window, who)

        return self._write(work)

    def _called_back(self, conn: Connection, case_id: Any) -> bool:
        query = select(CASE_CALLBACKS.c.id).where(CASE_CALLBACKS.c.case_id == case_id)
        return conn.execute(query).first() is not None


__all__ = ["CALLBACK_RESULTS", "CallbackDesk", "callback_result"]
