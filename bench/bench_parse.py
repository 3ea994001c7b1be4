"""Parser speed and the parse cache: part of `make bench`.

1. Parsing: 10,000 articles generated from the labelled fixtures
   (tests/fixtures/formats, text shapes: each fixture repeated with its
   numbers and titles varied) are parsed in memory; the median of several
   runs must stay within 2 s.
2. The cache: a seeds/ folder of 10,000 such files (in sub-folders) is read
   by the build's ingest and parse stages. The first run parses everything
   and fills the content-hash cache; a second build of the busiest week must
   re-parse nothing and take at most 0.5 s; after 10 files change, exactly
   those 10 are parsed again.

Medians, because the machine is shared and noisy. Prints one line per measure
and exits non-zero when a target is missed.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from briefing import config, corpus  # noqa: E402

COUNT = int(os.environ.get("BENCH_ARTICLES", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
PARSE_TARGET, CACHED_TARGET = 2.0, 0.5
FIXTURES = ROOT / "tests" / "fixtures" / "formats"


def fixture_texts() -> list[str]:
    from briefing.readers import decode

    return [decode(p.read_bytes())[0] for p in sorted(FIXTURES.glob("*.txt"))]


def generate(count: int) -> list[tuple[str, str]]:
    """``count`` article texts: the fixtures in turn, numbers and titles varied so no two are equal."""
    texts = fixture_texts()
    out = []
    for n in range(count):
        text = texts[n % len(texts)]
        shift = n // len(texts)
        text = re.sub(r"\b(\d{1,3}),(\d{3})\b", lambda m: f"{int(m[1]) + shift % 97},{m[2]}", text)
        first, _, rest = text.partition("\n")
        out.append((f"{n:05d}.txt", f"{first} ({n})\n{rest}"))
    return out


def bench_parse(articles: list[tuple[str, str]], workers: int) -> list[float]:
    """Decode and parse every article as the build does (``corpus.parse_files``), from bytes in memory."""
    jobs = [(Path(name), text.encode("utf-8")) for name, text in articles]
    times = []
    for _ in range(RUNS + 1):
        start = time.perf_counter()
        corpus.parse_files(jobs, workers)
        times.append(time.perf_counter() - start)
    return times[1:]


def bench_cache(articles: list[tuple[str, str]]) -> tuple[float, list[float], int, float]:
    scratch = Path(tempfile.mkdtemp(prefix="bench-parse-"))
    try:
        shutil.copy(ROOT / "briefing.toml", scratch / "briefing.toml")
        seeds = scratch / "seeds"
        for n, (name, text) in enumerate(articles):
            folder = seeds / f"batch-{n // 1000:02d}"  # sub-folders, as a desk keeps them
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        cfg = config.load(scratch)[0]
        start = time.perf_counter()
        _, counts, _ = corpus.read_week(cfg, None)
        cold = time.perf_counter() - start
        week = max(sorted(counts), key=counts.get)  # the busiest week: the most articles to load
        warm = []
        for _ in range(RUNS):
            start = time.perf_counter()
            corpus.read_week(cfg, week)
            warm.append(time.perf_counter() - start)
        changed = sorted(seeds.rglob("*.txt"))[:10]
        for path in changed:
            path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        parsed = []
        real = corpus.parse_file
        corpus.parse_file = lambda path, data: parsed.append(path) or real(path, data)
        try:
            start = time.perf_counter()
            corpus.read_week(cfg, week)
            after_change = time.perf_counter() - start
        finally:
            corpus.parse_file = real
        return cold, warm, len(parsed), after_change
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    articles = generate(COUNT)
    ok = True
    one = statistics.median(bench_parse(articles, 1))
    print(f"parse {COUNT} generated articles in one process: median {one:.2f} s ({one / COUNT * 1e3:.3f} ms each)")
    workers = os.cpu_count() or 1
    median = statistics.median(bench_parse(articles, workers))
    ok &= median <= PARSE_TARGET
    print(f"parse {COUNT} generated articles as the build does ({workers} processes): median {median:.2f} s "
          f"(target <= {PARSE_TARGET:.1f} s) {'ok' if median <= PARSE_TARGET else 'SLOW'}")
    cold, warm, reparsed, after = bench_cache(articles)
    warm_median = statistics.median(warm)
    ok &= warm_median <= CACHED_TARGET and reparsed == 10
    print(f"ingest+parse of a {COUNT}-file seeds/: first build {cold:.2f} s, second build median "
          f"{warm_median:.2f} s (target <= {CACHED_TARGET:.1f} s) {'ok' if warm_median <= CACHED_TARGET else 'SLOW'}; "
          f"after 10 files changed: {reparsed} re-parsed in {after:.2f} s {'ok' if reparsed == 10 else 'WRONG'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
