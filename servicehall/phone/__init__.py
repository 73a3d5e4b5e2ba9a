"""赶圩不误号: the villager's phone follows the queue (``servicehall serve phone``).

- ``state``: pure — a ticket and the hall's latest picture → what its page says.
- ``watch``: one thread per server follows the change feed and publishes the hall's picture;
  every live page waits on it (200 phones, one database follower).
- ``render``: server-rendered HTML (no external fonts or scripts, a few KB a page).
- ``limits``: requests per client address.
- ``app``: the aiohttp routes (``/``, ``/t/<token>``, its live feed and its rating).

Read-only towards the queue except the rating, which goes through ``Hall.rate_page`` like the
rating pad's. aiohttp is imported by ``app`` only.
"""
