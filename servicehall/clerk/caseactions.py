"""What the console's 办件 keys do through the public ``Hall`` API, each said in a line for the
clerk: accept the ticket being served as a case (and print its 受理回执 on the window's printer,
if it has one), and record a step."""

from __future__ import annotations

from servicehall.clerk.caseform import CaseRequest
from servicehall.i18n import t
from servicehall.i18n_cases import step_name
from servicehall.queue import Hall


def accept_case(hall: Hall, window: int, clerk: str, label: str, request: CaseRequest) -> str:
    """受理 ``label`` at ``window``; returns the line for the clerk (refusals raise HallError)."""
    case = hall.open_case(
        label,
        window=window,
        clerk=clerk,
        kind=request.kind,
        name=request.name,
        last4=request.last4,
        phone=request.phone,
        agent=request.agent,
        agent_staff=request.agent_staff,
    )
    said = t("clerk_case_opened", case=case.number, day=f"{case.promised_day:%Y-%m-%d}")
    settings = hall.window(window).printer
    if settings is None:
        return said + t("clerk_case_no_printer")
    from servicehall.printer import make_printer  # the printer stack loads on first use

    outcome = make_printer(settings).print_receipt(hall, case)
    return said + (
        t("clerk_case_receipt_printed")
        if outcome.ok
        else t("clerk_case_receipt_failed", message=outcome.message)
    )


def step_case(hall: Hall, window: int, clerk: str, number: str, step: str, argument: str) -> str:
    """Record ``step`` on case ``number``: ``argument`` is the note, or 联办's window number."""
    to_window = None
    note = argument
    if step == "joint":
        to_window = int(argument) if argument.strip().isdigit() else None
        note = ""
    case = hall.case_step(number, step, window=window, clerk=clerk, note=note, to_window=to_window)
    said = t("clerk_case_step", case=case.number, step=step_name(step))
    if step == "joint":
        said += t("clerk_case_joint_to", window=case.window)
    if step in ("supplement", "finish") and case.has_phone:
        said += t("clerk_case_texted")
    return said
