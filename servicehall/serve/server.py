"""Serve the kiosk, the display or a clerk console to a browser with textual-serve.

Each browser tab gets its own app process; the state lives in the database, so a tab can be
closed or reloaded at any time. The page is the project's own template: no web font or script from
the internet, a local CJK monospace font, a large default font size, and an automatic reconnect.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from servicehall.grids import DESIGNED
from servicehall.serve.lifeline import mark_children

TEMPLATES = Path(__file__).with_name("templates")
TITLES = {"display": "大厅叫号屏", "kiosk": "自助取号", "clerk": "窗口叫号", "manager": "统计报表"}
DEFAULT_FONT_SIZE = {"display": 28, "kiosk": 20, "clerk": 20, "manager": 18}


class HallServer(Server):
    """textual-serve with the project's page, a per-role default font size, and the grid the
    page fits its font to (``grids.DESIGNED``; none for roles without one, e.g. the manager)."""

    def __init__(
        self, command: str, *, font_size: int, grid: tuple[int, int] | None, **kwargs: Any
    ) -> None:
        super().__init__(command, templates_path=TEMPLATES, **kwargs)
        self.font_size = font_size
        self.grid = f"{grid[0]}x{grid[1]}" if grid else ""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        if "fontsize" not in request.query:
            context["font_size"] = self.font_size
        context["grid"] = self.grid
        context["ping_url"] = ""
        return context


def app_command(role: str, global_args: list[str], role_args: list[str]) -> str:
    """The shell command each browser tab runs: this Python, this config and database.

    ``exec`` makes the app the server's own child (not a shell's), so it can end with the server.
    """
    argv = [sys.executable, "-m", "servicehall", *global_args, role, *role_args]
    return "exec " + shlex.join(argv)


def serve(role: str, command: str, *, host: str, port: int, font_size: int | None) -> None:
    mark_children()
    server = HallServer(
        command,
        host=host,
        port=port,
        title=TITLES.get(role, role),
        font_size=font_size or DEFAULT_FONT_SIZE.get(role, 20),
        grid=None if font_size else DESIGNED.get(role),
    )
    server.serve()
