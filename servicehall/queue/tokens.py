"""A ticket's phone-page token: drawn at issue, unguessable, never the number or the id.

The token is the only key to a ticket's page (``/t/<token>``), so nobody can walk through other
villagers' tickets. SQLite tickets draw it here; on PostgreSQL ``servicehall_issue`` draws it
(``gen_random_uuid``) so a kiosk role still issues through that one function.
"""

from __future__ import annotations

import re
import secrets

from servicehall.queue.tables import PAGE_TOKEN_CHARS

_TOKEN = re.compile(rf"^[0-9a-f]{{{PAGE_TOKEN_CHARS}}}$")


def new_page_token() -> str:
    """80 random bits as 20 lower-case hex digits."""
    return secrets.token_hex(PAGE_TOKEN_CHARS // 2)


def is_page_token(text: str) -> bool:
    """Whether ``text`` has a token's shape (anything else is refused without a query)."""
    return bool(_TOKEN.match(text))
