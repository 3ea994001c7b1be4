"""What the item recognisers build while they walk one article's blocks: its items, overview, headings and
forecasts, with the item still open for more paragraphs and the blocks that go on with the last item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..models import Furniture, Item, Provenance, ResolvedDate
from .items import derived_headline, make_item
from .patterns import CREDIT

__all__ = ["State"]


@dataclass
class State:
    """What the recognisers build while they walk the blocks of one article."""

    anchor: dt.date
    title: str
    origin: str
    provenance: Provenance
    furniture: list[Furniture]
    results: bool = False  # a page of search results: each line over an entry's date line is its headline
    items: list[Item] = field(default_factory=list)
    overview: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # a series' summary of the page, given as a bracket
    headings: list[str] = field(default_factory=list)
    forecasts: list[str] = field(default_factory=list)
    section: str = ""  # the Roman-numeral section (or subheading) the items stand under
    pending: tuple[str, str] | None = None  # (category, headline) of a bracket waiting for its body
    open_item: list | None = None  # [category, headline, paragraphs, derived]: an item taking more paragraphs
    following: str = ""  # the next block
    index: int = 0  # the block's place among the article's blocks
    headline_list: set[int] = field(default_factory=set)  # blocks in a run of bare headlines (a listing)
    fields: set[int] = field(default_factory=set)  # blocks in a run of specification fields
    price_log: set[int] = field(default_factory=set)  # blocks in a log of two or more trades ("Sold 200 mt at ...")
    listed: set[int] = field(default_factory=set)  # headlines of a listing's headline-and-summary entries
    dates_lead: bool = True  # a listing's entry dates stand before their entries (else after them)
    entry_date: dt.date | None = None  # the date of the entry being read, when dates lead
    subheads: int = 0  # items opened by a heading over their paragraphs
    tail: list[str] = field(default_factory=list)  # blocks that go on with the last item, joined to it once

    def attach(self, block: str) -> None:
        """A block that belongs to what came before it: the open item, the last item, else the overview.
        Blocks that go on with the last item wait in ``tail``: the item is made again once, not once a block."""
        if self.open_item is not None:
            self.open_item[2].append(block)
        elif self.items:
            self.tail.append(block)
        elif self.overview:
            self.overview[-1] += "\n" + block
        else:
            self.overview.append(block)

    def flush(self) -> None:
        """The last item with the blocks attached to it, as if each had been joined in turn: a credit that
        closes one of them ("... (Reuters)") is cut from the body there."""
        if not self.tail:
            return
        blocks, self.tail = self.tail, []
        last = self.items.pop()
        parts, credit, end = [last.body], last.credit, last.body[-256:]
        for block in blocks:
            parts.append(block)
            if not credit:
                end = f"{end} {block}"[-256:]  # a credit stands in the last few characters
                if c := CREDIT.search(end):
                    credit, joined = c["credit"].strip(), " ".join(parts)
                    parts = [joined[:len(joined) - len(end) + c.start()].rstrip()]
        self.item(last.category, last.headline, " ".join(parts), last.derived_headline, credit)

    def item(self, category: str, headline: str, body: str, derived: bool = False, credit: str = "") -> None:
        self.flush()
        if not credit and (c := CREDIT.search(body)):
            credit, body = c["credit"].strip(), body[:c.start()].rstrip()
        if self.items and self.items[-1].headline == headline and not derived:
            told, new = self.items[-1].body, body
            if told.endswith(("...", "…")) and new.startswith(told.rstrip(".…")):
                self.items.pop()  # a teaser cut off with "...", then the full text under the same headline
            elif new.endswith(("...", "…")) and told.startswith(new.rstrip(".…")):
                return
        self.items.append(make_item(category, headline, body, self.anchor, self.title, self.origin, derived,
                                    self.provenance, credit))
        if self.entry_date is not None:
            self.date_last(self.entry_date)
            self.entry_date = None

    def date_last(self, day: dt.date) -> None:
        """Give the last item its listing entry's date."""
        self.flush()
        last = self.items[-1]
        if all(d.value != day for d in last.dates):
            given = ResolvedDate(day, day.isoformat(), True, "the listing entry's date line")
            self.items[-1] = replace(last, dates=(given, *last.dates))

    def derived(self, text: str) -> None:
        """An item whose headline is written from its first sentence."""
        self.item(self.section, derived_headline(text), text, derived=True)

    def open(self, headline: str, derived: bool = False) -> None:
        self.close()
        self.open_item = [self.section, headline, [], derived]

    def close(self) -> None:
        self.flush()
        if self.open_item is not None:
            category, headline, paragraphs, derived = self.open_item
            if paragraphs:
                self.item(category, headline, " ".join(paragraphs), derived)
            else:
                self.headings.append(headline)
            self.open_item = None
