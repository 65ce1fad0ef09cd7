"""Optional mypyc build of the pure enrichment core; all metadata lives in pyproject.toml.

A plain install (``make install``: ``pip install -e .``) stays pure Python, which is
what development and the tests use. With ``CLAIMWIRE_MYPYC=1`` the modules of
``claimwire_enrich`` (not the faust service, the CLIs or ``core``) are compiled to C
extensions by mypyc, about 1.5x faster (bench/core_bench.py). ``make compiled`` builds
such a copy into ``.build/mypyc`` and ``make bench`` runs against it; nothing in the
source tree changes, so a compiled module can never shadow an edited one.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

ENRICH = Path("services/enrich/claimwire_enrich")
# Package __init__ files and core stay interpreted: core is thin orchestration, and unit
# tests patch its extractor globals (a compiled caller binds its compiled callees when it
# is built).
SKIP = {"__init__.py", "cli.py", "service_cli.py", "core.py"}

ext_modules = []
if os.environ.get("CLAIMWIRE_MYPYC") == "1":
    from mypyc.build import mypycify

    os.environ.setdefault("MYPYPATH", "schemas")  # claimwire_schemas stays interpreted
    # every module of the core, subpackages (attribution/) included; not the service
    files = sorted(
        str(p) for p in ENRICH.rglob("*.py") if p.name not in SKIP and "service" not in p.parts
    )
    ext_modules = mypycify(
        ["--config-file=", "--python-version=3.11", "--ignore-missing-imports", *files],
        opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"),
        # The shared runtime library goes inside the package: by default it is a
        # top-level <hash>__mypyc module next to the package's folder.
        group_name="claimwire_enrich._mypyc",
    )

setup(ext_modules=ext_modules)
