"""Duplicates across a week's articles: the same news told twice appears once.

A daily item and the weekly roundup that repeats it, or two translations of
one report, share most of their words, their dates and their figures. The
first telling (the earliest article) is kept, with the longer body of the
two, and it lists every article that told it (``Item.sources``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from .models import Item

SAME_WORDS = 0.5  # share of words two tellings have in common (Jaccard)
CONTAINED = 0.8  # or: share of the shorter telling's words found in the longer one


def _words(item: Item) -> frozenset[str]:
    text = f"{item.headline} {item.body}".casefold()
    return frozenset(w for w in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text) if len(w) > 2 or not w.isascii())


def _agree(a: Item, b: Item) -> bool:
    """Dates and figures do not contradict each other (both given, none shared)."""
    days_a, days_b = {d.value for d in a.dates}, {d.value for d in b.dates}
    if days_a and days_b and not days_a & days_b:
        return False
    values_a, values_b = {round(f.value, 6) for f in a.figures}, {round(f.value, 6) for f in b.figures}
    return not (values_a and values_b and not values_a & values_b)


def same_news(a: Item, b: Item, words_a: frozenset[str] | None = None, words_b: frozenset[str] | None = None) -> bool:
    words_a = words_a if words_a is not None else _words(a)
    words_b = words_b if words_b is not None else _words(b)
    if not words_a or not words_b:
        return False
    common = len(words_a & words_b)
    similar = (common / len(words_a | words_b) >= SAME_WORDS
               or common / min(len(words_a), len(words_b)) >= CONTAINED)
    return similar and _agree(a, b)


def merge(items: Iterable[Item]) -> tuple[list[Item], int]:
    """The items with duplicates merged (in first-telling order), and how many were merged."""
    kept: list[Item] = []
    words: list[frozenset[str]] = []
    merged = 0
    for item in items:
        mine = _words(item)
        for n, other in enumerate(kept):
            if other.origin != item.origin and same_news(other, item, words[n], mine):
                richer = other if len(other.body) >= len(item.body) else item
                sources = tuple(dict.fromkeys(other.sources + item.sources))
                kept[n] = dataclasses.replace(
                    richer, sources=sources,
                    companies=richer.companies + tuple(c for c in (item if richer is other else other).companies
                                                       if c not in richer.companies))
                words[n] = words[n] | mine
                merged += 1
                break
        else:
            kept.append(item)
            words.append(mine)
    return kept, merged
