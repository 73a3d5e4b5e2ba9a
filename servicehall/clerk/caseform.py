"""受理: the small form that turns the ticket being served into a case (办件) in one step.

Kind (即办件 / 承诺件 / 联办件 / 上报件), the villager's name, the last four digits of an ID or
phone (never the whole number), a mobile number for the 补正 and 办结 texts when the hall sends
SMS, and 全程代办 with the staff member who carries it. Enter in any field accepts; Esc backs
out. The core checks the values; the form only makes sure the required ones are there.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Static

from servicehall.i18n import t
from servicehall.i18n_cases import kind_name
from servicehall.queue.caseviews import KINDS
from servicehall.widgets.plain import plain

DEFAULT_KIND = "promised"


@dataclass(frozen=True)
class CaseRequest:
    kind: str
    name: str
    last4: str
    phone: str | None
    agent: bool
    agent_staff: str | None


class CaseForm(ModalScreen[CaseRequest | None]):
    """The 受理 form for one ticket; dismissed with a :class:`CaseRequest` or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", t("clerk_cancel"))]
    DEFAULT_CSS = """
    CaseForm { align: center middle; }
    #case-form { width: 64; max-width: 100%; height: auto; background: $clerk-box; padding: 0 1; }
    #case-form .prompt-title { margin-bottom: 1; }
    #case-kind { layout: horizontal; height: auto; border: none; background: $clerk-panel; }
    #case-form Input { margin-bottom: 1; }
    #case-agent-row { height: auto; }
    #case-agent-row Checkbox { width: auto; margin-right: 2; }
    #case-agent-row Input { width: 1fr; }
    #case-form-error { color: $clerk-alert-text; height: auto; }
    #case-ok { width: 100%; }
    """

    def __init__(self, ticket_label: str, matter_name: str, *, sms: bool) -> None:
        super().__init__(id="case-form-screen")
        self.ticket_label = ticket_label
        self.matter_name = matter_name
        self.sms = sms

    def compose(self) -> ComposeResult:
        with Vertical(id="case-form"):
            yield Static(
                plain(t("caseform_title", ticket=self.ticket_label, matter=self.matter_name)),
                classes="prompt-title",
            )
            with RadioSet(id="case-kind"):
                for kind in KINDS:
                    yield RadioButton(kind_name(kind), value=kind == DEFAULT_KIND, id=kind)
            yield Input(placeholder=t("caseform_name"), id="case-name", compact=True)
            yield Input(
                placeholder=t("caseform_last4"),
                id="case-last4",
                max_length=4,
                compact=True,
            )
            if self.sms:
                yield Input(
                    placeholder=t("caseform_phone"),
                    id="case-phone",
                    max_length=14,
                    compact=True,
                )
            with Horizontal(id="case-agent-row"):
                yield Checkbox(t("caseform_agent"), id="case-agent", compact=True)
                yield Input(placeholder=t("caseform_staff"), id="case-staff", compact=True)
            yield Static("", id="case-form-error")
            yield Button(t("caseform_ok"), id="case-ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#case-name", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#case-ok")
    def _accept(self) -> None:
        name = self.query_one("#case-name", Input).value.strip()
        last4 = self.query_one("#case-last4", Input).value.strip()
        agent = self.query_one("#case-agent", Checkbox).value
        staff = self.query_one("#case-staff", Input).value.strip()
        phone = self.query_one("#case-phone", Input).value.strip() if self.sms else ""
        missing = [
            label
            for label, value in (
                (t("caseform_missing_name"), name),
                (t("caseform_missing_last4"), last4),
                (t("caseform_staff"), staff or not agent),
            )
            if not value
        ]
        if missing:
            self.query_one("#case-form-error", Static).update(t("caseform_missing", fields=missing))
            return
        pressed = self.query_one("#case-kind", RadioSet).pressed_button
        kind = pressed.id if pressed is not None and pressed.id else DEFAULT_KIND
        self.dismiss(CaseRequest(kind, name, last4, phone or None, agent, staff or None))
