"""``ServiceButton``: one big button per service on the home screen, with its live queue."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Button

from servicehall.config import Service
from servicehall.kiosk.strings import s


class ServiceButton(Button):
    """A service's name large, and "等候 N 人" below it."""

    def __init__(self, service: Service, waiting: int = 0) -> None:
        super().__init__(id=f"service-{service.code}", classes="service")
        self.service = service
        self.set_waiting(waiting)

    def set_waiting(self, waiting: int) -> None:
        self.waiting = waiting
        label = Text(justify="center")
        label.append(self.service.name, style="bold")
        label.append("\n")
        label.append(s("waiting", n=waiting), style="bold #ffd83d")
        self.label = label
