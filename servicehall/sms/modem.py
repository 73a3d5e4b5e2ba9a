"""A GSM modem (短信猫) on a serial port: AT commands, PDU mode, and its health.

A small layer on pyserial, not python-gsmmodem-new's ``GsmModem`` (only its PDU encoder is used,
in ``pdu.py``): ``GsmModem.sendSms`` sends every part of a long message in one call and cannot
say which parts the modem accepted before a fault, so a retry would repeat them; its start-up
runs a dozen model-specific commands (ATZ, AT+CLAC, call-state tables) a plain SMS modem does
not need; it reads the port one byte at a time in a thread of its own and, when the port
vanishes, only calls a fatal-error callback (no reopening). Here every exchange is one blocking
call with a deadline, a fault says whether the modem might have sent the part
(``ModemFault.maybe_sent``) or whether the modem itself is unusable (``ModemFault.down``), and the
port is reopened by name, so a replugged modem is found again under /dev/serial/by-id/.

Send sequence per part: ``AT+CMGS=<TPDU octets>`` → the ``> `` prompt → PDU in hex + Ctrl-Z →
``+CMGS: <ref>`` and ``OK``, or ``+CMS ERROR: <n>``.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass

import serial

from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.sms.pdu import PduPart

log = logging.getLogger(__name__)

PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError)
if sys.platform != "win32":
    import termios

    PORT_ERRORS += (termios.error,)

CTRL_Z = b"\x1a"
ESC = b"\x1b"
COMMAND_TIMEOUT_S = 5.0
SEND_TIMEOUT_S = 60.0
"""Networks can take tens of seconds to accept a message; after this it counts as lost."""
REGISTERED = {1: "sms_home_network", 5: "sms_roaming"}
"""The registrations that can send (+CREG 1 and 5), as catalogue keys."""
# +CMS ERROR codes that mean the SIM or the network, not this message: the modem is down
MODEM_CMS_ERRORS = frozenset({310, 311, 312, 313, 314, 315, 316, 317, 318, 330, 331, 332})
SIM_MISSING_CME = frozenset({10, 13, 14, 15})
SIM_LOCKED_CME = frozenset({5, 11, 12, 16, 17, 18})


class ModemFault(ServiceHallError):
    """A modem or sender fault, with a message for staff (never a phone number in it).

    ``down``: the modem, SIM, network or port is unusable now (the bridge waits and checks it
    again). ``maybe_sent``: the fault came after the modem had the whole part, so the message
    may have gone out and must not be sent again.
    """

    exit_code = 7

    def __init__(
        self, key: str, *, down: bool = False, maybe_sent: bool = False, **params: object
    ) -> None:
        super().__init__(key=key, params=params)
        self.down = down
        self.maybe_sent = maybe_sent

    def after_handover(self) -> ModemFault:
        """The same fault met after the modem had the whole part: it may have been sent."""
        self.down = self.maybe_sent = True
        return self


@dataclass(frozen=True)
class ModemHealth:
    """What ``AT+CPIN?``, ``AT+CREG?`` and ``AT+CSQ`` said."""

    sim: str
    registration: int
    signal: int | None
    """0–31 (None: the modem does not know, ``99``)."""

    @property
    def registered(self) -> bool:
        return self.registration in REGISTERED

    def describe(self) -> str:
        signal = t("sms_signal_unknown") if self.signal is None else f"{self.signal}/31"
        if not self.registered:
            return t("sms_unregistered", code=self.registration)
        network = t(REGISTERED[self.registration])
        return t("sms_health", network=network, signal=signal)


class Modem:
    """One modem on one port; ``open()`` again after a fault that closed it."""

    def __init__(
        self,
        port: str,
        baud: int = 115200,
        *,
        command_timeout_s: float = COMMAND_TIMEOUT_S,
        send_timeout_s: float = SEND_TIMEOUT_S,
    ) -> None:
        self.port = port
        self.baud = baud
        self.command_timeout_s = command_timeout_s
        self.send_timeout_s = send_timeout_s
        self._link: serial.Serial | None = None
        self._buffer = b""

    @property
    def is_open(self) -> bool:
        return self._link is not None

    def open(self) -> None:
        """Open the port (exclusively: one process per modem) and set the modem up."""
        self.close()
        try:
            self._link = serial.Serial(self.port, self.baud, timeout=0.05, exclusive=True)
        except PORT_ERRORS as exc:
            raise ModemFault(
                "sms_port_missing", down=True, port=self.port, detail=_short(exc)
            ) from exc
        try:
            self._write(ESC)  # a modem left waiting for a PDU by a dead process drops it
            for setup in ("AT", "ATE0", "AT+CMEE=1", "AT+CMGF=0"):  # PDU mode: UCS-2 Chinese
                self.command(setup)
        except ModemFault:
            self.close()
            raise
        log.info("modem on %s at %d baud is set up", self.port, self.baud)

    def close(self) -> None:
        if self._link is not None:
            try:
                self._link.close()
            except PORT_ERRORS:
                log.debug("closing %s failed", self.port, exc_info=True)
            self._link = None
        self._buffer = b""

    # ------------------------------------------------------------------ health

    def health(self) -> ModemHealth:
        """SIM, network registration and signal; raises when the SIM is missing or locked."""
        sim_lines = self.command("AT+CPIN?")
        sim = _field(sim_lines, "+CPIN:") or ""
        if sim.upper() != "READY":
            raise ModemFault("sms_sim_locked", down=True, detail=f"+CPIN: {sim}")
        # the answer is "+CREG: <n>,<stat>"; an unasked "+CREG: <stat>" may come with it
        creg = _field(self.command("AT+CREG?"), "+CREG:", fields=2) or "0,0"
        stat = creg.split(",")[1].strip()
        registration = int(stat) if stat.isdigit() else 0
        csq = (_field(self.command("AT+CSQ"), "+CSQ:", fields=2) or "99,99").split(",")[0].strip()
        signal = int(csq) if csq.isdigit() and int(csq) != 99 else None
        return ModemHealth(sim, registration, signal)

    def check_ready(self) -> ModemHealth:
        """Open if closed, then the health; ``ModemFault(down=True)`` unless it can send."""
        if not self.is_open:
            self.open()
        health = self.health()
        if not health.registered:
            raise ModemFault(
                "sms_not_registered", down=True, detail=f"+CREG: 0,{health.registration}"
            )
        return health

    # ------------------------------------------------------------------ exchanges

    def command(self, line: str, timeout_s: float | None = None) -> list[str]:
        """Send one AT command; the lines it answered before ``OK`` (echo dropped)."""
        deadline = time.monotonic() + (timeout_s or self.command_timeout_s)
        self._discard_input()
        self._write(line.encode("ascii") + b"\r")
        lines: list[str] = []
        while True:
            reply = self._read_line(deadline, line)
            if reply == line:
                continue  # the modem's echo (before ATE0 takes effect)
            if reply == "OK":
                return lines
            _raise_for_error(reply, line)
            lines.append(reply)

    def send_pdu(self, part: PduPart) -> int:
        """Send one part; the network's message reference. A fault after the PDU went to the
        modem has ``maybe_sent``."""
        deadline = time.monotonic() + self.command_timeout_s
        self._discard_input()
        self._write(f"AT+CMGS={part.tpdu_length}\r".encode("ascii"))
        self._await_prompt(deadline)
        try:
            self._write(part.hex.encode("ascii") + CTRL_Z)
            deadline = time.monotonic() + self.send_timeout_s
            while True:
                reply = self._read_line(deadline, "AT+CMGS")
                if reply.startswith("+CMGS:"):
                    reference = reply.partition(":")[2].strip()
                    self._read_until_ok(deadline)
                    return int(reference) if reference.isdigit() else -1
                _raise_for_error(reply, "AT+CMGS")
        except ModemFault as fault:
            if fault.key == "sms_rejected":  # the network said no: certainly not sent
                raise
            raise fault.after_handover() from None

    def _read_until_ok(self, deadline: float) -> None:
        while self._read_line(deadline, "AT+CMGS") != "OK":
            pass

    def _await_prompt(self, deadline: float) -> None:
        """Wait for ``> ``; an error line instead means the modem refused (nothing sent)."""
        while True:
            if b">" in self._buffer:
                self._buffer = b""
                return
            while b"\n" in self._buffer:
                raw, _, self._buffer = self._buffer.partition(b"\n")
                reply = raw.decode("ascii", "replace").strip()
                if reply:
                    _raise_for_error(reply, "AT+CMGS")
            self._fill(deadline, "AT+CMGS")

    def _write(self, data: bytes) -> None:
        link = self._require_link()
        try:
            link.write(data)
            link.flush()
        except PORT_ERRORS as exc:
            raise self._lost(exc) from exc

    def _discard_input(self) -> None:
        """Drop what the modem said unasked (+CMTI, RING, ^RSSI …) before a new exchange."""
        link = self._require_link()
        self._buffer = b""
        try:
            link.reset_input_buffer()
        except PORT_ERRORS as exc:
            raise self._lost(exc) from exc

    def _fill(self, deadline: float, command: str) -> None:
        if time.monotonic() > deadline:
            raise ModemFault("sms_no_answer", down=True, detail=t("sms_timed_out", command=command))
        link = self._require_link()
        try:
            self._buffer += link.read(link.in_waiting or 1)
        except PORT_ERRORS as exc:
            raise self._lost(exc) from exc

    def _read_line(self, deadline: float, command: str) -> str:
        """The next non-empty line the modem sent (CR, LF or both end a line)."""
        while True:
            self._buffer = self._buffer.lstrip(b"\r\n")
            ends = [i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0]
            if ends:
                cut = min(ends)
                raw, self._buffer = self._buffer[:cut], self._buffer[cut + 1 :]
                text = raw.decode("ascii", "replace").strip()
                if text:
                    return text
                continue
            self._fill(deadline, command)

    def _lost(self, exc: BaseException) -> ModemFault:
        """The port failed under us (cable pulled, adapter gone): close it, to reopen later."""
        self.close()
        return ModemFault("sms_port_lost", down=True, port=self.port, detail=_short(exc))

    def _require_link(self) -> serial.Serial:
        if self._link is None:
            raise ModemFault("sms_port_lost", down=True, port=self.port, detail="closed")
        return self._link


def _raise_for_error(reply: str, command: str) -> None:
    upper = reply.upper()
    if upper.startswith("+CMS ERROR"):
        code = _code(reply)
        down = code in MODEM_CMS_ERRORS
        raise ModemFault("sms_rejected", down=down, detail=reply)
    if upper.startswith("+CME ERROR"):
        code = _code(reply)
        if code in SIM_MISSING_CME:
            raise ModemFault("sms_no_sim", down=True, detail=reply)
        if code in SIM_LOCKED_CME:
            raise ModemFault("sms_sim_locked", down=True, detail=reply)
        raise ModemFault("sms_no_answer", down=True, detail=f"{command}: {reply}")
    if upper in ("ERROR", "NO CARRIER"):
        raise ModemFault("sms_no_answer", down=True, detail=f"{command}: {reply}")


def _code(reply: str) -> int | None:
    value = reply.partition(":")[2].strip()
    return int(value) if value.isdigit() else None


def _field(lines: list[str], prefix: str, fields: int = 1) -> str | None:
    """The value of the last ``prefix`` line with at least ``fields`` comma-separated fields."""
    found = None
    for line in lines:
        value = line[len(prefix) :].strip()
        if line.upper().startswith(prefix) and len(value.split(",")) >= fields:
            found = value
    return found


def _short(exc: BaseException) -> str:
    """The OS's words for an error (pyserial repeats the path around them)."""
    number = getattr(exc, "errno", None)
    if not isinstance(number, int) and exc.args and isinstance(exc.args[0], tuple):
        number = exc.args[0][0]  # pyserial wraps the OS error's (errno, text) in its own
    if isinstance(number, int):
        return os.strerror(number)
    text = str(exc).strip()
    return text.splitlines()[0][:100] if text else type(exc).__name__
