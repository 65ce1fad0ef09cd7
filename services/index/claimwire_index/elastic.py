"""Elasticsearch client and the idempotent set-up of templates and aliases."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from elasticsearch import ApiError, AuthorizationException, BadRequestError, Elasticsearch
from elasticsearch import TransportError as EsTransportError

from claimwire_base.retry import RetryPolicy
from claimwire_base.settings import ElasticsearchSettings
from claimwire_index.bulk import ElasticsearchUnavailableError, is_retriable_status
from claimwire_index.names import DocKind, alias_name, concrete_index, template_name
from claimwire_index.settings import IndexSettings
from claimwire_index.templates import index_template

log = logging.getLogger(__name__)


class TemplatesMissingError(RuntimeError):
    """An index was created without its template (a one-line reason for the operator)."""


def create_client(settings: ElasticsearchSettings, **overrides: Any) -> Elasticsearch:
    """A client whose transport does not retry on its own: the sink's policy decides."""
    options: dict[str, Any] = {
        **settings.es_client_options(),
        "max_retries": 0,
        "retry_on_timeout": False,
    }
    options.update(overrides)
    return Elasticsearch(**options)


def apply_setup(
    client: Elasticsearch, settings: IndexSettings, now: datetime | None = None
) -> list[str]:
    """Put both index templates and make both aliases resolve. Idempotent.

    An alias exists only once an index carries it, so when a kind has no
    index yet the current month's is created (empty) for Kibana to find.
    An identity without the right to manage templates (the index service's
    least-privilege user or API key) leaves them to the admin's set-up
    (``claimwire stack up``, compose's set-up job) and only makes the aliases
    resolve. Returns the names of the indices it created. Raises the client's
    ``ApiError`` and ``TransportError``, and ``TemplatesMissingError`` when an index
    it created did not join its alias (no template: the admin's set-up never ran).
    """
    prefix = settings.es_index_prefix
    templates_put = True
    for kind in DocKind:
        try:
            client.indices.put_index_template(
                name=template_name(prefix, kind),
                body=index_template(
                    kind, prefix, settings.index_shards, settings.index_auto_expand_replicas
                ),
            )
        except AuthorizationException:
            log.info("no right to manage index templates: using those the admin's set-up put")
            templates_put = False
            break
    created = []
    for kind in DocKind:
        if client.indices.exists_alias(name=alias_name(prefix, kind)):
            continue
        index = concrete_index(prefix, kind, now or datetime.now(UTC))
        try:
            client.indices.create(index=index)
            created.append(index)
        except BadRequestError as exc:
            if exc.error != "resource_already_exists_exception":
                raise
        if not templates_put and not client.indices.exists_alias(name=alias_name(prefix, kind)):
            raise TemplatesMissingError(
                f"{index} has no mapping: the index template {template_name(prefix, kind)} is "
                f"missing. Run `claimwire index setup` as the admin, then delete {index}."
            )
    return created


def apply_setup_when_available(
    client: Elasticsearch,
    settings: IndexSettings,
    policy: RetryPolicy,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> list[str]:
    """``apply_setup``, waiting with capped backoff while Elasticsearch is unreachable.

    Raises ``ElasticsearchUnavailableError`` once ``policy`` gives up; other errors (a bad
    mapping, no permission) at once.
    """
    started = clock()
    attempt = 0
    while True:
        try:
            return apply_setup(client, settings)
        except EsTransportError as exc:
            error: Exception = exc
        except ApiError as exc:
            if not is_retriable_status(exc.status_code):
                raise
            error = exc
        delay = policy.next_delay(attempt, clock() - started)
        if delay is None:
            raise ElasticsearchUnavailableError(f"Elasticsearch not available for set-up: {error}")
        log.warning("Elasticsearch not ready for set-up (%s); retrying in %.1fs", error, delay)
        attempt += 1
        sleep(delay)
