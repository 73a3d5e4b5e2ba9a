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

TIMEOUT_S = 3.0
UNIT = "servicehall-phone.service"


def check_base_url(config: HallConfig) -> Check:
    base = config.phone.base_url
    if not base:
        return Check(
            "手机页面地址",
            FAIL,
            "hall.toml 没有设置 [phone] base_url，号票二维码不会指向手机页面",
            '在 [phone] 填 base_url = "http://本机在大厅 Wi-Fi 上的地址:8080"',
        )
    host = urlsplit(base).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return Check(
            "手机页面地址",
            WARN,
            f"{base}：用的是名字 {host}，手机要能解析它（大厅路由器的 DNS）",
            "最好用本机的固定 IP 地址（在路由器里给这台电脑固定分配）",
        )
    if address.is_loopback:
        return Check(
            "手机页面地址", FAIL, f"{base} 是本机回环地址，手机连不上", "改成本机在 Wi-Fi 上的地址"
        )
    if not _is_mine(host):
        return Check(
            "手机页面地址",
            WARN,
            f"{base}：{host} 不是这台电脑的地址（或本机不是手机页面服务器）",
            "在运行 servicehall serve phone 的电脑上检查；地址变了就改 base_url 并重打号票",
        )
    return Check("手机页面地址", OK, base)


def check_server(config: HallConfig) -> Check:
    """The server answers its board at ``base_url`` (or on this PC's port when unset)."""
    base = config.phone.base_url or f"http://127.0.0.1:{config.phone.port}"
    try:
        with urllib.request.urlopen(base + "/", timeout=TIMEOUT_S) as response:
            page = response.read(64 * 1024).decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return Check(
            "手机页面服务", WARN, f"{base}/ 回答 {exc.code}", f"查看日志：journalctl -u {UNIT}"
        )
    except (OSError, ValueError) as exc:
        return Check(
            "手机页面服务",
            FAIL,
            f"{base}/ 连不上（{exc}）",
            f"启动它：systemctl enable --now {UNIT}（或 servicehall serve phone）；"
            "检查防火墙是否放行这个端口",
        )
    if config.hall.name not in page:
        return Check(
            "手机页面服务",
            WARN,
            f"{base}/ 有回应，但不是本大厅的手机页面",
            "检查端口是否被别的程序占用",
        )
    return Check("手机页面服务", OK, f"{base}/ 正常")


def _is_mine(host: str) -> bool:
    """Whether ``host`` is an address of this PC (a socket can be bound to it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        try:
            sock.bind((host, 0))
        except OSError:
            return False
    return True
