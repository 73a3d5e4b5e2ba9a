"""The last several calls, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from servicehall.display.lines import LineCachedWidget
from servicehall.i18n import t
from servicehall.ui.calls import Call
from servicehall.ui.themes import colours


class RecentCalls(LineCachedWidget):
    DEFAULT_CSS = """
    RecentCalls { width: 30; height: 1fr; padding: 0 1; background: $boost; }
    """

    calls: reactive[tuple[Call, ...]] = reactive(())

    def state(self) -> tuple[tuple[Call, ...]]:
        return (self.calls,)

    def render(self) -> Text:
        paint = colours(self.app)
        text = Text(t("display_recent"), style="bold")
        spaced = self.size.height >= 2 * len(self.calls) + 1  # room to breathe on a big TV
        for index, call in enumerate(self.calls):
            text.append("\n\n" if spaced else "\n")
            marked = f"bold {paint['display-marked']} on {paint['display-call']}"
            text.append(f" {call.label} ", style=marked if index == 0 else "bold")
            text.append(
                "  " + t("display_recent_window", window=call.window), style=paint["display-words"]
            )
            text.append(f"  {call.at:%H:%M}", style="grey70")
            if call.recall:
                text.append(t("display_recent_again"), style=paint["display-call"])
        if not self.calls:
            text.append("\n" + t("display_recent_none"), style=paint["display-quiet"])
        return text
