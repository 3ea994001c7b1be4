"""Charts stage: matplotlib figures drawn from the briefing, as SVG and PNG.

A chart is drawn only when it has data; otherwise the reason is reported.
Output is reproducible: no dates or software names in the files, a fixed
SVG hash salt and the DejaVu font that ships with matplotlib.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import textwrap
from collections import Counter
import warnings
from collections.abc import Callable
from pathlib import Path

from .errors import FontError
from .models import Briefing, Chart
from .render import text_around
from .trends import trends_chart

PNG_DPI = 200
SIZE = (7.0, 3.6)
TIMELINE_ROWS = 24  # dated items a timeline shows at most: a row each, so the chart stays readable and cheap
FORECAST_ROWS = 16  # forecast figures a chart shows at most
INK, ACCENT, MUTED, GRID = "#1f2a37", "#b5472b", "#6b7280", "#e5e7eb"
CJK_FONTS = ("Noto Sans CJK SC",)  # fallback for Chinese text (Debian: fonts-noto-cjk)
_MISSING_GLYPH = re.compile(r"Glyph \d+ \((?P<char>.)\) missing|Glyph \d+ \(\\N\{(?P<name>[^}]+)\}\) missing")


@functools.cache
def _cjk_families() -> tuple[str, ...]:
    """The CJK fallback fonts installed, registered with matplotlib (its font cache may predate them)."""
    import subprocess

    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    found = []
    for family in CJK_FONTS:
        if family not in known:
            try:
                listed = subprocess.run(["fc-list", f":family={family}", "file"], capture_output=True,
                                        text=True, timeout=10).stdout
            except (OSError, subprocess.SubprocessError):
                listed = ""
            for line in sorted(listed.splitlines()):
                font_manager.fontManager.addfont(line.split(":")[0].strip())
            known = {f.name for f in font_manager.fontManager.ttflist}
        if family in known:
            found.append(family)
    return tuple(found)


def pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    matplotlib.rcParams.update({
        "svg.hashsalt": "briefing", "svg.fonttype": "path", "font.family": ["DejaVu Sans", *_cjk_families()],
        "font.size": 9, "axes.edgecolor": MUTED, "axes.labelcolor": INK, "text.color": INK,
        "xtick.color": MUTED, "ytick.color": INK, "axes.spines.top": False,
        "axes.spines.right": False, "figure.dpi": 100,
    })
    return plt


MIN_TEXT_PT = 9  # no chart text smaller: 11 CSS px on a desktop page and in a phone's scrolled chart


def _finish(plt, fig, key: str, title: str, alt: str, source: str) -> Chart:
    """Lay the figure out and write it as SVG and PNG. The title and the source line are the
    caption the page prints under the chart (once), not text drawn into the image."""
    from matplotlib.text import Text

    for text in fig.findobj(Text):  # tick labels, value labels, legends: none below MIN_TEXT_PT
        if text.get_text() and text.get_fontsize() < MIN_TEXT_PT:
            text.set_fontsize(MIN_TEXT_PT)
    svg_buf = io.StringIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.tight_layout(pad=0.6)
        fig.savefig(svg_buf, format="svg", metadata={"Date": None, "Creator": None})
        png = _png(fig)
    plt.close(fig)
    _no_missing_glyphs(key, alt, [str(w.message) for w in caught])
    return Chart(key=key, title=title, alt=alt, svg=_inline_svg(svg_buf.getvalue(), key, alt),
                 png=png, filename=f"chart-{key}", source=source)


def _png(fig) -> bytes:
    """The figure at ``PNG_DPI`` as a PNG without an alpha channel: the figure is opaque, and such
    a PNG is a tenth smaller, and is what the PDF embeds without splitting a mask off it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(PNG_DPI)
    rgba, size = FigureCanvasAgg(fig).print_to_buffer()
    out = io.BytesIO()
    Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1).convert("RGB").save(
        out, format="png", dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()


def _inline_svg(svg: str, key: str, alt: str) -> str:
    """matplotlib's SVG made fit to sit inside an HTML page: no XML prolog or doctype, no RDF
    metadata (not allowed in HTML's SVG), ids prefixed by the chart's key (several charts share
    one page), a role and a name for screen readers."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r' xmlns:(?!xlink=)[a-z]+="[^"]*"', "", svg[:svg.index(">")]) + svg[svg.index(">"):]
    # Several charts share one HTML page: give every id a chart prefix.
    svg = re.sub(r'id="([^"]+)"', rf'id="{key}-\1"', svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{key}-\2"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{key}-\1)", svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(alt)}" ', 1)
    # The title is the chart's alternative text in the tagged PDF (WeasyPrint's Figure /Alt).
    opening = svg.index(">") + 1
    return f"{svg[:opening]}<title>{_attr(alt)}</title>{svg[opening:]}"


def _no_missing_glyphs(key: str, alt: str, messages: list[str]) -> None:
    """Stop when matplotlib drew a character as an empty box: name it and the label it is in."""
    import unicodedata

    for message in messages:
        m = _MISSING_GLYPH.search(message)
        if not m:
            continue
        char = m["char"] or unicodedata.lookup(m["name"])
        raise FontError(
            f"chart {key}: no installed font can draw {char!r} (U+{ord(char):04X}) in \"{text_around(alt, char)}\"; "
            f"install a font that covers it (Chinese: sudo apt-get install -y fonts-noto-cjk)"
        )


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _source_line(briefing: Briefing) -> str:
    names = sorted({a.source for a in briefing.articles})
    return f"Source: {', '.join(names)}; items of week {briefing.week}"


def _wrap(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(text, width)[:2])


def _bars(ax, labels: list[str], values: list[float], color: str) -> None:
    """Horizontal bars, one row each, bottom to top: by position, not by label, so two rows
    whose labels read the same stay two bars."""
    rows = range(len(values))
    ax.barh(rows, values, color=color, height=0.6)
    ax.set_yticks(rows, labels)
    ax.set_ylim(-0.6, len(values) - 0.4)


def sections_chart(plt, b: Briefing) -> Chart | str:
    if not b.sections:
        return "no items in any section"
    names = [s.title for s in b.sections][::-1]
    counts = [len(s.items) for s in b.sections][::-1]
    fig, ax = plt.subplots(figsize=(SIZE[0], 0.45 * len(names) + 1.3))
    _bars(ax, names, counts, ACCENT)
    for y, count in enumerate(counts):
        ax.text(count + 0.05, y, str(count), va="center", fontsize=8)
    ax.set_xlabel("items")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    alt = "Bar chart of items per section: " + "; ".join(f"{s.title} {len(s.items)}" for s in b.sections)
    return _finish(plt, fig, "sections", "Items per section", alt, _source_line(b))


def forecasts_chart(plt, b: Briefing) -> Chart | str:
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
    labels = [_wrap(f"{f.subject} ({f.period})") for f in rows][::-1]
    values = [f.value for f in rows][::-1]
    fig, ax = plt.subplots(figsize=(SIZE[0], 0.5 * len(rows) + 1.4))
    _bars(ax, labels, values, INK)
    if max(values) / max(min(values), 1e-9) > 50:
        ax.set_xscale("log")
    for y, (value, figure) in enumerate(zip(values, rows[::-1])):
        ax.text(value * 1.04, y, figure.text, va="center", fontsize=8)
    ax.set_xlabel(f"{unit} (log scale)" if ax.get_xscale() == "log" else unit)
    ax.set_xlim(right=max(values) * (3 if ax.get_xscale() == "log" else 1.25))
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    shown = "" if len(rows) == total else f" (the {len(rows)} largest of {total:,})"
    alt = f"Bar chart of forecast figures in {unit}{shown}: " + "; ".join(
        f"{f.subject} {f.text} in {f.period}" for f in rows)
    return _finish(plt, fig, "forecasts", f"Forecasts by year ({unit})", alt, _source_line(b))


def timeline_events(b: Briefing, most: int = TIMELINE_ROWS) -> tuple[list, int]:
    """The dated items the timeline shows, by date, and how many items are dated: at most ``most``,
    chosen as those dated within the week first, then those told by most sources, then the latest."""
    dated = [i for i in b.items if i.date]
    if len(dated) > most:
        dated = sorted(dated, key=lambda i: (b.start <= i.date <= b.end, len(i.sources), i.date),
                       reverse=True)[:most]
    events = sorted(((i.date, i) for i in dated), key=lambda e: (e[0], e[1].headline))
    return events, sum(1 for i in b.items if i.date)


def timeline_chart(plt, b: Briefing) -> Chart | str:
    events, total = timeline_events(b)
    if len(events) < 2:
        return "fewer than two dated items"
    import matplotlib.dates as mdates

    fig, ax = plt.subplots(figsize=(SIZE[0], 0.32 * len(events) + 1.3))
    days = [dt.datetime.combine(d, dt.time()) for d, _ in events]
    ys = list(range(len(events)))[::-1]
    ax.axvspan(dt.datetime.combine(b.start, dt.time()), dt.datetime.combine(b.end, dt.time(23, 59)),
               color=GRID, zorder=0, label=f"week {b.week}")
    ax.scatter(days, ys, color=ACCENT, zorder=3, s=18)
    labels = [i.companies[0].short if i.companies else i.headline for _, i in events]
    ax.set_yticks(ys, [textwrap.shorten(label, 44) for label in labels])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.grid(axis="x", color=GRID)
    ax.legend(loc="lower left", fontsize=7, frameon=False)
    first, last = events[0][0], events[-1][0]
    shown = (f"{len(events)} dated items" if len(events) == total else
             f"{len(events)} of {total:,} dated items (those dated in the week first, then those told by most "
             f"sources, then the latest)")
    alt = (f"Timeline of {shown} from {first:%b %d} to {last:%b %d, %Y}: "
           + "; ".join(f"{d:%b %d} {label}" for (d, _), label in zip(events, labels)))
    title = "Timeline of the week's events" + ("" if len(events) == total else f" ({len(events)} of {total:,})")
    return _finish(plt, fig, "timeline", title, alt, _source_line(b))


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


def companies_chart(plt, b: Briefing) -> Chart | str:
    rows = company_mentions(b.items)
    if len(rows) < 2:
        return "fewer than two companies named"
    if len({count for _, count, _ in rows}) == 1:
        return f"every company is named in {rows[0][1]} item{'s' if rows[0][1] > 1 else ''}, none more than another"
    top = rows[:12]
    names = [textwrap.shorten(n, 48) for n, _, _ in top][::-1]
    values = [c for _, c, _ in top][::-1]
    fig, ax = plt.subplots(figsize=(SIZE[0], 0.32 * len(top) + 1.3))
    _bars(ax, names, values, MUTED)
    ax.set_xlabel("items naming the company")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    alt = f"Bar chart of {len(rows)} companies by items naming them: " + "; ".join(
        f"{n}{f' (part of {p})' if p else ''} {c}" for n, c, p in top)
    return _finish(plt, fig, "companies", "Companies mentioned", alt, _source_line(b))


def _price(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.4g}"


def prices_chart(plt, b: Briefing) -> Chart | str:
    """The week's prices in their most common unit: a dot per price, a bar for a range."""
    if len(b.prices) < 2:
        return "fewer than two prices in the week's items"
    from . import prices as prices_mod

    frame = prices_mod.table(b.prices)
    unit = frame["unit"].value_counts().sort_index().idxmax()
    rows = frame[frame["unit"] == unit].groupby("product", sort=True).agg(
        value=("value", "mean"), low=("low", "min"), high=("high", "max")).reset_index()
    rows = rows.sort_values("value", kind="stable").tail(14)
    fig, ax = plt.subplots(figsize=(SIZE[0], 0.36 * len(rows) + 1.4))
    ys = list(range(len(rows)))
    labels = [textwrap.shorten(p, 40) for p in rows["product"]]
    for y, (_, row) in zip(ys, rows.iterrows()):
        if row["low"] == row["low"] and row["high"] == row["high"]:  # not NaN: a range
            ax.plot([row["low"], row["high"]], [y, y], color=ACCENT, linewidth=4, solid_capstyle="butt")
        ax.scatter([row["value"]], [y], color=INK, zorder=3, s=16)
        ax.text(row["value"], y + 0.28, _price(row["value"]), fontsize=7, ha="center", color=MUTED)
    ax.set_yticks(ys, labels)
    ax.set_xlabel(unit)
    if rows["value"].max() / max(rows["value"].min(), 1e-9) > 50:
        ax.set_xscale("log")
    ax.grid(axis="x", color=GRID)
    ax.set_axisbelow(True)
    alt = f"Prices of the week in {unit}: " + "; ".join(
        f"{p} {_price(v)}" for p, v in zip(rows["product"], rows["value"]))
    return _finish(plt, fig, "prices", f"Prices this week ({unit})", alt, _source_line(b))


CHARTS: tuple[tuple[str, Callable], ...] = (
    ("sections", sections_chart),
    ("forecasts", forecasts_chart),
    ("timeline", timeline_chart),
    ("companies", companies_chart),
    ("prices", prices_chart),
    ("trends", trends_chart),
)


def draw(briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
    """Draw every chart that has data; return the charts and the reasons others were skipped
    (reused from ``cache_dir`` when kept there: see ``drawing``)."""
    from .drawing import draw_all

    return draw_all(briefing, cache_dir)


def draw_one(key: str, briefing: Briefing) -> Chart | str:
    """One chart (``CHARTS``), or why it has nothing to draw."""
    return dict(CHARTS)[key](pyplot(), briefing)
