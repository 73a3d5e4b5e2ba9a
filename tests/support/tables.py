"""Reading the tables the ``servicehall`` command prints: their lines, the columns' headings
(a heading's lines joined), and whether a table was cut off at the terminal's right edge."""

from __future__ import annotations

from rich.cells import cell_len

LEFT = "┏┃┡│└"
RIGHT = "┓┃┩│┘"


def table_lines(lines: list[str]) -> list[str]:
    """The lines of ``lines`` that belong to a table (a border or a row)."""
    return [line.rstrip() for line in lines if line[:1] and line[0] in LEFT]


def cut_off(lines: list[str]) -> list[str]:
    """The table lines that do not end with the table's right-hand border."""
    return [line for line in table_lines(lines) if line[-1] not in RIGHT]


def headings(lines: list[str]) -> set[str]:
    """Every column's heading in the printed tables, its lines joined (限时 / 办结率)."""
    found: set[str] = set()
    parts: list[list[str]] = []
    for line in lines:
        if line.startswith("┏"):
            parts = []
        elif line.startswith("┃"):
            cells = [cell.strip() for cell in line.strip().strip("┃").split("┃")]
            parts = parts or [[] for _ in cells]
            for column, cell in zip(parts, cells, strict=True):
                column.append(cell)
        elif line.startswith("┡"):
            found |= {joined([word for word in column if word]) for column in parts}
    return found


def joined(words: list[str]) -> str:
    """A heading's lines as one: Chinese runs on (限时办结率), English takes a space."""
    text = words[0] if words else ""
    for word in words[1:]:
        wide = cell_len(text[-1]) == 2 or cell_len(word[0]) == 2
        text += word if wide else f" {word}"
    return text
