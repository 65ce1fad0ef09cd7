"""The ``claimwire`` command: each service hangs its subcommands here.

Every package exposes ``register(subparsers)`` in its ``cli`` module; those
modules import nothing heavy at the top, so ``claimwire --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

_COMMAND_MODULES = (
    "claimwire_ingest.cli",
    "claimwire_enrich.cli",
    "claimwire_enrich.service_cli",
    "claimwire_index.cli",
    "claimwire.stack.cli",
    "claimwire.demo.cli",
    "claimwire.supervise",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimwire",
        description="News articles in, searchable attributed claims out.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    # Marks processes started by `make demo` so `make down` stops only those.
    parser.add_argument("--tag", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real import error inside the module
                raise
            continue  # service not built yet
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # kafka-python and elasticsearch-py log every connection and request at INFO;
        # keep the user's terminal readable (-v brings them back).
        for noisy in ("kafka", "elasticsearch", "aiokafka"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
        # kafka-python warns of "credentials in the clear" at every SASL connection without
        # TLS; with SCRAM the password itself never crosses the wire (a salted proof does).
        logging.getLogger("kafka.net.sasl.scram").setLevel(logging.ERROR)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
