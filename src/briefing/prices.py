"""Prices: the market quotes of the week's items and lead paragraphs, collected into one table.

A price is a figure with a currency and the unit it is per (``yuan/mt``,
``USD/kg``, ``yuan/Wh``) that quotes a market: not the change of the price
before it ("up 300 yuan/mt", which becomes that row's ``change``), not a bid's
unit price or an investment. The change stated after a price ("down 0.7%
WoW", "flat") or in the words before it ("stabilized at") goes on its row.
A price table run together into a line of text (a market snapshot's
"Price ($ per tonne) Change ($) Copper 7,127.50 32.5 ...") gives a row per
product (``pricetable``). The table (a pandas DataFrame) has one row per price: product, value (the
middle of a range), low, high, unit, date, change and the article it came
from. The briefing prints each product's latest quote (``quotes``) and
charts them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from . import notquotes, priceranges, pricetable
from .models import Article, Item, Price, Provenance, site_of

COLUMNS = ["product", "value", "low", "high", "unit", "date", "change", "text", "source"]
_VERB = re.compile(
    r"\s+(?:prices?|quotes?|offers?|was|were|is|are|rose|fell|slipped|eased|edged|held|stayed|stood|traded|"
    r"closed|averaged|remained|climbed|dropped|increased|decreased|jumped|extended|opened|quoted|bought|"
    r"sold|cut|raised|steady|flat|up|down|at|to|by|of|in|on)\b.*$", re.I)
_LEAD = re.compile(r"^(?:on\s+\w+\s+\d{1,2},?\s*|the\s+|a\s+|an\s+|high-grade\s+(?=\w))", re.I)


_GENERIC = {"equivalent", "unit", "average", "price", "prices", "cost", "costs", "it", "this", "that", "which",
            "bid", "total", "value", "level", "levels"}


def product(label: str, item: Item | None, subject: str = "") -> tuple[str, bool]:
    """The product a price is for, and whether it was guessed: the figure's subject (the noun phrase its
    sentence gives, "most traded tin contract"), else the words before the verb ("lithium carbonate fell to" ->
    "lithium carbonate"); when they name nothing ("equivalent to a unit price of"), the item's category or
    headline, guessed ("" outside an item)."""
    said = _LEAD.sub("", subject.strip())
    if said and len(said.split()) <= 8 and said.split()[0].lower() not in _GENERIC:
        return said[:1].upper() + said[1:], False
    name = _LEAD.sub("", label.strip())
    if m := re.search(r"\b(?:bought|sold|purchased|offered|bid for|quoted)\s+(?P<what>.+)$", name, re.I):
        name = m["what"]
    name = _VERB.sub("", " " + name).strip(" ,;:")
    guessed = not name or len(name.split()) > 6 or name.split()[0].lower() in _GENERIC
    if guessed and item is None:
        return "", True
    if guessed:
        words = item.headline.split()
        name = item.category or (" ".join(words[:6]) + ("…" if len(words) > 6 else ""))
    return name[:1].upper() + name[1:], guessed


# The words before a figure that make it the change of the price before it: "up 300 yuan/mt"
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:up|down|rose|fell|rising|falling|increased|decreased|dropped|gained|lost|climbed|slipped|declined|"
    r"jumped|slid|edged (?:up|down)|(?:an? )?(?:increase|decrease|rise|drop|decline|gain|fall) of|"
    r"widen(?:ed|ing)?|narrow(?:ed|ing)?|expand(?:ed|ing)?|(?:higher|lower) by)\s+(?:by\s+)?"
    r"(?:(?:a total of|about|around|approximately|nearly|some)\s+)*|\bby\s+(?:(?:a total of|about|around|approximately"
    r"|nearly|some)\s+)*|(?:上涨|上漲|下跌|上调|上調|下调|下調|回落|增加|减少|減少|涨|漲|跌|降|升)了?\s*)$", re.I)
# a figure the words after make a difference: "about 20 yuan/mt more than the previous day"
_CHANGE_AFTER_FIGURE = re.compile(r"\s+(?:more|less|higher|lower)\s+than\b", re.I)
# ... and those after a price that state its change in words or a percentage: "down 0.7% WoW", "flat"
_CHANGE_AFTER = re.compile(
    r"[^.;]{0,50}?\b(?P<change>(?:up|down|rose|fell|increased|decreased)\s+(?:by\s+)?[\d.]+\s?%"
    r"(?:\s*(?:WoW|MoM|YoY|DoD|week-on-week|month-on-month|year-on-year))?|"
    r"(?:flat|unchanged|stable|steady)(?:\s*(?:WoW|MoM|DoD|week-on-week|from the previous \w+ day))?)", re.I)
_CHANGE_WORD = re.compile(r"\b(stabili[sz]ed|unchanged|flat|steady|stable|rebounded|rose|fell|edged (?:up|down))\b",
                          re.I)
_DIRECTION = {"widened": "up", "widening": "up", "expanded": "up", "expanding": "up", "narrowed": "down",
              "narrowing": "down", "rose": "up", "rising": "up", "increased": "up", "gained": "up", "climbed": "up", "jumped": "up",
              "fell": "down", "falling": "down", "decreased": "down", "dropped": "down", "lost": "down",
              "slipped": "down", "declined": "down", "slid": "down", "decline": "down", "drop": "down", "fall": "down",
              "rise": "up", "increase": "up", "gain": "up"}
_SENTENCE_END = re.compile(r"(?<=[.;!?。])\s")


# a metal as a wire report quotes it without "per ton": "three-month copper ... to $9,969", "SHFE zinc ... 22,290 yuan"
_METAL = re.compile(r"\b(?:copper|alumini?um|zinc|nickel|lead|tin|cobalt|LME|SHFE|COMEX)\b|[铜铝锌镍铅锡钴]", re.I)


def _metal_quote(figure) -> bool:
    """A price without its unit of weight: a metal's, in units of money (no million or 万), read as a price."""
    return figure.metric in ("price", "price change") and figure.multiplier == 1 and bool(
        _METAL.search(f"{figure.subject} {figure.label}"))


def _change(before: str, written: str) -> str:
    """"up 300 yuan/mt" from the words before a change figure and the figure as written."""
    if re.search(r"(?:上涨|上漲|上调|上調|增加|涨|漲|升)了?\s*$", before):
        return f"up {written}"
    if re.search(r"(?:下跌|下调|下調|回落|减少|減少|跌|降)了?\s*$", before):
        return f"down {written}"
    words = before.strip().lower().split()
    word = next((w for w in reversed(words) if w in _DIRECTION or w in ("up", "down")), "")
    return f"{_DIRECTION.get(word, word)} {written}".strip() if word else f"by {written}"


def _sentence_bounds(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0)
    end = _SENTENCE_END.search(text, at)
    return start, end.start() if end else len(text)


def _rows(text: str, figures, item: Item | None, source: Provenance | None, date: dt.date | None) -> list[Price]:
    """The price rows of one text: a price figure is a row, unless it is a change (its change goes on the row
    before) or a bid's or investment's price; a change in words or percent after a price goes on its row."""
    rows: list[Price] = []
    cursor, pending = 0, ("", -1)  # a change told before its price ("rose by 300 yuan/mt to ..."), and its sentence
    ranges, used = priceranges.spans(text), set()  # ranges written as two figures ("a premium of 20 to 140 yuan/mt")
    payables = -1  # the sentence of a payable indicator ("62-65% of the ... cobalt metal price")
    assessed = None  # the currency and unit of an assessment the lines after it list ("Prices indicated at $7.50")
    for figure in figures:
        at = text.find(figure.text, cursor)
        if at < 0:
            at = cursor
        cursor = at + len(figure.text)
        unit = _listed_unit(text, at, figure, assessed)
        if notquotes.payable(text, cursor, figure.unit):
            payables = _sentence_bounds(text, at)[0]
        quote = figure.currency and (unit != figure.unit or figure.per or _metal_quote(figure))
        if not (quote or _payable_row(text, at, cursor, figure, payables)) or figure.forecast:
            continue  # not a price, or a price looked forward to ("expected to trade at"), not a quote
        span = priceranges.at(ranges, at)
        if span in used:
            continue  # the second figure of a range written in words: its row is the first's
        start, end = _sentence_bounds(text, at)
        before, sentence = text[max(start, at - 40):at], text[start:end]
        if (_CHANGE_BEFORE.search(before) or figure.metric == "price change"
                or _CHANGE_AFTER_FIGURE.match(text, cursor)):
            if rows and not rows[-1].change and rows[-1].text in sentence:
                rows[-1] = dataclasses.replace(rows[-1], change=_change(before, figure.text))
            else:
                pending = (_change(before, figure.text), start)
            continue
        if notquotes.reason(text, start, at, cursor, end, f"{figure.subject} {figure.label}",
                            figure.low is not None):
            continue
        if rows and re.search(r"\(\s*$", text[max(start, at - 3):at]) and rows[-1].text in text[max(start, at - 40):at]:
            continue  # "80,180 yuan ($112,094.44)": the price before, converted
        change = pending[0] if pending[1] == start else _stated_change(text, start, at, cursor, end)
        low, high, written = figure.low, figure.high, figure.text
        if span:
            used.add(span)
            low, high, written = span.low, span.high, text[span.start:span.end]
        value = (low + high) / 2 if low is not None and high is not None else figure.value
        name, guessed = product(figure.label, item, figure.subject)
        rows.append(Price(product=name, guessed=guessed, value=value, low=low, high=high, unit=unit,
                          date=notquotes.day_after(text, cursor, date, reach=True) or date, text=written, source=source,
                          change=change))
        if figure.per and _ASSESSED.search(sentence):
            assessed = (figure.currency, figure.per, text.find("\n", at) % (len(text) + 1))
        pending = ("", -1)
    return rows


def _payable_row(text: str, at: int, after: int, figure, payables: int) -> bool:
    """A payable indicator's percent, or the earlier percent its sentence gives with its day ("from 65-67% on
    June 3")."""
    if figure.unit != "%":
        return False
    return notquotes.payable(text, after, "%") or (
        _sentence_bounds(text, at)[0] == payables and notquotes.day_after(text, after, dt.date.max) is not None)


# an assessment whose lines below list the prices it was made from: "Fastmarkets assessed ... at $6.50-8 per kg"
_ASSESSED = re.compile(r"\b(?:assess(?:ed|es|ment)|as follows)\b", re.I)


def _listed_unit(text: str, at: int, figure, assessed: tuple[str, str, int] | None) -> str:
    """The figure's unit; a money figure without a weight on a list line below an assessment ("- Prices indicated at
    $7.50-8.00") is per the assessment's weight."""
    if not (assessed and figure.currency == assessed[0] and not figure.per and at > assessed[2]):
        return figure.unit
    line = text[text.rfind("\n", 0, at) + 1:(text.find("\n", at) + 1 or len(text) + 1) - 1]
    listed = line.lstrip().startswith(("-", "•", "*")) or len(line) <= 80
    return f"{figure.unit}/{assessed[1]}" if listed else figure.unit


_PERCENT_BEFORE = re.compile(r"\b(?P<change>(?:up|down|rose|fell|increased|decreased)\s+(?:by\s+)?[\d.]+\s?%"
                             r"(?:\s*(?:WoW|MoM|YoY|DoD|week-on-week|month-on-month|year-on-year))?)", re.I)


def _stated_change(text: str, start: int, at: int, after: int, end: int) -> str:
    """The change of the price at ``at`` told in words or percent: after it ("down 0.7% WoW", "flat"), or
    before it in its sentence ("fell 0.7% to", "stabilized at")."""
    if m := _CHANGE_AFTER.match(text, after, end):
        return m["change"]
    if m := _PERCENT_BEFORE.search(text, start, at):
        return m["change"]
    stated = _CHANGE_WORD.search(text, start, at)
    return stated[1].lower() if stated and not _told_by_number(stated) else ""


def _told_by_number(m: re.Match) -> bool:
    """True when a change word is followed by a number ("rose 300 yuan"): the number says the change."""
    return bool(re.match(r"\s+(?:by\s+)?\d", m.string[m.end():m.end() + 12]))


def collect(items: Iterable[Item]) -> tuple[Price, ...]:
    """Every price row of the items: a quote of a product with its change when stated."""
    rows: list[Price] = []
    for item in items:
        date = item.date or (item.sources[0].date if item.sources else None)
        source = item.sources[0] if item.sources else None
        rows += _rows(item.body, item.figures, item, source, date) + _table(item.body, source, date)
    return tuple(rows)


def collect_leads(articles: Iterable[Article]) -> tuple[Price, ...]:
    """The price rows of the articles' lead and market paragraphs (those that are no item)."""
    from .parse.figures import figures

    rows: list[Price] = []
    for article in articles:
        source = Provenance(article.title, article.published.date() if article.date.known else None,
                            article.path.name, article.url, site_of(article))
        for paragraph in (article.highlights, *article.overview) if article.highlights else article.overview:
            rows += _rows(paragraph, figures(paragraph), None, source, source.date) + _table(paragraph, source,
                                                                                           source.date)
    return tuple(rows)


def _table(text: str, source: Provenance | None, date: dt.date | None) -> list[Price]:
    """The rows of a price table run together in ``text`` ("Price ($ per tonne) ... Copper 7,127.50 32.5")."""
    return [Price(product=row.product, value=row.value, low=row.low, high=row.high, unit=row.unit,
                  date=_day(row.day, date), text=row.text, source=source, change=row.change)
            for row in pricetable.rows(text) + pricetable.grid_rows(text) + pricetable.listed_rows(text)]


def _day(day: tuple[int, int] | None, near: dt.date | None) -> dt.date | None:
    """A table's (month, day) in the year of ``near`` (the year before when it would fall after it)."""
    if not (day and near):
        return near
    try:
        when = dt.date(near.year, *day)
    except ValueError:
        return near
    return when if when <= near else when.replace(year=when.year - 1)


MAX_ROWS = 24  # rows of the briefing's price table


def quotes(rows: Iterable[Price], is_product) -> tuple[Price, ...]:
    """The briefing's price table: the rows whose product is a market's product (``is_product(name)`` gives its
    place in the product table, or None), the latest quote of each product and unit, in table order."""
    latest: dict[tuple[str, str], tuple[int, Price]] = {}
    for row in rows:
        place = None if row.guessed else is_product(row.product)
        if place is None:
            continue  # "Support", "We expect it": words before a number, not a product; or a product guessed
        key = (row.product.casefold(), row.unit)
        if key not in latest or (row.date or dt.date.min) >= (latest[key][1].date or dt.date.min):
            latest[key] = (place, row)
    ordered = sorted(latest.values(), key=lambda pair: (pair[0], pair[1].product.casefold(), pair[1].unit))
    return tuple(row for _, row in ordered[:MAX_ROWS])


def table(prices: Iterable[Price]):
    """The prices as a pandas DataFrame, sorted by unit, product and date."""
    import pandas as pd

    frame = pd.DataFrame([[getattr(p, c) for c in COLUMNS] for p in prices], columns=COLUMNS)
    if frame.empty:
        return frame
    return frame.sort_values(["unit", "product", "date"], kind="stable", na_position="last").reset_index(drop=True)
