"""The typed records passed between pipeline stages.

Each stage takes complete records and returns new complete records:
ingest -> Source, parse -> Article (with Items), group -> Briefing,
charts -> Chart, outputs -> BuildResult. Nothing is filled in later.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .changes import Changes
from .numbers import shown as number_text

UNKNOWN_DAY = dt.date(1, 1, 1)  # the value of a date that nothing could give (``ResolvedDate.known`` is False)
# a legal form at the end of a name: "Co., Ltd.", "Company Limited", "Inc.", "Corporation"
_LEGAL_FORM = re.compile(r",?\s*(?:(?:Co\.|Company),?\s*(?:Ltd\.?|Limited)|Company|Inc\.|Corp\.|Corporation|Ltd\.|Limited)$")


@dataclass(frozen=True)
class Sidecar:
    """Editor-pinned facts about one article (``<article>.meta.toml``)."""

    title: str | None = None
    date: dt.datetime | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Note:
    """Something reading left out of an article that still went on: characters that are not
    text, dropped, or an item of an item list that could not be used, rejected."""

    kind: str  # "dropped" (characters) or "rejected" (an item)
    count: int  # how many characters or items
    reason: str  # what they were and why, for --verbose


@dataclass(frozen=True)
class Source:
    """One input file, decoded to text (ingest stage)."""

    path: Path
    text: str
    encoding: str
    sidecar: Sidecar = field(default_factory=Sidecar)
    # Facts the file's own format carries (HTML metadata, front matter, a feed
    # entry); the editor's sidecar wins over them.
    found: Sidecar = field(default_factory=Sidecar)
    part: str = ""  # which article of a many-article file ("entry 3" of a feed)
    kind: str = "text"  # the reader that made it: text, html, markdown, feed, json
    items: tuple[dict, ...] = ()  # ready-made items of a .json item list
    notes: tuple[Note, ...] = ()  # characters dropped and items rejected while reading it


@dataclass(frozen=True)
class Skipped:
    """An input file that could not be used, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class ResolvedDate:
    """A date and how it was obtained."""

    value: dt.date  # the date (a range's first day)
    text: str  # the words it was read from
    explicit: bool  # False when a part of it (often the year) was inferred
    how: str  # a sentence saying how it was resolved
    end: dt.date | None = None  # last day, when the text names a range ("December 26-31")
    kind: str = "day"  # day | range | week-ending | title | dateline | folder | unknown

    @property
    def known(self) -> bool:
        """False for an article's date that nothing could give (``value`` is then ``UNKNOWN_DAY``)."""
        return self.kind != "unknown"


@dataclass(frozen=True)
class Company:
    name: str  # as written, "Hymson Laser Technology Group Co., Ltd."
    code: str | None = None  # normalised, e.g. "002407.SZ"
    key: str = ""  # the alias table's id when the company is in it, e.g. "catl"
    canonical: str = ""  # the alias table's full name
    codes: tuple[str, ...] = ()  # every listing code known for it (A-share and Hong Kong)
    parent: str = ""  # the alias table's full name of its parent company, for a subsidiary ("GAC Group")

    @property
    def short(self) -> str:
        """The name without its legal form: "Yinglian Co., Ltd." -> "Yinglian"."""
        return _LEGAL_FORM.sub("", self.name) or self.name

    @property
    def listed(self) -> tuple[str, ...]:
        """Every listing code to print beside the name: "300014.SZ"; () for a company the table lists none for.
        A ticker that is the name itself (NIO's "NIO") is the name already printed."""
        codes = self.codes or ((self.code,) if self.code else ())
        return tuple(c for c in codes if c.casefold() != self.short.casefold())  # "NIO", not "NIO NIO 09866.HK"

    @property
    def part_of(self) -> str:
        """The parent company of a subsidiary, without its legal form ("GAC Group"); "" for any other."""
        return _LEGAL_FORM.sub("", self.parent) or self.parent


@dataclass(frozen=True)
class Figure:
    text: str  # as written, e.g. "200MW/800MWh"
    value: float  # in ``unit``, multipliers applied (440 million yuan -> 4.4e8)
    unit: str  # e.g. "MW/MWh", "yuan", "yuan/Wh", "GWh", "%"
    second: float | None = None  # the second value of a pair such as 200MW/800MWh
    year: int | None = None  # the year a forecast refers to
    label: str = ""  # what the figure measures, from the words before it
    forecast: bool = False  # True when its sentence speaks of the future
    low: float | None = None  # a range "73,800-75,700 yuan/mt": its lower bound
    high: float | None = None  # ... and its upper bound
    currency: str | None = None  # CNY, USD
    per: str | None = None  # the unit a price is per: mt, Wh, kg
    multiplier: float = 1.0  # million, billion, 万, 亿 as a factor
    comparator: str = ""  # ">=", "<", ">" when written "≥5MW"
    subject: str = ""  # what is measured, as its sentence names it ("lithium-ion battery demand, EVs"); "" unknown
    metric: str = "other"  # what kind of number: shipments, demand, market size, CAGR, price ... (parse.measures)
    start_year: int | None = None  # a period's first year ("from 2024 to 2030": 2024, with ``year`` 2030)
    forecaster: str = ""  # who forecasts it, for a forecast ("SMM", "Guosen Securities"); "" when not said

    @property
    def period(self) -> str:
        """The period or year it holds for: "2024-2030", "2030", ""."""
        if self.start_year and self.year:
            return f"{self.start_year}-{self.year}"
        return str(self.year) if self.year else ""

    @property
    def shown(self) -> str:
        """The value as a table prints it: "11 %", "13.5 GWh", "1.95 billion yuan", "16,800–16,900 yuan/mt"."""
        word = _MULTIPLIER_WORDS.get(self.multiplier)
        if self.second is not None or (self.multiplier != 1 and word is None):
            return self.text
        scale = self.multiplier
        number = (f"{number_text(self.low / scale)}–{number_text(self.high / scale)}"
                  if self.low is not None and self.high is not None else number_text(self.value / scale))
        return " ".join(p for p in (self.comparator, number, word or "", self.unit) if p)


@dataclass(frozen=True)
class Provenance:
    """Where an item was read: its article's title, date, and file or URL."""

    title: str  # the article's title
    date: dt.date | None  # its publication date
    file: str  # the input file (and the entry, for a feed or item list)
    url: str | None = None  # its web address, when known
    site: str = ""  # the publisher ("SMM"), else the web address's host, else ""

    def __str__(self) -> str:
        when = f", {self.date:%d %b %Y}" if self.date else ""
        return f"{self.title}{when} ({self.url or self.file})"

    @property
    def short(self) -> str:
        """The source as a reader cites it: site and date, "SMM, 14 Nov 2025"."""
        when = f"{self.date:%d %b %Y}" if self.date else "undated"
        return f"{self.site}, {when}" if self.site else when


@dataclass(frozen=True)
class KeyFigure:
    """A row of the key-figures table: a forecast figure whose subject its sentence names, and its source."""

    figure: Figure
    source: Provenance | None = None  # the article (or the item's first source) it was read from

    @property
    def measure(self) -> str:
        """What is measured: "lithium-ion battery demand, EVs"."""
        return self.figure.subject

    @property
    def metric(self) -> str:
        return self.figure.metric

    @property
    def period(self) -> str:
        """"2024-2030", "2030"."""
        return self.figure.period

    @property
    def value(self) -> str:
        """"11 %", "116.23 billion yuan"."""
        return self.figure.shown

    @property
    def cited(self) -> str:
        """The source as a reader cites it, with the forecaster when another: "SMM, 20 Nov 2025",
        "Guosen Securities (SMM, 04 Mar 2024)"; "" when unknown."""
        where = self.source.short if self.source else ""
        by = self.figure.forecaster
        if by and not (self.source and self.source.site and by.casefold() == self.source.site.casefold()):
            return f"{by} ({where})" if where else by
        return where


@dataclass(frozen=True)
class Price:
    """One price read from an item: a row of the week's price table."""

    product: str  # what is priced, from the words before the price ("Refined cobalt")
    value: float  # the price, or the middle of a range
    low: float | None  # a range's bounds
    high: float | None  # (None when the price is one number)
    unit: str  # currency per unit: "yuan/mt", "USD/kg"
    date: dt.date | None  # the item's date, else its article's
    text: str  # as written
    source: Provenance | None  # the article it came from
    guessed: bool = False  # the product is the item's category or headline: the words before the price named none
    change: str = ""  # the change the text states: "up 300 yuan/mt", "down 0.7% WoW", "flat", "stabilized"

    @property
    def shown(self) -> str:
        """The price or range as printed: "242,000–246,000", "0.55", "1,900,000"."""
        if self.low is not None and self.high is not None:
            return f"{number_text(self.low)}–{number_text(self.high)}"
        return number_text(self.value)


@dataclass(frozen=True)
class Item:
    """One piece of news: one event, company or forecast."""

    category: str  # "Solid-State Battery Equipment", or "" when the page gave none
    headline: str  # the item's headline
    body: str  # the item's text
    dates: tuple[ResolvedDate, ...]  # every date in the text, resolved
    companies: tuple[Company, ...]  # companies named, with their codes
    figures: tuple[Figure, ...]  # quantities with units
    article: str  # the title of the article it came from
    origin: str  # file name of the article
    derived_headline: bool = False  # True when the headline was written from the body
    sources: tuple[Provenance, ...] = ()  # every article that told this news
    credit: str = ""  # a source named at the end of the item on listing pages, "(Mysteel)"
    principal: str = ""  # the company the item is about (named in its headline or first sentence), "" when none
    seq: int = 0  # 1, 2, ... for a later item of the week with the same article, category and headline

    @property
    def date(self) -> dt.date | None:
        """The item's main date: the latest event date in its body."""
        return max((d.value for d in self.dates), default=None)

    @property
    def lead(self) -> Company | None:
        """The principal company, with its listing codes, when the item has one."""
        return next((c for c in self.companies if self.principal in (c.canonical, c.name)), None) \
            if self.principal else None

    @property
    def mentioned(self) -> tuple[Company, ...]:
        """The other companies the item names, each once (aliases merged), in the order the text names them."""
        lead, seen, out = self.lead, set(), []
        for c in self.companies:
            key = c.key or c.code or c.name.casefold()
            if key not in seen and not (lead and (c is lead or c.key and c.key == lead.key)):
                seen.add(key)
                out.append(c)
        return tuple(out)

    @property
    def id(self) -> str:
        """A stable id by which editorial files name the item: 8 hex digits of a hash
        of its article file name, category and headline (unchanged by regrouping or edits elsewhere),
        and of its ``seq`` when an earlier item of the week has all three."""
        key = "\0".join((self.origin, self.category, self.headline) + ((str(self.seq),) if self.seq else ()))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Furniture:
    """A line of page furniture kept apart from the news."""

    kind: str  # breadcrumb, contact, tag, related, promo, menu
    text: str  # the line as written


@dataclass(frozen=True)
class Article:
    path: Path  # the input file (`article.path.name` for its name)
    title: str  # the page's title, or one written from its text
    published: dt.datetime  # publication date and time
    date: ResolvedDate  # how ``published`` was obtained
    source: str  # the publisher, "SMM"
    url: str | None  # the article's web address, when known
    highlights: str  # its highlights paragraph
    overview: tuple[str, ...]  # intro and market paragraphs
    headings: tuple[str, ...]  # section headings met in the article
    items: tuple[Item, ...]  # its items, as parsed
    forecasts: tuple[str, ...]  # its forecast paragraphs
    forecast_figures: tuple[Figure, ...]  # figures with a year in those paragraphs
    statement: str  # the data source statement, if any
    furniture: tuple[Furniture, ...]  # page furniture kept apart (never shown as news)
    dateline: ResolvedDate | None = None  # "SMM November 20 News:" resolved
    title_date: ResolvedDate | None = None  # a date coded in the title ("Weekly Review 623")
    part: str = ""  # which article of a many-article file
    kind: str = "text"  # the reader it came through
    encoding: str = ""  # how the file was decoded
    period: ResolvedDate | None = None  # the range the article reports on ("This week (December 26-31)")
    title_derived: bool = False  # True when the page had no title and one was written from its text
    folder_week: str = ""  # the week folder it sits in (seeds/2025-47/...), which places it
    notes: tuple[Note, ...] = ()  # characters dropped and items rejected while reading it (from its Source)

    @property
    def week(self) -> str:
        """The ISO week the article belongs to: its week folder's, else its publication date's
        ("" when it has neither)."""
        if self.folder_week:
            return self.folder_week
        return iso_week(self.published.date()) if self.date.known else ""


@dataclass(frozen=True)
class Section:
    key: str  # the section's key in briefing.toml, used in ids ("section-equipment")
    title: str  # its heading
    items: tuple[Item, ...]  # its items, most important first
    shown: int | None = None  # how many are printed in full (None: all); the rest go to the appendix

    @property
    def full(self) -> tuple[Item, ...]:
        """The items printed in full in the section."""
        return self.items if self.shown is None else self.items[:self.shown]

    @property
    def brief(self) -> tuple[Item, ...]:
        """The items listed one line each in the appendix."""
        return () if self.shown is None else self.items[self.shown:]


@dataclass(frozen=True)
class Bullet:
    """One line of the highlights: an item of the week that matters most."""

    text: str  # the item's headline
    item: str  # the item's id (the link target "item-<id>")
    section: str  # the key of the section it is in
    full: bool = True  # True when the item is printed in full, False when it is listed in the appendix

    @property
    def target(self) -> str:
        """The id of the element the point links to: the item, or its line in the appendix."""
        return f"item-{self.item}" if self.full else f"brief-{self.item}"


@dataclass(frozen=True)
class Market:
    """One paragraph of the market overview: what the week's articles say of one product."""

    product: str  # "Lithium carbonate"; "" for the week's general market lines
    sentences: tuple[str, ...]  # each sentence once, most telling first
    sources: tuple[Provenance, ...]  # the articles they came from, each once

    @property
    def text(self) -> str:
        """The sentences as one paragraph."""
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Chart:
    key: str  # sections, forecasts, timeline, companies, prices
    title: str  # the chart's title, also its caption
    alt: str  # a sentence describing the data, for screen readers
    svg: str  # for the HTML and PDF
    png: bytes  # for the DOCX
    filename: str  # stem of the files written beside the briefing
    source: str = ""  # where the data come from ("Source: SMM; items of week 2025-47"), printed with the caption


@dataclass(frozen=True)
class Briefing:
    week: str  # the ISO week, "2025-47"
    start: dt.date  # the week's Monday
    end: dt.date  # the week's Sunday
    title: str  # "Weekly Hot: ..." (the editorial file may replace it)
    subtitle: str  # `subtitle` from briefing.toml, topic filled in
    topic: str  # `topic` from briefing.toml
    author: str  # `author` from briefing.toml
    highlights: tuple[str, ...]  # the highlights paragraph (the editorial file's paragraphs when it has them)
    markets: tuple[Market, ...]  # the market overview: one paragraph per product
    progress_title: str  # heading over the sections, "Progress of ... Projects by Enterprises"
    sections: tuple[Section, ...]  # the sections that have items, in briefing.toml order
    forecasts: tuple[str, ...]  # forecast and outlook paragraphs
    key_figures: tuple[KeyFigure, ...]  # forecast figures with a subject and a year: the key-figures table
    articles: tuple[Article, ...]  # the week's articles, oldest first: the sources list
    statement: str  # the data source statement
    generated: dt.datetime  # build time (SOURCE_DATE_EPOCH when set), UTC
    charts: tuple[Chart, ...] = ()  # the charts that had data
    prices: tuple[Price, ...] = ()  # the week's price table, one row per price
    duplicates: int = 0  # items merged because another article told the same news
    editor_note: str = ""  # the editor's note for the week, from the editorial file
    pinned: tuple[str, ...] = ()  # ids of the items the editor pinned to the top of their section
    bullets: tuple[Bullet, ...] = ()  # the highlights' points: the week's most important items
    changes: Changes | None = None  # what changed since the stored weeks before this one (history)
    issue_date: dt.date | None = None  # the issue's date from the editorial file (`date`), if it sets one

    @property
    def issued(self) -> dt.date:
        """The issue's date, printed on the cover: the editorial file's date, else the last
        publication date of the week's articles, else the week's Sunday (never the build time)."""
        if self.issue_date is not None:
            return self.issue_date
        known = [a.published.date() for a in self.articles if a.date.known]
        return max(known) if known else self.end

    @property
    def appendix(self) -> tuple[Section, ...]:
        """The sections whose items are not all printed in full, holding only those listed one line each."""
        return tuple(dataclasses.replace(s, items=s.brief, shown=None) for s in self.sections if s.brief)

    @property
    def sites(self) -> tuple[tuple[str, tuple[Article, ...]], ...]:
        """The week's articles grouped by site (publisher), sites in order of first appearance."""
        groups: dict[str, list[Article]] = {}
        for article in self.articles:
            groups.setdefault(site_of(article), []).append(article)
        return tuple((site, tuple(found)) for site, found in groups.items())

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item of every section, in order."""
        return tuple(item for section in self.sections for item in section.items)

    def article_of(self, item: Item) -> Article | None:
        """The article an item came from (for its source link)."""
        return _articles_by_name(self.articles).get(item.origin)


_indexed: tuple[tuple[Article, ...], dict[str, Article]] = ((), {})  # the articles last indexed, and their index


def _articles_by_name(articles: tuple[Article, ...]) -> dict[str, Article]:
    """The first article of each file name: indexed once for a briefing, not searched once an item."""
    global _indexed
    if _indexed[0] is not articles:
        index: dict[str, Article] = {}
        for article in articles:
            index.setdefault(article.path.name, article)
        _indexed = (articles, index)
    return _indexed[1]


@dataclass(frozen=True)
class BuildResult:
    week: str
    out_dir: Path
    files: tuple[Path, ...]
    items: int
    sections: int
    articles: int
    other_weeks: int
    skipped: tuple[Skipped, ...]
    charts_skipped: tuple[str, ...]
    seconds: float
    duplicates: int = 0
    parsed: int = 0  # files parsed this run (the rest came from the cache)
    notes: tuple[tuple[str, Note], ...] = ()  # (article file, note) of the week's articles: dropped, rejected


_MULTIPLIER_WORDS = {1e3: "thousand", 1e6: "million", 1e9: "billion", 1e12: "trillion"}


def site_of(article: Article) -> str:
    """The site an article came from: its publisher, else its web address's host, else "Other sources"."""
    if article.source and article.source != "unknown":
        return article.source
    if article.url:
        from urllib.parse import urlsplit

        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or "Other sources"
    return "Other sources"


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-{week:02d}"


@dataclass(frozen=True)
class Editorial:
    """An editor's changes to one week's briefing (``editorial/<week>.toml``)."""

    path: Path
    title: str | None = None  # replaces the briefing's title
    highlights: tuple[str, ...] | None = None  # replaces the highlights, one paragraph each
    note: str = ""  # the editor's note, printed after the title
    pin: tuple[str, ...] = ()  # item ids put first in their section, in this order
    hide: tuple[str, ...] = ()  # item ids left out of every format
    move: tuple[tuple[str, str], ...] = ()  # (item id, section key): the item goes to that section
    order: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (section key, item ids in the order wanted)
    date: dt.date | None = None  # the issue's date printed on the cover (default: the week's last publication)
