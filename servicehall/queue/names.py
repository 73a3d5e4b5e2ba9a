"""Names and ids typed by people (clerk ids, leader names, reasons, ticket labels), checked
before they reach the database, a terminal, a printed ticket or a spreadsheet.

Control characters are refused (an ESC would act on every terminal that shows the name; Excel
files cannot hold them) and lengths are bounded by the columns that keep them, so PostgreSQL
never answers with a data error.
"""

from __future__ import annotations

import re

from servicehall.i18n import field_name, is_control
from servicehall.queue.errors import UnknownInput

NAME_LIMIT = 32
"""The width of the name and id columns (clerk, leader, title)."""
REASON_LIMIT = 200
MAX_ID = 2**63 - 1
_LABEL = re.compile(r"^[A-Za-z][0-9]{1,6}$")
_ID = re.compile(r"^[0-9]{1,19}$")


def clean_text(value: str, field: str, *, limit: int = NAME_LIMIT, required: bool = True) -> str:
    """``value`` without surrounding blanks, or :class:`UnknownInput` saying what is wrong."""
    text = value.strip()
    if not text:
        if required:
            raise UnknownInput("text_empty", field=field_name(field))
        return text
    if any(is_control(ch) for ch in text):
        raise UnknownInput("text_control", field=field_name(field))
    if len(text) > limit:
        raise UnknownInput("text_long", field=field_name(field), limit=limit)
    return text


def ticket_ref(ref: int | str) -> int | str:
    """A ticket id (digits) or a label such as ``A012``, checked; anything else is unknown."""
    if isinstance(ref, int):
        if not 0 < ref <= MAX_ID:
            raise UnknownInput("unknown_ticket", ticket=str(ref))
        return ref
    text = ref.strip()
    if _ID.match(text) and 0 < int(text) <= MAX_ID:
        return int(text)
    if _LABEL.match(text):
        return text.upper()
    raise UnknownInput("unknown_ticket", ticket=ref)
