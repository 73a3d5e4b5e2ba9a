"""A case's own page on the villager's phone (``/c/<token>``, 办件): headless Chromium at 360×740
against the phone server, on SQLite and PostgreSQL.

The receipt's QR code decodes to the page; the page shows the case number, the matter, the
promised date and the steps, the name masked and never the number or last four digits; a step
recorded by the clerk's command shows on reload; a bad token gets the Chinese 404; the page
stays under 30 KB with nothing fetched from elsewhere; ``cases open --json`` carries the address.

Every test here runs the phone server's aiohttp application in a thread of the test process
(``served`` and ``support.phone.InProcessPhone``), not the ``servicehall serve phone`` process:
they are about the case page and its limits, which are the application's, and a process each
cost ~0.9 s of CPU in imports. The process itself (its command line, a change by another
process followed) is tested by test_phone.py::test_scan_the_ticket_then_see_the_call_live."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from servicehall.printer.imagemode import render_image
from servicehall.printer.receipt import receipt_layout
from servicehall.queue import Hall
from servicehall.queue.caseviews import CaseView

from support.cli import CliRun
from support.phone import InProcessPhone, ServedPhone, free_port, phone_config

# one test process runs this module's tests in a row (xdist_group, ``--dist loadgroup`` in
# pyproject.toml), so the module's one Chromium is launched once, not once per test
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("phone-cases")]

PAGE_LIMIT = 30 * 1024


def _cli(cli: CliRun, config_path: Path, db: str, *args: str) -> str:
    """A clerk's command, in this process (support.cli), on a connection of its own."""
    done = cli(
        "--config", str(config_path), "--db", db, *args, env={"SERVICEHALL_IGNORE_HOURS": "1"}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _accept(hall: Hall) -> CaseView:
    ticket = hall.issue("A", matter="dibao")
    hall.sign_in(1, "mz01")
    hall.call_ticket(ticket.label, 1)
    return hall.open_case(ticket.label, window=1, kind="承诺件", name="王秀兰", last4="1234")


def _receipt_qr(hall: Hall, case: CaseView) -> str:
    import zxingcpp

    layout = receipt_layout(
        case, hall.config, paper_width_mm=58, page_url=hall.config.phone.case_url(case.token)
    )
    codes = zxingcpp.read_barcodes(render_image(layout, 384).convert("L"))
    assert len(codes) == 1, "the receipt carries one QR code"
    return str(codes[0].text)


def test_scan_the_receipt_and_follow_the_case(
    served: tuple[ServedPhone, Hall, Path], phone: Any, any_db_url: str, cli: CliRun
) -> None:
    server, hall, config_path = served
    case = _accept(hall)
    url = _receipt_qr(hall, case)
    assert url == f"{server.url}/c/{case.token}"

    sizes: list[int] = []
    elsewhere: list[str] = []
    phone.on(
        "response", lambda r: sizes.append(len(r.body())) if r.url.startswith(server.url) else None
    )
    phone.on("request", lambda r: None if r.url.startswith(server.url) else elsewhere.append(r.url))
    assert phone.goto(url).status == 200
    text = phone.inner_text("body")
    assert case.number in text and case.matter_name in text and "王*兰" in text
    assert f"承诺 {case.promised_day:%Y-%m-%d} 前办结" in text
    assert "办理中" in text and "受理" in text
    assert "1234" not in text and "王秀兰" not in text
    assert "mz01" not in text  # who recorded a step is the hall's business
    assert max(sizes) <= PAGE_LIMIT and not elsewhere

    # a clerk records 补正 then 办结 from another process: a reload shows them
    _cli(cli, config_path, any_db_url, "cases", "step", case.number, "补正", "--window", "1",
         "--note", "户口簿复印件")  # fmt: skip
    phone.reload()
    assert "需补正：户口簿复印件" in phone.inner_text("body")
    _cli(cli, config_path, any_db_url, "cases", "step", case.number, "办结", "--window", "1")
    phone.reload()
    text = phone.inner_text("body")
    assert "已办结，请带身份证到 1 号窗口领取" in text
    assert text.index("受理") < text.index("补正") < text.rindex("办结")


def test_a_bad_case_token_gets_a_chinese_404(
    served: tuple[ServedPhone, Hall, Path], phone: Any
) -> None:
    server, hall, _ = served
    case = _accept(hall)
    for path in (f"/c/{case.token[:-1]}x", f"/c/{case.number}", "/c/1", f"/c/{case.token}/x"):
        response = phone.goto(server.url + path)
        assert response.status == 404, path
        assert "找不到" in phone.inner_text("body")
    status, _ = server.get(f"/t/{case.token}")  # a case's token is no ticket's
    assert status == 404


def test_cases_open_json_carries_the_page(
    served: tuple[ServedPhone, Hall, Path], any_db_url: str, cli: CliRun
) -> None:
    server, hall, config_path = served
    ticket = hall.issue("A", matter="dibao")
    hall.sign_in(1, "mz01")
    hall.call_ticket(ticket.label, 1)
    out = _cli(cli, config_path, any_db_url, "cases", "open", "--ticket", ticket.label,
               "--window", "1", "--kind", "承诺件", "--name", "李四", "--last4", "5678",
               "--json")  # fmt: skip
    opened = json.loads(out)
    case = hall.case(opened["number"])
    assert opened["page_url"] == f"{server.url}/c/{case.token}"
    assert server.get(f"/c/{case.token}")[0] == 200


def test_the_case_page_is_rate_limited(tmp_path: Path, any_db_url: str) -> None:
    port = free_port()
    path, config = phone_config(tmp_path, port, requests_per_minute=10)
    hall = Hall.open(config, db=any_db_url, enforce_hours=False)
    case = _accept(hall)
    server = InProcessPhone(path, any_db_url, port)
    try:
        answers = [server.get(f"/c/{case.token}") for _ in range(30)]
        assert answers[0][0] == 200
        refused = [body for status, body in answers if status == 429]
        assert refused and "刷新太频繁了" in refused[0]
        assert server.get(f"/c/{case.token}", Host="evil.example")[0] in (403, 429)
    finally:
        server.stop()
        hall.close()
