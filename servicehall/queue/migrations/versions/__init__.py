"""One module per revision, ``vNNNN_what.py`` with ``revision = "NNNN"``; Alembic skips this."""
