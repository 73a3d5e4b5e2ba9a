"""The root of every error servicehall reports to a person.

Each error carries a message in the person's language and the exit code the command line uses.
"""

from __future__ import annotations


class ServiceHallError(Exception):
    """An error with a message fit for the person in front of the screen."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
