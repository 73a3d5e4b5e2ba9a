"""The ticket screen: the number in big characters, where to go, how long, and the paper's fate;
with ``[phone] base_url``, on a screen with room, the QR code of the ticket's phone page.

How long is the range projected for this ticket ("预计等候：约 20–35 分钟", or 马上就到) and, when
the wait leaves time to go to the market, the time to be back by: the range's low end.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from servicehall.i18n import t
from servicehall.kiosk.issuing import Issued
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.screens.sms import SmsOffer
from servicehall.kiosk.strings import windows_text
from servicehall.kiosk.waits import wait_words
from servicehall.kiosk.widgets import Countdown, NavBar
from servicehall.printer import PrintOutcome
from servicehall.ui.themes import colour
from servicehall.widgets import BigLabel
from servicehall.widgets.plain import plain

FAILED_PRINT_TIME_FACTOR = 2
"""A villager without paper gets longer to note the number."""
PHONE_ROOM_ROWS = 6
"""Rows besides the QR code its column needs: the caption, the margins and the navigation bar."""


class TicketScreen(KioskScreen):
    """Shown as soon as the ticket exists; the print result arrives a moment later.

    The countdown home waits for the print result, so the villager always gets the full time
    to read it.
    """

    def __init__(self, issued: Issued) -> None:
        super().__init__()
        self.issued = issued
        self.outcome: PrintOutcome | None = None
        self.qr_rows = 0  # the phone page's QR code, when the hall has pages
        self._wait_shown = ""

    def compose(self) -> ComposeResult:
        ticket = self.issued.ticket
        config = self.kiosk.config
        service = config.service(ticket.service)
        matter = service.matter(ticket.matter) if service and ticket.matter else None
        heading = t("your_number")
        if ticket.priority:
            heading += f"  [{t('priority_mark')}]"
        page = config.phone.page_url(ticket.page_token)
        with Horizontal(classes="-phone" if page else ""):
            with Vertical(id="ticket-main"):
                yield Static(plain(heading), id="ticket-heading")
                number = colour(self.app, "kiosk-number")
                yield BigLabel(ticket.label, color=number, id="ticket-label")
                names = [service.name if service else ticket.service]
                if matter is not None and matter.name != names[0]:
                    names.append(matter.name)
                yield Static(plain("  ".join(names)), id="ticket-service")
                yield Static(
                    plain(t("go_to", windows=windows_text(config, ticket.service))),
                    id="ticket-window",
                )
                ahead = ticket.ahead or 0
                yield Static(t("ahead", n=ahead) if ahead else t("ahead_none"), id="ticket-ahead")
                if self.issued.wait is not None:  # refitted to the column's width once laid out
                    self._wait_shown = wait_words(self.issued.wait).fitted(self.app.size.width - 2)
                    yield Static(plain(self._wait_shown), id="ticket-wait")
                yield Static(self._print_text(), id="print-status")
                if SmsOffer.offered(config, ticket):
                    yield SmsOffer(ticket)
                yield Countdown(self.kiosk.config.kiosk.ticket_screen_seconds, held=True)
            if page:
                from servicehall.widgets.qr import QrCode  # qrcode: only where pages are on

                qr = QrCode(page, id="ticket-qr")
                self.qr_rows = len(qr.rows)
                with Vertical(id="ticket-phone"):
                    yield qr
                    yield Static(t("scan_phone"), id="ticket-qr-caption")
            yield Static("", id="ticket-preview")
        yield NavBar(back=False)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit_label)
        for phone in self.query("#ticket-phone"):
            # the code whole or not at all: a cut one does not scan
            phone.set_class(event.size.height < self.qr_rows + PHONE_ROOM_ROWS, "-no-room")

    def _fit_label(self) -> None:
        """The number as big as the width and the rows left over allow; the block is centred.

        (A label stretched over every spare row would leave the words far below it on a
        portrait panel.) The wait and when to be back share a row where the width holds both;
        if that changes the rows, the label is fitted again once they are laid out.
        """
        main = next(iter(self.query("#ticket-main")), None)
        if main is None:
            return
        wait = next(iter(main.query("#ticket-wait").results(Static)), None)
        if wait is not None:
            text = wait_words(self.issued.wait).fitted(main.content_size.width)
            if text != self._wait_shown:
                self._wait_shown = text
                wait.update(plain(text))
                self.call_after_refresh(self._fit_label)
                return
        label = main.query_one("#ticket-label", BigLabel)
        others = sum(
            child.outer_size.height + child.styles.margin.top + child.styles.margin.bottom
            for child in main.children
            if child is not label and child.display
        )
        room = main.content_size.height - others - label.styles.margin.top
        label.styles.height = label.rows_for(label.content_size.width, room)

    def on_mount(self) -> None:
        if not self._composed:  # switched away again before this handler ran
            return
        self._show_outcome()
        if self.outcome is not None:
            self._start_countdown()

    def on_screen_suspend(self) -> None:
        """A step opened over the ticket (短信提醒): the countdown waits for it, so no second of
        it runs out between the step's end and the ticket's return."""
        if self._composed:
            self.query_one(Countdown).hold()

    def on_screen_resume(self) -> None:
        """Back from a step, or first shown: once printed, time to read the ticket again."""
        if self._composed and self.outcome is not None:
            countdown = self.query_one(Countdown)
            countdown.remaining = max(
                countdown.remaining, self.kiosk.config.kiosk.ticket_screen_seconds
            )
            countdown.release()

    @property
    def _composed(self) -> bool:
        return bool(self.query("#print-status"))

    def _print_text(self) -> str:
        outcome = self.outcome
        if outcome is None:
            return t("printing")
        if outcome.ok:
            return t("take_ticket")
        if not outcome.ticket_kept:
            return outcome.message or t("ticket_withdrawn")
        return f"{outcome.message}\n{t('note_number', label=self.issued.ticket.label)}"

    def show_print(self, outcome: PrintOutcome) -> None:
        """The printer's answer: "请取走您的号票", or the trouble with the number kept large."""
        self.outcome = outcome
        if self.is_mounted and self.is_attached and self._composed:  # not after 首页 was tapped
            self._show_outcome()
            self._start_countdown()

    def _start_countdown(self) -> None:
        countdown = self.query_one(Countdown)
        if countdown.held:
            if self.outcome is not None and not self.outcome.ok:
                countdown.stretch(FAILED_PRINT_TIME_FACTOR)
            if self.app.screen is self:  # under a step, its return releases it
                countdown.release()

    def _show_outcome(self) -> None:
        outcome = self.outcome
        status = self.query_one("#print-status", Static)
        status.update(plain(self._print_text()))
        status.set_class(outcome is not None and outcome.ok, "ok")
        status.set_class(outcome is not None and not outcome.ok, "failed")
        label = self.query_one("#ticket-label", BigLabel)
        withdrawn = outcome is not None and not outcome.ok and not outcome.ticket_kept
        label.color = colour(self.app, "kiosk-number-void" if withdrawn else "kiosk-number")
        preview = self.query_one("#ticket-preview", Static)
        preview.update(plain(outcome.preview if outcome is not None and outcome.preview else ""))
        preview.set_class(bool(outcome is not None and outcome.preview), "-shown")
        self.call_after_refresh(self._fit_label)  # the preview takes width from the number
