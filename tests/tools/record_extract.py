"""Record the ``claimwire extract`` output of every known article, as the refactor's reference.

``python -m tests.tools.record_extract`` (or ``make golden``) writes:

- ``tests/fixtures/extract_golden/<name>.json``: the full output for the fictional
  articles of ``samples/`` and ``tests/gold/`` (those may live in the repository);
- ``tests/fixtures/extract_golden/shared.sha256``: one ``sha256  name`` line per real
  article of ``../shared`` (the seed in ``samples/`` and ``eval/``, and ``eval/dev/``).
  Real articles and their extraction never enter the repository, only these digests.

The output is what ``claimwire extract FILE`` prints (the same reader, core and
``extraction_record``, indented JSON), with the two clocks fixed so it is
deterministic: ``ingested_at`` (which also anchors relative dates when an article
has no ``published_at``) and ``now`` (``enriched_at``, ``extracted_at``) are
:data:`CLOCK`. Gold files are turned into an article the way ``score_extract.py``
does (``title``, ``body``, ``published_at``, ``url`` from ``source_url``).

The optional ``attribution_rule`` field of quotations and claims (which pattern
chose the speaker) is left out of what is recorded and compared, so recording
before and after it existed gives the same bytes. Re-record on purpose when an
extraction change is meant to change output; the test ``test_extract_golden``
compares against these files. Idempotent: recording twice writes the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from claimwire_enrich.cli import extraction_record
from claimwire_enrich.core import enrich_article
from claimwire_ingest.readers import STDIN, read_single_article

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "extract_golden"
SHARED_DIGESTS = GOLDEN / "shared.sha256"
CLOCK = datetime(2026, 4, 30, 12, 0, tzinfo=UTC)
ARTICLE_SUFFIXES = (".json", ".txt", ".html")
# Fields added after the reference was recorded; compatible additions, not changes.
NEW_FIELDS = ("attribution_rule",)


def shared_dir() -> Path:
    """``$SHARED`` when set (as in the Makefile), else ``../shared`` beside the repository."""
    return Path(os.environ.get("SHARED") or ROOT.parent / "shared")


@dataclass(frozen=True, slots=True)
class Source:
    """One article to extract: its reference name and how to read it."""

    name: str
    path: Path
    gold: bool  # a gold annotation file holding the article, not an article file


def _articles(folder: Path, prefix: str) -> Iterator[Source]:
    for path in sorted(folder.iterdir()):
        if path.suffix in ARTICLE_SUFFIXES and path.is_file():
            yield Source(f"{prefix}{path.name}", path, gold=False)


def _golds(folder: Path, prefix: str, pattern: str) -> Iterator[Source]:
    for path in sorted(folder.glob(pattern)):
        yield Source(f"{prefix}{path.name}", path, gold=True)


def project_sources() -> list[Source]:
    """The fictional articles: every file of ``samples/`` and every ``tests/gold`` file."""
    return [
        *_articles(ROOT / "samples", "samples--"),
        *_golds(ROOT / "tests" / "gold", "gold--", "*.json"),
    ]


def shared_sources(shared: Path) -> list[Source]:
    """The real articles of ``shared``: ``samples/``, the seed gold and ``eval/dev/``."""
    return [
        *_articles(shared / "samples", "shared-samples--"),
        *_golds(shared / "eval", "shared-eval--", "*.gold.json"),
        *_golds(shared / "eval" / "dev", "shared-eval-dev--", "*.json"),
    ]


def _without_new_fields(record: dict[str, Any]) -> dict[str, Any]:
    for key in ("quotes", "claims"):
        for item in record.get(key) or []:
            for field in NEW_FIELDS:
                item.pop(field, None)
    return record


def extract_text(source: Source) -> str:
    """The ``claimwire extract`` output for ``source`` (fixed clocks, new fields left out)."""
    if source.gold:
        gold = json.loads(source.path.read_text(encoding="utf-8"))
        article = {k: gold.get(k) for k in ("title", "body", "published_at")}
        article["url"] = gold.get("source_url")
        raw = read_single_article(STDIN, stdin=json.dumps(article).encode("utf-8"))
    else:
        raw = read_single_article(str(source.path))
    raw = raw.model_copy(update={"ingested_at": CLOCK})
    record = _without_new_fields(extraction_record(enrich_article(raw, now=CLOCK)))
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def digest(text: str) -> str:
    """The sha256 of one output, as recorded for real articles."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_digests(path: Path = SHARED_DIGESTS) -> dict[str, str]:
    """``name -> sha256`` from a digest file (``sha256  name`` lines)."""
    pairs = (line.split(maxsplit=1) for line in path.read_text(encoding="utf-8").splitlines())
    return {name: sha for sha, name in pairs}


def record(shared: Path) -> list[str]:
    """Write every reference file; returns what was written (one line each). Idempotent."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    written = []
    for stale in GOLDEN.glob("*.json"):
        stale.unlink()
    for source in project_sources():
        (GOLDEN / f"{source.name}.json").write_text(extract_text(source), encoding="utf-8")
        written.append(f"{source.name}.json")
    if shared.is_dir():
        lines = [f"{digest(extract_text(s))}  {s.name}" for s in shared_sources(shared)]
        SHARED_DIGESTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(f"{SHARED_DIGESTS.name} ({len(lines)} real articles)")
    else:
        written.append(f"{shared} is missing: {SHARED_DIGESTS.name} left as it was")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry: records everything and lists it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=shared_dir(), help="the shared folder")
    args = parser.parse_args(argv)
    for line in record(args.shared):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
