"""Manager reports: counts, waiting and service times, 限时办结率 and 满意率 for a day or a range,
per service, matter, window, clerk and hour; CSV and Excel export; simulated history."""

from servicehall.reports.period import Period, ReportInputError, make_period
from servicehall.reports.report import ALL_BREAKDOWNS, Report, build_report, day_report

__all__ = [
    "ALL_BREAKDOWNS",
    "Period",
    "Report",
    "ReportInputError",
    "build_report",
    "day_report",
    "make_period",
]
