"""Image mode: a raster of the paper's width, and a golden picture of a 58 mm ticket."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from servicehall.config.models import PrinterSettings
from servicehall.printer import make_printer, ticket_layout
from servicehall.printer.imagemode import font_path, image_job, render_image
from servicehall.queue import Hall

pytestmark = pytest.mark.skipif(
    font_path() is None,
    reason="image mode needs a CJK font: apt-get install fonts-wqy-microhei",
)
GOLDEN = Path(__file__).parent / "golden" / "printer_ticket_58.png"
UPDATE_ENV = "SERVICEHALL_UPDATE_GOLDEN"


def _ticket_layout(hall: Hall, width: int):  # type: ignore[no-untyped-def]
    hall.issue("A", "dibao")
    ticket = hall.issue("A", "dibao")
    return ticket_layout(ticket, hall.config, hall.leader(), paper_width_mm=width)


@pytest.mark.parametrize(("width_mm", "dots"), [(58, 384), (80, 576)])
def test_raster_has_the_paper_width(hall: Hall, width_mm: int, dots: int) -> None:
    layout = _ticket_layout(hall, width_mm)
    picture = render_image(layout, dots)
    assert picture.width == dots and picture.mode == "1"
    job = image_job(layout, dots, cutter=False, profile=None)
    raster = job.data.index(b"\x1dv0")
    assert int.from_bytes(job.data[raster + 4 : raster + 6], "little") == dots // 8
    assert len(job.data) > 5_000  # a raster, unlike the text job's few hundred bytes


def test_golden_ticket_58mm(hall: Hall) -> None:
    picture = render_image(_ticket_layout(hall, 58), 384)
    if os.environ.get(UPDATE_ENV) == "1":
        picture.save(GOLDEN)
        pytest.skip(f"wrote {GOLDEN.name} on request; look at it, commit it, run again")
    assert GOLDEN.exists(), f"no golden picture: run once with {UPDATE_ENV}=1 and look at it"
    golden = Image.open(GOLDEN).convert("1")
    assert picture.size == golden.size
    differing = ImageChops.difference(picture.convert("L"), golden.convert("L")).histogram()
    changed = sum(differing[1:])
    assert changed / (picture.width * picture.height) < 0.01


def test_image_mode_prints_through_a_connection(hall: Hall, tmp_path: Path) -> None:
    spool = tmp_path / "lp0"
    settings = PrinterSettings(
        connection="file", path=str(spool), mode="image", paper_width_mm=80, timeout_s=2
    )
    outcome = make_printer(settings).print_ticket(hall, hall.issue("A", "dibao"))
    assert outcome.ok, outcome.detail
    assert b"\x1dv0" in spool.read_bytes()


def test_image_mode_without_font_keeps_the_number(
    hall: Hall, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERVICEHALL_CJK_FONT", str(tmp_path / "no-such-font.ttc"))
    settings = PrinterSettings(connection="file", path=str(tmp_path / "lp0"), mode="image")
    outcome = make_printer(settings).print_ticket(hall, hall.issue("A", "dibao"))
    assert not outcome.ok and outcome.ticket_kept
    assert "fonts-wqy-microhei" in outcome.detail
