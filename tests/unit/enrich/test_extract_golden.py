"""The enrichment core's output stays byte-identical to the recorded reference.

The reference (``tests/fixtures/extract_golden``) is ``claimwire extract`` on every
article of ``samples/``, ``tests/gold`` and, as sha256 digests only, the real
articles of ``../shared``, recorded by ``tests/tools/record_extract.py`` (``make
golden``) with fixed clocks. Only the new optional ``attribution_rule`` field is
left out of the comparison. An intended extraction change re-records on purpose.
"""

from __future__ import annotations

import pytest

from tests.tools import record_extract as rec

PROJECT = rec.project_sources()


def test_every_project_article_has_a_reference() -> None:
    recorded = {path.name for path in rec.GOLDEN.glob("*.json")}
    assert recorded == {f"{s.name}.json" for s in PROJECT}
    assert len(PROJECT) >= 60


@pytest.mark.parametrize("source", PROJECT, ids=[s.name for s in PROJECT])
def test_project_article_output_is_unchanged(source: rec.Source) -> None:
    expected = (rec.GOLDEN / f"{source.name}.json").read_text(encoding="utf-8")
    assert rec.extract_text(source) == expected


def test_shared_real_article_outputs_are_unchanged() -> None:
    shared = rec.shared_dir()
    if not shared.is_dir():
        pytest.skip(f"{shared} is missing: the real articles' outputs are not compared")
    sources = rec.shared_sources(shared)
    recorded = rec.read_digests()
    assert {s.name for s in sources} == set(recorded)
    changed = [s.name for s in sources if rec.digest(rec.extract_text(s)) != recorded[s.name]]
    assert changed == []
