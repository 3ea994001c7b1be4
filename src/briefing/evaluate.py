"""Accuracy of the parser against hand-labelled fixture articles (``make eval``).

``tests/fixtures/formats/expected.toml`` lists, for each fixture article, its
items (the first words of each body: item boundaries), dates (publication,
period and event dates with ranges), companies and figures, and, where an
article has ``measures``, what each figure measures ("text | subject |
metric", of its items' figures and its forecast paragraphs'). This module
parses the fixtures and prints precision and recall for each, micro-averaged
over all articles (subjects and metrics over the articles that label them).
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import ingest, parse
from .models import Article, Company, ResolvedDate

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
KINDS = ("items", "dates", "companies", "figures", "subjects", "metrics")


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+|[^\w\s]", text.casefold()))


def company_id(company: Company) -> str:
    return company.key or company.code or company.name


def date_id(date: ResolvedDate) -> str:
    return f"{date.value.isoformat()}/{date.end.isoformat()}" if date.end else date.value.isoformat()


def observed(article: Article) -> dict[str, list[str]]:
    """What the parser found, in the labels' terms."""
    dates = [f"published {article.date.value.isoformat()} {'explicit' if article.date.explicit else 'inferred'}"
             if article.date.known else "published unknown"]
    if article.period:
        dates.append(f"period {date_id(article.period)}")
    dates += [date_id(d) for item in article.items for d in item.dates]
    measured = [f for item in article.items for f in item.figures] + list(article.forecast_figures)
    return {
        "subjects": [f"{f.text} | {f.subject.casefold()}" for f in measured if f.subject],
        "metrics": [f"{f.text} | {f.metric}" for f in measured],
        "items": [item.body for item in article.items],
        "dates": dates,
        "companies": sorted({company_id(c) for item in article.items for c in item.companies}),
        "figures": [f.text for item in article.items for f in item.figures],
    }


def wanted(label: dict) -> dict[str, list[str]]:
    dates = [f"published {label['published']} {'explicit' if label.get('explicit', True) else 'inferred'}"
             if label["published"] != "unknown" else "published unknown"]
    if label.get("period"):
        dates.append(f"period {label['period']}")
    dates += list(label.get("dates", []))
    measures = [[part.strip() for part in row.split("|")] for row in label.get("measures", [])]
    return {"subjects": [f"{text} | {subject.casefold()}" for text, subject, _ in measures if subject],
            "metrics": [f"{text} | {metric}" for text, _, metric in measures],
            "items": list(label.get("items", [])), "dates": dates,
            "companies": sorted(set(label.get("companies", []))), "figures": list(label.get("figures", []))}


def _match_items(found: list[str], expected: list[str]) -> tuple[int, list[str]]:
    """Expected body openings matched, in order, by parsed item bodies."""
    bodies = [_norm(b) for b in found]
    used: set[int] = set()
    tp, misses = 0, []
    for opening in expected:
        key = _norm(opening)
        hit = next((n for n, b in enumerate(bodies) if n not in used and b.startswith(key)), None)
        if hit is None:
            misses.append(f"item not found: {opening!r}")
        else:
            used.add(hit)
            tp += 1
    misses += [f"extra item: {found[n][:60]!r}" for n in range(len(found)) if n not in used]
    return tp, misses


def score(folder: Path = FIXTURES) -> tuple[dict[str, Score], int]:
    labels = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))["article"]
    parsed: dict[str, Article | str] = {}
    for path in ingest.discover(folder):
        result = ingest.read_all(path)
        if not isinstance(result, list):
            parsed[path.name] = result.reason
            continue
        for source in result:
            name = path.name + (f"#{source.part}" if source.part else "")
            try:
                parsed[name] = parse.parse(source)
            except ValueError as exc:
                parsed[name] = str(exc)
    scores = {kind: Score() for kind in KINDS}
    for label in labels:
        article = parsed.get(label["file"])
        want = wanted(label)
        got = observed(article) if isinstance(article, Article) else {k: [] for k in KINDS}
        for kind in KINDS:
            if kind in ("subjects", "metrics") and "measures" not in label:
                continue  # measured only where the label says what each figure measures
            s = scores[kind]
            s.expected += len(want[kind])
            s.predicted += len(got[kind])
            if kind == "items":
                tp, misses = _match_items(got[kind], want[kind])
            else:
                common = Counter(got[kind]) & Counter(want[kind])
                tp = sum(common.values())
                misses = [f"missing {x!r}" for x in (Counter(want[kind]) - common).elements()]
                misses += [f"extra {x!r}" for x in (Counter(got[kind]) - common).elements()]
            s.tp += tp
            s.misses += [f"{label['file']}: {m}" for m in misses]
    return scores, len(labels)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    verbose = "-v" in argv
    folders = [a for a in argv if not a.startswith("-")]
    scores, count = score(Path(folders[0]) if folders else FIXTURES)
    print(f"parser accuracy on {count} labelled fixture articles")
    print(f"{'':<10} {'precision':>9} {'recall':>7} {'labels':>7}")
    for kind, s in scores.items():
        print(f"{kind:<10} {s.precision:>9.3f} {s.recall:>7.3f} {s.expected:>7}")
    if verbose:
        for s in scores.values():
            for miss in s.misses:
                print("  " + miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
