"""The phone server's live ticket feed, in this process (aiohttp's test server) on both databases:
a change that lands while the feed reads the ticket for the first time still reaches the page at
once, not at the next refresh (a loaded run of test_phone waited 30 s for 请对本次服务评价)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from servicehall.phone.app import PhoneServer
from servicehall.phone.watch import HallWatch
from servicehall.queue import Hall, TicketView

from support.phone import free_port, phone_config
from support.template import copy_template

WAIT_S = 10.0
"""Far less than the watch's refresh here (an hour): only a change can bring the new state."""


def _change_during_read(server: PhoneServer, hall: Hall) -> None:
    """The feed's first read of a ticket returns what was there, and before it returns the
    ticket is called and finished and the watch has published that."""
    assert server.hall is not None
    read = server.hall.ticket_by_token
    done = False

    def read_then_change(token: str) -> TicketView:
        nonlocal done
        view = read(token)
        if not done:
            done = True
            before = server.watch.picture.generation
            hall.call_next(2)
            hall.finish(2)
            deadline = time.monotonic() + WAIT_S
            while server.watch.picture.generation == before:
                assert time.monotonic() < deadline, "the watch published nothing"
                time.sleep(0.02)
        return view

    server.hall.ticket_by_token = read_then_change  # type: ignore[method-assign]


async def _feed_until(client: TestClient, path: str, wanted: str) -> list[str]:
    """The feed's ``state`` events up to the first that holds ``wanted``."""
    seen: list[str] = []
    async with client.get(path) as response:
        assert response.status == 200
        async with asyncio.timeout(WAIT_S):
            async for line in response.content:
                text = line.decode()
                if text.startswith("data: "):
                    seen.append(text)
                    if wanted in text:
                        return seen
    raise AssertionError(f"the feed ended without {wanted!r}: {seen}")


def test_a_change_while_the_feed_reads_the_ticket_reaches_the_page(
    tmp_path: Path, any_db_url: str
) -> None:
    _, config = phone_config(tmp_path, free_port())
    copy_template(any_db_url)
    hall = Hall.open(config, db=any_db_url, enforce_hours=False)
    ticket = hall.issue("B", matter="yibao")
    server = PhoneServer(config, any_db_url, watch=HallWatch(config, any_db_url, refresh_s=3600))

    async def follow() -> list[str]:
        async with TestClient(TestServer(server.app(), host="127.0.0.1")) as client:
            while server.watch.picture.generation == 0:  # the watch's first read
                await asyncio.sleep(0.02)
            _change_during_read(server, hall)
            feed = f"/t/{ticket.page_token}/events"
            return await _feed_until(client, feed, "请对本次服务评价")

    try:
        seen = asyncio.run(follow())
    finally:
        hall.close()
    assert "等候中" in seen[0]  # what the first read found, then the change
    assert len(seen) == 2
