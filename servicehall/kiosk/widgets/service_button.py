"""``ServiceButton``: one big button per service on the home screen, with its live queue."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Button

from servicehall.config import Service
from servicehall.i18n import t
from servicehall.kiosk.waits import wait_words, widest_wait_text
from servicehall.queue import WaitEstimate
from servicehall.ui.themes import colour
from servicehall.widgets.paging import button_size

NAME_CELLS_CAP = 24
"""A longer service name wraps onto a second line instead of widening every button."""


class ServiceButton(Button):
    """The service's name, "等候 N 人" and the wait a ticket taken now can expect, one line each."""

    def __init__(
        self, service: Service, waiting: int = 0, wait: WaitEstimate | None = None
    ) -> None:
        super().__init__(id=f"service-{service.code}", classes="service")
        self.service = service
        self.waiting = waiting
        self.wait = wait
        self._relabel()

    def set_state(self, waiting: int, wait: WaitEstimate | None) -> None:
        """A fresh count and estimate; the label is redrawn only when its words change."""
        shown = (self.waiting, wait_words(self.wait).short)
        self.waiting, self.wait = waiting, wait
        if (waiting, wait_words(wait).short) != shown:
            self._relabel()

    def _relabel(self) -> None:
        label = Text(justify="center")
        label.append(self.service.name, style="bold")
        label.append("\n")
        label.append(
            t("waiting", n=self.waiting), style=f"bold {colour(self.app, 'kiosk-title-text')}"
        )
        label.append("\n")
        label.append(
            wait_words(self.wait).short,
            style=f"bold {colour(self.app, 'kiosk-wait-text')}",
        )
        self.label = label

    @staticmethod
    def min_size(services: list[Service]) -> tuple[int, int]:
        """(cells, rows) a button needs so no name, count or estimate is ever cut."""
        return button_size(
            (svc.name for svc in services),
            cap=NAME_CELLS_CAP,
            other_lines=(t("waiting", n=999), widest_wait_text()),
        )
