"""The wired caller keypad bridge: a line protocol over a serial port (RS-232/RS-485, pyserial).

Protocol (ASCII, one request per line, ``\\n`` or ``\\r\\n``; at most 64 bytes)::

    <window> <action> [<argument>]       e.g.  "5 1"   "5 N"   "12 5 B"   "3 7 A012"

Window is the window number; action is a digit or a letter from ``actions.ACTIONS``
(1/N 叫号, 2/R 重呼, 3/S 过号, 4/F 办结, 5/T 转办 + service code, 6/P 暂停/恢复,
7/K 指定叫号 + label, 8/Q 过号重排 + label) or 0/? for the window's status. Fields are separated
by spaces or commas. Every request gets one reply line::

    OK <window> <action> <label or ---> <waiting>
    ERR <window or -> <code> <reason>

``label`` is the window's current ticket after the action; ``waiting`` counts who waits for the
window's services. ``code`` is the exit code of the command line (2 bad input, 3 refused,
4 wrong state, 5 database) and ``reason`` an ASCII key such as ``nothing_called`` or
``bad_line``: keypads show digits and letters, not Chinese. A malformed line is answered with
``ERR - 2 bad_line`` and ignored. A line must arrive whole: a partial line followed by
``PARTIAL_LINE_S`` (about a second) of silence is dropped unanswered and logged, so a stray byte
from line noise never joins the next request (``1`` … ``2 1`` is not ``12 1``). When the port
vanishes (cable pulled, USB adapter replugged) the
bridge closes it and reopens it every ``retry_s`` seconds until it is back.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass

import serial

from servicehall.clerk.actions import BY_CODE, BY_KEY, perform
from servicehall.errors import ServiceHallError
from servicehall.queue import Hall, HallError

log = logging.getLogger(__name__)

MAX_LINE = 64
PARTIAL_LINE_S = 1.0
"""Silence after which an unfinished line is dropped (a keypad sends a whole line at once)."""
# What a vanished port raises: pyserial's error, the OS's, and on POSIX a bare termios.error
PORT_ERRORS: tuple[type[Exception], ...] = (serial.SerialException, OSError)
if sys.platform != "win32":
    import termios

    PORT_ERRORS += (termios.error,)
STATUS_KEYS = ("0", "?")


@dataclass(frozen=True)
class Request:
    window: int
    action: str  # an action code, or "status"
    argument: str = ""


class BadLine(ValueError):
    """A line that does not follow the protocol."""


def parse_line(line: str) -> Request:
    fields = line.replace(",", " ").split()
    if not 2 <= len(fields) <= 3 or not fields[0].isdigit():
        raise BadLine(line)
    key = fields[1].upper()
    argument = fields[2] if len(fields) == 3 else ""
    if key in STATUS_KEYS:
        return Request(int(fields[0]), "status")
    action = BY_KEY.get(key)
    if action is None or bool(action.needs) != bool(argument):
        raise BadLine(line)
    return Request(int(fields[0]), action.code, argument)


def answer(hall: Hall, raw: bytes) -> str:
    """One request line in, one reply line out (without the line end)."""
    try:
        line = raw.decode("ascii").strip()
        request = parse_line(line)
    except (UnicodeDecodeError, BadLine):
        log.info("keypad: malformed line %r", raw[:MAX_LINE])
        return "ERR - 2 bad_line"
    window = request.window
    try:
        hall.window(window)
        if request.action != "status":
            perform(hall, window, request.action, request.argument)
            key = BY_CODE[request.action].digit
        else:
            key = "0"
        hall_status = hall.status()  # one read for the window and its waiting counts
        status = hall_status.window(window)
        waiting = sum(hall_status.waiting(code) for code in status.services)
    except HallError as exc:
        log.info("keypad: window %d %s refused: %s", window, request.action, exc.message)
        return f"ERR {window} {exc.exit_code} {exc.key}"
    except ServiceHallError as exc:
        log.warning("keypad: window %d %s failed: %s", window, request.action, exc.message)
        return f"ERR {window} {exc.exit_code} failed"
    return f"OK {window} {key} {status.current or '---'} {waiting}"


class KeypadBridge:
    """Reads request lines from a serial port and answers each; reopens a vanished port."""

    def __init__(
        self,
        hall: Hall,
        port: str,
        baud: int = 9600,
        *,
        retry_s: float = 1.0,
        partial_line_s: float = PARTIAL_LINE_S,
    ) -> None:
        self.hall = hall
        self.port = port
        self.baud = baud
        self.retry_s = retry_s
        self.partial_line_s = partial_line_s
        self.dropped = 0
        self.stopping = threading.Event()
        self.connected = threading.Event()
        self.handled = 0

    def stop(self) -> None:
        self.stopping.set()

    def run(self) -> None:
        """Serve until ``stop()``; a lost port is closed and reopened."""
        while not self.stopping.is_set():
            try:
                link = serial.Serial(self.port, self.baud, timeout=0.2)
            except PORT_ERRORS as exc:
                log.warning("keypad: cannot open %s: %s", self.port, exc)
                self.stopping.wait(self.retry_s)
                continue
            log.info("keypad: listening on %s at %d baud", self.port, self.baud)
            self.connected.set()
            try:
                self._serve(link)
            except PORT_ERRORS as exc:
                log.warning("keypad: lost %s: %s", self.port, exc)
            finally:
                self.connected.clear()
                link.close()
            self.stopping.wait(self.retry_s)

    def _serve(self, link: serial.Serial) -> None:
        pending = bytearray()
        overflow = False
        last_byte = time.monotonic()
        while not self.stopping.is_set():
            chunk = link.read(link.in_waiting or 1)
            now = time.monotonic()
            if (pending or overflow) and now - last_byte >= self.partial_line_s:
                log.info("keypad: dropped an unfinished line %r after silence", bytes(pending))
                self.dropped += 1
                pending.clear()
                overflow = False
            if not chunk:
                continue
            last_byte = now
            for byte in chunk:
                if byte in (0x0A, 0x0D):
                    if overflow:
                        self._reply(link, "ERR - 2 bad_line")
                    elif pending:
                        self._reply(link, answer(self.hall, bytes(pending)))
                    pending.clear()
                    overflow = False
                elif len(pending) >= MAX_LINE:
                    overflow = True
                else:
                    pending.append(byte)

    def _reply(self, link: serial.Serial, reply: str) -> None:
        link.write(reply.encode("ascii") + b"\r\n")
        link.flush()
        self.handled += 1
