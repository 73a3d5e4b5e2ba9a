"""Under ``CI=true`` a skipped test is a failure unless this allow-list names it, with why.

Locally a test may skip when a tool or a server is missing (the reason says what to install).
In CI everything the suite needs is installed by ``.ci/run``, so a skip means a layer went
untested: the run fails instead of passing with it silently left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class AllowedSkip:
    test: str
    """The test's node id, or its start (a module, a test without its parameters)."""
    reason_starts: str
    """How the skip's reason starts."""
    why: str
    """Why skipping it in CI leaves nothing untested."""


ALLOWED: tuple[AllowedSkip, ...] = (
    AllowedSkip(
        "tests/test_printer_image.py::test_golden_ticket_58mm",
        "wrote printer_ticket_58.png on request",
        "only with SERVICEHALL_UPDATE_GOLDEN=1, which a person sets to redraw the golden picture "
        "and look at it; CI never sets it, and a missing golden picture fails",
    ),
)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def allowed(nodeid: str, reason: str) -> bool:
    return any(
        nodeid.startswith(entry.test) and reason.startswith(entry.reason_starts)
        for entry in ALLOWED
    )


def skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def check_skip(item: pytest.Item, report: pytest.TestReport) -> None:
    """Turn a skip outside the allow-list into a failure when running in CI."""
    if not (report.skipped and in_ci()) or hasattr(report, "wasxfail"):
        return
    reason = skip_reason(report)
    if allowed(item.nodeid, reason):
        return
    report.outcome = "failed"
    report.longrepr = (
        f"skipped under CI=true and not in the allow-list (tests/support/skips.py): {reason}"
    )
