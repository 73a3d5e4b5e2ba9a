"""``make screens``: each screen at each grid, in a real xterm with the units' font, as PNGs.

    python tools/gallery.py docs/screens            # every screen at every grid (a few minutes)
    python tools/gallery.py docs/screens kiosk-home # only the shots whose name starts so

For each shot a bare Xvfb exactly as large as the grid (WenQuanYi Micro Hei Mono at 20 px: cells
of 14×24 pixels, plus xterm's 2-pixel border) runs an xterm of that grid with this same script
in ``show`` mode: it fills a throw-away hall (a Monday at 10:00: tickets waiting, windows
calling, one paused), opens the app, goes to the screen, and says when it is drawn; then the
screen is photographed with ImageMagick's ``import``. Needs Xvfb, xterm, ImageMagick and
fonts-wqy-microhei.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FONT = "WenQuanYi Micro Hei Mono:pixelsize=20"
CELL = (14, 24)  # xterm's cell at that size, in pixels
BORDER = 2
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))

KIOSK_GRIDS = [(56, 20), (70, 23), (75, 22), (106, 31), (59, 58), (140, 40)]
KIOSK_SCREENS = [
    "home",
    "matters",
    "confirm",
    "ticket",
    "guide",
    "guide-detail",
    "pin",
    "progress",
    "progress-result",
]
DISPLAY_GRIDS = [(54, 16), (76, 22), (106, 31), (152, 44), (59, 58)]
CLERK_GRIDS = [(80, 24), (80, 25), (120, 35)]
RATING_GRIDS = [(36, 12), (48, 14), (80, 24)]
CLERK_CASES = ["case-form", "case-list", "callbacks"]


def shots() -> list[tuple[str, str, tuple[int, int]]]:
    """(name, role/screen, grid) for every picture of the gallery."""
    out = [
        (f"kiosk-{screen}-{c}x{r}", f"kiosk/{screen}", (c, r))
        for screen in KIOSK_SCREENS
        for c, r in KIOSK_GRIDS
    ]
    out += [(f"display-{c}x{r}", "display/board", (c, r)) for c, r in DISPLAY_GRIDS]
    out += [(f"clerk-desk-{c}x{r}", "clerk/desk", (c, r)) for c, r in CLERK_GRIDS]
    out += [(f"clerk-sign-in-{c}x{r}", "clerk/sign-in", (c, r)) for c, r in CLERK_GRIDS[:1]]
    out += [
        (f"clerk-{s}-{c}x{r}", f"clerk/{s}", (c, r))
        for s in CLERK_CASES
        for c, r in CLERK_GRIDS[:1]
    ]
    out += [(f"rating-{c}x{r}", "rating/ask", (c, r)) for c, r in RATING_GRIDS]
    return out


# ------------------------------------------------------------------------------ taking shots


def take(name: str, what: str, grid: tuple[int, int], folder: Path) -> Path:
    columns, rows = grid
    width, height = columns * CELL[0] + 2 * BORDER, rows * CELL[1] + 2 * BORDER
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24"]
        + ["-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read_end, 16)
        if not chunk:
            raise RuntimeError("Xvfb did not start")
        number += chunk
    os.close(read_end)
    display = f":{number.decode().strip()}"
    work = Path(tempfile.mkdtemp(prefix="servicehall-gallery-"))
    ready = work / "ready"
    # xterm decodes the app's UTF-8 only in a UTF-8 locale (a session without one gets mojibake)
    env = {**os.environ, "DISPLAY": display, "SERVICEHALL_HOME": str(work), "LC_ALL": "C.UTF-8"}
    command = [sys.executable, str(Path(__file__).resolve()), "show", what, str(work)]
    xterm = subprocess.Popen(
        ["xterm", "-geometry", f"{columns}x{rows}+0+0", "-fa", FONT, "-bg", "black"]
        + ["-fg", "white", "-xrm", "XTerm*directColor: true", "-e", "/usr/bin/env"]
        + ["TERM=xterm-direct", "COLORTERM=truecolor", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            if time.monotonic() > deadline or xterm.poll() is not None:
                raise RuntimeError(f"{name}: the app did not draw {what} (see {work})")
            time.sleep(0.2)
        got = ready.read_text().strip()
        if got != f"{columns}x{rows}":
            raise RuntimeError(f"{name}: the app got a {got} grid, not {columns}x{rows}")
        out = folder / f"{name}.png"
        subprocess.run(
            ["import", "-window", "root", "-colors", "256", f"PNG8:{out}"],
            env=env,
            check=True,
            timeout=60,
        )
        return out
    finally:
        if xterm.poll() is None:
            os.killpg(xterm.pid, 15)
            xterm.wait(10)
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1].startswith("-"):  # -h, --help: the usage, not a folder
        print(__doc__)
        return 0 if len(argv) > 1 and argv[1] in ("-h", "--help") else 2
    if argv[1] == "show":
        return show(argv[2], Path(argv[3]))
    missing = [t for t in ("Xvfb", "xterm", "import") if not shutil.which(t)]
    if missing:
        tools = ", ".join(missing)
        print(f"需要 {tools}：apt-get install xvfb xterm imagemagick fonts-wqy-microhei")
        return 1
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    wanted = argv[2] if len(argv) > 2 else ""
    todo = [shot for shot in shots() if shot[0].startswith(wanted)]
    for index, (name, what, grid) in enumerate(todo, 1):
        path = take(name, what, grid, folder)
        print(f"[{index}/{len(todo)}] {path}")
    return 0


# ------------------------------------------------------------------------------ inside the xterm


def show(what: str, work: Path) -> int:
    """Run one app on a demo hall, go to ``what`` (role/screen), write the grid to ``ready``."""
    sys.path.insert(0, str(ROOT))
    from servicehall.config import load_config
    from servicehall.queue import FixedClock, Hall

    config = load_config(None)
    db = f"sqlite:///{work / 'hall.db'}"
    clock = FixedClock(MONDAY_10)
    hall = Hall.open(config, db=db, clock=clock)
    for code in "AAABBBBBCDDEFGHJKLN":
        hall.issue(code)
    for window in (1, 2, 3, 4, 5):
        hall.call_next(window)
    hall.pause(7)
    hall.call_next(1)
    hall.sign_in(1, "mz01")  # A002 at window 1 becomes a case, with its 补正
    case = hall.open_case(
        "A002", window=1, kind="承诺件", name="王秀兰", last4="1234", matter="dibao"
    )
    hall.case_step(case.number, "补正", window=1, note="户口簿复印件、家庭收入说明")
    role, screen = what.split("/")
    app = {"kiosk": _kiosk, "display": _display, "clerk": _clerk, "rating": _rating}[role](
        config, db, clock, hall, screen
    )

    def drawn() -> None:
        (work / "ready").write_text(f"{app.size.width}x{app.size.height}")

    app.call_later(lambda: app.set_timer(2.5, drawn))
    app.run()
    return 0


def _kiosk(config: Any, db: str, clock: Any, hall: Any, screen: str) -> Any:
    from servicehall.kiosk import KioskApp
    from servicehall.kiosk.issuing import Issued
    from servicehall.kiosk.screens.confirm import ConfirmScreen
    from servicehall.kiosk.screens.guide import GuideScreen
    from servicehall.kiosk.screens.guide_detail import GuideDetailScreen
    from servicehall.kiosk.screens.matters import MatterScreen
    from servicehall.kiosk.screens.pin import PinScreen
    from servicehall.kiosk.screens.progress import ProgressResult, ProgressScreen
    from servicehall.kiosk.screens.ticket import TicketScreen
    from servicehall.kiosk.widgets import Countdown
    from servicehall.printer import PrintOutcome

    def ticket() -> Any:
        issued = hall.issue("B", matter=config.service("B").matters[1].code)
        page = TicketScreen(Issued(issued, hall.estimate_wait(issued)))
        page.outcome = PrintOutcome(True, "", "gallery")
        return page

    screens: dict[str, Callable[[], Any]] = {
        "matters": lambda: MatterScreen(config.service("B")),
        "confirm": lambda: ConfirmScreen(config.service("F"), config.service("F").matters[0]),
        "ticket": ticket,
        "guide": GuideScreen,
        "guide-detail": lambda: GuideDetailScreen(
            config.service("A"), config.service("A").matters[0]
        ),
        "pin": PinScreen,
        "progress": ProgressScreen,
        "progress-result": lambda: ProgressResult(hall.find_cases("王秀兰", "1234")),
    }

    class GalleryKiosk(KioskApp):
        def on_mount(self) -> None:  # KioskApp's own runs too (Textual calls each class's)
            if screen in screens:
                self.set_timer(1.0, self._open)

        def _open(self) -> None:
            page = screens[screen]()
            self.push_screen(page)
            if screen == "ticket":
                self.call_after_refresh(lambda: page.query_one(Countdown).hold())

    return GalleryKiosk(config, db=db, clock=clock, enforce_hours=False)


def _display(config: Any, db: str, clock: Any, hall: Any, screen: str) -> Any:
    from servicehall.display.app import HallDisplay

    return HallDisplay(config, db, clock=clock)


def _clerk(config: Any, db: str, clock: Any, hall: Any, screen: str) -> Any:
    from servicehall.clerk.callbacks import CallbackList
    from servicehall.clerk.caseform import CaseForm
    from servicehall.clerk.caselist import CaseList
    from servicehall.clerk.console import ClerkApp
    from servicehall.clerk.desk import DeskScreen
    from servicehall.queue.clerks import find_clerk, save_clerk

    save_clerk(hall.store, hall.code, "007", "王芳", "2468")
    clerk = find_clerk(hall.store, hall.code, "007")

    class GalleryClerk(ClerkApp):
        def on_mount(self) -> None:  # ClerkApp's own opens the sign-in; the desk goes on top
            if screen != "sign-in":
                self.set_timer(0.5, self._desk)

        def _desk(self) -> None:
            hall.sign_in(5, "007")
            self.push_screen(DeskScreen(hall, 5, clerk))
            if screen == "case-form":
                self.push_screen(CaseForm("D001", "农机购置补贴", sms=True))
            elif screen == "case-list":
                hall.sign_in(1, "007")
                self.push_screen(CaseList(hall, 1, "007"))
            elif screen == "callbacks":
                hall.sign_in(1, "007")
                _ended_cases(config, db, clock)
                self.push_screen(CallbackList(hall, 1, "007"))

    return GalleryClerk(hall, 5)


def _ended_cases(config: Any, db: str, clock: Any) -> None:
    """The 补正 case and a few more collected or delivered, some with a number to call (given
    where the hall sends texts)."""
    from servicehall.queue import Hall

    texting = config.model_copy(update={"sms": config.sms.model_copy(update={"enabled": True})})
    hall = Hall.open(texting, db=db, clock=clock)
    names = ["李四", "欧阳明华", "赵五", "钱六", "孙七"]
    for index, name in enumerate(names):
        ticket = hall.issue("A", matter="linshi")
        hall.call_ticket(ticket.label, 1)
        phone = None if index % 3 == 0 else f"1390797{1200 + index * 37}"
        hall.open_case(ticket.label, window=1, kind="承诺件", name=name, last4="5678", phone=phone)
    for index, case in enumerate(hall.open_cases(1)):
        hall.case_step(case.number, "办结", window=1)
        hall.case_step(case.number, "已送达" if index % 3 == 2 else "已领取", window=1)
        clock.advance(minutes=4)


def _rating(config: Any, db: str, clock: Any, hall: Any, screen: str) -> Any:
    from servicehall.clerk.rating import RatingApp

    hall.finish(1)
    finished = [e for e in hall.events() if e.kind == "finish"][-1]

    class GalleryRating(RatingApp):
        def on_mount(self) -> None:  # RatingApp's own runs too
            self.call_after_refresh(lambda: self.ask(finished))

    return GalleryRating(hall, 1, timeout_s=600)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
