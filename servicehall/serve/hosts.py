"""Which ``Host`` headers a served page answers: never a name an outsider's DNS controls.

Shared by the Textual apps in a browser (``serve.server``) and the phone page (``phone.app``):
loopback names, IP addresses, and names given on purpose (``--allow-host``, the host of
``[phone] base_url``). A page opened under any other name is refused, so a web page elsewhere
cannot drive this server through DNS rebinding. No aiohttp here: the check is plain text.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def host_name(host: str) -> str | None:
    """The name in a ``Host`` header (port and brackets taken off, lower case), or None."""
    try:
        return (urlsplit(f"//{host}").hostname or "").lower() or None
    except ValueError:
        return None


def trusted_host(host: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether a ``Host`` header names this server: localhost, an IP address, or ``allowed``."""
    name = host_name(host)
    if name is None:
        return False
    if name == "localhost" or name in allowed:
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
