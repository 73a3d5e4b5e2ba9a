"""The latest call, as big as the space allows: "请 A012 号 到 3 号窗口".

Ticket label and window number are drawn with the shared dot font (any letter A–Z); the small
words sit on the middle row. ``layout.fit_call`` picks the largest dots the widget's own size
holds, on one line or on two ("请 A012 号" over "到 3 号窗口"), so the same code fills a 4K TV,
a portrait panel and a 54×16 one.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive

from servicehall.display.layout import CallFit, Part, call_lines, fit_call, word_cells
from servicehall.display.lines import LineCachedWidget
from servicehall.i18n import t
from servicehall.ui.calls import Call
from servicehall.ui.themes import colour
from servicehall.widgets.bigfont import GLYPH_ROWS, dot_runs


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
    lines: reactive[int] = reactive(1)
    """On how many lines the call is drawn (the layout's choice for this screen, for every call)."""

    def __init__(
        self,
        welcome: tuple[str, ...] = (),
        *,
        id: str | None = None,  # noqa: A002 (Textual's own name)
    ) -> None:
        super().__init__(id=id)
        self.welcome = welcome
        self.fit: CallFit | None = None

    def state(self) -> tuple[Call | None, bool, int]:
        return self.call, self.highlight, self.lines

    def watch_highlight(self, value: bool) -> None:
        self.set_class(value, "-highlight")

    def render(self) -> Text:
        call = self.call
        if call is None:
            self.fit = None
            welcome = [Text(t("display_welcome"), style="bold"), Text("")]
            welcome += [Text(line) for line in self.welcome if line]
            return self._centred(welcome)
        dots = colour(self.app, "display-call-flash" if self.highlight else "display-call")
        window = str(call.window)
        width, height = self.size.width, self.size.height
        fit = fit_call(width, height, call.label, window, lines_allowed=(self.lines,))
        if fit.dot is None:  # a label wider than the layout expected
            fit = fit_call(width, height, call.label, window)
        self.fit = fit
        title = t("display_calling_again" if call.recall else "display_now_calling")
        if fit.dot is None:  # too small for dots: plain bold text, still the whole call
            big = Text(" ").join(
                Text(part, style=f"bold {dots}" if in_dots else "")
                for part, in_dots in call_lines(call.label, window, 1)[0]
            )
            return self._centred([Text(title, style="bold"), big, Text(call.window_name)])
        lines: list[Text] = []
        if fit.titled:
            lines.append(Text(title, style=f"bold {colour(self.app, 'display-words')}"))
        for index, parts in enumerate(call_lines(call.label, window, fit.lines)):
            if index:
                lines.append(Text(""))
            lines += self._big_lines(parts, dots, colour(self.app, "display-words"), *fit.dot)
        if fit.titled:
            where = t("display_call_where", window=call.window, name=call.window_name)
            lines.append(Text(where, style=f"bold {colour(self.app, 'display-words')}"))
        return self._centred(lines)

    @property
    def dot_rows(self) -> int:
        """Rows the big characters of the call shown take (0 when drawn as plain text)."""
        fit = self.fit
        return fit.lines * GLYPH_ROWS * fit.dot[1] if fit and fit.dot else 0

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

    @staticmethod
    def _big_lines(parts: list[Part], color: str, words: str, dot: int, rows: int) -> list[Text]:
        """The big rows, each run of lit (or unlit) dots one span: a few spans a line to draw."""
        on = Style(bgcolor=color)
        word_style = Style(bold=True, color=words)
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
                    elif row == GLYPH_ROWS // 2 and copy == (rows - 1) // 2:
                        runs.append((f" {text} ", word_style))
                    else:
                        runs.append((" " * word_cells(text), None))
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
