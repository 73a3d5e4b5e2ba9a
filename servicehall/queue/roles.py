"""Least-privilege PostgreSQL roles for the processes of a multi-PC hall.

- ``kiosk``: reads the hall and adds tickets; it may mark its own fresh tickets printed or
  withdrawn, and nothing else: history (called, finished, earlier tickets) is out of its reach,
  enforced with column grants and row-level security on ``tickets``.
- ``window``: a clerk console or keypad bridge: calls, finishes, transfers, signs clerks in.
- ``display``: the hall TV: reads only.
No role but the owner may UPDATE or DELETE the event log: it is append-only for everyone else.
The login roles themselves (and their passwords) are created by the database administrator.
"""

from __future__ import annotations

ROLE_KINDS: dict[str, str] = {
    "kiosk": "取号机：只能新增号票、记录打印结果，不能改写或删除历史",
    "window": "窗口/呼叫器：叫号、重呼、过号、转办、办结、签到",
    "display": "大厅显示屏：只读",
}

_READABLE = "tickets, events, day_counters, window_states, leader_overrides"


def grant_statements(role: str, kind: str) -> list[str]:
    """The SQL that gives an existing login ``role`` exactly what a ``kind`` process needs."""
    if kind not in ROLE_KINDS:
        raise ValueError(f"unknown role kind {kind!r}")
    who = '"' + role.replace('"', '""') + '"'
    policy = f"servicehall_{kind}_{role}".replace('"', "")[:60]
    sql = [
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT SELECT ON {_READABLE} TO {who}",
        "ALTER TABLE tickets ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS servicehall_read ON tickets",
        "CREATE POLICY servicehall_read ON tickets FOR SELECT USING (true)",
    ]
    if kind == "kiosk":
        sql += [
            f"GRANT INSERT ON tickets, events TO {who}",
            f"GRANT INSERT, UPDATE ON day_counters TO {who}",
            f"GRANT UPDATE (print_state, status) ON tickets TO {who}",
            f"GRANT USAGE ON SEQUENCE tickets_id_seq, events_id_seq TO {who}",
            f'DROP POLICY IF EXISTS "{policy}_add" ON tickets',
            f'CREATE POLICY "{policy}_add" ON tickets FOR INSERT TO {who} '
            "WITH CHECK (status = 'waiting')",
            f'DROP POLICY IF EXISTS "{policy}_fresh" ON tickets',
            f'CREATE POLICY "{policy}_fresh" ON tickets FOR UPDATE TO {who} '
            "USING (status = 'waiting' AND print_state IN ('none', 'failed')) "
            "WITH CHECK (status IN ('waiting', 'cancelled'))",
        ]
    elif kind == "window":
        sql += [
            f"GRANT SELECT ON clerk_accounts TO {who}",
            f"GRANT INSERT, UPDATE ON tickets, window_states, leader_overrides TO {who}",
            f"GRANT INSERT ON events TO {who}",
            f"GRANT USAGE ON SEQUENCE events_id_seq TO {who}",
            f'DROP POLICY IF EXISTS "{policy}_work" ON tickets',
            f'CREATE POLICY "{policy}_work" ON tickets FOR UPDATE TO {who} '
            "USING (true) WITH CHECK (true)",
        ]
    return sql
