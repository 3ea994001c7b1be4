"""Item shapes: one small recogniser per way a page marks its items.

Each recogniser has a name, a ``test(block, state)`` that says whether the
block is of its shape, and a ``run(block, match, state)`` that turns it into
items (or a heading, or an item waiting for its body). ``SHAPES`` holds them
in the order they are tried, as Python-Markdown's block processors are; the
first whose test succeeds runs. ``run`` returns the rest of the block when
other shapes should still see it (a series tag before a body), else None.
A new shape is a new recogniser here and a fixture in tests/fixtures/formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .. import narrative
from ..models import Furniture
from .blocks import EntryDate
from .items import derived_headline, split_item
from .labels import (between_labels, colon_headline, colon_headline_test, dash_test, label_run, label_test, numbered_run,
                     numbered_test, roman_run, roman_test)
from .listings import (bullet_run, entry_date_run, headline_like, kicker, listed_headlines, parallel_run, parallel_test,
                       price_log_run)
from .patterns import (BULLET, CJK_SECTION, DATED_LEAD, FORECAST, ITEM, LABEL_ALONE, PRICE_LOG, SERIES, STRUCTURAL_HEADINGS,
                       is_field, is_heading, is_plain, runs)
from .state import State

__all__ = ["SHAPES", "Shape", "State", "is_plain", "listed_headlines", "structure"]


@dataclass(frozen=True)
class Shape:
    name: str
    test: Callable[[str, State], Any]
    run: Callable[[str, Any, State], str | None]


# --- the recognisers, in the order they are tried --------------------------------------------------

def _series_test(block: str, state: State):
    m = ITEM.match(block)
    return m if m and SERIES.match(m["inner"].strip()) else None


def _series_run(block: str, m, state: State) -> str | None:
    state.furniture.append(Furniture("series", f"[{m['inner'].strip()}]"))
    return m["body"].strip() or None


def _bracket_run(block: str, m, state: State) -> None:
    state.close()
    state.pending = None
    category, headline = split_item(m["inner"])
    if SERIES.match(category) and m["body"].strip() and not state.items:
        # "[SMM Electrolyte Weekly Review: Prices Stable] From January 12 ...": the series' summary of the page
        state.summary.append(m["body"].strip())
        return
    if m["body"].strip():
        state.item(category, headline, m["body"].strip())
    else:
        state.pending = (category, headline)


def _pending_test(block: str, state: State) -> bool:
    waiting, state.pending = state.pending, None
    if waiting is not None and is_plain(block):
        state.pending = waiting
        return True
    return False


def _pending_run(block: str, _m, state: State) -> None:
    assert state.pending is not None
    category, headline = state.pending
    state.pending = None
    state.item(category, headline, block)


def _heading_run(block: str, _m, state: State) -> None:
    state.close()
    if state.following and is_plain(state.following) and not STRUCTURAL_HEADINGS.match(block) \
            and not colon_headline(state.following) \
            and not (state.items and FORECAST.search(state.following)):
        state.open(block)
        state.subheads += 1
    else:
        state.headings.append(block)


def _section_run(block: str, _m, state: State) -> None:
    """A section's name standing alone ("未来发展趋势"): a heading of the story, its text goes on below."""
    state.close()
    state.headings.append(block)


def _continues_test(block: str, state: State) -> bool:
    """A paragraph that goes on with the labelled item above it."""
    return state.open_item is not None and not (state.open_item[2] and FORECAST.search(block) and not state.section)


def _dated_news_test(block: str, state: State) -> bool:
    """Under a heading whose text opened with the day of its news, another paragraph that does: the next piece of
    news ("On January 24, Tesla ..." then "On January 18, the GBA ..."), not more of the same one."""
    return state.open_item is not None and bool(state.open_item[2]) and bool(DATED_LEAD.match(state.open_item[2][0])) \
        and bool(DATED_LEAD.match(block))


def _dated_news_run(block: str, _m, state: State) -> None:
    category, heading, paragraphs, derived = state.open_item
    if not derived:  # the heading names the section of news, and each piece is headlined by its first sentence
        state.section = heading
        state.open_item = [heading, derived_headline(paragraphs[0]), paragraphs, True]
    state.open(derived_headline(block), derived=True)
    state.open_item[2].append(block)


def _paragraph_run(block: str, _m, state: State) -> None:
    """Any other paragraph: overview before the first item, forecasts after it."""
    state.close()
    if state.items and not state.forecasts and not FORECAST.search(block) and label_test(state.following, state) \
            and len(narrative.sentences(block)) >= 2:
        between_labels(block, state)
    elif state.items and FORECAST.search(block):
        state.forecasts.append(block)
    elif state.items and state.forecasts:
        state.forecasts.append(block)
    else:
        state.overview.append(block)


SHAPES: list[Shape] = [
    Shape("entry-date", lambda b, s: isinstance(b, EntryDate), entry_date_run),
    Shape("result-headline", lambda b, s: s.results and s.index in s.listed, lambda b, m, s: s.open(b)),
    Shape("result-text", lambda b, s: s.results and s.open_item is not None and not s.open_item[2],
          lambda b, m, s: s.open_item[2].append(b)),  # a search result's text, whatever its shape
    Shape("kicker", lambda b, s: kicker(b, s.following), lambda b, m, s: s.furniture.append(Furniture("tag", b))),
    Shape("headline-list", lambda b, s: s.index in s.headline_list, lambda b, m, s: s.item(s.section, b, b, True)),
    Shape("fields", lambda b, s: s.index in s.fields, lambda b, m, s: s.attach(b)),
    Shape("series-tag", _series_test, _series_run),
    Shape("bracket", lambda b, s: ITEM.match(b), _bracket_run),
    Shape("bracket-body", _pending_test, _pending_run),
    Shape("roman-section", roman_test, roman_run),
    Shape("numbered", numbered_test, numbered_run),
    Shape("bullet", lambda b, s: BULLET.match(b), bullet_run),
    Shape("price-log", lambda b, s: s.index in s.price_log, price_log_run),
    Shape("label-alone", lambda b, s: LABEL_ALONE.match(b), lambda b, m, s: s.open(m["label"].strip())),
    Shape("colon-headline", colon_headline_test, lambda b, m, s: s.open(b.rstrip()[:-1].rstrip())),
    Shape("label", label_test, label_run),
    Shape("dash-label", dash_test, label_run),
    Shape("listed-headline", lambda b, s: s.index in s.listed, lambda b, m, s: s.open(b)),
    Shape("heading", lambda b, s: is_heading(b), _heading_run),
    Shape("section-name", lambda b, s: CJK_SECTION.match(b), _section_run),
    Shape("dated-news", _dated_news_test, _dated_news_run),
    Shape("parallel-entry", parallel_test, parallel_run),
    Shape("continuation", _continues_test, lambda b, m, s: s.open_item[2].append(b)),
    Shape("dated-entry", lambda b, s: s.entry_date is not None and s.open_item is None and is_plain(b),
          lambda b, m, s: s.derived(b)),
    Shape("paragraph", lambda b, s: True, _paragraph_run),
]


def structure(blocks: list[str], state: State) -> State:
    """Walk the body blocks through the recognisers; the state holds what they built."""
    state.headline_list = runs(blocks, lambda b: headline_like(b) and len(b.split()) <= 16)
    marks = [n for n, b in enumerate(blocks) if isinstance(b, EntryDate)]
    state.dates_lead = bool(marks) and all(isinstance(b, EntryDate) for b in blocks[:marks[0] + 1])
    for n in sorted(state.headline_list):  # the last headline of a run may head the paragraph after it
        if n + 1 not in state.headline_list and n + 1 < len(blocks) and is_plain(blocks[n + 1]):
            state.headline_list.discard(n)
    state.fields = runs(blocks, is_field)
    state.price_log = runs(blocks, lambda b: len(b) < 200 and bool(PRICE_LOG.match(b)), least=2)
    state.listed = listed_headlines(blocks)
    if state.results:
        state.listed |= {n for n in range(len(blocks) - 1)
                         if isinstance(blocks[n + 1], EntryDate) and not isinstance(blocks[n], EntryDate)}
    for n, block in enumerate(blocks):
        state.index = n
        state.following = next((b for b in blocks[n + 1:n + 3] if not isinstance(b, EntryDate)), "")
        rest: str | None = block
        for shape in SHAPES:
            found = shape.test(rest, state)
            if found:
                rest = shape.run(rest, found, state)
                if rest is None:
                    break
    state.close()
    return state
