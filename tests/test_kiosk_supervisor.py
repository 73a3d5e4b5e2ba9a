"""The kiosk supervisor: a crash brings the kiosk back; only the staff quit ends it."""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.kiosk import KioskApp
from servicehall.kiosk.supervisor import MAX_QUICK_FAILURES, supervise
from servicehall.queue import FixedClock


class CrashingKiosk(KioskApp):
    """A kiosk with a bug in a handler: Textual stops the app with return code 1."""

    def on_mount(self) -> None:
        raise RuntimeError("a bug in the kiosk")


class LeavingKiosk(KioskApp):
    """A kiosk where staff quit as soon as it is up."""

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.staff_quit)


def test_crash_restarts_until_staff_quit(config: HallConfig, db_url: str, clock: FixedClock):
    made: list[KioskApp] = []

    def make_app() -> KioskApp:
        kind = CrashingKiosk if len(made) < 2 else LeavingKiosk
        made.append(kind(config, db=db_url, clock=clock))
        return made[-1]

    assert supervise(make_app, headless=True, restart_pause_s=0) == 0
    assert [type(app).__name__ for app in made] == ["CrashingKiosk"] * 2 + ["LeavingKiosk"]
    assert made[0].return_code == 1


def test_gives_up_after_quick_failures(config: HallConfig, db_url: str, clock: FixedClock):
    made: list[KioskApp] = []

    def make_app() -> KioskApp:
        made.append(CrashingKiosk(config, db=db_url, clock=clock))
        return made[-1]

    assert supervise(make_app, headless=True, restart_pause_s=0) == 1
    assert len(made) == MAX_QUICK_FAILURES
