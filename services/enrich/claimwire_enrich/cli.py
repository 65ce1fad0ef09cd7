"""``claimwire extract FILE``: enrich one article offline and print it as JSON.

FILE is ``.json`` (``title``, ``body``, optional ``url``, ``published_at``,
``source``), ``.txt`` (first line is the title), ``.html``, or ``-`` for one
JSON object on stdin. The output is the ``ArticleEnriched`` record with its
``claims`` replaced by the full ``Claim`` events (a superset of the summary
fields). Bad input prints one line on stderr and exits with status 2.
Imports stay inside the command so ``claimwire --help`` remains fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    """Add the ``extract`` subcommand to the ``claimwire`` parser."""
    parser = subparsers.add_parser(
        "extract",
        help="enrich one article file offline and print the result as JSON",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE", help=".json, .txt or .html file, or - for stdin")
    parser.add_argument("--compact", action="store_true", help="one line of JSON")
    parser.set_defaults(func=run_extract)


def extraction_record(result: Any) -> dict[str, Any]:
    """The JSON-ready record ``extract`` prints for an ``EnrichmentResult``."""
    record: dict[str, Any] = result.article.model_dump(mode="json")
    record["claims"] = [claim.model_dump(mode="json") for claim in result.claims]
    return record


def _fail(message: str) -> int:
    print(f"claimwire extract: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def run_extract(args: argparse.Namespace) -> int:
    """Read, enrich, print. Returns the process exit status (0, or 2 for bad input)."""
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire_ingest.errors import RejectedInput
    from claimwire_ingest.readers import read_single_article

    from claimwire_enrich.core import enrich_article
    from claimwire_enrich.errors import EnrichmentError

    try:
        raw = read_single_article(args.file)
    except RejectedInput as exc:
        return _fail(f"{args.file}: {exc.reason.value}: {exc.message}")
    except OSError as exc:
        return _fail(f"{args.file}: cannot read: {exc.strerror or exc}")
    try:
        result = enrich_article(raw, now=datetime.now(UTC))
    except EnrichmentError as exc:
        return _fail(f"{args.file}: {exc}")
    json.dump(
        extraction_record(result),
        sys.stdout,
        ensure_ascii=False,
        indent=None if args.compact else 2,
    )
    sys.stdout.write("\n")
    return 0
