"""How long the preview takes to show an edit: medians over several rebuilds.

A template edit re-renders the HTML from the week in memory; a seed or
editorial edit re-reads the week and redraws the charts first. Run with
``make bench-preview``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from briefing import config
from briefing.preview import Preview

RUNS = 7


def main(week: str = "2025-47") -> None:
    root = Path(__file__).resolve().parents[1]
    preview = Preview(config.load(root)[0], week, log=lambda line: None)
    preview.rebuild()
    template = statistics.median(preview.rebuild(reread=False).seconds for _ in range(RUNS))
    data = statistics.median(preview.rebuild(reread=True).seconds for _ in range(RUNS))
    preview.document("pdf")  # WeasyPrint loaded, as in a preview that has served a PDF
    ready = []
    for _ in range(RUNS):
        started = time.perf_counter()
        preview.rebuild(reread=False)
        preview.print_ahead()
        ready.append(time.perf_counter() - started)
    pdf = statistics.median(ready)
    print(f"preview {week}: template edit {template * 1000:.0f} ms (goal 300 ms), seed/editorial edit "
          f"{data * 1000:.0f} ms (medians of {RUNS}; a template edit is {data / template:.0f}x faster); "
          f"PDF link ready {pdf * 1000:.0f} ms after a template edit (goal 1000 ms)")


if __name__ == "__main__":
    main(*sys.argv[1:])
