"""Kiosk texts built from the hall's configuration: open days, opening hours, windows.

The words themselves are in the one catalogue (``servicehall.catalog.kiosk``, looked up with
``servicehall.i18n.t``); service and matter names come from hall.toml and stay as written.
"""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.i18n import language, t

WEEKDAY_NAMES = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def open_days_text(config: HallConfig) -> str:
    """The hall's open weekdays, e.g. 周一至周五 (a run) or 周一、周三、周五."""
    names = WEEKDAY_NAMES["en" if language() == "en" else "zh"]
    days = sorted(WEEKDAY_CODES.index(d) for d in config.hall.open_weekdays)
    if not days:
        return ""
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        joiner = " - " if language() == "en" else "至"
        return f"{names[days[0]]}{joiner}{names[days[-1]]}"
    return ("、" if language() == "zh" else ", ").join(names[d] for d in days)


def hours_text(config: HallConfig) -> str:
    """Opening hours for a person: 办公时间：周一至周五 08:30-12:00、14:00-17:30."""
    return t("hours", days=open_days_text(config), hours=config.hall.hours_text())


def windows_text(config: HallConfig, service: str) -> str:
    """Where a service is served, e.g. 2、3、13 号窗口."""
    numbers = [str(w.number) for w in config.windows_for(service)]
    return t("windows", numbers=("、" if language() == "zh" else ", ").join(numbers))
