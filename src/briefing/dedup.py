"""Duplicates across a week's articles: the same news told twice appears once.

A daily item and the weekly roundup that repeats it, or two translations of
one report, share most of their words, their dates and their figures. The
first telling (the earliest article) is kept, with the longer body of the
two, and it lists every article that told it (``Item.sources``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
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
    size_a, size_b = len(words_a), len(words_b)
    similar = (common / (size_a + size_b - common) >= SAME_WORDS  # the union's size, without making it
               or common / min(size_a, size_b) >= CONTAINED)
    return similar and _agree(a, b)


def _prefix(words: frozenset[str], rank: dict[str, int]) -> list[str]:
    """The rarest floor(n/2) + 1 of ``words``: two tellings that are the same news share at least
    half the smaller one's words, so they share one of its prefix words (prefix filtering)."""
    return sorted(words, key=rank.__getitem__)[:len(words) // 2 + 1]


class _Index:
    """The items kept so far, found by the words they hold, so that each new item is compared only
    with the few that can be the same news instead of with every one (exactly as the pairwise test)."""

    def __init__(self, rank: dict[str, int]):
        self.rank = rank
        self.holding: dict[str, list[int]] = {}  # word -> kept items that hold it
        self.prefixed: dict[str, list[int]] = {}  # word -> kept items whose prefix holds it

    def add(self, n: int, words: frozenset[str], new: frozenset[str]) -> None:
        for word in new:
            self.holding.setdefault(word, []).append(n)
        for word in _prefix(words, self.rank):
            postings = self.prefixed.setdefault(word, [])
            if not postings or postings[-1] != n:
                postings.append(n)

    def candidates(self, words: frozenset[str]) -> list[int]:
        """Every kept item that may be the same news as ``words``, in kept order.

        If the new item is the smaller, one of its prefix words is in the kept one; if the kept
        one is the smaller, one of the kept one's prefix words is in the new item."""
        found: set[int] = set()
        for word in _prefix(words, self.rank):
            found.update(self.holding.get(word, ()))
        for word in words:
            found.update(self.prefixed.get(word, ()))
        return sorted(found)


def merge(items: Iterable[Item]) -> tuple[list[Item], int]:
    """The items with duplicates merged (in first-telling order), and how many were merged.

    Each item is merged into the first kept item that tells the same news (``same_news``); the
    index finds the kept items it can be, so the work grows with the items, not their square."""
    items = list(items)
    all_words = [_words(item) for item in items]
    frequency = Counter(w for words in all_words for w in words)
    rank = {w: n for n, (w, _) in enumerate(sorted(frequency.items(), key=lambda p: (p[1], p[0])))}
    index = _Index(rank)
    kept: list[Item] = []
    words: list[frozenset[str]] = []
    merged = 0
    for item, mine in zip(items, all_words):
        for n in index.candidates(mine):
            other = kept[n]
            if other.origin != item.origin and same_news(other, item, words[n], mine):
                richer = other if len(other.body) >= len(item.body) else item
                sources = tuple(dict.fromkeys(other.sources + item.sources))
                kept[n] = dataclasses.replace(
                    richer, sources=sources,
                    companies=richer.companies + tuple(c for c in (item if richer is other else other).companies
                                                       if c not in richer.companies))
                grown = words[n] | mine
                index.add(n, grown, grown - words[n])
                words[n] = grown
                merged += 1
                break
        else:
            index.add(len(kept), mine, mine)
            kept.append(item)
            words.append(mine)
    return kept, merged
