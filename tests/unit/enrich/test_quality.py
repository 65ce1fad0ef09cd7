"""The extraction measure of ../shared/eval on the real article and on tests/gold.

Runs the core directly (the same record ``claimwire extract`` prints) and scores
it with the shared ``score_extract.py``, loaded from the shared folder by path.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from claimwire_enrich.cli import extraction_record
from claimwire_enrich.core import enrich_article
from claimwire_schemas.events import ArticleRaw, Origin
from claimwire_schemas.ids import article_id

from .conftest import NOW

GOLD = Path(__file__).resolve().parents[2] / "gold"
BARS = {"quote_R": 0.95, "speaker_acc": 0.9, "ent_F1": 0.85, "amount_R": 0.9, "claim_R": 0.7}


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extract", shared / "eval" / "score_extract.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(gold: dict[str, Any]) -> dict[str, Any]:
    published = gold.get("published_at")
    raw = ArticleRaw(
        article_id=article_id(gold.get("source_url"), gold["title"], gold["body"]),
        url=gold.get("source_url"),
        title=gold["title"],
        body=gold["body"],
        published_at=datetime.fromisoformat(published) if published else None,
        source=gold.get("source_name"),
        origin=Origin(kind="file", location="gold"),
        ingested_at=NOW,
    )
    return extraction_record(enrich_article(raw, now=NOW))


def _summary(scorer: ModuleType, files: list[Path]) -> dict[str, float]:
    total: dict[str, int] = {}
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        for key, value in scorer.score_article(gold, _predict(gold)).items():
            total[key] = total.get(key, 0) + value
    r = scorer.ratio
    ent_r, ent_p = r(total["e_match"], total["e_gold"]), r(total["e_match"], total["e_pred"])
    return {
        "quote_R": r(total["q_match"], total["q_gold"]),
        "speaker_acc": r(total["sp_ok"], total["q_match"]),
        "ent_F1": 2 * ent_r * ent_p / (ent_r + ent_p) if ent_r + ent_p else 0.0,
        "amount_R": r(total["a_match"], total["a_gold"]),
        "claim_R": r(total["c_match"], total["c_gold"]),
    }


def _assert_bars(summary: dict[str, float]) -> None:
    failing = {k: round(v, 3) for k, v in summary.items() if v < BARS[k]}
    assert not failing, f"below the bars {BARS}: {failing}"


def test_the_shared_real_article_meets_the_bars(shared_dir: Path) -> None:
    _assert_bars(_summary(_scorer(shared_dir), [shared_dir / "eval" / "seed.gold.json"]))


def test_the_fictional_gold_articles_meet_the_bars(shared_dir: Path) -> None:
    files = sorted(GOLD.glob("*.json"))
    if not files:
        pytest.fail(f"no gold files in {GOLD}")
    _assert_bars(_summary(_scorer(shared_dir), files))
