"""Where the bytes go: network (port 9100), serial, file (/dev/usb/lp0) and USB, bounded in time.

Every step — connect, each write, each status read — gets what is left of one deadline, so a
printer that is off, stalled or unplugged ends the job with a ``PrinterFault`` within the
configured ``timeout_s``. Failures of sockets, pyserial, the OS and libusb all become faults.
"""

from __future__ import annotations

import logging
import os
import select
import socket
import time
from typing import Protocol

import serial

from servicehall.config.models import PrinterSettings
from servicehall.i18n import t
from servicehall.printer.status import QUERIES, STATUS_REQUEST, PrinterFault, parse_status

log = logging.getLogger(__name__)


class Deadline:
    """A point in time every blocking step of one job must finish by."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def require(self, what: str) -> float:
        """Seconds left, or a fault naming the step that ran out of time."""
        left = self.left()
        if left <= 0:
            raise PrinterFault(
                "no_reply", t("prn_timed_out", what=what, seconds=f"{self.seconds:g}")
            )
        return left


class Connection(Protocol):
    name: str
    can_query: bool

    def open(self, deadline: Deadline) -> None: ...

    def write(self, data: bytes, deadline: Deadline) -> None: ...

    def query(self, wait: float) -> dict[int, int | None]:
        """Send DLE EOT 1, 2, 4 and collect the reply bytes that come within ``wait`` seconds."""
        ...

    def close(self) -> None: ...


def _replies(data: bytes) -> dict[int, int | None]:
    return {n: (data[i] if i < len(data) else None) for i, n in enumerate(QUERIES)}


class NetworkConnection:
    """A raw TCP printer (JetDirect, port 9100)."""

    can_query = True

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.name = f"{host}:{port}"
        self.sock: socket.socket | None = None

    def open(self, deadline: Deadline) -> None:
        try:
            self.sock = socket.create_connection(
                (self.host, self.port), timeout=deadline.require(t("prn_step_connect"))
            )
        except TimeoutError as exc:
            raise PrinterFault("offline", t("prn_connect_timeout", name=self.name)) from exc
        except OSError as exc:
            raise PrinterFault(
                "offline", t("prn_cannot_connect", name=self.name, reason=str(exc))
            ) from exc

    def _sock(self) -> socket.socket:
        if self.sock is None:
            raise PrinterFault("offline", t("prn_not_connected", name=self.name))
        return self.sock

    def write(self, data: bytes, deadline: Deadline) -> None:
        sock, view, sent = self._sock(), memoryview(data), 0
        try:
            while sent < len(data):
                sock.settimeout(deadline.require(t("prn_step_send", sent=sent, total=len(data))))
                sent += sock.send(view[sent:])
        except TimeoutError as exc:
            raise PrinterFault(
                "no_reply", t("prn_stopped_taking", name=self.name, sent=sent, total=len(data))
            ) from exc
        except OSError as exc:
            raise PrinterFault(
                "hung_up",
                t(
                    "prn_dropped_sending",
                    name=self.name,
                    sent=sent,
                    total=len(data),
                    reason=str(exc),
                ),
            ) from exc

    def query(self, wait: float) -> dict[int, int | None]:
        sock, got = self._sock(), b""
        end = time.monotonic() + wait
        try:
            sock.settimeout(max(wait, 0.001))
            sock.sendall(STATUS_REQUEST)
            while len(got) < len(QUERIES) and (left := end - time.monotonic()) > 0:
                sock.settimeout(left)
                chunk = sock.recv(len(QUERIES) - len(got))
                if not chunk:
                    raise PrinterFault("hung_up", t("prn_closed", name=self.name))
                got += chunk
        except TimeoutError:
            pass
        except OSError as exc:
            raise PrinterFault(
                "hung_up", t("prn_dropped", name=self.name, reason=str(exc))
            ) from exc
        return _replies(got)

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


class SerialConnection:
    """A serial printer through pyserial (8N1), with a write time-out so a stuck line gives up."""

    can_query = True

    def __init__(self, device: str, baudrate: int) -> None:
        self.device, self.baudrate = device, baudrate
        self.name = f"{device}@{baudrate}"
        self.port: serial.Serial | None = None

    def open(self, deadline: Deadline) -> None:
        left = deadline.require(t("prn_step_open_serial"))
        try:
            self.port = serial.Serial(
                self.device, self.baudrate, timeout=left, write_timeout=left, exclusive=True
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PrinterFault(
                "offline", t("prn_cannot_open", name=self.name, reason=str(exc))
            ) from exc

    def _port(self) -> serial.Serial:
        if self.port is None:
            raise PrinterFault("offline", t("prn_not_open", name=self.name))
        return self.port

    def write(self, data: bytes, deadline: Deadline) -> None:
        port = self._port()
        try:
            port.write_timeout = deadline.require(t("prn_step_write_serial"))
            port.write(data)
        except serial.SerialTimeoutException as exc:
            port.reset_output_buffer()
            raise PrinterFault("no_reply", t("prn_write_timeout", name=self.name)) from exc
        except (serial.SerialException, OSError) as exc:
            raise PrinterFault(
                "hung_up", t("prn_write_failed", name=self.name, reason=str(exc))
            ) from exc

    def query(self, wait: float) -> dict[int, int | None]:
        port = self._port()
        try:
            port.reset_input_buffer()
            port.write_timeout = max(wait, 0.001)
            port.write(STATUS_REQUEST)
            port.timeout = wait
            got = port.read(len(QUERIES))
        except serial.SerialTimeoutException:
            port.reset_output_buffer()
            return _replies(b"")
        except (serial.SerialException, OSError) as exc:
            raise PrinterFault(
                "hung_up", t("prn_status_failed", name=self.name, reason=str(exc))
            ) from exc
        return _replies(got)

    def close(self) -> None:
        if self.port is not None:
            try:
                self.port.reset_output_buffer()
                self.port.close()
            except (serial.SerialException, OSError) as exc:
                log.warning("closing %s: %s", self.name, exc)
            self.port = None


class FileConnection:
    """A device file such as /dev/usb/lp0 (kernel usblp), or a plain file for spooling.

    Opened non-blocking and written as far as the deadline allows; it cannot be asked for status.
    """

    can_query = False

    def __init__(self, path: str) -> None:
        self.path = path
        self.name = path
        self.fd: int | None = None

    def open(self, deadline: Deadline) -> None:
        deadline.require(t("prn_step_open_device"))
        flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOCTTY
        if not self.path.startswith("/dev/"):
            flags |= os.O_CREAT
        try:
            self.fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise PrinterFault(
                "offline", t("prn_cannot_open", name=self.path, reason=exc.strerror)
            ) from exc

    def write(self, data: bytes, deadline: Deadline) -> None:
        if self.fd is None:
            raise PrinterFault("offline", t("prn_not_open", name=self.path))
        view, sent = memoryview(data), 0
        try:
            while sent < len(data):
                try:
                    sent += os.write(self.fd, view[sent:])
                except BlockingIOError:
                    left = deadline.require(
                        t("prn_step_write_file", path=self.path, sent=sent, total=len(data))
                    )
                    select.select([], [self.fd], [], left)
        except OSError as exc:
            raise PrinterFault(
                "hung_up", t("prn_write_failed", name=self.path, reason=exc.strerror)
            ) from exc

    def query(self, wait: float) -> dict[int, int | None]:
        return _replies(b"")

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class UsbConnection:
    """A USB printer through python-escpos and pyusb (needs libusb; time-outs in milliseconds)."""

    can_query = True

    def __init__(self, vendor_id: int, product_id: int) -> None:
        self.ids = (vendor_id, product_id)
        self.name = f"usb {vendor_id:04x}:{product_id:04x}"
        self.printer: object | None = None

    def open(self, deadline: Deadline) -> None:
        from servicehall.printer.escpos_loader import load_escpos

        Usb = load_escpos().printer.Usb
        if not Usb.is_usable():
            raise PrinterFault("offline", t("prn_no_usb"))
        ms = max(1, int(deadline.require(t("prn_step_open_usb")) * 1000))
        printer = Usb(*self.ids, timeout=ms)
        try:
            printer.open()
        except Exception as exc:  # libusb raises several unrelated classes (NoBackendError …)
            raise PrinterFault(
                "offline", t("prn_cannot_open", name=self.name, reason=str(exc))
            ) from exc
        self.printer = printer

    def write(self, data: bytes, deadline: Deadline) -> None:
        printer = self.printer
        if printer is None:
            raise PrinterFault("offline", t("prn_not_open", name=self.name))
        printer.timeout = max(1, int(deadline.require(t("prn_step_write_usb")) * 1000))  # type: ignore[attr-defined]
        try:
            printer._raw(data)  # type: ignore[attr-defined]
        except Exception as exc:  # usb.core.USBTimeoutError, USBError: both mean it did not go out
            kind = "no_reply" if "timeout" in type(exc).__name__.lower() else "hung_up"
            raise PrinterFault(
                kind, t("prn_write_failed", name=self.name, reason=str(exc))
            ) from exc

    def query(self, wait: float) -> dict[int, int | None]:
        printer = self.printer
        if printer is None:
            return _replies(b"")
        ms = max(1, int(wait * 1000))
        try:
            printer.device.write(printer.out_ep, STATUS_REQUEST, ms)  # type: ignore[attr-defined]
            got = bytes(printer.device.read(printer.in_ep, len(QUERIES), ms))  # type: ignore[attr-defined]
        except Exception as exc:  # a printer without a status endpoint or reply: state unknown
            log.info("%s status query: %s", self.name, exc)
            return _replies(b"")
        return _replies(got)

    def close(self) -> None:
        if self.printer is not None:
            try:
                self.printer.close()  # type: ignore[attr-defined]
            except Exception as exc:  # closing a vanished device must not hide the real outcome
                log.warning("closing %s: %s", self.name, exc)
            self.printer = None


def connect(settings: PrinterSettings) -> Connection:
    """The connection the settings describe (not opened; no I/O here)."""
    if settings.connection == "network":
        assert settings.host is not None
        return NetworkConnection(settings.host, settings.port)
    if settings.connection == "serial":
        assert settings.device is not None
        return SerialConnection(settings.device, settings.baudrate)
    if settings.connection == "file":
        assert settings.path is not None
        return FileConnection(settings.path)
    if settings.connection == "usb":
        assert settings.vendor_id is not None and settings.product_id is not None
        return UsbConnection(settings.vendor_id, settings.product_id)
    raise ValueError(f"no device connection for {settings.connection!r}")


def deliver(conn: Connection, data: bytes, deadline: Deadline, status_wait: float) -> str:
    """Open, check the status, send the job, confirm; returns a line for the staff log.

    A printer that reports paper out, cover open or off-line gets no bytes. A printer that
    answered before the job but not after it stalled or lost the job: that is a fault too.
    A printer that never answers (or a device file) is sent the job with its state unknown.
    """
    conn.open(deadline)
    try:
        before = parse_status(conn.query(min(status_wait, deadline.left())))
        if before.fault:
            raise PrinterFault(
                before.fault, t("prn_not_sent", name=conn.name, message=before.message)
            )
        conn.write(data, deadline)
        if not conn.can_query:
            return t("prn_written", name=conn.name, total=len(data))
        after = parse_status(conn.query(min(status_wait, deadline.left())))
        if after.fault:
            raise PrinterFault(after.fault, t("prn_after", name=conn.name, message=after.message))
        if before.known and not after.known:
            raise PrinterFault("no_reply", t("prn_silent_after", name=conn.name))
        note = after.message if after.known else t("prn_status_unknown_after")
        return t("prn_sent", name=conn.name, total=len(data), note=note)
    finally:
        conn.close()
