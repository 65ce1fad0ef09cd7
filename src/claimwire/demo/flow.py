"""What `make demo` does, step by step, with progress a newcomer can follow."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimwire_enrich.core import enrich_article
from claimwire_ingest.errors import RejectedInput
from claimwire_ingest.readers import read_single_article
from elasticsearch import Elasticsearch, NotFoundError

from claimwire.demo.report import print_report
from claimwire.demo.services import SERVICES, PipelineProcesses
from claimwire.stack.es_security import stack_environment
from claimwire.stack.kafka_auth import client_env
from claimwire.stack.settings import ROOT, StackSettings
from claimwire_base.kafka_acls import service_login_env
from claimwire_base.settings import ElasticsearchSettings

SUPPORTED = {".txt", ".json", ".html", ".htm"}


class DemoError(RuntimeError):
    """A step of the demo failed; the message says which and what to look at."""


@dataclass(frozen=True)
class Expected:
    article_ids: set[str]
    claim_ids: set[str]


def demo_processes() -> PipelineProcesses:
    """The demo's services, with the local stack's Kafka logins in their environment."""
    settings = StackSettings()
    return PipelineProcesses(state_dir=settings.state_dir / "demo", env=client_env(settings))


def _step(text: str) -> None:
    print(f"\n==> {text}", flush=True)


def _claimwire(*args: str, service: str | None = None) -> int:
    """Run ``claimwire ARGS`` with the stack's logins; as ``service``'s own Kafka user if given."""
    env = {**os.environ, **client_env(StackSettings())}
    if service is not None:
        env.update(service_login_env(service, env))
    return subprocess.call([sys.executable, "-m", "claimwire.cli", *args], env=env)


def expected_output(folder: Path) -> Expected:
    """The article and claim ids the pipeline must index for ``folder``.

    Runs the same pure core the enrich service runs; ids are deterministic, so
    the demo knows exactly what to wait for.
    """

    articles: set[str] = set()
    claims: set[str] = set()
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUPPORTED):
        try:
            raw = read_single_article(str(path))
        except RejectedInput:
            continue  # ingest rejects it too, and says why
        articles.add(raw.article_id)
        result = enrich_article(raw, now=datetime.now(UTC))
        claims.update(c.claim_id for c in result.claims)
    return Expected(articles, claims)


def _count_ids(es: Any, alias: str, field: str, ids: set[str]) -> int:
    if not ids:
        return 0
    body = {"query": {"terms": {field: sorted(ids)}}}
    try:
        return int(es.count(index=alias, body=body)["count"])
    except NotFoundError:  # the alias appears with the first document
        return 0


def wait_until_indexed(es: Any, prefix: str, expected: Expected, timeout_s: float) -> None:
    """Poll the aliases until every expected id is searchable; progress on one line."""
    deadline = time.monotonic() + timeout_s
    while True:
        articles = _count_ids(es, f"{prefix}-articles", "article_id", expected.article_ids)
        claims = _count_ids(es, f"{prefix}-claims", "claim_id", expected.claim_ids)
        print(
            f"\r    searchable: articles {articles}/{len(expected.article_ids)}, "
            f"claims {claims}/{len(expected.claim_ids)}   ",
            end="",
            flush=True,
        )
        if articles == len(expected.article_ids) and claims == len(expected.claim_ids):
            print()
            return
        if time.monotonic() > deadline:
            print()
            raise DemoError(
                f"not everything was indexed within {timeout_s:.0f}s; see the service logs "
                f"in {demo_processes().state_dir}/ (ingest.log, enrich.log, index.log)"
            )
        time.sleep(1.0)


def run_demo(samples: str | None, timeout_s: float, query: str) -> int:
    # The client logs every request at INFO; the report says what matters.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)

    folder = Path(samples) if samples else ROOT / "samples"
    if not folder.is_dir():
        raise DemoError(f"{folder} is not a folder of articles")

    _step("Starting the local stack (Kafka, Elasticsearch); the first run downloads the jars")
    # `stack up` also puts the index templates, as the admin.
    if _claimwire("stack", "up") != 0:
        raise DemoError("the local stack did not start (see the message above)")
    # The stack's identities reach the services and commands through the environment:
    # the index service acts as the index user, everything else here as the search user.
    os.environ.update(stack_environment(StackSettings()))

    _step("Starting the services: ingest (HTTP), enrich (faust), index")
    processes = demo_processes()
    for name in SERVICES:
        processes.start(name)
    for name in SERVICES:
        try:
            processes.wait_healthy(name, timeout_s=90)
        except RuntimeError as exc:
            raise DemoError(str(exc)) from exc
        print(f"    {name}: up, http://127.0.0.1:{processes.port(name)}/metrics")

    _step(f"Ingesting {folder}")
    status = _claimwire("ingest", str(folder), service="ingest")
    if status not in (0, 1):  # 1: some input was rejected, and the summary says which
        raise DemoError("ingest failed (see above)")

    _step("Waiting until every article and claim is searchable")
    expected = expected_output(folder)
    es_settings = ElasticsearchSettings()
    es = Elasticsearch(**es_settings.es_client_options())
    wait_until_indexed(es, es_settings.es_index_prefix, expected, timeout_s)

    _step("What Claimwire found")
    print_report(es, es_settings.es_index_prefix)
    _step(f'A search: claimwire search "{query}" --claims')
    _claimwire("search", query, "--claims", "--size", "5")
    print(
        "\nMore: .venv/bin/claimwire search --help (filters, --top claimants|entities|places)."
        "\nKibana: docker compose -f deploy/docker-compose.yml up (see README)."
        "\nStop everything: make down"
    )
    return 0
