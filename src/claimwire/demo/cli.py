"""``claimwire demo run|stop``: the main job of `make demo`, and its undo."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("demo", help="run the whole pipeline on samples/ and report")
    actions = parser.add_subparsers(dest="demo_command", required=True, metavar="ACTION")
    run = actions.add_parser("run", help="stack, services, ingest samples/, wait, report")
    run.add_argument("--samples", default=None, help="folder of articles (default: samples/)")
    run.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for indexing")
    run.add_argument("--query", default="troops", help="the search shown at the end")
    run.set_defaults(func=_run)
    actions.add_parser("stop", help="stop the services `demo run` started").set_defaults(func=_stop)


def _run(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire.demo.flow import DemoError, run_demo

    try:
        return run_demo(samples=args.samples, timeout_s=args.timeout, query=args.query)
    except DemoError as exc:
        print(f"\nclaimwire demo: {exc}", file=sys.stderr)
        return 1


def _stop(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire.demo.flow import demo_processes
    from claimwire.demo.services import SERVICES

    processes = demo_processes()
    for name in SERVICES:
        if processes.stop(name):
            print(f"{name}: stopped")
    return 0
