"""``CasePages``: the cases a villager looked up, to be read at arm's length, a page at a time.

Each case starts a page. Its number comes first, in big dots where the page has room for them
and for the case's facts and first step below (broken at the number's dashes on a narrow screen,
at most half the page), else in bold. Then the matter and the masked name, the state on a band
of its colour, the promised date and 全程代办, each on its own line; then one line per step
(date and time, the step, the window), a blank line between steps unless that costs a page.
Steps that do not fit go on the next page, under the case's number. The words are the
catalogue's; the colours the theme's (``paint``: ``ui.themes.colours``).
"""

from __future__ import annotations

from itertools import combinations

from rich.text import Text

from servicehall.i18n import language, t
from servicehall.i18n_cases import kind_name, state_name, step_name
from servicehall.queue.caseviews import FINISHED, OPEN, REFER, SUPPLEMENT, CaseStepView, CaseView
from servicehall.widgets.bigfont import big_text, fit_dot
from servicehall.widgets.paged import PagedText
from servicehall.widgets.paging import wrap_lines

SQUARE_DOT = 2
"""Dots this many cells across (and one row down) look square: below that they look thin."""
STATE_BANDS = {OPEN: "kiosk-info", FINISHED: "kiosk-ok"}
"""The band behind the state; a case collected or delivered gets ``kiosk-panel``."""


def number_lines(number: str) -> list[list[str]]:
    """The number on one line, two, three …, split at its dashes, each the narrowest split."""
    groups = number.split("-")
    splits = []
    for count in range(1, len(groups) + 1):
        options = [
            ["-".join(groups[a:b]) for a, b in zip((0, *cuts), (*cuts, len(groups)), strict=True)]
            for cuts in combinations(range(1, len(groups)), count - 1)
        ]
        splits.append(min(options, key=lambda lines: max(len(line) for line in lines)))
    return splits


def fit_number(number: str, width: int, height: int) -> tuple[list[str], tuple[int, int]] | None:
    """The lines and dot size for ``number`` in big dots within ``width``×``height``.

    The fewest lines whose dots look square, else the fewest lines at any size; None when even
    the smallest dots do not fit.
    """
    fits = []
    for lines in number_lines(number):
        gaps = len(lines) - 1  # a blank row between lines
        dot = fit_dot(max(lines, key=len), width, (height - gaps) // len(lines))
        if dot is not None:
            fits.append((lines, dot))
    square = [fit for fit in fits if fit[1][0] >= SQUARE_DOT]
    return next(iter(square or fits), None)


def big_number(number: str, width: int, height: int, colour: str) -> list[Text]:
    """``number`` in big dots, a row per line of Text; [] when it does not fit."""
    fit = fit_number(number, width, height)
    if fit is None:
        return []
    lines, (dot_width, dot_height) = fit
    rows: list[Text] = []
    for line in lines:
        if rows:
            rows.append(Text(""))
        big = big_text(line, colour, dot_width=dot_width, dot_height=dot_height)
        rows.extend(big.split("\n"))
    return rows


def facts(case: CaseView, paint: dict[str, str]) -> list[Text]:
    """What the case is, where it stands and when it is promised, a line each."""
    lang = language()
    what = Text(f"{case.matter_name}（{kind_name(case.kind, lang)}）", style="bold")
    what.append(f"  {case.masked_name}")
    band = paint[STATE_BANDS.get(case.state, "kiosk-panel")]
    state = Text(
        f" {t('progress_state', state=state_name(case.state, lang))} ",
        style=f"bold {paint['kiosk-text']} on {band}",
    )
    promised = t("progress_promised", day=f"{case.promised_day:%Y-%m-%d}")
    lines = [what, state, Text(promised, style=f"bold {paint['kiosk-title-text']}")]
    if case.agent:
        lines.append(Text(t("progress_agent"), style="bold"))
    return lines


def step_line(step: CaseStepView, paint: dict[str, str]) -> Text:
    """One step: when, what (补正: what is missing; 转县级部门: to which office), at which
    window."""
    line = Text(style="bold")
    line.append(f"{step.at:%m-%d %H:%M}  ", style=paint["kiosk-link-text"])
    name = step_name(step.step, language())
    if step.note and step.step in (SUPPLEMENT, REFER):
        name = t("progress_step_note", step=name, note=step.note)
    line.append(name)
    if step.window:
        line.append(f"  {t('progress_at_window', window=step.window)}")
    return line


def case_pages(case: CaseView, width: int, height: int, paint: dict[str, str]) -> list[list[Text]]:
    """The case on pages of at most ``height`` lines of ``width`` cells."""
    number_style = f"bold {paint['kiosk-number']}"
    told = [line for fact in facts(case, paint) for line in wrap_lines(fact, width)]
    steps = [wrap_lines(step_line(step, paint), width) for step in case.steps]
    first_step = len(steps[0]) if steps else 0
    room = min(height // 2, height - len(told) - first_step - 2)
    big = big_number(case.number, width, room, paint["kiosk-number"])
    head = [*big, Text("")] if big else [Text(case.number, style=number_style)]
    again = [Text(t("progress_continued", number=case.number), style=number_style), Text("")]
    pages: list[list[Text]] = []
    for spacing in (1, 0):
        pages = _pages([*head, *told, Text("")], steps, again, height, spacing)
        if len(pages) == 1:
            break
    return pages


def _pages(
    first: list[Text], steps: list[list[Text]], again: list[Text], height: int, spacing: int
) -> list[list[Text]]:
    """``first`` then the steps, ``spacing`` blank lines apart, on pages of ``height`` lines;
    a page after the first starts with ``again``. A step is split only if no page holds it."""
    pages = [first[:height]]
    starts = [len(pages[0])]

    def new_page() -> list[Text]:
        pages.append(list(again))
        starts.append(len(again))
        return pages[-1]

    for lines in (first[height:], *steps):
        page = pages[-1]
        gap = spacing if len(page) > starts[-1] else 0
        if len(page) + gap + len(lines) > height and len(page) > starts[-1]:
            page, gap = new_page(), 0
        page.extend(Text("") for _ in range(gap))
        for line in lines:
            if len(page) >= height:
                page = new_page()
            page.append(line)
    return [page[:height] for page in pages]


class CasePages(PagedText):
    """The cases found, each from a new page; the pager turns through all of them."""

    def __init__(
        self,
        cases: list[CaseView],
        paint: dict[str, str],
        *,
        id: str | None = None,  # noqa: A002 (Textual's own name)
        classes: str | None = None,
    ) -> None:
        super().__init__([], id=id, classes=classes)
        self.cases = cases
        self.paint = paint

    def relayout(self) -> None:
        width, height = self.content_size.width, self.content_size.height
        if width <= 0 or height <= 0:
            return
        paint = self.paint
        pages = [page for case in self.cases for page in case_pages(case, width, height, paint)]
        self._pages = pages or [[]]
        self.show_page(self.page)
