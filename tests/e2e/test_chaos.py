"""The short chaos run CI does: rebalances 1 -> 2 -> 1 and a SIGKILL while articles flow.

``make chaos`` runs the same scenario over 3,000 articles; here 450 keep CI
within its time. Every article id and claim id must be in Elasticsearch
exactly once, and nothing may be dead-lettered (the corpus is all valid).
"""

from __future__ import annotations

import pytest

from bench.chaos import ChaosPlan, report_json, run_chaos

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


def test_rebalances_and_a_crash_while_articles_flow_lose_and_duplicate_nothing(
    kafka_bootstrap: str, es_url: str
) -> None:
    report = run_chaos(ChaosPlan(articles=450, seed=3, deadline_s=300))
    summary = report_json(report)

    assert report.articles.indexed == 450, summary
    assert report.claims.indexed == report.claims.expected > 0, summary
    assert summary["lost"] == 0, summary
    assert summary["duplicates"] == 0, summary
    assert summary["unexpected"] == 0, summary
    assert summary["dead_letters"] == {}, summary
