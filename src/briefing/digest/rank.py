"""How much an item matters: the weight of what it carries.

An analyst reads first the news that moves something: a new project or order
with its size, a contract's value, a price move, a forecast, a policy or a
standard, news told by several sources, news of a named, listed company. Each
counts for a few points; the score orders a section and picks the week's
highlights. Ties keep the order the items were read in.
"""

from __future__ import annotations

import math
import re

from ..models import Item

_DEAL = re.compile(
    r"\b(?:orders?|contracts?|signed|signs|agreements?|projects?|production lines?|mass production|launch(?:es|ed)?|"
    r"groundbreaking|commissioned|put into (?:operation|production)|bids?|won|wins|acquir\w+|invest\w*|"
    r"capacity|plants?|factory|gigafactory|deliver\w*|shipments?|partnership|joint venture|alliance|"
    r"breakthrough|first|record)\b", re.I)
_POLICY = re.compile(
    r"\b(?:standards?|polic(?:y|ies)|ministry|regulat\w+|national|government|subsid\w+|tariffs?|"
    r"export controls?|MIIT|NDRC|guidelines?|rules?)\b", re.I)
_CAPACITY_UNITS = ("W", "Wh", "mt", "tonnes", "t", "Ah", "GWh", "MWh")


def _figure_points(item: Item) -> float:
    points = 0.0
    for figure in item.figures:
        if figure.currency and figure.per:
            points += 2.0  # a price
        elif figure.currency:
            points += 2.0 + min(max(math.log10(max(figure.value, 1.0)) - 6, 0.0), 4.0) / 4  # a sum: more when larger
        elif figure.unit.endswith(_CAPACITY_UNITS) or "W" in figure.unit:
            points += 2.0  # a size: capacity, output, shipments
        elif figure.unit == "%":
            points += 1.0
        if figure.forecast or figure.year:
            points += 1.0
    return min(points, 6.0)


def score(item: Item) -> float:
    """The item's weight; higher matters more."""
    text = f"{item.headline} {item.body}"
    points = _figure_points(item)
    points += min(len(_DEAL.findall(text)), 3) * 0.75
    points += min(len(_POLICY.findall(text)), 2) * 1.0
    points += min(len(item.sources) - 1, 3) * 2.0 if item.sources else 0.0
    if item.principal:
        points += 1.0
    if any(c.code for c in item.companies):
        points += 0.5
    points += min(len(item.companies), 4) * 0.25
    if len(item.headline.split()) < 3 and len(item.headline) < 12 or item.headline.endswith("…"):
        points -= 3.0  # "Workflow", "Market Overview": a heading read as news, or a headline cut short
    words = len(item.body.split())
    points += min(words / 120, 1.0) - (1.0 if words < 12 else 0.0)
    return round(points, 6)


def ranked(items: list[Item] | tuple[Item, ...]) -> list[Item]:
    """The items, most important first; equal ones in their reading order."""
    order = sorted(enumerate(items), key=lambda pair: (-score(pair[1]), pair[0]))
    return [item for _, item in order]
