"""Pure parts of the local stack: generated broker config, port checks, clear errors."""

from __future__ import annotations

import socket
import stat
from pathlib import Path

import pytest
import yaml
from pydantic import SecretStr

from claimwire.stack.elasticsearch import start_elasticsearch
from claimwire.stack.jvm import StackError, port_in_use, require_tools
from claimwire.stack.kafka import server_properties
from claimwire.stack.kafka_auth import (
    ROLES,
    KafkaLogins,
    client_env,
    ensure_logins,
    load_logins,
    logins_file,
)
from claimwire.stack.settings import StackSettings


def _props(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def _logins() -> KafkaLogins:
    return KafkaLogins({role: SecretStr(f"pw-of-{role}") for role in ROLES})


def test_single_node_kraft_config_has_replication_one_everywhere() -> None:
    props = _props(server_properties(StackSettings(kafka_port=19092), "/data", _logins()))
    assert props["process.roles"] == "broker,controller"
    assert "CLIENT://127.0.0.1:19092" in props["listeners"]
    assert props["offsets.topic.replication.factor"] == "1"
    assert props["transaction.state.log.replication.factor"] == "1"
    assert props["transaction.state.log.min.isr"] == "1"
    assert props["log.dirs"] == "/data"


def test_clients_log_in_with_scram_and_the_authorizer_denies_by_default() -> None:
    props = _props(server_properties(StackSettings(kafka_port=19092), "/data", _logins()))
    assert (
        props["listener.security.protocol.map"] == "CONTROLLER:SASL_PLAINTEXT,CLIENT:SASL_PLAINTEXT"
    )
    assert props["listener.name.client.sasl.enabled.mechanisms"] == "SCRAM-SHA-512"
    assert props["sasl.mechanism.inter.broker.protocol"] == "SCRAM-SHA-512"
    assert props["authorizer.class.name"].endswith("StandardAuthorizer")
    assert props["allow.everyone.if.no.acl.found"] == "false"
    supers = set(props["super.users"].split(";"))
    assert supers == {"User:claimwire-broker", "User:claimwire-controller", "User:claimwire-admin"}
    assert 'password="pw-of-broker"' in props["listener.name.client.scram-sha-512.sasl.jaas.config"]


def test_logins_are_generated_once_and_kept_private(tmp_path: Path) -> None:
    settings = StackSettings(state_dir=tmp_path)
    assert load_logins(settings) is None and client_env(settings) == {}
    first = ensure_logins(settings)
    assert ensure_logins(settings).passwords == first.passwords
    assert stat.S_IMODE(logins_file(settings).stat().st_mode) == 0o600
    assert len({first.password(role) for role in ROLES}) == len(ROLES)
    assert first.password("admin") not in repr(first)
    env = client_env(settings)
    assert env["CLAIMWIRE_KAFKA_SASL_USERNAME"] == "claimwire-admin"
    assert env["CLAIMWIRE_STACK_KAFKA_INDEX_USERNAME"] == "claimwire-index"
    assert env["CLAIMWIRE_STACK_KAFKA_INDEX_PASSWORD"] == first.password("index")


def test_a_taken_port_is_an_error_not_a_node_on_the_next_port(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert port_in_use(port)
        settings = StackSettings(state_dir=tmp_path, es_port=port)
        with pytest.raises(StackError, match=f"Port {port} is taken"):
            start_elasticsearch(settings)


def test_missing_java_is_named(tmp_path: Path) -> None:
    settings = StackSettings(state_dir=tmp_path, java="no-such-java-binary")
    with pytest.raises(StackError, match="no-such-java-binary"):
        require_tools(settings)


def test_no_java_21_is_one_clear_line(tmp_path: Path) -> None:
    from claimwire.stack.es_install import find_java_home

    settings = StackSettings(
        state_dir=tmp_path, es_java_home=tmp_path / "no-jdk", java="no-such-java-binary"
    )
    with pytest.raises(StackError) as error:
        find_java_home(settings)
    message = str(error.value)
    assert "\n" not in message
    assert "Java 21+" in message and "CLAIMWIRE_STACK_ES_JAVA_HOME" in message


def test_node_binds_loopback_single_node_with_tls_and_state_under_the_stack(
    tmp_path: Path,
) -> None:
    from claimwire.stack.es_install import NodeLayout, node_config

    layout = NodeLayout(tmp_path / "elasticsearch")
    config = yaml.safe_load(node_config(StackSettings(es_port=19200), layout))
    assert config["network.host"] == "127.0.0.1"
    assert config["http.port"] == 19200
    assert config["discovery.type"] == "single-node"
    assert config["path.data"] == str(layout.data)
    assert config["path.logs"] == str(layout.logs)
    assert config["xpack.security.enabled"] is True
    assert config["xpack.security.http.ssl.enabled"] is True


def test_as_root_the_node_runs_in_a_user_namespace(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimwire.stack import es_install

    settings = StackSettings()
    monkeypatch.setattr(es_install.os, "geteuid", lambda: 0)
    assert es_install.as_node_user(settings, ["bin/elasticsearch"]) == [
        "unshare",
        "--user",
        "--map-user=1000",
        "--map-group=1000",
        "bin/elasticsearch",
    ]
    monkeypatch.setattr(es_install.os, "geteuid", lambda: 1000)
    assert es_install.as_node_user(settings, ["bin/elasticsearch"]) == ["bin/elasticsearch"]


def test_file_realm_password_hash_is_pbkdf2_of_the_password() -> None:
    import base64
    import hashlib

    from claimwire.stack.es_security import pbkdf2_hash

    salt = bytes(range(32))
    prefix, salt_b64, digest_b64 = pbkdf2_hash("s3cret", salt).split("$")
    assert prefix == "{PBKDF2}10000"
    assert base64.b64decode(salt_b64) == salt
    expected = hashlib.pbkdf2_hmac("sha512", b"s3cret", salt, 10_000, 32)
    assert base64.b64decode(digest_b64) == expected
    assert "s3cret" not in pbkdf2_hash("s3cret")


def test_only_the_index_service_gets_an_elasticsearch_secret() -> None:
    from claimwire.demo.services import service_environment

    env = {
        "CLAIMWIRE_ES_URL": "https://localhost:19200",
        "CLAIMWIRE_ES_USERNAME": "claimwire_search",
        "CLAIMWIRE_ES_PASSWORD": "search-secret",
        "CLAIMWIRE_STACK_ES_ADMIN_PASSWORD": "admin-secret",
        "CLAIMWIRE_STACK_ES_INDEX_PASSWORD": "index-secret",
    }
    index = service_environment("index", env)
    assert index["CLAIMWIRE_ES_USERNAME"] == "claimwire_index"
    assert index["CLAIMWIRE_ES_PASSWORD"] == "index-secret"
    assert "admin-secret" not in index.values()
    for name in ("ingest", "enrich"):
        values = service_environment(name, env).values()
        assert not {"search-secret", "admin-secret", "index-secret"} & set(values)
