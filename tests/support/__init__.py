"""Helpers the tests share, one module per topic; fixtures stay in ``tests/conftest.py``.

- ``waiting``: ``until`` (a Textual pilot) and ``wait_for`` (threads, processes): wait on state
  with one generous deadline, never on a fixed sleep.
- ``halls``: the test calendar (``OPEN_MONDAY``, ``MARKET_TUESDAY``, ``SHANGHAI``).
- ``postgres``: the per-run PostgreSQL test database and least-privilege roles with unique names.
- ``template``: a migrated empty SQLite hall made once per process, copied in for a new hall.
- ``cli``: the ``servicehall`` command run in-process (``run_cli``), output and exit code captured.
- ``textual_css``: the test process's Textual apps share their parsed CSS.
- ``screen``: what a running Textual app shows, as plain text; a recorder of a widget's updates.
- ``kiosk``, ``clerk``, ``display``: building and reading the screen apps under a pilot.
- ``printer``: an ESC/POS decoder and a fake TCP printer.
- ``modem``: a GSM modem on a pty answering AT commands; its PDUs decoded by smspdudecoder.
- ``sms``: the sample hall with 短信提醒 on; what the database holds, to search for numbers.
- ``reports``: a hand-played Monday, and report figures computed straight from the ticket rows.
- ``browser``: a served app driven in headless Chromium.
- ``processes``: worker processes forked from one server per test process that has already
  imported them (multiprocessing's "forkserver"), killed if still running when the test ends.
- ``queue_worker``: issuing and calling in such processes, for the concurrency tests.
- ``schema_worker``: a process upgrading a database's schema at a barrier.
"""
