"""Reading ``seeds/`` into articles: the ingest and parse stages, through the parse cache.

A file whose bytes (and sidecar, and the parser itself) did not change since
the last build is not parsed again; many changed files are parsed by forked
worker processes. Unusable files become ``Skipped`` records with a reason.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections import Counter
from collections.abc import Callable

from . import cache, ingest, parse
from .parse import companies
from .config import Config
from .errors import InputError
from .models import Article, Skipped

log = logging.getLogger("briefing")
Timer = Callable[[str], None]


def no_timer(stage: str) -> None:
    pass


def parse_file(path, data: bytes) -> list[Article | Skipped]:
    """Everything one file gives: its articles (a feed gives many), or why it was skipped."""
    result = ingest.read_all(path, data)
    if isinstance(result, Skipped):
        return [result]
    out: list[Article | Skipped] = []
    for source in result:
        where = f" ({source.part})" if source.part else ""
        try:
            article = parse.parse(source)
        except ValueError as exc:
            out.append(Skipped(source.path, ingest.one_line(f"{exc}{where}")))
            continue
        except (Exception, RecursionError) as exc:  # a parser bug must cost one file, not the week
            out.append(Skipped(source.path, ingest.one_line(
                f"the parser failed on it{where} ({type(exc).__name__}: {exc}); report the file, or fix its text")))
            continue
        out.append(dataclasses.replace(article, notes=source.notes) if source.notes else article)
    return out


PARALLEL_FROM = 100  # files to parse before it pays to start worker processes (a page takes 5-10 ms)


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


def read_week(config: Config, week: str | None, strict: bool = False, timer: Timer = no_timer
              ) -> tuple[list[Article], Counter[str], list[Skipped]]:
    """The articles of ``week`` (all articles when None), the article count of every
    week, and the files skipped with their reasons.

    Files whose content (and sidecar, and the parser) did not change since the
    last build come from the parse cache instead of being parsed again, and
    only the asked week's articles are unpickled from it.
    """
    companies.use_aliases(config.root / config.companies)
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
    for article in articles:
        for note in article.notes:
            log.info("%s %s: %s", note.kind, article.path.name + (f" ({article.part})" if article.part else ""),
                     note.reason)
    if strict and skipped:
        first = skipped[0]
        raise InputError(f"{first.path}: {first.reason} (--strict makes a skipped file fatal)")
    return articles, counts, skipped


def read_articles(config: Config, strict: bool = False, timer: Timer = no_timer
                  ) -> tuple[list[Article], list[Skipped]]:
    """Ingest and parse every article under ``seeds/``; unusable files are skipped with a reason."""
    articles, _, skipped = read_week(config, None, strict, timer)
    return articles, skipped


def weeks(articles: list[Article]) -> Counter[str]:
    return Counter(a.week for a in articles)
