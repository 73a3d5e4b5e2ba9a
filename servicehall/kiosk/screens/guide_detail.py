"""One matter's 六公开: name, legal basis, procedure, materials, promised time limit and fee.

The facts are cut into pages the screen holds (上一页 / 下一页); nothing scrolls.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from servicehall.config import Matter, Service
from servicehall.i18n import t
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.strings import windows_text
from servicehall.kiosk.widgets import NavBar
from servicehall.ui.themes import colour
from servicehall.widgets.paged import PagedText
from servicehall.widgets.plain import plain


class GuideDetailScreen(KioskScreen):
    """The published facts of a matter, and a button to take a ticket for it."""

    def __init__(self, service: Service, matter: Matter) -> None:
        super().__init__()
        self.service = service
        self.matter = matter

    def compose(self) -> ComposeResult:
        yield Static(plain(f"{self.service.name}  {self.matter.name}"), classes="title")
        yield PagedText(self.facts(), shrink=False, id="guide-detail", classes="paged")
        if self._available_today():
            with Horizontal(id="take-bar"):
                yield Button(t("take_for_matter"), id="guide-take", classes="take")
        yield NavBar()

    def facts(self) -> list[Text]:
        """The 六公开 as paragraphs: a yellow heading and the fact, each."""
        matter = self.matter
        materials = "".join(f"\n  {n}. {m}" for n, m in enumerate(matter.materials, 1))
        sections = (
            ("basis", matter.basis),
            ("procedure", matter.procedure),
            ("materials", materials),
            ("promise", matter.promise),
            ("fee", matter.fee),
        )
        paragraphs = []
        for key, value in sections:
            text = Text()
            text.append(f"{t(key)}：", style=f"bold {colour(self.app, 'kiosk-title-text')}")
            text.append(value or t("not_stated"))
            paragraphs.append(text)
        where = t("served_at", windows=windows_text(self.kiosk.config, self.service.code))
        paragraphs.append(Text(where, style=f"bold {colour(self.app, 'kiosk-link-text')}"))
        return paragraphs

    def _available_today(self) -> bool:
        status = self.kiosk.hall_status
        if status is None:
            return False
        return any(st.code == self.service.code and st.available_today for st in status.services)

    @on(Button.Pressed, "#guide-take")
    def _take(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(ConfirmScreen(self.service, self.matter))
