"""The two ways a hall sends: its own GSM modem, or a command for the county's SMS platform.

A sender checks it can send (``check``: a line on its health, or ``ModemFault(down=True)``) and
sends one claimed message (``send``), calling ``on_part(n)`` each time the n-th part is accepted
so the outbox records it before the next part goes.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable
from typing import Protocol

from servicehall.config.models import SmsSettings
from servicehall.i18n import t
from servicehall.queue.errors import UnknownInput
from servicehall.queue.outbox import OutgoingMessage, mask_phone
from servicehall.sms.modem import Modem, ModemFault
from servicehall.sms.pdu import encode_parts

log = logging.getLogger(__name__)


class Sender(Protocol):
    name: str

    def check(self) -> str:
        """Ready to send: a line on its health; raises ``ModemFault(down=True)`` when not."""
        ...

    def send(self, message: OutgoingMessage, on_part: Callable[[int], None]) -> None:
        """Send the parts after ``message.parts_done``; raises ``ModemFault`` when one fails."""
        ...

    def close(self) -> None: ...


class ModemSender:
    """A GSM modem on a serial port, reopened by name after a fault."""

    def __init__(self, port: str, baud: int) -> None:
        self.modem = Modem(port, baud)
        self.name = t("sms_modem_name", port=port)

    def check(self) -> str:
        try:
            return self.modem.check_ready().describe()
        except ModemFault:
            self.modem.close()  # the next check opens the port afresh (a replugged modem)
            raise

    def send(self, message: OutgoingMessage, on_part: Callable[[int], None]) -> None:
        parts = encode_parts(message.phone, message.text, reference=message.id)
        try:
            for index in range(message.parts_done, len(parts)):
                self.modem.send_pdu(parts[index])
                on_part(index + 1)
        except ModemFault as fault:
            if fault.down:
                self.modem.close()
            raise

    def close(self) -> None:
        self.modem.close()


class CommandSender:
    """Runs ``[sms] command`` with the number and the text (never through a shell).

    ``{number}`` and ``{text}`` in the arguments are replaced; the text is also written to the
    program's standard input. Exit status 0 means the platform took the message.
    """

    def __init__(self, command: list[str], timeout_s: float) -> None:
        self.command = list(command)
        self.timeout_s = timeout_s
        self.name = t("sms_command_name", program=command[0])

    def check(self) -> str:
        program = self.command[0]
        if shutil.which(program) is None:
            raise ModemFault("sms_command_missing", down=True, program=program)
        return t("sms_command_runs", program=program)

    def send(self, message: OutgoingMessage, on_part: Callable[[int], None]) -> None:
        argv = [
            part.replace("{number}", message.phone).replace("{text}", message.text)
            for part in self.command
        ]
        try:
            done = subprocess.run(
                argv,
                input=message.text,
                capture_output=True,
                text=True,
                timeout=self.timeout_s,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            detail = t("sms_command_timeout", seconds=f"{self.timeout_s:g}")
            raise ModemFault("sms_command_failed", maybe_sent=True, detail=detail) from exc
        except OSError as exc:  # not started: certainly not sent
            raise ModemFault("sms_command_missing", down=True, program=argv[0]) from exc
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            detail = t("sms_exit_code", code=done.returncode)
            if said:
                detail += t("sms_exit_said", said=said[-1][:120])
            # the program may have echoed the number: staff see it masked, like everywhere
            detail = detail.replace(message.phone, mask_phone(message.phone))
            raise ModemFault("sms_command_failed", detail=detail)
        on_part(1)

    def close(self) -> None:
        """Nothing stays open between messages."""


def make_sender(settings: SmsSettings, port: str | None = None, baud: int | None = None) -> Sender:
    """The sender ``[sms]`` asks for; ``port`` and ``baud`` (the command line's) override it."""
    if settings.sender == "command":
        return CommandSender(settings.command, settings.command_timeout_s)
    port = port or settings.port
    if not port:
        raise UnknownInput("sms_no_port")
    return ModemSender(port, baud or settings.baud)
