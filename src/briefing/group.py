"""Group stage: the week's articles become one Briefing, items sorted into sections."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
from collections import Counter
from collections.abc import Iterable

from . import dedup, prices
from .config import Config, SectionRule
from .digest import rank
from .models import Article, Briefing, Figure, Item, KeyFigure, Provenance, Section, site_of

_SERIES_PREFIX = re.compile(r"^\s*Weekly Hot\s*:\s*", re.I)


BODY_HITS = 2  # keyword hits a body needs before it decides an item's section


@functools.lru_cache(maxsize=256)
def _keyword_patterns(keywords: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each keyword as a whole-word pattern, compiled once per section (the sections' keywords
    together outnumber the regular expressions ``re`` keeps compiled)."""
    return tuple(re.compile(rf"(?<![\w-]){re.escape(k.lower())}(?![\w-])") for k in keywords)


def _hits(rule: SectionRule, text: str) -> int:
    text = text.lower()
    return sum(len(pattern.findall(text)) for pattern in _keyword_patterns(rule.keywords))


def _told_apart(items: Iterable[Item]) -> list[Item]:
    """The items, a later one of the same article, category and headline as an earlier one given
    its number (``Item.seq``), so that every item of the week has its own id."""
    seen: Counter[str] = Counter()
    out = []
    for item in items:
        later = seen[item.id]
        seen[item.id] += 1
        out.append(dataclasses.replace(item, seq=later) if later else item)
    return out


def section_for(item: Item, rules: Iterable[SectionRule]) -> SectionRule:
    """The first section matching the category, else the headline; else, for an item
    without a category, the section its body names most often (at least twice);
    else the default section."""
    rules = list(rules)
    keyed = [r for r in rules if not r.default]
    for text in (item.category, item.headline):
        for rule in keyed:
            if text and _hits(rule, text):
                return rule
    if not item.category and keyed:
        score, rule = max(((_hits(r, item.body), -n), r) for n, r in enumerate(keyed))
        if score[0] >= BODY_HITS:
            return rule
    fallback = next((r for r in rules if r.default), None)
    return fallback or rules[-1]


def generated_at() -> dt.datetime:
    """Build time: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=dt.timezone.utc).replace(microsecond=0)


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for text in texts:
        if text and text not in seen:
            seen[text] = None
    return tuple(seen)


def _title(config: Config, articles: list[Article]) -> str:
    if len(articles) == 1 and not articles[0].title_derived:
        rest = _SERIES_PREFIX.sub("", articles[0].title).strip()
        if rest:
            return f"{config.title}: {rest[:1].upper()}{rest[1:]}"
    return f"{config.title}: {config.topic}"


# metrics of an item's forecast that make a key figure (prices have their table; a bid or a duration is the item's)
KEY_METRICS = frozenset({"shipments", "demand", "output", "sales", "installations", "capacity", "power", "energy",
                         "market size", "penetration rate", "growth rate", "CAGR", "share", "imports", "exports",
                         "inventory", "investment"})


def _key_figures(articles: list[Article]) -> tuple[KeyFigure, ...]:
    """The week's key figures: forecasts with a year whose sentence names their subject, from the articles'
    forecast paragraphs, then from their items (those of a market measure: demand, shipments, market size ...).
    A figure without a subject is never listed under a guessed label."""
    seen: set[tuple] = set()
    out: list[KeyFigure] = []

    def add(figure: Figure, source: Provenance | None) -> None:
        key = (figure.subject.casefold(), figure.metric, figure.period, figure.shown)
        if figure.subject and figure.year and key not in seen:
            seen.add(key)
            out.append(KeyFigure(figure, source))

    for article in articles:
        source = Provenance(article.title, article.published.date() if article.date.known else None,
                            article.path.name, article.url, site_of(article))
        for figure in article.forecast_figures:
            add(figure, source)
    for article in articles:
        for item in _sited(article):
            for figure in item.figures:
                if figure.forecast and figure.metric in KEY_METRICS:
                    add(figure, item.sources[0] if item.sources else None)
    return tuple(out)


# Listing exchanges outside mainland China and Hong Kong: a company listed there is overseas news.
_HOME_MARKETS = (".SZ", ".SH", ".BJ", ".HK")
OVERSEAS = "Overseas"
_ABROAD = re.compile(r"\b(?:Internationally|Overseas|abroad|German|Germany|Japan(?:ese)?|Korea(?:n)?|American|"
                     r"United States|US|U\.S\.|Europe(?:an)?|French|France|British|UK|India(?:n)?|Canad(?:a|ian)|"
                     r"Australia(?:n)?)\b")


def overseas(item: Item) -> bool:
    """True when the item is news from outside China: its principal company (else most of those it names) is
    listed only abroad, or its headline or first sentence names a foreign country or people."""
    def abroad(company) -> bool:
        codes = company.codes or ((company.code,) if company.code else ())
        return bool(codes) and not any(code.endswith(_HOME_MARKETS) for code in codes)
    named = [c for c in item.companies if item.principal in (c.name, c.canonical)] or list(item.companies)
    if named and sum(map(abroad, named)) * 2 > len(named):
        return True
    first = item.body.split(". ", 1)[0]
    return bool(_ABROAD.search(f"{item.headline} {first}"))


def categorised(item: Item) -> Item:
    """An item without a category gets one from its content where it tells one (a Toyota item is overseas news)."""
    if item.category or not overseas(item):
        return item
    return dataclasses.replace(item, category=OVERSEAS)


def _sited(article: Article) -> list[Item]:
    """The article's items, their sources naming the site they came from."""
    site = site_of(article)
    return [dataclasses.replace(item, sources=tuple(dataclasses.replace(s, site=site) for s in item.sources))
            for item in article.items]


def group(config: Config, week: str, start: dt.date, end: dt.date,
          articles: list[Article]) -> Briefing:
    """Build the briefing of ``week`` from the articles that belong to it: items merged across articles,
    sorted into sections, most important first."""
    articles = sorted((a for a in articles if a.week == week), key=lambda a: (a.published, a.title))
    buckets: dict[str, list[Item]] = {rule.key: [] for rule in config.sections}
    week_items, duplicates = dedup.merge(item for article in articles for item in _sited(article))
    for item in _told_apart(categorised(item) for item in week_items):
        buckets[section_for(item, config.sections).key].append(item)
    sections = tuple(
        Section(rule.key, rule.title, tuple(rank.ranked(buckets[rule.key])))
        for rule in config.sections if buckets[rule.key]
    )
    statement = next((a.statement for a in articles if a.statement), config.statement)
    return Briefing(
        week=week, start=start, end=end,
        title=_title(config, articles),
        subtitle=config.subtitle.format(topic=config.topic),
        topic=config.topic, author=config.author,
        highlights=(), markets=(),  # written by the digest, after the editor's changes
        progress_title=config.progress_title.format(topic=config.topic),
        sections=sections,
        forecasts=_unique(p for a in articles for p in a.forecasts),
        key_figures=_key_figures(articles),
        articles=tuple(articles),
        statement=statement,
        generated=generated_at(),
        prices=prices.collect(week_items) + prices.collect_leads(articles),
        duplicates=duplicates,
    )
