"""The operators' docker-compose file: parses, is healthy by construction, matches settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from claimwire.envfile import known_variables, render

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = ROOT / "deploy" / "docker-compose.yml"
LONG_RUNNING = {"kafka", "elasticsearch", "kibana", "prometheus", "ingest", "enrich", "index"}
ONE_SHOT = {"setup", "kibana-import"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def test_every_service_of_the_topology_is_there(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == LONG_RUNNING | ONE_SHOT


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
    prometheus = (ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text()
    for name, port in (("ingest", 8081), ("enrich", 8082), ("index", 8083)):
        assert f'"{name}:{port}"' in prometheus


def test_every_claimwire_variable_is_one_the_settings_know(compose: dict[str, Any]) -> None:
    known = known_variables()
    used = {
        key
        for service in compose["services"].values()
        for key in (service.get("environment") or {})
        if key.startswith("CLAIMWIRE_")
    }
    assert used, "the services get no settings at all"
    assert used <= known, f"unknown settings: {sorted(used - known)}"


def test_secrets_come_from_the_environment_not_the_file(compose: dict[str, Any]) -> None:
    secrets = {
        (name, key): str(value)
        for name, service in compose["services"].items()
        for key, value in (service.get("environment") or {}).items()
        if "PASSWORD" in key or "API_KEY" in key
    }
    assert secrets, "the services log in to nothing"
    for (name, key), value in secrets.items():
        assert value.startswith("${"), f"{name}: {key} is written in the file"


def test_env_example_lists_every_setting_with_its_default() -> None:
    assert (ROOT / ".env.example").read_text() == render(), (
        ".env.example is out of date: run `.venv/bin/python -m claimwire.envfile`"
    )
    listed = set(re.findall(r"^(CLAIMWIRE_\w+)=", render(), flags=re.M))
    assert listed == known_variables()
