"""The pipeline: ingest -> parse -> group -> editorial -> history -> digest -> charts -> render -> outputs.

``build()`` reads everything and renders everything in memory before it
writes anything; the week's folder is then replaced as a set, in one step
(``publish``), and the archive page right after it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
from pathlib import Path

from . import archive, charts, dates, digest, editorial, group, history, outputs, publish, render, reuse, word
from .config import Config
from .corpus import Timer, no_timer, read_week
from .errors import EmptyWeekError
from .models import Article, Briefing, BuildResult, Chart
from .printer import Printer, for_print

def _nearest(week: str, available: Counter[str]) -> str:
    if not available:
        return "none: seeds/ holds no usable article"
    def distance(other: str) -> int:
        y1, w1 = map(int, week.split("-"))
        y2, w2 = map(int, other.split("-"))
        return abs((y1 * 53 + w1) - (y2 * 53 + w2))
    near = sorted(available, key=lambda w: (distance(w), w))[:3]
    return ", ".join(f"{w} ({available[w]} article{'s' if available[w] != 1 else ''})" for w in near)


def week_briefing(config: Config, week: str, start: dt.date, end: dt.date, articles: list[Article],
                  timer: Timer = no_timer) -> tuple[Briefing, tuple[str, ...], dict[str, list[tuple]]]:
    """Group the week's articles, apply the editor's notes, compare with the stored weeks, sum the week
    up, draw the charts; and the rows the history store is to keep of the week."""
    briefing = group.group(config, week, start, end, articles)
    notes = editorial.load(config, week)
    briefing = digest.quoted(editorial.apply(briefing, notes, config), config)
    briefing, rows = history.remember(config, briefing)
    briefing = digest.digest(briefing, config, edited_highlights=bool(notes and notes.highlights is not None))
    timer("group")
    drawn, charts_skipped = charts.draw(briefing, config.cache_dir)
    timer("charts")
    return dataclasses.replace(briefing, charts=drawn), charts_skipped, rows


def render_html(config: Config, briefing: Briefing) -> str:
    return render.render_html(briefing, config.templates_dir, config.language, config.overrides_dir)


def pdf_job(config: Config, html: str) -> tuple[str, Path, tuple[Path, ...], tuple[str, ...]]:
    """What printing the HTML takes: it may read files only from the templates, overrides and
    output folders; pdf.css adds the page rules only WeasyPrint reads."""
    sheet = render.render_template(render.PDF_STYLESHEET, {}, config.templates_dir, config.overrides_dir)
    return html, config.templates_dir, (config.overrides_dir, config.output_dir), (sheet,)


def print_pdf(config: Config, html: str, drawn: tuple[Chart, ...] = ()) -> render.Printed:
    """The PDF of the page (its charts as pictures) with the page of each heading, printed here."""
    return render.print_pdf(*pdf_job(config, for_print(html, drawn)))


def render_pdf(config: Config, html: str, drawn: tuple[Chart, ...] = ()) -> bytes:
    return print_pdf(config, html, drawn).pdf


def documents(config: Config, briefing: Briefing, html: str, printer: Printer,
              timer: Timer = no_timer) -> tuple[bytes, bytes]:
    """The PDF and the DOCX: the PDF kept from a build of the same HTML, or laid out by the printer
    while the DOCX is written here; the DOCX's contents then take the PDF's page numbers, and the
    printer writes the PDF while the DOCX is saved."""
    job = pdf_job(config, for_print(html, briefing.charts))
    key = reuse.pdf_key(job[0], job[3])
    printed = reuse.load(config.cache_dir, reuse.PDFS, key)
    if isinstance(printed, render.Printed):
        timer("pdf")
        docx = word.render_docx(briefing, config.templates_dir, config.language, printed.pages)
        timer("docx")
        return printed.pdf, docx
    printer.submit(*job)
    composed = word.compose_docx(briefing, config.templates_dir, config.language)
    timer("compose")  # the DOCX but its contents, while the PDF is laid out
    pages = printer.pages()
    timer("layout")
    docx = word.finish_docx(composed, pages)
    timer("docx")
    pdf = printer.pdf()
    timer("pdf")
    reuse.store(config.cache_dir, reuse.PDFS, key, render.Printed(pdf, pages))
    return pdf, docx


def build(config: Config, week: str, strict: bool = False, timer: Timer = no_timer) -> BuildResult:
    started = time.perf_counter()
    week, start, end = dates.parse_week(week)
    with Printer.start() if config.pdf_process else Printer() as printer:  # WeasyPrint loads meanwhile
        return _build(config, week, start, end, strict, printer, started, timer)


def _build(config: Config, week: str, start: dt.date, end: dt.date, strict: bool, printer: Printer,
           started: float, timer: Timer) -> BuildResult:
    publish.clean_stale(config.output_dir)
    articles, available, skipped = read_week(config, week, strict, timer)  # ingest + parse
    if week not in available:
        raise EmptyWeekError(
            f"week {week}: no article in {config.seeds_dir} belongs to it; "
            f"weeks that have articles: {_nearest(week, available)} (run 'briefing weeks' to list all)"
        )
    briefing, charts_skipped, rows = week_briefing(config, week, start, end, articles, timer)
    drawn = briefing.charts
    html = render_html(config, briefing)
    timer("html")
    pdf, docx = documents(config, briefing, html, printer, timer)
    stem = f"briefing-{week}"
    files = {f"{stem}.html": html.encode("utf-8"), f"{stem}.pdf": pdf, f"{stem}.docx": docx,
             "items.json": outputs.to_json(outputs.items_document(briefing))}
    for chart in drawn:
        files[f"{chart.filename}.svg"] = chart.svg.encode("utf-8")
        files[f"{chart.filename}.png"] = chart.png
    index = archive.page(config, archive.building(week, briefing.title, files))
    history.record(config, week, rows)  # before the files: a store that cannot be written leaves them as they were
    written = publish.publish(config.output_dir / week, files, beside={archive.INDEX: index})
    timer("write")
    return BuildResult(
        week=week, out_dir=config.output_dir / week, files=written,
        items=len(briefing.items), sections=len(briefing.sections),
        articles=len(briefing.articles), other_weeks=sum(available.values()) - len(briefing.articles),
        skipped=tuple(skipped), charts_skipped=charts_skipped,
        seconds=time.perf_counter() - started,
        duplicates=briefing.duplicates,
        notes=tuple((a.path.name, note) for a in briefing.articles for note in a.notes),
    )

