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
from servicehall.i18n import t
from servicehall.widgets.plain import plain


class ServicePrompt(ModalScreen[str | None]):
    """转办: choose the service the current ticket goes to (arrows and Enter, or a click)."""

    BINDINGS = [Binding("escape", "dismiss(None)", t("clerk_cancel"))]

    def __init__(self, label: str, services: list[Service]) -> None:
        super().__init__(id="service-prompt")
        self.label = label
        self.services = services

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static(t("prompt_transfer_title", ticket=self.label), classes="prompt-title")
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

    BINDINGS = [Binding("escape", "dismiss(None)", t("clerk_cancel"))]

    def __init__(self, title: str, suggestions: list[tuple[str, str]]) -> None:
        super().__init__(id="ticket-prompt")
        self.title_text = title
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-box"):
            yield Static(t("prompt_esc_cancels", title=self.title_text), classes="prompt-title")
            yield Input(placeholder=t("prompt_ticket"), id="ticket-input")
            if self.suggestions:
                yield OptionList(
                    *(Option(text, id=label) for label, text in self.suggestions),
                    id="ticket-options",
                )
            else:
                yield Static(t("prompt_no_tickets"), classes="prompt-empty")

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
