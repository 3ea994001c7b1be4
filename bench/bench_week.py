"""A desk's real week against the one-article seed week: `make bench`.

Writes a generated week of 50 articles from six sites telling overlapping
news (``tests/weekgen.py``) and the one-article seed week into scratch
projects, then builds each cold (a fresh process, no parse cache) in
alternating runs and prints the median of each, the ratio, the PDF's pages
and the items shown in full. The figures go to ``bench/results-week.txt``,
which the README quotes.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.weekgen import WEEK, write_week  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
ARTICLES = 50
BRIEFING = ROOT / ".venv" / "bin" / "briefing"


def _project(folder: Path, articles: int) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "briefing.toml", folder / "briefing.toml")
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "data", folder / "data")
    if articles == 1:
        (folder / "seeds").mkdir()
        shutil.copy(ROOT / "seeds" / "000_31ebcd339b878c11.txt", folder / "seeds")
    else:
        write_week(folder / "seeds" / WEEK, articles)
    return folder


def _cold_build(root: Path) -> float:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(BRIEFING), "build", "--week", WEEK], cwd=root, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1763683200"})
    return time.perf_counter() - start


def _shape(root: Path) -> tuple[int, int, int]:
    from pypdf import PdfReader

    out = root / "output" / WEEK
    items = json.loads((out / "items.json").read_text(encoding="utf-8"))
    html = (out / f"briefing-{WEEK}.html").read_text(encoding="utf-8")
    total = sum(len(s["items"]) for s in items["sections"])
    return len(PdfReader(str(out / f"briefing-{WEEK}.pdf")).pages), html.count('<article class="item'), total


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        one, many = _project(Path(scratch) / "one", 1), _project(Path(scratch) / "many", ARTICLES)
        times: dict[str, list[float]] = {"one": [], "many": []}
        _cold_build(one), _cold_build(many)  # warm the disk and font caches
        for _ in range(RUNS):
            times["one"].append(_cold_build(one))
            times["many"].append(_cold_build(many))
        pages, full, total = _shape(many)
        one_pages = _shape(one)[0]
    a, b = statistics.median(times["one"]), statistics.median(times["many"])
    lines = [
        f"week of 1 article (seed):        {a:6.2f} s median of {RUNS}, {one_pages} PDF pages",
        f"week of {ARTICLES} articles, 6 sites:  {b:6.2f} s median of {RUNS}, {pages} PDF pages, "
        f"{full} of {total} items in full (page limit {6 + -(-full // 4)})",
        f"ratio {ARTICLES} articles / 1 article: {b / a:.2f} (goal: at most 2)",
    ]
    print("\n".join(lines))
    (ROOT / "bench" / "results-week.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
