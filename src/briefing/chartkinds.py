"""The week's charts, each a planner and a painter.

A planner reads the briefing and returns the chart's ``Plan`` (its title,
alternative text, source line, size and the rows it draws), or the reason
there is nothing to draw; it imports no matplotlib. A painter draws a plan
on a new matplotlib figure. ``charts`` lists them and finishes the figures.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter

from .charts import ACCENT, GRID, INK, MUTED, SIZE, TIMELINE_ROWS, FORECAST_ROWS, Plan, price_text, wrap_label
from .models import Briefing


def _source_line(briefing: Briefing) -> str:
    names = sorted({a.source for a in briefing.articles})
    return f"Source: {', '.join(names)}; items of week {briefing.week}"


def _bars(ax, labels: list[str], values: list[float], color: str) -> None:
    """Horizontal bars, one row each, bottom to top: by position, not by label, so two rows
    whose labels read the same stay two bars."""
    rows = range(len(values))
    ax.barh(rows, values, color=color, height=0.6)
    ax.set_yticks(rows, labels)
    ax.set_ylim(-0.6, len(values) - 0.4)


def _counted_axis(ax, label: str) -> None:
    ax.set_xlabel(label)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)


def sections_plan(b: Briefing) -> Plan | str:
    if not b.sections:
        return "no items in any section"
    rows = tuple((s.title, len(s.items)) for s in b.sections)
    alt = "Bar chart of items per section: " + "; ".join(f"{t} {n}" for t, n in rows)
    return Plan("sections", "Items per section", alt, _source_line(b), (SIZE[0], 0.45 * len(rows) + 1.3), rows)


def sections_paint(plt, plan: Plan):
    names = [t for t, _ in plan.data][::-1]
    counts = [n for _, n in plan.data][::-1]
    fig, ax = plt.subplots(figsize=plan.size)
    _bars(ax, names, counts, ACCENT)
    for y, count in enumerate(counts):
        ax.text(count + 0.05, y, str(count), va="center", fontsize=8)
    _counted_axis(ax, "items")
    return fig


def forecasts_plan(b: Briefing) -> Plan | str:
    dated = [k.figure for k in b.key_figures if k.figure.year is not None]
    by_unit = Counter(f.unit for f in dated)
    if not by_unit:
        return "no forecast figures with a year"
    # Quantities read better than shares: prefer any unit over "%".
    unit, count = sorted(by_unit.items(), key=lambda kv: (kv[0] == "%", -kv[1], kv[0]))[0]
    if count < 2:
        return "fewer than two forecast figures in one unit"
    rows = [f for f in dated if f.unit == unit]
    total = len(rows)
    rows = sorted(sorted(rows, key=lambda f: f.value, reverse=True)[:FORECAST_ROWS], key=lambda f: (f.year, f.value))
    shown = "" if len(rows) == total else f" (the {len(rows)} largest of {total:,})"
    alt = f"Bar chart of forecast figures in {unit}{shown}: " + "; ".join(
        f"{f.subject} {f.text} in {f.period}" for f in rows)
    data = (unit, tuple((wrap_label(f"{f.subject} ({f.period})"), f.value, f.text) for f in rows))
    return Plan("forecasts", f"Forecasts by year ({unit})", alt, _source_line(b),
                (SIZE[0], 0.5 * len(rows) + 1.4), data)


def forecasts_paint(plt, plan: Plan):
    unit, rows = plan.data
    labels = [label for label, _, _ in rows][::-1]
    values = [value for _, value, _ in rows][::-1]
    fig, ax = plt.subplots(figsize=plan.size)
    _bars(ax, labels, values, INK)
    if max(values) / max(min(values), 1e-9) > 50:
        ax.set_xscale("log")
    for y, (value, (_, _, text)) in enumerate(zip(values, rows[::-1])):
        ax.text(value * 1.04, y, text, va="center", fontsize=8)
    ax.set_xlabel(f"{unit} (log scale)" if ax.get_xscale() == "log" else unit)
    ax.set_xlim(right=max(values) * (3 if ax.get_xscale() == "log" else 1.25))
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    return fig


def timeline_events(b: Briefing, most: int = TIMELINE_ROWS) -> tuple[list, int]:
    """The dated items the timeline shows, by date, and how many items are dated: at most ``most``,
    chosen as those dated within the week first, then those told by most sources, then the latest."""
    dated = [i for i in b.items if i.date]
    if len(dated) > most:
        dated = sorted(dated, key=lambda i: (b.start <= i.date <= b.end, len(i.sources), i.date),
                       reverse=True)[:most]
    events = sorted(((i.date, i) for i in dated), key=lambda e: (e[0], e[1].headline))
    return events, sum(1 for i in b.items if i.date)


def timeline_plan(b: Briefing) -> Plan | str:
    events, total = timeline_events(b)
    if len(events) < 2:
        return "fewer than two dated items"
    labels = [i.companies[0].short if i.companies else i.headline for _, i in events]
    first, last = events[0][0], events[-1][0]
    shown = (f"{len(events)} dated items" if len(events) == total else
             f"{len(events)} of {total:,} dated items (those dated in the week first, then those told by most "
             f"sources, then the latest)")
    alt = (f"Timeline of {shown} from {first:%b %d} to {last:%b %d, %Y}: "
           + "; ".join(f"{d:%b %d} {label}" for (d, _), label in zip(events, labels)))
    title = "Timeline of the week's events" + ("" if len(events) == total else f" ({len(events)} of {total:,})")
    data = (b.week, b.start, b.end, tuple((d, label) for (d, _), label in zip(events, labels)))
    return Plan("timeline", title, alt, _source_line(b), (SIZE[0], 0.32 * len(events) + 1.3), data)


def timeline_paint(plt, plan: Plan):
    import matplotlib.dates as mdates

    week, start, end, events = plan.data
    fig, ax = plt.subplots(figsize=plan.size)
    days = [dt.datetime.combine(d, dt.time()) for d, _ in events]
    ys = list(range(len(events)))[::-1]
    ax.axvspan(dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time(23, 59)),
               color=GRID, zorder=0, label=f"week {week}")
    ax.scatter(days, ys, color=ACCENT, zorder=3, s=18)
    ax.set_yticks(ys, [textwrap.shorten(label, 44) for _, label in events])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.grid(axis="x", color=GRID)
    ax.legend(loc="lower left", fontsize=7, frameon=False)
    return fig


def company_mentions(items) -> list[tuple[str, int, str]]:
    """(label, items naming it, parent) for each company the items name, aliases merged by the alias
    table's key (SAIC Group and SAIC Motor are one company), most named first. The label is the name the
    items write most often with every listing code the table knows; a subsidiary stays itself."""
    counts: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    codes: dict[str, tuple[str, ...]] = {}
    parents: dict[str, str] = {}
    for item in items:
        for c in item.companies:
            key = c.key or c.short.casefold()
            written.setdefault(key, Counter())[c.short] += 1
            codes[key] = tuple(dict.fromkeys(codes.get(key, ()) + (c.codes or ((c.code,) if c.code else ()))))
            parents[key] = c.parent
        counts.update({c.key or c.short.casefold() for c in item.companies})
    rows = []
    for key, count in counts.items():
        name = sorted(written[key].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        listed = [code for code in codes[key] if code.casefold() != name.casefold()]  # NIO's ticker is "NIO"
        rows.append((" ".join((name, *listed)), count, parents[key]))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def companies_plan(b: Briefing) -> Plan | str:
    rows = company_mentions(b.items)
    if len(rows) < 2:
        return "fewer than two companies named"
    if len({count for _, count, _ in rows}) == 1:
        return f"every company is named in {rows[0][1]} item{'s' if rows[0][1] > 1 else ''}, none more than another"
    top = rows[:12]
    alt = f"Bar chart of {len(rows)} companies by items naming them: " + "; ".join(
        f"{n}{f' (part of {p})' if p else ''} {c}" for n, c, p in top)
    data = tuple((textwrap.shorten(n, 48), c) for n, c, _ in top)
    return Plan("companies", "Companies mentioned", alt, _source_line(b), (SIZE[0], 0.32 * len(top) + 1.3), data)


def companies_paint(plt, plan: Plan):
    fig, ax = plt.subplots(figsize=plan.size)
    _bars(ax, [n for n, _ in plan.data][::-1], [c for _, c in plan.data][::-1], MUTED)
    _counted_axis(ax, "items naming the company")
    return fig


def _number(value) -> float:
    return float("nan") if value is None else float(value)


def prices_plan(b: Briefing) -> Plan | str:
    """The week's prices in their most common unit: a dot per product (its mean), a bar for a range."""
    if len(b.prices) < 2:
        return "fewer than two prices in the week's items"
    from . import prices as prices_mod

    frame = prices_mod.table(b.prices)
    unit = frame["unit"].value_counts().sort_index().idxmax()
    rows = frame[frame["unit"] == unit].groupby("product", sort=True).agg(
        value=("value", "mean"), low=("low", "min"), high=("high", "max")).reset_index()
    rows = rows.sort_values("value", kind="stable").tail(14)
    data = (unit, tuple((str(r.product), float(r.value), _number(r.low), _number(r.high)) for r in rows.itertuples()))
    alt = f"Prices of the week in {unit}: " + "; ".join(f"{p} {price_text(v)}" for p, v, _, _ in data[1])
    return Plan("prices", f"Prices this week ({unit})", alt, _source_line(b),
                (SIZE[0], 0.36 * len(data[1]) + 1.4), data)


def prices_paint(plt, plan: Plan):
    unit, rows = plan.data
    fig, ax = plt.subplots(figsize=plan.size)
    ys = list(range(len(rows)))
    for y, (_, value, low, high) in zip(ys, rows):
        if low == low and high == high:  # not NaN: a range
            ax.plot([low, high], [y, y], color=ACCENT, linewidth=4, solid_capstyle="butt")
        ax.scatter([value], [y], color=INK, zorder=3, s=16)
        ax.text(value, y + 0.28, price_text(value), fontsize=7, ha="center", color=MUTED)
    ax.set_yticks(ys, [textwrap.shorten(p, 40) for p, _, _, _ in rows])
    ax.set_xlabel(unit)
    if max(v for _, v, _, _ in rows) / max(min(v for _, v, _, _ in rows), 1e-9) > 50:
        ax.set_xscale("log")
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    return fig
