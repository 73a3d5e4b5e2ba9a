"""Kiosk texts built from the hall's configuration: open days, opening hours, windows.

The words themselves are in the one catalogue (``servicehall.catalog.kiosk``, weekdays in
``catalog.names``, looked up with ``servicehall.i18n``); service and matter names come from
hall.toml and stay as written.
"""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.i18n import code_name, listed, t

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def open_days_text(config: HallConfig) -> str:
    """The hall's open weekdays, e.g. 周一至周五 (a run) or 周一、周三、周五."""
    days = sorted(WEEKDAY_CODES.index(d) for d in config.hall.open_weekdays)
    if not days:
        return ""
    names = [code_name("weekday", WEEKDAY_CODES[d]) for d in days]
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return t("days_run", first=names[0], last=names[-1])
    return listed(names)


def hours_text(config: HallConfig) -> str:
    """Opening hours for a person: 办公时间：周一至周五 08:30-12:00、14:00-17:30."""
    return t("hours", days=open_days_text(config), hours=config.hall.hours_list())


def windows_text(config: HallConfig, service: str) -> str:
    """Where a service is served, e.g. 2、3、13 号窗口."""
    return t("windows", numbers=[str(w.number) for w in config.windows_for(service)])
