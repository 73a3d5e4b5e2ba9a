"""本窗口办件: the window's open cases with their due dates (amber within ``[cases]
due_soon_days`` working days, red when overdue), and the steps a clerk records on one.

Choose a case with the arrows and Enter, or type a case number (a finished case waiting to be
collected is not in the list); then the step: 转县级部门 and 补正 ask what (the department, the
missing papers — told once, completely), 联办 asks for the window taking it on.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from servicehall.clerk.caseactions import step_case
from servicehall.clerk.messages import CasesRead, StepRecorded, Told
from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.i18n_cases import due_name, step_name
from servicehall.queue import Hall
from servicehall.queue.caseviews import CLERK_STEPS, JOINT, REFER, SUPPLEMENT, CaseView
from servicehall.widgets.plain import plain

COLUMNS = (
    ("caselist_number", 13),
    ("caselist_matter", 14),
    ("caselist_name", 8),
    ("caselist_promised", 10),
    ("caselist_left", 12),
)
"""Headings (catalogue keys) and widths: the longest of each fits an 80-column console."""
DUE_STYLES = {"overdue": "bold red", "soon": "bold yellow"}
NEEDS_TEXT = {
    REFER: "caselist_needs_refer",
    SUPPLEMENT: "caselist_needs_supplement",
    JOINT: "caselist_needs_joint",
}
"""The steps that need a word from the clerk: what to ask (catalogue keys)."""


def due_text(case: CaseView) -> Text:
    """剩余工作日 and the state, coloured: red overdue, amber due soon."""
    style = DUE_STYLES.get(case.due, "")
    left = case.workdays_left if case.workdays_left is not None else "—"
    return Text(f"{left} {due_name(case.due)}", style=style)


class StepPrompt(ModalScreen[tuple[str, str] | None]):
    """Choose a step for one case; dismissed with (step, note or window) or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", t("clerk_cancel"))]
    DEFAULT_CSS = """
    StepPrompt { align: center middle; }
    #step-box { width: 56; max-width: 100%; height: auto; background: $clerk-box; padding: 0 1; }
    #step-options { height: auto; max-height: 8; border: none; background: $clerk-panel; }
    #step-note { margin-top: 1; }
    """

    def __init__(self, number: str) -> None:
        super().__init__(id="step-prompt")
        self.number = number
        self.step: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="step-box"):
            yield Static(plain(t("caselist_step_title", case=self.number)))
            yield OptionList(
                *(Option(step_name(step), id=step) for step in CLERK_STEPS),
                id="step-options",
            )
            yield Input(
                placeholder=t("caselist_choose_first"), id="step-note", disabled=True, compact=True
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        step = str(event.option.id)
        if step not in NEEDS_TEXT:
            self.dismiss((step, ""))
            return
        self.step = step
        note = self.query_one("#step-note", Input)
        note.placeholder = t(NEEDS_TEXT[step])
        note.disabled = False
        note.focus()

    @on(Input.Submitted, "#step-note")
    def _typed(self, event: Input.Submitted) -> None:
        if self.step is not None and event.value.strip():
            self.dismiss((self.step, event.value.strip()))


class CaseList(ModalScreen[None]):
    """The window's open cases; steps recorded by the signed-in clerk."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", t("clerk_back")),
        Binding("f10", "dismiss(None)", t("clerk_back")),
    ]
    DEFAULT_CSS = """
    CaseList { align: center middle; }
    #case-list-box { width: 100%; height: 100%; background: $clerk-list; padding: 0 1; }
    #case-list-title { text-style: bold; height: 1; }
    #case-table { height: 1fr; }
    #case-number { margin-top: 1; }
    #case-list-message { height: 2; }
    #case-list-message.error { color: $clerk-alert-text; }
    """

    def __init__(self, hall: Hall, window: int, clerk: str) -> None:
        super().__init__(id="case-list")
        self.hall = hall
        self.window = window
        self.clerk = clerk

    def compose(self) -> ComposeResult:
        with Vertical(id="case-list-box"):
            yield Static(t("caselist_title", window=self.window), id="case-list-title")
            yield DataTable(id="case-table", cursor_type="row", zebra_stripes=True)
            yield Input(placeholder=t("caselist_type_number"), id="case-number")
            yield Static(t("caselist_hint"), id="case-list-message")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for heading, width in COLUMNS:
            table.add_column(t(heading), width=width)
        table.focus()
        self._load()

    @work(thread=True, exclusive=True, group="case-list", exit_on_error=False)
    def _load(self, message: str = "", error: bool = False) -> None:
        try:
            cases = self.hall.open_cases(self.window)
        except ServiceHallError as exc:
            self.post_message(Told(exc.message, True))
            return
        self.post_message(CasesRead(cases, message, error))

    @on(Told)
    def _told(self, event: Told) -> None:
        self._say(event.message, event.error)

    @on(CasesRead)
    def _read(self, event: CasesRead) -> None:
        self._fill(event.cases, event.message, event.error)

    @on(StepRecorded)
    def _recorded(self, event: StepRecorded) -> None:
        self._load(event.message, False)

    def _fill(self, cases: list[CaseView], message: str, error: bool) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for case in cases:
            table.add_row(
                case.number,
                plain(case.matter_name),
                plain(case.name),
                f"{case.promised_day:%Y-%m-%d}",
                due_text(case),
                key=case.number,
            )
        overdue = sum(case.due == "overdue" for case in cases)
        title = t("caselist_title_count", window=self.window, n=len(cases))
        self.query_one("#case-list-title", Static).update(
            title + (t("caselist_overdue", n=overdue) if overdue else "")
        )
        if message:
            self._say(message, error)
        elif not cases:
            self._say(t("caselist_none"), False)

    def _say(self, message: str, error: bool) -> None:
        box = self.query_one("#case-list-message", Static)
        box.update(plain(message))
        box.set_class(error, "error")

    @on(DataTable.RowSelected)
    def _row(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self._ask(event.row_key.value)

    @on(Input.Submitted, "#case-number")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._ask(event.value.strip())

    def _ask(self, number: str) -> None:
        def chosen(step: tuple[str, str] | None) -> None:
            if step is not None:
                self._record(number, *step)

        self.app.push_screen(StepPrompt(number), chosen)

    @work(thread=True, group="case-step", exit_on_error=False)
    def _record(self, number: str, step: str, argument: str) -> None:
        try:
            said = step_case(self.hall, self.window, self.clerk, number, step, argument)
        except ServiceHallError as exc:
            self.post_message(Told(exc.message, True))
            return
        self.post_message(StepRecorded(said))
