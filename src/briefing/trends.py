"""The price chart across weeks: one line per product over the history's window, from the history store.

Drawn whenever a product has quotes in two weeks or more of the window
(``history_weeks`` in briefing.toml, default 8); one panel per unit, since
yuan/mt and USD/kg share no axis.
"""

from __future__ import annotations

from .models import Briefing, Chart

MAX_LINES = 6  # products drawn; the most quoted first


def trends_chart(plt, b: Briefing) -> Chart | str:
    from .charts import ACCENT, GRID, INK, MUTED, SIZE, _finish, _price

    series = list(b.changes.series) if b.changes else []
    if not series:
        return "no product has quotes in two weeks or more of the history"
    series.sort(key=lambda s: (-len(s.points), s.product))
    series = series[:MAX_LINES]
    units = sorted({s.unit for s in series})
    fig, axes = plt.subplots(1, len(units), figsize=SIZE, squeeze=False)
    weeks = sorted({p.week for s in series for p in s.points})
    colours = (ACCENT, INK, MUTED, "#2f6f8f", "#8f6f2f", "#6f2f8f")
    for ax, unit in zip(axes[0], units):
        for n, s in enumerate(x for x in series if x.unit == unit):
            xs = [weeks.index(p.week) for p in s.points]
            ax.plot(xs, [p.value for p in s.points], marker="o", markersize=3, color=colours[n % len(colours)],
                    label=s.product[:40])
        ax.set_xticks(range(len(weeks)), weeks, rotation=45, fontsize=7)
        ax.set_ylabel(unit)
        ax.grid(axis="y", color=GRID)
        ax.legend(fontsize=7, frameon=False)
    alt = "Prices by week: " + "; ".join(
        f"{s.product} ({s.unit}) " + ", ".join(f"{p.week} {_price(p.value)}" for p in s.points) for s in series)
    return _finish(plt, fig, "trends", f"Prices over the last {len(weeks)} weeks", alt,
                   f"Source: quotes of the briefings of weeks {weeks[0]} to {weeks[-1]}")
