"""The week's documents from its briefing: the charts, the HTML, the PDF and the DOCX, made side by side.

The page is rendered once, with a marker where each chart's SVG goes. The
PDF prints each chart as its PNG (a ``picture:`` address served from the
print folder) and needs only the PNG's size to lay the page out, which the
chart's plan knows. So the printer is handed the page before the charts are
drawn: it lays the page out while this process draws the charts missing from
the cache (their pictures are blanks of the planned size until then), and
writes the PDF once the pictures are in place. Meanwhile the screen HTML
takes the charts' SVGs and the DOCX is written; its contents take the PDF's
page numbers. A PDF of the same page and pictures is reused.

When a template does not print each chart's SVG once, as it is, the charts
are drawn first and the page is rendered with them, as a one-process build
would. Either way the bytes are those of a one-process build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html as html_lib
import io
from pathlib import Path

from . import drawing, printing, render, reuse, word
from .charts import Plan
from .config import Config
from .corpus import Timer, no_timer
from .models import Briefing, Chart
from .printer import Printer

PICTURE = "picture:"  # the address of a chart's PNG in the page the PDF prints


def marker(key: str) -> str:
    return f"<!-- briefing chart {key} -->"


def stand_in(plan: Plan) -> Chart:
    """The chart as the page is first rendered with it: its text from the plan, a marker for its SVG."""
    return Chart(key=plan.key, title=plan.title, alt=plan.alt, svg=marker(plan.key), png=b"",
                 filename=f"chart-{plan.key}", source=plan.source)


def picture_tag(chart: Chart) -> str:
    """The chart as the PDF prints it: its PNG (the picture the DOCX holds, at ``charts.PNG_DPI``), which
    WeasyPrint draws many times faster than the SVG; the alternative text stays the chart's."""
    alt = html_lib.escape(chart.alt, quote=True)
    return f'<img class="chart-picture" src="{PICTURE}{chart.filename}.png" alt="{alt}">'


def _blank(plan: Plan) -> bytes:
    """A white PNG of the chart's planned size and colours: what the layout reads of a picture not yet drawn."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", plan.pixels(), "white").save(out, format="png", compress_level=1)
    return out.getvalue()


def _put(folder: Path, chart: Chart, png: bytes) -> tuple[str, Path]:
    """Write a picture into the print folder (replacing what was there in one step): its address and file."""
    path = folder / f"{chart.filename}.png"
    part = path.with_suffix(".part")
    part.write_bytes(png)
    part.replace(path)
    return f"{PICTURE}{chart.filename}.png", path


def pdf_job(config: Config, html: str, pictures: tuple[tuple[str, Path], ...] = ()) -> tuple:
    """What printing the HTML takes: it may read files only from the templates, overrides and
    output folders, and the pictures; pdf.css adds the page rules only WeasyPrint reads."""
    sheet = render.render_template(render.PDF_STYLESHEET, {}, config.templates_dir, config.overrides_dir)
    return html, config.templates_dir, (config.overrides_dir, config.output_dir), (sheet,), pictures


def for_print(html: str, drawn: tuple[Chart, ...], folder: Path) -> tuple[str, tuple[tuple[str, Path], ...]]:
    """The page as the PDF prints it, from a page rendered with the drawn charts: each chart's SVG
    replaced by its picture, written into ``folder``."""
    pictures = []
    for chart in drawn:
        if chart.svg and chart.png and chart.svg in html:
            html = html.replace(chart.svg, picture_tag(chart), 1)
            pictures.append(_put(folder, chart, chart.png))
    return html, tuple(pictures)


def print_pdf(config: Config, html: str, drawn: tuple[Chart, ...], folder: Path) -> printing.Printed:
    """The PDF of a page rendered with its charts, and the page of each heading, printed here."""
    return printing.print_pdf(*pdf_job(config, *for_print(html, drawn, folder)))


def _pdf_key(job: tuple) -> str:
    html, _, _, sheets, pictures = job
    return reuse.pdf_key(html, (*sheets, *(hashlib.sha256(path.read_bytes()).hexdigest() for _, path in pictures)))


@dataclasses.dataclass(frozen=True)
class Documents:
    briefing: Briefing  # with its charts drawn
    html: str
    pdf: bytes
    docx: bytes


def page_html(config: Config, briefing: Briefing) -> str:
    return render.render_html(briefing, config.templates_dir, config.language, config.overrides_dir)


def _fill(page: str, charts: dict[str, str]) -> str:
    for key, markup in charts.items():
        page = page.replace(marker(key), markup, 1)
    return page


def make(config: Config, briefing: Briefing, plans: tuple[Plan, ...], printer: Printer, folder: Path,
         timer: Timer = no_timer) -> Documents:
    """The charts, the HTML, the PDF and the DOCX of the briefing (see the module's docstring)."""
    have = drawing.kept(plans, config.cache_dir)
    stand_ins = {p.key: stand_in(p) for p in plans}
    page = page_html(config, dataclasses.replace(briefing, charts=tuple(stand_ins.values())))
    if any(page.count(marker(p.key)) != 1 for p in plans):  # the SVG printed otherwise: draw first
        drawn = drawing.paint_all(plans, config.cache_dir, have)
        timer("charts")
        briefing = dataclasses.replace(briefing, charts=drawn)
        html = page_html(config, briefing)
        timer("html")
        return _printed(config, briefing, html, pdf_job(config, *for_print(html, drawn, folder)), printer, timer)
    pictures = tuple(_put(folder, stand_ins[p.key], have[p.key].png if p.key in have else _blank(p)) for p in plans)
    job = pdf_job(config, _fill(page, {key: picture_tag(c) for key, c in stand_ins.items()}), pictures)
    timer("html")
    late = len(have) < len(plans)
    if late:  # laid out while the charts are drawn
        printer.submit(*job, late=True)
    drawn = drawing.paint_all(plans, config.cache_dir, have)
    for chart in drawn:
        if chart.key not in have:
            _put(folder, chart, chart.png)
    printer.go()
    timer("charts")
    briefing = dataclasses.replace(briefing, charts=drawn)
    html = _fill(page, {c.key: c.svg for c in drawn})
    return _printed(config, briefing, html, job, printer, timer, submitted=late)


def _printed(config: Config, briefing: Briefing, html: str, job: tuple, printer: Printer, timer: Timer,
             submitted: bool = False) -> Documents:
    """The PDF (kept from a build of the same page and pictures, or printed) and the DOCX, written here
    while the printer lays the page out, its contents then given the PDF's page numbers."""
    key = _pdf_key(job)
    if not submitted:
        printed = reuse.load(config.cache_dir, reuse.PDFS, key)
        if isinstance(printed, printing.Printed):
            timer("pdf")
            docx = word.render_docx(briefing, config.templates_dir, config.language, printed.pages)
            timer("docx")
            return Documents(briefing, html, printed.pdf, docx)
        printer.submit(*job)
    composed = word.compose_docx(briefing, config.templates_dir, config.language)
    timer("compose")  # the DOCX but its contents, while the PDF is laid out
    pages = printer.pages()
    timer("layout")
    docx = word.finish_docx(composed, pages)
    timer("docx")
    pdf = printer.pdf()
    timer("pdf")
    reuse.store(config.cache_dir, reuse.PDFS, key, printing.Printed(pdf, pages))
    return Documents(briefing, html, pdf, docx)
