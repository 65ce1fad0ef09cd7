"""``apply_setup`` as an identity that may not manage templates (the index service's)."""

from __future__ import annotations

from typing import Any

import pytest
from claimwire_index.elastic import TemplatesMissingError, apply_setup
from claimwire_index.settings import IndexSettings
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import AuthorizationException


def _forbidden() -> AuthorizationException:
    meta = ApiResponseMeta(
        status=403,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("https", "localhost", 9200),
    )
    return AuthorizationException("security_exception", meta=meta, body={})


class Indices:
    """The index API of a node where the admin's templates may or may not exist."""

    def __init__(self, templates_exist: bool) -> None:
        self.templates_exist = templates_exist
        self.aliased: set[str] = set()
        self.created: list[str] = []

    def put_index_template(self, **_: Any) -> None:
        raise _forbidden()

    def exists_alias(self, *, name: str) -> bool:
        return name in self.aliased

    def create(self, *, index: str) -> None:
        self.created.append(index)
        if self.templates_exist:  # the template's alias comes with the index
            self.aliased.add(index.split("-v1-")[0])


class Client:
    def __init__(self, templates_exist: bool) -> None:
        self.indices = Indices(templates_exist)


def test_without_template_rights_the_aliases_still_resolve() -> None:
    client = Client(templates_exist=True)
    created = apply_setup(client, IndexSettings(es_index_prefix="claimwire"))  # type: ignore[arg-type]
    assert [name.rsplit("-", 1)[0] for name in created] == [
        "claimwire-articles-v1",
        "claimwire-claims-v1",
    ]
    assert client.indices.aliased == {"claimwire-articles", "claimwire-claims"}


def test_without_template_rights_a_missing_template_is_a_clear_error() -> None:
    client = Client(templates_exist=False)
    with pytest.raises(TemplatesMissingError, match="claimwire index setup` as the admin"):
        apply_setup(client, IndexSettings(es_index_prefix="claimwire"))  # type: ignore[arg-type]
    assert len(client.indices.created) == 1  # stops at the first, does not go on
