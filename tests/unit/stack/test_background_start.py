"""A background service counts as running from the moment ``start_background`` returns."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from claimwire.stack.jvm import Service, running_pid, start_background
from claimwire.stack.settings import StackSettings


def test_a_child_slow_to_exec_is_not_taken_for_one_that_exited(tmp_path: Path) -> None:
    service = Service("slow-exec", StackSettings(state_dir=tmp_path))
    # The marker appears on the command line only after an exec 0.5 s in, as it does on
    # a busy machine where the fork is quick and the exec of a new interpreter is not.
    # The marker comes from the environment, so the first command line does not show it.
    late_exec = (
        "import os, sys, time; time.sleep(0.5); "
        "os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(30)', "
        "'--tag', os.environ['MARKER']])"
    )
    env = {**os.environ, "MARKER": service.marker}
    pid = start_background(service, [sys.executable, "-c", late_exec], env=env)
    try:
        assert running_pid(service) == pid
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
