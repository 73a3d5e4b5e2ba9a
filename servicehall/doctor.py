"""``servicehall doctor``: check a hall PC for what its role needs, and say how to fix it.

Each check returns a :class:`Check` with an explanation and the fix, in the process's language;
nothing here changes the machine. Roles: kiosk (touchscreen + printer), display (TV + voice),
clerk (window console), server (the database PC), sms (the SMS bridge: its modem and its
outbox), phone (the phone pages' server: the address in the QR codes, and that it answers there).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from sqlalchemy.engine import make_url

from servicehall.config import HallConfig, load_config
from servicehall.errors import ServiceHallError
from servicehall.grids import DESIGNED, SMALLEST, fits
from servicehall.i18n import t
from servicehall.queue import Hall, default_url
from servicehall.serve import ROLES as SERVED_ROLES

ROLES = ("kiosk", "display", "clerk", "rate", "manager", "server", "sms", "phone")
CLOCK_SLACK_S = 120.0
"""How far behind the newest record a clock may be before the doctor says so."""
BACKUP_STALE_H = 48.0
OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    name: str
    state: str
    detail: str
    fix: str = ""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def check_config(path: str | None) -> tuple[Check, HallConfig | None]:
    try:
        config = load_config(path)
    except ServiceHallError as exc:
        return Check(t("doc_config"), FAIL, exc.message, t("doc_config_fix")), None
    detail = t(
        "doc_config_ok",
        hall=config.hall.name,
        services=len(config.services),
        windows=len(config.windows),
    )
    warnings = config.warnings()
    if warnings:
        return Check(t("doc_config"), WARN, t("doc_config_sep").join([detail, *warnings])), config
    return Check(t("doc_config"), OK, detail), config


def check_database(config: HallConfig, db: str | None) -> Check:
    try:
        hall = Hall.open(config, db=db, create=False)
        if not hall.store.has_schema():
            url = hall.store.safe_url()
            hall.close()
            return Check(t("doc_db"), FAIL, t("doc_db_no_tables", url=url), t("doc_db_init"))
        status = hall.status()
        url = hall.store.safe_url()
        hall.close()
    except ServiceHallError as exc:
        return Check(t("doc_db"), FAIL, exc.message, t("doc_db_fix"))
    except Exception as exc:  # noqa: BLE001 - a missing schema or driver, reported as such
        return Check(
            t("doc_db"), FAIL, f"{type(exc).__name__}: {exc}"[:160], t("doc_db_init_first")
        )
    return Check(t("doc_db"), OK, t("doc_db_ok", url=url, day=status.day))


def wait_for_database(config: HallConfig, db: str | None, timeout_s: float) -> Check:
    """Retry the database check until it passes or ``timeout_s`` runs out (for boot order)."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = check_database(config, db)
        if result.state == OK or time.monotonic() >= deadline:
            return result
        time.sleep(2)


def check_printer(config: HallConfig) -> Check:
    from servicehall.printer import make_printer

    settings = config.printer
    if settings.connection == "preview":
        return Check(t("doc_printer"), WARN, t("doc_printer_preview"), t("doc_printer_preview_fix"))
    status = make_printer(settings).status()
    if status.online is None:
        return Check(
            t("doc_printer"),
            WARN,
            status.message or t("doc_printer_unknown"),
            t("doc_printer_test"),
        )
    if status.online and status.paper != "out" and not status.fault:
        if status.paper == "near_end":
            return Check(
                t("doc_printer"),
                WARN,
                status.message or t("doc_printer_paper_low"),
                t("doc_printer_paper_fix"),
            )
        return Check(t("doc_printer"), OK, status.message or t("doc_printer_ok"))
    return Check(
        t("doc_printer"),
        FAIL,
        status.message or t("doc_printer_silent"),
        t("doc_printer_silent_fix"),
    )


def check_cjk_font() -> Check:
    if not shutil.which("fc-list"):
        return Check(t("doc_font"), WARN, t("doc_font_no_fc_list"), "apt-get install fontconfig")
    families = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20
    ).stdout
    if not families.strip():
        return Check(
            t("doc_font"), FAIL, t("doc_font_missing"), "apt-get install fonts-wqy-microhei"
        )
    first = families.strip().splitlines()[0].split(",")[0]
    return Check(t("doc_font"), OK, t("doc_font_ok", font=first))


def check_voice(config: HallConfig) -> Check:
    """Ask the display's own announcer, so the doctor and the display never disagree."""
    from servicehall.display.voice import Announcer

    reason = Announcer(config.voice).off_reason
    if reason is None:
        return Check(t("doc_voice"), OK, t("doc_voice_ok", command=config.voice.command[0]))
    if not config.voice.enabled:
        return Check(t("doc_voice"), WARN, reason)
    return Check(t("doc_voice"), FAIL, t("doc_voice_silent", reason=reason), t("doc_voice_fix"))


def check_terminal(role: str, size: tuple[int, int] | None = None) -> Check:
    """The grid this terminal gives the role's screen, against the smallest it is laid out for.

    ``size`` is (columns, rows); by default the terminal the doctor runs in (run it in the
    role's own terminal: the xterm the unit starts).
    """
    if role not in SMALLEST:
        return Check(t("doc_screen"), OK, t("doc_screen_none"))
    if size is None:
        found = shutil.get_terminal_size((0, 0))
        size = (found.columns, found.lines)
    columns, rows = size
    least_columns, least_rows = SMALLEST[role]
    if columns == 0 or rows == 0:  # no terminal (COLUMNS alone in the environment gives 80×0)
        return Check(
            t("doc_screen"), WARN, t("doc_screen_no_terminal"), t("doc_screen_rerun", role=role)
        )
    least = f"{least_columns}×{least_rows}"
    if fits(role, columns, rows):
        if role not in DESIGNED:
            return Check(
                t("doc_screen"), OK, t("doc_screen_ok_any", columns=columns, rows=rows, least=least)
            )
        designed = "×".join(map(str, DESIGNED[role]))
        return Check(
            t("doc_screen"),
            OK,
            t("doc_screen_ok", columns=columns, rows=rows, least=least, designed=designed),
        )
    return Check(
        t("doc_screen"),
        FAIL,
        t(
            "doc_screen_small",
            columns=columns,
            rows=rows,
            what=t(f"doc_role_{role}"),
            least=least,
        ),
        screen_fix(role),
    )


def screen_fix(role: str) -> str:
    """How to give the role's screen its grid: the units' xterm (or, for the manager, the
    office terminal's own window), and the browser where ``servicehall serve`` has the role."""
    fix = t("doc_screen_fix" if role in DESIGNED else "doc_screen_fix_window", role=role)
    return fix + (t("doc_screen_fix_browser", role=role) if role in SERVED_ROLES else "")


def check_clock(config: HallConfig, newest: float | None = None) -> Check:
    """The PC's clock: plausible, and not behind the newest record in the database (set back by
    hand, a flat CMOS battery, or a PC whose clock lags the others')."""
    now = dt.datetime.now(config.hall.tz)
    if now.year < 2025:
        return Check(
            t("doc_clock"),
            FAIL,
            t("doc_clock_wrong", now=f"{now:%Y-%m-%d %H:%M}"),
            t("doc_clock_wrong_fix"),
        )
    if newest is not None and newest - now.timestamp() > CLOCK_SLACK_S:
        behind = (newest - now.timestamp()) / 60
        last = dt.datetime.fromtimestamp(newest, config.hall.tz)
        return Check(
            t("doc_clock"),
            WARN,
            t(
                "doc_clock_behind",
                now=f"{now:%m-%d %H:%M}",
                last=f"{last:%m-%d %H:%M}",
                minutes=f"{behind:.0f}",
            ),
            t("doc_clock_behind_fix"),
        )
    return Check(
        t("doc_clock"), OK, t("doc_clock_ok", now=f"{now:%Y-%m-%d %H:%M}", tz=config.hall.timezone)
    )


def newest_record(config: HallConfig, db: str | None) -> float | None:
    """When the hall's newest record was written (by whichever PC's clock), or None."""
    try:
        hall = Hall.open(config, db=db, create=False)
        try:
            return hall.newest_event_ts()
        finally:
            hall.close()
    except ServiceHallError:
        return None  # the database check says what is wrong with it


def check_backups(config: HallConfig) -> Check:
    """The newest backup of this hall in the backup folder (the daily timer writes there)."""
    from servicehall.backup import backups_of, default_dir, made_at

    folder = default_dir()
    found = backups_of(folder, config.hall.code)
    fix = t("doc_backup_fix")
    if not found:
        return Check(t("doc_backup"), WARN, t("doc_backup_none", folder=str(folder)), fix)
    when = made_at(found[0])
    age_h = (dt.datetime.now() - when).total_seconds() / 3600 if when else 0.0
    detail = t("doc_backup_ok", when=f"{when:%Y-%m-%d %H:%M}", count=len(found), folder=str(folder))
    if age_h > BACKUP_STALE_H:
        stale = t("doc_backup_stale", detail=detail, days=f"{age_h / 24:.0f}")
        return Check(t("doc_backup"), WARN, stale, fix)
    return Check(t("doc_backup"), OK, detail)


def sms_check(which: str, config: HallConfig, db: str | None) -> Check:
    """The SMS bridge's sender (modem or command) or its outbox (``servicehall.sms.health``)."""
    from servicehall.sms.health import check_outbox, check_sender

    return (check_sender if which == "sender" else check_outbox)(config, db)


def phone_check(which: str, config: HallConfig) -> Check:
    """The phone pages' address or server (``servicehall.phone.health``)."""
    from servicehall.phone.health import check_base_url, check_server

    return (check_base_url if which == "base_url" else check_server)(config)


def run_checks(
    role: str, config_path: str | None, db: str | None, wait_db_s: float = 0
) -> list[Check]:
    config_check, config = check_config(config_path)
    checks = [config_check]
    if config is None:
        return checks
    database = wait_for_database(config, db, wait_db_s) if wait_db_s else check_database(config, db)
    newest = newest_record(config, db) if database.state == OK else None
    checks += [check_clock(config, newest), database]
    if role == "server" or make_url(db or default_url()).get_backend_name() == "sqlite":
        checks.append(check_backups(config))  # where the database lives
    per_role: dict[str, list[Callable[[], Check]]] = {
        "kiosk": [lambda: check_printer(config), check_cjk_font, lambda: check_terminal("kiosk")],
        "display": [check_cjk_font, lambda: check_voice(config), lambda: check_terminal("display")],
        "clerk": [check_cjk_font, lambda: check_terminal("clerk")],
        "rate": [check_cjk_font, lambda: check_terminal("rate")],
        "manager": [check_cjk_font, lambda: check_terminal("manager")],
        "server": [],
        "sms": [lambda: sms_check("sender", config, db), lambda: sms_check("outbox", config, db)],
        "phone": [lambda: phone_check("base_url", config), lambda: phone_check("server", config)],
    }
    checks += [check() for check in per_role[role]]
    return checks
