"""Domain errors of the queue core, each with a message in the person's language.

Exit codes follow the command line: 2 bad input, 3 refused now (closed, cap), 4 wrong state,
5 the database is busy or gone.
"""

from __future__ import annotations

from servicehall.errors import ServiceHallError


class HallError(ServiceHallError):
    """An operation the hall refuses; ``key`` names the catalogue message."""

    exit_code = 4
    key: str

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key=key, params=params)


class UnknownInput(HallError):
    """An unknown service, matter, window or ticket."""

    exit_code = 2


class Refused(HallError):
    """The hall is closed, the daily cap is reached, or it is not a market day."""

    exit_code = 3


class WrongState(HallError):
    """The operation makes no sense in the current state (finish with nothing called …)."""

    exit_code = 4


class StoreError(HallError):
    """The database is busy or cannot be reached; nothing was changed."""

    exit_code = 5
