"""The phone server on a free loopback port, with a hall.toml whose ``[phone] base_url`` is that
address: :class:`PhoneProcess` runs ``servicehall serve phone`` in a subprocess, as a hall does;
:class:`InProcessPhone` runs the same aiohttp application (``servicehall.phone.app``) in a thread
of the test process, which spares the ~0.9 s of CPU a new Python process spends importing aiohttp,
SQLAlchemy and servicehall before it listens. Both offer what the tests use: ``url``, ``port``,
``get``, ``stop`` and ``stderr``."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from pathlib import Path

from aiohttp import web

from servicehall.config import HallConfig, load_config, sample_text
from servicehall.phone.app import PhoneServer

from support.browser import ROOT, free_port
from support.waiting import DEADLINE_S

PHONE_VIEWPORT = {"width": 360, "height": 740}
"""A common phone's screen in CSS pixels."""
SHUTDOWN_S = 2.0
"""How long open requests may finish when the server stops (``servicehall.phone.app.run``'s)."""


def phone_config(tmp_path: Path, port: int, **phone: int) -> tuple[Path, HallConfig]:
    """The sample hall with ``[phone] base_url`` at ``port`` (and other numeric settings)."""
    given = {"base_url": f'"http://127.0.0.1:{port}"', **{k: str(v) for k, v in phone.items()}}
    text = "\n".join(
        line for line in sample_text().splitlines() if line.split(" = ")[0] not in given
    )
    settings = "\n".join(f"{key} = {value}" for key, value in given.items())
    assert "\n[phone]\n" in text
    text = text.replace("\n[phone]\n", f"\n[phone]\n{settings}\n", 1)
    path = tmp_path / "hall.toml"
    path.write_text(text, encoding="utf-8")
    return path, load_config(path)


def _listens(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class ServedPhone(ABC):
    """A running phone server on 127.0.0.1 (the application is ``servicehall.phone.app.
    PhoneServer``); ``url`` ends without a slash."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def get(self, path: str, **headers: str) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    @abstractmethod
    def stderr(self) -> str:
        """What the server said when it failed ("" while it runs)."""

    @abstractmethod
    def stop(self) -> None:
        """Stop serving; the port is free afterwards."""


class PhoneProcess(ServedPhone):
    """``servicehall serve phone`` in a subprocess."""

    def __init__(self, config_path: Path, db_url: str, port: int, *extra: str) -> None:
        super().__init__(port)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "servicehall",
                "--config",
                str(config_path),
                "--db",
                db_url,
                "serve",
                "phone",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *extra,
            ],
            env={**os.environ, "PYTHONPATH": str(ROOT), "SERVICEHALL_IGNORE_HOURS": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if _listens(port):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"serve phone did not listen: {self.stderr()}")

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read().decode(errors="replace")[-2000:]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class InProcessPhone(ServedPhone):
    """The phone server's aiohttp application in a daemon thread of this process, with an event
    loop of its own (aiohttp's ``AppRunner`` and ``TCPSite``, as ``web.run_app`` runs it).

    Built as ``servicehall serve phone`` builds it (``servicehall.phone.app.run``): the config
    from the same hall.toml, ``PhoneServer(config, db, allowed_hosts=...)`` and nothing else. The
    command reads ``$SERVICEHALL_IGNORE_HOURS`` into its settings but hands the phone server no
    hours setting: its hall and watch keep the default (hours enforced: the waits count the
    closing) whatever the variable says, so the one the subprocess got changes nothing there and
    nothing here needs it (the tests' own halls and commands ignore the hours). The pages are in
    the process's language, which every test starts in Chinese (tests/conftest.py), as the
    subprocess's ``$SERVICEHALL_LANG`` made it; nothing here changes it.

    :meth:`stop` runs the application's cleanup (the watch thread joined, the hall closed), ends
    the loop and its thread, joins the read threads and checks that no thread of the server is
    left and nothing listens on the port."""

    def __init__(
        self, config_path: Path, db_url: str, port: int, *, allowed_hosts: tuple[str, ...] = ()
    ) -> None:
        super().__init__(port)
        self.phone = PhoneServer(load_config(config_path), db_url, allowed_hosts=allowed_hosts)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._quit: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure = ""
        self._thread = threading.Thread(target=self._run, name=f"phone-server-{port}", daemon=True)
        self._thread.start()
        if not self._ready.wait(DEADLINE_S) or self._failure:
            self._halt()
            raise RuntimeError(f"the phone server did not listen: {self.stderr()}")

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException:  # noqa: BLE001 - reported by stderr() and the start or stop
            self._failure = traceback.format_exc()[-2000:]
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._quit = asyncio.Event()
        runner = web.AppRunner(self.phone.app(), access_log=None, shutdown_timeout=SHUTDOWN_S)
        await runner.setup()  # on_startup: the hall opened, the watch thread started
        try:
            await web.TCPSite(runner, "127.0.0.1", self.port).start()
            self._ready.set()
            await self._quit.wait()
        finally:
            await runner.cleanup()  # on_cleanup: the watch stopped and joined, the hall closed

    def stderr(self) -> str:
        return self._failure

    def stop(self) -> None:
        self._halt()
        if self._failure:
            raise RuntimeError(f"the phone server failed: {self._failure}")

    def _halt(self) -> None:
        loop, quit_ = self._loop, self._quit
        if loop is not None and quit_ is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # closed meanwhile: the thread is ending
                loop.call_soon_threadsafe(quit_.set)
        self._thread.join(DEADLINE_S)
        for thread in threading.enumerate():
            if thread.name.startswith("phone-read"):  # let go by the cleanup, ending by itself
                thread.join(DEADLINE_S)
        left = [
            thread.name
            for thread in threading.enumerate()
            if thread is self._thread or thread.name.startswith(("phone-watch", "phone-read"))
        ]
        if left:
            raise RuntimeError(f"the phone server left threads running: {left}")
        if _listens(self.port):
            raise RuntimeError(f"something still listens on port {self.port}")


__all__ = [
    "PHONE_VIEWPORT",
    "InProcessPhone",
    "PhoneProcess",
    "ServedPhone",
    "free_port",
    "phone_config",
]
