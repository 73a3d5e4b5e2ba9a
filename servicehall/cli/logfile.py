"""The commands' log file: rotating, in the data directory, and quiet when it cannot be written.

Loaded by the first log record (``cli.common.LogOnFirstRecord``): ``logging.handlers`` brings
sockets, pickle and queues along, which a command that logs nothing does not need.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler

from servicehall.cli.common import err_console
from servicehall.i18n import t


class QuietFileHandler(RotatingFileHandler):
    """The log file; when it cannot be written (a full disk) it says so once and stops, instead
    of a logging traceback for every record."""

    servicehall_log = True

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        error = sys.exc_info()[1]
        logging.getLogger().removeHandler(self)
        reason = getattr(error, "strerror", None) or str(error)
        err_console().print(t("cli_log_failed", reason=reason), style="yellow")
