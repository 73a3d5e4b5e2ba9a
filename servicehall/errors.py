"""The root of every error servicehall reports to a person.

Each error carries a message for the person in front of the screen and the exit code the command
line uses. An error made from a catalogue key (``key`` and ``params``, as every error of the core)
is put into words when it is shown, in the language of that moment: an error raised while the
process spoke Chinese is printed in English after ``--lang en``.
"""

from __future__ import annotations

from collections.abc import Mapping

from servicehall.i18n import t


class ServiceHallError(Exception):
    """An error with a message fit for the person in front of the screen."""

    exit_code = 1

    def __init__(
        self, message: str = "", *, key: str | None = None, params: Mapping[str, object] = {}
    ) -> None:
        super().__init__(t(key, **params) if key else message)
        self._text = message
        self.key = key
        self.params = dict(params)

    @property
    def message(self) -> str:
        """The message in the language of now."""
        return t(self.key, **self.params) if self.key else self._text
