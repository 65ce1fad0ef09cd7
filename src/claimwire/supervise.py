"""``claimwire supervise -- COMMAND``: restart a service that crashed, as compose would.

The services are crash-only about their broker: the index service exits
without committing when Kafka goes away, and the enrich worker exits when one
event is stuck (faust/aiokafka can stall after a broker restart). Either way
nothing was committed past what was delivered, so a restart resumes exactly.
In docker compose, ``restart: unless-stopped`` does this; locally (`make demo`,
the end-to-end tests, the benchmark) this small supervisor does.

Restarts are bounded: after ``max_restarts`` within ``window_s`` it gives up
and exits with the child's status. SIGTERM and SIGINT are passed on to the
child, and a child that exits after them is not restarted.
"""

from __future__ import annotations

import argparse
import logging
import signal
import subprocess
import sys
import time
from collections import deque
from types import FrameType

log = logging.getLogger("claimwire.supervise")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("supervise", help="run a command, restarting it when it crashes")
    parser.add_argument("--max-restarts", type=int, default=10)
    parser.add_argument("--window", type=float, default=600.0, help="seconds")
    parser.add_argument("cmd", nargs=argparse.REMAINDER, help="-- COMMAND ARGS...")
    parser.set_defaults(func=_main)


def backoff_s(restarts_in_window: int, cap_s: float = 30.0) -> float:
    """1, 2, 4, ... seconds, capped. Pure."""
    return float(min(cap_s, 2 ** max(0, restarts_in_window - 1)))


def supervise(cmd: list[str], max_restarts: int, window_s: float) -> int:
    """Run ``cmd`` until it exits 0 or is told to stop; returns its last exit status."""
    stopping = False
    child: subprocess.Popen[bytes] | None = None

    def forward(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    restarts: deque[float] = deque()
    while True:
        child = subprocess.Popen(cmd)
        status = child.wait()
        if stopping or status == 0:
            return status
        now = time.monotonic()
        while restarts and now - restarts[0] > window_s:
            restarts.popleft()
        if len(restarts) >= max_restarts:
            log.error(
                "%s exited %d; %d restarts in %.0fs, giving up",
                cmd[0],
                status,
                len(restarts),
                window_s,
            )
            return status
        restarts.append(now)
        delay = backoff_s(len(restarts))
        log.warning("service exited with %d; restarting in %.0fs", status, delay)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and not stopping:
            time.sleep(0.2)
        if stopping:
            return status


def _main(args: argparse.Namespace) -> int:
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        print("claimwire supervise: give a command after --", file=sys.stderr)
        return 2
    return supervise(cmd, args.max_restarts, args.window)
