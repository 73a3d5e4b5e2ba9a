"""Small dialogs of the console: pick a service (转办) and pick a ticket (指定叫号, 过号重排).

Each is a modal screen dismissed with the choice, or None when the clerk backs out (Esc).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from servicehall.config import Service
from servicehall.widgets.plain import plain


class ServicePrompt(ModalScreen[str | None]):
    """转办: choose the service the current ticket goes to (arrows and Enter, or a click)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, label: str, services: list[Service]) -> None:
        super().__init__(id="service-prompt")
        self.label = label
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static(f"把 {self.label} 转到哪项业务？（Esc 取消）", classes="prompt-title")
            yield OptionList(
                *(Option(plain(f"{s.code}  {s.name}"), id=s.code) for s in self.services),
                id="service-options",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class TicketPrompt(ModalScreen[str | None]):
    """Type a ticket label, or choose one of the suggested labels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, title: str, suggestions: list[tuple[str, str]]) -> None:
        super().__init__(id="ticket-prompt")
        self.title_text = title
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static(f"{self.title_text}（Esc 取消）", classes="prompt-title")
            yield Input(placeholder="号票，如 A012，回车确定", id="ticket-input")
            if self.suggestions:
                yield OptionList(
                    *(Option(text, id=label) for label, text in self.suggestions),
                    id="ticket-options",
                )
            else:
                yield Static("（暂无可选的号）", classes="prompt-empty")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        label = event.value.strip().upper()
        if label:
            self.dismiss(label)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
