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
from .patterns import ITEM


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
    """The company an item is about: the first named in its headline, else the subject of its opening
    sentence (``companies.principal``). A bracket opening the headline ("【山证产业研究】") names who wrote it,
    not what it is about."""
    first = first_sentence(body)
    if (tag := ITEM.match(headline)) and tag["body"].strip():
        headline = tag["body"].strip()
    return companies.principal.principal(headline, companies.principal.opening(body, first), named)


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
