"""Digest stage: the week summed up, after grouping and the editor's changes.

A week of many articles is too much to print in full. The digest ranks
(``rank``), so each section prints its most important items in full (at most
``items_in_full``, default 8, and every item the editor pinned) and lists the
rest one line each in the appendix; it writes the highlights paragraph and
points from the whole week (``highlights``) and the market overview, one
paragraph per product (``markets``). ``quoted`` makes the price table of the
products' latest quotes once, before the history stage compares it with the
stored weeks. Nothing is dropped: ``items.json`` and
the appendix keep every item.
"""

from __future__ import annotations

import dataclasses

from .. import prices
from ..config import Config
from ..models import Briefing, Section
from . import highlights, markets, rank

__all__ = ["digest", "quoted", "rank"]
PARAGRAPH_FROM = 12  # the items whose openings the highlights paragraph may use


def _cut(section: Section, limit: int, pinned: tuple[str, ...]) -> Section:
    shown = max(limit, sum(1 for item in section.items if item.id in pinned))
    return dataclasses.replace(section, shown=shown if shown < len(section.items) else None)


def digest(briefing: Briefing, config: Config, edited_highlights: bool = False) -> Briefing:
    """The briefing with its sections cut, its highlights and market overview written.
    ``edited_highlights``: the editorial file gave the highlights paragraph, which stays."""
    sections = tuple(_cut(s, config.items_in_full, briefing.pinned) for s in briefing.sections)
    items = [item for section in sections for item in section.items]
    table = markets.products(config.products_path)
    paragraph = highlights.paragraph(briefing.articles, rank.ranked(items)[:PARAGRAPH_FROM])
    return dataclasses.replace(
        briefing,
        sections=sections,
        bullets=highlights.bullets(sections),
        highlights=briefing.highlights if edited_highlights else ((paragraph,) if paragraph else ()),
        markets=markets.overview(briefing.articles, items, table),
    )


def quoted(briefing: Briefing, config: Config) -> Briefing:
    """The briefing with its price table: each product's latest quote, only market products (``prices.quotes``)."""
    table = markets.products(config.products_path)
    quotes = prices.quotes(briefing.prices, lambda name: markets.place_of(name, table))
    return dataclasses.replace(briefing, prices=quotes)
