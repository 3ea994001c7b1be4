"""Figures in a piece of text: quantities with their unit, multiplier, range and year.

``200MW/800MWh`` (a pair: two values in one figure, ``second`` holds the 800),
``440 million yuan``, ``US$406 million``, ``$6,423 a tonne``,
``16,800 to 16,900 yuan/mt``, ``¥70.00 – ¥73.00``, ``18万-18.5万元/吨``,
``1.5亿元``, ``0.5 percent``, ``2 percentage points``, ``500 cycles``,
``36-day``, ``three years``, ``13.5 GWh by 2028``; the words before a figure say
what it measures (its label) and whether its sentence speaks of the future.
Years, dates, times, stock codes, contract months (``SHFE 1810``, ``LC2509``)
and counts without a unit are not figures.

Every pattern here is a sequence of bounded pieces (no repetition nested over
the same characters), so it runs in time linear in its input.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Figure
from . import measures


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_S = r"\s{0,2}"  # the spaces between the parts of a figure: few, so that no part backtracks over a long run
_MULT = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mn": 1e6,
         "k": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_CJK_MULT = ("万", "萬", "亿", "億")
# the multipliers; a letter (M, bn, k) only right after a currency: "$137.5M", "$4.3 bn"
_MULT_RE = r"million|billion|thousand|trillion|万|萬|亿|億|(?(cur)(?:bn|mn|[MBmbk])(?![A-Za-z])|(?!))"
_UNITS = [
    # energy, power and other measures, as written
    "Wh/kg", "Wh/L", "g/m²", "g/m2", "GWh", "MWh", "kWh", "GW", "MW", "kW", "kV", "Ah", "μm", "um", "nm", "mu",
    "square meters", "km/h", "km", "miles", "mile", "mm", "℃", "°C", "gigawatt hours", "gigawatts", "gigawatt",
    "gigawatt-hours", "gigawatt-hour", "gigawatt hour",
    "千瓦时", "千瓦", "兆瓦时", "兆瓦", "吉瓦时", "吉瓦", "瓦时", "千瓦時", "兆瓦時", "吉瓦時", "瓦時", "公里", "毫米", "倍",
    # mass
    "metric tonnes", "metric tons", "metric tonne", "metric ton", "kt", "mt", "tonnes", "tonne", "tons", "kg",
    "吨", "噸",
    # shares
    "%", "percentage points", "percentage point", "per cent", "percent", "pct", "个百分点", "百分点",
    # money written after the number
    "元", "美元", "美金", "yuan", "Yuan", "USD", "RMB", "CNY", "euros", "euro", "won", "rupees", "yen", "dollars",
    "U.S. dollars", "US dollars", "U.S. dollar", "US dollar",
    # time and counts
    "days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour", "minutes", "minute",
    "天", "个月", "年", "小时", "分钟", "cycles", "cycle", "次", "lots", "lot", "points",
]
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_PERCENT = {"%", "percent", "per cent", "pct", "pc"}
_TIME = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes",
         "天", "个月", "年", "小时", "分钟", "h"}
# units are kept as written but for these: Chinese power units, tonnes in Chinese, and a share written out
_UNIT_NAMES = {"千瓦时": "kWh", "千瓦": "kW", "兆瓦时": "MWh", "兆瓦": "MW", "噸": "mt", "吨": "mt", "吉瓦时": "GWh",
               "吉瓦": "GW", "瓦时": "Wh", "千瓦時": "kWh", "兆瓦時": "MWh", "吉瓦時": "GWh", "瓦時": "Wh",
               "gigawatt-hours": "GWh", "gigawatt-hour": "GWh", "gigawatt hour": "GWh", "gigawatt hours": "GWh",
               **{p: "%" for p in _PERCENT}}
_CASED = {"gwh": "GWh", "mwh": "MWh", "kwh": "kWh", "wh/kg": "Wh/kg", "ah": "Ah"}  # "70.6 GWH", "115ah"
_CURRENCY_UNIT = {"yuan": ("yuan", "CNY"), "rmb": ("yuan", "CNY"), "cny": ("yuan", "CNY"), "元": ("yuan", "CNY"),
                  "usd": ("USD", "USD"), "us$": ("USD", "USD"), "$": ("USD", "USD"), "美元": ("USD", "USD"),
                  "美金": ("USD", "USD"), "dollars": ("USD", "USD"), "u.s. dollars": ("USD", "USD"),
                  "us dollars": ("USD", "USD"), "u.s. dollar": ("USD", "USD"), "us dollar": ("USD", "USD"), "¥": ("yuan", "CNY"), "€": ("EUR", "EUR"),
                  "eur": ("EUR", "EUR"), "euros": ("euros", "EUR"), "euro": ("euros", "EUR"), "£": ("GBP", "GBP"),
                  "₹": ("INR", "INR"), "rupees": ("rupees", "INR"), "won": ("won", "KRW"), "yen": ("yen", "JPY"),
                  "hk$": ("HKD", "HKD"), "a$": ("AUD", "AUD"), "c$": ("CAD", "CAD"), "s$": ("SGD", "SGD")}
_CURRENCY = r"RMB|CNY|USD|EUR|US\$|HK\$|A\$|C\$|S\$|\$|¥|€|£|₹"
_PER = (r"(?:MWh|MW|kW)/(?:year|yr)|dmtu|mtu|dmt|(?:metric|net|short|long)\s(?:tonnes?|tons?)|mt|tonnes?|tons?|t"
        r"|kg|kWh|Wh|W|lb|pound|oz|ounce|cwt|吨|噸|磅|千瓦时|公斤")
_PER_NAMES = {"dmt": "dmt", "t": "mt", "mt": "mt", "tonne": "mt", "tonnes": "mt", "ton": "mt", "tons": "mt",
              "metric ton": "mt", "metric tons": "mt", "metric tonne": "mt", "metric tonnes": "mt", "吨": "mt",
              "噸": "mt", "wh": "Wh", "kwh": "kWh", "千瓦时": "kWh", "kg": "kg", "公斤": "kg", "w": "W", "lb": "lb",
              "pound": "lb", "oz": "oz", "dmtu": "dmtu", "mtu": "mtu", "cwt": "cwt", "mw/year": "MW/year",
              "mwh/year": "MWh/year", "kw/year": "kW/year"}
# "and" only after "between"; "to" not between two figures each with its unit ("from 5% to 10%") nor after a
# "from" that is not a range's ("rose from 80,000 to 81,000" is a change; "ranged from 80,780 to 81,100" a range)
_SEP = r"-|–|—|~|～|至|(?(frm)(?!)|(?(lunit)(?!)|to))|(?(btw)and|(?!))"
_DIGIT = re.compile(r"\d")
FIGURE = re.compile(
    rf"(?=[-−+≥≤<>0-9A-Z$¥€£₹b零])(?P<frm>(?<=from\s)(?<!ranged\sfrom\s)(?<!ranging\sfrom\s))?"
    rf"(?P<btw>(?<![A-Za-z])between\s{{1,2}})?(?P<cmp>≥|≤|[<>]=?)?{_S}"
    rf"(?P<cur>(?<![A-Za-z0-9])(?:(?:CIF|FOB|CFR|DDP)\s{{1,2}})?(?:{_CURRENCY}))?{_S}"
    rf"(?(cur)|(?<![A-Za-z0-9_.#/]))(?P<sign>(?<![0-9])[-−+]|零下)?(?P<num>{_NUM})"
    # a range: "16,800-16,900", "80,780 to 81,100", "18万-18.5万", "50%-60%", "$31.75/cwt- $33.25/cwt", "¥70.00 – ¥73.00"
    rf"(?:{_S}(?P<lmult>万|萬|亿|億)?(?P<lunit>%)?(?:{_S}/{_S}(?:{_PER}))?{_S}(?P<sep>{_SEP}){_S}"
    rf"(?:{_CURRENCY})?{_S}(?P<high>{_NUM}))?\+?{_S}"
    rf"(?P<mult>{_MULT_RE})?{_S}-?"
    rf"(?P<unit>{_UNIT}|(?i:gwh|mwh|kwh|wh{_S}/{_S}kg|ah)(?![A-Za-z])|pc(?![A-Za-z])|h(?![A-Za-z]))?"
    rf"(?:{_S}/{_S}(?P<num2>{_NUM})(?P<mult2>万|萬|亿|億)?{_S}(?P<unit2>GWh|MWh|kWh|千瓦时|兆瓦时))?"
    rf"(?:{_S}(?:/|\bper\s|\ba\s|\ban\s){_S}(?P<per>(?i:{_PER})))?"
    rf"(?![A-Za-z0-9])"
)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "hundred": 100}
_CJK_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# a count written in words, of time or of a share: "three years", "five-day", "six consecutive weeks", "四个月", "一年半"
WORDED = re.compile(
    r"(?<![A-Za-z])(?P<word>(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|hundred))(?:[- ]|\sconsecutive\s)"
    r"(?P<unit>days?|weeks?|months?|years?|hours?|minutes?|percent|metric\stons?)"
    r"(?![A-Za-z])"
    r"|(?<![第])(?P<cjk>[一二两三四五六七八九]|十[一二三四五六七八九]?|[二三四五六七八九]十)(?P<cunit>个月|年|天|小时|倍)(?P<half>半)?"
)
_YEAR_AFTER = re.compile(r"\s*(?:by|in|for)\s+((?:19|20)\d{2})\b")
_YEARS = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?:\b|(?=年))")  # "2030", "到2030年"
_FORECAST = re.compile(  # "may" the verb, not the month; 将 only as "will" ("将达到"), not as an object marker
    r"\b(?:expected|projected|forecast|estimated|will|(?-i:may)|projection|outlook|by (?:19|20)\d{2})\b"
    r"|预计|預計|预测|預測|预期|預期|有望|展望|(?:到|至)(?:19|20)\d{2}年|(?:19|20)\d{2}年(?:前|底前)"
    r"|[将將](?:达|達|超|突破|增|提升|降|下降|回落|维持|維持|保持|继续|繼續|实现|實現|成为|成為|迎来|迎來|进入|進入)", re.I)
_LABEL_STOP = re.compile(
    r"\s(?:is|are|was|were|will|may|could|should|would|has|have|reached|reaches|to reach|stood|hit|at|of about|of around)\s.*$"
)
_SENTENCE = re.compile(r"(?<=[.!?。])\s+(?=[A-Z\"“])|(?<=[。！？])\s*(?=[^\s”」』）)])")  # Chinese: with or without a space
# "14,275 yuan ($2,073.02) a tonne": the weight a price is per, written after its conversion in brackets
_PER_AFTER_BRACKET = re.compile(r"\s?\([^()]{1,30}\)\s?(?:a|per|/)\s?(?P<per>tonne|ton|mt|kg|lb|ounce|oz)\b", re.I)
_TONNAGE_AT = re.compile(r"\d\s*(?:tonnes|tons|mt|t)\b[^.;]{0,30}\bat\s*$", re.I)  # searched up to the figure
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s{1,2}$")
_NOT_AFTER = re.compile(r"\s{0,2}(?:ago\b|=)")  # "Updated 2 hours ago" is a time, "($1 = 7.1 yuan)" a rate
# "three-month copper", "LME 3-month prices": the tenor of a contract, not a duration
_TENOR = re.compile(r"\s{1,2}(?:LME|SHFE|COMEX|copper|alumini?um|nickel|zinc|lead|tin|contracts?|futures|forwards?"
                    r"|prices?)\b", re.I)
_DATE_AFTER_YEAR = re.compile(r"[上下全底初末中前后内\d一二三四五六七八九十]")  # "2025年3月", "25年上半年": a year


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


@dataclass(frozen=True)
class _Quantity:
    """A figure as read, before its sentence gives it a label and a year."""

    start: int
    end: int
    value: float
    unit: str
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    per: str | None = None
    second: float | None = None
    multiplier: float = 1.0
    comparator: str = ""


def _is_year(value: float, unit: str, after: str) -> bool:
    """A year or a date, not a duration: "2025年", "in 2024 years", "25年上半年"."""
    if unit not in _TIME:
        return False
    return (value == int(value) and 1900 <= value <= 2100) or (unit == "年" and bool(_DATE_AFTER_YEAR.match(after)))


def _abbreviated(low: float, high: float) -> float:
    """The low end of a range whose first number abbreviates the second's digits: "27-272000" (270,000),
    "178-1.8 million" (1.78 million); the low end as written when the range reads as it is ("50-10", "2-25")."""
    lead = lambda x: f"{x:e}"[0]  # noqa: E731 - the first significant digit
    if low <= 0 or high <= 0 or lead(low) != lead(high) or (low <= high and high < low * 1000):
        return low
    scaled = low
    while scaled > high:
        scaled /= 10
    while scaled * 10 <= high:
        scaled *= 10
    return scaled if scaled < high < scaled * 1.5 else low


def _not_a_quantity(text: str, start: int, end: int, unit: str) -> bool:
    """A time ago, an exchange rate, a contract's tenor, a day of a month: "2 hours ago", "$1 =", "three-month
    copper", "August 15 to 62%"."""
    if _NOT_AFTER.match(text, end) or _MONTH_BEFORE.search(text, max(0, start - 12), start):
        return True
    return unit in ("month", "months") and "-" in text[start:end] and bool(_TENOR.match(text, end))


def _read(m: re.Match) -> _Quantity | None:
    """A match of FIGURE as a quantity, or None when it is not a figure (no unit, a year, a contract month)."""
    unit, cur, per, mult = m["unit"], m["cur"], m["per"], m["mult"]
    if not (unit or cur or mult in _CJK_MULT):
        return None
    if _not_a_quantity(m.string, m.start(), m.end(), unit or ""):
        return None
    if unit == "mu" and m.string[m.end("unit"):m.end("unit") + 1].isalpha():
        return None
    if unit in ("mt", "t") and per:
        return None
    factor = _MULT.get(mult or "", 1.0)
    sign = -1.0 if m["sign"] in ("-", "−", "零下") else 1.0
    first = sign * _number(m["num"])
    high = _number(m["high"]) if m["high"] else None
    if high is not None:
        first = first * _MULT[m["lmult"]] / factor if m["lmult"] else _abbreviated(first, high)
    first, high = first * factor, high * factor if high is not None else None
    currency = None
    if cur or (unit and unit.lower() in _CURRENCY_UNIT):
        symbol = (cur.split()[-1] if cur else unit).lower()
        unit, currency = _CURRENCY_UNIT.get(symbol, _CURRENCY_UNIT.get(unit.lower() if unit else "", ("yuan", "CNY")))
    if _is_year(first, unit or "", m.string[m.end():m.end() + 1]):
        return None
    unit = _UNIT_NAMES.get(unit or "", _CASED.get(re.sub(r"\s", "", (unit or "").lower()), unit or ""))
    per_name = None
    if per:
        per_name = _PER_NAMES.get(re.sub(r"\s+", " ", per.lower()), per)
    start = m.start("cmp") if m["cmp"] else m.start("cur") if cur else m.start("sign") if m["sign"] else m.start("num")
    if currency and not per_name:
        if m.string[max(0, m.start("num") - 2):m.start("num")] == "每吨":
            per_name = "mt"  # "每吨60美元": 60 dollars per tonne
    if currency and per_name:
        unit = f"{unit}/{per_name}"
    second = None
    if m["num2"]:
        second = _number(m["num2"]) * _MULT.get(m["mult2"] or "", 1.0)
        unit = f"{unit}/{_UNIT_NAMES.get(m['unit2'], m['unit2'])}"
    low, top = (min(first, high), max(first, high)) if high is not None else (None, None)
    comparator = {"≥": ">=", "≤": "<="}.get(m["cmp"] or "", m["cmp"] or "")
    return _Quantity(start, m.end(), first, unit, low, top, currency, per_name if currency else None, second,
                     factor, comparator)


def _read_worded(m: re.Match) -> _Quantity:
    if m["word"]:
        value, unit = float(_WORD_NUMBERS[m["word"].lower()]), m["unit"]
    else:
        cjk = m["cjk"]
        tens, _, ones = cjk.rpartition("十") if "十" in cjk else ("", "", cjk)
        value = (_CJK_NUMBERS.get(tens, 1) * 10 if "十" in cjk else 0) + _CJK_NUMBERS.get(ones, 0)
        value, unit = float(value) + (0.5 if m["half"] else 0), m["cunit"]
    return _Quantity(m.start(), m.end(), value, _UNIT_NAMES.get(unit, unit))  # "five percent" is 5 %


def _numeric(text: str) -> list[_Quantity]:
    """The quantities FIGURE finds; after a match that is none ("August 15 to 62-65%", a number without a
    unit), the search goes on right after its first number, so that what follows can still be read."""
    found, pos = [], 0
    while m := FIGURE.search(text, pos):
        q = _read(m)
        if q:
            found.append(q)
        pos = m.end() if q else max(m.end("num"), pos + 1)
    return found


def _quantities(text: str) -> list[_Quantity]:
    """Every quantity in ``text``, in order; a worded one only where no numeric one stands."""
    found = _numeric(text)
    taken = [(q.start, q.end) for q in found]
    for m in WORDED.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken) and not _not_a_quantity(
                text, m.start(), m.end(), m["unit"] or m["cunit"]):
            found.append(_read_worded(m))
    return sorted(found, key=lambda q: q.start)


def figures(text: str) -> tuple[Figure, ...]:
    """Quantities with units in ``text``, with the year they refer to if given."""
    quantities = _quantities(text) if _DIGIT.search(text) or WORDED.search(text) else []
    if not quantities:
        return ()
    # the sentences the figures stand in: their bounds, years and whether they look ahead
    starts, ends = [0], []
    for sep in _SENTENCE.finditer(text):
        ends.append(sep.start())
        starts.append(sep.end())
    ends.append(len(text))
    facts: dict[int, tuple[str, list[int], bool]] = {}
    out: list[Figure] = []
    seen: set[tuple[str, int | None, str, str]] = set()  # the same figure told twice of one subject
    previous = (-1, "")
    placed = [(bisect.bisect_right(starts, q.start) - 1, q) for q in quantities]
    described = _described(text, starts, ends, placed)
    by = ""  # the forecaster named last: it holds for the forecasts after it in the text
    for (n, q), measure in zip(placed, described):
        if n not in facts:
            sentence = text[starts[n]:ends[n]]
            facts[n] = (sentence, [int(y) for y in _YEARS.findall(sentence)], bool(_FORECAST.search(sentence)))
            by = measures.forecaster(sentence) or by
        sentence, years, is_forecast = facts[n]
        base = starts[n]
        per = q.per
        if q.currency and not per and _TONNAGE_AT.search(text, base, max(base, q.start)):
            per = "mt"  # a price log: "Sale of 30 tonnes at 80,000 yuan"
        if q.currency and not per and (m := _PER_AFTER_BRACKET.match(text, q.end)):
            per = {"tonne": "mt", "ton": "mt", "oz": "ounce"}.get(m["per"].casefold(), m["per"].casefold())
        unit = f"{q.unit}/{per}" if per and not q.per else q.unit
        after = _YEAR_AFTER.match(text, q.end, ends[n])
        year = int(after[1]) if after else None
        if year is None and is_forecast and years:
            year = max(years)
        start_year = None
        if measure.end_year and (not after or re.match(r"\s?(?:[-–—]|to\s)", text[after.end():])):
            start_year, year = measure.start_year, measure.end_year
        label = _label(sentence, q.start - base) or (previous[1] if previous[0] == n else "")
        previous = (n, label)
        written = text[q.start:q.end].strip()
        if (key := (written, year, label, measure.subject)) in seen:
            continue
        seen.add(key)
        dated = is_forecast or bool(after) or start_year is not None
        out.append(Figure(
            text=written, value=q.value, unit=unit, second=q.second,
            year=year if dated else None, label=label, forecast=is_forecast,
            low=q.low, high=q.high, currency=q.currency, per=per,
            multiplier=q.multiplier, comparator=q.comparator,
            subject=measure.subject, metric=measure.metric, start_year=start_year if dated else None,
            forecaster=by if is_forecast else "",
        ))
    return tuple(out)


def _described(text: str, starts: list[int], ends: list[int],
               placed: list[tuple[int, _Quantity]]) -> list[measures.Measure]:
    """What each quantity measures, read sentence by sentence (``measures.describe``)."""
    out: list[measures.Measure] = []
    n, before = 0, ""
    while n < len(placed):
        k = n
        while k < len(placed) and placed[k][0] == placed[n][0]:
            k += 1
        base = starts[placed[n][0]]
        sentence = text[base:ends[placed[n][0]]]
        spans = [measures.Span(q.start - base, q.end - base, q.unit, q.currency, q.per) for _, q in placed[n:k]]
        told = measures.describe(sentence, spans, before)
        before = next((m.subject for m in reversed(told) if m.subject), before)
        out += told
        n = k
    return out
