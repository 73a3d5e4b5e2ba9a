"""What a case's phone page (``/c/<token>``) says, from its :class:`CaseView`. Pure: no I/O.

Only what the villager already knows: the case number, the matter, the promised date, the steps
with their dates and the name masked (王*兰); never the phone number, the last four digits, nor
which clerk recorded a step.
"""

from __future__ import annotations

from dataclasses import dataclass

from servicehall.i18n import t
from servicehall.i18n_cases import state_name, step_name
from servicehall.queue.caseviews import FINISHED, JOINT, OPEN, OVERDUE, SUPPLEMENT, CaseView


@dataclass(frozen=True)
class CaseStepLine:
    when: str
    step: str
    note: str = ""


@dataclass(frozen=True)
class CaseState:
    """Everything a case's page shows, as text."""

    number: str
    matter: str
    name: str
    state: str
    """The case's state (open, finished, collected, delivered): the headline's colour."""
    headline: str
    promised: str
    next_step: str
    steps: tuple[CaseStepLine, ...]


def _note(step: str, note: str | None, to_window: int | None) -> str:
    if step == JOINT and to_window:
        return t("phone_case_joint_to", window=to_window)
    if step == SUPPLEMENT and note:
        return t("phone_case_missing", note=note)
    return note or ""


def _next_step(case: CaseView) -> str:
    if case.state == OPEN:
        return t("phone_case_supplement_next") if case.supplemented else ""
    if case.state == FINISHED:
        return (
            t("phone_case_deliver_next")
            if case.agent
            else t("phone_case_collect_next", window=case.window)
        )
    return ""


def case_state(case: CaseView) -> CaseState:
    promised = t("phone_case_promised", day=f"{case.promised_day:%Y-%m-%d}")
    if case.state == OPEN and case.due == OVERDUE:
        promised += t("phone_case_late")
    return CaseState(
        number=case.number,
        matter=case.matter_name,
        name=case.masked_name,
        state=case.state,
        headline=state_name(case.state),
        promised=promised,
        next_step=_next_step(case),
        steps=tuple(
            CaseStepLine(
                f"{step.at:%m-%d %H:%M}",
                step_name(step.step),
                _note(step.step, step.note, step.to_window),
            )
            for step in case.steps
        ),
    )
