"""The printing commands as a person runs them: take --print, print-test, reprint, status."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from servicehall.cli import main
from servicehall.config import sample_text
from servicehall.printer.imagemode import font_path
from servicehall.queue import data_dir

from support.printer import free_port


@pytest.fixture(autouse=True)
def _always_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVICEHALL_IGNORE_HOURS", "1")


def _json(capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def _config_with(tmp_path: Path, printer_lines: str) -> str:
    text = sample_text().replace('connection = "preview"', printer_lines, 1)
    path = tmp_path / "hall.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_take_print_preview(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["take", "A", "--matter", "dibao", "--print"]) == 0
    out = capsys.readouterr().out
    assert "A 0 0 1" in out and "一次性告知" in out and "已打印" in out
    assert "A 0 0 1" in (data_dir() / "ticket-preview.txt").read_text(encoding="utf-8")
    assert main(["take", "A", "--matter", "dibao", "--print", "--json"]) == 0
    data = _json(capsys)
    assert data["ticket"] == "A002" and data["print"]["ok"] is True
    assert "A 0 0 2" in data["print"]["preview"]


def test_take_print_to_an_absent_printer_keeps_the_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config_with(
        tmp_path, f'connection = "network"\nhost = "127.0.0.1"\nport = {free_port()}'
    )
    assert main(["--config", config, "take", "A", "--matter", "dibao", "--print", "--json"]) == 6
    data = _json(capsys)
    assert data["print"]["ok"] is False and data["print"]["ticket_kept"] is True
    assert data["print"]["message"] == "打印机未连接，请记住屏幕上的号码"
    assert main(["--config", config, "events", "--ticket", "A001", "--json"]) == 0
    kinds = [e["kind"] for e in _json(capsys)]
    assert kinds == ["issue", "print_failed"]


def test_print_test_and_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    png = tmp_path / "test.png"
    assert main(["print-test", "--json"]) == 0
    data = _json(capsys)
    assert data["outcome"]["ok"] is True and "打印测试" in data["outcome"]["preview"]
    assert data["status"]["online"] is True
    assert main(["printer-status", "--json"]) == 0
    assert _json(capsys)["paper"] == "ok"
    assert main(["events", "--json"]) == 0
    assert [e["kind"] for e in _json(capsys)] == ["print_test"]
    if font_path() is not None:
        assert main(["print-test", "--png", str(png)]) == 0
        assert png.stat().st_size > 1000


def test_printer_status_of_an_absent_printer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config_with(
        tmp_path, f'connection = "network"\nhost = "127.0.0.1"\nport = {free_port()}'
    )
    assert main(["--config", config, "printer-status"]) == 6
    assert "脱机" in capsys.readouterr().out
    assert main(["--config", config, "print-test", "--json"]) == 6
    data = _json(capsys)
    assert data["outcome"]["ok"] is False
    assert data["outcome"]["message"] == "打印机未连接，请检查打印机"
    assert main(["--config", config, "events", "--json"]) == 0
    event = _json(capsys)[-1]
    assert event["kind"] == "print_test" and event["detail"]["ok"] is False


def test_reprint_last_ticket(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reprint"]) == 2
    assert "无可补打" in capsys.readouterr().err
    assert main(["take", "B", "--matter", "yibao"]) == 0
    assert main(["take", "A", "--matter", "dibao"]) == 0
    capsys.readouterr()
    assert main(["reprint", "--json"]) == 0
    data = _json(capsys)
    assert data["ticket"] == "A001" and data["ok"] is True and "补打" in data["detail"]
    # a line of its own on 58 mm paper, not a word cut in two ("（补" / "打）")
    reprinted = [line.strip() for line in data["preview"].splitlines() if "补打" in line]
    assert len(reprinted) == 1
    assert re.fullmatch(r"补打时间：\d{4}-\d\d-\d\d \d\d:\d\d", reprinted[0])
    assert main(["reprint", "B001", "--json"]) == 0
    assert _json(capsys)["ticket"] == "B001"
