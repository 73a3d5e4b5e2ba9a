"""``HomeBar``: the home screen's foot — 办事指南, 查询办理进度, the language, the pager, 工作人员.

查询办理进度 lives here, beside 办事指南 (the other thing the kiosk does besides taking a ticket),
and not among the services or in the hall's name band: the bar is on the screen at every grid
and on every page of services, its buttons are 3 rows tall like every touch target, and it takes
no row from the services (a tile among them would be on one page only and cost a page where the
grid is full; a 3-row name band costs a 56×20 panel a page of services).

Every button is as wide as its words (one cell of its colour either side). Where the row would
not hold them — a 56-column panel while the pager shows — it gives up, in this order, the long
label of 查询办理进度 (查进度), the cell either side of the words, then the long label of 办事指南
(指南; at 56 columns only the English words need that). ``plan_bar`` works it out from the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from servicehall.i18n import t
from servicehall.kiosk.widgets.pager import Pager

BAR_ROWS = 3
MIN_CELLS = 6
"""kiosk.tcss ``Button { min-width }``: the narrowest touch target."""
PAD_CELLS = 2
"""A cell of the button's colour either side of its words."""


@dataclass(frozen=True)
class BarPlan:
    """The catalogue keys the bar's labels are drawn from, and whether the words fill the button."""

    guide: str
    progress: str
    tight: bool


PLANS = (
    BarPlan("guide", "progress_progress", tight=False),
    BarPlan("guide", "progress_short", tight=False),
    BarPlan("guide", "progress_short", tight=True),
    BarPlan("guide_short", "progress_short", tight=True),
)
"""Most generous first."""


def button_cells(label: str, *, tight: bool) -> int:
    return max(MIN_CELLS, cell_len(label) + (0 if tight else PAD_CELLS))


def bar_cells(plan: BarPlan, pager_cells: int) -> int:
    """Cells the bar's buttons take under ``plan`` (each but 工作人员 has a cell's margin)."""
    labels = (t(plan.guide), t(plan.progress), t("lang_toggle"))
    margins = len(labels)
    buttons = sum(button_cells(label, tight=plan.tight) for label in labels)
    return buttons + margins + button_cells(t("staff"), tight=plan.tight) + pager_cells


def plan_bar(width: int, pager_cells: int) -> BarPlan:
    """The most generous plan whose buttons fit ``width`` cells beside a pager that wide."""
    return next((p for p in PLANS if bar_cells(p, pager_cells) <= width), PLANS[-1])


class HomeBar(Horizontal):
    """The home screen's buttons; ``HomeScreen`` handles their taps by id."""

    def __init__(self) -> None:
        super().__init__(id="home-bar")
        self.pages = 1

    def compose(self) -> ComposeResult:
        yield Button(t("guide"), id="guide", classes="bar")
        yield Button(t("progress_progress"), id="case-progress", classes="bar")
        yield Button(t("lang_toggle"), id="lang", classes="bar")
        yield Static("", classes="spacer")
        yield Pager()
        yield Static("", classes="spacer")
        yield Button(t("staff"), id="staff", classes="bar staff")

    def on_mount(self) -> None:
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    def show_pages(self, pages: int) -> None:
        """The services take ``pages`` pages: the pager shows beside the buttons from two on."""
        self.pages = pages
        self.fit()

    def fit(self) -> None:
        """Labels and widths for the bar's width and the pager shown now."""
        width = self.content_size.width
        if width <= 0:
            return
        pager = Pager.cells(self.pages) if self.pages > 1 else 0
        plan = plan_bar(width, pager)
        for selector, key in (
            ("#guide", plan.guide),
            ("#case-progress", plan.progress),
            ("#lang", "lang_toggle"),
            ("#staff", "staff"),
        ):
            button = self.query_one(selector, Button)
            label = t(key)
            button.label = label
            button.styles.width = button_cells(label, tight=plan.tight)
            button.styles.line_pad = 0 if plan.tight else PAD_CELLS // 2
