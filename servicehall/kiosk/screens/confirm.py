"""The confirm screen: what to bring (一次性告知), where it is served, and the "取号" buttons.

The two 取号 buttons always stay on the screen, with the wait an ordinary ticket taken now can
expect just above them (kept up to date as the hall moves); a long list of papers loses its blank
lines first and then goes on pages (上一页 / 下一页).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from servicehall.config import Matter, Service
from servicehall.i18n import t
from servicehall.kiosk.messages import IssueRetrying
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.strings import windows_text
from servicehall.kiosk.waits import wait_words
from servicehall.kiosk.widgets import NavBar
from servicehall.queue import WaitEstimate
from servicehall.ui.themes import colour
from servicehall.widgets.paged import PagedText
from servicehall.widgets.plain import plain


class ConfirmScreen(KioskScreen):
    """Materials and windows for one matter; one tap on "取号" issues exactly one ticket."""

    def __init__(self, service: Service, matter: Matter | None) -> None:
        super().__init__()
        self.service = service
        self.matter = matter
        self.taken = False

    def compose(self) -> ComposeResult:
        heading = self.service.name
        if self.matter is not None and self.matter.name != self.service.name:
            heading += f"  {self.matter.name}"
        yield Static(plain(heading), classes="title")
        yield PagedText(self._paragraphs(), id="materials", classes="paged")
        yield Static("", id="confirm-wait")
        yield Static("", id="progress")
        with Horizontal(id="take-bar"):
            yield Button(t("take"), id="take", classes="take")
            yield Button(t("take_priority"), id="take-priority", classes="take priority")
        yield NavBar()

    def _paragraphs(self) -> list[Text]:
        materials = self.matter.materials if self.matter else []
        yellow = f"bold {colour(self.app, 'kiosk-title-text')}"
        paragraphs = [Text(t("bring_materials" if materials else "no_materials"), style=yellow)]
        paragraphs += [Text(f"{number}. {item}") for number, item in enumerate(materials, 1)]
        where = t("served_at", windows=windows_text(self.kiosk.config, self.service.code))
        paragraphs.append(Text(where, style=f"bold {colour(self.app, 'kiosk-link-text')}"))
        return paragraphs

    def on_mount(self) -> None:
        self.query_one("#progress", Static).display = False
        self.watch(self.kiosk, "waits", self._show_wait)

    async def recompose(self) -> None:
        """Rebuilt in the other language: say the wait again at once."""
        await super().recompose()
        self._show_wait(self.kiosk.waits)

    def _show_wait(self, waits: dict[str, WaitEstimate]) -> None:
        line = wait_words(waits.get(self.service.code)).line
        shown = next(iter(self.query("#confirm-wait").results(Static)), None)
        if shown is not None:
            shown.update(plain(line))
            shown.display = bool(line)

    @on(Button.Pressed, ".take")
    def _take(self, event: Button.Pressed) -> None:
        event.stop()
        if self.taken:
            return
        priority = event.button.id == "take-priority"
        if self.kiosk.request_ticket(self, self.service, self.matter, priority):
            self.taken = True
            self.show_progress(t("issuing"))
            for button in self.query(".take").results(Button):
                button.disabled = True
        elif self.kiosk.hall is None:
            self.show_progress(t("connecting", detail=self.kiosk.trouble or "..."))

    @on(IssueRetrying)
    def _retrying(self, event: IssueRetrying) -> None:
        self.show_progress(t("retrying", attempt=event.attempt))

    def show_progress(self, text: str) -> None:
        """Issuing or retrying; a villager who already went back does not see it."""
        progress = next(iter(self.query("#progress").results(Static)), None)
        if progress is None or not self.is_attached:
            return
        progress.update(plain(text))
        progress.display = True
