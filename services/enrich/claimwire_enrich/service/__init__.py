"""The enrich service: a faust-streaming worker around the pure extraction core.

``settings`` (``EnrichSettings``), ``app`` (``create_app``: the agent and its
message path), ``messages`` (pure parsing and record building), ``delivery``
(produce and wait for acks, bounded retry), ``health`` (``/healthz``,
``/readyz``, ``/metrics`` on faust's web server), ``metrics``.
Importing this package starts nothing; ``claimwire enrich`` runs the worker.
"""
