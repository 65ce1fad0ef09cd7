"""A harness for the index service against the real broker and node.

Every test gets its own topics, consumer group and index prefix, and leaves
nothing behind: its indices, templates and topics are deleted at the end.
The admin sets up; the service runs as ``claimwire_index`` (role: ``claimwire-*``).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from claimwire_index.elastic import apply_setup
from claimwire_index.names import DocKind, alias_name
from claimwire_index.runner import run_index_service
from claimwire_index.settings import IndexSettings
from claimwire_schemas.deadletter import read_dead_letter
from claimwire_schemas.events import ArticleEnriched, Claim, DeadLetter
from elasticsearch import NotFoundError
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from prometheus_client import CollectorRegistry
from pydantic import SecretStr

from claimwire.stack.jvm import free_port
from claimwire_base.kafka_io import create_producer, ensure_topics

ROOT = Path(__file__).resolve().parents[3]
CLAIMWIRE = str(ROOT / ".venv" / "bin" / "claimwire")


def wait_until(
    condition: Callable[[], bool],
    timeout_s: float,
    what: str,
    state: Callable[[], object] | None = None,
) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` (and ``state()``) when it does not."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    seen = f"; state: {state()}" if state else ""
    pytest.fail(f"timed out after {timeout_s}s waiting for {what}{seen}")


@dataclass(frozen=True)
class Letter:
    """A dead-letter record as read back from the topic."""

    key: bytes | None
    value: bytes | None
    info: DeadLetter


class Harness:
    """Produce events, run the service, and look at Elasticsearch and the group's offsets."""

    free_port = staticmethod(free_port)
    wait_until = staticmethod(wait_until)

    def __init__(self, settings: IndexSettings, identities: Any) -> None:
        self.settings = settings
        self.identities = identities
        self.es = identities.client()  # the admin: set-up, look-ups and clean-up
        self._producer = create_producer(settings)

    # -- Kafka -------------------------------------------------------------

    def produce(self, topic: str, key: bytes | None, value: bytes | None) -> None:
        self._producer.send(topic, key=key, value=value).get(timeout=30)

    def produce_events(self, events: list[ArticleEnriched | Claim]) -> None:
        """Articles to the enriched topic, claims to the claims topic, keyed by article id."""
        from claimwire_index.synthetic import encode, headers_for

        futures = [
            self._producer.send(
                self.settings.topic_enriched
                if isinstance(event, ArticleEnriched)
                else self.settings.topic_claims,
                key=event.article_id.encode(),
                value=encode(event),
                headers=headers_for(event),
            )
            for event in events
        ]
        self._producer.flush(timeout=60)
        for future in futures:
            future.get(timeout=30)

    def committed(self) -> int:
        """Sum of the group's committed offsets over both consumed topics."""
        admin = KafkaAdminClient(**self.settings.kafka_client_options())
        try:
            offsets = admin.list_group_offsets(self.settings.index_consumer_group)
        finally:
            admin.close()
        by_tp = offsets.get(self.settings.index_consumer_group, {})
        return sum(
            max(0, meta.offset)
            for tp, meta in by_tp.items()
            if tp.topic in self.settings.consumer_topics()
        )

    def dead_letters(self, expected: int, timeout_s: float = 30) -> list[Letter]:
        """Read the dead-letter topic from the start until ``expected`` records (or timeout)."""
        consumer = KafkaConsumer(
            **self.settings.kafka_client_options(),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        try:
            topic = self.settings.topic_deadletter
            partitions = consumer.partitions_for_topic(topic) or set()
            consumer.assign([TopicPartition(topic, p) for p in partitions])
            consumer.seek_to_beginning()
            letters: list[Letter] = []
            deadline = time.monotonic() + timeout_s
            while len(letters) < expected and time.monotonic() < deadline:
                for records in consumer.poll(timeout_ms=500).values():
                    letters += [
                        Letter(r.key, r.value, read_dead_letter(r.headers)) for r in records
                    ]
            # A little longer, to see any record beyond the ones expected.
            for records in consumer.poll(timeout_ms=1000).values():
                letters += [Letter(r.key, r.value, read_dead_letter(r.headers)) for r in records]
            return letters
        finally:
            consumer.close()

    # -- Elasticsearch -----------------------------------------------------

    def alias(self, kind: DocKind) -> str:
        return alias_name(self.settings.es_index_prefix, kind)

    def count(self, kind: DocKind) -> int:
        try:
            self.es.indices.refresh(index=self.alias(kind))
            return int(self.es.count(index=self.alias(kind))["count"])
        except NotFoundError:
            return 0

    def get(self, kind: DocKind, doc_id: str) -> dict[str, Any]:
        self.es.indices.refresh(index=self.alias(kind))
        hits = self.es.search(
            index=self.alias(kind), body={"query": {"ids": {"values": [doc_id]}}}
        )["hits"]["hits"]
        assert len(hits) == 1, f"{doc_id} is in {len(hits)} documents"
        source: dict[str, Any] = hits[0]["_source"]
        return source

    # -- the service -------------------------------------------------------

    @contextmanager
    def service(
        self,
        settings: IndexSettings | None = None,
        registry: CollectorRegistry | None = None,
        health_port: int = 0,
    ) -> Iterator[threading.Event]:
        """Run the index service on a thread; on exit stop it and re-raise what it raised."""
        stop = threading.Event()
        failures: list[BaseException] = []

        def target() -> None:
            try:
                run_index_service(settings or self.settings, stop, registry, health_port)
            except BaseException as exc:  # handed to the test thread below
                failures.append(exc)

        thread = threading.Thread(target=target, name="index-service", daemon=True)
        thread.start()
        try:
            yield stop
        finally:
            stop.set()
            thread.join(timeout=120)
        assert not thread.is_alive(), "the index service did not stop within 120s"
        if failures:
            raise failures[0]

    def env(self, **overrides: Any) -> dict[str, str]:
        """The environment (secrets included, never argv) of this test's CLI commands."""
        env = dict(os.environ)
        values = self.settings.model_dump() | overrides
        for name, value in values.items():
            value = value.get_secret_value() if isinstance(value, SecretStr) else value
            if value is None:
                env.pop(f"CLAIMWIRE_{name.upper()}", None)
            else:
                env[f"CLAIMWIRE_{name.upper()}"] = str(value)
        return env

    def start_cli(self, *args: str, **overrides: Any) -> subprocess.Popen[bytes]:
        log_dir = Path(tempfile.gettempdir()) / "claimwire-index-tests"
        log_dir.mkdir(exist_ok=True)
        log = open(  # noqa: SIM115 - closed by the caller through the process
            log_dir / f"index-{self.settings.es_index_prefix}.log", "ab"
        )
        return subprocess.Popen(
            [CLAIMWIRE, *args], env=self.env(**overrides), stdout=log, stderr=log
        )

    def run_cli(self, *args: str, **overrides: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [CLAIMWIRE, *args],
            env=self.env(**overrides),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    # -- clean-up ----------------------------------------------------------

    def close(self) -> None:
        prefix = self.settings.es_index_prefix
        admin = self.es.options(ignore_status=404)
        admin.indices.delete(index=f"{prefix}-*")
        admin.indices.delete_index_template(name=f"{prefix}-*")
        self._producer.close(timeout=10)
        admin = KafkaAdminClient(**self.settings.kafka_client_options())
        try:
            admin.delete_topics(
                [
                    self.settings.topic_enriched,
                    self.settings.topic_claims,
                    self.settings.topic_deadletter,
                ],
                raise_errors=False,
            )
            admin.delete_groups([self.settings.index_consumer_group])
        except Exception as exc:  # clean-up must not hide the test's own result
            print(f"clean-up of topics/group failed: {exc}", file=sys.stderr)
        finally:
            admin.close()
        self.es.close()


class TcpProxy:
    """A TCP forwarder on a free local port, to cut Elasticsearch off without stopping it.

    ``cut()`` closes the listener and every open connection (clients then get
    "connection refused"); ``restore()`` listens again on the same port.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listening = threading.Event()
        self._acceptor: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"  # TLS passes through to the node

    def start(self) -> TcpProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)
        self._listening.set()
        self._acceptor = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._acceptor.start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self._listening.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    client.close()
                    continue
                upstream.settimeout(None)
                client.settimeout(None)
                with self._lock:
                    self._sockets |= {client, upstream}
                for src, dst in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def cut(self) -> None:
        self._listening.clear()
        if self._acceptor is not None:
            self._acceptor.join(timeout=5)
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            self._close(sock)

    def restore(self) -> None:
        self.start()

    def close(self) -> None:
        self.cut()


def make_settings(
    kafka_bootstrap: str, identities: Any, unique_id: str, **overrides: Any
) -> IndexSettings:
    """Settings of one test: its own topics, group and prefix; short flush and retry times."""
    values: dict[str, Any] = {
        "kafka_bootstrap_servers": kafka_bootstrap,
        **identities.settings("claimwire_index"),
        "topic_enriched": f"t-{unique_id}-enriched",
        "topic_claims": f"t-{unique_id}-claims",
        "topic_deadletter": f"t-{unique_id}-deadletter",
        "topic_partitions": 3,
        "es_index_prefix": f"claimwire-t{unique_id}",
        "index_consumer_group": f"g-{unique_id}-index",
        "index_flush_interval_s": 0.5,
        "index_retry_initial_s": 0.2,
        "index_retry_max_s": 2.0,
        "index_retry_deadline_s": 120.0,
        "index_session_timeout_s": 10.0,
        "index_http_host": "127.0.0.1",
        "index_http_port": 0,
    }
    values.update(overrides)
    return IndexSettings(**values)


@pytest.fixture
def harness_factory(
    kafka_bootstrap: str, es_identities: Any, unique_id: str
) -> Iterator[Callable[..., Harness]]:
    """Builds the test's harness (settings overrides as keyword arguments); cleans up after."""
    built: list[Harness] = []

    def build(**overrides: Any) -> Harness:
        settings = make_settings(kafka_bootstrap, es_identities, unique_id, **overrides)
        ensure_topics(
            settings,
            [settings.topic_enriched, settings.topic_claims, settings.topic_deadletter],
        )
        harness = Harness(settings, es_identities)
        built.append(harness)
        apply_setup(harness.es, settings)
        return harness

    yield build
    for harness in built:
        harness.close()


@pytest.fixture
def es_proxy(es_url: str) -> Iterator[TcpProxy]:
    """A proxy in front of the shared Elasticsearch node, owned by this test alone."""
    host_port = es_url.split("://", 1)[-1].rstrip("/")
    host, _, port = host_port.rpartition(":")
    proxy = TcpProxy(host or "localhost", int(port)).start()
    yield proxy
    proxy.close()


@pytest.fixture
def harness(harness_factory: Callable[..., Harness]) -> Harness:
    return harness_factory()
