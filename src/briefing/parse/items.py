"""Items: one piece of news with its dates, companies and figures read from its text.

``make_item`` is where every recogniser's item is made, and where the facts
of its text are read (``dates.event_dates``, ``companies.companies``,
``figures.figures``). A ``.json`` item list gives its items ready-made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .. import dates, narrative
from . import companies, figures
from ..models import Company, Item, Provenance, ResolvedDate, Source
from ..readers import web_url


def split_item(inner: str) -> tuple[str, str]:
    """``Category: Headline`` -> (category, headline); a bracket without a colon is all headline."""
    category, sep, headline = inner.replace("：", ":").partition(":")
    if not sep or not headline.strip():
        return "", inner.strip()
    return category.strip(), headline.strip()


_CJK_END = re.compile(r"(?<=[。！？])")


def first_sentence(text: str) -> str:
    """The text's first sentence, in English or Chinese ("……公示。" ends one too)."""
    text = text.strip()
    return re.split(_CJK_END, narrative.sentences(text)[0])[0] if text else ""


def derived_headline(text: str) -> str:
    """A headline written from the text's first sentence."""
    return narrative.headline(first_sentence(text))


def make_item(category: str, headline: str, body: str, anchor: dt.date, article: str,
              origin: str, derived: bool = False, provenance: Provenance | None = None,
              credit: str = "") -> Item:
    text = f"{headline}. {body}"
    named = companies.companies(text)
    return Item(
        category=category, headline=headline, body=body.strip(),
        dates=_dates(headline, body, anchor, derived),
        companies=named, principal=principal(headline, body, named),
        figures=_figures(headline, body, derived),
        article=article, origin=origin, derived_headline=derived,
        sources=(provenance,) if provenance else (), credit=credit,
    )


def principal(headline: str, body: str, named: tuple[Company, ...]) -> str:
    """The company an item is about: the first named in its headline, else in its first sentence."""
    first = first_sentence(body)
    for text in (headline, first):
        places = [(where, n) for n, c in enumerate(named) if (where := _named_at(c, text)) >= 0]
        if places:
            company = named[min(places)[1]]  # the one named first
            return company.canonical or company.name
    return ""


_GENERIC_FIRST = {"China", "Chinese", "Shanghai", "Beijing", "Shenzhen", "Hong", "General", "National", "American",
                  "Global", "International", "United", "New", "First", "Great", "Energy", "Power", "Sichuan", "Jiangxi"}


def _named_at(company: Company, text: str) -> int:
    """Where ``text`` first names the company: by its name, its name without the legal form, or a
    distinctive first word ("Gotion" for Gotion High-Tech); -1 when it does not."""
    spellings = {company.name, company.short}
    head = company.short.split()[0] if company.short.split() else ""
    if len(company.short.split()) > 1 and len(head) >= 4 and head.isalpha() and head not in _GENERIC_FIRST:
        spellings.add(head)
    found = [m.start() for s in spellings if s for m in [re.search(
        rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])" if s.isascii() and len(s) <= 4 else re.escape(s), text)] if m]
    return min(found, default=-1)


def _dates(headline: str, body: str, anchor: dt.date, derived: bool) -> tuple[ResolvedDate, ...]:
    """The body's event dates, each day once, and a day its own headline names ("Prices Rise on November 20")."""
    found = list(dates.event_dates(body, anchor))
    if not derived and len(headline.split()) >= 5 and headline not in body:  # a day, not the page's period
        found += [d for d in dates.event_dates(headline, anchor) if not d.end or d.end == d.value]
    seen: set[tuple] = set()
    return tuple(d for d in found if (key := (d.value, d.end)) not in seen and not seen.add(key))


def _figures(headline: str, body: str, derived: bool) -> tuple:
    """The body's figures, and those the page's own headline states that the body does not repeat."""
    found = figures.figures(body)
    if derived or not headline or headline in body:
        return found
    told = {f.text for f in found}
    return tuple(f for f in figures.figures(headline) if f.text not in told) + found


def ready_items(source: Source, anchor: dt.date, title: str, origin: str,
                provenance: Provenance) -> list[Item]:
    """Items given ready-made in a .json file: their own date, else dates read from the body."""
    out: list[Item] = []
    for n, raw in enumerate(source.items, 1):
        body = str(raw.get("body") or "").strip()
        headline = str(raw.get("headline") or "").strip()
        derived = not headline
        if derived:
            headline = derived_headline(body) if body else f"Item {n}"
        item = make_item(str(raw.get("category") or "").strip(), headline, body, anchor, title, origin, derived,
                         Provenance(provenance.title, provenance.date, f"{origin} item {n}",
                                    web_url(raw.get("url")) or provenance.url))
        when = raw.get("date")
        if isinstance(when, str):
            try:
                day = dt.date.fromisoformat(when[:10])
                rest = tuple(d for d in item.dates if d.value != day)
                item = dataclasses.replace(item, dates=(ResolvedDate(day, when, True, "given in the item list"),) + rest)
            except ValueError:
                pass
        out.append(item)
    return out
