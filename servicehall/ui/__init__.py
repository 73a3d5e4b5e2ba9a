"""What the screen apps share: ``HallApp`` (the hall, its one follower, upkeep, failed workers),
the follower itself, the bookkeeping of calls, and the themes."""
