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


Facts = tuple[frozenset, frozenset]  # an item's event days and figure values


def _facts(item: Item) -> Facts:
    return frozenset(d.value for d in item.dates), frozenset(round(f.value, 6) for f in item.figures)


def _agree(a: Facts, b: Facts) -> bool:
    """Dates and figures do not contradict each other (both given, none shared)."""
    return all(not (mine and theirs) or not mine.isdisjoint(theirs) for mine, theirs in zip(a, b))


def _similar(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    if not words_a or not words_b:
        return False
    common = len(words_a & words_b)
    size_a, size_b = len(words_a), len(words_b)
    return (common / (size_a + size_b - common) >= SAME_WORDS  # the union's size, without making it
            or common / min(size_a, size_b) >= CONTAINED)


def same_news(a: Item, b: Item, words_a: frozenset[str] | None = None, words_b: frozenset[str] | None = None) -> bool:
    words_a = words_a if words_a is not None else _words(a)
    words_b = words_b if words_b is not None else _words(b)
    return _similar(words_a, words_b) and _agree(_facts(a), _facts(b))


def _prefix(words: frozenset[str], rank: dict[str, int]) -> list[str]:
    """The rarest floor(n/2) + 1 of ``words``: two tellings that are the same news share at least
    half the smaller one's words, so they share one of its prefix words (prefix filtering)."""
    return sorted(words, key=rank.__getitem__)[:len(words) // 2 + 1]


class _Facet:
    """The kept items by one kind of fact (event days, or figure values). Those that agree with a new
    item's facts (``_agree``) hold one of them, or none of their own."""

    def __init__(self) -> None:
        self.holding: dict[object, set[int]] = {}
        self.without: set[int] = set()

    def put(self, n: int, keys: frozenset, before: frozenset | None = None) -> None:
        if before is not None:
            for key in before:
                self.holding[key].discard(n)
            self.without.discard(n)
        for key in keys:
            self.holding.setdefault(key, set()).add(n)
        if not keys:
            self.without.add(n)

    def agreeing(self, keys: frozenset) -> set[int] | None:
        """The kept items that agree with ``keys`` (None: all of them, as ``keys`` is empty)."""
        if not keys:
            return None
        return self.without.union(*(self.holding.get(key, ()) for key in keys))


class _Index:
    """The items kept so far, found by the words they hold and their facts, so that each new item is
    compared only with the few that can be the same news instead of with every one (exactly as the
    pairwise test)."""

    def __init__(self, rank: dict[str, int]):
        self.rank = rank
        self.holding: dict[str, list[int]] = {}  # word -> kept items that hold it
        self.prefixed: dict[str, list[int]] = {}  # word -> kept items whose prefix holds it
        self.facets = (_Facet(), _Facet())  # days, figure values

    def told(self, n: int, facts: Facts, before: Facts | None = None) -> None:
        for facet, keys, old in zip(self.facets, facts, before or (None, None)):
            facet.put(n, keys, old)

    def add(self, n: int, words: frozenset[str], new: frozenset[str]) -> None:
        for word in new:
            self.holding.setdefault(word, []).append(n)
        for word in _prefix(words, self.rank):
            postings = self.prefixed.setdefault(word, [])
            if not postings or postings[-1] != n:
                postings.append(n)

    def candidates(self, words: frozenset[str], facts: Facts) -> list[int]:
        """Every kept item that may be the same news as ``words`` and agrees with ``facts``, in kept order.

        If the new item is the smaller, one of its prefix words is in the kept one; if the kept
        one is the smaller, one of the kept one's prefix words is in the new item."""
        found: set[int] = set()
        for word in _prefix(words, self.rank):
            found.update(self.holding.get(word, ()))
        for word in words:
            found.update(self.prefixed.get(word, ()))
        for facet, keys in zip(self.facets, facts):
            if found and (agreeing := facet.agreeing(keys)) is not None:
                found &= agreeing
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
    facts: list[Facts] = []
    merged = 0
    for item, mine in zip(items, all_words):
        told = _facts(item)
        for n in index.candidates(mine, told):  # all of them agree with its facts
            other = kept[n]
            if other.origin != item.origin and _similar(words[n], mine):
                richer = other if len(other.body) >= len(item.body) else item
                sources = tuple(dict.fromkeys(other.sources + item.sources))
                kept[n] = dataclasses.replace(
                    richer, sources=sources,
                    companies=richer.companies + tuple(c for c in (item if richer is other else other).companies
                                                       if c not in richer.companies))
                if richer is item:
                    index.told(n, told, facts[n])
                    facts[n] = told
                grown = words[n] | mine
                index.add(n, grown, grown - words[n])
                words[n] = grown
                merged += 1
                break
        else:
            index.add(len(kept), mine, mine)
            index.told(len(kept), told)
            kept.append(item)
            words.append(mine)
            facts.append(told)
    return kept, merged
