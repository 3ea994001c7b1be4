"""This week against the stored weeks before it: price moves, revised forecasts, new companies, stories.

Only weeks before the one built are read, so building an old week again
gives the same briefing byte for byte, whatever was built since.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter

from ..digest.highlights import words_of
from ..models import Briefing, Company, Item, KeyFigure, Price
from . import store
from ..changes import Activity, Changes, FollowUp, Point, PriceMove, Revision, Series

FOLLOW_WEEKS = 8  # earlier weeks an item may follow up
ACTIVITY_WEEKS = 4  # weeks of company activity, this one included
ACTIVITY_ROWS = 8
REPEAT = 0.6  # share of content words that, with no new figure and no new date, makes an item a repeat
SAME_STORY = 0.2  # share of content words of a follow-up that shares its project's size or company
_SIZE = re.compile(r"\d[\d,.]*\s?(?:GWh|MWh|MW|GW|kWh|t|tonnes)\b|\d+(?:MW|GW)/\d+(?:MWh|GWh)")


def company_names(item: Item) -> list[str]:
    return sorted({c.canonical or c.name for c in item.companies})


def week_rows(briefing: Briefing, quotes: tuple[Price, ...]) -> dict[str, list[tuple]]:
    """The rows the store keeps of the week: every item (repeats too), quotes, key figures, companies."""
    items = [(i.id, section.key, i.headline, i.body, i.date.isoformat() if i.date else None, i.principal,
              store.as_json([f.text for f in i.figures]), store.as_json(company_names(i)))
             for section in briefing.sections for i in section.items]
    prices = [(p.product, p.unit, p.value, p.low, p.high, p.date.isoformat() if p.date else None, p.change,
               p.source.short if p.source else "") for p in quotes]
    figures = [(_measure(k), k.figure.year, k.figure.unit, k.figure.value, k.figure.text)
               for k in briefing.key_figures if k.measure]
    mentions = Counter(name for s in briefing.sections for i in s.items for name in company_names(i))
    return {"weeks": [(briefing.title, len(briefing.articles), len(items))], "items": items, "prices": prices,
            "figures": figures, "companies": sorted(mentions.items())}


def _moves(quotes: tuple[Price, ...], earlier: list[sqlite3.Row]) -> tuple[PriceMove, ...]:
    latest: dict[tuple[str, str], sqlite3.Row] = {}
    for row in earlier:  # latest week first: keep the first seen
        latest.setdefault((row["product"].casefold(), row["unit"]), row)
    out = []
    for quote in quotes:
        row = latest.get((quote.product.casefold(), quote.unit))
        if row is not None:
            out.append(PriceMove(quote.product, quote.unit, quote.value, row["value"], row["week"]))
    return tuple(out)


def _measure(key: KeyFigure) -> str:
    """What a key figure measures, as the store keys it: "lithium-ion battery demand, evs (cagr)"."""
    return f"{key.measure} ({key.metric})".strip().lower() if key.metric else key.measure.strip().lower()


def _revisions(keys: tuple[KeyFigure, ...], earlier: list[sqlite3.Row]) -> tuple[Revision, ...]:
    latest: dict[tuple[str, int | None, str], sqlite3.Row] = {}
    for row in earlier:
        latest.setdefault((row["measure"], row["year"], row["unit"]), row)
    out = []
    for key in keys:
        figure = key.figure
        row = latest.get((_measure(key), figure.year, figure.unit))
        if row is not None and abs(row["value"] - figure.value) > 1e-9 * max(abs(figure.value), 1):
            out.append(Revision(key.measure, figure.year, figure.text, row["text"], row["week"]))
    return tuple(out)


def _followup(item: Item, earlier: list[sqlite3.Row]) -> FollowUp | None:
    """The earlier item of the same story, latest week first; a repeat when it adds nothing."""
    words = words_of(f"{item.headline} {item.body}")
    sizes = set(_SIZE.findall(f"{item.headline} {item.body}"))
    figures = {f.text for f in item.figures}
    names = set(company_names(item))
    best: tuple[float, sqlite3.Row] | None = None
    for row in earlier:
        seen = words_of(f"{row['headline']} {row['body']}")
        share = len(words & seen) / max(len(words | seen), 1)
        told = set(json.loads(row["figures"]))
        if share >= REPEAT and figures <= told and (item.date is None or item.date.isoformat() == row["day"]):
            return FollowUp(item.id, item.headline, row["week"], row["headline"], repeat=True)
        linked = sizes & set(_SIZE.findall(f"{row['headline']} {row['body']}")) or \
            (item.principal and item.principal == row["principal"]) or names & set(json.loads(row["companies"]))
        if linked and share >= SAME_STORY and (best is None or (row["week"], share) > (best[1]["week"], best[0])):
            best = (share, row)
    return FollowUp(item.id, item.headline, best[1]["week"], best[1]["headline"]) if best else None


def _activity(db: sqlite3.Connection, week: str, mentions: Counter[str]) -> tuple[Activity, ...]:
    weeks = store.earlier_weeks(db, week, ACTIVITY_WEEKS - 1)
    recent = Counter(mentions)
    for row in store.rows(db, "companies", weeks):
        recent[row["company"]] += row["mentions"]
    top = sorted(recent.items(), key=lambda pair: (-pair[1], pair[0]))[:ACTIVITY_ROWS]
    return tuple(Activity(Company(name).short, count, mentions.get(name, 0)) for name, count in top if count > 1)


def _series(db: sqlite3.Connection, week: str, quotes: tuple[Price, ...], window: int) -> tuple[Series, ...]:
    weeks = store.earlier_weeks(db, week, window - 1)
    points: dict[tuple[str, str], dict[str, float]] = {}
    names: dict[tuple[str, str], str] = {}
    for row in store.rows(db, "prices", weeks):
        key = (row["product"].casefold(), row["unit"])
        points.setdefault(key, {}).setdefault(row["week"], row["value"])
        names.setdefault(key, row["product"])
    for quote in quotes:
        key = (quote.product.casefold(), quote.unit)
        points.setdefault(key, {})[week] = quote.value
        names[key] = quote.product
    return tuple(Series(names[key], key[1], tuple(Point(w, v) for w, v in sorted(found.items())))
                 for key, found in sorted(points.items()) if len(found) >= 2 and week in found)


def compare(db: sqlite3.Connection, briefing: Briefing, quotes: tuple[Price, ...], window: int) -> Changes:
    """What changed in ``briefing`` since the weeks stored before it."""
    earlier = store.earlier_weeks(db, briefing.week, FOLLOW_WEEKS)
    if not earlier:
        return Changes()
    items = [i for s in briefing.sections for i in s.items]
    before_items = store.rows(db, "items", earlier)
    followups = tuple(f for f in (_followup(i, before_items) for i in items) if f)
    known = {row["company"] for row in store.rows(db, "companies", earlier)}
    mentions = Counter(name for i in items for name in company_names(i))
    return Changes(
        compared_with=earlier[0],
        prices=_moves(quotes, store.rows(db, "prices", earlier)),
        revised=_revisions(briefing.key_figures, store.rows(db, "figures", earlier)),
        new_companies=tuple(sorted(Company(name).short for name in mentions if name not in known)),
        followups=followups,
        activity=_activity(db, briefing.week, mentions),
        series=_series(db, briefing.week, quotes, window),
    )
