"""The three services as background processes, with logs and pid files.

``make demo``, the end-to-end tests and the benchmark all start the pipeline
through ``PipelineProcesses``; each gives its own state folder and environment
(topic names, index prefix, ports), so runs never share processes by accident.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from claimwire.stack.es_security import INDEX_USER, SERVICE_USERS
from claimwire.stack.jvm import Service, log_tail, running_pid, start_background, stop_process
from claimwire.stack.settings import StackSettings
from claimwire_base.kafka_acls import service_login_env

# name -> (claimwire subcommand, env var of its HTTP port, default port)
SERVICES: dict[str, tuple[list[str], str, int]] = {
    "ingest": (["ingest-http"], "CLAIMWIRE_INGEST_HTTP_PORT", 8081),
    "enrich": (["enrich"], "CLAIMWIRE_ENRICH_HTTP_PORT", 8082),
    "index": (["index", "run"], "CLAIMWIRE_INDEX_HTTP_PORT", 8083),
}


def service_environment(name: str, env: dict[str, str]) -> dict[str, str]:
    """``env`` narrowed to what service ``name`` may use of the stack's identities. Pure.

    The index service acts as the least-privilege ``claimwire_index`` user when the
    local stack's password for it is in ``env`` (``claimwire stack run`` puts it there);
    no other service talks to Elasticsearch, so none gets an Elasticsearch secret.
    """

    narrowed = {
        key: value
        for key, value in env.items()
        if not key.startswith("CLAIMWIRE_STACK_ES_")
        and key not in {"CLAIMWIRE_ES_PASSWORD", "CLAIMWIRE_ES_API_KEY", "CLAIMWIRE_ES_USERNAME"}
    }
    index_password = env.get(SERVICE_USERS[INDEX_USER][1])
    if name != "index":
        return narrowed
    if index_password is None:  # not the local stack: the caller's identity, unchanged
        return {**narrowed, **{k: v for k, v in env.items() if k.startswith("CLAIMWIRE_ES_")}}
    return {
        **narrowed,
        "CLAIMWIRE_ES_USERNAME": INDEX_USER,
        "CLAIMWIRE_ES_PASSWORD": index_password,
    }


@dataclass
class PipelineProcesses:
    """Start, kill and stop the services of one pipeline run.

    ``state_dir`` holds ``NAME.pid`` and ``NAME.log``; ``env`` is added to the
    inherited environment of every service (``CLAIMWIRE_*`` settings); a
    service's own Kafka login, when the environment carries one
    (``kafka_acls.service_login_env``), replaces the default login.
    ``instance`` tells apart two processes of one service (two enrich workers).
    """

    state_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    def _service(self, name: str, instance: str = "") -> Service:
        settings = StackSettings(state_dir=self.state_dir)
        return Service(f"{name}{instance}", settings)

    def port(self, name: str) -> int:
        _, env_var, default = SERVICES[name]
        return int(self.env.get(env_var, os.environ.get(env_var, default)))

    def start(self, name: str, instance: str = "", extra_env: dict[str, str] | None = None) -> int:
        """Start one service unless it already runs; returns its pid. Idempotent."""
        service = self._service(name, instance)
        pid = running_pid(service)
        if pid is not None:
            return pid
        subcommand, _, _ = SERVICES[name]
        # Supervised like `restart: unless-stopped` in compose: a service that exits on a
        # broker outage (committing nothing) is started again and resumes where it was.
        command = [
            sys.executable,
            "-m",
            "claimwire.cli",
            "--tag",
            service.marker,
            "supervise",
            "--",
            sys.executable,
            "-m",
            "claimwire.cli",
            *subcommand,
        ]
        env = service_environment(name, {**os.environ, **self.env, **(extra_env or {})})
        # Each service logs in to Kafka as itself when the stack handed out its login.
        env.update(service_login_env(name, env))
        return start_background(service, command, env=env)

    def pid(self, name: str, instance: str = "") -> int | None:
        return running_pid(self._service(name, instance))

    def kill(self, name: str, instance: str = "", sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` (SIGKILL by default: a crash) to the service and its supervisor."""
        service = self._service(name, instance)
        pid = running_pid(service)
        if pid is None:
            return
        os.killpg(pid, sig)  # started in its own session: the group is the pid
        deadline = time.monotonic() + 30
        while running_pid(service) is not None and time.monotonic() < deadline:
            time.sleep(0.1)

    def stop(self, name: str, instance: str = "") -> bool:
        """Graceful stop (SIGTERM, then SIGKILL after the timeout)."""
        return stop_process(self._service(name, instance))

    def log(self, name: str, instance: str = "", lines: int = 40) -> str:
        return log_tail(self._service(name, instance), lines)

    def wait_healthy(
        self, name: str, timeout_s: float = 60.0, instance: str = "", port: int | None = None
    ) -> None:
        """Wait until the service answers ``/healthz`` (on ``port`` when an instance has
        its own); RuntimeError with its log otherwise."""
        url = f"http://127.0.0.1:{port or self.port(name)}/healthz"
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.pid(name, instance) is None:
                raise RuntimeError(f"{name} exited while starting:\n{self.log(name, instance)}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(
            f"{name} did not answer {url} in {timeout_s:.0f}s:\n{self.log(name, instance)}"
        )
