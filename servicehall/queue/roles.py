"""Least-privilege PostgreSQL roles for the processes of a multi-PC hall, each bound to one hall.

``servicehall db grant ROLE --kind K --hall CODE`` gives an existing login role exactly what a
``K`` process needs and binds it to the hall ``CODE``; row-level security, the issuing function
and the ticket guard of :mod:`servicehall.queue.pg_security` do the rest:

- ``kiosk``: reads its hall, issues tickets (only through ``servicehall_issue``), marks its hall's
  waiting tickets printed, withdraws one that did not print, appends its own events.
- ``window``: a clerk console, keypad bridge or rating pad: calls, finishes, transfers, signs
  clerks in, rates a finished ticket once; no ticket is ever added or deleted. 办件: adds cases
  and their steps, moves a case along, queues its texts (补正, 办结) in the outbox, records a
  回访 once (and with it forgets the villager's number).
- ``display``: the hall TV: reads its hall only (of cases, only how many were finished today).
- ``sms``: the SMS bridge: reads its hall, works through its hall's number registrations (moves
  their stage, deletes them when the day is over), the outbox and its own state row; it cannot
  change the queue. A kiosk may also register a number for a ticket, never read one back, and
  reads cases and their steps (查询办理进度) without the villager's number.
- ``phone``: the phone page server (``servicehall serve phone``): reads its hall, and writes a
  finished ticket's rating once (with its ``rate`` event); reads a case and its steps for the
  case's page without the villager's number; nothing else.
The login roles themselves (and their passwords) are created by the database administrator.
"""

from __future__ import annotations

from servicehall.queue.pg_security import ROLE_KINDS

__all__ = ["ROLE_KINDS", "grant_statements", "revoke_statements"]

_READ = "hall_roles, tickets, events, day_counters, day_sequences, window_states, leader_overrides"
_EVENT_COLUMNS = 'hall, ts, day, kind, ticket_id, label, service, "window", clerk, detail'
_WINDOW_TICKET_COLUMNS = (
    'service, status, queue_pos, called_ts, last_called_ts, finished_ts, "window", clerk, '
    "recall_count, skip_count, transferred_from, rating"
)
_CASE_MOVES = (
    '"window", state, finished_ts, finished_day, finished_by, closed_ts, supplemented, phone, '
    "texted"
)
_CASE_PUBLIC = (
    "id, hall, number, day, seq, token, ticket_id, ticket_label, service, matter, kind, name, "
    'last4, agent, agent_staff, "window", clerk, state, promised_day, opened_ts, finished_ts, '
    "finished_day, finished_by, closed_ts, supplemented, texted"
)
_ISSUE = "servicehall_issue(text, date, text, text, boolean, double precision)"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def revoke_statements(role: str) -> list[str]:
    """Take back whatever a role was given on the hall's tables (before a new grant)."""
    who = quote(role)
    return [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {who}",
        f"REVOKE ALL ON FUNCTION {_ISSUE} FROM {who}",
        f"DELETE FROM hall_roles WHERE role = {_literal(role)}",
    ]


def grant_statements(role: str, kind: str, hall: str) -> list[str]:
    """The SQL that binds an existing login ``role`` to ``hall`` as a ``kind`` process."""
    if kind not in ROLE_KINDS:
        raise ValueError(f"unknown role kind {kind!r}")
    who = quote(role)
    sql = [
        *revoke_statements(role),
        f"INSERT INTO hall_roles (role, hall, kind) VALUES "
        f"({_literal(role)}, {_literal(hall)}, {_literal(kind)})",
        f"GRANT USAGE ON SCHEMA public TO {who}",
        f"GRANT SELECT ON {_READ} TO {who}",
    ]
    if kind in ("kiosk", "window", "phone"):
        sql += [
            f"GRANT INSERT ({_EVENT_COLUMNS}) ON events TO {who}",
            f"GRANT USAGE ON SEQUENCE events_id_seq TO {who}",
        ]
    if kind in ("kiosk", "window"):
        sql.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON pin_lockouts TO {who}")
    if kind == "kiosk":
        sql += [
            f"GRANT EXECUTE ON FUNCTION {_ISSUE} TO {who}",
            # 查询办理进度: a case and its steps, never the villager's number
            f"GRANT SELECT ({_CASE_PUBLIC}) ON cases TO {who}",
            f"GRANT SELECT ON case_steps TO {who}",
            f"GRANT UPDATE (print_state, status) ON tickets TO {who}",
            # 短信提醒: register (an update, else an insert) but never read a number back
            f"GRANT INSERT, SELECT (hall, ticket_id) ON sms_contacts TO {who}",
            f"GRANT UPDATE (phone, language, stage, created_ts) ON sms_contacts TO {who}",
        ]
    elif kind == "window":
        sql += [
            f"GRANT SELECT, INSERT, UPDATE ({_CASE_MOVES}) ON cases TO {who}",
            f"GRANT SELECT, INSERT ON case_steps, case_callbacks, sms_outbox TO {who}",
            "GRANT USAGE ON SEQUENCE cases_id_seq, case_steps_id_seq, case_callbacks_id_seq, "
            f"sms_outbox_id_seq TO {who}",
            f"GRANT SELECT ON clerk_accounts TO {who}",
            f"GRANT UPDATE ({_WINDOW_TICKET_COLUMNS}) ON tickets TO {who}",
            f"GRANT INSERT, UPDATE ON window_states, leader_overrides TO {who}",
        ]
    elif kind == "display":  # 今日办结办件 N 件: no number, name or matter of a case
        sql.append(f"GRANT SELECT (id, hall, finished_day) ON cases TO {who}")
    elif kind == "phone":
        sql += [
            f"GRANT UPDATE (rating) ON tickets TO {who}",
            # a case's page (/c/<token>): the case and its steps, never the villager's number
            f"GRANT SELECT ({_CASE_PUBLIC}) ON cases TO {who}",
            f"GRANT SELECT ON case_steps TO {who}",
        ]
    elif kind == "sms":
        sql += [
            f"GRANT SELECT, UPDATE (stage), DELETE ON sms_contacts TO {who}",
            f"GRANT SELECT, INSERT, UPDATE ON sms_outbox, sms_gateways TO {who}",
            f"GRANT USAGE ON SEQUENCE sms_outbox_id_seq TO {who}",
        ]
    return sql
