"""The entrance kiosk: a Textual touchscreen app where villagers take a printed ticket."""

from servicehall.kiosk.app import KioskApp

__all__ = ["KioskApp"]
