"""A worker process for the concurrency and crash tests: issues or calls tickets on a shared file.

Usage: python tests/queue_worker.py issue DB_URL SERVICE COUNT
       python tests/queue_worker.py issue-forever DB_URL SERVICE
       python tests/queue_worker.py call DB_URL WINDOW UNTIL_EMPTY_AFTER_S
Prints one JSON line per ticket it touched.
"""

from __future__ import annotations

import json
import sys
import time

from servicehall.config import load_config
from servicehall.queue import Hall


def main(argv: list[str]) -> int:
    mode, url = argv[0], argv[1]
    hall = Hall.open(load_config(None), db=url, enforce_hours=False, create=False)
    if mode == "issue":
        for _ in range(int(argv[3])):
            ticket = hall.issue(argv[2])
            print(json.dumps({"id": ticket.id, "number": ticket.number}), flush=True)
    elif mode == "issue-forever":
        hall.issue(argv[2])
        print("ready", flush=True)
        while True:
            hall.issue(argv[2])
    elif mode == "call":
        window, idle_limit = int(argv[2]), float(argv[3])
        idle_since = time.monotonic()
        while time.monotonic() - idle_since < idle_limit:
            ticket = hall.call_next(window)
            if ticket is None:
                time.sleep(0.005)
                continue
            idle_since = time.monotonic()
            print(json.dumps({"id": ticket.id, "label": ticket.label}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
