"""Figures in a piece of text: quantities with their unit, multiplier, range and year.

``200MW/800MWh`` (a pair), ``440 million yuan``, ``16,800-16,900 yuan/mt``,
``0.55 yuan/Wh``, ``13.5 GWh by 2028``; the words before a figure say what it
measures (its label) and whether its sentence speaks of the future.
"""

from __future__ import annotations

import bisect
import re

from ..models import Figure


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "万": 1e4, "亿": 1e8}
_UNITS = [
    "Wh/kg", "Wh/L", "g/m²", "g/m2", "GWh", "MWh", "kWh", "GW", "MW", "kW", "kV", "Ah", "μm", "um", "nm", "mu",
    "square meters", "kt", "mt", "tonnes", "tons", "%", "吨", "元", "美元",
    "yuan", "USD", "RMB", "CNY",
]
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_CURRENCY_UNIT = {"yuan": ("yuan", "CNY"), "rmb": ("yuan", "CNY"), "cny": ("yuan", "CNY"), "元": ("yuan", "CNY"),
                  "usd": ("USD", "USD"), "us$": ("USD", "USD"), "$": ("USD", "USD"), "美元": ("USD", "USD"),
                  "¥": ("yuan", "CNY")}
_PER_NAMES = {"dmt": "dmt", "t": "mt", "mt": "mt", "tonne": "mt", "ton": "mt", "吨": "mt", "wh": "Wh", "kwh": "kWh",
              "kg": "kg", "w": "W", "lb": "lb", "oz": "oz", "dmtu": "dmtu", "mtu": "mtu"}
_DIGIT = re.compile(r"\d")
FIGURE = re.compile(
    rf"(?=[≥≤<>0-9CFDRU$¥])(?P<cmp>≥|≤|[<>]=?)?\s*(?P<cur>(?:(?:CIF|FOB|CFR|DDP)\s+)?(?:RMB|CNY|USD|US\$|\$|¥))?\s*"
    rf"(?<![A-Za-z0-9_.#/])(?P<num>{_NUM})(?:\s*(?:-|–|~)\s*(?P<high>{_NUM}))?\s*"
    rf"(?P<mult>million|billion|thousand|trillion|万|亿)?\s*"
    rf"(?P<unit>{_UNIT})?(?:\s*/\s*(?P<num2>{_NUM})\s*(?P<unit2>GWh|MWh|kWh))?"
    rf"(?:\s*(?:/|per\s)\s*(?P<per>dmtu|mtu|dmt|mt|tonne|ton|t|kg|kWh|Wh|W|lb|oz|吨)(?![A-Za-z]))?"
    rf"(?![A-Za-z0-9])"
)
_YEAR_AFTER = re.compile(r"\s*(?:by|in|for)\s+((?:19|20)\d{2})\b")
_YEARS = re.compile(r"\b((?:19|20)\d{2})\b")
_FORECAST = re.compile(r"\b(?:expected|projected|forecast|estimated|will|may|projection|outlook|by (?:19|20)\d{2})\b", re.I)
_LABEL_STOP = re.compile(
    r"\s(?:is|are|was|were|will|may|could|should|would|has|have|reached|reaches|to reach|stood|hit|at|of about|of around)\s.*$"
)
_SENTENCE = re.compile(r"(?<=[.!?。])\s+(?=[A-Z\"“])")
_TONNAGE_AT = re.compile(r"\d\s*(?:tonnes|tons|mt|t)\b[^.;]{0,30}\bat\s*$", re.I)  # searched up to the figure


def _number(text: str) -> float:
    return float(text.replace(",", ""))


_CLAUSE = re.compile(r"[,;:]|\bwhile\b|\band\b|\bwith\b")
_ARTICLE = re.compile(r"^(?:the|a|an|and|that|which)\s+", re.I)


def _label(sentence: str, start: int) -> str:
    """What a figure measures: the clause before it, up to its verb."""
    clause = _CLAUSE.split(sentence[max(0, start - 160):start])[-1]
    clause = _LABEL_STOP.sub("", " " + clause + " ").strip()
    clause = _ARTICLE.sub("", clause)
    words = clause.split()
    return " ".join(words[-8:])


def _valid(m: re.Match) -> bool:
    unit, per = m["unit"], m["per"]
    if not (unit or m["cur"] or m["mult"] in ("万", "亿")):
        return False
    if unit == "mu" and m.string[m.end("unit"):m.end("unit") + 1].isalpha():
        return False
    return not (unit in ("mt", "t") and per)


def figures(text: str) -> tuple[Figure, ...]:
    """Quantities with units in ``text``, with the year they refer to if given."""
    if not _DIGIT.search(text):
        return ()
    matches = [m for m in FIGURE.finditer(text) if _valid(m)]
    if not matches:
        return ()
    # the sentences the figures stand in: their bounds, years and whether they look ahead
    starts, ends = [0], []
    for sep in _SENTENCE.finditer(text):
        ends.append(sep.start())
        starts.append(sep.end())
    ends.append(len(text))
    facts: dict[int, tuple[str, list[int], bool]] = {}
    out: list[Figure] = []
    seen: set[tuple[str, int | None]] = set()
    previous = (-1, "")
    for m in matches:
        n = bisect.bisect_right(starts, m.start()) - 1
        if n not in facts:
            sentence = text[starts[n]:ends[n]]
            facts[n] = (sentence, [int(y) for y in _YEARS.findall(sentence)], bool(_FORECAST.search(sentence)))
        sentence, years, is_forecast = facts[n]
        base = starts[n]
        unit, cur, per, mult = m["unit"], m["cur"], m["per"], m["mult"]
        currency = None
        if cur or (unit and unit.lower() in _CURRENCY_UNIT):
            symbol = (cur.split()[-1] if cur else unit).lower()
            unit, currency = _CURRENCY_UNIT.get(symbol, _CURRENCY_UNIT.get(unit.lower() if unit else "", ("yuan", "CNY")))
        elif unit == "吨":
            unit = "mt"
        unit = unit or ""
        factor = _MULT.get(mult or "", 1.0)
        first = _number(m["num"]) * factor
        high = _number(m["high"]) * factor if m["high"] else None
        per_name = _PER_NAMES.get(per.lower(), per) if per else None
        start = m.start("cmp") if m["cmp"] else m.start("cur") if cur else m.start("num")
        if currency and not per_name:
            if text[max(0, m.start("num") - 2):m.start("num")] == "每吨":
                per_name = "mt"  # "每吨60美元": 60 dollars per tonne
            elif _TONNAGE_AT.search(text, base, max(base, m.start())):
                per_name = "mt"  # a price log: "Sale of 30 tonnes at 80,000 yuan"
        if currency and per_name:
            unit = f"{unit}/{per_name}"
        second = None
        if m["num2"]:
            unit, second = f"{unit}/{m['unit2']}", _number(m["num2"])
        end = m.end()
        after = _YEAR_AFTER.match(text, end, ends[n])
        year = int(after[1]) if after else None
        if year is None and is_forecast and years:
            year = max(years)
        label = _label(sentence, start - base) or (previous[1] if previous[0] == n else "")
        previous = (n, label)
        written = text[start:end].strip()
        if (key := (written, year)) in seen:
            continue
        seen.add(key)
        low, top = (min(first, high), max(first, high)) if high is not None else (None, None)
        comparator = {"≥": ">=", "≤": "<="}.get(m["cmp"] or "", m["cmp"] or "")
        out.append(Figure(
            text=written, value=first, unit=unit, second=second,
            year=year if is_forecast or after else None, label=label, forecast=is_forecast,
            low=low, high=top, currency=currency, per=per_name if currency else None,
            multiplier=factor, comparator=comparator,
        ))
    return tuple(out)
