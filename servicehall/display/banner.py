"""The latest call, as big as the space allows: "请 A012 号 到 3 号窗口".

Ticket label and window number are drawn with the shared dot font (any letter A–Z); the small
words sit on the middle row. The widget picks the largest dot size that fits its own size, so the
same code fills a 160×45 TV and an 80×24 one.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from servicehall.display.calls import Call
from servicehall.display.lines import LineCachedWidget
from servicehall.widgets.bigfont import GLYPH_ROWS, big_width, dot_runs

# (cells per dot across, rows per dot down), largest first
SCALES = ((4, 2), (3, 2), (2, 2), (3, 1), (2, 1), (1, 1))
TITLE_ROWS = 2  # the line above the big characters and the one below


class CallBanner(LineCachedWidget):
    """Shows one call; ``highlight`` flips it to the alarm colours for a few seconds."""

    DEFAULT_CSS = """
    CallBanner {
        height: 1fr;
        background: $panel;
    }
    CallBanner.-highlight {
        background: darkred;
    }
    """

    call: reactive[Call | None] = reactive(None, layout=False)
    highlight: reactive[bool] = reactive(False)

    def __init__(
        self,
        welcome: tuple[str, ...] = (),
        *,
        id: str | None = None,  # noqa: A002 (Textual's own name)
    ) -> None:
        super().__init__(id=id)
        self.welcome = welcome

    def state(self) -> tuple[Call | None, bool]:
        return self.call, self.highlight

    def watch_highlight(self, value: bool) -> None:
        self.set_class(value, "-highlight")

    def render(self) -> Text:
        call = self.call
        if call is None:
            lines = [Text("欢迎光临  Welcome", style="bold"), Text("")]
            lines += [Text(line) for line in self.welcome if line]
            return self._centred(lines)
        dots = "bright_yellow" if self.highlight else "yellow"
        parts: list[tuple[str, bool]] = [
            ("请", False),
            (call.label, True),
            ("号 到", False),
            (str(call.window), True),
            ("号窗口", False),
        ]
        title = "再次呼叫  Calling again" if call.recall else "正在呼叫  Now calling"
        caption = f"{call.window} 号窗口  {call.window_name}"
        scale = self._scale(parts)
        if scale is None:  # too small for dots: plain bold text, still the whole call
            big = Text.assemble(
                "请 ", (call.label, f"bold {dots}"), " 号 到 ", (str(call.window), f"bold {dots}")
            )
            big.append(" 号窗口")
            return self._centred([Text(title, style="bold"), big, Text(call.window_name)])
        lines = [Text(title, style="bold white")]
        lines += self._big_lines(parts, dots, *scale)
        lines.append(Text(caption, style="bold white"))
        return self._centred(lines)

    def _centred(self, lines: list[Text]) -> Text:
        """Lines centred across and down the widget, each padded to its exact width.

        Rich would strip the coloured spaces the big characters are made of if it justified
        them, so the padding is done here.
        """
        width, height = self.size.width, self.size.height
        top = max(0, (height - len(lines)) // 2)
        out = Text(no_wrap=True, overflow="crop")
        out.append("\n" * top)
        for index, line in enumerate(lines):
            if index:
                out.append("\n")
            left = max(0, (width - line.cell_len) // 2)
            out.append(" " * left)
            out.append_text(line)
            out.append(" " * max(0, width - left - line.cell_len))
        return out

    def _scale(self, parts: list[tuple[str, bool]]) -> tuple[int, int] | None:
        width, height = self.size.width, self.size.height
        for dot, rows in SCALES:
            needed = sum(
                big_width(text, dot_width=dot) if big else cell_len(text) + 2 for text, big in parts
            )
            if needed <= width and GLYPH_ROWS * rows + TITLE_ROWS <= height:
                return dot, rows
        return None

    @staticmethod
    def _big_lines(parts: list[tuple[str, bool]], color: str, dot: int, rows: int) -> list[Text]:
        """The big rows, each run of lit (or unlit) dots one span: a few spans a line to draw."""
        on = Style(bgcolor=color)
        word_style = Style(bold=True, color="white")
        lines: list[Text] = []
        for row in range(GLYPH_ROWS):
            for copy in range(rows):
                runs: list[tuple[str, Style | None]] = []
                for text, big in parts:
                    if big:
                        runs += [
                            (" " * cells, _LIT if lit else None)
                            for cells, lit in dot_runs(text, row, dot_width=dot)
                        ]
                    elif row == GLYPH_ROWS // 2 and copy == 0:
                        runs.append((f" {text} ", word_style))
                    else:
                        runs.append((" " * (cell_len(text) + 2), None))
                line = Text(no_wrap=True)
                for chunk, style in _merged(runs):
                    line.append(chunk, on if style is _LIT else style)
                lines.append(line)
        return lines


def _merged(runs: list[tuple[str, Style | None]]) -> list[tuple[str, Style | None]]:
    merged: list[tuple[str, Style | None]] = []
    for chunk, style in runs:
        if merged and merged[-1][1] is style:
            merged[-1] = (merged[-1][0] + chunk, style)
        else:
            merged.append((chunk, style))
    return merged


_LIT = Style()  # a marker for lit dots; the colour is applied when the line is built
