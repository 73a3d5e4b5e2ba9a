"""A deploy unit's own ExecStart in a real xterm on a virtual screen, looked at from a screenshot.

The kiosk unit on a 1280×800 panel and the display unit on a 1366×768 TV run their command line
(deploy/servicehall-xterm) on a bare Xvfb, with no window manager: the xterm must fill the screen,
the app must get at least its role's smallest grid, and the screenshot must show the kiosk's
service buttons with their text and the display's call in big dots.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path

import pytest
from PIL import Image

from servicehall.config import load_config
from servicehall.grids import SMALLEST
from servicehall.queue import Hall

from support.waiting import wait_for

ROOT = Path(__file__).parent.parent
UNITS = ROOT / "deploy" / "systemd"
TOOLS = ("Xvfb", "xterm", "xdpyinfo", "xwininfo", "xset", "import")

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _tools() -> None:
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)}: apt-get install xvfb xterm x11-utils x11-xserver-utils"
            " imagemagick fonts-wqy-microhei"
        )


def unit_command(unit: str, instance: str = "") -> list[str]:
    """The unit's ExecStart, pointed at this checkout instead of /opt/servicehall."""
    for line in (UNITS / unit).read_text("utf-8").splitlines():
        if line.startswith("ExecStart="):
            command = line.removeprefix("ExecStart=").replace("%i", instance)
            return shlex.split(command.replace("/opt/servicehall", str(ROOT)))
    raise AssertionError(f"{unit} has no ExecStart")


@pytest.fixture
def screen(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start a bare Xvfb of a given size on a free display (or on ``number``); yields a starter
    returning DISPLAY once the server takes clients."""
    started: list[subprocess.Popen[bytes]] = []

    def start(geometry: str, number: int | None = None) -> str:
        read_end, write_end = os.pipe()
        proc = subprocess.Popen(
            ["Xvfb", *([f":{number}"] if number is not None else [])]
            + ["-displayfd", str(write_end), "-screen", "0", f"{geometry}x24", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        started.append(proc)
        number = b""
        while not number.endswith(b"\n"):
            chunk = os.read(read_end, 16)
            assert chunk, "Xvfb did not start"
            number += chunk
        os.close(read_end)
        return f":{number.decode().strip()}"

    yield start
    for proc in started:
        proc.terminate()
        proc.wait(10)


UNIT_ERRORS = "unit-stderr.txt"


LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES")


def run_unit(
    command: list[str], display: str, home: Path, locale: str | None = "C.UTF-8"
) -> subprocess.Popen[bytes]:
    """The unit's command on ``display``, in a session whose locale is ``locale`` (None: a
    session with none at all, as systemd gives where /etc/default/locale sets none)."""
    env = {
        **{name: value for name, value in os.environ.items() if name not in LOCALE_VARIABLES},
        **({"LANG": locale} if locale else {}),
        "DISPLAY": display,
        "SERVICEHALL_HOME": str(home),
        "SERVICEHALL_DB": f"sqlite:///{home / 'hall.db'}",
        "SERVICEHALL_IGNORE_HOURS": "1",
    }
    env.pop("SERVICEHALL_CONFIG", None)
    with (home / UNIT_ERRORS).open("wb") as errors:  # what the script and xterm said, if it fails
        return subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,  # the xterm and the app in it end together
        )


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End the unit's process group (the script, xterm and the app), if it still runs."""
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def logged_grid(
    home: Path, role: str, proc: subprocess.Popen[bytes], timeout: float = 120
) -> tuple[int, int]:
    """The grid the app logged when its terminal gave it its size. The deadline is long: the
    unit starts bash, xterm (loading a CJK font) and the app beside the suite's other work; in
    one suite run on a slow afternoon 60 s were not enough (2026-12-03)."""
    pattern = re.compile(rf"{role} screen: (\d+)×(\d+) cells")
    log = home / "servicehall.log"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists():
            found = pattern.findall(log.read_text("utf-8", errors="replace"))
            if found:
                return int(found[-1][0]), int(found[-1][1])
        if proc.poll() is not None:
            break  # the unit ended without it
        time.sleep(0.2)
    said = (home / UNIT_ERRORS).read_text("utf-8", errors="replace")
    ended = "still running" if proc.poll() is None else f"ended with {proc.returncode}"
    raise AssertionError(f"the {role} never logged its grid (the unit {ended}; it said: {said!r})")


def on_x(display: str, *argv: str) -> str:
    """What an X client run on ``display`` printed."""
    return subprocess.run(
        argv,
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout


def xterm_size(display: str) -> tuple[int, int]:
    """Width and height in pixels of the xterm window on the screen (there is no other)."""
    tree = on_x(display, "xwininfo", "-root", "-children")
    found = re.search(r'\("xterm" "XTerm"\)\s+(\d+)x(\d+)', tree)
    assert found, tree
    return int(found[1]), int(found[2])


def screen_saver(display: str) -> str:
    """ "off" when the X server will neither blank the screen nor power it down when idle (DPMS,
    where the server has it), else what ``xset q`` says of it."""
    said = on_x(display, "xset", "q")
    saver = re.search(r"timeout:\s+(\d+)", said)
    blanking = re.search(r"prefer blanking:\s+(\w+)", said)
    dpms_on = "DPMS is Enabled" in said
    if saver and saver[1] == "0" and blanking and blanking[1] == "no" and not dpms_on:
        return "off"
    return said


def screenshot(display: str, path: Path) -> Image.Image:
    on_x(display, "import", "-window", "root", str(path))
    return Image.open(path).convert("RGB")


def shot_when(
    display: str, path: Path, ready: Callable[[Image.Image], bool], timeout: float = 60
) -> Image.Image:
    """Screenshots until ``ready`` holds for one (the app draws a moment after it starts)."""
    deadline = time.monotonic() + timeout
    while True:
        image = screenshot(display, path)
        if ready(image) or time.monotonic() > deadline:
            return image
        time.sleep(0.5)


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int], slack: int = 40) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour, strict=True))


def text_rows(image: Image.Image, colour: tuple[int, int, int], least: int = 12) -> int:
    """How many separate horizontal bands hold at least ``least`` pixels of ``colour``."""
    width, height = image.size
    pixels = image.load()
    bands, inside = 0, False
    for y in range(height):
        count = sum(near(pixels[x, y], colour, 30) for x in range(0, width, 2))
        if count >= least and not inside:
            bands += 1
        inside = count >= least
    return bands


HALL_BAND = (0x00, 0x2B, 0x5C)  # the kiosk's hall-name band
ESTIMATE = (0xBF, 0xE0, 0xFF)  # the estimated wait on each service button
GUIDE = (0x0D, 0x5C, 0x2B)  # the 办事指南 button


def test_kiosk_unit_fills_a_1280x800_panel(screen: Callable[..., str], tmp_path: Path) -> None:
    display = screen("1280x800")
    proc = run_unit(unit_command("servicehall-kiosk.service"), display, tmp_path)
    try:
        columns, rows = logged_grid(tmp_path, "kiosk", proc)
        least_columns, least_rows = SMALLEST["kiosk"]
        assert columns >= least_columns and rows >= least_rows

        image = shot_when(display, tmp_path / "kiosk.png", lambda i: text_rows(i, ESTIMATE) >= 3)
        width, height = image.size
        assert xterm_size(display) == (width, height)  # no more (cut off), no less (a corner)
        pixels = image.load()
        # the window fills the screen: the band across the top, the guide button at the bottom
        assert near(pixels[6, 6], HALL_BAND) and near(pixels[width - 30, 6], HALL_BAND)
        assert near(pixels[40, height - 25], GUIDE)
        # the rows of service buttons show their estimate line (blank blue bars would not)
        assert text_rows(image, ESTIMATE) >= 3
        # X would blank the panel after ten minutes without a touch
        wait_for(lambda: screen_saver(display) == "off", what="the screen saver off")
    finally:
        stop(proc)


def test_display_unit_fills_a_1366x768_tv(screen: Callable[..., str], tmp_path: Path) -> None:
    hall = Hall.open(load_config(None), db=f"sqlite:///{tmp_path / 'hall.db'}", enforce_hours=False)
    hall.issue("A")
    hall.call_next(1)
    hall.close()
    display = screen("1366x768")
    proc = run_unit(unit_command("servicehall-display.service"), display, tmp_path)
    try:
        columns, rows = logged_grid(tmp_path, "display", proc)
        least_columns, least_rows = SMALLEST["display"]
        assert columns >= least_columns and rows >= least_rows

        def yellow_dots(image: Image.Image) -> int:
            top = image.crop((0, 0, image.width, image.height // 2))
            pixels = top.get_flattened_data()
            return sum(1 for p in pixels if p[0] > 150 and p[1] > 150 and p[2] < 100)

        image = shot_when(display, tmp_path / "display.png", lambda i: yellow_dots(i) > 20_000)
        assert xterm_size(display) == image.size
        # the called A001 and window 1 in big yellow dots fill a good part of the upper half
        assert yellow_dots(image) > 20_000
        pixels = image.load()
        # the board's dark blue reaches the screen's far corner: the xterm fills the TV
        corner = pixels[image.width - 20, image.height // 2]
        assert corner[2] > corner[0] and corner[2] > 40
        # nobody touches the TV: X would have blanked it after ten minutes
        wait_for(lambda: screen_saver(display) == "off", what="the screen saver off")
    finally:
        stop(proc)


def steady_shot(display: str, path: Path, ready: Callable[[Image.Image], bool]) -> Image.Image:
    """A screenshot once ``ready`` holds and the next one, half a second later, is the same."""
    last = shot_when(display, path, ready)
    deadline = time.monotonic() + 60
    while True:
        time.sleep(0.5)
        image = screenshot(display, path)
        if image.tobytes() == last.tobytes() or time.monotonic() > deadline:
            return image
        last = image


def test_kiosk_unit_shows_the_same_screen_without_a_locale(
    screen: Callable[..., str], tmp_path: Path
) -> None:
    """A PC whose session has no locale at all (a minimal install) gets the very screen a
    UTF-8 session gets; xterm left in Latin-1 showed every Chinese word as mojibake."""
    shots = {}
    for locale in ("C.UTF-8", None):
        home = tmp_path / (locale or "none")
        home.mkdir()
        display = screen("1280x800")
        proc = run_unit(unit_command("servicehall-kiosk.service"), display, home, locale)
        try:
            logged_grid(home, "kiosk", proc)
            ready = lambda image: text_rows(image, ESTIMATE) >= 3  # noqa: E731
            shots[locale] = steady_shot(display, home / "kiosk.png", ready)
        finally:
            stop(proc)
    same = shots[None].tobytes() == shots["C.UTF-8"].tobytes()
    assert same, f"the screens differ: see kiosk.png in {tmp_path}/none and {tmp_path}/C.UTF-8"


def unused_display() -> int:
    """A display number no X server holds (high: ``Xvfb -displayfd`` takes the lowest free)."""
    return next(
        n
        for n in range(400, 1000)
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists()
    )


def test_kiosk_unit_tries_again_when_the_screen_turns_it_away(
    screen: Callable[..., str], tmp_path: Path
) -> None:
    """A bare X server resets when its last client leaves (the unit's size query, xdpyinfo) and
    turns away a client connecting during the reset: in one suite run the unit's xterm ended at
    once with "Can't open display" (three xdpyinfo loops on one bare Xvfb: 79 of 900 refused;
    with ``-noreset`` none). The unit tries xterm again a second later. Here the screen is not
    there at the first try (the size given, so no query) and comes up after it."""
    number = unused_display()
    script, *role = unit_command("servicehall-kiosk.service")
    proc = run_unit([script, "--screen", "1280x800", *role], f":{number}", tmp_path)
    try:
        said = lambda: (tmp_path / UNIT_ERRORS).read_text("utf-8", errors="replace")  # noqa: E731
        wait_for(lambda: "再试" in said() or proc.poll() is not None, what="a first try")
        assert "再试" in said(), f"the unit gave up at the first try: {said()!r}"
        screen("1280x800", number)
        columns, rows = logged_grid(tmp_path, "kiosk", proc)
        least_columns, least_rows = SMALLEST["kiosk"]
        assert columns >= least_columns and rows >= least_rows
    finally:
        stop(proc)
