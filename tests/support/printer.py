"""Test helpers for printing: a decoder for the ESC/POS bytes tickets use and a fake TCP printer."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field

STATUS_REQUEST = b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"
STATUS_OK = 0x12
"""A DLE EOT reply with only the fixed bits set: on-line, cover shut, paper present."""


@dataclass
class Decoded:
    lines: list[str]
    chinese_mode_at_text: bool
    sizes: list[int]
    qr: bytes | None
    cut: bool


def decode(data: bytes, encoding: str = "gb18030") -> Decoded:
    """Skip the commands a ticket uses and decode the text runs; fail on any unknown command."""
    lines: list[str] = []
    sizes: list[int] = []
    run = bytearray()
    chinese = False
    chinese_at_text = True
    size = 0
    qr: bytes | None = None
    cut = False
    i = 0
    while i < len(data):
        b = data[i]
        two = data[i : i + 2]
        if two == b"\x1b@":
            i += 2
        elif two == b"\x1c&":
            chinese, i = True, i + 2
        elif two == b"\x1c.":
            chinese, i = False, i + 2
        elif two in (b"\x1ba", b"\x1bE", b"\x1bd"):
            i += 3
        elif two == b"\x1d!":
            size, i = data[i + 2], i + 3
        elif two == b"\x1dV":
            cut, i = True, i + 4
        elif data[i : i + 3] == b"\x1d(k":
            length = int.from_bytes(data[i + 3 : i + 5], "little")
            body = data[i + 5 : i + 5 + length]
            if body[:3] == b"1P0":
                qr = body[3:]
            i += 5 + length
        elif b == 0x0A:
            if run:
                lines.append(bytes(run).decode(encoding))
                sizes.append((size & 0x0F) + 1)
                run.clear()
            i += 1
        elif b < 0x20:
            raise AssertionError(f"unexpected control byte {b:#04x} at {i}: {data[i : i + 8]!r}")
        else:
            chinese_at_text = chinese_at_text and chinese
            run.append(b)
            i += 1
    if run:
        raise AssertionError(f"text without a line feed at the end: {bytes(run)!r}")
    return Decoded(lines, chinese_at_text, sizes, qr, cut)


@dataclass
class FakePrinter:
    """A network printer on 127.0.0.1 (OS-chosen port) run by a thread.

    behaviour: ``ok`` records and answers status; ``silent`` records and never answers;
    ``paper_out`` answers "paper end"; ``stall`` answers the first status query, then stops
    reading and answering; ``hangup`` answers the first query, reads a little of the job and
    closes the connection.
    """

    behaviour: str = "ok"
    roll: int = STATUS_OK
    received: bytearray = field(default_factory=bytearray)
    done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _answer(self, conn: socket.socket) -> None:
        if self.behaviour == "paper_out":
            replies = (STATUS_OK | 0x08, STATUS_OK | 0x20, STATUS_OK | 0x60)
        else:
            replies = (STATUS_OK, STATUS_OK, self.roll)
        conn.sendall(bytes(replies))

    def _serve(self) -> None:
        self.server.settimeout(10)
        try:
            conn, _ = self.server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            queries = 0
            while True:
                if self.behaviour in ("stall", "hangup") and queries >= 1:
                    break
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.received += chunk
                if chunk.endswith(STATUS_REQUEST) and self.behaviour != "silent":
                    queries += 1
                    self._answer(conn)
            if self.behaviour == "hangup":
                self.received += conn.recv(64)
            elif self.behaviour == "stall":
                self.done.wait(10)
        self.done.set()

    def close(self) -> None:
        self.done.set()
        self.server.close()
        self.thread.join(5)


def free_port() -> int:
    """A port nothing listens on (bound, read and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
