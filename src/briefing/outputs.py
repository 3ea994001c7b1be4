"""Outputs stage: the machine-readable items of a week, and of each parsed article.

The files are written by ``publish``, which replaces a week's folder as a set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from .models import Article, Briefing, Item

def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return value.name
    if isinstance(value, bytes):
        return None
    raise TypeError(f"cannot serialise {type(value).__name__}")


def item_record(item: Item, section: str, in_full: bool = True) -> dict[str, Any]:
    record = dataclasses.asdict(item)
    record["date"] = item.date
    record["section"] = section
    record["id"] = item.id
    record["in_full"] = in_full  # printed in full in its section, else one line in the appendix
    return record


def _changes(briefing: Briefing) -> dict[str, Any] | None:
    """What changed since earlier weeks, each price move with its change and percent (null: no earlier week)."""
    ch = briefing.changes
    if ch is None or not ch.compared_with:
        return None
    record = dataclasses.asdict(ch)
    record["prices"] = [{**dataclasses.asdict(m), "change": m.change, "percent": m.percent} for m in ch.prices]
    return record


def items_document(briefing: Briefing) -> dict[str, Any]:
    """Everything a program needs to know about the week's briefing, as plain data."""
    return {
        "week": briefing.week,
        "start": briefing.start,
        "end": briefing.end,
        "title": briefing.title,
        "highlights": list(briefing.highlights),
        "points": [dataclasses.asdict(b) for b in briefing.bullets],
        "markets": [dataclasses.asdict(m) for m in briefing.markets],
        "changes": _changes(briefing),
        "sections": [
            {"key": s.key, "title": s.title,
             "items": [item_record(i, s.key, n < len(s.full)) for n, i in enumerate(s.items)]}
            for s in briefing.sections
        ],
        "key_figures": [dataclasses.asdict(f) for f in briefing.key_figures],
        "prices": [dataclasses.asdict(p) for p in briefing.prices],
        "duplicates_merged": briefing.duplicates,
        "articles": [
            {
                "file": a.path.name, "title": a.title, "published": a.published,
                "date": dataclasses.asdict(a.date), "source": a.source, "url": a.url,
                "items": len(a.items),
                "furniture": [dataclasses.asdict(f) for f in a.furniture],
            }
            for a in briefing.articles
        ],
    }


def article_record(article: Article) -> dict[str, Any]:
    """Everything the parser made of one article: for ``briefing parse``."""
    return {
        "file": str(article.path), "part": article.part, "format": article.kind, "encoding": article.encoding,
        "title": article.title, "title_derived": getattr(article, "title_derived", False),
        "published": article.published if article.date.known else None, "week": article.week or None,
        "date": dataclasses.asdict(article.date) if article.date.known else None,
        "date_how": article.date.how,
        "dateline": dataclasses.asdict(article.dateline) if article.dateline else None,
        "title_date": dataclasses.asdict(article.title_date) if article.title_date else None,
        "period": dataclasses.asdict(article.period) if article.period else None,
        "source": article.source, "url": article.url,
        "highlights": article.highlights, "overview": list(article.overview), "headings": list(article.headings),
        "items": [dataclasses.asdict(item) for item in article.items],
        "forecasts": list(article.forecasts),
        "forecast_figures": [dataclasses.asdict(f) for f in article.forecast_figures],
        "statement": article.statement,
        "furniture": [dataclasses.asdict(f) for f in article.furniture],
    }


def to_json(data: Any) -> bytes:
    return (json.dumps(data, default=_plain, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
