"""Where this PC keeps the hall's files: the embedded database, the logs, caches.

``$SERVICEHALL_HOME`` overrides the platform's user data directory; ``$SERVICEHALL_DB`` the
database. Standard library and platformdirs only, so the command line can set up its log before
it knows whether the command needs the database at all.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """Where the embedded database and the logs live (``$SERVICEHALL_HOME`` overrides)."""
    path = Path(os.environ.get("SERVICEHALL_HOME") or user_data_dir("servicehall", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_url() -> str:
    return os.environ.get("SERVICEHALL_DB") or f"sqlite:///{data_dir() / 'hall.db'}"
