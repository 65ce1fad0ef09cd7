"""Who may push: loopback by default, a bearer token when bound to anything else."""

from __future__ import annotations

import pytest
from claimwire_ingest.http_app import serve
from claimwire_ingest.http_auth import binding_error, is_loopback
from claimwire_ingest.settings import IngestSettings
from pydantic import SecretStr


def test_the_default_binding_is_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMWIRE_INGEST_HTTP_HOST", raising=False)
    monkeypatch.delenv("CLAIMWIRE_INGEST_HTTP_TOKEN", raising=False)
    settings = IngestSettings()
    assert settings.ingest_http_host == "127.0.0.1"
    assert settings.ingest_http_token is None
    assert binding_error(settings) is None


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.0.0.5", "ingest.example.org", ""])
def test_anything_else_needs_a_token(host: str) -> None:
    assert not is_loopback(host)
    error = binding_error(IngestSettings(ingest_http_host=host))
    assert error is not None and "CLAIMWIRE_INGEST_HTTP_TOKEN" in error and "\n" not in error
    with_token = IngestSettings(ingest_http_host=host, ingest_http_token=SecretStr("t0ken-xyz"))
    assert binding_error(with_token) is None


def test_the_token_comes_from_the_environment_and_is_never_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWIRE_INGEST_HTTP_TOKEN", "t0ken-from-env")
    settings = IngestSettings()
    assert settings.ingest_http_token is not None
    assert settings.ingest_http_token.get_secret_value() == "t0ken-from-env"
    assert "t0ken-from-env" not in repr(settings) and "t0ken-from-env" not in str(settings)


def test_serve_refuses_to_start_open_to_the_network_without_a_token(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An unreachable broker: the refusal must come first, before any connection attempt.
    settings = IngestSettings(
        ingest_http_host="0.0.0.0", kafka_bootstrap_servers="127.0.0.1:1", ingest_http_port=0
    )
    assert serve(settings) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "CLAIMWIRE_INGEST_HTTP_TOKEN" in err and "0.0.0.0" in err
