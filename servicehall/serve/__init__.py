"""The hall in a browser: textual-serve with the project's own offline page.

``server`` imports aiohttp; it is loaded only by ``servicehall serve`` itself.
"""

ROLES = ("display", "kiosk", "clerk", "manager")

__all__ = ["ROLES"]
