"""The operators' docker-compose file: parses, is secure and healthy by construction, and
matches the services' settings and the project's Kafka grants and Elasticsearch roles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimwire.envfile import COMPOSE_SECRETS, known_variables, render
from claimwire_base.kafka_acls import SERVICES, login_variables, service_grants, to_acls
from claimwire_base.settings import KafkaSettings

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "docker-compose.yml"
LONG_RUNNING = {"kafka", "elasticsearch", "kibana", "prometheus", "ingest", "enrich", "index"}
ONE_SHOT = {"certs", "setup", "kibana-import"}
TOOLS = {"search"}  # run on demand (a profile), never by `up`
SECRET_KEY = re.compile(r"PASSWORD|API_KEY|ENCRYPTIONKEY|TOKEN")
REQUIRED = re.compile(r"\$\{([A-Z_]+):\?[^}]+\}")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def _env(compose: dict[str, Any], name: str) -> dict[str, str]:
    return {k: str(v) for k, v in (compose["services"][name].get("environment") or {}).items()}


def _command_lines(service: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in ("entrypoint", "command"):
        value = service.get(key) or []
        parts += [value] if isinstance(value, str) else [str(v) for v in value]
    parts += [str(v) for v in service.get("healthcheck", {}).get("test", [])]
    return "\n".join(parts)


def _start_script_properties() -> dict[str, str]:
    script = (DEPLOY / "compose" / "kafka-start.sh").read_text()
    body = script.split("<<PROPERTIES\n", 1)[1].split("\nPROPERTIES\n", 1)[0]
    return dict(line.split("=", 1) for line in body.splitlines() if "=" in line)


def test_every_service_of_the_topology_is_there(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == LONG_RUNNING | ONE_SHOT | TOOLS
    assert all(compose["services"][name].get("profiles") for name in TOOLS)


@pytest.mark.parametrize("name", sorted(LONG_RUNNING))
def test_long_running_services_have_healthchecks(compose: dict[str, Any], name: str) -> None:
    check = compose["services"][name]["healthcheck"]
    assert check["test"][0] in {"CMD", "CMD-SHELL"}
    assert check["retries"] >= 3


def test_dependants_wait_for_healthy_services(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for dependency, condition in service.get("depends_on", {}).items():
            expected = (
                "service_completed_successfully" if dependency in ONE_SHOT else "service_healthy"
            )
            assert condition["condition"] == expected, f"{name} -> {dependency}"
            assert dependency in compose["services"]


def test_ports_are_bound_to_loopback(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} on every interface"


def test_service_ports_match_their_settings_and_healthchecks(compose: dict[str, Any]) -> None:
    for name in ("ingest", "enrich", "index"):
        service = compose["services"][name]
        port = service["environment"][f"CLAIMWIRE_{name.upper()}_HTTP_PORT"]
        assert service["ports"] == [f"127.0.0.1:{port}:{port}"]
        assert f"localhost:{port}/healthz" in " ".join(service["healthcheck"]["test"])
        assert service["environment"][f"CLAIMWIRE_{name.upper()}_HTTP_HOST"] == "0.0.0.0"
    prometheus = (DEPLOY / "prometheus" / "prometheus.yml").read_text()
    for name, port in (("ingest", 8081), ("enrich", 8082), ("index", 8083)):
        assert f'"{name}:{port}"' in prometheus


def test_every_claimwire_variable_is_one_the_settings_know(compose: dict[str, Any]) -> None:
    known = known_variables()
    used = {key for name in compose["services"] for key in _env(compose, name)}
    used = {key for key in used if key.startswith("CLAIMWIRE_")}
    assert used, "the services get no settings at all"
    assert used <= known, f"unknown settings: {sorted(used - known)}"


def test_elasticsearch_and_kibana_are_one_version_of_major_9(compose: dict[str, Any]) -> None:
    tags = {
        name: compose["services"][name]["image"].rsplit(":", 1)
        for name in ("certs", "elasticsearch", "kibana")
    }
    assert tags["elasticsearch"][0] == "docker.elastic.co/elasticsearch/elasticsearch"
    assert tags["kibana"][0] == "docker.elastic.co/kibana/kibana"
    versions = {version for _, version in tags.values()}
    assert len(versions) == 1
    assert versions.pop().startswith("9.")


def test_every_secret_is_required_from_env_and_none_has_a_default(compose: dict[str, Any]) -> None:
    secrets = {
        (name, key): value
        for name in compose["services"]
        for key, value in _env(compose, name).items()
        if SECRET_KEY.search(key)
    }
    assert secrets, "the services log in to nothing"
    referenced = set()
    for (name, key), value in secrets.items():
        match = REQUIRED.fullmatch(value)
        assert match, f"{name}: {key} is not a required ${{VAR:?...}} from .env"
        referenced.add(match.group(1))
    text = COMPOSE.read_text()
    assert ":-" not in text, "a variable with a default value"
    assert set(re.findall(r"\$\{([A-Z_]+)", text)) == referenced == set(COMPOSE_SECRETS)
    for variable in COMPOSE_SECRETS:
        assert re.search(rf"^{variable}=$", render(), flags=re.M), f"{variable} not in .env"


def test_no_secret_is_put_on_a_command_line(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        lines = _command_lines(service)
        assert "${" not in lines, f"{name}: a secret substituted into a command line"
        assert not re.search(r"-u\s*\S+:", lines), f"{name}: curl -u user:password"
        for runtime_secret in re.findall(r"\$\$(\w*PASSWORD\w*)", lines):
            # read by the shell's printf and handed to curl on stdin (-K -)
            assert f'"$${runtime_secret}" | curl' in lines.replace("\\", ""), name


def test_every_elasticsearch_client_uses_tls_and_verifies_it(compose: dict[str, Any]) -> None:
    services = compose["services"]
    node = _env(compose, "elasticsearch")
    assert node["xpack.security.enabled"] == "true"
    assert node["xpack.security.http.ssl.enabled"] == "true"
    assert node["xpack.security.transport.ssl.enabled"] == "true"
    clients = [name for name in services if "CLAIMWIRE_ES_URL" in _env(compose, name)]
    assert set(clients) == {"setup", "index", "search"}
    for name in clients:
        env = _env(compose, name)
        assert env["CLAIMWIRE_ES_URL"].startswith("https://"), name
        assert env["CLAIMWIRE_ES_VERIFY_CERTS"] == "true", name
        assert env["CLAIMWIRE_ES_CA_CERTS"].startswith("/certs/"), name
        assert any(v.startswith("certs:/certs") for v in services[name]["volumes"]), name
    kibana = _env(compose, "kibana")
    assert kibana["ELASTICSEARCH_HOSTS"].startswith("https://")
    assert kibana["ELASTICSEARCH_SSL_VERIFICATIONMODE"] == "full"
    assert kibana["ELASTICSEARCH_SSL_CERTIFICATEAUTHORITIES"]
    assert kibana["ELASTICSEARCH_USERNAME"] == "kibana_system"
    for name in ("elasticsearch", "kibana", "kibana-import"):
        lines = _command_lines(services[name])
        assert "https://" in lines and "--cacert" in lines and "http://" not in lines, name


def test_only_setup_logs_in_to_elasticsearch_as_elastic(compose: dict[str, Any]) -> None:
    for name in compose["services"]:
        env = _env(compose, name)
        if name != "setup":
            assert "CLAIMWIRE_ES_USERNAME" not in env and "CLAIMWIRE_ES_PASSWORD" not in env
    for name in ("ingest", "enrich"):
        assert not any(key.startswith("CLAIMWIRE_ES_") for key in _env(compose, name))
    for name, key_volume in (("index", "index-key:/keys/index:ro"), ("search", "search-key")):
        service = compose["services"][name]
        assert any(v.startswith(key_volume) for v in service["volumes"]), name
        assert "CLAIMWIRE_ES_API_KEY=" in _command_lines(service), name


def test_roles_give_least_privilege_on_claimwire_indices_only() -> None:
    security = DEPLOY / "elasticsearch" / "security"
    roles = {
        p.name.removesuffix(".role.json"): json.loads(p.read_text()) for p in security.iterdir()
    }
    assert set(roles) == {"claimwire_index_writer", "claimwire_search_reader", "claimwire_analyst"}
    allowed = {
        # write (index and delete documents), read and maintenance (refresh): the stale-claims
        # clean-up of a re-enriched article; never delete_index, manage or a cluster right
        "claimwire_index_writer": {
            "create_index",
            "write",
            "read",
            "maintenance",
            "view_index_metadata",
        },
        "claimwire_search_reader": {"read", "view_index_metadata"},
        "claimwire_analyst": {"read", "view_index_metadata"},
    }
    for name, role in roles.items():
        assert role["cluster"] == [], name
        for grant in role["indices"]:
            assert grant["names"] == ["claimwire-*"], name
            assert set(grant["privileges"]) <= allowed[name], name
            assert not grant.get("allow_restricted_indices", False), name
    assert roles["claimwire_analyst"]["applications"] == [
        {"application": "kibana-.kibana", "privileges": ["read"], "resources": ["*"]}
    ]
    setup = (DEPLOY / "compose" / "es_setup.py").read_text()
    assert '"claimwire_index_writer"' in setup and '"claimwire_search_reader"' in setup


def test_kafka_uses_sasl_scram_and_denies_what_no_acl_allows(compose: dict[str, Any]) -> None:
    props = _start_script_properties()
    protocols = dict(p.split(":") for p in props["listener.security.protocol.map"].split(","))
    assert set(protocols.values()) == {"SASL_PLAINTEXT"}
    assert props["sasl.mechanism.inter.broker.protocol"] == "SCRAM-SHA-512"
    assert props["authorizer.class.name"].endswith(".StandardAuthorizer")
    assert props["allow.everyone.if.no.acl.found"] == "false"
    supers = set(props["super.users"].split(";"))
    assert supers == {"User:claimwire-broker", "User:claimwire-controller", "User:claimwire-admin"}
    kafka = compose["services"]["kafka"]
    assert "./compose/kafka-start.sh:/opt/claimwire/kafka-start.sh:ro" in kafka["volumes"]
    assert "--command-config" in _command_lines(kafka)


def test_each_service_logs_in_to_kafka_as_the_user_setup_creates(
    compose: dict[str, Any],
) -> None:
    setup = _env(compose, "setup")
    assert setup["CLAIMWIRE_KAFKA_SASL_USERNAME"] == "claimwire-admin"
    users: dict[str, str] = {}
    for service in SERVICES:
        env = _env(compose, service)
        assert env["CLAIMWIRE_KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT"
        assert env["CLAIMWIRE_KAFKA_SASL_MECHANISM"] == "SCRAM-SHA-512"
        assert env["CLAIMWIRE_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:29092"
        user_var, password_var = login_variables(service)
        assert setup[user_var] == env["CLAIMWIRE_KAFKA_SASL_USERNAME"] == f"claimwire-{service}"
        assert setup[password_var] == env["CLAIMWIRE_KAFKA_SASL_PASSWORD"]
        assert f"KAFKA_{service.upper()}_PASSWORD" in env["CLAIMWIRE_KAFKA_SASL_PASSWORD"]
        users[service] = env["CLAIMWIRE_KAFKA_SASL_USERNAME"]
    # setup.sh grants each of these users its stage's literal ACLs (kafka_acls)
    script = (DEPLOY / "compose" / "setup.sh").read_text()
    assert "\nclaimwire stack kafka-setup\n" in script and "--prefixed" not in script
    acls = to_acls(service_grants(KafkaSettings()), users, "literal")
    assert {a.principal for a in acls} == {f"User:{u}" for u in users.values()}


def test_kibana_objects_are_imported_through_the_saved_objects_api(
    compose: dict[str, Any],
) -> None:
    job = compose["services"]["kibana-import"]
    lines = _command_lines(job)
    assert "/api/saved_objects/_import?overwrite=true" in lines
    assert "file=@/objects/claimwire.ndjson" in lines
    assert "./kibana:/objects:ro" in job["volumes"]
    assert (DEPLOY / "kibana" / "claimwire.ndjson").is_file()


def test_env_example_lists_every_setting_with_its_default() -> None:
    assert (ROOT / ".env.example").read_text() == render(), (
        ".env.example is out of date: run `.venv/bin/python -m claimwire.envfile`"
    )
    listed = set(re.findall(r"^(CLAIMWIRE_\w+)=", render(), flags=re.M))
    assert listed == known_variables()


def test_the_http_ingest_bound_beyond_loopback_requires_a_token(compose: dict[str, Any]) -> None:
    env = _env(compose, "ingest")
    assert env["CLAIMWIRE_INGEST_HTTP_HOST"] == "0.0.0.0"
    assert REQUIRED.fullmatch(env["CLAIMWIRE_INGEST_HTTP_TOKEN"])
