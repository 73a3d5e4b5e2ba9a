"""``servicehall doctor``: check a hall PC for what its role needs, and say how to fix it.

Each check returns a :class:`Check` with a Chinese explanation and the fix; nothing here changes
the machine. Roles: kiosk (touchscreen + printer), display (TV + voice), clerk (window console),
server (the database PC), sms (the SMS bridge: its modem and its outbox), phone (the phone
pages' server: the address in the QR codes, and that it answers there).
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
from servicehall.queue import Hall, default_url

ROLES = ("kiosk", "display", "clerk", "server", "sms", "phone")
ROLE_NAMES = {"kiosk": "取号机", "display": "叫号屏", "clerk": "窗口叫号台"}
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
        return Check(
            "配置文件", FAIL, exc.message, "按提示改正 hall.toml，再运行 check-config"
        ), None
    detail = f"{config.hall.name}：{len(config.services)} 项业务，{len(config.windows)} 个窗口"
    warnings = config.warnings()
    if warnings:
        return Check("配置文件", WARN, f"{detail}；" + "；".join(warnings)), config
    return Check("配置文件", OK, detail), config


def check_database(config: HallConfig, db: str | None) -> Check:
    try:
        hall = Hall.open(config, db=db, create=False)
        if not hall.store.has_schema():
            url = hall.store.safe_url()
            hall.close()
            return Check("数据库", FAIL, f"{url} 可以连接，但还没有建表", "运行 servicehall init")
        status = hall.status()
        url = hall.store.safe_url()
        hall.close()
    except ServiceHallError as exc:
        fix = "检查 --db / SERVICEHALL_DB 的地址、数据库电脑是否开机、网线是否接好"
        return Check("数据库", FAIL, exc.message, fix)
    except Exception as exc:  # noqa: BLE001 - a missing schema or driver, reported as such
        return Check(
            "数据库", FAIL, f"{type(exc).__name__}: {exc}"[:160], "先运行 servicehall init"
        )
    return Check("数据库", OK, f"{url}，今日 {status.day}")


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
        return Check(
            "打印机",
            WARN,
            "未接打印机：号票只显示在屏幕上（preview）",
            "接好热敏打印机后在 hall.toml 的 [printer] 设置 connection",
        )
    status = make_printer(settings).status()
    if status.online is None:
        return Check(
            "打印机",
            WARN,
            status.message or "无法查询状态（该连接方式不支持）",
            "运行 servicehall print-test 打印一张样票确认",
        )
    if status.online and status.paper != "out" and not status.fault:
        if status.paper == "near_end":
            return Check("打印机", WARN, status.message or "纸快用完了", "准备换纸")
        return Check("打印机", OK, status.message or "在线，有纸")
    return Check(
        "打印机",
        FAIL,
        status.message or "打印机无响应",
        "检查电源、数据线/网线、纸卷和上盖，再运行 servicehall print-test",
    )


def check_cjk_font() -> Check:
    if not shutil.which("fc-list"):
        return Check("中文字体", WARN, "找不到 fc-list，无法检查字体", "apt-get install fontconfig")
    families = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20
    ).stdout
    if not families.strip():
        return Check(
            "中文字体",
            FAIL,
            "没有安装中文字体，屏幕上的汉字会显示成方框",
            "apt-get install fonts-wqy-microhei",
        )
    first = families.strip().splitlines()[0].split(",")[0]
    return Check("中文字体", OK, f"已安装（例如 {first}）")


def check_voice(config: HallConfig) -> Check:
    """Ask the display's own announcer, so the doctor and the display never disagree."""
    from servicehall.display.voice import Announcer

    reason = Announcer(config.voice).off_reason
    if reason is None:
        return Check("语音播报", OK, f"{config.voice.command[0]} 可用，有声音输出")
    if not config.voice.enabled:
        return Check("语音播报", WARN, reason)
    return Check(
        "语音播报",
        FAIL,
        f"叫号时不会出声：{reason}",
        "apt-get install espeak-ng alsa-utils，接好音箱；或在 [voice] command 配置其他语音程序",
    )


def check_terminal(role: str, size: tuple[int, int] | None = None) -> Check:
    """The grid this terminal gives the role's screen, against the smallest it is laid out for.

    ``size`` is (columns, rows); by default the terminal the doctor runs in (run it in the
    role's own terminal: the xterm the unit starts).
    """
    if role not in SMALLEST:
        return Check("屏幕大小", OK, "此角色不需要全屏界面")
    if size is None:
        found = shutil.get_terminal_size((0, 0))
        size = (found.columns, found.lines)
    columns, rows = size
    least_columns, least_rows = SMALLEST[role]
    designed = "×".join(map(str, DESIGNED[role]))
    if columns == 0:
        return Check(
            "屏幕大小",
            WARN,
            "不是在终端里运行，无法检查字符网格",
            f"在 {role} 用的终端里再运行一次 servicehall doctor --role {role}",
        )
    if fits(role, columns, rows):
        return Check(
            "屏幕大小",
            OK,
            f"{columns}×{rows} 字符（最小 {least_columns}×{least_rows}，按 {designed} 设计）",
        )
    return Check(
        "屏幕大小",
        FAIL,
        f"当前终端只有 {columns}×{rows} 字符，{ROLE_NAMES[role]}至少要 "
        f"{least_columns}×{least_rows}，按钮和文字会被截掉",
        "用 deploy/servicehall-xterm 启动（按屏幕自动选字号、铺满全屏）；"
        "若在 /etc/servicehall/servicehall.env 设了 SERVICEHALL_FONT_PX，把它调小或删掉；"
        f"也可用浏览器：servicehall serve {role}",
    )


def check_clock(config: HallConfig, newest: float | None = None) -> Check:
    """The PC's clock: plausible, and not behind the newest record in the database (set back by
    hand, a flat CMOS battery, or a PC whose clock lags the others')."""
    now = dt.datetime.now(config.hall.tz)
    if now.year < 2025:
        return Check(
            "系统时间",
            FAIL,
            f"电脑时间是 {now:%Y-%m-%d %H:%M}，明显不对（主板电池没电？）",
            "校准电脑时间，否则号码每天不会从 1 重新开始",
        )
    if newest is not None and newest - now.timestamp() > CLOCK_SLACK_S:
        behind = (newest - now.timestamp()) / 60
        last = dt.datetime.fromtimestamp(newest, config.hall.tz)
        return Check(
            "系统时间",
            WARN,
            f"电脑时间 {now:%m-%d %H:%M} 比数据库里最新的记录（{last:%m-%d %H:%M}）早 "
            f"{behind:.0f} 分钟：时钟被调回过，或这台电脑的时间比其他电脑慢",
            "校准时间（开启 NTP：timedatectl set-ntp true）；排队顺序不受影响，"
            "这段时间的等候/办理时长按 0 计",
        )
    return Check("系统时间", OK, f"{now:%Y-%m-%d %H:%M}（{config.hall.timezone}）")


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
    fix = "运行 servicehall backup，并启用每日备份：systemctl enable --now servicehall-backup.timer"
    if not found:
        return Check("备份", WARN, f"{folder} 里还没有本大厅的备份", fix)
    when = made_at(found[0])
    age_h = (dt.datetime.now() - when).total_seconds() / 3600 if when else 0.0
    detail = f"最近一次 {when:%Y-%m-%d %H:%M}，共 {len(found)} 份（{folder}）"
    if age_h > BACKUP_STALE_H:
        return Check("备份", WARN, f"{detail}：已超过 {age_h / 24:.0f} 天没有备份", fix)
    return Check("备份", OK, detail)


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
        "server": [],
        "sms": [lambda: sms_check("sender", config, db), lambda: sms_check("outbox", config, db)],
        "phone": [lambda: phone_check("base_url", config), lambda: phone_check("server", config)],
    }
    checks += [check() for check in per_role[role]]
    return checks
