"""Serve the kiosk, the display, a clerk console or the manager to a browser with textual-serve.

Each browser tab gets its own app process; the state lives in the database, so a tab can be
closed or reloaded at any time. The page is the project's own template: no web font or script from
the internet, a local CJK monospace font, a large default font size, and an automatic reconnect.

What textual-serve leaves open, closed here:
- A closed tab ends its process: asked to quit, then terminated after ``QUIT_GRACE_S``, killed
  after ``KILL_GRACE_S`` (the kiosk refuses to quit on request, by design).
- SIGTERM (systemd) or SIGINT ends every tab's process, then the server.
- At most ``max_tabs`` tabs per server; one more gets a page that says so (and retries).
- Only pages of this server may drive it: the ``Host`` must be one it serves (loopback names, an
  IP address, or a name given with ``--allow-host``: no DNS rebinding) and the websocket's
  ``Origin`` must be that same host, so a web page open in the hall PC's browser cannot.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import shlex
import signal
import sys
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from servicehall.grids import DESIGNED
from servicehall.i18n import t
from servicehall.serve.hosts import trusted_host
from servicehall.serve.lifeline import mark_children

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).with_name("templates")
DEFAULT_FONT_SIZE = {"display": 28, "kiosk": 20, "clerk": 20, "manager": 18}
DEFAULT_MAX_TABS = {"display": 3, "kiosk": 2, "clerk": 2, "manager": 2}
QUIT_GRACE_S = 2.0
KILL_GRACE_S = 3.0


class TabProcess(AppService):
    """One tab's app process, which always ends when the tab does."""

    async def end(self) -> None:
        """Ask the app to quit; terminate it if it has not within the grace; kill if need be."""
        process = self._process
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.send_meta({"type": "quit"})
        for stop, grace in ((None, QUIT_GRACE_S), (process.terminate, KILL_GRACE_S)):
            if stop is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    stop()
            try:
                await asyncio.wait_for(process.wait(), grace)
                break
            except TimeoutError:
                continue
        else:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
        if self._task is not None:
            await self._task
            self._task = None


class HallServer(Server):
    """textual-serve with the project's page, its limits and its checks, and the grid the page
    fits its font to (``grids.DESIGNED``; none for roles without one, e.g. the manager)."""

    def __init__(
        self,
        command: str,
        *,
        role: str,
        font_size: int,
        grid: tuple[int, int] | None,
        max_tabs: int,
        allowed_hosts: tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(command, templates_path=TEMPLATES, **kwargs)
        self.role = role
        self.font_size = font_size
        self.grid = f"{grid[0]}x{grid[1]}" if grid else ""
        self.max_tabs = max_tabs
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.tabs: set[TabProcess] = set()

    # ------------------------------------------------------------------ who may connect

    def trusted_host(self, host: str) -> bool:
        """A ``Host`` header this server answers: never a name an outsider's DNS controls."""
        return trusted_host(host, self.allowed_hosts)

    def origin_allowed(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin", "")
        return self.trusted_host(request.host) and origin in (
            f"http://{request.host}",
            f"https://{request.host}",
        )

    # ------------------------------------------------------------------ pages

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self.trusted_host(request.host):
            return _page(403, t("serve_bad_host"), t("serve_bad_host_hint"))
        if len(self.tabs) >= self.max_tabs:
            return _busy(self.max_tabs)
        return await self._index(request)

    @aiohttp_jinja2.template("app_index.html")
    async def _index(self, request: web.Request) -> dict[str, Any]:
        context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        if "fontsize" not in request.query:
            context["font_size"] = self.font_size
        scheme = "wss" if request.secure else "ws"
        # the address the page was opened with, not the one the server bound (0.0.0.0 …)
        context["app_websocket_url"] = f"{scheme}://{request.host}/ws"
        context["grid"] = self.grid
        context["ping_url"] = ""
        return context

    # a refused socket is answered with a page, so not always the WebSocketResponse of the base
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        if not self.origin_allowed(request):
            log.warning(
                "refused a websocket from Origin %r (Host %r)",
                request.headers.get("Origin"),
                request.host,
            )
            return _page(403, t("serve_refused"), t("serve_refused_hint"))
        if len(self.tabs) >= self.max_tabs:
            return _busy(self.max_tabs)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        tab = TabProcess(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=partial(_close, websocket),
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.tabs.add(tab)
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await tab.start(width, height)
            await self._relay(websocket, tab)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            await tab.end()
            self.tabs.discard(tab)
            await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, tab: TabProcess) -> None:
        """Browser to app: keys, resizes, focus; anything malformed is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
                if kind == "stdin" and isinstance(data, str):
                    await tab.send_bytes(data.encode("utf-8"))
                elif kind == "resize" and isinstance(data, dict):
                    await tab.set_terminal_size(int(data["width"]), int(data["height"]))
                elif kind == "ping":
                    await websocket.send_json(["pong", data])
                elif kind == "blur":
                    await tab.blur()
                elif kind == "focus":
                    await tab.focus()
            except (ValueError, TypeError, KeyError, IndexError):
                log.info("ignored a malformed websocket message")

    # ------------------------------------------------------------------ lifetime

    async def on_startup(self, app: web.Application) -> None:
        self.console.print(f"servicehall serve {self.role}: {self.public_url}", highlight=False)

    async def on_shutdown(self, app: web.Application) -> None:
        """Every tab's process ends before the server does."""
        await asyncio.gather(*(tab.end() for tab in list(self.tabs)), return_exceptions=True)

    def serve(self, debug: bool = False) -> None:
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, _exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            shutdown_timeout=QUIT_GRACE_S + KILL_GRACE_S + 1,
            print=lambda *args: None,
        )


def _exit() -> None:
    raise GracefulExit()


async def _close(websocket: web.WebSocketResponse) -> None:
    """A tab's process ended: close its socket (the process's close callback returns nothing)."""
    await websocket.close()


def _page(status: int, title: str, text: str, refresh_s: int = 0) -> web.Response:
    refresh = f'<meta http-equiv="refresh" content="{refresh_s}">' if refresh_s else ""
    lang = t("serve_html_lang")
    body = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{refresh}'
        f"<title>{html.escape(title)}</title><style>body{{background:#000;color:#fff;"
        'font:40px "WenQuanYi Micro Hei",sans-serif;display:flex;flex-direction:column;'
        "align-items:center;justify-content:center;height:90vh;text-align:center}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>"
    )
    return web.Response(status=status, text=body, content_type="text/html")


def _busy(max_tabs: int) -> web.Response:
    return _page(
        503,
        t("serve_busy"),
        t("serve_busy_hint", tabs=max_tabs),
        refresh_s=10,
    )


def app_command(role: str, global_args: list[str], role_args: list[str]) -> str:
    """The shell command each browser tab runs: this Python, this config and database.

    ``exec`` makes the app the server's own child (not a shell's), so it can end with the server.
    """
    argv = [sys.executable, "-m", "servicehall", *global_args, role, *role_args]
    return "exec " + shlex.join(argv)


def serve(
    role: str,
    command: str,
    *,
    host: str,
    port: int,
    font_size: int | None,
    max_tabs: int | None = None,
    allowed_hosts: tuple[str, ...] = (),
) -> None:
    mark_children()
    server = HallServer(
        command,
        role=role,
        host=host,
        port=port,
        title=t(f"serve_title_{role}"),
        font_size=font_size or DEFAULT_FONT_SIZE.get(role, 20),
        max_tabs=max_tabs or DEFAULT_MAX_TABS.get(role, 2),
        allowed_hosts=(*allowed_hosts, *([] if host in ("0.0.0.0", "::") else [host])),
        grid=None if font_size else DESIGNED.get(role),
    )
    server.serve()
