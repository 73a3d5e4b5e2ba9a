"""The process's settings, read once at start-up from the environment and passed down.

``Settings.from_env()`` is the one place that reads ``$SERVICEHALL_*`` for a command: the
language, whether opening hours are enforced, the config file and the database (the data
directory comes from ``servicehall.datadir``, which logging needs before anything else). The
command line builds it in ``cli.main`` and hands it to the commands (``args.settings``); the core
and ``i18n`` read no environment variables: they are given what they need.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from servicehall.datadir import default_url

TRUE = ("1", "true", "yes")


@dataclass(frozen=True)
class Settings:
    lang: str = "zh"
    """``$SERVICEHALL_LANG``: zh or en (``--lang`` wins)."""
    ignore_hours: bool = False
    """``$SERVICEHALL_IGNORE_HOURS=1``: tickets outside opening hours (demos, training)."""
    config: str | None = None
    """``$SERVICEHALL_CONFIG``: hall.toml (``--config`` wins)."""
    db: str | None = None
    """``$SERVICEHALL_DB`` (``--db`` wins; else the data directory's SQLite file)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        lang = environ.get("SERVICEHALL_LANG", "zh").strip().lower()
        return cls(
            lang="en" if lang.startswith("en") else "zh",
            ignore_hours=environ.get("SERVICEHALL_IGNORE_HOURS", "").strip().lower() in TRUE,
            config=environ.get("SERVICEHALL_CONFIG") or None,
            db=environ.get("SERVICEHALL_DB") or None,
        )

    @property
    def enforce_hours(self) -> bool:
        return not self.ignore_hours

    def db_url(self, given: str | None = None) -> str:
        """The database a command uses: ``--db``, then ``$SERVICEHALL_DB``, then the default."""
        return given or self.db or default_url()
