"""``python -m servicehall`` runs the command line."""

import sys

from servicehall.cli import main

sys.exit(main())
