"""The phone page (``servicehall serve phone``) as a villager's phone sees it: headless Chromium
at 360×740, on SQLite and PostgreSQL.

The ticket's printed QR code decodes (zxing-cpp, from the printed picture) to the page's URL;
a call made by another process shows 已叫号 live; a bad token gets a Chinese 404 page; the
rating is taken once; every page stays under 30 KB with nothing fetched from elsewhere; the
per-client rate limit and the Host check answer.

Which server: test_scan_the_ticket_then_see_the_call_live runs the real ``servicehall serve
phone`` process (``served_process``, ``support.phone.PhoneProcess``): the command as a hall
starts it, its config and database from the command line, a call made by the clerk's command
in another process followed live. The others are about the application's pages, limits and
watch, not the process: they run the same aiohttp application in a thread of the test process
(``served`` and ``support.phone.InProcessPhone``), which spares each the ~0.9 s of CPU a new
Python process spends importing aiohttp, SQLAlchemy and servicehall; the server still only
sees the hall through the database (the writes here and in the clerk's commands are other
connections), as it would in its own process. The doctor's check needs a server that listens
on the port, which either is."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from servicehall.config import HallConfig
from servicehall.printer.imagemode import render_image
from servicehall.printer.layout import ticket_layout
from servicehall.queue import Hall, TicketView

from support.cli import CliRun
from support.phone import InProcessPhone, ServedPhone, free_port, phone_config
from support.waiting import DEADLINE_S

# one test process runs this module's tests in a row (xdist_group, ``--dist loadgroup`` in
# pyproject.toml), so the module's one Chromium is launched once, not once per test
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("phone")]

PAGE_LIMIT = 30 * 1024


def _qr_text(config: HallConfig, hall: Hall, ticket: TicketView) -> str:
    """What a phone's camera reads from the printed ticket (the printer's picture of it)."""
    import zxingcpp

    layout = ticket_layout(ticket, config, hall.leader(), paper_width_mm=58)
    picture = render_image(layout, 384).convert("L")
    codes = zxingcpp.read_barcodes(picture)
    assert len(codes) == 1, "the ticket carries one QR code"
    return str(codes[0].text)


def _cli(cli: CliRun, config_path: Path, db: str, *args: str) -> None:
    """A clerk's command, in this process (support.cli): for the server, another process."""
    done = cli(
        "--config", str(config_path), "--db", db, *args, env={"SERVICEHALL_IGNORE_HOURS": "1"}
    )
    assert done.returncode == 0, done.stderr


def test_scan_the_ticket_then_see_the_call_live(
    served_process: tuple[ServedPhone, Hall, Path], phone: Any, any_db_url: str, cli: CliRun
) -> None:
    server, hall, config_path = served_process
    first = hall.issue("A", matter="dibao")
    mine = hall.issue("A", matter="dibao")
    url = _qr_text(hall.config, hall, mine)
    assert url.startswith(f"{server.url}/t/") and mine.page_token in url
    assert str(mine.id) not in url.rsplit("/", 1)[1] or len(mine.page_token or "") == 20

    sizes: list[int] = []
    elsewhere: list[str] = []
    phone.on(
        "response", lambda r: sizes.append(len(r.body())) if r.url.startswith(server.url) else None
    )
    phone.on("request", lambda r: None if r.url.startswith(server.url) else elsewhere.append(r.url))
    response = phone.goto(url)
    assert response.status == 200
    text = phone.inner_text("body")
    assert "A002" in text and "等候中" in text and "前面还有 1 人" in text
    assert "预计等候" in text and "请备齐以下材料" in text
    assert max(sizes) <= PAGE_LIMIT and not elsewhere

    # a clerk at window 1 calls from another process: the open page follows by itself
    _cli(cli, config_path, any_db_url, "call", "next", "--window", "1")  # A001
    phone.get_by_text("下一个就是您").wait_for()
    _cli(cli, config_path, any_db_url, "call", "next", "--window", "1")  # A002: mine
    phone.get_by_text("已叫号，请到 1 号窗口").wait_for()
    assert phone.url == url  # no reload: the live feed brought it
    assert hall.ticket(first.id).status == "finished"


def test_a_bad_token_gets_a_chinese_404(served: tuple[ServedPhone, Hall, Path], phone: Any) -> None:
    server, hall, _ = served
    hall.issue("A", matter="dibao")
    for path in ("/t/0123456789abcdef0123", "/t/A001", "/t/1", "/nothing/here"):
        response = phone.goto(server.url + path)
        assert response.status == 404, path
        assert "找不到这张号票" in phone.inner_text("body")


def test_the_rating_is_taken_once(served: tuple[ServedPhone, Hall, Path], phone: Any) -> None:
    server, hall, _ = served
    ticket = hall.issue("B", matter="yibao")
    url = f"{server.url}/t/{ticket.page_token}"
    phone.goto(url)
    assert "等候中" in phone.inner_text("body")
    hall.call_next(2)
    hall.finish(2)
    phone.get_by_text("请对本次服务评价").wait_for()
    phone.get_by_role("button", name="满意", exact=True).tap()
    phone.get_by_text("感谢您的评价：满意").wait_for()
    assert hall.ticket(ticket.id).rating == "satisfied"
    assert phone.get_by_role("button").count() == 0  # asked once

    again = phone.request.post(url + "/rate", form={"rating": "unsatisfied"})
    assert again.status == 409 and "已经评价过了" in again.text()
    assert hall.ticket(ticket.id).rating == "satisfied"
    assert [e.detail for e in hall.events(ticket=ticket.id) if e.kind == "rate"] == [
        {"rating": "satisfied"}
    ]


def test_the_board_and_its_size(served: tuple[ServedPhone, Hall, Path], phone: Any) -> None:
    server, hall, _ = served
    for code in "ABCDEFGHIJ":
        if hall.config.service(code) is not None and any(
            s.code == code for s in hall.services_today()
        ):
            hall.issue(code)
    hall.call_next(1)
    response = phone.goto(server.url + "/")
    body = response.body()
    assert response.status == 200 and len(body) <= PAGE_LIMIT
    # the server reads the hall when it changes: the page may come before the call, then its
    # live feed brings it
    # (a locator, not wait_for_function: the page's CSP forbids the eval that needs when it polls)
    phone.locator("body", has_text="A001").wait_for()
    text = phone.inner_text("body")
    assert "正在叫号" in text and "A001" in text and "各业务等候" in text
    leader = hall.leader()
    assert leader is None or leader.name in text


def test_rate_limit_and_host_check(tmp_path: Path, any_db_url: str) -> None:
    port = free_port()
    path, config = phone_config(tmp_path, port, requests_per_minute=10)
    hall = Hall.open(config, db=any_db_url, enforce_hours=False)
    ticket = hall.issue("A", matter="dibao")
    server = InProcessPhone(path, any_db_url, port)
    try:
        assert server.get("/", Host="evil.example")[0] == 403  # DNS rebinding: not this name
        answers = [server.get(f"/t/{ticket.page_token}") for _ in range(30)]
        assert answers[0][0] == 200
        refused = [body for status, body in answers if status == 429]
        assert refused and "刷新太频繁了" in refused[0]
    finally:
        server.stop()
        hall.close()


def _follow(server: ServedPhone, token: str) -> Any:
    """An open live feed of a ticket's page, its first event read."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=DEADLINE_S)
    conn.request("GET", f"/t/{token}/events")
    response = conn.getresponse()
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    _next_state(response)
    return response


def _next_state(response: Any, deadline: float | None = None) -> str:
    """The next ``state`` event's data (comments and other lines skipped); fails once the
    ``time.monotonic()`` deadline has passed (the feed's keep-alives alone never end it)."""
    while True:
        line = response.readline().decode()
        assert line, "the feed ended"
        assert deadline is None or time.monotonic() < deadline, "no new state in time"
        if line.startswith("data: <"):
            return line


def test_two_hundred_phones_are_one_follower_on_postgresql(tmp_path: Path, pg_db_url: str) -> None:
    """Under its own least-privilege role; every open page hears the call; the server holds a
    handful of database connections however many phones follow (one watch, not one each)."""
    from sqlalchemy import create_engine, text

    from support.postgres import role_url

    port = free_port()
    path, config = phone_config(tmp_path, port, requests_per_minute=1000)
    owner = Hall.open(config, db=pg_db_url, enforce_hours=False)
    tickets = [owner.issue("A", matter="dibao") for _ in range(5)]
    with role_url(pg_db_url, "phone", config.hall.code) as phone_url:
        server = InProcessPhone(path, phone_url, port)
        feeds = []
        try:
            feeds = [_follow(server, tickets[i % 5].page_token or "") for i in range(200)]
            user = create_engine(phone_url).url.username
            admin = create_engine(pg_db_url)
            with admin.connect() as conn:
                held = conn.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE usename = :u"), {"u": user}
                ).scalar_one()
            admin.dispose()
            assert 1 <= held <= 8, f"{held} connections for 200 phones"
            owner.call_next(1)
            deadline = time.monotonic() + DEADLINE_S
            for feed in feeds[::5]:  # each holder of A001 hears it (after any earlier update)
                while "已叫号，请到 1 号窗口" not in _next_state(feed, deadline):
                    pass
        finally:
            for feed in feeds:
                feed.close()
            server.stop()
            owner.close()


def test_doctor_checks_the_address_and_the_server(
    tmp_path: Path, db_url: str, cli: Any, config: HallConfig
) -> None:
    from servicehall.phone.health import check_base_url, check_server

    unset = check_base_url(config)
    assert unset.state == "fail" and "base_url" in unset.fix
    port = free_port()
    path, served_config = phone_config(tmp_path, port)
    assert check_server(served_config).state == "fail"  # nothing listens yet
    Hall.open(served_config, db=db_url).close()
    server = InProcessPhone(path, db_url, port)
    try:
        assert check_server(served_config).state == "ok"
        loopback = check_base_url(served_config)
        assert loopback.state == "fail" and "回环" in loopback.detail  # phones cannot reach it
        result = cli("--config", str(path), "--db", db_url, "doctor", "--role", "phone", "--json")
        assert result.returncode == 1  # a check failed
        checks = {c["name"]: c["state"] for c in json.loads(result.stdout)["checks"]}
        assert checks["手机页面服务"] == "ok" and checks["手机页面地址"] == "fail"
    finally:
        server.stop()


def test_take_json_gives_the_page_url_and_nothing_else_shows_the_token(
    tmp_path: Path, cli: Any, db_url: str
) -> None:
    from servicehall.config import sample_text

    path, config = phone_config(tmp_path, 8080)
    env = {"SERVICEHALL_IGNORE_HOURS": "1"}
    taken = cli("--config", str(path), "--db", db_url, "take", "A", "--json", env=env).json()
    token = taken["page_url"].rsplit("/t/", 1)[1]
    assert taken["page_url"] == f"http://127.0.0.1:8080/t/{token}" and len(token) == 20
    for args in (("status", "--json"), ("events", "--json")):
        shown = cli("--config", str(path), "--db", db_url, *args).stdout
        assert token not in shown, args
    plain = tmp_path / "plain.toml"
    plain.write_text(sample_text(), encoding="utf-8")  # no base_url
    without = cli("--config", str(plain), "--db", db_url, "take", "A", "--json", env=env).json()
    assert "page_url" not in without


def test_base_url_is_checked(tmp_path: Path) -> None:
    from servicehall.config import ConfigError, parse_config, sample_text

    text = sample_text()
    good = parse_config(text.replace('base_url = ""', 'base_url = "http://192.168.1.10:8080/"'))
    assert good.phone.page_url("ab" * 10) == "http://192.168.1.10:8080/t/" + "ab" * 10
    for bad in ("192.168.1.10:8080", "http://大厅/", "javascript:alert(1)", "http://a b"):
        with pytest.raises(ConfigError, match="base_url"):
            parse_config(text.replace('base_url = ""', f'base_url = "{bad}"'))


def test_a_replaced_database_file_is_followed(tmp_path: Path) -> None:
    """The phone server follows the hall with the screens' follower: a restored (replaced)
    SQLite file is read afresh — its tickets on the board, not the old file's."""
    from support.waiting import wait_for

    port = free_port()
    path, config = phone_config(tmp_path, port)
    db = tmp_path / "hall.db"
    url = f"sqlite:///{db}"
    hall = Hall.open(config, db=url, enforce_hours=False)
    hall.issue("A")
    hall.call_next(1)  # A001 at window 1
    hall.close()
    backup = tmp_path / "other.db"
    other = Hall.open(config, db=f"sqlite:///{backup}", enforce_hours=False)
    for _ in range(3):
        other.issue("B")
    other.call_next(2)  # B001 at window 2
    other.close()
    server = InProcessPhone(path, url, port)
    try:
        wait_for(lambda: "A001" in server.get("/")[1], what="the first file's call")
        for suffix in ("-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        backup.replace(db)  # a restore puts another file in its place
        wait_for(lambda: "B001" in server.get("/")[1], what="the restored file's call")
        assert "A001" not in server.get("/")[1]
    finally:
        server.stop()
