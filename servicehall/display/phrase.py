"""The words of a spoken call: ticket labels spelt one character at a time, windows as numbers.

Chinese halls read a ticket "A012" as "A 零 一 二" (each digit on its own, so nobody hears
"十二" and waits for the wrong number), but a window as a number: "三号窗口", "十二号窗口".
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

DEFAULT_PHRASE = "请 {label} 号 到 {window} 号窗口办理"
DIGITS = "零一二三四五六七八九"


def spell_label(label: str) -> str:
    """'A012' -> 'A 零 一 二': letters stay letters, digits become Chinese digits."""
    spoken = [DIGITS[int(ch)] if ch.isdigit() else ch.upper() for ch in label if not ch.isspace()]
    return " ".join(spoken)


def chinese_number(number: int) -> str:
    """0–999 as Mandarin reads them: 3 -> 三, 10 -> 十, 12 -> 十二, 105 -> 一百零五."""
    if not 0 <= number <= 999:
        return spell_label(str(number))
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return DIGITS[tens] + "十" + (DIGITS[ones] if ones else "")
    hundreds, rest = divmod(number, 100)
    if rest == 0:
        return DIGITS[hundreds] + "百"
    if rest < 10:
        return DIGITS[hundreds] + "百零" + DIGITS[rest]
    tens_text = chinese_number(rest)
    if rest < 20:
        tens_text = "一" + tens_text  # 一百一十二, not 一百十二
    return DIGITS[hundreds] + "百" + tens_text


def call_phrase(template: str, label: str, window: int, window_name: str = "") -> str:
    """Fill ``voice.phrase``: {label} spelt out, {window} as a number; {ticket} and
    {window_name} are there for halls that want the raw label or the window's name."""
    values = {
        "label": spell_label(label),
        "window": chinese_number(window),
        "ticket": label,
        "window_name": window_name,
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        log.warning("voice.phrase %r has an unknown placeholder; using the default", template)
        return DEFAULT_PHRASE.format(**values)
