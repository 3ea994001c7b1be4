"""Duplicate merging of a large week: part of `make bench`.

The items of 500 and 2,000 articles generated from the labelled fixtures
(``bench_parse.generate``: each fixture repeated with its numbers and titles
varied, so many items are the same news told again) are merged with
``dedup.merge``; the median of several runs is printed, with the time per
item, which stays about the same from 500 to 2,000 articles now that the
merge looks kept items up by their words instead of comparing every pair.
No target: the line is for reading.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_parse import RUNS, generate  # noqa: E402

from briefing import corpus, dedup  # noqa: E402
from briefing.models import Article  # noqa: E402


def week_items(count: int) -> list:
    jobs = [(Path(name), text.encode("utf-8")) for name, text in generate(count)]
    articles = [a for entry in corpus.parse_files(jobs, 1) for a in entry.articles() if isinstance(a, Article)]
    return [item for article in articles for item in article.items]


def main() -> int:
    for count in (500, 2000):
        items = week_items(count)
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            kept, merged = dedup.merge(items)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(f"dedup {count:>5} articles: {len(items):>6} items -> {len(kept)} kept, {merged} merged "
              f"in {median:.3f} s (median of {RUNS}; {median / len(items) * 1e6:.0f} us per item)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
