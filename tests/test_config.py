"""Hall configuration: the sample is valid, and each kind of bad file gets a message that says
where and what — from the API and from `servicehall check-config`, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from servicehall.config import ConfigError, load_config, parse_config, sample_text

from support.cli import CliRun

MINIMAL = """
[hall]
name = "测试镇便民服务中心"
hours = ["08:30-12:00"]

[[services]]
code = "A"
name = "民政"

[[windows]]
number = 1
name = "民政"
services = ["A"]
"""


def test_sample_hall_is_a_real_township_hall() -> None:
    config = load_config(None)
    assert 12 <= len(config.services) <= 16
    names = {s.name for s in config.services}
    assert {"民政", "社保医保", "信访接待", "矛盾调处", "村事镇办"} <= names
    dibao = config.service("A").matter("dibao")  # type: ignore[union-attr]
    assert dibao is not None and dibao.materials and dibao.basis and dibao.promise
    assert config.hall.timezone == "Asia/Shanghai"
    assert config.printer.connection == "preview"
    assert config.market_days.is_market_day(dt.date(2026, 11, 24))
    assert not config.market_days.is_market_day(dt.date(2026, 11, 23))


def test_minimal_file_gets_defaults() -> None:
    config = parse_config(MINIMAL)
    assert config.hall.code == "default"
    assert config.hall.open_weekdays == ["mon", "tue", "wed", "thu", "fri"]
    assert config.printer.encoding == "gb18030"


def test_every_n_days_market() -> None:
    config = parse_config(MINIMAL + "\n[market_days]\nevery_days = 3\nfrom_date = 2026-11-01\n")
    assert config.market_days.is_market_day(dt.date(2026, 11, 4))
    assert not config.market_days.is_market_day(dt.date(2026, 11, 5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINIMAL.replace('name = "民政"\n\n[[windows]]', 'name = "民政"\n\n[[windows]'),
            "第 |line",
        ),
        (MINIMAL.replace('code = "A"', 'code = "a1"'), "services[0].code"),
        (MINIMAL.replace('services = ["A"]', 'services = ["Z"]'), "Z"),
        (MINIMAL.replace('hours = ["08:30-12:00"]', 'hours = ["8点半到12点"]'), "HH:MM-HH:MM"),
        (MINIMAL.replace('hours = ["08:30-12:00"]', 'hours = ["12:00-08:30"]'), "晚于"),
        (MINIMAL.replace('name = "测试镇便民服务中心"', 'nmae = "x"'), "hall.name: 缺少必填项"),
        (MINIMAL + '\n[printer]\nconnection = "network"\n', "host"),
        (MINIMAL + '\n[printer]\nencoding = "utf8"\n', "printer.encoding"),
        (MINIMAL.replace("[hall]", '[hall]\ntimezone = "Mars/Base"'), "未知时区"),
        (MINIMAL + '\n[[windows]]\nnumber = 1\nname = "x"\nservices = ["A"]\n', "窗口号重复"),
    ],
)
def test_bad_files_name_the_place_and_the_fault(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(text, source="hall.toml")
    message = error.value.message
    assert "hall.toml" in message
    assert any(part in message for part in expected.split("|")), message


def test_unknown_key_is_reported_not_ignored() -> None:
    with pytest.raises(ConfigError) as error:
        parse_config(MINIMAL.replace("[hall]", '[hall]\nslogen = "x"'))
    assert "hall.slogen" in error.value.message and "不认识" in error.value.message


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as missing:
        load_config(tmp_path / "nope.toml")
    assert "sample-config" in missing.value.message
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(MINIMAL.encode("gbk"))
    with pytest.raises(ConfigError) as encoded:
        load_config(gbk)
    assert "UTF-8" in encoded.value.message


def test_check_config_command(tmp_path: Path, cli: CliRun) -> None:
    good = tmp_path / "hall.toml"
    good.write_text(sample_text(), "utf-8")
    ok = cli("check-config", str(good))
    assert ok.returncode == 0 and "配置正确" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text(MINIMAL.replace('services = ["A"]', 'services = ["Q"]'), "utf-8")
    result = cli("check-config", str(bad))
    assert result.returncode == 2
    assert "bad.toml" in result.stderr and "Q" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
