"""Start the entrance kiosk (same as `servicehall kiosk`, loading only the kiosk's commands)."""

import sys

from servicehall.cli import main

if __name__ == "__main__":
    sys.exit(main(["kiosk", *sys.argv[1:]], modules=("servicehall.cli.kiosk_cmds",)))
