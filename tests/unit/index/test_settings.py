"""IndexSettings: environment names, defaults, validation."""

from __future__ import annotations

import pytest
from claimwire_index.settings import IndexSettings
from pydantic import ValidationError


def test_defaults_follow_the_design() -> None:
    settings = IndexSettings()
    assert settings.index_http_port == 8083
    assert settings.topic_enriched == "claimwire.articles.enriched.v1"
    assert settings.topic_claims == "claimwire.claims.v1"
    assert settings.es_index_prefix == "claimwire"
    assert settings.consumer_topics() == [settings.topic_enriched, settings.topic_claims]


def test_environment_uses_the_claimwire_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWIRE_INDEX_HTTP_PORT", "9183")
    monkeypatch.setenv("CLAIMWIRE_INDEX_CONSUMER_GROUP", "g1")
    monkeypatch.setenv("CLAIMWIRE_ES_INDEX_PREFIX", "cwx")
    settings = IndexSettings()
    assert (settings.index_http_port, settings.index_consumer_group) == (9183, "g1")
    assert settings.es_index_prefix == "cwx"


def test_settings_are_frozen() -> None:
    settings = IndexSettings()
    with pytest.raises(ValidationError):
        settings.index_batch_max_docs = 1  # type: ignore[misc]


def test_a_document_must_fit_in_a_batch() -> None:
    with pytest.raises(ValidationError, match="index_max_document_bytes"):
        IndexSettings(index_max_document_bytes=10 * 1024 * 1024, index_batch_max_bytes=1024 * 1024)


def test_secrets_do_not_show_in_repr() -> None:
    settings = IndexSettings(es_password="hunter2", es_username="u")
    assert "hunter2" not in repr(settings)
