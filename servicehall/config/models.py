"""Validated settings of one hall: the pydantic models behind hall.toml.

Every model forbids unknown keys so a typo in the file is reported, not ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from servicehall.i18n import t
from servicehall.pins import is_pin_hash, is_published

_PERIOD = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_error(bad: list[str]) -> ValueError:
    return ValueError(t("config_bad_weekday", valid=", ".join(_WEEKDAYS), bad=", ".join(bad)))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(_Model):
    """One opening period of a day, e.g. 08:30-12:00."""

    start: dt.time
    end: dt.time

    def contains(self, moment: dt.time) -> bool:
        return self.start <= moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def _parse_period(text: str) -> Period:
    match = _PERIOD.match(text.strip())
    if not match:
        raise ValueError(t("config_bad_period", text=repr(text)))
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = dt.time(h1, m1), dt.time(h2, m2)
    if end <= start:
        raise ValueError(t("config_period_backwards", text=repr(text)))
    return Period(start=start, end=end)


HALL_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


class HallInfo(_Model):
    code: str = Field(default="default", pattern=HALL_CODE.pattern)
    name: str = Field(min_length=1)
    timezone: str = "Asia/Shanghai"
    hours: list[Period] = Field(min_length=1)
    open_weekdays: list[str] = Field(default_factory=lambda: list(_WEEKDAYS[:5]))
    extra_open_dates: list[dt.date] = Field(default_factory=list)
    closed_dates: list[dt.date] = Field(default_factory=list)
    supervision_phone: str = ""
    slogan: str = ""
    notice: str = ""

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> object:
        if isinstance(value, list):
            return [_parse_period(v) if isinstance(v, str) else v for v in value]
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(t("config_bad_timezone", value=repr(value))) from exc
        return value

    @field_validator("open_weekdays")
    @classmethod
    def _weekdays(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v not in _WEEKDAYS]
        if bad:
            raise ValueError(
                t("config_bad_weekday", valid=", ".join(_WEEKDAYS), bad=", ".join(bad))
            )
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_open_day(self, day: dt.date) -> bool:
        if day in self.closed_dates:
            return False
        return day in self.extra_open_dates or _WEEKDAYS[day.weekday()] in self.open_weekdays

    def is_open(self, local: dt.datetime) -> bool:
        """Whether tickets may be issued at this hall-local moment."""
        return self.is_open_day(local.date()) and any(p.contains(local.time()) for p in self.hours)

    def hours_list(self) -> list[str]:
        """The opening periods as people read them ("08:30-12:00"); a message joins them in its
        language's way (``i18n.text_in``)."""
        return [str(p) for p in self.hours]


class Matter(_Model):
    """One matter (事项) of a service, with its 六公开 facts."""

    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    name: str = Field(min_length=1)
    materials: list[str] = Field(default_factory=list)
    basis: str = ""
    procedure: str = ""
    promise: str = ""
    limit_minutes: int | None = Field(default=None, gt=0)
    fee: str = "不收费"
    promise_days: int | None = Field(default=None, ge=0, le=365)
    """限时办结: a case of this matter is promised within this many working days of 受理
    (0: the same day, 即办件); no cases but 即办件 without it."""


class Service(_Model):
    code: str = Field(pattern=r"^[A-Z]$")
    name: str = Field(min_length=1)
    description: str = ""
    matters: list[Matter] = Field(default_factory=list)
    daily_cap: int | None = Field(default=None, gt=0)
    market_days_only: bool = False
    petition: bool = False

    @model_validator(mode="after")
    def _unique_matters(self) -> Service:
        codes = [m.code for m in self.matters]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(t("config_matter_twice", codes=", ".join(dupes)))
        return self

    def matter(self, code: str) -> Matter | None:
        return next((m for m in self.matters if m.code == code), None)


class Window(_Model):
    number: int = Field(gt=0, lt=1000)
    name: str = Field(min_length=1)
    services: list[str] = Field(min_length=1)
    pick: Literal["oldest", "ordered"] = "oldest"
    printer: PrinterSettings | None = None
    """The window's own receipt printer (受理回执 of a case); none: no receipt is printed."""


class Leader(_Model):
    name: str = Field(min_length=1)
    title: str = ""
    phone: str = ""
    window: int | None = None


class LeaderRota(_Model):
    by_weekday: dict[str, Leader] = Field(default_factory=dict)
    by_date: dict[dt.date, Leader] = Field(default_factory=dict)

    @field_validator("by_weekday")
    @classmethod
    def _weekdays(cls, value: dict[str, Leader]) -> dict[str, Leader]:
        bad = [k for k in value if k not in _WEEKDAYS]
        if bad:
            raise ValueError(
                t("config_bad_weekday", valid=", ".join(_WEEKDAYS), bad=", ".join(bad))
            )
        return value

    def for_day(self, day: dt.date) -> Leader | None:
        return self.by_date.get(day) or self.by_weekday.get(_WEEKDAYS[day.weekday()])


class MarketDays(_Model):
    """圩日: every N days counted from a date, and/or by the last digit of the day of month."""

    every_days: int | None = Field(default=None, gt=0)
    from_date: dt.date | None = None
    last_digits: list[Annotated[int, Field(ge=0, le=9)]] = Field(default_factory=list)
    extra_dates: list[dt.date] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_needs_from(self) -> MarketDays:
        if self.every_days and self.from_date is None:
            raise ValueError(t("config_every_days_from"))
        return self

    def is_market_day(self, day: dt.date) -> bool:
        if day in self.extra_dates or (day.day % 10) in self.last_digits:
            return True
        if self.every_days and self.from_date is not None:
            return (day - self.from_date).days % self.every_days == 0
        return False


class CalendarSettings(_Model):
    """The working days that promised dates count (限时办结): the work week, the public
    holidays and the weekend days worked instead (调休), from the State Council's yearly notice."""

    work_weekdays: list[str] = Field(default_factory=lambda: list(_WEEKDAYS[:5]))
    holidays: list[dt.date] = Field(default_factory=list)
    workdays: list[dt.date] = Field(default_factory=list)
    """调休: weekend days that are working days."""

    @field_validator("work_weekdays")
    @classmethod
    def _weekdays(cls, value: list[str]) -> list[str]:
        bad = [v for v in value if v not in _WEEKDAYS]
        if bad:
            raise ValueError(
                t("config_bad_weekday", valid=", ".join(_WEEKDAYS), bad=", ".join(bad))
            )
        return value

    @model_validator(mode="after")
    def _not_both(self) -> CalendarSettings:
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise ValueError(
                t("config_holiday_and_workday", days=", ".join(d.isoformat() for d in both))
            )
        return self

    def weekday_numbers(self) -> frozenset[int]:
        return frozenset(_WEEKDAYS.index(name) for name in self.work_weekdays)


class CaseSettings(_Model):
    """办件: cases that outlive the visit."""

    due_soon_days: int = Field(default=2, ge=0, le=30)
    """The clerk's list shows a case in amber this many working days before its promised date."""
    keep_phone_days: int = Field(default=30, ge=0, le=365)
    """A villager's number stays with a case until its 回访 (follow-up call) is recorded, and at
    most this many days after 办结 when nobody comes for it, or after it was collected or
    delivered when nobody calls back."""
    lookups_per_minute: int = Field(default=6, ge=1, le=60)
    """查询办理进度 at a kiosk: this many lookups a minute, then a short wait."""


class QueueSettings(_Model):
    requeue_behind: int = Field(default=3, ge=0)
    """A no-show who comes back is placed behind this many waiting tickets."""


class PrinterSettings(_Model):
    connection: Literal["preview", "file", "network", "serial", "usb"] = "preview"
    host: str | None = None
    port: int = Field(default=9100, gt=0, lt=65536)
    path: str | None = None
    device: str | None = None
    baudrate: int = 9600
    vendor_id: int | None = None
    product_id: int | None = None
    encoding: Literal["gb18030", "gbk", "gb2312"] = "gb18030"
    mode: Literal["text", "image"] = "text"
    paper_width_mm: Literal[58, 80] = 58
    timeout_s: float = Field(default=3.0, gt=0, le=60)
    cutter: bool = False
    profile: str | None = None
    preview_file: str | None = None
    on_failure: Literal["keep", "cancel"] = "keep"

    @model_validator(mode="after")
    def _connection_needs(self) -> PrinterSettings:
        needs = {
            "network": ("host",),
            "file": ("path",),
            "serial": ("device",),
            "usb": ("vendor_id", "product_id"),
        }.get(self.connection, ())
        missing = [k for k in needs if getattr(self, k) is None]
        if missing:
            raise ValueError(
                t(
                    "config_printer_needs",
                    connection=repr(self.connection),
                    fields=", ".join(missing),
                )
            )
        return self


class DisplaySettings(_Model):
    recent_calls: int = Field(default=6, ge=1, le=20)
    highlight_seconds: float = Field(default=8.0, gt=0)
    notice: str = ""
    page_seconds: float = Field(default=8.0, ge=5, le=60)
    """How long a page of windows or waiting counts stays up when they do not all fit."""


class ScreensSettings(_Model):
    """How every screen app looks (``servicehall.ui.themes``)."""

    theme: Literal["dark", "high-contrast", "light"] = "dark"
    """dark: as designed; high-contrast: white and yellow on black; light: dark on pale."""


class VoiceSettings(_Model):
    enabled: bool = True
    command: list[str] = Field(
        default_factory=lambda: ["espeak-ng", "-v", "cmn-latn-pinyin", "-s", "140"]
    )
    phrase: str = "请 {label} 号 到 {window} 号窗口办理"
    repeat: int = Field(default=2, ge=1, le=3)
    chime: bool = True


def _pin_hash(value: str) -> str:
    if value and not is_pin_hash(value):
        raise ValueError(t("config_bad_pin_hash"))
    return value


class KioskSettings(_Model):
    ticket_screen_seconds: int = Field(default=15, ge=3, le=300)
    idle_reset_seconds: int = Field(default=60, ge=10, le=3600)
    staff_pin_hash: str = ""
    language: Literal["zh", "en"] = "zh"

    _check_pin = field_validator("staff_pin_hash")(_pin_hash)


class ManagerSettings(_Model):
    """``servicehall manager`` and ``serve manager`` ask for this PIN (the kiosk's staff PIN
    when empty)."""

    pin_hash: str = ""

    _check_pin = field_validator("pin_hash")(_pin_hash)


class SmsSettings(_Model):
    """短信提醒: reminders to a villager's phone through a GSM modem or the county's platform."""

    enabled: bool = False
    """The kiosk offers the 短信提醒 step and ``take --sms`` accepts a number."""
    sender: Literal["modem", "command"] = "modem"
    port: str | None = None
    """The modem's serial port for ``servicehall sms`` (``--port`` overrides), best a stable
    name under /dev/serial/by-id/."""
    baud: int = Field(default=115200, gt=0)
    command: list[str] = Field(default_factory=list)
    """``sender = "command"``: the program and its arguments; ``{number}`` and ``{text}`` in them
    are replaced (never through a shell) and the text is also given on standard input."""
    command_timeout_s: float = Field(default=30.0, gt=0, le=600)
    notify_ahead: int = Field(default=3, ge=0, le=100)
    """A reminder when a registered ticket's people-ahead drops to this many."""
    daily_cap: int = Field(default=5, ge=1, le=100)
    """At most this many messages to one number in a day."""
    max_attempts: int = Field(default=5, ge=1, le=20)

    @model_validator(mode="after")
    def _command_needs(self) -> SmsSettings:
        if self.sender == "command":
            if not self.command:
                raise ValueError(t("config_sms_command"))
            if not any("{number}" in part for part in self.command):
                raise ValueError(t("config_sms_number"))
        return self


_BASE_URL = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(/[A-Za-z0-9._~\-/]*)?$")


class PhoneSettings(_Model):
    """赶圩不误号: each ticket's page on the villager's phone (``servicehall serve phone``)."""

    base_url: str = ""
    """The address phones reach the phone server at on the hall's Wi-Fi, e.g.
    ``http://192.168.1.10:8080``. When set, the ticket's QR code is ``base_url/t/<token>`` and
    a case's receipt (受理回执) carries ``base_url/c/<token>``."""
    host: str = "0.0.0.0"
    port: int = Field(default=8080, gt=0, lt=65536)
    requests_per_minute: int = Field(default=120, ge=10, le=10_000)
    """Per client address; more in a minute get 429 (a page and its live feed are two)."""
    max_followers: int = Field(default=1000, ge=1, le=100_000)
    """Live pages followed at once (each an open connection); more fall back to refreshing."""

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not _BASE_URL.match(value):
            raise ValueError(t("config_bad_base_url"))
        return value

    def page_url(self, token: str | None) -> str | None:
        """A ticket's page address, or None without base_url or token."""
        return f"{self.base_url}/t/{token}" if self.base_url and token else None

    def case_url(self, token: str | None) -> str | None:
        """A case's page address (办件), or None without base_url or token."""
        return f"{self.base_url}/c/{token}" if self.base_url and token else None


class HallConfig(_Model):
    hall: HallInfo
    services: list[Service] = Field(min_length=1)
    windows: list[Window] = Field(min_length=1)
    leaders: LeaderRota = Field(default_factory=LeaderRota)
    market_days: MarketDays = Field(default_factory=MarketDays)
    queue: QueueSettings = Field(default_factory=QueueSettings)
    printer: PrinterSettings = Field(default_factory=PrinterSettings)
    display: DisplaySettings = Field(default_factory=DisplaySettings)
    screens: ScreensSettings = Field(default_factory=ScreensSettings)
    voice: VoiceSettings = Field(default_factory=VoiceSettings)
    kiosk: KioskSettings = Field(default_factory=KioskSettings)
    manager: ManagerSettings = Field(default_factory=ManagerSettings)
    sms: SmsSettings = Field(default_factory=SmsSettings)
    phone: PhoneSettings = Field(default_factory=PhoneSettings)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    cases: CaseSettings = Field(default_factory=CaseSettings)

    @model_validator(mode="after")
    def _cross_references(self) -> HallConfig:
        codes = [s.code for s in self.services]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(t("config_service_twice", codes=", ".join(dupes)))
        numbers = [w.number for w in self.windows]
        dupes_w = sorted({n for n in numbers if numbers.count(n) > 1})
        if dupes_w:
            raise ValueError(t("config_window_twice", numbers=", ".join(map(str, dupes_w))))
        for window in self.windows:
            unknown = [c for c in window.services if c not in codes]
            if unknown:
                raise ValueError(
                    t(
                        "config_window_unknown_service",
                        window=window.number,
                        codes=", ".join(unknown),
                        valid=", ".join(codes),
                    )
                )
        served = {c for w in self.windows for c in w.services}
        orphans = [c for c in codes if c not in served]
        if orphans:
            raise ValueError(t("config_service_no_window", codes=", ".join(orphans)))
        leaders = list(self.leaders.by_weekday.values()) + list(self.leaders.by_date.values())
        for leader in leaders:
            if leader.window is not None and leader.window not in numbers:
                raise ValueError(
                    t("config_leader_window", leader=leader.name, window=leader.window)
                )
        return self

    @property
    def manager_pin_hash(self) -> str:
        return self.manager.pin_hash or self.kiosk.staff_pin_hash

    def warnings(self) -> list[str]:
        """What is allowed but unwise, for ``check-config`` and ``doctor``."""
        found = []
        if is_published(self.kiosk.staff_pin_hash):
            found.append(t("config_kiosk_pin_published"))
        if not self.kiosk.staff_pin_hash:
            found.append(t("config_kiosk_pin_missing"))
        if self.manager.pin_hash and is_published(self.manager.pin_hash):
            found.append(t("config_manager_pin_published"))
        return found

    def service(self, code: str) -> Service | None:
        return next((s for s in self.services if s.code == code), None)

    def window(self, number: int) -> Window | None:
        return next((w for w in self.windows if w.number == number), None)

    def windows_for(self, service_code: str) -> list[Window]:
        return [w for w in self.windows if service_code in w.services]
