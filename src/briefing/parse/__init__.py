"""Parse stage: one decoded source becomes one Article with its Items.

The stage is a package whose modules are its steps:

- ``page``: the page's lines sorted into furniture (breadcrumb, stamp, menus,
  contact notes, related news ...) and body blocks, with ``furniture`` (the
  furniture line shapes), ``stamps`` (stamps, entry dates, press datelines),
  ``titles`` (title lines, deks, text said twice) and ``blocks`` (the body
  blocks finished: tables joined, contents and link lists set apart, repeats);
- ``published``: when the article was published, and how that is known;
- ``shapes``: one recogniser per way of marking items (brackets, labels,
  Roman-numeral sections, numbered and bulleted news, listings, price logs),
  tried in order on each block, building a ``state``; those of items marked
  by a label or a number live in ``labels``, those of listings, bullets and
  dashboards in ``listings``;
- ``items``: an item's dates, companies and figures read from its text.

An article with no item markers at all is cut into items sentence by
sentence (``narrative``). See ``shared/FORMATS.md`` for the shapes.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import dates, narrative
from . import figures
from ..models import Article, Item, Provenance, ResolvedDate, Source
from . import page as page_mod
from .items import derived_headline, make_item, ready_items, split_item
from .patterns import CJK, CJK_GOES_ON
from .published import folder_week, month_anchor, publication, title_period, year_anchor
from .publisher import named, publisher
from .shapes import is_plain, listed_headlines, structure
from .state import State

__all__ = ["parse", "split_item"]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CJK_DAY = re.compile(r"^\s*(?:(?:19|20)\d{2}年)?(?:1[0-2]|0?[1-9])月(?:3[01]|[12]\d|0?[1-9])日")


def parse(source: Source) -> Article:
    """Read one source into an Article; raise ValueError if it holds no article."""
    if source.items:
        return _parse_items_file(source)
    page = page_mod.read(source)
    body_text = "\n".join(page.blocks)
    if not body_text.strip() and not page.highlights:
        raise ValueError("no article text found (only page furniture); check the file")
    # the dates of search results are their entries', never the page's own
    own_text = "\n".join(b for b in page.blocks if not (page.results and isinstance(b, page_mod.EntryDate)))
    when = publication(source, page.stamp, page.dateline, own_text, page.raw_title, page.dateline_text)
    published = source.sidecar.date or source.found.date or page.stamp or dt.datetime.combine(when.value, dt.time())
    if page.title_line and page.blocks and (page.results or listed_headlines([page.title, *page.blocks]) >= {0, 2}):
        page.blocks.insert(0, page.title)  # a listing's first line is its first entry's headline, not a title
        page.title = page.raw_title = ""
    if not page.title and _sentence_title(page.blocks):
        page.title = page.raw_title = page.blocks.pop(0)
        page.keep("title", page.title)
    title = page.title or narrative.title_from("\n".join(b for b in page.blocks if not isinstance(b, page_mod.EntryDate)))
    origin = source.path.name + (f"#{source.part}" if source.part else "")
    url = source.sidecar.url or source.found.url
    provenance = Provenance(title, published.date() if when.known else None, origin, url)
    anchor = year_anchor(page.raw_title, when.value) if when.known \
        else month_anchor(page.raw_title) or when.value  # where days take their year
    state = structure(page.blocks, State(anchor, title, origin, provenance, page.furniture, results=page.results))
    items, overview = state.items, state.overview
    highlights = page.highlights or " ".join(state.summary)
    if items and len(narrative.sentences(" ".join(overview))) >= 2 and dates.WIRE_DATELINE.match(page.dateline_text) \
            and page.title:
        # a wire story told first (not a one-line lead), then its fundamentals listed: the story is news too
        items = [make_item("", page.title, " ".join(overview), when.value, title, origin, provenance=provenance),
                 *items]
        overview = []
    if len(items) == 1 and state.subheads == 1 and len(overview) >= 2 and not state.forecasts:
        # a story told in paragraphs with one subheading inside it ("Costs Rose Further" over the cost side)
        body = " ".join([*overview, f"{items[0].headline}. {items[0].body}"])
        items, overview = [make_item("", title, body, when.value, title, origin, not page.title, provenance)], []
    if not items:
        overview, items = _unmarked(page, overview, anchor, title, origin, provenance)
    period = title_period(page.raw_title) or next((r for text in (page.raw_title, highlights, *overview[:3]) if text
                                                   for _, _, r in dates.date_ranges(text, when.value)), None)
    return Article(
        path=source.path, title=title, published=published, date=when, period=period,
        source=named(page.source) or publisher(page.raw_title, page.dateline_text, page.statement, page.blocks,
                                                  page.furniture), url=url, highlights=highlights,
        overview=tuple(overview), headings=tuple(state.headings), items=tuple(items),
        forecasts=tuple(state.forecasts),
        forecast_figures=tuple(f for text in state.forecasts for f in figures.figures(text) if f.year),
        statement=page.statement, furniture=tuple(page.furniture), title_derived=not page.title,
        dateline=_dateline(page, when.value), title_date=dates.title_date(page.raw_title, when.value) if page.raw_title else None,
        part=source.part, kind=source.kind, encoding=source.encoding, folder_week=folder_week(source.path),
    )


def _unmarked(page: page_mod.Page, paragraphs: list[str], anchor: dt.date, title: str, origin: str,
              provenance: Provenance) -> tuple[list[str], list[Item]]:
    """Items of a text with no item markers: a roundup's news one by one; a page of
    untitled one-paragraph summaries (a listing), one item each; else one story under its title."""
    def item(headline: str, body: str, derived: bool = True) -> Item:
        return make_item("", headline, body, anchor, title, origin, derived=derived, provenance=provenance)

    if not paragraphs or narrative.is_roundup(paragraphs):
        intro, pieces = narrative.split(paragraphs)
        return intro, [item(headline, body) for headline, body in pieces]
    if not page.title and page.dateline is None and _is_listing(paragraphs):
        return [], [item(derived_headline(p), p) for p in paragraphs]
    body = " ".join(paragraphs)
    if page.title:
        return [], [item(title, body, derived=False)]
    return [], [item(derived_headline(body), body)]


def _sentence_title(blocks: list[str]) -> bool:
    """An untitled page whose first line is one short sentence standing over a much longer paragraph:
    its title, written as a sentence ("Copper rose 2% this week, and ...")."""
    if len(blocks) < 2 or isinstance(blocks[0], page_mod.EntryDate) or not is_plain(blocks[0]) \
            or not is_plain(blocks[1]) or CJK.match(blocks[0]):
        return False
    first = blocks[0]
    return len(narrative.sentences(first)) == 1 and len(first.split()) <= 30 and len(blocks[1]) >= 3 * len(first)


def _is_listing(paragraphs: list[str]) -> bool:
    """Separate untitled summaries: a listing as ``narrative.is_listing`` sees it, where no Chinese paragraph
    goes on with the one before ("公告表示，...", "其中，...": one story told in paragraphs)."""
    if not narrative.is_listing(paragraphs):
        return False
    chinese = [p for p in paragraphs if CJK.match(p)]
    if not chinese:
        return True
    # Chinese summaries each open with their own day ("12月4日，..."); paragraphs that do not are one story
    dated = sum(bool(_CJK_DAY.match(p)) for p in chinese)
    return 2 * dated >= len(chinese) and not any(CJK_GOES_ON.match(p) for p in paragraphs[1:])


def _dateline(page: page_mod.Page, anchor: dt.date) -> ResolvedDate | None:
    if not page.dateline:
        return None
    value = dates.nearest_year(*page.dateline, anchor)
    if not value:
        return None
    return ResolvedDate(value, page.dateline_text, False,
                        f"dateline month and day; year {value.year} from the publication date", kind="dateline")


def _parse_items_file(source: Source) -> Article:
    """A .json list of ready-made items: the article is the list itself."""
    title = source.sidecar.title or source.found.title or source.path.stem
    given = [dt.date.fromisoformat(str(i["date"])[:10]) for i in source.items
             if isinstance(i.get("date"), str) and _ISO_DAY.match(i["date"])]
    if source.sidecar.date is None and source.found.date is None and given:
        latest = max(given)
        when = ResolvedDate(latest, latest.isoformat(), True, "the latest date given in the item list")
    else:
        when = publication(source, None, None, source.text, title)
    published = source.sidecar.date or source.found.date or dt.datetime.combine(when.value, dt.time())
    origin = source.path.name
    url = source.sidecar.url or source.found.url
    provenance = Provenance(title, published.date(), origin, url)
    items = ready_items(source, when.value, title, origin, provenance)
    return Article(
        path=source.path, title=title, published=published, date=when,
        source=source.sidecar.source or source.found.source or "unknown", url=url, highlights="",
        overview=(), headings=(), items=tuple(items), forecasts=(), forecast_figures=(),
        statement="", furniture=(), part=source.part, kind=source.kind, encoding=source.encoding,
    )
