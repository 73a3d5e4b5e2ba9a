"""The ``servicehall`` command run in the test's own process, as a shell would run it.

Starting Python and importing the CLI costs a second or more per command; tests that only need
the command's output and exit code call ``servicehall.cli.main`` here instead. What ``main``
changes in the process (the language, handlers on the root logger) is put back afterwards.
Environment and working directory are the caller's (the ``cli`` fixture uses ``monkeypatch``).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import logging
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from servicehall.cli import build_parser, main
from servicehall.i18n import language, set_language


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """The ``--json`` output, after checking the command succeeded."""
        assert self.returncode == 0, self.stderr
        return json.loads(self.stdout)


ROOT = Path(__file__).parents[2]


class CliRun(Protocol):
    def __call__(
        self, *args: str, env: dict[str, str] | None = None, stdin: str = ""
    ) -> CliResult: ...


def run_cli(*args: str, stdin: str = "") -> CliResult:
    """``servicehall ARGS`` in this process; argparse's exits become the return code."""
    out, err = io.StringIO(), io.StringIO()
    root = logging.getLogger()
    handlers, level, lang, real_stdin = list(root.handlers), root.level, language(), sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.stdin = real_stdin
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
        set_language(lang)
    return CliResult(code, out.getvalue(), err.getvalue())


def run_kiosk_script() -> ModuleType:
    """``run_kiosk.py`` at the top of the checkout, imported (its ``__main__`` part not run)."""
    spec = importlib.util.spec_from_file_location("run_kiosk", ROOT / "run_kiosk.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_run_kiosk(*options: str) -> argparse.Namespace:
    """What ``python run_kiosk.py OPTIONS`` parses to, through its own narrowed parser."""
    script = run_kiosk_script()
    return build_parser(script.KIOSK_MODULES).parse_args(script.kiosk_argv(list(options)))
