"""The `connsim` command: `serve` runs the simulator, `conformance` grades a connector."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from connsim.simulator.config import SimConfig


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="connsim", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the simulator as an HTTP server")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: %(default)s; beyond loopback needs --admin-token)")
    serve.add_argument("--port", type=int, default=8765, help="port (default: %(default)s; 0 picks a free one)")
    serve.add_argument("--admin-token", default=None,
                       help="credential for /_connsim/ and the dashboard (required when listening beyond loopback)")
    serve.add_argument("--seed", type=int, default=None,
                       help="create a Faker-seeded world with this seed (default: start with no tenants)")
    serve.add_argument("--threads", type=int, default=16, help="request threads (default: %(default)s)")
    serve.add_argument("--no-access-log", action="store_true", help="no line per request on stdout")
    serve.add_argument("--log-format", choices=("text", "json"), default="text",
                       help="access line format: text (key=value) or json, one object per line (default: %(default)s)")
    serve.add_argument("--max-body-bytes", type=int, default=SimConfig.max_body_bytes,
                       help="larger request bodies get 413 in the API's format (default: %(default)s)")
    serve.add_argument("--journal-bytes-per-tenant", type=int, default=SimConfig.journal_bytes_per_tenant,
                       help="journal size per tenant, oldest evicted first (default: %(default)s)")
    serve.add_argument("--remote-module", action="append", default=[], metavar="MODULE",
                       help="also serve the REMOTE(S) of this module (an out-of-tree or test-only API)")

    from connsim.harness.conformance.cli import add_arguments as add_conformance_arguments

    conformance = sub.add_parser("conformance", help="run the conformance suite and print its report")
    add_conformance_arguments(conformance)

    engine = sub.add_parser("engine", help="the reference engine")
    engine_sub = engine.add_subparsers(dest="engine_command", required=True)
    engine_serve = engine_sub.add_parser("serve", help="expose the reference engine over the HTTP adapter contract")
    engine_serve.add_argument("--host", default="127.0.0.1")
    engine_serve.add_argument("--port", type=int, default=8766)

    args = parser.parse_args(argv)
    if args.command == "serve":
        from connsim.simulator.server import serve as run_server

        config = SimConfig(admin_token=args.admin_token, seed=args.seed or 0, seed_on_start=args.seed is not None,
                           max_body_bytes=args.max_body_bytes, remote_modules=tuple(args.remote_module),
                           journal_bytes_per_tenant=args.journal_bytes_per_tenant)
        run_server(args.host, args.port, config, threads=args.threads, access_log=not args.no_access_log,
                   log_format=args.log_format)
        return 0
    if args.command == "conformance":
        from connsim.harness.conformance.cli import run as run_conformance

        return run_conformance(args)
    if args.command == "engine":
        from connsim.harness.adapters.http_service import serve_engine

        return serve_engine(args.host, args.port)
    return 2


if __name__ == "__main__":
    sys.exit(main())
