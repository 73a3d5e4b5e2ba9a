"""The phone pages as server-rendered HTML: one small page each, no external font, script or
image; the one inline script (the live feed) is allowed by its hash in the CSP.

Every text from outside (hall.toml names, the ticket) goes through ``html.escape``; the live
region's HTML is rendered here too and sent whole over server-sent events.
"""

from __future__ import annotations

import base64
import hashlib
import html

from servicehall.i18n import language, t
from servicehall.phone.casestate import CaseState
from servicehall.phone.state import BoardState, TicketState
from servicehall.queue import RATINGS

REFRESH_S = 20
"""The fallback without scripts or server-sent events: the page reloads itself this often."""

STYLE = (
    "body{margin:0;font:18px/1.5 sans-serif;color:#111;background:#f4f4f0}"
    "main{max-width:40em;margin:0 auto;padding:12px}"
    "h1{font-size:18px;margin:0 0 8px;color:#444}"
    ".label{font-size:64px;font-weight:bold;text-align:center;letter-spacing:2px;margin:0}"
    ".num{font-size:36px}"
    ".svc{text-align:center;font-size:20px;margin:0 0 12px}"
    ".state{font-size:34px;font-weight:bold;text-align:center;padding:14px 8px;"
    "border-radius:8px;color:#fff;background:#1565c0;margin:8px 0}"
    ".called{background:#2e7d32}.no_show{background:#e65100}"
    ".finished,.cancelled,.expired,.collected,.delivered{background:#616161}"
    ".open{background:#1565c0}.case_finished{background:#2e7d32}"
    ".big{font-size:26px;font-weight:bold;margin:8px 0}"
    "ul,ol{padding-left:1.4em;margin:4px 0}"
    ".note{color:#555;font-size:15px}"
    ".rate button{font-size:22px;padding:12px 0;width:32%;margin:2px 0;border:1px solid #888;"
    "border-radius:6px;background:#fff}"
    "table{width:100%;border-collapse:collapse}"
    "td{padding:6px 4px;border-bottom:1px solid #ddd}"
    "td.v{font-size:24px;font-weight:bold;text-align:right}"
    "#conn{display:none;color:#b71c1c}"
    "a{color:#0d47a1}"
)

SCRIPT = (
    "(function(){var l=document.getElementById('live'),c=document.getElementById('conn');"
    "if(!window.EventSource||!l){setTimeout(function(){location.reload()},"
    f"{REFRESH_S * 1000});return}}"
    "var e=new EventSource(l.getAttribute('data-feed'));"
    "e.addEventListener('state',function(m){l.innerHTML=m.data;c.style.display='none'});"
    "e.addEventListener('gone',function(){e.close();location.reload()});"
    "e.onerror=function(){c.style.display='block'}})();"
)
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src '{SCRIPT_HASH}'; connect-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def _e(text: object) -> str:
    return html.escape(" ".join(str(text).split()))


def _page(title: str, body: str, *, feed: str | None = None) -> str:
    live = (
        f'<p id="conn">{_e(t("phone_live_lost"))}</p>'
        f'<div id="live" data-feed="{_e(feed)}">{body}</div>'
        if feed
        else body
    )
    lang = "en" if language() == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="referrer" content="no-referrer"><title>{_e(title)}</title>'
        + (
            f'<noscript><meta http-equiv="refresh" content="{REFRESH_S}"></noscript>'
            if feed
            else ""
        )
        + f"<style>{STYLE}</style></head><body><main>"
        + live
        + (f"<script>{SCRIPT}</script>" if feed else "")
        + "</main></body></html>"
    )


def ticket_live(state: TicketState, hall: str, updated: str, token: str, lost: str = "") -> str:
    """The live region of a ticket's page (sent again whenever it changes)."""
    parts = [
        f"<h1>{_e(hall)}</h1>",
        f'<p class="label">{_e(state.label)}</p>',
        f'<p class="svc">{_e(state.service)}'
        + (f"<br>{_e(state.matter)}" if state.matter else "")
        + "</p>",
        f'<div class="state {_e(state.kind)}">{_e(state.headline)}</div>',
    ]
    if lost:
        parts.append(f'<p class="note">{_e(t("phone_store_lost"))}</p>')
    for text, css in (
        (state.ahead, "big"),
        (state.wait, "big"),
        (state.back_by, ""),
        (state.windows, ""),
    ):
        if text:
            parts.append(f'<p class="{css}">{_e(text)}</p>' if css else f"<p>{_e(text)}</p>")
    if state.rating:
        parts.append(f'<p class="big">{_e(state.rating)}</p>')
    elif state.can_rate:
        buttons = "".join(
            f'<button name="rating" value="{r}">{_e(t(f"phone_{r}"))}</button> ' for r in RATINGS
        )
        parts.append(
            f'<form class="rate" method="post" action="/t/{_e(token)}/rate">'
            f"<p>{_e(t('phone_rate_ask'))}</p>{buttons}</form>"
        )
    if state.materials:
        items = "".join(f"<li>{_e(m)}</li>" for m in state.materials)
        parts.append(f"<p>{_e(t('phone_materials'))}</p><ol>{items}</ol>")
    parts.append(f'<p class="note">{_e(updated)} · <a href="/">{_e(t("phone_board_link"))}</a></p>')
    return "".join(parts)


def ticket_page(state: TicketState, hall: str, updated: str, token: str, lost: str = "") -> str:
    body = ticket_live(state, hall, updated, token, lost)
    return _page(t("phone_title_ticket", label=state.label), body, feed=f"/t/{token}/events")


def board_live(board: BoardState, updated: str) -> str:
    """The live region of the hall's board."""
    calling = "".join(
        f"<tr><td>{_e(row.name)}<br><span class='note'>{_e(row.note)}</span></td>"
        f'<td class="v">{_e(row.value)}</td></tr>'
        for row in board.calling
    )
    services = "".join(
        f"<tr><td>{_e(row.name)}<br><span class='note'>{_e(row.note)}</span></td>"
        f'<td class="v">{_e(row.value)}</td></tr>'
        for row in board.services
    )
    parts = [f"<h1>{_e(board.hall)}</h1>"]
    if board.closed:
        parts.append(f'<div class="state expired">{_e(t("phone_closed"))}</div>')
    parts += [
        f'<p class="big">{_e(t("phone_calling"))}</p><table>{calling}</table>'
        + (f'<p class="note">{_e(board.idle)}</p>' if board.idle else ""),
        f'<p class="big">{_e(t("phone_service_waits"))}</p><table>{services}</table>',
    ]
    for text in (board.leader, board.supervision):
        if text:
            parts.append(f"<p>{_e(text)}</p>")
    parts.append(f'<p class="note">{_e(updated)}</p>')
    return "".join(parts)


def board_page(board: BoardState, updated: str) -> str:
    return _page(
        t("phone_title_board", hall=board.hall), board_live(board, updated), feed="/events"
    )


def case_page(state: CaseState, hall: str) -> str:
    """A case's page (办件): number, matter, promised date and steps; no live feed (a step is
    days apart from the next: reloading shows it)."""
    css = "case_finished" if state.state == "finished" else state.state
    steps = "".join(
        f"<tr><td>{_e(line.when)}</td><td><b>{_e(line.step)}</b>"
        + (f"<br><span class='note'>{_e(line.note)}</span>" if line.note else "")
        + "</td></tr>"
        for line in state.steps
    )
    parts = [
        f"<h1>{_e(hall)}</h1>",
        f'<p class="svc">{_e(t("phone_case_number"))}</p>',
        f'<p class="label num">{_e(state.number)}</p>',
        f'<p class="svc">{_e(state.matter)}<br>'
        f"{_e(t('phone_case_applicant', name=state.name))}</p>",
        f'<div class="state {_e(css)}">{_e(state.headline)}</div>',
        f'<p class="big">{_e(state.promised)}</p>',
    ]
    if state.next_step:
        parts.append(f'<p class="big">{_e(state.next_step)}</p>')
    parts.append(f'<p class="big">{_e(t("phone_case_steps"))}</p><table>{steps}</table>')
    return _page(t("phone_title_case", number=state.number), "".join(parts))


def message_page(title: str, text: str, *, back: str = "") -> str:
    """A plain page: not found, too many requests, a refused rating …"""
    link = f'<p><a href="{_e(back)}">{_e(t("phone_go_home"))}</a></p>' if back else ""
    return _page(title, f'<p class="big">{_e(title)}</p><p>{_e(text)}</p>{link}')
