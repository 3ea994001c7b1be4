"""Drawing the week's charts, or reusing them: a chart whose data and style did not change
comes from the cache folder (``reuse``); when every chart does, matplotlib is not imported."""

from __future__ import annotations

from pathlib import Path

from . import charts, reuse
from .models import Briefing, Chart


def draw_all(briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
    """Every chart that has data, in ``charts.CHARTS`` order, and the reasons the others were skipped."""
    results: list[Chart | str] = []
    for key, _ in charts.CHARTS:
        kept = reuse.chart_key(briefing, key) if cache_dir is not None else ""
        result = reuse.load(cache_dir, reuse.CHARTS, kept) if kept else None
        if not isinstance(result, (Chart, str)):
            result = charts.draw_one(key, briefing)
            if kept:
                reuse.store(cache_dir, reuse.CHARTS, kept, result)
        results.append(result)
    drawn = tuple(r for r in results if isinstance(r, Chart))
    skipped = tuple(f"chart {key}: {r}" for (key, _), r in zip(charts.CHARTS, results) if isinstance(r, str))
    return drawn, skipped
