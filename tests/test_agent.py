"""``servicehall agent``: the console script hands short commands to a running agent, which runs
them in a fork with the caller's streams, directory and environment; without an agent, or with
one whose code changed, the command runs by itself. Real processes and a real Unix socket.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from servicehall.cli.agent import code_changed, code_files, without_passwords
from servicehall.launch import QUICK_COMMANDS, socket_path

from support.cli import CliRun
from support.waiting import wait_for

pytestmark = pytest.mark.slow  # the agent and the console script run as processes of their own

SCRIPT = str(Path(sys.executable).parent / "servicehall")


def script(*args: str, env: dict[str, str], cwd: Path, **popen: Any) -> CompletedProcess[str]:
    """``servicehall ARGS`` as a script runs it: the console script in a new process."""
    return subprocess.run(
        [SCRIPT, *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **popen,
    )


@dataclass
class Agent:
    home: Path
    env: dict[str, str]
    process: subprocess.Popen[str]

    @property
    def socket(self) -> Path:
        return self.home / "agent.sock"

    def run(self, *args: str) -> CompletedProcess[str]:
        return script(*args, env=self.env, cwd=self.home)

    def forks(self) -> list[str]:
        """The commands the agent says it ran (its log, one line per fork)."""
        log = self.home / "servicehall.log"
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        return [line.split(" runs ", 1)[1] for line in text.splitlines() if " runs " in line]


def start_agent(home: Path, env: dict[str, str], *python: str) -> subprocess.Popen[str]:
    command = [sys.executable, *python] if python else [SCRIPT, "agent"]
    process = subprocess.Popen(
        command, env=env, cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    ready = process.stdout.readline()  # printed once it listens (empty: it ended)
    assert str(home / "agent.sock") in ready, (ready, process.communicate())
    return process


@pytest.fixture
def hall_home(cli: CliRun) -> Iterator[tuple[Path, dict[str, str]]]:
    """A data directory with an SQLite hall (``init`` run in the test's process), and the
    environment that names it."""
    home = Path(tempfile.mkdtemp(prefix="sh-agent-"))  # short: a socket's path has 107 bytes
    env = {**os.environ, "SERVICEHALL_HOME": str(home), "SERVICEHALL_IGNORE_HOURS": "1"}
    for name in ("SERVICEHALL_DB", "SERVICEHALL_CONFIG", "SERVICEHALL_LANG"):
        env.pop(name, None)
    assert cli("init", env={"SERVICEHALL_HOME": str(home)}).returncode == 0
    try:
        yield home, env
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def agent(hall_home: tuple[Path, dict[str, str]]) -> Iterator[Agent]:
    home, env = hall_home
    running = Agent(home, env, start_agent(home, env))
    try:
        yield running
    finally:  # the agent running now: a test may have started another in its place
        if running.process.poll() is None:
            running.process.terminate()
            running.process.wait(timeout=30)


def test_quick_commands_run_in_the_agent_with_the_callers_streams(agent: Agent) -> None:
    taken = agent.run("take", "A", "--json")
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["ticket"] == "A001"
    called = agent.run("call", "next", "--window", "1", "--json")
    assert called.returncode == 0, called.stderr
    assert json.loads(called.stdout)["ticket"] == "A001"
    status = agent.run("status", "--json")
    windows = {w["number"]: w for w in json.loads(status.stdout)["windows"]}
    assert windows[1]["current"] == "A001"
    wait_for(lambda: len(agent.forks()) == 3, what="three forks in the agent's log")
    assert agent.forks() == [
        "take A --json",
        "call next --window 1 --json",
        "status --json",
    ]


def test_refusals_keep_their_exit_code_and_one_line_in_the_callers_language(
    agent: Agent,
) -> None:
    refused = agent.run("call", "next", "--window", "99")
    assert refused.returncode not in (0, 1)  # a domain error's own code, not the agent's
    assert refused.stdout == ""
    assert refused.stderr.startswith("错误：") and refused.stderr.count("\n") == 1
    english = agent.run("--lang", "en", "call", "next", "--window", "99")
    assert english.returncode == refused.returncode
    assert english.stderr.startswith("Error: ") and "99" in english.stderr
    bad = agent.run("take")  # argparse's own exit (code 2) inside the fork
    assert bad.returncode == 2 and "take" in bad.stderr
    wait_for(lambda: len(agent.forks()) == 3, what="the three refused commands in the log")


def test_the_environment_and_directory_are_the_callers(
    agent: Agent, tmp_path: Path, cli: CliRun
) -> None:
    """A second hall's database in the caller's environment, and a relative --config path:
    the fork works on what the caller named, not on the agent's own environment."""
    other = Path(tempfile.mkdtemp(prefix="sh-other-"))
    try:
        sample = agent.run("sample-config")
        (other / "hall.toml").write_text(sample.stdout, encoding="utf-8")
        env = {**agent.env, "SERVICEHALL_DB": f"sqlite:///{other / 'other.db'}"}
        assert cli("init", env={"SERVICEHALL_DB": env["SERVICEHALL_DB"]}).returncode == 0
        taken = script("--config", "hall.toml", "take", "B", "--json", env=env, cwd=other)
        assert taken.returncode == 0, taken.stderr
        assert json.loads(taken.stdout)["ticket"] == "B001"
        assert (other / "other.db").exists()
        mine = json.loads(agent.run("status", "--json").stdout)
        assert all(s["waiting"] == 0 for s in mine["services"])  # the agent's hall: untouched
        wait_for(lambda: "--config hall.toml take B --json" in agent.forks(), what="the fork")
    finally:
        shutil.rmtree(other, ignore_errors=True)


def test_files_the_command_makes_get_the_callers_umask(agent: Agent) -> None:
    new_db = agent.home / "private.db"
    taken = script(
        "take",
        "A",
        "--json",
        env={**agent.env, "SERVICEHALL_DB": f"sqlite:///{new_db}"},
        cwd=agent.home,
        preexec_fn=lambda: os.umask(0o077),  # the caller's umask, set before exec
    )
    assert taken.returncode == 0, taken.stderr
    assert oct(new_db.stat().st_mode & 0o777) == "0o600"
    wait_for(lambda: agent.forks() == ["take A --json"], what=f"the fork: {agent.forks()}")


def test_a_stopped_agent_is_left_and_the_ticket_is_taken_once(agent: Agent) -> None:
    """An agent that does not answer (here: stopped) is waited for a few seconds, then the
    command runs by itself; when the agent wakes up, its fork finds the caller gone and runs
    nothing, so there is one ticket, not two."""
    agent.process.send_signal(signal.SIGSTOP)
    try:
        taken = agent.run("take", "A", "--json")
    finally:
        agent.process.send_signal(signal.SIGCONT)
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["ticket"] == "A001"
    wait_for(lambda: agent.forks() == ["take A --json"], what="the late fork")
    assert agent.run("take", "A", "--json").returncode == 0  # the agent still serves
    status = json.loads(agent.run("status", "--json").stdout)
    waiting = {s["code"]: s["waiting"] for s in status["services"]}
    assert waiting["A"] == 2  # the late fork took none


def test_other_commands_and_no_agent_run_by_themselves(agent: Agent) -> None:
    assert agent.run("check-config").returncode == 0  # not a quick command
    agent.process.terminate()
    assert agent.process.wait(timeout=30) == 0
    assert not agent.socket.exists()  # it cleans up after itself
    taken = agent.run("take", "A", "--json")
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["ticket"] == "A001"
    assert agent.forks() == []


def test_one_agent_per_data_directory_and_a_stale_socket_is_taken_over(agent: Agent) -> None:
    assert oct(agent.socket.stat().st_mode & 0o777) == "0o600"
    second = agent.run("agent")
    assert second.returncode == 1
    assert str(agent.socket) in second.stderr and second.stderr.count("\n") == 1
    agent.process.send_signal(signal.SIGKILL)  # no chance to remove its socket
    agent.process.wait(timeout=30)
    assert agent.socket.exists()
    agent.process = start_agent(agent.home, agent.env)
    assert agent.run("take", "A", "--json").returncode == 0
    wait_for(lambda: agent.forks() == ["take A --json"], what=f"the fork: {agent.forks()}")


def test_an_agent_whose_code_changed_hands_the_command_back_and_exits(
    tmp_path: Path, hall_home: tuple[Path, dict[str, str]]
) -> None:
    """An upgrade under a running agent: it must not run the old code. A module the agent has
    loaded changes on disk; the next command runs by itself, correctly, and the agent ends."""
    home, env = hall_home
    extra = tmp_path / "hallextra.py"
    extra.write_text("VALUE = 1\n", encoding="utf-8")
    starter = (
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import hallextra; "
        "from servicehall.cli import main; sys.exit(main(['agent']))"
    )
    process = start_agent(home, env, "-c", starter)
    changed = time.time() + 5
    os.utime(extra, (changed, changed))
    taken = script("take", "A", "--json", env=env, cwd=home)
    assert taken.returncode == 0, taken.stderr
    assert json.loads(taken.stdout)["ticket"] == "A001"
    assert process.wait(timeout=30) == 0
    assert not (home / "agent.sock").exists()


def test_the_code_fingerprint_sees_a_changed_module(tmp_path: Path) -> None:
    module = tmp_path / "fingerprinted.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        __import__("fingerprinted")
        files = code_files()
        assert str(module) in files and not code_changed(files)
        later = time.time() + 5
        os.utime(module, (later, later))
        assert code_changed(files)
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("fingerprinted", None)


def test_which_commands_go_to_the_agent() -> None:
    assert {"take", "call", "status"} <= set(QUICK_COMMANDS)
    assert not {"kiosk", "display", "serve", "agent", "backup", "restore"} & set(QUICK_COMMANDS)
    assert socket_path({"SERVICEHALL_HOME": "/srv/hall"}) == Path("/srv/hall/agent.sock")


def test_the_agents_log_shows_no_database_password() -> None:
    url = "postgresql+psycopg://hall_kiosk:s3cr%40t@10.0.0.5:5432/hall"
    logged = without_passwords(["--db", url, "take", "A"])
    assert "s3cr" not in logged
    assert logged == "--db postgresql+psycopg://hall_kiosk:***@10.0.0.5:5432/hall take A"
    assert without_passwords(["--db", "sqlite:////srv/hall.db", "status"]) == (
        "--db sqlite:////srv/hall.db status"
    )
