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

if TYPE_CHECKING:
    from rich.table import Table

    from servicehall.queue import Hall
    from servicehall.queue.caseviews import CaseView

NAMES = ("cases",)
"""The commands this module registers."""

_DUE_STYLE = {"overdue": "bold red", "soon": "yellow"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("cases", help="办件：受理、补正、办结、领取；在办和超期的办件")
    p.add_argument("--window", type=WINDOW, help="只列这个窗口的办件")
    p.add_argument("--overdue", action="store_true", help="只列已超期的办件")
    add_json(p)
    p.set_defaults(func=cmd_list)
    cases = p.add_subparsers(dest="cases_command", metavar="SUBCOMMAND")

    opening = cases.add_parser("open", help="受理：把窗口叫到的号登记为办件")
    opening.add_argument("--ticket", required=True, help="今天的号票，如 A001")
    opening.add_argument("--window", type=WINDOW, required=True, help="受理窗口")
    opening.add_argument("--kind", required=True, help="即办件 / 承诺件 / 联办件 / 上报件")
    opening.add_argument("--name", required=True, help="群众姓名")
    opening.add_argument("--last4", required=True, help="身份证或手机号后四位（不录入完整证件号）")
    opening.add_argument("--phone", help="手机号：补正、办结时发短信（领取后删除）")
    opening.add_argument("--agent", metavar="STAFF", help="全程代办：负责的工作人员")
    opening.add_argument("--matter", help="事项编码（默认号票上的事项）")
    opening.add_argument("--clerk", help="工号（默认该窗口签到的工作人员）")
    opening.add_argument("--print", action="store_true", help="在本窗口的回执打印机上打印受理回执")
    add_json(opening)
    opening.set_defaults(func=cmd_open)

    step = cases.add_parser("step", help="记录办理步骤：转县级部门 联办 补正 办结 已领取 已送达")
    step.add_argument("number", metavar="NUMBER", help="办件号，如 2026-1202-003")
    step.add_argument(
        "step", metavar="STEP", help="转县级部门 / 联办 / 补正 / 办结 / 已领取 / 已送达"
    )
    step.add_argument("--window", type=WINDOW, required=True, help="办理窗口")
    step.add_argument("--note", default="", help="补正缺什么材料、转到哪个部门")
    step.add_argument("--to", type=WINDOW, dest="to_window", help="联办：接办的窗口")
    step.add_argument("--clerk", help="工号（默认该窗口签到的工作人员）")
    add_json(step)
    step.set_defaults(func=cmd_step)

    show = cases.add_parser("show", help="一件办件的全部步骤")
    show.add_argument("number", metavar="NUMBER", help="办件号")
    add_json(show)
    show.set_defaults(func=cmd_show)

    due = cases.add_parser("callbacks", help="回访：已领取或送达、还没回访的办件")
    due.add_argument("--window", type=WINDOW, help="只列这个窗口的办件")
    add_json(due)
    due.set_defaults(func=cmd_callbacks)

    called = cases.add_parser("callback", help="记录回访结果（每件一次；记录后删除手机号）")
    called.add_argument("number", metavar="NUMBER", help="办件号")
    called.add_argument("--result", required=True, help="满意 / 基本满意 / 不满意 / 未接通")
    called.add_argument("--window", type=WINDOW, required=True, help="回访人签到的窗口")
    called.add_argument("--note", default="", help="简短说明")
    called.add_argument("--clerk", help="工号（默认该窗口签到的工作人员）")
    add_json(called)
    called.set_defaults(func=cmd_callback)

    find = cases.add_parser("find", help="按姓名和后四位查找（完全一致才算）")
    find.add_argument("--name", required=True, help="姓名")
    find.add_argument("--last4", required=True, help="身份证或手机号后四位")
    add_json(find)
    find.set_defaults(func=cmd_find)


def cmd_list(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    found = hall.overdue_cases(args.window) if args.overdue else hall.open_cases(args.window)
    if args.json:
        print_json([case.as_dict() for case in found])
        return 0
    title = "已超期的办件" if args.overdue else "在办的办件"
    console().print(_table(found, title))
    if not found:
        console().print("没有" + title)
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
        return fail(f"{window} 号窗口没有设置回执打印机（[[windows]] printer）；办件已受理", 6)
    from servicehall.printer import make_printer

    outcome = make_printer(settings).print_receipt(hall, case)
    if not outcome.ok:
        return fail(f"{outcome.message}（{outcome.detail}）；办件已受理", 6)
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
    from rich.table import Table

    from servicehall.i18n_cases import state_name

    table = Table(title="待回访的办件")
    for heading in ("办件号", "事项", "姓名", "电话", "办完", "窗口"):
        table.add_column(heading, no_wrap=heading != "事项")
    for case in due:
        table.add_row(
            case.number,
            case.matter_name,
            case.name,
            case.phone or "（未留或已删除）",
            f"{case.closed_at:%Y-%m-%d} {state_name(case.state)}",
            str(case.window),
        )
    console().print(table if due else "没有待回访的办件")
    return 0


def cmd_callback(args: argparse.Namespace) -> int:
    done = open_hall(args).record_callback(
        args.number, args.result, window=args.window, clerk=args.clerk, note=args.note
    )
    if args.json:
        print_json(done.as_dict())
        return 0
    from servicehall.i18n_cases import callback_name

    said = callback_name(done.result, "zh")
    console().print(f"办件 {done.number} 已回访：{said}（手机号已删除）")
    return 0


def cmd_find(args: argparse.Namespace) -> int:
    found = open_hall(args).find_cases(args.name, args.last4)
    if args.json:
        print_json([case.as_dict() for case in found])
        return 0
    for case in found:
        _print_case(case, False)
    if not found:
        console().print("没有找到（姓名和后四位要完全一致）")
    return 0


def _print_case(case: CaseView, as_json: bool, extra: dict[str, str] | None = None) -> int:
    if as_json:
        print_json(case.as_dict() | (extra or {}))
        return 0
    from rich.table import Table
    from rich.text import Text

    from servicehall.i18n_cases import due_name, kind_name, state_name, step_name

    agent = f"，全程代办：{case.agent_staff}" if case.agent else ""
    console().print(
        Text.assemble(
            (f"办件 {case.number}", "bold"),
            f"  {case.matter_name}（{kind_name(case.kind)}）  {case.name}（后四位 {case.last4}）",
            f"  {case.window} 号窗口{agent}",
        )
    )
    due = Text(due_name(case.due), style=_DUE_STYLE.get(case.due, ""))
    console().print(
        Text.assemble(
            f"受理 {case.opened_at:%Y-%m-%d %H:%M}  承诺办结 {case.promised_day:%Y-%m-%d}  ",
            f"状态 {state_name(case.state)}  ",
            due,
            f"  短信 {'有' if case.has_phone else '无'}",
        )
    )
    steps = Table("时间", "步骤", "窗口", "工作人员", "说明", title="办理步骤")
    for step in case.steps:
        note = step.note or (f"转 {step.to_window} 号窗口" if step.to_window else "")
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
    from rich.table import Table
    from rich.text import Text

    from servicehall.i18n_cases import due_name, kind_name

    table = Table(title=title)
    table.add_column("办件号", no_wrap=True)
    table.add_column("事项")
    table.add_column("类型", no_wrap=True)
    table.add_column("姓名")
    table.add_column("窗口", justify="right")
    table.add_column("承诺办结", no_wrap=True)
    table.add_column("剩余", justify="right")
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
