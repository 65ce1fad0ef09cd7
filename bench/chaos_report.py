"""The accounting of a chaos run: what went in against what came out. Pure.

Inputs are plain sets and mappings (the expected ids the pure core gives for
the corpus, what Elasticsearch holds per concrete index, the dead letters by
reason); the output is a frozen ``ChaosReport`` that says, in numbers, what
was indexed, duplicated, dead-lettered and lost.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class KindReport:
    """One kind of document (articles or claims)."""

    expected: int
    indexed: int  # distinct expected ids found
    lost: tuple[str, ...]  # expected ids in no index
    duplicated: tuple[str, ...]  # ids stored in more than one concrete index
    unexpected: int  # ids nobody expected (stale or foreign documents)


@dataclass(frozen=True)
class ChaosReport:
    """Everything a chaos run prints; ``ok`` when nothing was lost or duplicated."""

    articles_in: int
    articles: KindReport
    claims: KindReport
    dead_letters: Mapping[str, int]  # reason -> count
    events: tuple[str, ...]  # what the scenario did, in order

    @property
    def ok(self) -> bool:
        kinds = (self.articles, self.claims)
        return not any(k.lost or k.duplicated for k in kinds)

    def lines(self) -> list[str]:
        """The human-readable summary, one fact a line."""
        rows = [
            f"articles in:         {self.articles_in}",
            _row("articles", self.articles),
            _row("claims", self.claims),
            "dead letters:        "
            + (
                ", ".join(f"{reason} {n}" for reason, n in sorted(self.dead_letters.items())) or "0"
            ),
            f"lost:                {len(self.articles.lost)} articles, "
            f"{len(self.claims.lost)} claims",
            f"duplicates:          {len(self.articles.duplicated)} articles, "
            f"{len(self.claims.duplicated)} claims",
        ]
        for kind, report in (("article", self.articles), ("claim", self.claims)):
            rows.extend(f"  lost {kind}: {doc_id}" for doc_id in report.lost[:10])
            rows.extend(f"  duplicated {kind}: {doc_id}" for doc_id in report.duplicated[:10])
        return rows


def _row(name: str, report: KindReport) -> str:
    return (
        f"{name + ' indexed:':<21}{report.indexed} of {report.expected} expected"
        f" ({report.unexpected} unexpected)"
    )


def kind_report(expected: set[str], stored: Iterable[tuple[str, str]]) -> KindReport:
    """Compare expected ids with ``(index, id)`` pairs read back from Elasticsearch.

    An id in two concrete indices is a duplicate (the alias would return it
    twice); an expected id in none is lost. Pure.
    """
    indices_of: Counter[str] = Counter()
    for _index, doc_id in stored:
        indices_of[doc_id] += 1
    found = set(indices_of)
    return KindReport(
        expected=len(expected),
        indexed=len(expected & found),
        lost=tuple(sorted(expected - found)),
        duplicated=tuple(sorted(i for i, n in indices_of.items() if n > 1)),
        unexpected=len(found - expected),
    )
