"""PIN hashing for staff screens and clerks: PBKDF2-SHA256, never stored or logged in clear."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

_SCHEME = "pbkdf2_sha256"
_ITERATIONS = 120_000
_HASH = re.compile(r"^pbkdf2_sha256\$[1-9][0-9]{3,7}\$[A-Za-z0-9+/]{4,}={0,2}\$[0-9a-f]{64}$")

PUBLISHED_PIN = "246810"
"""The sample hall's staff PIN, printed in the README: a hall still using it has no PIN."""


def hash_pin(pin: str, *, salt: bytes | None = None, iterations: int = _ITERATIONS) -> str:
    salt = salt if salt is not None else secrets.token_bytes(12)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{_SCHEME}${iterations}${base64.b64encode(salt).decode()}${digest.hex()}"


def is_pin_hash(text: str) -> bool:
    """Whether ``text`` looks like what ``hash_pin`` (``servicehall hash-pin``) writes."""
    return bool(_HASH.match(text))


def is_published(stored: str) -> bool:
    """Whether the hash is of the PIN everyone can read in the README."""
    return bool(stored) and verify_pin(PUBLISHED_PIN, stored)


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored``; a malformed or empty hash never matches."""
    try:
        scheme, iterations, salt_b64, digest_hex = stored.split("$")
        if scheme != _SCHEME:
            return False
        salt = base64.b64decode(salt_b64)
        rounds = int(iterations)
    except ValueError:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, rounds)
    return hmac.compare_digest(digest.hex(), digest_hex)
