"""The `connsim` command: `serve` runs the simulator, `conformance` grades a connector, `steps` lists
the phrases feature files can use."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from connsim.simulator.config import SimConfig

HELP = argparse.ArgumentDefaultsHelpFormatter


def main(argv: Sequence[str] | None = None) -> int:
    from connsim.harness.conformance.version import version

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="connsim", description=__doc__)
    parser.add_argument("--version", action="version", version=f"connsim {version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_serve(sub)
    if argv[:1] != ["serve"]:
        # the other commands' arguments import the harness (pytest, pytest-bdd, requests, rich): about
        # 0.17 s of a server's start-up, which needs none of it
        _add_harness_commands(sub)
    args = parser.parse_args(argv)
    if args.command == "serve":
        from connsim.simulator.server import serve as run_server

        config = SimConfig(admin_token=args.admin_token, seed=args.seed or 0, seed_on_start=args.seed is not None,
                           max_body_bytes=args.max_body_bytes, remote_modules=tuple(args.remote_module),
                           journal_bytes_per_tenant=args.journal_bytes_per_tenant)
        run_server(args.host, args.port, config, threads=args.threads, access_log=not args.no_access_log,
                   log_format=args.log_format, cpu=args.cpu)
        return 0
    if args.command == "conformance":
        from connsim.harness.conformance.cli import run as run_conformance

        return run_conformance(args)
    if args.command == "steps":
        from connsim.harness.conformance.step_catalogue import run as run_steps

        return run_steps(args)
    if args.command == "chaos":
        from connsim.harness.chaos import cli as chaos_cli

        return chaos_cli.run(args)
    if args.command == "engine":
        from connsim.harness.adapters.http_service import serve_engine

        return serve_engine(args.host, args.port)
    return 2


def _cpu_choice(value: str) -> str | int:
    from connsim.simulator.cpu_pin import parse_choice

    try:
        return parse_choice(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="run the simulator as an HTTP server",
                           description="Serve every simulated remote on its real paths, plus the control API "
                                       "under /_connsim/ and the dashboard at /_connsim/ui/, on gunicorn.",
                           formatter_class=HELP)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (beyond loopback needs --admin-token)")
    serve.add_argument("--port", type=int, default=8765, help="port to listen on")
    serve.add_argument("--admin-token", default=None,
                       help="credential for /_connsim/ and the dashboard (required when listening beyond loopback)")
    serve.add_argument("--seed", type=int, default=None,
                       help="create a Faker-seeded world with this seed at start (default: start empty)")
    serve.add_argument("--threads", type=int, default=64,
                       help="request threads (many, so slow senders cannot take every thread)")
    serve.add_argument("--cpu", type=_cpu_choice, default="auto", metavar="auto|none|N",
                       help="pin the worker to one CPU: auto keeps the one it starts on (its threads share one "
                            "interpreter lock, and handing it between CPUs cost 3.7x the throughput on a 2-CPU VM)")
    serve.add_argument("--no-access-log", action="store_true", help="do not log each request")
    serve.add_argument("--log-format", choices=("text", "json"), default="text",
                       help="access line format: text (key=value) or json (one object per line)")
    serve.add_argument("--max-body-bytes", type=int, default=SimConfig.max_body_bytes,
                       help="larger request bodies are refused with 413")
    serve.add_argument("--journal-bytes-per-tenant", type=int, default=SimConfig.journal_bytes_per_tenant,
                       help="journal size per tenant; its oldest requests are evicted first")
    serve.add_argument("--remote-module", action="append", default=[], metavar="MODULE",
                       help="also serve the REMOTE(S) of this module (an out-of-tree or test-only API; repeatable)")


def _add_harness_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from connsim.harness.conformance import cli as conformance_cli
    from connsim.harness.conformance.cli import add_arguments as add_conformance_arguments

    conformance = sub.add_parser("conformance", help="grade a connector: run the conformance suite, print its report",
                                 description=conformance_cli.__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_conformance_arguments(conformance)

    from connsim.harness.conformance.step_catalogue import add_arguments as add_steps_arguments

    steps = sub.add_parser("steps", help="list every step phrase feature files can use",
                           description="Every step phrase, with its parameters, a one-line description and an "
                                       "example from the shipped features, grouped by area.", formatter_class=HELP)
    add_steps_arguments(steps)

    from connsim.harness.chaos import cli as chaos_cli

    chaos = sub.add_parser("chaos", help="random fault schedules over each profile; exactly-once checked on the remote",
                           description=chaos_cli.__doc__, formatter_class=HELP)
    chaos_cli.add_arguments(chaos)

    engine = sub.add_parser("engine", help="the reference engine")
    engine_sub = engine.add_subparsers(dest="engine_command", required=True)
    engine_serve = engine_sub.add_parser("serve", help="expose the reference engine over the HTTP adapter contract",
                                         formatter_class=HELP)
    engine_serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    engine_serve.add_argument("--port", type=int, default=8766, help="port to listen on")


if __name__ == "__main__":
    sys.exit(main())
