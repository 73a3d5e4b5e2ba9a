"""办件: cases that outlive the visit — 受理 from a ticket, recorded steps, lookups.

:class:`CaseDesk` gives :class:`servicehall.queue.hall.Hall` its case operations. Each is one
transaction that also appends to the audit trail (``case_open`` / ``case_step`` events, which
carry the case number and never the villager's name, last digits or phone). Every step is by
the clerk signed in at the window. 补正 and 办结 queue a text message through the SMS outbox in
the same transaction when the villager left a number; the number stays with the case until its
回访 is recorded (``servicehall.queue.callbacks``), and at most ``[cases] keep_phone_days`` after
办结 (never collected) or after it was collected or delivered (never called back).

Lookups: by case number, by the page's token, by name and last four digits (exact match only),
a window's open cases with their due dates, the overdue ones.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any

from sqlalchemy import Connection, Row, and_, func, or_, select, text, update

from servicehall.i18n import text_in
from servicehall.queue import outbox
from servicehall.queue.caseviews import (
    ACCEPT,
    CLERK_STEPS,
    CLOSED_STATES,
    COLLECT,
    COLLECTED,
    DELIVER,
    DELIVERED,
    DONE,
    FINISH,
    FINISHED,
    JOINT,
    KINDS,
    ON_TRACK,
    OPEN,
    OVERDUE,
    REFER,
    SOON,
    SUPPLEMENT,
    CaseStepView,
    CaseView,
)
from servicehall.queue.errors import Refused, UnknownInput, WrongState
from servicehall.queue.names import REASON_LIMIT, clean_text
from servicehall.queue.tables import CALLED, CASE_STEPS, CASES
from servicehall.queue.tables import FINISHED as TICKET_FINISHED
from servicehall.queue.workdays import WorkCalendar
from servicehall.queue.writer import HallWriter

_LAST4 = re.compile(r"^[0-9]{3}[0-9X]$")
_NUMBER = re.compile(r"^(\d{4})-?(\d{4})-?(\d{3,4})$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
_KIND_WORDS = {
    "immediate": "immediate",
    "即办件": "immediate",
    "promised": "promised",
    "承诺件": "promised",
    "joint": "joint",
    "联办件": "joint",
    "reported": "reported",
    "上报件": "reported",
}
_STEP_WORDS = {
    REFER: REFER,
    "转县级部门": REFER,
    "转报": REFER,
    JOINT: JOINT,
    "联办": JOINT,
    SUPPLEMENT: SUPPLEMENT,
    "补正": SUPPLEMENT,
    FINISH: FINISH,
    "办结": FINISH,
    COLLECT: COLLECT,
    "已领取": COLLECT,
    "领取": COLLECT,
    DELIVER: DELIVER,
    "已送达": DELIVER,
    "送达": DELIVER,
}
_SMS_STEPS = (SUPPLEMENT, FINISH)
_SHOWN = [column for column in CASES.c if column.name != "phone"]
"""What reads select: everything but the villager's number (a kiosk's role may not read it)."""
_DAY_S = 86400.0
LIST_LIMIT = 200
"""At most this many cases in a window's list (the oldest promised first)."""
FOUND_LIMIT = 5
"""At most this many of one person's cases by name and last four digits."""


def case_kind(word: str) -> str:
    """即办件 / 承诺件 / 联办件 / 上报件 (or the English code) as the stored code."""
    found = _KIND_WORDS.get(word.strip().lower())
    if found is None:
        raise UnknownInput("case_bad_kind", kind=word)
    return found


def case_step(word: str) -> str:
    """A step a clerk records, by its Chinese or English name."""
    found = _STEP_WORDS.get(word.strip().lower())
    if found is None:
        raise UnknownInput("case_bad_step", step=word)
    return found


def case_number(text: str) -> str:
    """A case number as typed (``2026-1202-003`` or the digits ``20261202003``), normalised."""
    match = _NUMBER.match(text.strip())
    if match is None:
        raise UnknownInput("unknown_case", case=text)
    year, day, seq = match.groups()
    return f"{year}-{day}-{int(seq):03d}"


def check_last4(text: str) -> str:
    """The last four characters of an ID (the last may be X) or of a phone number."""
    last4 = text.strip().upper()
    if not _LAST4.match(last4):
        raise UnknownInput("case_bad_last4")
    return last4


def check_villager(name: str) -> str:
    """A villager's name: no digits (a full ID number is never stored), no control characters."""
    cleaned = clean_text(name, "villager_name")
    if any(ch.isdigit() for ch in cleaned):
        raise UnknownInput("case_bad_name")
    return cleaned


class CaseDesk(HallWriter):
    """The case operations and lookups of a hall."""

    @property
    def calendar(self) -> WorkCalendar:
        return WorkCalendar.from_settings(self.config.calendar)

    # ------------------------------------------------------------------ 受理

    def open_case(
        self,
        ticket: int | str,
        *,
        window: int,
        kind: str,
        name: str,
        last4: str,
        clerk: str | None = None,
        phone: str | None = None,
        agent: bool = False,
        agent_staff: str | None = None,
        matter: str | None = None,
    ) -> CaseView:
        """受理: turn today's ticket, called at ``window``, into a case with a promised date."""
        self.window(window)
        code = case_kind(kind)
        name = check_villager(name)
        last4 = check_last4(last4)
        number_kept = outbox.check_sms_number(self, phone) if phone else None
        staff = clean_text(agent_staff or "", "agent_staff", required=agent) or None
        if not agent:
            staff = None

        def work(conn: Connection, now: dt.datetime) -> CaseView:
            who = self._signed_in(conn, window, clerk)
            trow = self._ticket_row(conn, ticket, lock=False)
            if trow.status not in (CALLED, TICKET_FINISHED) or trow.day != now.date():
                raise WrongState("case_ticket_not_served", ticket=trow.label)
            if trow.window != window:
                raise WrongState("case_ticket_elsewhere", ticket=trow.label, window=window)
            service = self.service(trow.service)
            matter_code = matter or trow.matter
            found = service.matter(matter_code) if matter_code else None
            if found is None:
                raise UnknownInput("case_no_matter", ticket=trow.label)
            if code == "immediate":
                days = 0
            elif found.promise_days is None:
                raise Refused("case_no_promise", matter=found.name)
            else:
                days = found.promise_days
            if self._has_case(conn, trow.id, found.code):
                raise WrongState("case_exists", ticket=trow.label, matter=found.name)
            day = now.date()
            seq = self._next_seq(conn, day)
            number = f"{day:%Y}-{day:%m%d}-{seq:03d}"
            values = {
                "hall": self.code,
                "number": number,
                "day": day,
                "seq": seq,
                "token": secrets.token_urlsafe(16),
                "ticket_id": trow.id,
                "ticket_label": trow.label,
                "service": service.code,
                "matter": found.code,
                "kind": code,
                "name": name,
                "last4": last4,
                "phone": number_kept,
                "texted": number_kept is not None,
                "agent": agent,
                "agent_staff": staff,
                "window": window,
                "clerk": who,
                "state": OPEN,
                "promised_day": self.calendar.add_workdays(day, days),
                "opened_ts": now.timestamp(),
                "supplemented": False,
            }
            case_id = conn.execute(CASES.insert().values(**values)).inserted_primary_key
            assert case_id is not None
            self._add_step(conn, int(case_id[0]), ACCEPT, now, window, who)
            self._event(
                conn,
                "case_open",
                now,
                ticket=trow,
                window=window,
                clerk=who,
                case=number,
                case_kind=code,
                matter=found.code,
                promised=values["promised_day"],
                agent=agent,
            )
            self._forget_old_phones(conn, now)
            return self._case_view(conn, self._case_row(conn, number))

        return self._write(work)

    # ------------------------------------------------------------------ steps

    def case_step(
        self,
        number: str,
        step: str,
        *,
        window: int,
        clerk: str | None = None,
        note: str = "",
        to_window: int | None = None,
    ) -> CaseView:
        """Record a step (转县级部门 联办 补正 办结 已领取 已送达) by the clerk at ``window``."""
        self.window(window)
        code = case_step(step)
        if code not in CLERK_STEPS:
            raise UnknownInput("case_bad_step", step=step)
        note = clean_text(note, "case_note", limit=REASON_LIMIT, required=False)
        if code in (REFER, SUPPLEMENT) and not note:
            raise UnknownInput("case_note_needed", step=text_in(None, f"case_step_{code}"))
        if code == JOINT:
            if to_window is None:
                raise UnknownInput("case_joint_window")
            self.window(to_window)
        wanted = case_number(number)

        def work(conn: Connection, now: dt.datetime) -> CaseView:
            who = self._signed_in(conn, window, clerk)
            row = self._case_row(conn, wanted, lock=True)
            self._check_step(row, code, to_window)
            changes = self._changes(row, code, now, who, to_window)
            if changes:
                conn.execute(update(CASES).where(CASES.c.id == row.id).values(**changes))
            self._add_step(conn, row.id, code, now, window, who, note or None, to_window)
            detail: dict[str, Any] = {"case": row.number, "step": code}
            if note:
                detail["note"] = note
            if to_window is not None and code == JOINT:
                detail["to_window"] = to_window
            self._event(conn, "case_step", now, window=window, clerk=who, **detail)
            if code in _SMS_STEPS and row.phone:
                self._tell(conn, row, code, now, note)
            self._forget_old_phones(conn, now)
            return self._case_view(conn, self._case_row(conn, wanted))

        return self._write(work)

    def _check_step(self, row: Row[Any], step: str, to_window: int | None) -> None:
        if row.state in CLOSED_STATES:
            raise WrongState("case_closed", case=row.number)
        if row.state == FINISHED and step not in (COLLECT, DELIVER):
            raise WrongState("case_finished_already", case=row.number)
        if row.state == OPEN and step in (COLLECT, DELIVER):
            raise WrongState("case_not_finished", case=row.number)
        if step == SUPPLEMENT and row.supplemented:
            raise WrongState("case_supplement_once", case=row.number)
        if step == JOINT and to_window == row.window:
            raise WrongState("case_joint_same", case=row.number, window=row.window)

    @staticmethod
    def _changes(
        row: Row[Any], step: str, now: dt.datetime, clerk: str, to_window: int | None
    ) -> dict[str, Any]:
        if step == JOINT:
            return {"window": to_window}
        if step == SUPPLEMENT:
            return {"supplemented": True}
        if step == FINISH:
            return {
                "state": FINISHED,
                "finished_ts": now.timestamp(),
                "finished_day": now.date(),
                "finished_by": clerk,
            }
        if step in (COLLECT, DELIVER):
            state = COLLECTED if step == COLLECT else DELIVERED
            return {"state": state, "closed_ts": now.timestamp()}  # the number waits for 回访
        return {}

    def _tell(
        self, conn: Connection, row: Row[Any], step: str, now: dt.datetime, note: str
    ) -> None:
        """Queue the villager's text for 补正 or 办结 (once per case and step)."""
        service = self.config.service(row.service)  # None: gone from hall.toml since 受理
        found = service.matter(row.matter) if service else None
        params = {
            "matter": found.name if found else row.matter,
            "window": row.window,
            "case": row.number,
            "missing": note,
            "hall": self.config.hall.name,
        }
        key = f"sms_case_{step}_agent" if step == FINISH and row.agent else f"sms_case_{step}"
        message = text_in("zh", key, **params)
        outbox.enqueue_in(
            conn,
            self,
            now,
            key=f"case:{row.id}:{step}",
            kind=f"case_{step}",
            phone=row.phone,
            text=message,
        )

    def _forget_old_phones(self, conn: Connection, now: dt.datetime) -> None:
        """Numbers of cases finished longer ago than ``keep_phone_days`` and never collected,
        and of cases closed (collected, delivered) that long ago and never called back."""
        before = now.timestamp() - self.config.cases.keep_phone_days * _DAY_S
        conn.execute(
            update(CASES)
            .where(
                CASES.c.hall == self.code,
                CASES.c.phone.is_not(None),
                or_(
                    and_(CASES.c.state == FINISHED, CASES.c.finished_ts < before),
                    and_(CASES.c.state.in_(CLOSED_STATES), CASES.c.closed_ts < before),
                ),
            )
            .values(phone=None, texted=False)
        )

    # ------------------------------------------------------------------ write helpers

    def _signed_in(self, conn: Connection, window: int, clerk: str | None) -> str:
        """The clerk signed in at the window (``clerk``, when given, must be that one)."""
        wrow = self._window_row(conn, window)
        if wrow.clerk is None:
            raise WrongState("case_no_clerk", window=window)
        if clerk is not None and clean_text(clerk, "clerk_id") != wrow.clerk:
            raise WrongState("case_clerk_not_signed_in", clerk=clerk, window=window)
        return str(wrow.clerk)

    def _has_case(self, conn: Connection, ticket_id: int, matter: str) -> bool:
        query = select(CASES.c.id).where(
            CASES.c.hall == self.code, CASES.c.ticket_id == ticket_id, CASES.c.matter == matter
        )
        return conn.execute(query).first() is not None

    def _next_seq(self, conn: Connection, day: dt.date) -> int:
        """The day's next case sequence; on PostgreSQL two windows take it one after the other
        (a lock held to the end of the transaction)."""
        if self.store.dialect == "postgresql":
            lock = text("SELECT pg_advisory_xact_lock(hashtext(:key))")
            conn.execute(lock, {"key": f"case:{self.code}"})
        last = conn.execute(
            select(func.max(CASES.c.seq)).where(CASES.c.hall == self.code, CASES.c.day == day)
        ).scalar()
        return int(last or 0) + 1

    def _add_step(
        self,
        conn: Connection,
        case_id: int,
        step: str,
        now: dt.datetime,
        window: int | None,
        clerk: str,
        note: str | None = None,
        to_window: int | None = None,
    ) -> None:
        conn.execute(
            CASE_STEPS.insert().values(
                hall=self.code,
                case_id=case_id,
                step=step,
                ts=now.timestamp(),
                day=now.date(),
                window=window,
                clerk=clerk,
                note=note,
                to_window=to_window if step == JOINT else None,
            )
        )

    # ------------------------------------------------------------------ reads

    def case(self, number: str) -> CaseView:
        """A case by its number, with its steps."""
        wanted = case_number(number)
        return self.store.read(lambda conn: self._case_view(conn, self._case_row(conn, wanted)))

    def case_by_token(self, token: str) -> CaseView:
        """A case by its page's token (the link printed on the receipt), with its steps."""
        if not _TOKEN.match(token):
            raise UnknownInput("unknown_case", case="")

        def work(conn: Connection) -> CaseView:
            row = conn.execute(
                select(*_SHOWN).where(CASES.c.hall == self.code, CASES.c.token == token)
            ).first()
            if row is None:
                raise UnknownInput("unknown_case", case="")
            return self._case_view(conn, row)

        return self.store.read(work)

    def find_cases(self, name: str, last4: str) -> list[CaseView]:
        """One person's cases by name and last four digits, exactly (newest first, a few)."""
        name = check_villager(name)
        last4 = check_last4(last4)
        query = (
            select(*_SHOWN)
            .where(CASES.c.hall == self.code, CASES.c.name == name, CASES.c.last4 == last4)
            .order_by(CASES.c.id.desc())
            .limit(FOUND_LIMIT)
        )
        return self.store.read(
            lambda conn: [self._case_view(conn, row) for row in conn.execute(query).all()]
        )

    def open_cases(self, window: int | None = None) -> list[CaseView]:
        """Cases not yet finished (of one window), the earliest promised first."""
        where = [CASES.c.hall == self.code, CASES.c.state == OPEN]
        if window is not None:
            self.window(window)
            where.append(CASES.c.window == window)
        query = (
            select(*_SHOWN)
            .where(and_(*where))
            .order_by(CASES.c.promised_day, CASES.c.id)
            .limit(LIST_LIMIT)
        )
        today = self.today()
        rows = self.store.read(lambda conn: conn.execute(query).all())
        return [self._summary(row, today) for row in rows]

    def overdue_cases(self, window: int | None = None) -> list[CaseView]:
        """Open cases past their promised date."""
        return [case for case in self.open_cases(window) if case.due == OVERDUE]

    def cases_finished_today(self) -> int:
        query = select(func.count()).where(
            CASES.c.hall == self.code, CASES.c.finished_day == self.today()
        )
        return int(self.store.read(lambda conn: conn.execute(query).scalar_one()))

    def _case_row(self, conn: Connection, number: str, *, lock: bool = False) -> Row[Any]:
        columns = CASES.c if lock else _SHOWN
        query = select(*columns).where(CASES.c.hall == self.code, CASES.c.number == number)
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise UnknownInput("unknown_case", case=number)
        return row

    def _case_view(self, conn: Connection, row: Row[Any]) -> CaseView:
        steps = conn.execute(
            select(CASE_STEPS).where(CASE_STEPS.c.case_id == row.id).order_by(CASE_STEPS.c.id)
        ).all()
        return self._summary(row, self.today(), tuple(self._step_view(s) for s in steps))

    def _step_view(self, row: Row[Any]) -> CaseStepView:
        at = self._local(row.ts)
        assert at is not None
        return CaseStepView(row.step, at, row.window, row.clerk, row.note, row.to_window)

    def _summary(
        self, row: Row[Any], today: dt.date, steps: tuple[CaseStepView, ...] = ()
    ) -> CaseView:
        calendar = self.calendar
        opened = self._local(row.opened_ts)
        assert opened is not None
        finished = self._local(row.finished_ts)
        if row.state == OPEN:
            left: int | None = calendar.workdays_between(today, row.promised_day)
            taken = None
            if today > row.promised_day:
                due = OVERDUE
            elif (left or 0) <= self.config.cases.due_soon_days:
                due = SOON
            else:
                due = ON_TRACK
        else:
            left, due = None, DONE
            taken = calendar.workdays_between(row.day, row.finished_day)
        found = self.config.service(row.service)
        matter = found.matter(row.matter) if found else None
        return CaseView(
            id=row.id,
            number=row.number,
            token=row.token,
            day=row.day,
            service=row.service,
            matter=row.matter,
            matter_name=matter.name if matter else row.matter,
            kind=row.kind,
            name=row.name,
            last4=row.last4,
            agent=bool(row.agent),
            agent_staff=row.agent_staff,
            window=row.window,
            clerk=row.clerk,
            state=row.state,
            promised_day=row.promised_day,
            opened_at=opened,
            finished_at=finished,
            finished_by=row.finished_by,
            closed_at=self._local(row.closed_ts),
            ticket_label=row.ticket_label,
            has_phone=bool(row.texted),
            supplemented=bool(row.supplemented),
            due=due,
            workdays_left=left,
            workdays_taken=taken,
            steps=steps,
        )


__all__ = ["KINDS", "CaseDesk", "case_kind", "case_number", "case_step"]
