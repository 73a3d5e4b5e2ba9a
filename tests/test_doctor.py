"""`servicehall doctor`: each check passes, warns or fails on a real machine state, in Chinese."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from servicehall.config import HallConfig
from servicehall.doctor import FAIL, OK, WARN, check_database, check_printer, check_voice
from servicehall.queue import Hall

ROOT = Path(__file__).parent.parent


def test_database_missing_schema_then_ready(config: HallConfig, db_url: str) -> None:
    missing = check_database(config, db_url)
    assert missing.state == FAIL and "init" in missing.fix
    Hall.open(config, db=db_url).close()
    assert check_database(config, db_url).state == OK


def test_database_unreachable(config: HallConfig) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    result = check_database(config, f"postgresql+psycopg://nobody@127.0.0.1:{port}/x")
    assert result.state == FAIL and "无法连接数据库" in result.detail


def test_printer_that_does_not_answer_fails(config: HallConfig) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    printer = config.printer.model_copy(
        update={"connection": "network", "host": "127.0.0.1", "port": port, "timeout_s": 1}
    )
    result = check_printer(config.model_copy(update={"printer": printer}))
    assert result.state == FAIL and "print-test" in result.fix
    assert check_printer(config).state == WARN  # the sample's preview printer


def test_missing_voice_engine_fails(config: HallConfig) -> None:
    voice = config.voice.model_copy(update={"command": ["no-such-voice-engine", "-v", "cmn"]})
    result = check_voice(config.model_copy(update={"voice": voice}))
    assert result.state == FAIL and "no-such-voice-engine" in result.detail


def test_doctor_command_json_and_exit_code(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SERVICEHALL_HOME": str(tmp_path)}
    db = f"sqlite:///{tmp_path / 'hall.db'}"

    def doctor() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "servicehall",
                "--db",
                db,
                "doctor",
                "--role",
                "server",
                "--json",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    before = doctor()
    assert before.returncode == 1
    assert json.loads(before.stdout)["ok"] is False
    subprocess.run(
        [sys.executable, "-m", "servicehall", "--db", db, "init"],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    after = doctor()
    assert after.returncode == 0, after.stdout
    states = {c["name"]: c["state"] for c in json.loads(after.stdout)["checks"]}
    assert states == {"配置文件": OK, "系统时间": OK, "数据库": OK}


def test_terminal_grid_below_the_smallest_fails_with_the_fix() -> None:
    from servicehall.doctor import check_terminal

    small = check_terminal("display", (50, 15))
    assert small.state == FAIL
    assert "50×15" in small.detail and "54×16" in small.detail and "叫号屏" in small.detail
    assert "SERVICEHALL_FONT_PX" in small.fix and "servicehall-xterm" in small.fix
    fine = check_terminal("kiosk", (70, 23))
    assert fine.state == OK and "70×23" in fine.detail and "56×20" in fine.detail
    assert check_terminal("kiosk", (56, 20)).state == OK  # the smallest grid itself works
    assert check_terminal("clerk", (79, 24)).state == FAIL
    assert check_terminal("server").state == OK  # no screen to check
