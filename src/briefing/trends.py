"""The price chart across weeks: one line per product over the history's window, from the history store.

Drawn whenever a product has quotes in two weeks or more of the window
(``history_weeks`` in briefing.toml, default 8); one panel per unit, since
yuan/mt and USD/kg share no axis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Briefing

if TYPE_CHECKING:
    from .charts import Plan

MAX_LINES = 6  # products drawn; the most quoted first


def trends_plan(b: Briefing) -> Plan | str:
    from .charts import SIZE, Plan, price_text

    series = list(b.changes.series) if b.changes else []
    if not series:
        return "no product has quotes in two weeks or more of the history"
    series.sort(key=lambda s: (-len(s.points), s.product))
    series = series[:MAX_LINES]
    weeks = tuple(sorted({p.week for s in series for p in s.points}))
    alt = "Prices by week: " + "; ".join(
        f"{s.product} ({s.unit}) " + ", ".join(f"{p.week} {price_text(p.value)}" for p in s.points) for s in series)
    data = (weeks, tuple((s.product, s.unit, tuple((p.week, p.value) for p in s.points)) for s in series))
    return Plan("trends", f"Prices over the last {len(weeks)} weeks", alt,
                f"Source: quotes of the briefings of weeks {weeks[0]} to {weeks[-1]}", SIZE, data)


def trends_paint(plt, plan: Plan):
    from .charts import ACCENT, GRID, INK, MUTED

    weeks, series = plan.data
    units = sorted({unit for _, unit, _ in series})
    fig, axes = plt.subplots(1, len(units), figsize=plan.size, squeeze=False)
    colours = (ACCENT, INK, MUTED, "#2f6f8f", "#8f6f2f", "#6f2f8f")
    for ax, unit in zip(axes[0], units):
        for n, (product, _, points) in enumerate(x for x in series if x[1] == unit):
            ax.plot([weeks.index(week) for week, _ in points], [value for _, value in points], marker="o",
                    markersize=3, color=colours[n % len(colours)], label=product[:40])
        ax.set_xticks(range(len(weeks)), weeks, rotation=45, fontsize=7)
        ax.set_ylabel(unit)
        ax.grid(axis="y", color=GRID)
        ax.legend(fontsize=7, frameon=False)
    return fig
