"""Pure parts of the local stack: generated broker config, port checks, clear errors."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from claimwire.stack.elasticsearch import start_elasticsearch
from claimwire.stack.jvm import StackError, port_in_use, require_tools
from claimwire.stack.kafka import server_properties
from claimwire.stack.settings import StackSettings


def _props(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def test_single_node_kraft_config_has_replication_one_everywhere() -> None:
    props = _props(server_properties(StackSettings(kafka_port=19092), "/data"))
    assert props["process.roles"] == "broker,controller"
    assert "PLAINTEXT://127.0.0.1:19092" in props["listeners"]
    assert props["offsets.topic.replication.factor"] == "1"
    assert props["transaction.state.log.replication.factor"] == "1"
    assert props["transaction.state.log.min.isr"] == "1"
    assert props["log.dirs"] == "/data"


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
