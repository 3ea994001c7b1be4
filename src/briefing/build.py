"""The pipeline: ingest -> parse -> group -> charts -> render -> outputs.

``build()`` reads everything and renders everything in memory before it
writes anything; the week's files are then written all at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import time
from collections import Counter
from collections.abc import Callable

from . import archive, cache, charts, dates, editorial, extract, group, ingest, outputs, parse, render, word
from .config import Config
from .errors import EmptyWeekError, InputError
from .models import Article, Briefing, BuildResult, Skipped

log = logging.getLogger("briefing")
Timer = Callable[[str], None]


def _no_timer(stage: str) -> None:
    pass


def parse_file(path, data: bytes) -> list[Article | Skipped]:
    """Everything one file gives: its articles (a feed gives many), or why it was skipped."""
    result = ingest.read_all(path, data)
    if isinstance(result, Skipped):
        return [result]
    out: list[Article | Skipped] = []
    for source in result:
        try:
            out.append(parse.parse(source))
        except ValueError as exc:
            where = f" ({source.part})" if source.part else ""
            out.append(Skipped(source.path, f"{exc}{where}"))
    return out


PARALLEL_FROM = 400  # files to parse before it pays to start worker processes


def read_sidecar_bytes(path, sidecars: set) -> bytes:
    sidecar = path.with_name(path.stem + ingest.SIDECAR_SUFFIX)
    return sidecar.read_bytes() if sidecar in sidecars else b""


def _parse_chunk(chunk: list[tuple]) -> list:
    return [cache.Entry.of(parse_file(path, data)) for path, data in chunk]


def parse_files(todo: list[tuple], workers: int = 0) -> list:
    """Parse files into cache entries; many files are shared among worker processes
    (``parse_workers`` in briefing.toml, 0 for one per core). Order is kept."""
    import multiprocessing
    import threading

    workers = workers or os.cpu_count() or 1
    # Workers are forked: fast, and unsafe in a process that runs other threads (the preview server).
    if (workers < 2 or len(todo) < PARALLEL_FROM or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return _parse_chunk(todo)
    import concurrent.futures

    size = max(50, len(todo) // (workers * 4))
    chunks = [todo[n:n + size] for n in range(0, len(todo), size)]
    try:
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [entry for chunk in pool.map(_parse_chunk, chunks) for entry in chunk]
    except (OSError, concurrent.futures.process.BrokenProcessPool) as exc:
        log.info("parsing in one process (worker processes failed: %s)", exc)
        return _parse_chunk(todo)


def read_week(config: Config, week: str | None, strict: bool = False, timer: Timer = _no_timer
              ) -> tuple[list[Article], Counter[str], list[Skipped]]:
    """The articles of ``week`` (all articles when None), the article count of every
    week, and the files skipped with their reasons.

    Files whose content (and sidecar, and the parser) did not change since the
    last build come from the parse cache instead of being parsed again, and
    only the asked week's articles are unpickled from it.
    """
    extract.use_aliases(config.root / config.companies)
    store = cache.Cache(config.cache_dir)
    read: list[tuple] = []
    skipped: list[Skipped] = []
    paths = ingest.discover(config.seeds_dir, sidecars=True)
    sidecars = {p for p in paths if p.name.endswith(ingest.SIDECAR_SUFFIX)}
    for path in paths:
        if path in sidecars:
            continue
        data = ingest.read_bytes(path)
        if isinstance(data, Skipped):
            skipped.append(data)
            continue
        read.append((path, data, cache.key(path, data, read_sidecar_bytes(path, sidecars))))
    timer("ingest")
    entries = {k: entry for _, _, k in read if (entry := store.get(k)) is not None}
    todo = [(path, data) for path, data, k in read if k not in entries]
    for (path, data), entry in zip(todo, parse_files(todo, config.parse_workers)):
        k = cache.key(path, data, read_sidecar_bytes(path, sidecars))
        entries[k] = entry
        store.put(k, entry)
    articles: list[Article] = []
    counts: Counter[str] = Counter()
    for path, data, k in read:
        entry = entries[k]
        counts.update(entry.weeks)
        if week is None or week in entry.weeks:
            articles.extend(a for a in entry.articles() if week is None or a.week == week)
        skipped.extend(entry.skipped)
    store.save()
    timer("parse")
    for skip in skipped:
        log.warning("skipped %s: %s", skip.path, skip.reason)
    if strict and skipped:
        first = skipped[0]
        raise InputError(f"{first.path}: {first.reason} (--strict makes a skipped file fatal)")
    return articles, counts, skipped


def read_articles(config: Config, strict: bool = False, timer: Timer = _no_timer
                  ) -> tuple[list[Article], list[Skipped]]:
    """Ingest and parse every article under ``seeds/``; unusable files are skipped with a reason."""
    articles, _, skipped = read_week(config, None, strict, timer)
    return articles, skipped


def weeks(articles: list[Article]) -> Counter[str]:
    return Counter(a.week for a in articles)


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
                  timer: Timer = _no_timer) -> tuple[Briefing, tuple[str, ...]]:
    """Group the week's articles, apply the editor's notes, draw the charts."""
    briefing = group.group(config, week, start, end, articles)
    briefing = editorial.apply(briefing, editorial.load(config, week), config)
    timer("group")
    drawn, charts_skipped = charts.draw(briefing)
    timer("charts")
    return dataclasses.replace(briefing, charts=drawn), charts_skipped


def render_html(config: Config, briefing: Briefing) -> str:
    return render.render_html(briefing, config.templates_dir, config.language, config.overrides_dir)


def render_pdf(config: Config, html: str) -> bytes:
    """The PDF; it may read files only from the templates, overrides and output folders."""
    return render.render_pdf(html, config.templates_dir, (config.overrides_dir, config.output_dir))


def build(config: Config, week: str, strict: bool = False, timer: Timer = _no_timer) -> BuildResult:
    started = time.perf_counter()
    week, start, end = dates.parse_week(week)
    outputs.clean_stale_staging(config.output_dir)
    articles, available, skipped = read_week(config, week, strict, timer)
    if week not in available:
        raise EmptyWeekError(
            f"week {week}: no article in {config.seeds_dir} belongs to it; "
            f"weeks that have articles: {_nearest(week, available)} (run 'briefing weeks' to list all)"
        )
    briefing, charts_skipped = week_briefing(config, week, start, end, articles, timer)
    drawn = briefing.charts
    html = render_html(config, briefing)
    timer("html")
    pdf = render_pdf(config, html)
    timer("pdf")
    docx = word.render_docx(briefing, config.templates_dir)
    timer("docx")
    stem = f"briefing-{week}"
    files = {f"{stem}.html": html.encode("utf-8"), f"{stem}.pdf": pdf, f"{stem}.docx": docx,
             "items.json": outputs.to_json(outputs.items_document(briefing))}
    for chart in drawn:
        files[f"{chart.filename}.svg"] = chart.svg.encode("utf-8")
        files[f"{chart.filename}.png"] = chart.png
    written = outputs.write_atomically(config.output_dir / week, files)
    archive.write_index(config)
    timer("write")
    return BuildResult(
        week=week, out_dir=config.output_dir / week, files=written,
        items=len(briefing.items), sections=len(briefing.sections),
        articles=len(briefing.articles), other_weeks=sum(available.values()) - len(briefing.articles),
        skipped=tuple(skipped), charts_skipped=charts_skipped,
        seconds=time.perf_counter() - started,
        duplicates=briefing.duplicates,
    )

