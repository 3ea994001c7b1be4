"""Parse stage: one decoded source becomes one Article with its Items.

The page is read line by line. Page furniture (breadcrumb, stamp, contact
notes, tag line, related news) is recognised and kept apart; the rest is the
article: highlights, overview paragraphs, headings, items and forecasts.
Bracketed ``[Category: Headline] body`` lines are items; an article with no
markers is split into items sentence by sentence (see ``narrative``).
"""

from __future__ import annotations

import datetime as dt
import re

from . import dates, extract, narrative
from .models import Article, Furniture, Item, ResolvedDate, Source

BREADCRUMB = re.compile(r"^\s*Home\s*/")
SOURCE = re.compile(r"^\s*Source\s*[:：]\s*(?P<source>.+?)\s*$", re.I)
SUMMARY = re.compile(r"^\s*(?:Highlights|Key Points|Preface)\s*[:：]\s*(?P<text>.*\S)?\s*$", re.I)
ITEM = re.compile(r"^\s*[\[【]\s*(?P<inner>[^\]】]{3,}?)\s*[\]】]\s*[:：]?\s*(?P<body>.*)$")
STATEMENT = re.compile(r"^\s*Data Source Statement\s*[:：]\s*(?P<text>.+)$", re.I)
RELATED = re.compile(r"^\s*Related (?:news|articles)\s*$", re.I)
CONTACT = re.compile(
    r"^\s*(?:\**Note:?\**|For queries|For more information|Phone\s*:|Tel\s*:|Contact\s*:|E-?mail\s*:)"
    r"|please (?:contact|email)|[\w.+-]+@[\w-]+\.[\w.]+", re.I)
PROMO = re.compile(r"^\s*》")
FORECAST = re.compile(r"\b(?:projection|projected|forecast|expected to|estimated|outlook|by (?:19|20)\d{2})\b", re.I)


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and not line.rstrip().endswith((".", ",", ";", ":", "!", "?", "\"", "”"))
        and line[:1].isupper()
        and sum(w[:1].isupper() for w in words if len(w) > 3) >= max(1, len([w for w in words if len(w) > 3]) // 2)
    )


def split_item(inner: str) -> tuple[str, str]:
    """``Category: Headline`` -> (category, headline); a bracket without a colon is all headline."""
    category, sep, headline = inner.partition(":")
    if not sep or not headline.strip():
        return "", inner.strip()
    return category.strip(), headline.strip()


def make_item(category: str, headline: str, body: str, anchor: dt.date, article: str,
              origin: str, derived: bool = False) -> Item:
    text = f"{headline}. {body}"
    return Item(
        category=category, headline=headline, body=body.strip(),
        dates=dates.event_dates(body, anchor),
        companies=extract.companies(text),
        figures=extract.figures(body),
        article=article, origin=origin, derived_headline=derived,
    )


def _source_from_contacts(furniture: list[Furniture]) -> str:
    """A page without a source line: name the publisher from its contact address (``...@smm.cn`` -> SMM)."""
    for line in furniture:
        if m := re.search(r"@(?:[\w-]+\.)*?([\w-]+)\.(?:com|cn|net|org)(?:\.\w+)?\b", line.text):
            return m[1].upper()
    return "unknown"


def _publication(source: Source, stamp: dt.datetime | None, dateline: tuple[int, int] | None,
                 body: str) -> ResolvedDate:
    """When the article was published, and how we know."""
    pinned = source.sidecar.date
    if pinned is not None:
        return ResolvedDate(pinned.date(), pinned.isoformat(), True, "pinned by the editor in the sidecar file")
    if stamp is not None:
        return ResolvedDate(stamp.date(), stamp.strftime("%b %d, %Y %H:%M"), True, "the page's publication stamp")
    inferred = dates.infer_year(body)
    if dateline and inferred:
        year, why = inferred
        return ResolvedDate(dt.date(year, *dateline), f"{dateline}", False, f"dateline month and day; year inferred: {why}")
    if inferred:
        year, why = inferred
        first = dates.EVENT.search(body)
        if first:
            month, day = dates.month_number(first["month"]), int(first["day"])
            try:
                value = dt.date(int(first["year"] or year), month, day)
            except ValueError:
                value = dt.date(year, 1, 1)
            return ResolvedDate(value, first.group(0), False,
                                f"inferred from the first date in the text ({first.group(0).strip()}); year: {why}")
        return ResolvedDate(dt.date(year, 1, 1), str(year), False, f"only the year could be inferred: {why}")
    raise ValueError("no date found (no stamp, dateline or year in the text); "
                     f"pin one in {source.path.stem}.meta.toml (date = 2025-11-20)")


def parse(source: Source) -> Article:
    """Read one source into an Article; raise ValueError if it holds no article."""
    lines = [line.rstrip() for line in source.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    furniture: list[Furniture] = []
    title = source.sidecar.title or ""
    stamp: dt.datetime | None = None
    origin = source.path.name
    source_name = source.sidecar.source or ""
    highlights = ""
    statement = ""
    dateline: tuple[int, int] | None = None
    blocks: list[str] = []  # body lines, in order
    in_related = False
    for n, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if in_related:
            furniture.append(Furniture("related", line))
            continue
        if BREADCRUMB.match(line):
            furniture.append(Furniture("breadcrumb", line))
            title = title or line.rsplit("/", 1)[-1].strip()
            continue
        if stamp is None and len(line) < 60 and (found := dates.parse_stamp(line)):
            stamp = found
            continue
        if m := SOURCE.match(line):
            source_name = source_name or m["source"]
            continue
        if m := SUMMARY.match(line):
            text = (m["text"] or "").strip()
            if text and not highlights:
                highlights = text
            elif text and text != highlights:
                blocks.append(text)
            continue
        if m := dates.DATELINE.match(line):
            dateline = (dates.month_number(m["month"]), int(m["day"]))
            rest = line[m.end():].strip()
            if rest:
                blocks.append(rest)
            continue
        if RELATED.match(line):
            in_related = True
            continue
        if m := STATEMENT.match(line):
            statement = m["text"].strip()
            if blocks and len(blocks[-1].split()) <= 4 and not blocks[-1].endswith("."):
                furniture.append(Furniture("tag", blocks.pop()))
            continue
        if CONTACT.search(line):
            furniture.append(Furniture("contact", line))
            continue
        if PROMO.match(line):
            furniture.append(Furniture("promo", line))
            continue
        if title and line == title:
            continue
        if not title and not blocks and _is_heading(line):
            title = line
            continue
        blocks.append(line)
    # A short tag line left at the end, after contact notes, is furniture too.
    while blocks and len(blocks[-1].split()) <= 4 and not blocks[-1].endswith(".") and not ITEM.match(blocks[-1]):
        furniture.append(Furniture("tag", blocks.pop()))
    body_text = "\n".join(blocks)
    if not body_text.strip() and not highlights:
        raise ValueError("no article text found (only page furniture); check the file")
    when = _publication(source, stamp, dateline, body_text)
    published = source.sidecar.date or stamp or dt.datetime.combine(when.value, dt.time())
    title_derived = not title
    if title_derived:
        title = narrative.title_from(body_text)
    items: list[Item] = []
    overview: list[str] = []
    headings: list[str] = []
    forecasts: list[str] = []
    for block in blocks:
        if m := ITEM.match(block):
            category, headline = split_item(m["inner"])
            items.append(make_item(category, headline, m["body"], when.value, title, origin))
        elif _is_heading(block):
            headings.append(block)
        elif items and FORECAST.search(block):
            forecasts.append(block)
        elif items:
            overview.append(block) if not forecasts else forecasts.append(block)
        else:
            overview.append(block)
    if not items:
        intro, pieces = narrative.split(overview)
        overview = intro
        for headline, body in pieces:
            items.append(make_item("", headline, body, when.value, title, origin, derived=True))
    forecast_figures = tuple(f for text in forecasts for f in extract.figures(text) if f.year)
    return Article(
        path=source.path, title=title, published=published, date=when,
        source=source_name or _source_from_contacts(furniture), url=source.sidecar.url, highlights=highlights,
        overview=tuple(overview), headings=tuple(headings), items=tuple(items),
        forecasts=tuple(forecasts), forecast_figures=forecast_figures,
        statement=statement, furniture=tuple(furniture), title_derived=title_derived,
    )
