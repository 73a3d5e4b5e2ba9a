"""The hall display: the TV board of calls, windows, waiting counts and the on-duty leader, and
the voice that announces each call.

- ``calls``: pure bookkeeping of call/recall events (the latest call, the recent-calls list).
- ``follower``: follows the queue core's change feed from a thread; survives a lost database.
- ``phrase`` / ``chime`` / ``audio`` / ``voice``: the spoken announcement and its queue.
- ``banner`` / ``board`` / ``recent`` / ``bars`` / ``lines``: the widgets; ``app``: the Textual
  app (``servicehall display``); ``latency``: the call-to-screen harness for tests and bench.
"""
