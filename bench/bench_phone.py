"""The phone pages under load: call → page updated, and many phones following one server.

A real ``servicehall serve phone`` process serves an SQLite file (or ``--db`` PostgreSQL).
``--phones`` live pages (server-sent event streams, as the pages' script opens them) follow the
tickets of 民政 (A), several phones per ticket, all from this process (asyncio, aiohttp's
client). Then, ``--rounds`` times, this process calls window 1 (``Hall.call_next`` in this
process: another process than the server, as a clerk's console is) and times, from the call's
commit to each stream's next event:

- "called": the phone(s) following the called ticket see 已叫号 (the figure the issue asks for);
- "every page": every other page of a waiting ticket, its next update (its people-ahead moved).

The server's CPU time over the rounds and its memory (VmRSS with no phone, with all following,
and its peak VmHWM) come from /proc. One watch thread in the server follows the database for
all of them: the database connections the server holds are counted too (PostgreSQL only).

Run: .venv/bin/python bench/bench_phone.py [--phones 200] [--rounds 30] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from measure import cpu_seconds, percentile, status_kb
from rich.console import Console
from rich.table import Table

from servicehall.config import load_config, sample_text
from servicehall.queue import Hall

WINDOW = 1  # serves 民政 (A), with window 13 (left closed: nobody signs in there)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def hall_file(directory: Path, port: int) -> Path:
    text = sample_text().replace('base_url = ""', f'base_url = "http://127.0.0.1:{port}"')
    text = text.replace("requests_per_minute = 120", "requests_per_minute = 10000")
    path = directory / "hall.toml"
    path.write_text(text, encoding="utf-8")
    return path


class Phone:
    """One live page: its stream's events, with the time each arrived."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.events: list[tuple[float, str]] = []
        self.ready = asyncio.Event()
        self.changed = asyncio.Event()

    async def follow(self, session: aiohttp.ClientSession, url: str) -> None:
        async with session.get(f"{url}/t/{self.token}/events") as response:
            assert response.status == 200, response.status
            async for raw in response.content:
                line = raw.decode()
                if line.startswith("data: <"):
                    self.events.append((time.monotonic(), line))
                    self.ready.set()
                    self.changed.set()


async def run(
    args: argparse.Namespace, url: str, hall: Hall, server: subprocess.Popen[bytes]
) -> dict[str, object]:
    tickets = [hall.issue("A") for _ in range(args.rounds + args.phones // 5 + 1)]
    idle_rss = status_kb(server.pid, "VmRSS")
    phones = [Phone(tickets[i % len(tickets)].page_token or "") for i in range(args.phones)]
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [asyncio.create_task(p.follow(session, url)) for p in phones]
        await asyncio.wait_for(asyncio.gather(*(p.ready.wait() for p in phones)), 60)
        following_rss = status_kb(server.pid, "VmRSS")
        connections = held_connections(server.pid) if hall.store.dialect == "postgresql" else None
        called: list[float] = []
        every: list[float] = []
        cpu_before = cpu_seconds(server.pid)
        wall_before = time.monotonic()
        loop = asyncio.get_running_loop()
        waiting = {t.page_token for t in tickets}
        for _ in range(args.rounds):
            await asyncio.sleep(args.pause)
            watching = [p for p in phones if p.token in waiting]  # their pages will move
            for p in watching:
                p.changed.clear()
            marks = {id(p): len(p.events) for p in watching}
            ticket = await loop.run_in_executor(None, hall.call_next, WINDOW)
            t0 = time.monotonic()
            assert ticket is not None and ticket.page_token is not None
            waiting.discard(ticket.page_token)
            await asyncio.wait_for(asyncio.gather(*(p.changed.wait() for p in watching)), 30)
            for p in watching:
                mark = marks[id(p)]
                if p.token == ticket.page_token:
                    await wait_called(p, mark)
                    called.append(next(t for t, d in p.events[mark:] if "已叫号" in d) - t0)
                else:
                    every.append(p.events[mark][0] - t0)
        cpu = cpu_seconds(server.pid) - cpu_before
        wall = time.monotonic() - wall_before
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "called": called,
        "every": every,
        "idle_rss": idle_rss,
        "following_rss": following_rss,
        "peak": status_kb(server.pid, "VmHWM"),
        "cpu": cpu,
        "wall": wall,
        "connections": connections,
    }


async def wait_called(phone: Phone, mark: int) -> None:
    while not any("已叫号" in d for _, d in phone.events[mark:]):
        phone.changed.clear()
        await asyncio.wait_for(phone.changed.wait(), 30)


def held_connections(pid: int, port: int = 5432) -> int:
    """TCP connections process ``pid`` holds to the database port (its sockets in /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    held = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes and int(fields[2].rsplit(":", 1)[1], 16) == port:
                held += 1
    return held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between calls")
    parser.add_argument("--db", help="PostgreSQL URL (an empty database made for it)")
    args = parser.parse_args()
    os.environ["SERVICEHALL_IGNORE_HOURS"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        port = free_port()
        config_path = hall_file(directory, port)
        db = args.db or f"sqlite:///{directory / 'hall.db'}"
        hall = Hall.open(load_config(config_path), db=db, enforce_hours=False)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "servicehall",
                "--config",
                str(config_path),
                "--db",
                db,
                "serve",
                "phone",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            env={**os.environ, "SERVICEHALL_HOME": str(directory)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
                if time.monotonic() > deadline:
                    raise SystemExit("serve phone did not start")
                time.sleep(0.1)
            found = asyncio.run(run(args, f"http://127.0.0.1:{port}", hall, server))
        finally:
            server.terminate()
            server.wait(10)
            hall.close()
    report(args, db, found)


def report(args: argparse.Namespace, db: str, found: dict[str, object]) -> None:
    called = found["called"]
    every = found["every"]
    assert isinstance(called, list) and isinstance(every, list)
    table = Table(title=f"{args.phones} phones, {args.rounds} calls, {db.split(':', 1)[0]}")
    table.add_column("call → page updated")
    for name in ("median", "p95", "max", "n"):
        table.add_column(name, justify="right")
    for name, values in (("the called page (已叫号)", called), ("every other page", every)):
        ms = [v * 1000 for v in values]
        table.add_row(
            name,
            f"{percentile(ms, 0.5):.1f} ms",
            f"{percentile(ms, 0.95):.1f} ms",
            f"{max(ms):.1f} ms",
            str(len(ms)),
        )
    console = Console()
    console.print(table)
    cpu, wall = found["cpu"], found["wall"]
    assert isinstance(cpu, float) and isinstance(wall, float)
    console.print(
        f"server: RSS {found['idle_rss']} kB with no phone, {found['following_rss']} kB with "
        f"{args.phones} following, peak {found['peak']} kB; CPU {cpu:.2f} s over {wall:.1f} s "
        f"({100 * cpu / wall:.1f} % of a core) for {args.rounds} calls"
        + (f"; database sessions held: {found['connections']}" if found["connections"] else "")
        + f"; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
