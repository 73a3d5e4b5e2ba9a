"""办件 commands: list the open (or overdue) cases, accept a ticket as a case, record a step,
show one case, find one person's cases, the 回访 list and a call's result."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from servicehall.cli.common import (
    WINDOW,
    add_json,
    console,
    err_console,
    fail,
    open_hall,
    print_json,
)
from servicehall.i18n import t

if TYPE_CHECKING:
    from rich.table import Table

    from servicehall.queue import Hall
    from servicehall.queue.caseviews import CaseView

NAMES = ("cases",)
"""The commands this module registers."""

_DUE_STYLE = {"overdue": "bold red", "soon": "yellow"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("cases", help=t("help_cases"))
    p.add_argument("--window", type=WINDOW, help=t("help_cases_window"))
    p.add_argument("--overdue", action="store_true", help=t("help_cases_overdue"))
    add_json(p)
    p.set_defaults(func=cmd_list)
    cases = p.add_subparsers(dest="cases_command", metavar="SUBCOMMAND")

    opening = cases.add_parser("open", help=t("help_cases_open"))
    opening.add_argument("--ticket", required=True, help=t("help_cases_ticket"))
    opening.add_argument("--window", type=WINDOW, required=True, help=t("help_cases_open_window"))
    opening.add_argument("--kind", required=True, help=t("help_cases_kind"))
    opening.add_argument("--name", required=True, help=t("help_cases_name"))
    opening.add_argument("--last4", required=True, help=t("help_cases_last4"))
    opening.add_argument("--phone", help=t("help_cases_phone"))
    opening.add_argument("--agent", metavar="STAFF", help=t("help_cases_agent"))
    opening.add_argument("--matter", help=t("help_cases_matter"))
    opening.add_argument("--clerk", help=t("help_cases_clerk"))
    opening.add_argument("--print", action="store_true", help=t("help_cases_print"))
    add_json(opening)
    opening.set_defaults(func=cmd_open)

    step = cases.add_parser("step", help=t("help_cases_step"))
    step.add_argument("number", metavar="NUMBER", help=t("help_cases_number"))
    step.add_argument("step", metavar="STEP", help=t("help_cases_steps"))
    step.add_argument("--window", type=WINDOW, required=True, help=t("help_cases_step_window"))
    step.add_argument("--note", default="", help=t("help_cases_note"))
    step.add_argument("--to", type=WINDOW, dest="to_window", help=t("help_cases_to"))
    step.add_argument("--clerk", help=t("help_cases_clerk"))
    add_json(step)
    step.set_defaults(func=cmd_step)

    show = cases.add_parser("show", help=t("help_cases_show"))
    show.add_argument("number", metavar="NUMBER", help=t("help_cases_number_short"))
    add_json(show)
    show.set_defaults(func=cmd_show)

    due = cases.add_parser("callbacks", help=t("help_cases_callbacks"))
    due.add_argument("--window", type=WINDOW, help=t("help_cases_window"))
    add_json(due)
    due.set_defaults(func=cmd_callbacks)

    called = cases.add_parser("callback", help=t("help_cases_callback"))
    called.add_argument("number", metavar="NUMBER", help=t("help_cases_number_short"))
    called.add_argument("--result", required=True, help=t("help_cases_result"))
    called.add_argument("--window", type=WINDOW, required=True, help=t("help_cases_caller"))
    called.add_argument("--note", default="", help=t("help_cases_callback_note"))
    called.add_argument("--clerk", help=t("help_cases_clerk"))
    add_json(called)
    called.set_defaults(func=cmd_callback)

    find = cases.add_parser("find", help=t("help_cases_find"))
    find.add_argument("--name", required=True, help=t("help_cases_find_name"))
    find.add_argument("--last4", required=True, help=t("help_cases_find_last4"))
    add_json(find)
    find.set_defaults(func=cmd_find)


def cmd_list(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    found = hall.overdue_cases(args.window) if args.overdue else hall.open_cases(args.window)
    if args.json:
        print_json([case.as_dict() for case in found])
        return 0
    if not found:  # a line, not an empty table above it
        console().print(t("cli_case_none_overdue" if args.overdue else "cli_case_none_open"))
        return 0
    title = t("cli_case_overdue_title" if args.overdue else "cli_case_open_title")
    console().print(_table(found, title))
    return 0


def cmd_open(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    case = hall.open_case(
        args.ticket,
        window=args.window,
        kind=args.kind,
        name=args.name,
        last4=args.last4,
        clerk=args.clerk,
        phone=args.phone,
        agent=args.agent is not None,
        agent_staff=args.agent,
        matter=args.matter,
    )
    page = hall.config.phone.case_url(case.token)
    code = _print_case(case, args.json, {"page_url": page} if page else {})
    if args.print:
        return _print_receipt(hall, case, args.window)
    return code


def _print_receipt(hall: Hall, case: CaseView, window: int) -> int:
    """受理回执 on the window's printer; exit 6 when it did not come out (the case stands)."""
    settings = hall.window(window).printer
    if settings is None:
        return fail(t("cli_case_no_printer", window=window), 6)
    from servicehall.printer import make_printer

    outcome = make_printer(settings).print_receipt(hall, case)
    if not outcome.ok:
        return fail(t("cli_case_not_printed", message=outcome.message, detail=outcome.detail), 6)
    if outcome.preview:
        err_console().print(outcome.preview)
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    case = hall.case_step(
        args.number,
        args.step,
        window=args.window,
        clerk=args.clerk,
        note=args.note,
        to_window=args.to_window,
    )
    return _print_case(case, args.json)


def cmd_show(args: argparse.Namespace) -> int:
    return _print_case(open_hall(args).case(args.number), args.json)


def cmd_callbacks(args: argparse.Namespace) -> int:
    due = open_hall(args).callbacks_due(args.window)
    if args.json:
        print_json([case.as_dict() for case in due])
        return 0
    from servicehall.cli.tables import HallTable
    from servicehall.i18n_cases import state_name

    table = HallTable(title=t("cli_case_callbacks_title"))
    for key in ("number", "matter", "name", "phone", "closed", "window"):
        table.add_column(t(f"cli_case_col_{key}"), no_wrap=key != "matter")
    for case in due:
        table.add_row(
            case.number,
            case.matter_name,
            case.name,
            case.phone or t("cli_case_no_phone"),
            f"{case.closed_at:%Y-%m-%d} {state_name(case.state)}",
            str(case.window),
        )
    console().print(table if due else t("cli_case_no_callbacks"))
    return 0


def cmd_callback(args: argparse.Namespace) -> int:
    done = open_hall(args).record_callback(
        args.number, args.result, window=args.window, clerk=args.clerk, note=args.note
    )
    if args.json:
        print_json(done.as_dict())
        return 0
    from servicehall.i18n_cases import callback_name

    said = callback_name(done.result)
    console().print(t("cli_case_called", number=done.number, result=said))
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    found = open_hall(args).find_cases(args.name, args.last4)
    if args.json:
        print_json([case.as_dict() for case in found])
        return 0
    for case in found:
        _print_case(case, False)
    if not found:
        console().print(t("cli_case_not_found"))
    return 0


def _print_case(case: CaseView, as_json: bool, extra: dict[str, str] | None = None) -> int:
    if as_json:
        print_json(case.as_dict() | (extra or {}))
        return 0
    from rich.text import Text

    from servicehall.cli.tables import HallTable
    from servicehall.i18n_cases import due_name, kind_name, state_name, step_name

    agent = t("cli_case_agent", staff=case.agent_staff) if case.agent else ""
    console().print(
        Text.assemble(
            (t("cli_case_number", number=case.number), "bold"),
            t(
                "cli_case_who",
                matter=case.matter_name,
                kind=kind_name(case.kind),
                name=case.name,
                last4=case.last4,
            ),
            t("cli_case_window", window=case.window) + agent,
        )
    )
    due = Text(due_name(case.due), style=_DUE_STYLE.get(case.due, ""))
    console().print(
        Text.assemble(
            t(
                "cli_case_dates",
                opened=f"{case.opened_at:%Y-%m-%d %H:%M}",
                promised=f"{case.promised_day:%Y-%m-%d}",
            ),
            t("cli_case_state", state=state_name(case.state)),
            due,
            t("cli_case_sms_yes" if case.has_phone else "cli_case_sms_no"),
        )
    )
    columns = ("at", "step", "window", "clerk", "note")
    steps = HallTable(*(t(f"cli_case_col_{key}") for key in columns), title=t("cli_case_steps"))
    for step in case.steps:
        note = step.note or (t("cli_case_to", window=step.to_window) if step.to_window else "")
        steps.add_row(
            f"{step.at:%Y-%m-%d %H:%M}",
            step_name(step.step),
            str(step.window or ""),
            step.clerk,
            note,
        )
    if case.steps:
        console().print(steps)
    return 0


def _table(found: list[CaseView], title: str) -> Table:
    from rich.text import Text

    from servicehall.cli.tables import HallTable
    from servicehall.i18n_cases import due_name, kind_name

    table = HallTable(title=title)
    table.add_column(t("cli_case_col_number"), no_wrap=True)
    table.add_column(t("cli_case_col_matter"))
    table.add_column(t("cli_case_col_kind"), no_wrap=True)
    table.add_column(t("cli_case_col_name"))
    table.add_column(t("cli_case_col_window"), justify="right")
    table.add_column(t("cli_case_col_promised"), no_wrap=True)
    table.add_column(t("cli_case_col_left"), justify="right")
    table.add_column("", no_wrap=True)
    for case in found:
        style = _DUE_STYLE.get(case.due, "")
        table.add_row(
            case.number,
            case.matter_name,
            kind_name(case.kind),
            case.name,
            str(case.window),
            f"{case.promised_day:%Y-%m-%d}",
            Text(str(case.workdays_left), style=style),
            Text(due_name(case.due), style=style),
        )
    return table
