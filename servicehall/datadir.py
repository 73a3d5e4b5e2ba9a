"""Where this PC keeps the hall's files: the embedded database, the logs, caches.

``$SERVICEHALL_HOME`` overrides the platform's user data directory; ``$SERVICEHALL_DB`` the
database. Standard library and platformdirs only, so the command line can set up its log before
it knows whether the command needs the database at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def home(environ: Mapping[str, str] = os.environ) -> Path:
    """The data directory's path, not made here (``servicehall.launch`` only looks for the
    agent's socket in it): ``$SERVICEHALL_HOME``, else the platform's user data directory."""
    given = environ.get("SERVICEHALL_HOME")
    if given:
        return Path(given)
    from platformdirs import user_data_dir

    return Path(user_data_dir("servicehall", appauthor=False))


def data_dir() -> Path:
    """Where the embedded database and the logs live, made if it is not there yet."""
    path = home()
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_url() -> str:
    return os.environ.get("SERVICEHALL_DB") or f"sqlite:///{data_dir() / 'hall.db'}"
