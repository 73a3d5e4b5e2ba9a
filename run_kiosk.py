"""Start the entrance kiosk: ``python run_kiosk.py [servicehall kiosk's options]``.

The same as ``servicehall kiosk …`` (``--ignore-hours``, ``--preview``, ``--lang``, ``--db``,
``--config`` …), loading only the kiosk's commands for a faster start.
"""

import sys

from servicehall.cli import main

KIOSK_MODULES = ("servicehall.cli.kiosk_cmds",)


def kiosk_argv(options: list[str]) -> list[str]:
    """The ``servicehall`` arguments this script runs with."""
    return ["kiosk", *options]


if __name__ == "__main__":
    sys.exit(main(kiosk_argv(sys.argv[1:]), modules=KIOSK_MODULES))
