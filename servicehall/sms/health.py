"""``servicehall doctor --role sms``: the sender as the running bridge last reported it (or the
modem itself when no bridge holds its port), and today's outbox."""

from __future__ import annotations

import datetime as dt

from servicehall.config import HallConfig
from servicehall.doctor import FAIL, OK, WARN, Check
from servicehall.errors import ServiceHallError
from servicehall.i18n import t
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

STALE_AFTER = dt.timedelta(seconds=3 * HEALTH_EVERY_S)


def _open(config: HallConfig, db: str | None) -> Hall:
    return Hall.open(config, db=db, create=False)


def check_sender(config: HallConfig, db: str | None) -> Check:
    sender_check = t("sms_check_sender")
    if not config.sms.enabled:
        return Check(sender_check, WARN, t("sms_check_disabled"), t("sms_check_enable"))
    try:
        hall = _open(config, db)
        try:
            report = gateway_report(hall)
            now = hall.now()
        finally:
            hall.close()
    except ServiceHallError as exc:
        return Check(sender_check, FAIL, exc.message, t("sms_check_db_first"))
    if report is not None and report.running and now - report.seen_at <= STALE_AFTER:
        detail = t(
            "sms_check_report",
            sender=report.sender,
            detail=report.detail,
            at=f"{report.seen_at:%H:%M:%S}",
        )
        if report.ready:
            return Check(sender_check, OK, t("sms_check_running") + detail)
        said = t("sms_check_cannot_send") + detail
        return Check(sender_check, FAIL, said, _fix(report.detail))
    stopped = t("sms_check_stopped")
    if report is not None:
        last = t("sms_check_last_stop" if not report.running else "sms_check_last_silent")
        stopped += t("sms_check_since", at=f"{report.seen_at:%m-%d %H:%M}", last=last)
    try:
        sender = make_sender(config.sms)
        health = sender.check()  # nobody holds the port now: ask the modem itself
        sender.close()
    except ServiceHallError as fault:
        fix = _fix(fault.message) if isinstance(fault, ModemFault) else t("sms_fix_port")
        said = t("sms_check_stopped_fault", stopped=stopped, message=fault.message)
        return Check(sender_check, FAIL, said, t("sms_fix_then_start", fix=fix))
    said = t("sms_check_stopped_health", stopped=stopped, health=health)
    return Check(sender_check, FAIL, said, t("sms_start_bridge"))


FIXES = (
    (("SIM",), "sms_fix_sim"),
    (("注册", "regist"), "sms_fix_network"),
    (("串口", "port"), "sms_fix_cable"),
)
"""What to do, by a word in the modem's report (written by the bridge in its own language)."""


def _fix(detail: str) -> str:
    for words, fix in FIXES:
        if any(word in detail for word in words):
            return t(fix)
    return t("sms_fix_modem")


def check_outbox(config: HallConfig, db: str | None) -> Check:
    try:
        hall = _open(config, db)
        try:
            summary = outbox_summary(hall)
        finally:
            hall.close()
    except ServiceHallError as exc:
        return Check(t("sms_check_outbox"), FAIL, exc.message, t("sms_check_db_first"))
    counts = summary.counts
    detail = t(
        "sms_outbox_counts",
        sent=counts[SENT],
        pending=counts[PENDING],
        failed=counts[FAILED],
        unsure=counts[UNSURE],
        capped=counts[CAPPED],
    )
    if summary.last_error:
        at = f"{summary.last_error_at:%H:%M}"
        detail += t("sms_outbox_last_error", at=at, error=summary.last_error)
    if summary.numbers_kept:
        kept = t("sms_outbox_numbers_kept", n=summary.numbers_kept)
        return Check(t("sms_check_outbox"), FAIL, kept + detail, t("sms_outbox_kept_fix"))
    if counts[FAILED] or counts[UNSURE]:
        return Check(t("sms_check_outbox"), WARN, detail, t("sms_outbox_fix"))
    return Check(t("sms_check_outbox"), OK, detail)
