"""The short chaos run CI does: rebalances 1 -> 2 -> 1 and a SIGKILL while articles flow.

``make chaos`` runs the same scenario over 3,000 articles; here 450 keep CI
within its time. Every article id and claim id must be in Elasticsearch
exactly once, and nothing may be dead-lettered (the corpus is all valid).
"""

from __future__ import annotations

import pytest

from bench.chaos import ChaosPlan, report_json, run_chaos

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


# Known, open (issue 12): in one of two fresh-clone runs on 2026-12-02 every article was
# indexed but 356 of 10,871 claims were still missing when the 300 s wait gave up; runs of
# 450, 600 and 3,000 articles passed otherwise. Suspected: the index service's handling of
# the 2 -> 1 rebalance of the claims topic. It runs in every `make test` and reports XPASS
# or XFAIL; `strict=False` so an intermittent failure does not hide the rest of the suite.
@pytest.mark.xfail(
    strict=False,
    reason="intermittent: claims missing after the index 2 -> 1 rebalance (issue 12, open)",
)
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
