"""The local supervisor: restarts a crashed command, bounded, and stops on success."""

from __future__ import annotations

import sys
from pathlib import Path

from claimwire.supervise import backoff_s, supervise


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff_s(n) for n in (1, 2, 3, 4, 9)] == [1, 2, 4, 8, 30]


def _flaky(tmp_path: Path, failures: int) -> list[str]:
    counter = tmp_path / "runs"
    script = (
        "import pathlib, sys\n"
        f"p = pathlib.Path({str(counter)!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\n"
        "p.write_text(str(n))\n"
        f"sys.exit(3 if n <= {failures} else 0)\n"
    )
    return [sys.executable, "-c", script]


def test_a_crashed_command_is_restarted_until_it_succeeds(tmp_path: Path) -> None:
    assert supervise(_flaky(tmp_path, failures=2), max_restarts=5, window_s=60) == 0
    assert (tmp_path / "runs").read_text() == "3"


def test_restarts_are_bounded(tmp_path: Path) -> None:
    assert supervise(_flaky(tmp_path, failures=100), max_restarts=1, window_s=60) == 3
    assert (tmp_path / "runs").read_text() == "2"
