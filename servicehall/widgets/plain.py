"""Text shown exactly as it is: names from hall.toml and the database, messages that quote what
someone typed, printer and database details.

Textual reads a plain ``str`` given to a widget as markup: a service named ``民政[/]`` or an
error quoting ``[Errno 111]`` would be a tag (or crash the screen with a ``MarkupError``).
``plain`` makes it :class:`~textual.content.Content`, which has no markup.
"""

from __future__ import annotations

from textual.content import Content


def plain(text: str) -> Content:
    return Content(text)
