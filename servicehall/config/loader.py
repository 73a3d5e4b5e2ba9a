"""Read hall.toml into a validated :class:`HallConfig`, or explain in one line what is wrong.

Where the file comes from: an explicit path, else ``$SERVICEHALL_CONFIG``, else ``./hall.toml``,
else the packaged sample hall.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from servicehall.config.models import HallConfig
from servicehall.errors import ServiceHallError
from servicehall.i18n import is_control, shown, t

SAMPLE_NAME = "sample.toml"


class ConfigError(ServiceHallError):
    """The hall file cannot be used; the message names the file and the place."""

    exit_code = 2


def sample_text() -> str:
    return resources.files("servicehall.config").joinpath(SAMPLE_NAME).read_text("utf-8")


def resolve_path(path: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file to read (``--config`` or ``$SERVICEHALL_CONFIG`` through the settings),
    else ./hall.toml; ``None`` means the packaged sample."""
    if path:
        return Path(path)
    local = Path("hall.toml")
    return local if local.is_file() else None


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or t("cfg_whole_file")


def _explain(errors: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for err in errors[:5]:
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = t("cfg_missing")
        elif err["type"] == "extra_forbidden":
            msg = t("cfg_unknown_key")
        parts.append(f"{_field_path(tuple(err['loc']))}: {msg}")
    more = len(errors) - 5
    if more > 0:
        parts.append(t("cfg_more_errors", n=more))
    return t("cfg_sep").join(parts)


def _controls(value: object, path: tuple[int | str, ...] = ()) -> tuple[int | str, ...] | None:
    """Where a string with a control character is (tabs and line breaks are text here)."""
    if isinstance(value, str):
        return path if any(is_control(ch) and ch not in "\t\n" for ch in value) else None
    if not isinstance(value, dict | list):
        return None
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        found = _controls(item, (*path, key))
        if found is not None:
            return found
    return None


def parse_config(text: str, source: str = "<text>") -> HallConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(t("cfg_syntax", source=source, error=shown(exc))) from exc
    except RecursionError as exc:
        raise ConfigError(t("cfg_too_deep", source=source)) from exc
    try:
        bad = _controls(data)
    except RecursionError as exc:
        raise ConfigError(t("cfg_too_deep_short", source=source)) from exc
    if bad is not None:
        raise ConfigError(
            t("cfg_invalid", source=source) + t("cfg_control", where=_field_path(bad))
        )
    try:
        return HallConfig.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(t("cfg_invalid", source=source) + _explain(exc.errors())) from exc


def load_config(path: str | os.PathLike[str] | None = None) -> HallConfig:
    resolved = resolve_path(path)
    if resolved is None:
        return parse_config(sample_text(), source=f"{t('cli_builtin_sample')} {SAMPLE_NAME}")
    try:
        text = resolved.read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(t("cfg_not_found", path=str(resolved))) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(t("cfg_not_utf8", path=str(resolved))) from exc
    except OSError as exc:
        raise ConfigError(t("cfg_unreadable", path=str(resolved), reason=exc.strerror)) from exc
    return parse_config(text, source=str(resolved))
