"""Duplicate merging through its word index gives exactly what comparing every pair gave."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from briefing import dedup
from briefing.models import Figure, Item, ResolvedDate

VOCABULARY = ("cobalt lithium nickel price rose fell tonne yuan market supply demand battery plant "
              "order capacity contract signed project energy storage solid state cathode anode").split()


def pairwise(items: list[Item]) -> tuple[list[Item], int]:
    """The merge as it was: every new item compared with every item kept before it."""
    kept: list[Item] = []
    words: list[frozenset[str]] = []
    merged = 0
    for item in items:
        mine = dedup._words(item)
        for n, other in enumerate(kept):
            if other.origin != item.origin and dedup.same_news(other, item, words[n], mine):
                richer = other if len(other.body) >= len(item.body) else item
                kept[n] = dataclasses.replace(richer, sources=tuple(dict.fromkeys(other.sources + item.sources)),
                                              companies=richer.companies)
                words[n] = words[n] | mine
                merged += 1
                break
        else:
            kept.append(item)
            words.append(mine)
    return kept, merged


def generated(rnd: random.Random, count: int) -> list[Item]:
    """Items of few words from a small vocabulary: many near-duplicates, some told in other words."""
    stories = [rnd.sample(VOCABULARY, rnd.randint(1, 12)) for _ in range(max(1, count // 4))]
    items = []
    for n in range(count):
        words = list(rnd.choice(stories))
        for _ in range(rnd.randint(0, 4)):  # retold: words dropped, added, changed
            op = rnd.randrange(3)
            if op == 0 and words:
                words.pop(rnd.randrange(len(words)))
            elif op == 1:
                words.insert(rnd.randrange(len(words) + 1), rnd.choice(VOCABULARY))
            elif words:
                words[rnd.randrange(len(words))] = rnd.choice(VOCABULARY)
        day = dt.date(2025, 11, rnd.randint(17, 19))
        dates = (ResolvedDate(day, "", True, ""),) if rnd.random() < 0.5 else ()
        figures = (Figure("", float(rnd.randint(1, 3)), "yuan"),) if rnd.random() < 0.5 else ()
        items.append(Item("", " ".join(words[:3]), " ".join(words), dates, (), figures, "a", f"f{rnd.randint(0, 5)}",
                          sources=()))
    return items


@pytest.mark.parametrize("seed", range(40))
def test_the_index_merges_exactly_as_comparing_every_pair(seed):
    rnd = random.Random(seed)
    items = generated(rnd, rnd.randint(1, 300))
    got, count = dedup.merge(items)
    want, want_count = pairwise(items)
    assert count == want_count
    assert [(i.headline, i.body, i.origin) for i in got] == [(i.headline, i.body, i.origin) for i in want]


def test_large_weeks_compare_few_pairs(monkeypatch):
    calls = []
    real = dedup.same_news
    monkeypatch.setattr(dedup, "same_news", lambda *a: calls.append(1) or real(*a))
    rnd = random.Random(7)
    words = [f"w{n}" for n in range(20000)]
    items = [Item("", "", " ".join(rnd.sample(words, 20)), (), (), (), "a", f"f{n % 7}") for n in range(2000)]
    dedup.merge(items)
    assert len(calls) < 20 * len(items), "distinct news must not be compared pair by pair"
