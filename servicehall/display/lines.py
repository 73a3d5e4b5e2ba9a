"""``LineCachedWidget``: a widget whose ``render()`` is turned into screen lines once per change.

Textual's general content path costs several times more than Rich's own renderer for the
screen-sized blocks of coloured runs the hall board is made of, and the board is redrawn on every
call. Subclasses keep ``render()`` (a Rich renderable, as usual) and name the state it depends on
in ``state()``; the lines are rendered with Rich when that state, the size or the colours change,
and served from the cache otherwise.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, cast

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from rich.console import RenderableType


class LineCachedWidget(Widget):
    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's own name)
        super().__init__(id=id)
        self._lines: list[Strip] = []
        self._lines_key: tuple[Hashable, ...] = ()

    def state(self) -> tuple[Hashable, ...]:
        """Everything ``render()`` reads besides the size and the colours."""
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (self.size, self.rich_style, *self.state())
        if key != self._lines_key:  # checked once per redraw, not once per line
            width = self.size.width
            console = self.app.console
            options = console.options.update(width=width, height=None, no_wrap=True)
            renderable = cast("RenderableType", self.render())  # Rich's, see the docstring
            lines = console.render_lines(renderable, options, style=self.rich_style, pad=True)
            self._lines = [Strip(line, width) for line in lines]
            self._lines_key = key
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        if y < len(self._lines):
            return self._lines[y]
        return Strip.blank(self.size.width, self.rich_style)
