"""``/healthz``, ``/readyz`` and ``/metrics`` for the services that run threads, not asyncio.

``/healthz`` answers while the process runs; ``/readyz`` answers 200 only while
``is_ready()`` holds (connected, and a consumer with lag is making progress);
``/metrics`` serves the service's own registry, so tests get fresh ones.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

ReadyCheck = Callable[[], tuple[bool, str]]


class HealthServer:
    """A small HTTP server on a daemon thread. ``port=0`` picks a free port."""

    def __init__(
        self,
        registry: CollectorRegistry,
        is_ready: ReadyCheck,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self._registry = registry
        self._is_ready = is_ready
        handler = self._handler()
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> HealthServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/healthz":
                    self._send(200, "application/json", b'{"status": "ok"}')
                elif self.path == "/readyz":
                    ready, why = outer._is_ready()
                    body = json.dumps({"ready": ready, "reason": why}).encode()
                    self._send(200 if ready else 503, "application/json", body)
                elif self.path == "/metrics":
                    self._send(200, CONTENT_TYPE_LATEST, generate_latest(outer._registry))
                else:
                    self._send(404, "text/plain", b"not found\n")

            def _send(self, status: int, ctype: str, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return  # scrapes every few seconds would drown the service's own log

        return Handler


class ProgressWatch:
    """Readiness of a consumer: not ready when it has lag but its offsets stopped moving.

    ``record_commit()`` after each commit, ``record_lag(n)`` after each poll;
    ``check()`` is the ``ReadyCheck``. ``clock`` is injectable for unit tests.
    """

    def __init__(self, stall_after_s: float, clock: Callable[[], float]) -> None:
        self._stall_after_s = stall_after_s
        self._clock = clock
        self._last_progress = clock()
        self._lag = 0
        self._connected = False

    def record_connected(self, connected: bool) -> None:
        self._connected = connected

    def record_commit(self) -> None:
        self._last_progress = self._clock()

    def record_lag(self, lag: int) -> None:
        if lag == 0:
            self._last_progress = self._clock()
        self._lag = lag

    def check(self) -> tuple[bool, str]:
        if not self._connected:
            return False, "not connected"
        stalled_for = self._clock() - self._last_progress
        if self._lag > 0 and stalled_for > self._stall_after_s:
            return False, f"lag {self._lag} and no commit for {stalled_for:.0f}s"
        return True, "ok"
