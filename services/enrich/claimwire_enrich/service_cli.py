"""``claimwire enrich``: run the enrich worker until SIGTERM or SIGINT.

Nothing heavy is imported at the top, so ``claimwire --help`` stays fast.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``enrich`` subcommand to the ``claimwire`` command."""
    parser = subparsers.add_parser(
        "enrich",
        help="run the enrich worker (faust): raw articles in, enriched articles and claims out",
        description=(
            "Consume claimwire.articles.raw.v1, produce claimwire.articles.enriched.v1 and "
            "claimwire.claims.v1, dead-letter what fails. Settings come from CLAIMWIRE_* "
            "environment variables; /healthz, /readyz and /metrics listen on "
            "CLAIMWIRE_ENRICH_HTTP_PORT. Stops cleanly on SIGTERM."
        ),
    )
    parser.set_defaults(func=run_worker)


def run_worker(args: argparse.Namespace) -> int:
    """Create the topics if missing, then run one faust worker until it is stopped.

    Exits 0 after a clean shutdown and 1 after a crash (faust's worker calls
    ``sys.exit``); returns 1 when the broker cannot be reached to create the topics
    and 2 when it refuses the login (one line, no traceback).
    """
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    import faust
    from kafka.errors import KafkaError
    from prometheus_client import CollectorRegistry

    from claimwire_base.kafka_io import KafkaLoginError, ensure_topics
    from claimwire_enrich.service.app import create_app
    from claimwire_enrich.service.settings import EnrichSettings

    settings = EnrichSettings()
    try:
        ensure_topics(settings)
    except KafkaLoginError as exc:
        log.error("%s", exc)
        return 2
    except KafkaError as exc:
        log.error("cannot reach Kafka at %s: %s", settings.kafka_bootstrap_servers, exc)
        return 1
    app = create_app(settings, CollectorRegistry())
    worker = faust.Worker(
        app,
        loglevel="debug" if getattr(args, "verbose", False) else "info",
        redirect_stdouts=False,
        quiet=True,
    )
    worker.execute_from_commandline()
