"""``PagedGrid`` and ``PagedText``: content that never scrolls, shown a page at a time.

Both lay themselves out again whenever their size changes and post ``Paged`` with the page shown
and the number of pages, so a screen can show its 上一页 / 下一页 buttons only when there is more.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.containers import Grid
from textual.message import Message
from textual.widget import Widget

from servicehall.widgets.paging import GridPlan, page_paragraphs, plan_grid


@dataclass
class Paged(Message):
    """A paged widget shows page ``page`` (from 0) of ``pages``."""

    page: int
    pages: int


class PagedGrid(Grid):
    """Its children (buttons) in the columns and rows that fit, one page at a time.

    ``min_width``/``min_height`` is the smallest readable button; buttons grow up to
    ``max_height`` rows when there is room; ``gutter`` is the (columns, rows) gap between them.
    """

    DEFAULT_CSS = """
    PagedGrid {
        height: 1fr;
    }
    """

    def __init__(
        self,
        *,
        min_width: int,
        min_height: int = 3,
        max_height: int = 5,
        max_columns: int = 6,
        gutter: tuple[int, int] = (2, 1),
        id: str | None = None,  # noqa: A002 (Textual's own name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.gutter_x, self.gutter_y = gutter
        # Textual's names are the other way round: a "horizontal" gutter separates rows
        self.styles.grid_gutter_horizontal = self.gutter_y
        self.styles.grid_gutter_vertical = self.gutter_x
        self.min_width = min_width
        self.min_height = min_height
        self.max_height = max_height
        self.max_columns = max_columns
        self.page = 0
        self.plan: GridPlan | None = None

    @property
    def pages(self) -> int:
        return self.plan.pages if self.plan else 1

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()

    def relayout(self) -> None:
        """Fit the children to the current size and show the current page (after any change)."""
        width, height = self.content_size.width, self.content_size.height
        if width <= 0 or height <= 0:
            return
        plan = plan_grid(
            len(self.children),
            width,
            height,
            min_width=self.min_width,
            min_height=self.min_height,
            max_height=self.max_height,
            gutter_x=self.gutter_x,
            gutter_y=self.gutter_y,
            max_columns=self.max_columns,
        )
        self.plan = plan
        self.styles.grid_size_columns = plan.columns
        self.styles.grid_size_rows = plan.rows
        self.styles.grid_rows = str(plan.cell_height)
        self.show_page(self.page)

    def show_page(self, page: int) -> None:
        plan = self.plan
        if plan is None:
            return
        self.page = max(0, min(page, plan.pages - 1))
        for index, child in enumerate(self.children):
            child.display = plan.page_of(index) == self.page
        self.post_message(Paged(self.page, plan.pages))

    def on_page(self, index: int) -> bool:
        """Whether the child at ``index`` is on the page shown."""
        return self.plan is not None and self.plan.page_of(index) == self.page


class PagedText(Widget):
    """Paragraphs of text wrapped to the widget's width and cut into pages of its height.

    With ``shrink`` the blank line between paragraphs goes before a second page is made.
    """

    DEFAULT_CSS = """
    PagedText {
        height: 1fr;
    }
    """

    def __init__(
        self,
        paragraphs: list[Text],
        *,
        shrink: bool = True,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.paragraphs = paragraphs
        self.shrink = shrink
        self.page = 0
        self._pages: list[list[Text]] = [[]]

    @property
    def pages(self) -> int:
        return len(self._pages)

    def on_resize(self, event: events.Resize) -> None:
        self.relayout()

    def relayout(self) -> None:
        width, height = self.content_size.width, self.content_size.height
        if width <= 0 or height <= 0:
            return
        pages = page_paragraphs(self.paragraphs, width, height, spacing=1)
        if len(pages) > 1 and self.shrink:
            pages = page_paragraphs(self.paragraphs, width, height, spacing=0)
        self._pages = pages
        self.show_page(self.page)

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, len(self._pages) - 1))
        self.refresh()
        self.post_message(Paged(self.page, len(self._pages)))

    def page_text(self, page: int | None = None) -> str:
        """The plain text of a page (the one shown by default)."""
        lines = self._pages[self.page if page is None else page]
        return "\n".join(line.plain for line in lines)

    def render(self) -> Text:
        return Text("\n").join(self._pages[self.page])
