"""What the benchmarks read from running processes: memory, CPU time, metrics.

Linux only (``/proc``). A process that is gone reads as zero, not as an error.
"""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families


def child_pids(pid: int) -> list[int]:
    """Child pids of every thread of ``pid``: a JVM (Elasticsearch's launcher) forks from
    a thread other than its main one. Raises FileNotFoundError when ``pid`` is gone."""
    return [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]


def rss_mib(pid: int | None) -> float:
    """Resident memory of ``pid`` and its children (a service runs under its supervisor)."""
    if pid is None:
        return 0.0
    total = 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) / 1024
        children = child_pids(pid)
    except FileNotFoundError:
        return total
    return total + sum(rss_mib(child) for child in children)


def cpu_seconds(pid: int | None) -> float:
    """User and system CPU seconds of ``pid`` and its children so far (0 when gone)."""
    if pid is None:
        return 0.0
    try:
        # fields after the command's closing parenthesis; utime and stime are 12th and 13th
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = child_pids(pid)
    except FileNotFoundError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) for child in children)


def metric(port: int, name: str, labels: dict[str, str]) -> float:
    """The value of one sample of a service's /metrics (0 when it has none yet)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return 0.0
