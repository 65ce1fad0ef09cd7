"""Which build of the enrichment core a benchmark ran: interpreted or mypyc-compiled."""

from __future__ import annotations

import importlib.machinery
import importlib.util


def core_is_compiled() -> bool:
    """True when ``claimwire_enrich`` resolves to the mypyc build (``make compiled``).

    The benchmark's services inherit its environment (``PYTHONPATH``), so they run the
    same build as this process.
    """
    spec = importlib.util.find_spec("claimwire_enrich.amounts")
    return spec is not None and isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)
