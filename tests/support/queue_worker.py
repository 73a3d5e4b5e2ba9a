"""A worker process for the concurrency and crash tests: issues or calls tickets on a shared file.

Usage: python tests/support/queue_worker.py issue DB_URL SERVICE COUNT
       python tests/support/queue_worker.py issue-forever DB_URL SERVICE
       python tests/support/queue_worker.py call DB_URL WINDOW STOP_FILE
Prints one JSON line per ticket it touched. A caller keeps calling until STOP_FILE exists (the
test creates it once every ticket is issued) and then nothing is left for its window: it never
gives up early because the issuing process was slow to start.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

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
        window, stop = int(argv[2]), Path(argv[3])
        while True:
            all_issued = stop.exists()  # looked at before the call: then None means empty
            ticket = hall.call_next(window)
            if ticket is None:
                if all_issued:
                    break
                time.sleep(0.005)
                continue
            print(json.dumps({"id": ticket.id, "label": ticket.label}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
