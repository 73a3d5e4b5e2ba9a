"""办件's stored codes named for people: :func:`kind_name`, :func:`step_name`, :func:`state_name`,
:func:`due_name` and :func:`callback_name` (回访 results). The case messages are in the one
catalogue (``servicehall.catalog.cases``).
"""

from __future__ import annotations

from servicehall.i18n import language

KIND_NAMES: dict[str, dict[str, str]] = {
    "immediate": {"zh": "即办件", "en": "immediate"},
    "promised": {"zh": "承诺件", "en": "promised"},
    "joint": {"zh": "联办件", "en": "joint"},
    "reported": {"zh": "上报件", "en": "reported"},
}

STEP_NAMES: dict[str, dict[str, str]] = {
    "accept": {"zh": "受理", "en": "accepted"},
    "refer": {"zh": "转县级部门", "en": "sent to the county"},
    "joint": {"zh": "联办", "en": "joint handling"},
    "supplement": {"zh": "补正", "en": "papers missing"},
    "finish": {"zh": "办结", "en": "finished"},
    "collect": {"zh": "已领取", "en": "collected"},
    "deliver": {"zh": "已送达", "en": "delivered"},
}

STATE_NAMES: dict[str, dict[str, str]] = {
    "open": {"zh": "办理中", "en": "in progress"},
    "finished": {"zh": "已办结", "en": "finished"},
    "collected": {"zh": "已领取", "en": "collected"},
    "delivered": {"zh": "已送达", "en": "delivered"},
}

DUE_NAMES: dict[str, dict[str, str]] = {
    "overdue": {"zh": "已超期", "en": "overdue"},
    "soon": {"zh": "即将到期", "en": "due soon"},
    "ok": {"zh": "未到期", "en": "on track"},
    "done": {"zh": "已办结", "en": "finished"},
}

CALLBACK_NAMES: dict[str, dict[str, str]] = {
    "satisfied": {"zh": "满意", "en": "satisfied"},
    "basic": {"zh": "基本满意", "en": "fair"},
    "unsatisfied": {"zh": "不满意", "en": "unsatisfied"},
    "no_answer": {"zh": "未接通", "en": "no answer"},
}


def _name(table: dict[str, dict[str, str]], code: str, lang: str | None) -> str:
    entry = table.get(code)
    return entry.get(lang or language(), entry["zh"]) if entry else code


def kind_name(code: str, lang: str | None = None) -> str:
    return _name(KIND_NAMES, code, lang)


def step_name(code: str, lang: str | None = None) -> str:
    return _name(STEP_NAMES, code, lang)


def state_name(code: str, lang: str | None = None) -> str:
    return _name(STATE_NAMES, code, lang)


def due_name(code: str, lang: str | None = None) -> str:
    return _name(DUE_NAMES, code, lang)


def callback_name(code: str, lang: str | None = None) -> str:
    return _name(CALLBACK_NAMES, code, lang)
