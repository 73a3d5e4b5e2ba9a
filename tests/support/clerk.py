"""Helpers shared by the clerk console tests: sign in, run one action, read the message line."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from servicehall.clerk.console import ClerkApp
from servicehall.clerk.desk import DeskScreen

from support.waiting import until


def message(app: ClerkApp) -> str:
    if not isinstance(app.screen, DeskScreen):
        return ""
    return str(app.screen.query_one("#message", Static).content)


async def sign_in(pilot: Pilot, clerk: str = "007", pin: str = "2468") -> None:
    pilot.app.screen.query_one("#clerk-id", Input).value = ""
    await pilot.click("#clerk-id")
    await pilot.press(*clerk, "enter", *pin, "enter")


async def at_desk(pilot: Pilot, clerk: str = "007", pin: str = "2468") -> DeskScreen:
    app = pilot.app
    await sign_in(pilot, clerk, pin)
    await until(pilot, lambda: isinstance(app.screen, DeskScreen) and app.screen.snapshot)
    return app.screen  # type: ignore[return-value]


async def act(pilot: Pilot, key: str) -> str:
    """Press a key and wait for the action's result line."""
    desk = pilot.app.screen
    assert isinstance(desk, DeskScreen)
    before = desk.completed_s
    desk.completed_s = None
    await pilot.press(key)
    await until(pilot, lambda: desk.completed_s is not None and not desk.busy)
    assert before is None or desk.completed_s is not None
    return message(pilot.app)  # type: ignore[arg-type]
