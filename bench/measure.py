"""Shared measuring helpers for the benchmark scripts: percentiles, /proc readings, a pty."""

from __future__ import annotations

import fcntl
import os
import struct
import subprocess
import termios
from pathlib import Path


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0–1) by rank: no interpolation, the value a sample actually had."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_kb(pid: int, key: str) -> int:
    """A kB figure from /proc/PID/status, e.g. VmRSS or VmHWM (0 when absent)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def spawn_in_pty(
    argv: list[str], *, columns: int, rows: int, home: str
) -> tuple[subprocess.Popen[bytes], int]:
    """Start ``argv`` on a fresh pseudo-terminal of the given size, as a full-screen app runs;
    returns the process and the master end to read its screen bytes from."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", SERVICEHALL_HOME=home)
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    return process, master
