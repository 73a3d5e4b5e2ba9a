"""``servicehall doctor --role phone``: the address printed in the tickets' QR codes, and whether
the phone server answers there (as a phone on the hall's Wi-Fi would ask). No aiohttp here."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from servicehall.config import HallConfig
from servicehall.doctor import FAIL, OK, WARN, Check
from servicehall.i18n import t

TIMEOUT_S = 3.0
UNIT = "servicehall-phone.service"


def check_base_url(config: HallConfig) -> Check:
    base = config.phone.base_url
    if not base:
        return Check(
            t("phone_health_url"), FAIL, t("phone_health_no_url"), t("phone_health_no_url_fix")
        )
    host = urlsplit(base).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return Check(
            t("phone_health_url"),
            WARN,
            t("phone_health_name", url=base, host=host),
            t("phone_health_name_fix"),
        )
    if address.is_loopback:
        return Check(
            t("phone_health_url"),
            FAIL,
            t("phone_health_loopback", url=base),
            t("phone_health_loopback_fix"),
        )
    if not _is_mine(host):
        return Check(
            t("phone_health_url"),
            WARN,
            t("phone_health_not_mine", url=base, host=host),
            t("phone_health_not_mine_fix"),
        )
    return Check(t("phone_health_url"), OK, base)


def check_server(config: HallConfig) -> Check:
    """The server answers its board at ``base_url`` (or on this PC's port when unset)."""
    base = config.phone.base_url or f"http://127.0.0.1:{config.phone.port}"
    try:
        with urllib.request.urlopen(base + "/", timeout=TIMEOUT_S) as response:
            page = response.read(64 * 1024).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return Check(
            t("phone_health_server"),
            WARN,
            t("phone_health_http", url=base, code=exc.code),
            t("phone_health_log_fix", unit=UNIT),
        )
    except (OSError, ValueError) as exc:
        return Check(
            t("phone_health_server"),
            FAIL,
            t("phone_health_down", url=base, error=str(exc)),
            t("phone_health_down_fix", unit=UNIT),
        )
    if config.hall.name not in page:
        return Check(
            t("phone_health_server"),
            WARN,
            t("phone_health_other", url=base),
            t("phone_health_other_fix"),
        )
    return Check(t("phone_health_server"), OK, t("phone_health_ok", url=base))


def _is_mine(host: str) -> bool:
    """Whether ``host`` is an address of this PC (a socket can be bound to it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        try:
            sock.bind((host, 0))
        except OSError:
            return False
    return True
