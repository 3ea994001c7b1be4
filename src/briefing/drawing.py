"""Drawing the week's charts, or reusing them: a chart whose plan (its data, text and size) and
style did not change comes from the cache folder (``reuse``); when every chart does, matplotlib is
not imported."""

from __future__ import annotations

from pathlib import Path

from . import charts, reuse
from .charts import Plan
from .models import Briefing, Chart


def plan_all(briefing: Briefing) -> tuple[tuple[Plan, ...], tuple[str, ...]]:
    """The plan of every chart that has data, in ``charts.CHARTS`` order, and why the others have none."""
    results = [(key, charts.plan_one(key, briefing)) for key in charts.CHARTS]
    plans = tuple(r for _, r in results if isinstance(r, Plan))
    return plans, tuple(f"chart {key}: {r}" for key, r in results if isinstance(r, str))


def kept(plans: tuple[Plan, ...], cache_dir: Path | None) -> dict[str, Chart]:
    """The charts of these plans drawn before and kept in ``cache_dir``, by key."""
    found = {}
    for plan in plans:
        chart = reuse.load(cache_dir, reuse.CHARTS, reuse.chart_key(plan)) if cache_dir is not None else None
        if isinstance(chart, Chart):
            found[plan.key] = chart
    return found


def paint_all(plans: tuple[Plan, ...], cache_dir: Path | None, have: dict[str, Chart]) -> tuple[Chart, ...]:
    """The chart of every plan: those in ``have`` as they are, the others drawn now and kept."""
    drawn = []
    for plan in plans:
        chart = have.get(plan.key)
        if chart is None:
            chart = charts.paint(plan)
            if cache_dir is not None:
                reuse.store(cache_dir, reuse.CHARTS, reuse.chart_key(plan), chart)
        drawn.append(chart)
    return tuple(drawn)


def draw_all(briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
    """Every chart that has data, in ``charts.CHARTS`` order, and the reasons the others were skipped."""
    plans, skipped = plan_all(briefing)
    return paint_all(plans, cache_dir, kept(plans, cache_dir)), skipped
