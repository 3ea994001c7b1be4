"""Prices: every price figure of the week's items, collected into one table.

A price is a figure with a currency and the unit it is per (``yuan/mt``,
``USD/kg``, ``yuan/Wh``). The table (a pandas DataFrame) has one row per
price: product, value (the middle of a range), low, high, unit, date and the
article it came from. The briefing prints it in its market section and
charts it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from .models import Item, Price

COLUMNS = ["product", "value", "low", "high", "unit", "date", "text", "source"]
_VERB = re.compile(
    r"\s+(?:prices?|quotes?|offers?|was|were|is|are|rose|fell|slipped|eased|edged|held|stayed|stood|traded|"
    r"closed|averaged|remained|climbed|dropped|increased|decreased|jumped|extended|opened|quoted|bought|"
    r"sold|cut|raised|steady|flat|up|down|at|to|by|of|in|on)\b.*$", re.I)
_LEAD = re.compile(r"^(?:on\s+\w+\s+\d{1,2},?\s*|the\s+|a\s+|an\s+|high-grade\s+(?=\w))", re.I)


_GENERIC = {"equivalent", "unit", "average", "price", "prices", "cost", "costs", "it", "this", "that", "which",
            "bid", "total", "value", "level", "levels"}


def product(label: str, item: Item) -> tuple[str, bool]:
    """The product a price is for, and whether it was guessed: the words before the verb ("lithium carbonate
    fell to" -> "lithium carbonate"); when they name nothing ("equivalent to a unit price of"), the item's
    category or headline, guessed."""
    name = _LEAD.sub("", label.strip())
    if m := re.search(r"\b(?:bought|sold|purchased|offered|bid for|quoted)\s+(?P<what>.+)$", name, re.I):
        name = m["what"]
    name = _VERB.sub("", " " + name).strip(" ,;:")
    guessed = not name or len(name.split()) > 6 or name.split()[0].lower() in _GENERIC
    if guessed:
        words = item.headline.split()
        name = item.category or (" ".join(words[:6]) + ("…" if len(words) > 6 else ""))
    return name[:1].upper() + name[1:], guessed


def collect(items: Iterable[Item]) -> tuple[Price, ...]:
    rows: list[Price] = []
    for item in items:
        for figure in item.figures:
            if not (figure.currency and figure.per) or figure.forecast:
                continue  # not a price, or a price looked forward to ("expected to trade at"), not a quote
            value = (figure.low + figure.high) / 2 if figure.low is not None and figure.high is not None else figure.value
            name, guessed = product(figure.label, item)
            rows.append(Price(
                product=name, guessed=guessed, value=value, low=figure.low, high=figure.high,
                unit=figure.unit, date=item.date or (item.sources[0].date if item.sources else None),
                text=figure.text, source=item.sources[0] if item.sources else None,
            ))
    return tuple(rows)


MAX_ROWS = 24  # rows of the briefing's price table


def quotes(rows: Iterable[Price], is_product) -> tuple[Price, ...]:
    """The briefing's price table: the rows whose product is a market's product (``is_product(name)`` gives its
    place in the product table, or None), the latest quote of each product and unit, in table order."""
    latest: dict[tuple[str, str], tuple[int, Price]] = {}
    for row in rows:
        place = None if row.guessed else is_product(row.product)
        if place is None:
            continue  # "Support", "We expect it": words before a number, not a product; or a product guessed
        key = (row.product.casefold(), row.unit)
        if key not in latest or (row.date or dt.date.min) >= (latest[key][1].date or dt.date.min):
            latest[key] = (place, row)
    ordered = sorted(latest.values(), key=lambda pair: (pair[0], pair[1].product.casefold(), pair[1].unit))
    return tuple(row for _, row in ordered[:MAX_ROWS])


def table(prices: Iterable[Price]):
    """The prices as a pandas DataFrame, sorted by unit, product and date."""
    import pandas as pd

    frame = pd.DataFrame([[getattr(p, c) for c in COLUMNS] for p in prices], columns=COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(["unit", "product", "date"], kind="stable", na_position="last").reset_index(drop=True)
