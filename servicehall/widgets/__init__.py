"""Widgets shared by the kiosk, the hall display and the clerk console."""

from servicehall.widgets.bigfont import big_text, big_width, dot_runs
from servicehall.widgets.biglabel import BigLabel

__all__ = ["BigLabel", "big_text", "big_width", "dot_runs"]
