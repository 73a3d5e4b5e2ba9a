"""The command lines README.md shows, read as a newcomer would copy them.

``documented_commands`` finds every command line in the README's code blocks and inline code
(``servicehall …``, ``.venv/bin/servicehall …``, ``python run_kiosk.py …``, ``make …``; a
command after ``xterm -e`` too), without its ``# comment`` or shell redirection. ``variants``
turns the README's notation into real argument lists: ``[optional]`` parts, ``a|b`` choices
(``\\|`` in tables) and placeholders (``N``, ``D``, ``URL`` …) with sample values. Each optional
part and each choice appears in at least one variant.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).parents[2]
README = ROOT / "README.md"

_PROGRAM = r"(?:\.venv/bin/servicehall|servicehall|python -m servicehall|python run_kiosk\.py|make)"
_START = re.compile(
    r"(?:^|(?<=\s-e\s)|(?<=&&\s))"  # a line's start, or after `xterm -e` or `&&`
    r"(?:[A-Z_]+=\S+\s+)*"  # environment settings before the program
    rf"(?P<command>{_PROGRAM}(?:\s.*)?)$"
)
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.S | re.M)
_INLINE = re.compile(r"`([^`]+)`")
_REDIRECT = re.compile(r"\s+[12]?>\s*\S+\s*$")

PLACEHOLDERS = {
    "N": "1",
    "M": "20",
    "S": "7",
    "D": "2026-11-23",
    "ROLE": "kiosk1",
    "NAME": "赵敏",
    "T": "副镇长",
    "ID": "mz01",
    "PATH": "hall.toml",
    "…": "service",  # --by …: one of the breakdowns
}
"""Sample values for the README's placeholders (``URL`` and ``F`` depend on the test)."""
FILE_PLACEHOLDER = {"--png": "ticket.png", "--xlsx": "report.xlsx", "--csv": "report.csv"}


@dataclass(frozen=True)
class Documented:
    line: int
    text: str
    """The command as written, without comment or redirection."""

    @property
    def program(self) -> str:
        first = self.text.split()[0]
        if first.endswith("servicehall") or self.text.startswith("python -m servicehall"):
            return "servicehall"
        return "run_kiosk.py" if "run_kiosk.py" in self.text else first

    @property
    def notation(self) -> str:
        """What follows the program: options and arguments in the README's notation."""
        for prefix in ("python -m servicehall", "python run_kiosk.py"):
            if self.text.startswith(prefix):
                return self.text.removeprefix(prefix).strip()
        return self.text.split(None, 1)[1] if " " in self.text else ""


def _command(text: str) -> str | None:
    text = text.strip().replace("\\|", "|")
    found = _START.search(text)
    if found is None:
        return None
    command = found.group("command")
    command = re.sub(r"\s+#\s.*$", "", command)  # a comment after the command
    return _REDIRECT.sub("", command).strip()


def documented_commands(readme: Path = README) -> list[Documented]:
    """Every command line of the README, with its line number, in order."""
    text = readme.read_text(encoding="utf-8")
    found: list[Documented] = []
    for block in _FENCE.finditer(text):
        first = text.count("\n", 0, block.start(1)) + 1
        for index, line in enumerate(block.group(1).splitlines()):
            command = _command(line)
            if command:
                found.append(Documented(first + index, command))
    # inline code outside the blocks (blanked, line breaks kept); it may wrap onto a new line
    prose = _FENCE.sub(lambda block: re.sub(r"[^\n]", " ", block.group(0)), text)
    for match in _INLINE.finditer(prose):
        command = _command(" ".join(match.group(1).split()))
        if command:
            found.append(Documented(prose.count("\n", 0, match.start()) + 1, command))
    return sorted(found, key=lambda d: d.line)


# ------------------------------------------------------------------ the notation

Part = list[list[str]]
"""One place in a command line: the token lists it may stand for (``[]`` when optional)."""


def _tokens(notation: str) -> list[str]:
    tokens: list[str] = []
    for chunk in shlex.split(notation):
        opening = len(chunk) - len(chunk.lstrip("["))
        core = chunk.lstrip("[")
        closing = len(core) - len(core.rstrip("]"))
        core = core.rstrip("]")
        tokens += ["["] * opening + ([core] if core else []) + ["]"] * closing
    return tokens


def _sequence(tokens: list[str], at: int) -> tuple[list[Part], int]:
    parts: list[Part] = []
    while at < len(tokens) and tokens[at] not in ("]", "|"):
        token = tokens[at]
        if token == "[":
            alternatives: list[list[str]] = [[]]
            at += 1
            while True:
                inner, at = _sequence(tokens, at)
                alternatives += _covering(inner)
                if at >= len(tokens):
                    raise ValueError("an unclosed [ in the README's notation")
                at += 1
                if tokens[at - 1] == "]":
                    break
            parts.append(alternatives)
        else:
            parts.append([[choice] for choice in token.split("|")] if "|" in token else [[token]])
            at += 1
    return parts, at


def _covering(parts: list[Part]) -> list[list[str]]:
    """Token lists in which every choice of every part is taken at least once."""
    rounds = max((len(part) for part in parts), default=1)
    return [[t for part in parts for t in part[i % len(part)]] for i in range(rounds)]


def variants(notation: str, url: str) -> list[list[str]]:
    """The argument lists a notation stands for, placeholders filled in."""
    parts, at = _sequence(_tokens(notation), 0)
    if at != len(_tokens(notation)):
        raise ValueError(f"unbalanced ] or | in {notation!r}")
    found: list[list[str]] = []
    for tokens in _covering(parts):
        filled = []
        for index, token in enumerate(tokens):
            before = tokens[index - 1] if index else ""
            if token == "F":
                token = FILE_PLACEHOLDER.get(before, "out.txt")
            elif token == "URL":
                token = url
            filled.append(PLACEHOLDERS.get(token, token))
        if filled not in found:
            found.append(filled)
    return found
