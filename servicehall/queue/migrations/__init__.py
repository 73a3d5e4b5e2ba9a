"""The hall database's Alembic migrations, shipped inside the package and run through Alembic's
Python API (``servicehall.queue.schema``), so no ``alembic`` command is needed on a hall PC.

``HEAD`` names the newest revision: a process compares it with the database's
``alembic_version`` at start (one query) and loads Alembic only when they differ. A test checks
it against the revision files, so a new revision that forgets to move it fails the suite.
"""

from pathlib import Path

HEAD = "0008"
LOCATION = Path(__file__).parent
