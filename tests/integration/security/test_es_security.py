"""Security of the local Elasticsearch 9 node, for real: TLS, 401, least privilege, no leaks.

The node runs with security on; the index service's user may only create and
write ``claimwire-*`` indices, the search user may only read them, and no
secret shows in a log or on a command line.
"""

from __future__ import annotations

import json
import os
import ssl
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from claimwire_index.elastic import apply_setup
from claimwire_index.names import DocKind, alias_name, concrete_index
from claimwire_index.settings import IndexSettings
from elasticsearch import AuthorizationException

from claimwire.stack.settings import StackSettings

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
CLAIMWIRE = str(ROOT / ".venv" / "bin" / "claimwire")


@pytest.fixture
def prefix(es_identities: Any, unique_id: str) -> Iterator[str]:
    """A ``claimwire-s<id>`` prefix with the real templates put by the admin; removed after."""
    name = f"claimwire-s{unique_id}"
    admin = es_identities.client()
    apply_setup(admin, IndexSettings(**es_identities.settings("elastic"), es_index_prefix=name))
    yield name
    quiet = admin.options(ignore_status=404)
    quiet.indices.delete(index=f"{name}-*")
    for kind in DocKind:
        quiet.indices.delete_index_template(name=f"{name}-{kind.value}-v1")
    admin.close()


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWIRE_ES_")}
    return subprocess.run(
        [CLAIMWIRE, *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_unauthenticated_request_gets_401_over_verified_tls(es_identities: Any) -> None:
    context = ssl.create_default_context(cafile=es_identities.ca_certs)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{es_identities.url}/_cluster/health", context=context, timeout=10)
    assert refused.value.code == 401
    # The node's certificate is not trusted without the stack's CA.
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        urllib.request.urlopen(
            f"{es_identities.url}/_cluster/health",
            context=ssl.create_default_context(),
            timeout=10,
        )


def test_the_index_user_can_write_but_not_delete_an_index(es_identities: Any, prefix: str) -> None:
    index = concrete_index(prefix, DocKind.ARTICLES, datetime(2024, 10, 1, tzinfo=UTC))
    writer = es_identities.client("claimwire_index")
    try:
        writer.index(index=index, id="a1", document={"article_id": "a1", "title": "Troops"})
        with pytest.raises(AuthorizationException):
            writer.indices.delete(index=index)
        # It reads its own indices (to find the claims a re-enriched article no longer
        # has) and deletes those documents, never an index.
        writer.indices.refresh(index=index)
        assert writer.count(index=alias_name(prefix, DocKind.ARTICLES))["count"] == 1
        writer.delete(index=index, id="a1")
    finally:
        writer.close()
    assert es_identities.client().indices.exists(index=index)


def test_the_index_user_cannot_touch_an_index_outside_claimwire(
    es_identities: Any, unique_id: str
) -> None:
    other = f"other-{unique_id}"
    admin = es_identities.client()
    writer = es_identities.client("claimwire_index")
    try:
        admin.index(index=other, id="x", document={"secret": "payroll"}, refresh=True)
        with pytest.raises(AuthorizationException):
            writer.search(index=other)
        with pytest.raises(AuthorizationException):
            writer.index(index=other, id="y", document={"secret": "overwritten"})
        with pytest.raises(AuthorizationException):
            writer.indices.create(index=f"other-{unique_id}-new")
    finally:
        admin.indices.delete(index=other, ignore_unavailable=True)
        admin.close()
        writer.close()


def test_the_search_user_reads_stemmed_english_but_cannot_write(
    es_identities: Any, prefix: str
) -> None:
    index = concrete_index(prefix, DocKind.ARTICLES, datetime(2024, 10, 1, tzinfo=UTC))
    admin = es_identities.client()
    admin.index(
        index=index,
        id="a1",
        document={"article_id": "a1", "body": "Kessaria moved more troops to the border."},
        refresh=True,
    )
    reader = es_identities.client("claimwire_search")
    try:
        # `troop` finds the document that only says `troops` (hunspell en_US stemming).
        hits = reader.search(
            index=alias_name(prefix, DocKind.ARTICLES),
            query={"match": {"body": "troop"}},
            highlight={"fields": {"body": {}}},
        )["hits"]
        with pytest.raises(AuthorizationException):
            reader.index(index=index, id="a2", document={"article_id": "a2"})
        with pytest.raises(AuthorizationException):
            reader.indices.delete(index=index)
    finally:
        reader.close()
        admin.close()
    assert hits["total"]["value"] == 1
    assert hits["hits"][0]["highlight"]["body"] == [
        "Kessaria moved more <em>troops</em> to the border."
    ]


@pytest.mark.parametrize("credential", ["wrong", "missing"])
def test_search_and_index_with_a_bad_credential_exit_2_in_one_line(
    es_identities: Any, prefix: str, credential: str
) -> None:
    env = {
        "CLAIMWIRE_ES_URL": es_identities.url,
        "CLAIMWIRE_ES_CA_CERTS": es_identities.ca_certs,
        "CLAIMWIRE_ES_INDEX_PREFIX": prefix,
        "CLAIMWIRE_INDEX_HTTP_PORT": "0",
    }
    if credential == "wrong":
        env |= {"CLAIMWIRE_ES_USERNAME": "claimwire_search", "CLAIMWIRE_ES_PASSWORD": "not-it"}
    for args in (["search", "troops"], ["index", "setup", "--wait", "5"], ["index", "run"]):
        result = _cli(*args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        problem = [line for line in result.stderr.splitlines() if "HTTP 401" in line]
        assert len(problem) == 1, (args, result.stderr)
        assert "refused the credentials" in problem[0]


def _secrets(es_identities: Any) -> list[str]:
    return [password for password in es_identities.passwords.values() if password]


def test_no_secret_in_command_lines_logs_or_readable_files(
    es_identities: Any, prefix: str, tmp_path: Path
) -> None:
    settings = StackSettings()
    env = {**es_identities.env("claimwire_index"), "CLAIMWIRE_ES_INDEX_PREFIX": prefix}
    log = tmp_path / "index.log"
    with log.open("wb") as out:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMWIRE_ES_")}
        service = subprocess.Popen(
            [CLAIMWIRE, "index", "setup", "--wait", "5"],
            env={**clean, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        command_lines = subprocess.run(
            ["ps", "-eo", "args"], capture_output=True, text=True, check=True
        ).stdout
        assert service.wait(timeout=120) == 0, log.read_text()
    node_logs = [settings.state_dir / "elasticsearch.log"]
    node_logs += sorted((settings.state_dir / "elasticsearch" / "logs").glob("*.log"))
    texts = {"ps": command_lines, "index setup": log.read_text()}
    texts |= {str(path): path.read_text(errors="replace") for path in node_logs}
    for secret in _secrets(es_identities):
        leaks = [name for name, text in texts.items() if secret in text]
        assert leaks == [], "a password appears in " + ", ".join(leaks)
    credentials = settings.state_dir / "elasticsearch" / "credentials.json"
    assert credentials.stat().st_mode & 0o777 == 0o600
    assert set(json.loads(credentials.read_text())["users"]) >= {"claimwire_index"}
    for private in ("users", "certs/node.key", "certs/ca.key"):
        path = settings.state_dir / "elasticsearch" / "config" / private
        assert path.stat().st_mode & 0o077 == 0, f"{path} is readable by others"
