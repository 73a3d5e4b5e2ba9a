"""Clerk accounts: PINs are checked, and never reach the database file or the log in clear."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from servicehall.clerk.console import ClerkApp
from servicehall.datadir import data_dir
from servicehall.queue import Hall, UnknownInput
from servicehall.queue.clerks import disable_clerk, list_clerks, save_clerk, verify_clerk

from support.clerk import at_desk, sign_in
from support.cli import CliRun
from support.waiting import until

PIN = "918273"


def test_save_and_verify(hall: Hall) -> None:
    save_clerk(hall.store, hall.code, "007", "王芳", PIN)
    assert verify_clerk(hall.store, hall.code, "007", PIN).name == "王芳"  # type: ignore[union-attr]
    assert verify_clerk(hall.store, hall.code, "007", "918274") is None
    assert verify_clerk(hall.store, hall.code, "nobody", PIN) is None
    save_clerk(hall.store, hall.code, "007", "王芳", "1234")  # a new PIN replaces the old
    assert verify_clerk(hall.store, hall.code, "007", PIN) is None
    assert [c.clerk_id for c in list_clerks(hall.store, hall.code)] == ["007"]


@pytest.mark.parametrize("pin", ["12", "abcd", ""])
def test_weak_pins_are_refused(hall: Hall, pin: str) -> None:
    with pytest.raises(UnknownInput):
        save_clerk(hall.store, hall.code, "007", "王芳", pin)


async def test_pin_never_in_clear_in_database_or_log(
    hall: Hall, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    log_file = data_dir() / "clerk-test.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    try:
        save_clerk(hall.store, hall.code, "007", "王芳", PIN)
        app = ClerkApp(hall, 5)
        async with app.run_test(size=(100, 30)) as pilot:
            await sign_in(pilot, pin="555555")  # wrong: refused and recorded
            await until(pilot, lambda: any(e.kind == "sign_in_refused" for e in hall.events()))
            await sign_in(pilot, clerk=PIN, pin=PIN)  # a PIN typed into the id box
            await until(pilot, lambda: sum(e.kind == "sign_in_refused" for e in hall.events()) == 2)
            await at_desk(pilot, pin=PIN)  # and finally the right one
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    hall.close()
    database = Path(db_url.removeprefix("sqlite:///"))
    files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
    for secret in (PIN, "555555"):
        for path in [*files, log_file]:
            assert secret.encode() not in path.read_bytes(), (secret, path)
        assert secret not in caplog.text


def test_clerk_add_reads_the_pin_and_stores_only_its_hash(db_url: str, cli: CliRun) -> None:
    run = ["--db", db_url, "clerk"]
    empty = cli(*run, "list").stdout
    assert empty.startswith("还没有登记工作人员") and "┏" not in empty  # a line, no empty table
    added = cli(*run, "add", "031", "--name", "赵敏", stdin=f"{PIN}\n")
    assert added.returncode == 0, added.stderr
    assert PIN not in added.stdout + added.stderr
    listed = cli(*run, "list", "--json").json()
    assert [(c["clerk"], c["name"], c["active"]) for c in listed] == [("031", "赵敏", True)]
    assert "赵敏" in cli(*run, "list").stdout
    refused = cli(*run, "add", "032", "--name", "x", stdin="12\n")
    assert refused.returncode == 2 and "PIN 至少 4 位数字" in refused.stderr
    database = Path(db_url.removeprefix("sqlite:///"))
    for path in database.parent.glob(database.name + "*"):
        assert PIN.encode() not in path.read_bytes()


def test_a_disabled_clerk_cannot_sign_in_but_keeps_their_name(hall: Hall) -> None:
    save_clerk(hall.store, hall.code, "012", "李娟", PIN)
    gone = disable_clerk(hall.store, hall.code, "012")
    assert (gone.name, gone.active) == ("李娟", False)
    assert verify_clerk(hall.store, hall.code, "012", PIN) is None
    assert [(c.clerk_id, c.name, c.active) for c in list_clerks(hall.store, hall.code)] == [
        ("012", "李娟", False)
    ]
    assert list_clerks(hall.store, hall.code, active_only=True) == []
    with pytest.raises(UnknownInput):
        disable_clerk(hall.store, hall.code, "099")
    save_clerk(hall.store, hall.code, "012", "李娟", "97531")  # back at work with a new PIN
    assert verify_clerk(hall.store, hall.code, "012", "97531") is not None


def test_clerk_remove_command(db_url: str, cli: CliRun) -> None:
    run = ["--db", db_url, "clerk"]
    added = cli(*run, "add", "031", "--name", "赵敏", stdin=f"{PIN}\n")
    assert added.returncode == 0, added.stderr
    removed = cli(*run, "remove", "031")
    assert removed.returncode == 0 and "已停用工作人员 赵敏" in removed.stdout
    listed = cli(*run, "list", "--json").json()
    assert [(c["clerk"], c["active"]) for c in listed] == [("031", False)]
    unknown = cli(*run, "remove", "099")
    assert unknown.returncode == 2 and "没有工号为 099 的工作人员" in unknown.stderr
