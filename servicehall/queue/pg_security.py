"""What PostgreSQL itself enforces, whoever connects: halls kept apart, each kind of PC limited
to what its program does, the record kept.

These are not Alembic revisions: they are a function of this code (every table, every event kind
a program records), so they are installed whole, after the migrations, by the database owner
(``servicehall init`` / ``db upgrade``, or any process that opens the hall as the owner) whenever
their text differs from what the database has (``MARKER``, a hash of the statements, kept as the
comment on the issuing function: no table carries it, so Alembic's compare of the tables leaves
it alone); a restricted role only reads the marker. A new table gets row security
and its read policy without anyone writing them twice.

- ``hall_roles``: which login role belongs to which hall and kind (``servicehall db grant``).
  ``servicehall_role_hall()`` / ``servicehall_role_kind()`` read the caller's row.
- Row-level security on every table: a bound role sees and writes only its own hall's rows.
  Roles with no row see nothing; the owner (and superusers) are not limited by row security.
- ``servicehall_issue(...)``: the only way a ticket number or arrival number is drawn. It runs
  as the owner, checks the caller is a kiosk of that hall (or the owner), bumps the counters and
  adds the ticket in the caller's transaction. Nobody else may write the counters.
- ``servicehall_ticket_guard``: a rating is written once and never changed (for everyone); a
  bound role moves a ticket only along the steps its program takes (a kiosk: printed or
  withdrawn while waiting; a window: call, finish, skip, transfer, requeue, cancel, expire,
  rate; the phone page: rate) and never changes what was fixed at issue.
- 办件: a window adds cases and their steps, moves a case along and queues its texts (补正,
  办结) in the outbox; a kiosk reads cases without the villager's number (column grants).
- The event log is append-only for roles: INSERT only, of their hall, of the kinds their program
  records; no role but the owner may UPDATE or DELETE it (no grant).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection

from servicehall.queue.tables import PAGE_TOKEN_CHARS, QUEUE_SHIFT, ROLE_KIND_NAMES, hall_tables

ROLE_KINDS: dict[str, str] = {
    "kiosk": "取号机：只能取号、记录打印结果、撤回未打出的号，不能改写或删除历史",
    "window": "窗口/呼叫器/评价器：叫号、重呼、过号、转办、办结、签到、评价（只能写一次）",
    "display": "大厅显示屏：只读",
    "sms": "短信网关：读取本大厅的排队情况，发送短信提醒；不能改动排队记录",
    "phone": "手机页面：读取本大厅的排队情况和办件进度（不含手机号）；只能给已办结的号写一次评价",
}

EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "kiosk": (
        "issue",
        "print",
        "print_failed",
        "print_test",
        "cancel",
        "kiosk_reload",
        "kiosk_quit",
        "pin_refused",
        "pin_locked",
    ),
    "window": (
        "call",
        "recall",
        "skip",
        "finish",
        "transfer",
        "requeue",
        "cancel",
        "expire",
        "pause",
        "resume",
        "sign_in",
        "sign_out",
        "sign_in_refused",
        "pin_locked",
        "leader",
        "rate",
        "rate_timeout",
        "case_open",
        "case_step",
        "case_callback",
    ),
    "display": (),
    "sms": (),
    "phone": ("rate",),
}
"""The event kinds each kind of PC may append (what its program records)."""

TICKET_STEPS: dict[str, tuple[str, ...]] = {
    "kiosk": ("waiting>waiting", "waiting>cancelled"),
    "window": (
        "waiting>called",
        "waiting>cancelled",
        "waiting>expired",
        "called>called",
        "called>finished",
        "called>no_show",
        "called>waiting",
        "called>cancelled",
        "no_show>waiting",
        "no_show>called",
        "no_show>expired",
        "no_show>cancelled",
        "finished>finished",
    ),
    "phone": ("finished>finished",),
}
"""Status changes (``old>new``) a bound role may make; anything else is refused."""

LOCKOUT_SUBJECTS = {"kiosk": ("kiosk:%",), "window": ("clerk:%", "window:%")}
"""Whose PIN lock-outs each kind keeps (``pin_lockouts.subject`` prefixes)."""

TABLES = tuple(table.name for table in hall_tables())
"""Every table with a ``hall`` column gets row security and a read policy."""

_MY_HALL = "hall = (SELECT servicehall_role_hall())"
_KIND = "(SELECT servicehall_role_kind())"


def _array(values: tuple[str, ...]) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]::text[]" if values else "'{}'"


def _by_kind(table: dict[str, tuple[str, ...]]) -> str:
    cases = " ".join(f"WHEN '{k}' THEN {_array(v)}" for k, v in table.items())
    return f"CASE {_KIND} {cases} ELSE '{{}}'::text[] END"


def _policies() -> list[str]:
    """Permissive policies are OR-ed, so each names the kind it is for in USING and CHECK."""
    read = [f"CREATE POLICY servicehall_read ON {t} FOR SELECT USING ({_MY_HALL})" for t in TABLES]
    read.remove(f"CREATE POLICY servicehall_read ON clerk_accounts FOR SELECT USING ({_MY_HALL})")
    lockout_subjects = " OR ".join(
        f"({_KIND} = '{kind}' AND subject LIKE '{prefix}')"
        for kind, prefixes in LOCKOUT_SUBJECTS.items()
        for prefix in prefixes
    )
    return [
        *read,
        "CREATE POLICY servicehall_read ON clerk_accounts FOR SELECT "
        f"USING ({_MY_HALL} AND {_KIND} = 'window')",
        # a kiosk: only waiting tickets; it may withdraw one only while it is not printed
        "CREATE POLICY servicehall_kiosk ON tickets FOR UPDATE "
        f"USING ({_MY_HALL} AND {_KIND} = 'kiosk' AND status = 'waiting') "
        f"WITH CHECK ({_MY_HALL} AND {_KIND} = 'kiosk' "
        "AND (status = 'waiting' OR print_state IN ('none', 'failed')))",
        # the phone page: a finished ticket until it is rated (the guard lets only the rating
        # change on a finished ticket, and only once)
        "CREATE POLICY servicehall_phone ON tickets FOR UPDATE "
        f"USING ({_MY_HALL} AND {_KIND} = 'phone' AND status = 'finished' AND rating IS NULL) "
        f"WITH CHECK ({_MY_HALL} AND {_KIND} = 'phone')",
        # a window: open tickets, and a finished one until it is rated
        "CREATE POLICY servicehall_window ON tickets FOR UPDATE "
        f"USING ({_MY_HALL} AND {_KIND} = 'window' AND (status IN ('waiting', 'called', "
        "'no_show') OR (status = 'finished' AND rating IS NULL))) "
        f"WITH CHECK ({_MY_HALL} AND {_KIND} = 'window')",
        *(
            stmt
            for table in ("window_states", "leader_overrides")
            for stmt in (
                f"CREATE POLICY servicehall_window_add ON {table} FOR INSERT "
                f"WITH CHECK ({_MY_HALL} AND {_KIND} = 'window')",
                f"CREATE POLICY servicehall_window ON {table} FOR UPDATE "
                f"USING ({_MY_HALL} AND {_KIND} = 'window') "
                f"WITH CHECK ({_MY_HALL} AND {_KIND} = 'window')",
            )
        ),
        "CREATE POLICY servicehall_append ON events FOR INSERT "
        f"WITH CHECK ({_MY_HALL} AND kind = ANY ({_by_kind(EVENT_KINDS)}))",
        "CREATE POLICY servicehall_own ON pin_lockouts FOR ALL "
        f"USING ({_MY_HALL} AND ({lockout_subjects})) "
        f"WITH CHECK ({_MY_HALL} AND ({lockout_subjects}))",
        "CREATE POLICY servicehall_self ON hall_roles FOR SELECT USING (role = current_user)",
        *_sms_policies(),
        *_case_policies(),
    ]


def _case_policies() -> list[str]:
    """办件: a window adds cases, their steps and 回访 results and moves a case along; a case's
    texts go into the outbox from the window that records 补正 or 办结 (only messages of
    cases)."""
    window = f"{_MY_HALL} AND {_KIND} = 'window'"
    return [
        f"CREATE POLICY servicehall_window_add ON cases FOR INSERT WITH CHECK ({window})",
        "CREATE POLICY servicehall_window ON cases FOR UPDATE "
        f"USING ({window}) WITH CHECK ({window})",
        f"CREATE POLICY servicehall_window_add ON case_steps FOR INSERT WITH CHECK ({window})",
        f"CREATE POLICY servicehall_window_add ON case_callbacks FOR INSERT WITH CHECK ({window})",
        "CREATE POLICY servicehall_window_case ON sms_outbox FOR INSERT "
        f"WITH CHECK ({window} AND kind LIKE 'case\\_%' AND key LIKE 'case:%')",
    ]


def _sms_policies() -> list[str]:
    """A kiosk registers a number for one of its hall's tickets (and corrects it) but never reads
    it back (column grants); the SMS bridge works through its hall's registrations and outbox."""
    kiosk = f"{_MY_HALL} AND {_KIND} = 'kiosk'"
    bridge = f"{_MY_HALL} AND {_KIND} = 'sms'"
    return [
        f"CREATE POLICY servicehall_kiosk_add ON sms_contacts FOR INSERT WITH CHECK ({kiosk})",
        "CREATE POLICY servicehall_kiosk ON sms_contacts FOR UPDATE "
        f"USING ({kiosk}) WITH CHECK ({kiosk})",
        "CREATE POLICY servicehall_bridge ON sms_contacts FOR UPDATE "
        f"USING ({bridge}) WITH CHECK ({bridge})",
        f"CREATE POLICY servicehall_bridge_forget ON sms_contacts FOR DELETE USING ({bridge})",
        *(
            f"CREATE POLICY servicehall_bridge_{verb.lower()} ON {table} FOR {verb} "
            + (
                f"WITH CHECK ({bridge})"
                if verb == "INSERT"
                else f"USING ({bridge}) WITH CHECK ({bridge})"
            )
            for table in ("sms_outbox", "sms_gateways")
            for verb in ("INSERT", "UPDATE")
        ),
    ]


_ISSUE_SIGNATURE = "servicehall_issue(text, date, text, text, boolean, double precision)"
_ISSUE = f"""
CREATE OR REPLACE FUNCTION servicehall_issue(
    p_hall text, p_day date, p_service text, p_matter text, p_priority boolean,
    p_ts double precision
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = {{schema}}, pg_temp AS $$
DECLARE
    bound hall_roles%ROWTYPE;
    n integer;
    s bigint;
    new_id bigint;
BEGIN
    SELECT * INTO bound FROM hall_roles WHERE role = session_user;
    IF FOUND THEN
        IF bound.kind <> 'kiosk' OR bound.hall <> p_hall THEN
            RAISE EXCEPTION 'servicehall: role % (% of hall %) may not issue tickets for hall %',
                session_user, bound.kind, bound.hall, p_hall USING ERRCODE = '42501';
        END IF;
    ELSIF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class
                                         WHERE oid = 'tickets'::regclass), 'USAGE') THEN
        RAISE EXCEPTION 'servicehall: role % is not bound to a hall', session_user
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO day_counters AS c (hall, day, service, last_number)
        VALUES (p_hall, p_day, p_service, 1)
        ON CONFLICT (hall, day, service) DO UPDATE SET last_number = c.last_number + 1
        RETURNING c.last_number INTO n;
    INSERT INTO day_sequences AS q (hall, day, last_seq) VALUES (p_hall, p_day, 1)
        ON CONFLICT (hall, day) DO UPDATE SET last_seq = q.last_seq + 1
        RETURNING q.last_seq INTO s;
    INSERT INTO tickets (hall, day, service, origin_service, number, label, matter, priority,
                         status, queue_pos, issued_ts, recall_count, skip_count, print_state,
                         page_token)
        VALUES (p_hall, p_day, p_service, p_service, n,
                p_service || CASE WHEN n < 1000 THEN lpad(n::text, 3, '0') ELSE n::text END,
                p_matter, p_priority, 'waiting', s * {1 << QUEUE_SHIFT}, p_ts, 0, 0, 'none',
                left(md5(gen_random_uuid()::text), {PAGE_TOKEN_CHARS}))
        RETURNING id INTO new_id;
    RETURN new_id;
END $$
"""

_GUARD = f"""
CREATE OR REPLACE FUNCTION servicehall_ticket_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    role_kind text := servicehall_role_kind();
BEGIN
    IF OLD.rating IS NOT NULL AND NEW.rating IS DISTINCT FROM OLD.rating THEN
        RAISE EXCEPTION 'servicehall: % was rated already; a rating is written once', OLD.label
            USING ERRCODE = '42501';
    END IF;
    IF role_kind IS NULL THEN
        RETURN NEW;
    END IF;
    IF (NEW.id, NEW.hall, NEW.day, NEW.origin_service, NEW.number, NEW.label, NEW.matter,
        NEW.priority, NEW.issued_ts)
       IS DISTINCT FROM (OLD.id, OLD.hall, OLD.day, OLD.origin_service, OLD.number, OLD.label,
                         OLD.matter, OLD.priority, OLD.issued_ts) THEN
        RAISE EXCEPTION 'servicehall: % is fixed at issue', OLD.label USING ERRCODE = '42501';
    END IF;
    IF NOT (OLD.status || '>' || NEW.status) = ANY ({_by_kind(TICKET_STEPS)}) THEN
        RAISE EXCEPTION 'servicehall: a % may not take % from % to %', role_kind, OLD.label,
            OLD.status, NEW.status USING ERRCODE = '42501';
    END IF;
    IF NEW.rating IS NOT NULL AND NEW.status <> 'finished' THEN
        RAISE EXCEPTION 'servicehall: only a finished ticket is rated' USING ERRCODE = '42501';
    END IF;
    IF OLD.status = 'finished' AND to_jsonb(NEW) - 'rating' <> to_jsonb(OLD) - 'rating' THEN
        RAISE EXCEPTION 'servicehall: % is finished; only its rating may be written', OLD.label
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END $$
"""


def install_statements(schema: str) -> list[str]:
    """Everything but the tables (migrations) and the per-role grants, idempotent (the owner
    runs it)."""
    sql = [
        # the kinds this version knows (a database made by an older one allowed fewer)
        "ALTER TABLE hall_roles DROP CONSTRAINT IF EXISTS hall_roles_kind_check",
        "ALTER TABLE hall_roles ADD CONSTRAINT hall_roles_kind_check CHECK (kind IN ("
        + ", ".join(f"'{kind}'" for kind in ROLE_KIND_NAMES)
        + "))",
        "CREATE OR REPLACE FUNCTION servicehall_role_hall() RETURNS text LANGUAGE sql STABLE "
        "AS $$ SELECT hall::text FROM hall_roles WHERE role = current_user $$",
        "CREATE OR REPLACE FUNCTION servicehall_role_kind() RETURNS text LANGUAGE sql STABLE "
        "AS $$ SELECT kind::text FROM hall_roles WHERE role = current_user $$",
        _ISSUE.format(schema=_identifier(schema)),
        f"REVOKE ALL ON FUNCTION {_ISSUE_SIGNATURE} FROM PUBLIC",
        _GUARD,
        "DROP TRIGGER IF EXISTS servicehall_ticket_guard ON tickets",
        "CREATE TRIGGER servicehall_ticket_guard BEFORE UPDATE ON tickets "
        "FOR EACH ROW EXECUTE FUNCTION servicehall_ticket_guard()",
    ]
    for table in (*TABLES, "hall_roles"):
        sql.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    sql.append(_DROP_OLD_POLICIES)
    sql += _policies()
    return sql


# policies of any earlier version (per-role ones included) go before the current set is made
_DROP_OLD_POLICIES = """
DO $$
DECLARE p record;
BEGIN
    FOR p IN SELECT policyname, tablename FROM pg_policies
             WHERE schemaname = current_schema() AND policyname LIKE 'servicehall%'
    LOOP
        EXECUTE format('DROP POLICY %I ON %I', p.policyname, p.tablename);
    END LOOP;
END $$
"""


def installed(conn: Connection) -> bool:
    """Whether this version's security is in place (one catalogue read)."""
    marker = conn.exec_driver_sql(
        f"SELECT obj_description(to_regprocedure('{_ISSUE_SIGNATURE}'), 'pg_proc')"
    ).scalar()
    return marker == MARKER


def install(conn: Connection) -> None:
    """Install or replace everything, in the caller's transaction (under its schema lock)."""
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar_one()
    marked = [
        "COMMENT ON TABLE tickets IS NULL",  # where releases before Alembic kept their marker
        f"COMMENT ON FUNCTION {_ISSUE_SIGNATURE} IS '{MARKER}'",
    ]
    run_statements(conn, [*install_statements(schema), *marked])


def run_statements(conn: Connection, statements: list[str]) -> None:
    """Run DDL as written, in the connection's transaction (no placeholders: ``%`` is literal)."""
    cursor = conn.connection.cursor()
    try:
        for statement in statements:
            cursor.execute(statement)
    finally:
        cursor.close()


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


MARKER = (
    "servicehall security "
    + hashlib.sha256("\n".join(install_statements("schema")).encode()).hexdigest()[:16]
)
"""What is installed, as the issuing function's comment: any change to the statements changes it."""
