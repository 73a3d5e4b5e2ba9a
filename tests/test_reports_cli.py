"""``servicehall report`` end to end: JSON keys, CSV with BOM, the Excel workbook, bad input."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from servicehall.cli import main
from servicehall.queue import FixedClock, Hall

from support.cli import CliRun
from support.reports import play_monday
from support.tables import cut_off, headings, table_lines


@pytest.fixture
def played(hall: Hall, clock: FixedClock, db_url: str) -> str:
    play_monday(hall, clock)
    return db_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_keeps_its_keys(played: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", played, "report", "--day", "2026-11-23", "--json")
    assert code == 0
    data = json.loads(out)
    assert {"day", "totals", "services", "windows", "matters", "clerks", "hours"} <= set(data)
    assert data["day"] == "2026-11-23" and data["empty"] is False
    assert {
        "issued",
        "served",
        "no_show",
        "transferred",
        "cancelled",
        "expired",
        "waiting",
    } <= set(data["totals"])
    service = data["services"][0]
    assert {"code", "issued", "served", "no_show", "avg_wait_s", "avg_service_s"} <= set(service)
    assert (service["code"], service["issued"], service["avg_wait_s"]) == ("A", 3, 570.0)


def test_json_for_a_range_and_one_breakdown(
    played: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", played, "report", "--from", "2026-11-20", "--to", "2026-11-24"]
    code, out, _ = run(capsys, *argv, "--by", "clerk", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["day"], data["from"], data["to"], data["days"]) == (
        None,
        "2026-11-20",
        "2026-11-24",
        5,
    )
    assert [c["clerk"] for c in data["clerks"]] == ["z01", "z02", "z04", "z13"]
    assert data["services"] == []


def test_terminal_tables(played: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", played, "report", "--day", "2026-11-23")
    assert code == 0
    assert "取号 8  办结 4  过号 1  转办 1" in out
    assert "按业务：人数" in out and "按窗口：时长" in out
    assert "民政" in out and "10:00-11:00" in out
    assert "限时办结率 75.0%" in out and "满意率 66.7%" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("by", ["service", "matter", "window", "clerk", "hour"])
def test_an_80_column_terminal_shows_every_column_whole(
    played: str, cli: CliRun, lang: str, by: str
) -> None:
    """A hall PC's terminal opens at 80 columns: a breakdown too wide for it comes in parts
    (each with the rows' names), never cut off at the right edge."""
    shown = cli(
        "--lang", lang, "--db", played, "report", "--day", "2026-11-23", "--by", by,
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    assert table_lines(lines) and not cut_off(lines)
    wanted = (
        {"限时办结率", "满意率", "办理90%"}
        if lang == "zh"
        else {"Finished in time %", "Satisfaction %", "Service 90%"}
    )
    assert wanted <= headings(lines)
    assert "66.7%" in shown.stdout  # the Monday's rate: its figure whole, in its column


def test_empty_day_says_so(played: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", played, "report", "--day", "2026-11-22")
    assert code == 0
    assert "2026-11-22 没有取号记录" in out


def test_csv_has_bom_and_chinese(
    played: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "按业务.csv"
    code, out, _ = run(
        capsys, "--db", played, "report", "--day", "2026-11-23", "--csv", str(target)
    )
    assert code == 0 and "已保存" in out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["编码", "业务", "取号", "办结"]
    assert "平均等候（分钟）" in rows[0] and "满意率（%）" in rows[0]
    assert rows[1][:4] == ["A", "民政", "3", "2"]
    assert rows[1][rows[0].index("平均等候（分钟）")] == "9.5"  # 570 s
    assert rows[-1][0] == "合计" and rows[-1][2] == "8"


def test_csv_to_stdout_by_window(played: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", played, "report", "--day", "2026-11-23", "--by", "window", "--csv"]
    code, out, _ = run(capsys, *argv)
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert code == 0 and out.startswith("\ufeff")
    assert rows[0][:4] == ["窗口", "名称", "接待", "办结"] and "转出" in rows[0]
    assert [r[0] for r in rows[1:]] == ["1", "2", "4", "13", "合计"]


def test_xlsx_holds_the_numbers_and_a_chart(
    played: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.xlsx"
    code, _, _ = run(capsys, "--db", played, "report", "--day", "2026-11-23", "--xlsx", str(target))
    assert code == 0
    book = load_workbook(target)
    assert book.sheetnames == [
        "汇总",
        "按业务",
        "按事项",
        "按窗口",
        "按工作人员",
        "按时段（取号时间）",
        "到达时段图",
        "办件",
    ]
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(min_row=5, values_only=True)}
    assert (summary["取号"], summary["办结"], summary["限时办结率（%）"]) == (8, 4, 0.75)
    assert summary["等候中位数（分钟）"] == 14.0  # 840 s
    services = list(book["按业务"].iter_rows(values_only=True))
    assert services[1][:4] == ("A", "民政", 3, 2)
    assert services[-1][0] == "合计" and services[-1][2] == 8
    hours = {r[0]: r[1] for r in book["按时段（取号时间）"].iter_rows(min_row=2, values_only=True)}
    assert hours["10:00-11:00"] == 7
    charts = book["到达时段图"]._charts
    assert len(charts) == 1 and charts[0].tagname == "barChart"
    with zipfile.ZipFile(target) as archive:
        chart_xml = archive.read("xl/charts/chart1.xml").decode()
    assert "按时段（取号时间）" in chart_xml and "barChart" in chart_xml


@pytest.mark.parametrize(
    "argv",
    [
        ["--day", "2026-13-01"],
        ["--day", "昨天"],
        ["--from", "2026-11-30", "--to", "2026-11-01"],
        ["--to", "2026-11-01"],
        ["--day", "2026-11-23", "--from", "2026-11-01"],
    ],
)
def test_bad_dates_get_one_chinese_line(
    played: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", played, "report", *argv)
    assert code == 2 and out == ""
    assert err.startswith("错误：") and err.count("\n") == 1
    assert "Traceback" not in err


def test_unwritable_export_is_reported(played: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", played, "report", "--xlsx", "/nonexistent-dir/r.xlsx"]
    code, _, err = run(capsys, *argv)
    assert code == 1 and err.startswith("错误：无法写入")
