"""servicehall — kiosk, queue, hall display and clerk consoles for a township service hall.

The public entry point for scripts and screens is :class:`servicehall.queue.Hall`.
"""

__version__ = "0.1.0"
