"""The phone server in a subprocess (``servicehall serve phone``) on a free loopback port, with a
hall.toml whose ``[phone] base_url`` is that address, and the hall it serves opened here."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from servicehall.config import HallConfig, load_config, sample_text

from support.browser import ROOT, free_port

PHONE_VIEWPORT = {"width": 360, "height": 740}
"""A common phone's screen in CSS pixels."""


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


class PhoneServer:
    """``servicehall serve phone`` in a subprocess; ``url`` ends without a slash."""

    def __init__(self, config_path: Path, db_url: str, port: int, *extra: str) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
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
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"serve phone did not listen: {self.stderr()}")

    def get(self, path: str, **headers: str) -> tuple[int, str]:
        request = urllib.request.Request(self.url + path, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

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


__all__ = ["PHONE_VIEWPORT", "PhoneServer", "free_port", "phone_config"]
