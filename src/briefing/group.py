"""Group stage: the week's articles become one Briefing, items sorted into sections."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable

from . import dedup, prices
from .config import Config, SectionRule
from .models import Article, Briefing, Figure, Item, Section

_SERIES_PREFIX = re.compile(r"^\s*Weekly Hot\s*:\s*", re.I)


BODY_HITS = 2  # keyword hits a body needs before it decides an item's section


def _hits(rule: SectionRule, text: str) -> int:
    text = text.lower()
    return sum(len(re.findall(rf"(?<![\w-]){re.escape(k.lower())}(?![\w-])", text)) for k in rule.keywords)


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


def _key_figures(articles: list[Article]) -> tuple[Figure, ...]:
    seen: set[tuple[str, str, int | None]] = set()
    out: list[Figure] = []
    for article in articles:
        for figure in article.forecast_figures:
            key = (figure.label, figure.text, figure.year)
            if key not in seen:
                seen.add(key)
                out.append(figure)
    return tuple(out)


def group(config: Config, week: str, start: dt.date, end: dt.date,
          articles: list[Article]) -> Briefing:
    """Build the briefing of ``week`` from the articles that belong to it."""
    articles = sorted((a for a in articles if a.week == week), key=lambda a: (a.published, a.title))
    buckets: dict[str, list[Item]] = {rule.key: [] for rule in config.sections}
    week_items, duplicates = dedup.merge(item for article in articles for item in article.items)
    for item in week_items:
        buckets[section_for(item, config.sections).key].append(item)
    sections = tuple(
        Section(rule.key, rule.title, tuple(buckets[rule.key]))
        for rule in config.sections if buckets[rule.key]
    )
    statement = next((a.statement for a in articles if a.statement), config.statement)
    return Briefing(
        week=week, start=start, end=end,
        title=_title(config, articles),
        subtitle=config.subtitle.format(topic=config.topic),
        topic=config.topic, author=config.author,
        highlights=_unique(a.highlights for a in articles),
        overview=_unique(p for a in articles for p in a.overview),
        progress_title=config.progress_title.format(topic=config.topic),
        sections=sections,
        forecasts=_unique(p for a in articles for p in a.forecasts),
        key_figures=_key_figures(articles),
        articles=tuple(articles),
        statement=statement,
        generated=generated_at(),
        prices=prices.collect(week_items),
        duplicates=duplicates,
    )
