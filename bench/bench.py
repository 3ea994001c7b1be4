"""Stage timings of the weekly build: `make bench`.

Builds week 2025-47 several times in a scratch copy of the project and prints
the median time of each stage (ingest, parse, group, charts, HTML, PDF, DOCX,
write), its share of the whole, and the median wall time of the full
`make briefing WEEK=2025-47` (a fresh process: imports included). Medians,
because this machine is shared and noisy.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from briefing import config  # noqa: E402
from briefing.build import build  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WEEK = os.environ.get("BENCH_WEEK", "2025-47")


def stage_times(root: Path) -> dict[str, list[float]]:
    cfg = config.load(root)[0]
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(RUNS + 1):  # the first run warms imports and font caches; it is dropped
        last = time.perf_counter()
        run: dict[str, float] = {}

        def timer(stage: str) -> None:
            nonlocal last
            now = time.perf_counter()
            run[stage] = now - last
            last = now

        start = time.perf_counter()
        build(cfg, WEEK, timer=timer)
        run["total"] = time.perf_counter() - start
        for stage, seconds in run.items():
            times[stage].append(seconds)
    return {stage: values[1:] for stage, values in times.items()}


def make_times() -> list[float]:
    out = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(["make", "-s", "briefing", f"WEEK={WEEK}"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(ROOT / "briefing.toml", root)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        shutil.copytree(ROOT / "templates", root / "templates")
        times = stage_times(root)
    total = statistics.median(times.pop("total"))
    print(f"week {WEEK}, {RUNS} runs after one warm-up; medians")
    print(f"{'stage':<8} {'median s':>9} {'share':>7}")
    for stage, values in times.items():
        median = statistics.median(values)
        print(f"{stage:<8} {median:>9.3f} {median / total:>7.0%}")
    print(f"{'build':<8} {total:>9.3f} {1:>7.0%}")
    whole = statistics.median(make_times())
    print(f"make briefing WEEK={WEEK}: median {whole:.2f} s over 3 runs "
          f"(in-process build is {total / whole:.0%} of it; the rest is start-up and imports)")


if __name__ == "__main__":
    main()
