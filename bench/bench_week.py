"""The weekly build against the usual toolchain, and as the week grows: `make bench`.

1. Side by side, alternating runs: a cold ``briefing build --week 2025-47``
   (a fresh process, no cache: parse, group, charts, HTML, PDF, DOCX) and the
   usual toolchain merely converting the finished HTML
   (``weasyprint briefing.html out.pdf && pandoc briefing.html -o out.docx``);
   the median of each, and their ratio (goal: at most 0.6).
2. Generated weeks of 1, 10, 50 and 200 articles from six sites telling
   overlapping news (``tests/weekgen.py``; 1 is the seed article), each built
   cold: wall time and peak memory (the build process and its PDF worker, the
   sum of their peaks), and the growth per article (goal: 200 articles in
   under 10 s within 600 MiB).

The figures go to ``bench/results-week.txt``, which the README quotes.
pandoc is installed from Debian when missing (as root).
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
SIZES = (1, 10, 50, 200)
BIN = ROOT / ".venv" / "bin"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763683200"}
MIB = 1024 * 1024


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


def _pandoc() -> str:
    found = shutil.which("pandoc")
    if not found and os.geteuid() == 0 and shutil.which("apt-get"):
        print("installing pandoc (apt-get install pandoc) ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "pandoc"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("pandoc")
    if not found:
        sys.exit("bench: pandoc is missing; run: sudo apt-get install -y pandoc")
    return found


def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def _cold_build(root: Path) -> float:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "output", ignore_errors=True)
    return _timed([str(BIN / "briefing"), "build", "--week", WEEK], root)


def _toolchain(html: Path, pandoc: str) -> float:
    """``weasyprint briefing.html out.pdf && pandoc briefing.html -o out.docx``."""
    return _timed(["sh", "-c", f'"$0" "$1" out.pdf && "$2" "$1" -o out.docx',
                   str(BIN / "weasyprint"), str(html), pandoc], html.parent)


def side_by_side(scratch: Path) -> list[str]:
    pandoc = _pandoc()
    root = _project(scratch / "seed", 1)
    _cold_build(root)  # warms the disk and font caches
    html = scratch / "convert" / "briefing.html"
    html.parent.mkdir()
    shutil.copy(root / "output" / WEEK / f"briefing-{WEEK}.html", html)
    _toolchain(html, pandoc)
    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(_cold_build(root))
        theirs.append(_toolchain(html, pandoc))
    a, b = statistics.median(ours), statistics.median(theirs)
    return [
        f"cold briefing build --week {WEEK} (parse, group, charts, HTML, PDF, DOCX): {a:.2f} s median of {RUNS}",
        f"weasyprint briefing.html out.pdf && pandoc briefing.html -o out.docx:  {b:.2f} s median of {RUNS}",
        f"ratio build / conversion: {a / b:.2f} (goal: at most 0.6), runs alternating, side by side",
    ]


# The build process itself: ``briefing build``, then its peak RSS and its PDF worker's (waited for).
MEASURED = """
import json, resource, sys
from briefing import cli
status = cli.main(["build", "--week", sys.argv[1]])
peak = [resource.getrusage(who).ru_maxrss * 1024 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
print("PEAKS " + json.dumps(peak), file=sys.stderr)
sys.exit(status)
"""


def _measured_build(root: Path) -> tuple[float, int]:
    """A cold build's wall time and peak memory: the build process's and its worker's peaks added."""
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / "output", ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run([str(BIN / "python"), "-c", MEASURED, WEEK], cwd=root, env=ENV, check=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    peaks = json.loads(next(line for line in done.stderr.splitlines() if line.startswith("PEAKS "))[6:])
    return seconds, sum(peaks)


def _shape(root: Path) -> tuple[int, int]:
    from pypdf import PdfReader

    out = root / "output" / WEEK
    items = json.loads((out / "items.json").read_text(encoding="utf-8"))
    return sum(len(s["items"]) for s in items["sections"]), len(PdfReader(str(out / f"briefing-{WEEK}.pdf")).pages)


def growth(scratch: Path) -> list[str]:
    lines, rows = [], []
    for n in SIZES:
        root = _project(scratch / f"week-{n}", n)
        _measured_build(root)  # warm-up
        runs = [_measured_build(root) for _ in range(3)]
        seconds, rss = statistics.median(t for t, _ in runs), max(m for _, m in runs)
        rows.append((n, seconds, rss))
        items, pages = _shape(root)
        lines.append(f"week of {n:>3} article{'s' if n > 1 else ' '}: {seconds:6.2f} s median of 3, "
                     f"peak {rss / MIB:4.0f} MiB (build and PDF worker), {items} items, {pages} PDF pages")
    (n1, t1, m1), (n2, t2, m2) = rows[0], rows[-1]
    per_time, per_memory = (t2 - t1) / (n2 - n1), (m2 - m1) / (n2 - n1)
    lines.append(f"growth per article ({n1} to {n2}): {per_time * 1000:.0f} ms and {per_memory / MIB:.2f} MiB; "
                 f"{n2} articles {'within' if t2 < 10 and m2 <= 600 * MIB else 'OVER'} the goal (under 10 s, 600 MiB)")
    fifty = next(t for n, t, _ in rows if n == 50)
    lines.append(f"ratio 50 articles / 1 article: {fifty / t1:.2f} (goal: at most 2)")
    return lines


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        lines = side_by_side(Path(scratch))
        print("\n".join(lines), flush=True)
        more = growth(Path(scratch))
        print("\n".join(more))
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    head = f"briefing week bench, {stamp}, {os.cpu_count()} cores (shared), SOURCE_DATE_EPOCH set"
    (ROOT / "bench" / "results-week.txt").write_text("\n".join([head, *lines, *more]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
