"""``servicehall doctor --role sms``: the sender as the running bridge last reported it (or the
modem itself when no bridge holds its port), and today's outbox."""

from __future__ import annotations

import datetime as dt

from servicehall.config import HallConfig
from servicehall.doctor import FAIL, OK, WARN, Check
from servicehall.errors import ServiceHallError
from servicehall.queue import Hall
from servicehall.queue.outbox import (
    CAPPED,
    FAILED,
    PENDING,
    SENT,
    UNSURE,
    gateway_report,
    outbox_summary,
)
from servicehall.sms.bridge import HEALTH_EVERY_S
from servicehall.sms.modem import ModemFault
from servicehall.sms.senders import make_sender

SENDER = "短信发送"
OUTBOX = "短信发件箱"
START_BRIDGE = "启动短信桥：systemctl start servicehall-sms（或 servicehall sms --port …）"
STALE_AFTER = dt.timedelta(seconds=3 * HEALTH_EVERY_S)


def _open(config: HallConfig, db: str | None) -> Hall:
    return Hall.open(config, db=db, create=False)


def check_sender(config: HallConfig, db: str | None) -> Check:
    if not config.sms.enabled:
        return Check(
            SENDER,
            WARN,
            "短信提醒没有开通（hall.toml 的 [sms] enabled = false）",
            "接好短信猫后在 [sms] 设 enabled = true",
        )
    try:
        hall = _open(config, db)
        try:
            report = gateway_report(hall)
            now = hall.now()
        finally:
            hall.close()
    except ServiceHallError as exc:
        return Check(SENDER, FAIL, exc.message, "先让数据库检查通过")
    if report is not None and report.running and now - report.seen_at <= STALE_AFTER:
        detail = f"{report.sender}：{report.detail}（{report.seen_at:%H:%M:%S} 检查）"
        if report.ready:
            return Check(SENDER, OK, f"短信桥在运行。{detail}")
        return Check(SENDER, FAIL, f"短信桥在运行，但发不出去。{detail}", _fix(report.detail))
    stopped = "短信桥没有运行"
    if report is not None:
        last = "停止" if not report.running else "以后没有消息"
        stopped += f"（{report.seen_at:%m-%d %H:%M} {last}）"
    try:
        sender = make_sender(config.sms)
        health = sender.check()  # nobody holds the port now: ask the modem itself
        sender.close()
    except ServiceHallError as fault:
        fix = _fix(fault.message) if isinstance(fault, ModemFault) else "在 [sms] 设 port"
        return Check(SENDER, FAIL, f"{stopped}；{fault.message}", f"{fix}；再{START_BRIDGE}")
    return Check(SENDER, FAIL, f"{stopped}（{health}）", START_BRIDGE)


def _fix(detail: str) -> str:
    if "SIM" in detail:
        return "关机后插好 SIM 卡（关掉 PIN 码），检查话费"
    if "注册" in detail:
        return "检查天线和信号，换个位置放短信猫；确认 SIM 卡能打电话"
    if "串口" in detail:
        return "检查 USB 线；[sms] port 用 /dev/serial/by-id/… 的固定名字"
    return "检查短信猫的电源和波特率，详情见日志 servicehall.log"


def check_outbox(config: HallConfig, db: str | None) -> Check:
    try:
        hall = _open(config, db)
        try:
            summary = outbox_summary(hall)
        finally:
            hall.close()
    except ServiceHallError as exc:
        return Check(OUTBOX, FAIL, exc.message, "先让数据库检查通过")
    counts = summary.counts
    detail = (
        f"今天已发 {counts[SENT]} 条，待发 {counts[PENDING]}，失败 {counts[FAILED]}，"
        f"未确认 {counts[UNSURE]}，超过每日上限 {counts[CAPPED]}"
    )
    if summary.last_error:
        detail += f"；最近的问题（{summary.last_error_at:%H:%M}）：{summary.last_error}"
    if summary.numbers_kept:
        return Check(
            OUTBOX,
            FAIL,
            f"{summary.numbers_kept} 个手机号过了当天还保存着（应在当天结束时删除）。{detail}",
            f"{START_BRIDGE}：它在每天结束时删除号码",
        )
    if counts[FAILED] or counts[UNSURE]:
        fix = "看日志 servicehall.log；“未确认”的短信可能已发出，不会重发"
        return Check(OUTBOX, WARN, detail, fix)
    return Check(OUTBOX, OK, detail)
