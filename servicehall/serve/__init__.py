"""The hall in a browser: textual-serve with the project's own offline page.

``server`` imports aiohttp; it is loaded only by ``servicehall serve`` itself.
"""

ROLES = ("display", "kiosk", "clerk", "manager", "phone")
"""``phone`` is the villagers' phone pages (``servicehall.phone``), not a Textual app."""

__all__ = ["ROLES"]
