"""Start, find and stop background processes by pid file; resolve class paths with Maven.

A process started here carries a marker (``-Dclaimwire.stack=NAME``) on its
command line, so ``stop`` and ``status`` only ever touch what this project started.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from claimwire.stack.settings import StackSettings


class StackError(RuntimeError):
    """A clear, one-paragraph reason the stack cannot start or stop."""


@dataclass(frozen=True)
class Service:
    name: str
    settings: StackSettings

    @property
    def home(self) -> Path:
        return self.settings.state_dir / self.name

    @property
    def pid_file(self) -> Path:
        return self.settings.state_dir / f"{self.name}.pid"

    @property
    def log_file(self) -> Path:
        return self.settings.state_dir / f"{self.name}.log"

    @property
    def marker(self) -> str:
        """Found on the command line of every process started for this service."""
        return f"claimwire.stack={self.name}"


def require_tools(settings: StackSettings) -> None:
    """Raise StackError naming the missing tool when Java or Maven is not installed."""
    for tool, hint in ((settings.java, "a JDK 17+"), (settings.mvn, "Apache Maven")):
        if shutil.which(tool) is None:
            raise StackError(f"`{tool}` was not found on PATH: install {hint} (see README).")


def resolve_classpath(settings: StackSettings, name: str) -> str:
    """The class path of ``deploy/local/maven/NAME/pom.xml``, resolved once and cached.

    The cache is keyed by the pom's hash, so editing a version re-resolves. Maven
    keeps the jars in its own local repository (~/.m2), shared across clones.
    """
    pom = settings.maven_dir / name / "pom.xml"
    digest = hashlib.sha256(pom.read_bytes()).hexdigest()[:16]
    cached = settings.state_dir / f"{name}-{digest}.classpath"
    if cached.exists():
        return cached.read_text().strip()
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    print(f"Resolving {name} jars from Maven Central (first time only)...", flush=True)
    result = subprocess.run(
        [
            settings.mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={cached}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not cached.exists():
        cached.unlink(missing_ok=True)
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise StackError(f"Maven could not resolve {pom}:\n{tail}")
    return cached.read_text().strip()


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now (for tests and benchmarks)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _alive(pid: int) -> bool:
    """True for a live process; a zombie (dead, not yet reaped) counts as dead."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in {"Z", "X"}


def running_pid(service: Service) -> int | None:
    """The pid of ``service`` when its pid file names a live process that is ours."""
    try:
        pid = int(service.pid_file.read_text().strip())
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    return pid if service.marker in cmdline and _alive(pid) else None


def start_jvm(service: Service, args: list[str], heap: str) -> int:
    """Start a JVM in the background, logging to ``service.log_file``; returns its pid."""
    command = [
        service.settings.java,
        f"-Xms{heap}",
        f"-Xmx{heap}",
        f"-D{service.marker}",
        "-XX:+UseG1GC",
        "-Djava.awt.headless=true",
        *args,
    ]
    return start_background(service, command)


def start_background(
    service: Service, command: list[str], env: dict[str, str] | None = None
) -> int:
    """Start ``command`` in its own session, logging to ``service.log_file``; returns its pid.

    The command line must contain ``service.marker`` (a JVM property, or
    ``claimwire --tag MARKER``) so that ``running_pid`` recognises it.
    """
    service.home.mkdir(parents=True, exist_ok=True)
    with service.log_file.open("ab") as log:
        log.write(f"\n=== {time.strftime('%F %T')} starting {service.name}\n".encode())
        proc = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=service.home,
            start_new_session=True,
            env=env,
        )
    service.pid_file.write_text(str(proc.pid))
    _wait_for_exec(service, proc)
    return proc.pid


def _wait_for_exec(
    service: Service, proc: subprocess.Popen[bytes], timeout_s: float = 30.0
) -> None:
    """Return once the child shows ``service.marker`` on its command line, or has exited.

    Until the child's ``exec`` completes, ``/proc/PID/cmdline`` still shows the
    parent's command line, so ``running_pid`` would take a service that is
    starting on a busy machine for one that already exited.
    """
    deadline = time.monotonic() + timeout_s
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            cmdline = Path(f"/proc/{proc.pid}/cmdline").read_bytes().replace(b"\0", b" ")
        except FileNotFoundError:
            return
        if service.marker in cmdline.decode(errors="replace"):
            return
        time.sleep(0.01)


def log_tail(service: Service, lines: int = 25) -> str:
    try:
        return "\n".join(service.log_file.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"


def stop_process(service: Service) -> bool:
    """SIGTERM, wait, then SIGKILL. Returns True when a process of ours was stopped."""
    pid = running_pid(service)
    if pid is None:
        service.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + service.settings.stop_timeout_s
    while time.monotonic() < deadline and running_pid(service) is not None:
        time.sleep(0.3)
    if running_pid(service) is not None:
        os.killpg(pid, signal.SIGKILL)  # its own session: takes a supervised child along
        time.sleep(0.5)
    service.pid_file.unlink(missing_ok=True)
    return True


def _pid_from_file(service: Service) -> int | None:
    try:
        return int(service.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def wait_until(check: Callable[[], bool], service: Service, what: str) -> None:
    """Poll ``check()`` until it returns True; StackError with the log tail on timeout/death."""
    deadline = time.monotonic() + service.settings.start_timeout_s
    while time.monotonic() < deadline:
        pid = _pid_from_file(service)
        if pid is None or not _alive(pid):
            raise StackError(
                f"{service.name} exited while starting. Last lines of {service.log_file}:\n"
                f"{log_tail(service)}"
            )
        if check():
            return
        time.sleep(1.0)
    raise StackError(
        f"{service.name} did not become {what} within {service.settings.start_timeout_s:.0f}s. "
        f"Last lines of {service.log_file}:\n{log_tail(service)}"
    )
