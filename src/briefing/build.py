"""The pipeline: ingest -> parse -> group -> editorial -> history -> digest -> charts -> render -> outputs.

``build()`` reads everything and renders everything in memory before it
writes anything; the week's folder is then replaced as a set, in one step
(``publish``), and the archive page right after it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
import time
from collections import Counter
from pathlib import Path

from . import archive, dates, digest, documents, drawing, editorial, group, history, outputs, publish
from .config import Config
from .corpus import Timer, no_timer, read_week
from .errors import EmptyWeekError
from .models import Article, Briefing, BuildResult
from .printer import Printer

def _nearest(week: str, available: Counter[str]) -> str:
    if not available:
        return "none: seeds/ holds no usable article"
    def distance(other: str) -> int:
        y1, w1 = map(int, week.split("-"))
        y2, w2 = map(int, other.split("-"))
        return abs((y1 * 53 + w1) - (y2 * 53 + w2))
    near = sorted(available, key=lambda w: (distance(w), w))[:3]
    return ", ".join(f"{w} ({available[w]} article{'s' if available[w] != 1 else ''})" for w in near)


def week_facts(config: Config, week: str, start: dt.date, end: dt.date, articles: list[Article],
               timer: Timer = no_timer) -> tuple[Briefing, dict[str, list[tuple]]]:
    """Group the week's articles, apply the editor's notes, compare with the stored weeks, sum the week
    up; and the rows the history store is to keep of the week."""
    briefing = group.group(config, week, start, end, articles)
    notes = editorial.load(config, week)
    briefing = digest.quoted(editorial.apply(briefing, notes, config), config)
    briefing, rows = history.remember(config, briefing)
    briefing = digest.digest(briefing, config, edited_highlights=bool(notes and notes.highlights is not None))
    timer("group")
    return briefing, rows


def week_briefing(config: Config, week: str, start: dt.date, end: dt.date, articles: list[Article],
                  timer: Timer = no_timer) -> tuple[Briefing, tuple[str, ...], dict[str, list[tuple]]]:
    """The week's briefing with its charts drawn, why the others were skipped, and the history's rows."""
    briefing, rows = week_facts(config, week, start, end, articles, timer)
    drawn, charts_skipped = drawing.draw_all(briefing, config.cache_dir)
    timer("charts")
    return dataclasses.replace(briefing, charts=drawn), charts_skipped, rows


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
    briefing, rows = week_facts(config, week, start, end, articles, timer)
    plans, charts_skipped = drawing.plan_all(briefing)
    with tempfile.TemporaryDirectory(prefix="briefing-print-") as folder:  # the charts' pictures, for the PDF
        made = documents.make(config, briefing, plans, printer, Path(folder), timer)
    briefing = made.briefing
    stem = f"briefing-{week}"
    files = {f"{stem}.html": made.html.encode("utf-8"), f"{stem}.pdf": made.pdf, f"{stem}.docx": made.docx,
             "items.json": outputs.to_json(outputs.items_document(briefing))}
    for chart in briefing.charts:
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

