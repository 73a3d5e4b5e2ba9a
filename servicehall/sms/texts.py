"""The reminders' words, from the project's catalogue (``servicehall.i18n``), in the language the
villager used at the kiosk; the hall's name leads in 【】 as Chinese SMS senders sign."""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.i18n import text_in
from servicehall.sms.rules import CALL, Step


def reminder_text(config: HallConfig, step: Step, label: str, language: str) -> str:
    hall = config.hall.name
    if step.reminder == CALL:
        return text_in(language, "sms_call", hall=hall, label=label, window=step.window)
    if not step.ahead:
        return text_in(language, "sms_ahead_none", hall=hall, label=label)
    return text_in(language, "sms_ahead", hall=hall, label=label, n=step.ahead)
