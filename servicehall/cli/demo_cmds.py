"""``servicehall demo``: the whole hall in one terminal (tmux) or a browser, throw-away data."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import webbrowser
from types import ModuleType

from servicehall.cli.common import bounded_int, config_of, console, fail
from servicehall.i18n import t

NAMES = ("demo",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help=t("help_demo"))
    p.add_argument("--no-tmux", action="store_true", help=t("help_demo_web"))
    p.add_argument(
        "--port",
        type=bounded_int(1, 65_535),
        default=8600,
        help=t("help_demo_port"),
    )
    p.add_argument("--simulate-only", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from servicehall import demo
    from servicehall.queue import Hall

    config = config_of(args)
    if args.simulate_only:  # the hidden tmux window of a running demo
        hall = Hall.open(config, enforce_hours=False)
        console().print(t("cli_demo_simulating"))
        demo.simulate(hall)
        return 0
    env = demo.prepare(config)
    console().print(t("cli_demo_db", db=env["SERVICEHALL_DB"]), highlight=False)
    if demo.have_tmux() and not args.no_tmux:
        subprocess.run(["tmux", "kill-session", "-t", demo.SESSION], capture_output=True)
        for command in demo.tmux_commands(env, args.config):
            subprocess.run(command, check=True)
        console().print(
            t(
                "cli_demo_tmux",
                window=demo.CLERK_WINDOW,
                clerk=demo.DEMO_CLERK,
                pin=demo.DEMO_PIN,
                session=demo.SESSION,
            )
        )
        if sys.stdin.isatty() and sys.stdout.isatty():
            os.execvp("tmux", ["tmux", "attach", "-t", demo.SESSION])
        console().print(t("cli_demo_attach", session=demo.SESSION))
        return 0
    return _browser_demo(args, env, demo)


def _browser_demo(args: argparse.Namespace, env: dict[str, str], demo: ModuleType) -> int:
    from servicehall.queue import Hall

    base = [sys.executable, "-m", "servicehall"]
    if args.config:
        base += ["--config", os.path.abspath(args.config)]
    roles = {"display": ["--no-voice"], "kiosk": ["--ignore-hours"]}
    servers = []
    for offset, (role, extra) in enumerate(roles.items()):
        port = args.port + offset
        servers.append(
            subprocess.Popen(
                [*base, "serve", role, "--port", str(port), *extra],
                env={**os.environ, **env},
                stdout=subprocess.DEVNULL,
            )
        )
        url = f"http://127.0.0.1:{port}/"
        console().print(f"{role}: {url}")
        webbrowser.open(url)
    try:
        hall = Hall.open(config_of(args), db=env["SERVICEHALL_DB"], enforce_hours=False)
        demo.simulate(hall)
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.terminate()
    if any(server.wait() not in (0, -15) for server in servers):
        return fail(t("cli_demo_failed"), 1)
    return 0
