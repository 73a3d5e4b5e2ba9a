"""Import python-escpos once, with its capabilities cache in the data directory.

python-escpos parses its capabilities file into a pickle in a fresh temporary directory on
every start (0.4–0.65 s) unless ``ESCPOS_CAPABILITIES_PICKLE_DIR`` names a lasting one; this
sets it (unless the environment already does) before the first import.
"""

from __future__ import annotations

import os
from types import ModuleType

from servicehall.queue import data_dir

PICKLE_DIR_ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def load_escpos() -> ModuleType:
    """The ``escpos`` package with ``escpos.printer`` loaded."""
    if PICKLE_DIR_ENV not in os.environ:
        cache = data_dir() / "escpos-cache"
        cache.mkdir(parents=True, exist_ok=True)
        os.environ[PICKLE_DIR_ENV] = str(cache)
    import escpos.printer

    return escpos
