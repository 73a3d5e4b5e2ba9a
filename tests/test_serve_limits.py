"""`servicehall serve` as an attacker and bad luck would use it, over real HTTP and websockets:
closed tabs end their processes, SIGTERM takes the children along, a cap on tabs with a clear
page, and only pages of the server itself may drive it."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from support.browser import ROOT, ServedApp

pytestmark = pytest.mark.slow


@pytest.fixture
def hall_env(tmp_path: Path) -> dict[str, str]:
    return {
        "SERVICEHALL_DB": f"sqlite:///{tmp_path / 'hall.db'}",
        "SERVICEHALL_HOME": str(tmp_path / "home"),
        "SERVICEHALL_IGNORE_HOURS": "1",
    }


@pytest.fixture
def kiosk(hall_env: dict[str, str]) -> Iterator[ServedApp]:
    served = ServedApp("kiosk", hall_env, "--ignore-hours", "--max-tabs", "2")
    yield served
    served.stop()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pids: list[int]) -> list[int]:
    return [p for p in pids if Path(f"/proc/{p}").exists() and _state(p) != "Z"]


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def _wait(condition, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


async def _open_tab(
    session: aiohttp.ClientSession, served: ServedApp, origin: str | None = None
) -> aiohttp.ClientWebSocketResponse:
    """A tab as the page opens it: the websocket, then its first screen bytes."""
    origin = origin or served.url.rstrip("/")
    ws = await session.ws_connect(
        f"{served.url}ws?width=100&height=30", headers={"Origin": origin}, heartbeat=None
    )
    await ws.send_json(["resize", {"width": 100, "height": 30}])
    received = 0
    while received < 2000:  # the app has drawn its first screen
        message = await asyncio.wait_for(ws.receive(), 60)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        received += len(message.data)
    return ws


def test_a_closed_tab_ends_its_kiosk_process(kiosk: ServedApp) -> None:
    async def scenario() -> list[int]:
        async with aiohttp.ClientSession() as session:
            ws = await _open_tab(session, kiosk)
            apps = _children(kiosk.proc.pid)
            assert len(apps) == 1
            await ws.close()
            return apps

    apps = asyncio.run(scenario())
    assert _wait(lambda: not _alive(apps)), "the closed tab's kiosk kept running"
    assert _children(kiosk.proc.pid) == []


def test_sigterm_stops_the_server_and_its_tabs(kiosk: ServedApp) -> None:
    async def scenario() -> list[int]:
        async with aiohttp.ClientSession() as session:
            tabs = [await _open_tab(session, kiosk) for _ in range(2)]
            apps = _children(kiosk.proc.pid)
            kiosk.proc.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.5)
            for ws in tabs:
                await ws.close()
            return apps

    apps = asyncio.run(scenario())
    assert len(apps) == 2
    kiosk.proc.wait(30)
    assert _wait(lambda: not _alive(apps)), "a tab's process outlived the server"


def test_tabs_beyond_the_cap_get_a_clear_page(hall_env: dict[str, str]) -> None:
    served = ServedApp("display", hall_env, "--no-voice", "--max-tabs", "1")

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            first = await _open_tab(session, served)
            async with session.get(served.url) as page:
                assert page.status == 503
                text = await page.text()
                assert "已达到同时打开的上限" in text and "1 个浏览器标签" in text
                assert 'http-equiv="refresh"' in text
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await _open_tab(session, served)
            assert refused.value.status == 503
            await first.close()
            for _ in range(150):
                async with session.get(served.url) as page:
                    if page.status == 200:
                        assert "textual-terminal" in await page.text()
                        return
                await asyncio.sleep(0.2)
            raise AssertionError("the page stayed busy after the tab closed")

    try:
        asyncio.run(scenario())
    finally:
        served.stop()


def test_only_pages_of_the_server_may_drive_it(hall_env: dict[str, str]) -> None:
    served = ServedApp("display", hall_env, "--no-voice")
    port = served.port

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            for origin in ("http://evil.example", "null", f"http://127.0.0.1:{port + 1}"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await _open_tab(session, served, origin=origin)
                assert refused.value.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError):  # no Origin at all
                await session.ws_connect(f"{served.url}ws")
            rebound = {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"}
            with pytest.raises(aiohttp.WSServerHandshakeError):  # DNS rebinding
                await session.ws_connect(f"{served.url}ws", headers=rebound)
            async with session.get(served.url, headers={"Host": f"evil.example:{port}"}) as page:
                assert page.status == 403
            async with session.get(f"http://localhost:{port}/") as page:
                assert page.status == 200
                assert f"ws://localhost:{port}/ws" in await page.text()
            tab = await _open_tab(session, served)  # the server's own page is welcome
            await tab.close()

    try:
        asyncio.run(scenario())
    finally:
        served.stop()


@pytest.mark.parametrize("extra", [(), ("--window", "77")])
def test_serve_clerk_needs_a_real_window(tmp_path: Path, extra: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "servicehall", "serve", "clerk", "--port", "1", *extra],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SERVICEHALL_HOME": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "窗口" in result.stderr
