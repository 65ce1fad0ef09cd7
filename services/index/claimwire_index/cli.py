"""``claimwire index run|setup`` and ``claimwire search``.

Only argparse and the standard library at the top: the service's modules
(and their Kafka and Elasticsearch clients) load when a command runs.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import threading
import time
from typing import Any

log = logging.getLogger("claimwire_index")


def register(subparsers: Any) -> None:
    """Add ``index`` (with ``run`` and ``setup``) and ``search`` to the ``claimwire`` command."""
    index = subparsers.add_parser("index", help="the index service and its Elasticsearch set-up")
    index_sub = index.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    run = index_sub.add_parser(
        "run", help="consume enriched articles and claims into Elasticsearch until SIGTERM"
    )
    run.set_defaults(func=_run)
    setup = index_sub.add_parser(
        "setup", help="apply the index templates and make the aliases resolve (idempotent)"
    )
    setup.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for Elasticsearch to answer (default 60)",
    )
    setup.set_defaults(func=_setup)

    search = subparsers.add_parser(
        "search", help="full-text search over indexed articles or claims"
    )
    search.add_argument("query", nargs="?", default="", help='words; "phrases", -not, a|b')
    search.add_argument("--claims", action="store_true", help="search claims, not articles")
    search.add_argument("--claimant", help="who made the claim or was quoted")
    search.add_argument("--entity", help="a person, organisation or place named in it")
    search.add_argument("--place", help="a place it is about")
    search.add_argument(
        "--from",
        dest="date_from",
        type=_when,
        metavar="DATE",
        help="published on or after (YYYY-MM-DD or ISO datetime)",
    )
    search.add_argument(
        "--to",
        dest="date_to",
        type=_when,
        metavar="DATE",
        help="published on or before (a bare day includes the whole day)",
    )
    search.add_argument("--source", help="the outlet, exactly (case-insensitive)")
    search.add_argument(
        "--top",
        choices=("claimants", "entities", "places"),
        help="show the most frequent claimants, entities or places instead",
    )
    search.add_argument(
        "--size",
        type=_positive,
        default=10,
        metavar="N",
        help="hits or top entries to show (default 10)",
    )
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(func=_search)


def _when(text: str) -> Any:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from claimwire_index.search import parse_when

    try:
        return parse_when(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 10_000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 10000, got {text!r}")
    return number


def _quiet_client_logs(args: argparse.Namespace) -> None:
    # The client logs every request at INFO and each refused connection with a traceback;
    # the service and the search command report failures themselves, in one line.
    if not getattr(args, "verbose", False):
        # The 9.x client logs through elastic_transport (7.x: elasticsearch).
        for name in ("elasticsearch", "elastic_transport"):
            logging.getLogger(name).setLevel(logging.ERROR)


def credential_problem(exc: BaseException) -> str | None:
    """One line for a refused or unverifiable credential (401, 403, TLS), else None. Pure."""
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from elasticsearch import AuthenticationException, AuthorizationException, SSLError

    if isinstance(exc, AuthenticationException):
        return (
            "Elasticsearch refused the credentials (HTTP 401): set CLAIMWIRE_ES_API_KEY "
            "(or CLAIMWIRE_ES_USERNAME and CLAIMWIRE_ES_PASSWORD) to a valid identity"
        )
    if isinstance(exc, AuthorizationException):
        return (
            "Elasticsearch denied this identity the action (HTTP 403): "
            f"{exc.error}; use an identity whose role allows it"
        )
    if isinstance(exc, SSLError):
        return (
            "the TLS connection to Elasticsearch failed (is CLAIMWIRE_ES_CA_CERTS the CA "
            "that signed the node's certificate?)"
        )
    return None


def _run(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from elasticsearch import ApiError, SSLError
    from kafka.errors import KafkaError

    from claimwire_index.bulk import BulkRequestRejectedError, ElasticsearchUnavailableError
    from claimwire_index.elastic import TemplatesMissingError
    from claimwire_index.runner import ShutdownRequestedError, run_index_service
    from claimwire_index.settings import IndexSettings

    _quiet_client_logs(args)
    settings = IndexSettings()
    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        log.info("signal %d: flushing, committing and stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        run_index_service(settings, stop)
    except (ApiError, SSLError) as exc:
        problem = credential_problem(exc)
        if problem is None:
            raise
        log.error("%s", problem)
        return 2
    except ShutdownRequestedError:
        log.warning("stopped while Elasticsearch was unavailable; the last batch is uncommitted")
    except (
        ElasticsearchUnavailableError,
        BulkRequestRejectedError,
        TemplatesMissingError,
        KafkaError,
    ) as exc:
        # Nothing of the current batch was committed: the next start redelivers it.
        log.error("%s; exiting without committing the current batch", exc)
        return 1
    log.info("index service stopped")
    return 0


def _setup(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from elasticsearch import ApiError, TransportError

    from claimwire_base.retry import RetryPolicy
    from claimwire_index.bulk import ElasticsearchUnavailableError
    from claimwire_index.elastic import (
        TemplatesMissingError,
        apply_setup_when_available,
        create_client,
    )
    from claimwire_index.names import DocKind, alias_name, template_name
    from claimwire_index.settings import IndexSettings

    _quiet_client_logs(args)
    settings = IndexSettings()
    client = create_client(settings)
    policy = RetryPolicy(initial_s=0.5, max_s=5.0, deadline_s=args.wait)
    try:
        created = apply_setup_when_available(client, settings, policy, time.sleep, time.monotonic)
    except (ElasticsearchUnavailableError, TemplatesMissingError, ApiError, TransportError) as exc:
        problem = credential_problem(exc)
        print(f"claimwire index setup: {problem or exc}", file=sys.stderr)
        return 2 if problem else 1
    prefix = settings.es_index_prefix
    for kind in DocKind:
        print(f"template {template_name(prefix, kind)} -> alias {alias_name(prefix, kind)}")
    for index in created:
        print(f"created index {index}")
    return 0


def _search(args: argparse.Namespace) -> int:
    # Imported on use: `claimwire --help` imports every cli module (see claimwire.cli).
    from elasticsearch import ApiError, NotFoundError, SSLError, TransportError

    from claimwire_index.elastic import create_client
    from claimwire_index.names import alias_name
    from claimwire_index.search import (
        SearchRequest,
        render_table,
        render_top,
        run_search,
        to_json,
        to_rows,
        to_top,
    )
    from claimwire_index.settings import IndexSettings

    _quiet_client_logs(args)
    settings = IndexSettings()
    request = SearchRequest(
        query=args.query,
        claims=args.claims,
        claimant=args.claimant,
        entity=args.entity,
        place=args.place,
        date_from=args.date_from,
        date_to=args.date_to,
        source=args.source,
        size=args.size,
        top=args.top,
    )
    client = create_client(settings)
    alias = alias_name(settings.es_index_prefix, request.kind)
    try:
        response = run_search(client, settings.es_index_prefix, request)
    except (ApiError, SSLError) as exc:
        problem = credential_problem(exc)
        if problem is None and isinstance(exc, NotFoundError):
            print(
                f"claimwire search: no index {alias} yet (run `claimwire index setup`)",
                file=sys.stderr,
            )
            return 1
        if problem is None and isinstance(exc, ApiError):
            print(
                f"claimwire search: Elasticsearch could not run this search: {exc.error} "
                f"(status {exc.status_code})",
                file=sys.stderr,
            )
            return 2
        print(f"claimwire search: {problem or exc}", file=sys.stderr)
        return 2
    except TransportError:
        print(f"claimwire search: cannot reach Elasticsearch at {settings.es_url}", file=sys.stderr)
        return 1
    finally:
        client.close()
    if args.json:
        print(to_json(response, request))
    elif request.top:
        sys.stdout.write(render_top(to_top(response), request))
    else:
        width = shutil.get_terminal_size((120, 40)).columns
        total = response["hits"]["total"]["value"]
        rows = to_rows(response, request)
        sys.stdout.write(render_table(rows, request, total, width, bold=sys.stdout.isatty()))
    return 0
