"""The phone server: aiohttp routes for the hall's board and each ticket's live page.

- ``GET /``: the hall's public board (now calling per window, waiting and the wait per service,
  today's leader); ``GET /events``: its live feed.
- ``GET /t/<token>``: a ticket's page; ``GET /t/<token>/events``: its live feed (server-sent
  events: the page's live region, rendered here, whenever it changes); ``POST /t/<token>/rate``:
  满意 / 基本满意 / 不满意 once, after 办结, through ``Hall.rate_page``.
- ``GET /c/<token>``: a case's page (办件: the receipt's QR code): its number, matter, promised
  date and steps, the name masked; read afresh on every request.
- Anything else, and a token that is unknown or of an earlier day: a plain Chinese page, 404.

Every request passes the ``Host`` check shared with ``servicehall serve`` (IP addresses,
localhost, the host of ``[phone] base_url`` and ``--allow-host`` names) and a per-address rate
limit. Live pages all wait on the one :class:`~servicehall.phone.watch.HallWatch`; a page's
ticket is re-read only when an event touched it. Database reads run in a small thread pool.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from aiohttp import web

from servicehall.config import HallConfig
from servicehall.i18n import t
from servicehall.phone import render
from servicehall.phone.casestate import case_state
from servicehall.phone.limits import RateLimit
from servicehall.phone.state import Picture, board_state, ticket_state
from servicehall.phone.watch import HallWatch
from servicehall.queue import RATINGS, Clock, Hall, StoreError, TicketView, UnknownInput, WrongState
from servicehall.serve.hosts import host_name, trusted_host

log = logging.getLogger(__name__)

T = TypeVar("T")
READ_WORKERS = 4
KEEPALIVE_S = 15.0
FIRST_READ_S = 5.0
KEEPALIVE = ""
"""A fragment that is no change: the stream sends a comment, so idle connections stay open."""
HEADERS = {
    "Content-Security-Policy": render.CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class PhoneServer:
    """One hall's phone pages; :meth:`app` builds the aiohttp application."""

    def __init__(
        self,
        config: HallConfig,
        db: str | None,
        *,
        clock: Clock | None = None,
        allowed_hosts: tuple[str, ...] = (),
        watch: HallWatch | None = None,
    ) -> None:
        self.config = config
        self.db = db
        self.clock = clock
        base = host_name(config.phone.base_url.split("//", 1)[-1].split("/", 1)[0])
        self.allowed = frozenset(h.lower() for h in allowed_hosts) | ({base} if base else set())
        self.watch = watch or HallWatch(config, db, clock)
        self.limit = RateLimit(config.phone.requests_per_minute)
        self.followers = 0
        self.hall: Hall | None = None
        self._pool = ThreadPoolExecutor(READ_WORKERS, thread_name_prefix="phone-read")
        self._board: tuple[int, str] | None = None

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=4096)
        app.router.add_get("/", self.board)
        app.router.add_get("/events", self.board_events)
        app.router.add_get("/t/{token}", self.ticket)
        app.router.add_get("/t/{token}/events", self.ticket_events)
        app.router.add_post("/t/{token}/rate", self.rate)
        app.router.add_get("/c/{token}", self.case)
        app.on_startup.append(self._start)
        app.on_cleanup.append(self._stop)
        return app

    # ------------------------------------------------------------------ life

    async def _start(self, app: web.Application) -> None:
        self.hall = Hall.open(self.config, db=self.db, clock=self.clock, create=False)
        self.watch.start(asyncio.get_running_loop())

    async def _stop(self, app: web.Application) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.watch.stop)
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self.hall is not None:
            self.hall.close()

    async def _read(self, work: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, partial(work, *args))

    # ------------------------------------------------------------------ every request

    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if not trusted_host(request.host, self.allowed):
            log.warning("refused Host %r from %s", request.host, request.remote)
            return _message(403, t("phone_bad_host_title"), t("phone_bad_host"))
        if not self.limit.allow(request.remote or ""):
            refused = _message(429, t("phone_too_many_title"), t("phone_too_many"))
            refused.headers["Retry-After"] = "30"
            return refused
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            if exc.status == 404:
                return _not_found()
            raise
        if not response.prepared:
            response.headers.update(HEADERS)
        return response

    # ------------------------------------------------------------------ the board

    def _board_html(self, picture: Picture) -> str | None:
        if self._board is not None and self._board[0] == picture.generation:
            return self._board[1]
        board = board_state(self.config, picture)
        if board is None:
            return None
        fragment = render.board_live(board, self._updated(picture))
        self._board = (picture.generation, fragment)
        return fragment

    async def board(self, request: web.Request) -> web.StreamResponse:
        if self.watch.picture.generation == 0:  # just started: the first read is on its way
            await self.watch.next_picture(0, FIRST_READ_S)
        board = board_state(self.config, self.watch.picture)
        if board is None:
            return _message(503, t("phone_store_lost"), t("phone_store_lost"), refresh=True)
        return _html(render.board_page(board, self._updated(self.watch.picture)))

    async def board_events(self, request: web.Request) -> web.StreamResponse:
        return await self._follow(request, self._board_fragments())

    async def _board_fragments(self) -> AsyncIterator[str | None]:
        generation = self.watch.picture.generation
        while True:
            yield self._board_html(self.watch.picture) or KEEPALIVE
            if await self.watch.next_picture(generation, KEEPALIVE_S) is None:
                yield KEEPALIVE
            generation = self.watch.picture.generation

    # ------------------------------------------------------------------ a ticket

    async def _ticket_of(self, token: str) -> TicketView:
        assert self.hall is not None
        return await self._read(self.hall.ticket_by_token, token)

    def _ticket_html(self, ticket: TicketView, token: str, picture: Picture) -> str:
        state = ticket_state(ticket, self.config, picture.waits)
        return render.ticket_live(
            state, self.config.hall.name, self._updated(picture), token, picture.lost or ""
        )

    async def ticket(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        try:
            ticket = await self._ticket_of(token)
        except UnknownInput:
            return _not_found()
        except StoreError:
            return _message(503, t("phone_store_lost"), t("phone_store_lost"), refresh=True)
        picture = self.watch.picture
        state = ticket_state(ticket, self.config, picture.waits)
        page = render.ticket_page(
            state, self.config.hall.name, self._updated(picture), token, picture.lost or ""
        )
        return _html(page)

    async def ticket_events(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        # the picture before the read: a change that lands while the ticket is read comes in a
        # newer picture, which makes the feed read the ticket again at once
        generation = self.watch.picture.generation
        try:
            ticket = await self._ticket_of(token)
        except UnknownInput:
            return _not_found()
        except StoreError:
            return _message(503, t("phone_store_lost"), t("phone_store_lost"))
        return await self._follow(request, self._ticket_fragments(token, ticket, generation))

    async def _ticket_fragments(
        self, token: str, ticket: TicketView, generation: int
    ) -> AsyncIterator[str | None]:
        """The ticket's live region after every picture newer than ``generation`` (the one
        before ``ticket`` was read); re-read only when an event touched the ticket (or the
        watch cannot say). None when the ticket is gone (a new day)."""
        while True:
            yield self._ticket_html(ticket, token, self.watch.picture)
            if await self.watch.next_picture(generation, KEEPALIVE_S) is None:
                yield KEEPALIVE
                continue
            touched = self.watch.touched_since(generation)
            generation = self.watch.picture.generation
            if touched is None or ticket.id in touched or ticket.day != self._today():
                try:
                    ticket = await self._ticket_of(token)
                except UnknownInput:
                    yield None
                    return
                except StoreError:
                    log.debug("re-reading a ticket failed; its page keeps what it had")

    async def rate(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        rating = str((await request.post()).get("rating", ""))
        back = f"/t/{token}"
        try:
            ticket = await self._ticket_of(token)
            if rating not in RATINGS:
                return _message(400, t("phone_rate_ask"), t("phone_rate_ask"), back=back)
            if ticket.rating is not None:
                return _message(
                    409,
                    t("phone_rate_once"),
                    _rated(ticket.rating),
                    back=back,
                )
            if ticket.status != "finished":
                return _message(409, t("phone_rate_not_yet"), t("phone_rate_not_yet"), back=back)
            assert self.hall is not None
            await self._read(self.hall.rate_page, token, rating)
        except UnknownInput:
            # a role that may not see a rated ticket for update finds no row: rated meanwhile
            return await self._rated_meanwhile(token, back)
        except WrongState:
            return await self._rated_meanwhile(token, back)
        except StoreError:
            return _message(503, t("phone_store_lost"), t("phone_store_lost"), back=back)
        raise web.HTTPSeeOther(back)

    async def _rated_meanwhile(self, token: str, back: str) -> web.StreamResponse:
        try:
            ticket = await self._ticket_of(token)
        except UnknownInput:
            return _not_found()
        if ticket.rating is not None:
            return _message(
                409,
                t("phone_rate_once"),
                _rated(ticket.rating),
                back=back,
            )
        return _message(409, t("phone_rate_not_yet"), t("phone_rate_not_yet"), back=back)

    # ------------------------------------------------------------------ a case (办件)

    async def case(self, request: web.Request) -> web.StreamResponse:
        assert self.hall is not None
        try:
            case = await self._read(self.hall.case_by_token, request.match_info["token"])
        except UnknownInput:
            return _message(404, t("phone_case_not_found_title"), t("phone_case_not_found"))
        except StoreError:
            return _message(503, t("phone_store_lost"), t("phone_store_lost"), refresh=True)
        return _html(render.case_page(case_state(case), self.config.hall.name))

    # ------------------------------------------------------------------ live feeds

    async def _follow(
        self, request: web.Request, fragments: AsyncIterator[str | None]
    ) -> web.StreamResponse:
        """Server-sent events: each new fragment as a ``state`` event; ``gone`` at the end."""
        if self.followers >= self.config.phone.max_followers:
            return _message(503, t("phone_busy_title"), t("phone_busy"))
        response = web.StreamResponse(
            headers={
                **HEADERS,
                "Content-Type": "text/event-stream; charset=utf-8",
                "X-Accel-Buffering": "no",
            }
        )
        await response.prepare(request)
        self.followers += 1
        last: str | None = None
        try:
            await response.write(b"retry: 3000\n\n")
            async for fragment in fragments:
                if fragment is None:
                    await response.write(b"event: gone\ndata: \n\n")
                    break
                if fragment in (KEEPALIVE, last):
                    await response.write(b": .\n\n")
                    continue
                last = fragment
                data = fragment.replace("\r", " ").replace("\n", " ")
                await response.write(f"event: state\ndata: {data}\n\n".encode())
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self.followers -= 1
            with contextlib.suppress(Exception):
                await fragments.aclose()  # type: ignore[attr-defined]
        return response

    # ------------------------------------------------------------------ small things

    def _today(self) -> dt.date:
        assert self.hall is not None
        return self.hall.today()

    @staticmethod
    def _updated(picture: Picture) -> str:
        return t("phone_updated", time=f"{picture.at:%H:%M:%S}") if picture.at else ""


def _html(page: str, status: int = 200) -> web.Response:
    return web.Response(text=page, status=status, content_type="text/html", charset="utf-8")


def _message(
    status: int, title: str, text: str, *, back: str = "", refresh: bool = False
) -> web.Response:
    response = _html(render.message_page(title, text, back=back), status)
    response.headers.update(HEADERS)
    if refresh:
        response.headers["Refresh"] = str(render.REFRESH_S)
    return response


def _not_found() -> web.Response:
    return _message(404, t("phone_not_found_title"), t("phone_not_found"), back="/")


def run(
    config: HallConfig,
    db: str | None,
    *,
    host: str,
    port: int,
    allowed_hosts: tuple[str, ...] = (),
) -> None:
    """Serve until SIGTERM or Ctrl+C (no access log: the addresses carry the tokens)."""
    server = PhoneServer(config, db, allowed_hosts=allowed_hosts)
    web.run_app(
        server.app(),
        host=host,
        port=port,
        access_log=None,
        print=None,
        shutdown_timeout=2.0,
    )


def _rated(rating: str) -> str:
    """ "您已评价：满意" in the page's language."""
    return t("phone_rated", rating=t(f"phone_{rating}"))
