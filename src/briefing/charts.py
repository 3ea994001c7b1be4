"""Charts stage: matplotlib figures drawn from the briefing, as SVG and PNG.

A chart is drawn only when it has data; otherwise the reason is reported.
Output is reproducible: no dates or software names in the files, a fixed
SVG hash salt and the DejaVu font that ships with matplotlib.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FontError
from .models import Briefing, Chart
from .render import text_around

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


@dataclass(frozen=True)
class Plan:
    """A chart before it is drawn: what the page prints of it (title, alternative text, source line),
    its size in inches and the rows it draws. Planning imports no matplotlib, so the PDF can be laid
    out while the charts are drawn (the PNG's size is known: ``pixels``); the plan is also the key
    under which the drawn chart is kept (``reuse``)."""

    key: str
    title: str
    alt: str
    source: str
    size: tuple[float, float]
    data: tuple

    def pixels(self) -> tuple[int, int]:
        """The PNG's width and height: the figure's size at ``PNG_DPI``, as matplotlib's Agg canvas counts it."""
        return int(self.size[0] * PNG_DPI), int(self.size[1] * PNG_DPI)


MIN_TEXT_PT = 9  # no chart text smaller: 11 CSS px on a desktop page and in a phone's scrolled chart


def _finish(plt, fig, plan: Plan) -> Chart:
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
    _no_missing_glyphs(plan.key, plan.alt, [str(w.message) for w in caught])
    return Chart(key=plan.key, title=plan.title, alt=plan.alt, svg=_inline_svg(svg_buf.getvalue(), plan.key, plan.alt),
                 png=png, filename=f"chart-{plan.key}", source=plan.source)


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


def wrap_label(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(text, width)[:2])


def price_text(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.4g}"


def _kinds() -> tuple[tuple[str, Callable[[Briefing], Plan | str], Callable[[Any, Plan], Any]], ...]:
    """The charts in the order the page shows them: key, planner, painter (``chartkinds``, ``trends``)."""
    from . import chartkinds as k
    from .trends import trends_paint, trends_plan

    return (
        ("sections", k.sections_plan, k.sections_paint),
        ("forecasts", k.forecasts_plan, k.forecasts_paint),
        ("timeline", k.timeline_plan, k.timeline_paint),
        ("companies", k.companies_plan, k.companies_paint),
        ("prices", k.prices_plan, k.prices_paint),
        ("trends", trends_plan, trends_paint),
    )


CHARTS = ("sections", "forecasts", "timeline", "companies", "prices", "trends")


def plan_one(key: str, briefing: Briefing) -> Plan | str:
    """One chart's plan (see ``Plan``), or why it has nothing to draw."""
    return {k: plan for k, plan, _ in _kinds()}[key](briefing)


def paint(plan: Plan) -> Chart:
    """Draw a plan with matplotlib: the chart's SVG and PNG."""
    plt = pyplot()
    painter = {k: painter for k, _, painter in _kinds()}[plan.key]
    return _finish(plt, painter(plt, plan), plan)


def draw(briefing: Briefing, cache_dir: Path | None = None) -> tuple[tuple[Chart, ...], tuple[str, ...]]:
    """Draw every chart that has data; return the charts and the reasons others were skipped
    (reused from ``cache_dir`` when kept there: see ``drawing``)."""
    from .drawing import draw_all

    return draw_all(briefing, cache_dir)


def draw_one(key: str, briefing: Briefing) -> Chart | str:
    """One chart (``CHARTS``), or why it has nothing to draw."""
    plan = plan_one(key, briefing)
    return plan if isinstance(plan, str) else paint(plan)
