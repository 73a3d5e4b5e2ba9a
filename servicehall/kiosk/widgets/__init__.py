"""Widgets of the kiosk's screens: navigation bar, pager, service buttons, countdown, keypad."""

from servicehall.kiosk.widgets.countdown import Countdown
from servicehall.kiosk.widgets.keypad import Keypad
from servicehall.kiosk.widgets.navbar import NavBar
from servicehall.kiosk.widgets.pager import Pager
from servicehall.kiosk.widgets.service_button import ServiceButton

__all__ = ["Countdown", "Keypad", "NavBar", "Pager", "ServiceButton"]
