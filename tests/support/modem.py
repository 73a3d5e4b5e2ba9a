"""A GSM modem on a pseudo-terminal that answers AT commands, and a decoder for what it got.

``FakeModem`` plays a SIM800-like modem behind a stable name (a symlink, as /dev/serial/by-id/…
is): echo until ``ATE0``, ``+CPIN?``/``+CREG?``/``+CSQ``, PDU mode, and ``AT+CMGS=<n>`` → ``> `` →
hex PDU + Ctrl-Z → ``+CMGS: <ref>`` / ``OK``. A PDU whose length does not match ``<n>`` is
refused (``+CMS ERROR: 304``) as a real modem does. Faults are set by the test: no SIM, not
registered, ``+CMS ERROR`` for the next sends (or for chosen PDUs), lines said unasked
(``+CMTI`` …), holding the answer after a PDU (``hold``), the port vanishing (``unplug``) and
coming back as a new device behind the same name (``replug``).

``decode`` reads a received PDU with smspdudecoder, an implementation independent of the
encoder the code under test uses.
"""

from __future__ import annotations

import contextlib
import io
import os
import select
import threading
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smspdudecoder.fields import SMSSubmit

CTRL_Z = 0x1A
ESC = 0x1B


@dataclass(frozen=True)
class Received:
    """One SMS-SUBMIT PDU as it reached the modem, decoded independently."""

    hex: str
    number: str
    text: str
    encoding: str
    reference: int | None
    """The concatenation reference (None for a one-part message)."""
    part: int
    parts: int


def decode(pdu_hex: str) -> Received:
    fields: dict[str, Any] = SMSSubmit.decode(io.StringIO(pdu_hex))
    header = fields["user_data"].get("header") or {}
    concat = next((e["data"] for e in header.get("elements", []) if e["iei"] == 0), None)
    return Received(
        hex=pdu_hex,
        number=fields["recipient"]["number"],
        text=fields["user_data"]["data"],
        encoding=fields["dcs"]["encoding"],
        reference=concat["reference"] if concat else None,
        part=concat["part_number"] if concat else 1,
        parts=concat["parts_count"] if concat else 1,
    )


def join_parts(received: list[Received]) -> str:
    """The message a phone shows: the parts of one reference, in part order."""
    return "".join(r.text for r in sorted(received, key=lambda r: r.part))


class FakeModem:
    """Start with ``with FakeModem(tmp_path) as modem:``; the code opens ``modem.path``."""

    def __init__(self, directory: Path, name: str = "ttyUSB-modem") -> None:
        self.path = directory / name
        self.sim: str | None = "READY"  # None: no SIM card; "SIM PIN": locked
        self.registration = 1  # +CREG stat: 1 home, 5 roaming, 2 searching, 0 not registered
        self.signal = 20
        self.cms_errors: list[int] = []  # the next sends are refused with these codes
        self.refuse: Callable[[Received], int | None] | None = None  # a code for this PDU?
        self.unsolicited: list[str] = []  # lines said unasked just before the next answer
        self.unsolicited_on: dict[str, list[str]] = {}  # … before the answer to this command
        self.hold = threading.Event()  # cleared: a PDU is received but not answered
        self.hold.set()
        self.commands: list[str] = []
        self.pdus: list[str] = []  # every well-formed PDU that reached the modem, in order
        self.arrived: list[float] = []  # time.monotonic() when each of them was complete
        self.sent: list[str] = []  # the PDUs it answered with +CMGS (gone to the network)
        self.changed = threading.Condition()
        self._master = self._slave = -1
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._mr = 0

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> FakeModem:
        self.replug()
        return self

    def __exit__(self, *exc: object) -> None:
        self.unplug()

    def replug(self) -> None:
        """A (new) device behind ``path``: a fresh pty, answering from a fresh thread."""
        self._master, self._slave = os.openpty()
        tty.setraw(self._master)
        tty.setraw(self._slave)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.path.symlink_to(os.ttyname(self._slave))
        self._stop = threading.Event()
        self._echo = True
        self._pdu_mode = False
        self._thread = threading.Thread(target=self._serve, args=(self._stop,), daemon=True)
        self._thread.start()

    def unplug(self) -> None:
        """The cable is pulled: the device closes, its name dangles."""
        self._stop.set()
        self.hold.set()
        if self._thread is not None:
            self._thread.join(10)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._master = self._slave = -1
        # it dangles at a path that stays missing: the freed pty number may go to another test
        # process, and opening the name must not reach that one's pty
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self.path.symlink_to(self.path.with_name(f"{self.path.name}.unplugged"))

    # ------------------------------------------------------------------ what it got

    def delivered(self) -> list[Received]:
        """What went to the network (answered with +CMGS), decoded."""
        with self.changed:
            return [decode(p) for p in self.sent]

    def wait_received(self, count: int, timeout: float) -> list[Received]:
        """Block until ``count`` PDUs reached the modem (answered or not)."""
        return self._wait(self.pdus, count, timeout)

    def wait_sent(self, count: int, timeout: float) -> list[Received]:
        """Block until ``count`` PDUs went to the network."""
        return self._wait(self.sent, count, timeout)

    def _wait(self, pdus: list[str], count: int, timeout: float) -> list[Received]:
        with self.changed:
            if not self.changed.wait_for(lambda: len(pdus) >= count, timeout):
                raise AssertionError(f"the modem has {len(pdus)} PDU(s), expected {count}")
            return [decode(p) for p in pdus]

    # ------------------------------------------------------------------ the modem's side

    def _serve(self, stop: threading.Event) -> None:
        master = self._master
        line = bytearray()
        pdu: bytearray | None = None
        declared = 0
        while not stop.is_set():
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            for byte in data:
                if pdu is not None:
                    if byte == CTRL_Z:
                        self._submit(master, pdu.decode("ascii"), declared, stop)
                        pdu = None
                    elif byte == ESC:
                        pdu = None
                        self._say(master, "OK")
                    else:
                        pdu.append(byte)
                    continue
                if byte == ESC:
                    continue
                if self._echo:
                    self._write(master, bytes([byte]))
                if byte == 0x0D:
                    command = line.decode("ascii", "replace").strip()
                    line.clear()
                    if command:
                        declared = self._command(master, command)
                        if declared:
                            pdu = bytearray()
                elif byte != 0x0A:
                    line.append(byte)

    def _command(self, master: int, command: str) -> int:
        """Answer one command; the declared TPDU length when a PDU is to follow."""
        self.commands.append(command)
        upper = command.upper()
        self.unsolicited += self.unsolicited_on.pop(upper, [])
        if upper in ("AT", "AT+CMEE=1"):
            self._say(master, "OK")
        elif upper in ("ATE0", "ATE1"):
            self._echo = upper == "ATE1"
            self._say(master, "OK")
        elif upper == "AT+CMGF=0":
            self._pdu_mode = True
            self._say(master, "OK")
        elif upper == "AT+CPIN?":
            self._say(master, "+CME ERROR: 10" if self.sim is None else f"+CPIN: {self.sim}")
            if self.sim is not None:
                self._say(master, "OK")
        elif upper == "AT+CREG?":
            self._say(master, f"+CREG: 0,{self.registration}", "OK")
        elif upper == "AT+CSQ":
            self._say(master, f"+CSQ: {self.signal},99", "OK")
        elif upper.startswith("AT+CMGS="):
            if not self._pdu_mode or not upper[8:].isdigit():
                self._say(master, "ERROR")
            elif self.sim is None:
                self._say(master, "+CMS ERROR: 310")
            else:
                self._write(master, b"\r\n> ")
                return int(upper[8:])
        else:
            self._say(master, "ERROR")
        return 0

    def _submit(self, master: int, pdu: str, declared: int, stop: threading.Event) -> None:
        smsc_octets = int(pdu[:2], 16) + 1 if len(pdu) >= 2 else 0
        if len(pdu) % 2 or len(pdu) // 2 - smsc_octets != declared:
            self._say(master, "+CMS ERROR: 304")
            return
        with self.changed:
            self.pdus.append(pdu)
            self.arrived.append(time.monotonic())
            self.changed.notify_all()
        while not self.hold.wait(0.05):
            if stop.is_set():
                return
        refused = self.refuse(decode(pdu)) if self.refuse else None
        if refused is None and self.cms_errors:
            refused = self.cms_errors.pop(0)
        if refused is not None:
            self._say(master, f"+CMS ERROR: {refused}")
            return
        self._mr = (self._mr + 1) % 256
        self._say(master, f"+CMGS: {self._mr}", "OK")
        with self.changed:
            self.sent.append(pdu)
            self.changed.notify_all()

    def _say(self, master: int, *lines: str) -> None:
        lines = (*self.unsolicited, *lines)
        self.unsolicited = []
        self._write(master, b"".join(b"\r\n" + line.encode("ascii") + b"\r\n" for line in lines))

    def _write(self, master: int, data: bytes) -> None:
        with contextlib.suppress(OSError):
            os.write(master, data)
