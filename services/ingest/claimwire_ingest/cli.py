"""``claimwire ingest`` and ``claimwire ingest-http``; heavy imports wait for the command to run."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    """Add the ingest commands to the ``claimwire`` parser."""
    ingest = subparsers.add_parser(
        "ingest",
        help="publish articles from files, folders, globs and feeds to Kafka",
        description="Read articles (.txt, .json, .jsonl, .html, RSS/Atom), normalise them and "
        "publish each new one to the raw topic; rejected input goes to the dead-letter topic. "
        "Exit code 1 when anything was rejected, 2 on usage or Kafka errors.",
    )
    ingest.add_argument("paths", nargs="*", metavar="PATH", help="file, folder or glob")
    ingest.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL_OR_FILE",
        help="an RSS or Atom feed (repeatable)",
    )
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    ingest.set_defaults(func=_ingest)

    http = subparsers.add_parser(
        "ingest-http",
        help="serve POST /articles (and /healthz, /readyz, /metrics) until SIGTERM",
        description="Accept articles pushed as JSON (one object or an array) on "
        "CLAIMWIRE_INGEST_HTTP_HOST:CLAIMWIRE_INGEST_HTTP_PORT (default 127.0.0.1:8081); "
        "bound to any other address it needs CLAIMWIRE_INGEST_HTTP_TOKEN, which clients "
        "send as 'Authorization: Bearer <token>'.",
    )
    http.set_defaults(func=_ingest_http)


def _ingest(args: argparse.Namespace) -> int:
    if not args.paths and not args.feed:
        print("claimwire ingest: give at least one PATH or --feed", file=sys.stderr)
        return 2
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire_ingest.runner import run_batch
    from claimwire_ingest.settings import IngestSettings

    code, _ = run_batch(
        args.paths,
        args.feed,
        IngestSettings(),
        progress=not args.no_progress and sys.stderr.isatty(),
        out=sys.stdout,
        err=sys.stderr,
    )
    return code


def _ingest_http(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire_ingest.http_app import serve
    from claimwire_ingest.settings import IngestSettings

    return serve(IngestSettings())
