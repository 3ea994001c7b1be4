"""Dates: publication stamps, datelines, event dates, inference and ISO weeks."""

from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError
from .models import UNKNOWN_DAY, ResolvedDate

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Indonesian (and Malay) mirrors of the same pages, for publication stamps only
    "mei": 5, "agu": 8, "okt": 10, "des": 12,
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MONTH_LOCAL = (r"(?P<month>Jan(?:uary|uari)?|Feb(?:ruary|ruari)?|Mar(?:ch|et)?|Apr(?:il)?|Mei|May|Jun[ei]?|Jul[yi]?|"
                r"Agu(?:stus)?|Aug(?:ust)?|Sept?(?:ember)?|O[ck]t(?:ober)?|Nov(?:ember)?|De[cs](?:ember)?)\.?")
# "Nov 20, 2025 16:13" (the stamp, possibly glued to an icon label), "Mei 24, 2024, at 9:51 pm"
STAMP = re.compile(_MONTH_LOCAL + r"\s+(?P<day>\d{1,2})\s?,\s*(?P<year>\d{4})(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[ap]m)?)?", re.I)
# "SMM November 20 News:" and the like: a dateline without a year
DATELINE = re.compile(r"^\s*SMM,?\s*(?:News\s+on\s+)?" + _MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
                      r"[^:：—–\n]{0,24}?(?:[:：]|\s*[—–]\s*)", re.I)
# "SHANGHAI, Sep 25 (SMM) -": a wire dateline with a place and an agency
WIRE_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,24},\s*" + _MONTH + r"\s*(?P<day>\d{1,2})\s*\((?P<agency>[^)]{1,30})\)\s*[-–—:]\s*")
# "Financial Associated Press, September 28 - ...": a place or agency, a month and day, a dash
PLACE_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Za-z.'&-]*\s){0,5}[A-Z][A-Za-z.'&-]*,\s*" + _MONTH
                            + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[-–—]{1,2}\s+(?=\S)")
# "SINGAPORE, Dec. 16, 2025 /PRNewswire/ --", "NEW YORK and LONDON, Sept. 3, 2024 --", "London, December 15, 2023":
# a press release's dateline, with its year; its story follows on the same line
PRESS_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’-]*(?:,?\s(?:and\s)?[A-Z][A-Za-z.'’-]*){0,6},\s" + _MONTH
    + r"\s?(?P<day>\d{1,2}),?\s(?P<year>(?:19|20)\d{2})(?:\s?/\s?(?P<wire>[A-Za-z][A-Za-z -]{1,24})\s?/)?"
    r"(?:\s?(?:--|[-–—])\s?|\s(?=[A-Z“\"]))")
# "中证网讯（记者 张三）3月23日，", "新华社北京3月23日电（记者 李四）": a Chinese wire story's dateline
CJK_DATELINE = re.compile(
    r"^\s*[\u4e00-\u9fff]{0,12}(?:讯|訊)\s?[（(]记者[^)）]{1,16}[)）]\s?(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日\s?[,，:：]?"
    r"|^\s*[\u4e00-\u9fff]{2,12}(?P<month2>1[0-2]|0?[1-9])月(?P<day2>3[01]|[12]\d|0?[1-9])日(?:电|電)\s?(?:[（(][^)）]{1,20}[)）])?\s?")
# A live feed's day marker "- May29" (its entries follow as "- 11:16")
FEED_DAY = re.compile(r"^\s*[-–•]\s*" + _MONTH + r"\s*(?P<day>\d{1,2})\s*$", re.I)
FEED_TIME = re.compile(r"^\s*[-–•]\s*\d{1,2}:\d{2}\s*$")
# Date ranges: "December 26-31, 2025", "Nov. 29-Dec. 3", "5.26-5.30", "(9.30-10.4)", "week ending March 7"
RANGE = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|—|~|to|through)\s*"
    r"(?:(?P<month2>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s*)?"
    r"(?P<day2>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s*(?P<year>(?:19|20)\d{2}))?\b")
NUMERIC_RANGE = re.compile(
    r"(?<![\d.,$¥€£])(?P<m1>1[0-2]|0?[1-9])\.(?P<d1>3[01]|[12]\d|0?[1-9])\s*[-–~]\s*"
    r"(?:(?P<m2>1[0-2]|0?[1-9])\.)?(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d.,]|\s*(?:%|\$|元|万|亿|吨|(?:yuan|usd|rmb|mt|t|kg|tonnes?|tons?|[gmk]wh|[gmk]w|times|x|pct|percent|per)\b))", re.I)
_RANGE_CONTEXT = re.compile(r"(?:\(|（|\b(?:week|period|from|during|between|dates?)\b[^.\d]{0,12})\s*$", re.I)
WEEK_ENDING = re.compile(r"\bweek\s+end(?:ing|ed)\s+(?:on\s+)?(?:\w+day,?\s+)?" + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:,?\s*(?P<year>(?:19|20)\d{2}))?", re.I)
# Dates coded in titles: "Weekly Review 623]" (June 23), "REPORT 30/08:" (30 August)
TITLE_CODE = re.compile(r"\b(?:Review|Report|Weekly|Daily|Brief|Summary)\s+(?P<code>\d{3,4})\s*[\]】]?\s*$", re.I)
TITLE_DDMM = re.compile(r"\bREPORT\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})\b", re.I)
# "On November 14, 2025" / "November 14" / "March 3"
EVENT = re.compile(r"(?=[JFMASOND])\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s*(?P<year>(?:19|20)\d{2}))?\b")
# "18 January, 2023", "1 December", "01 March 2023": the day first, as British and Indian pages write it
DAY_FIRST = re.compile(r"(?<![\d.,])(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+" + _MONTH +
                       r"(?![a-z])(?:,?\s*(?P<year>(?:19|20)\d{2})(?!\d))?")
YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
# "7月8日", "2025年7月8日"
CJK_DATE = re.compile(r"(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>1[0-2]|0?[1-9])月(?P<day>3[01]|[12]\d|0?[1-9])日")
WEEK = re.compile(r"^(\d{4})-W?(\d{1,2})$")
_FORWARD = re.compile(r"\b(?:by|expected|projected|forecast|estimated|will|plan(?:s|ned)?|aim(?:s|ing)?|target(?:s|ing)?)\b", re.I)
_PAST = re.compile(r"\b(?:already|has|have|had|was|were|achieved|completed|last year)\b", re.I)


def month_number(name: str) -> int:
    return MONTHS[name.lower()[:3]]


_TIME = r"(?:,?\s*(?:at\s+|T|[-–/|]\s*)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?)?"
# The other ways pages print a publication stamp: "2025-06-18 10:07", "18 June 2025", "08-Oct-2024 10:07 PM",
# "2025年6月18日 10:07"
STAMP_FORMS = (
    STAMP,
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})[-/.](?P<mnum>1[0-2]|0?[1-9])[-/.](?P<day>3[01]|[12]\d|0?[1-9])(?![\d.])" + _TIME, re.I),
    re.compile(r"(?<!\d)(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?[\s-]+" + _MONTH_LOCAL + r"[\s,-]+(?P<year>(?:19|20)\d{2})\b" + _TIME, re.I),
    re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<mnum>1[0-2]|0?[1-9])\s*月\s*(?P<day>3[01]|[12]\d|0?[1-9])\s*日" + _TIME),
)
STAMP_LABEL = re.compile(r"^\W*(?:date|dated|published|posted|updated|time|发布时间|发布日期|时间|日期|更新时间)?\s*(?:on)?\s*[:：]?\s*$", re.I)


def find_stamp(line: str) -> tuple[dt.datetime, re.Match] | None:
    """The first full date (with its time, when given) in ``line``, in any of ``STAMP_FORMS``."""
    best: tuple[dt.datetime, re.Match] | None = None
    for form in STAMP_FORMS:
        m = form.search(line)
        if not m or (best and m.start() >= best[1].start()):
            continue
        hour = int(m["hour"] or 0)
        if m["ampm"]:
            hour = hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
        month = int(m["mnum"]) if "mnum" in m.re.groupindex else month_number(m["month"])
        try:
            best = (dt.datetime(int(m["year"]), month, int(m["day"]), hour, int(m["minute"] or 0)), m)
        except ValueError:
            continue
    return best


def parse_stamp(line: str) -> dt.datetime | None:
    """The publication stamp in a line such as ``iconNov 20, 2025 16:13``."""
    found = find_stamp(line)
    return found[0] if found else None


def nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day closest to ``anchor`` (at most ~6 months away);
    None when the anchor is unknown, so that no year is made up."""
    if anchor == UNKNOWN_DAY:
        return None
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(candidate - anchor) < abs(best - anchor):
            best = candidate
    return best


def resolve_day(month: int, day: int, year: str | int | None, anchor: dt.date) -> tuple[dt.date, str] | None:
    """A month and day with the year as written, else the year that puts it nearest
    ``anchor``; with how the year was found. None when there is no such day."""
    if year:
        try:
            return dt.date(int(year), month, day), "written in full"
        except ValueError:
            return None
    value = nearest_year(month, day, anchor)
    return (value, f"year {value.year} taken from the article date {anchor.isoformat()}") if value else None


def _range(start: tuple[int, int], end: tuple[int, int], year: int | None, anchor: dt.date,
           text: str) -> ResolvedDate | None:
    """A date range; a written year belongs to its end; the start's year follows the end."""
    try:
        if year is not None:
            last = dt.date(year, *end)
            first = dt.date(year - (start > end), *start)
            how = "written in full"
        else:
            first = nearest_year(*start, anchor)
            if first is None:
                return None
            last = dt.date(first.year + (start > end), *end)
            how = f"year {first.year} taken from the article date {anchor.isoformat()}"
    except ValueError:
        return None
    if not dt.timedelta(0) <= last - first <= dt.timedelta(days=62):
        return None
    return ResolvedDate(first, text, year is not None, how, end=last, kind="range")


def date_ranges(text: str, anchor: dt.date, events: list | None = None) -> list[tuple[int, int, ResolvedDate]]:
    """Every range (and "week ending ...") in ``text``, with where it stands.

    ``events``: the month-day matches of the text when already found; a month-name
    range can only start where one of them does."""
    out: list[tuple[int, int, ResolvedDate]] = []
    starts = [m.start() for m in (EVENT.finditer(text) if events is None else events)]
    for m in (found for s in starts if (found := RANGE.match(text, s))):
        month = month_number(m["month"])
        month2 = month_number(m["month2"]) if m["month2"] else month
        found = _range((month, int(m["day"])), (month2, int(m["day2"])),
                       int(m["year"]) if m["year"] else None, anchor, m.group(0))
        if found:
            out.append((m.start(), m.end(), found))
    if "." in text:
        for m in NUMERIC_RANGE.finditer(text):
            before = text[max(0, m.start() - 24):m.start()]
            if not (_RANGE_CONTEXT.search(before) or not before.strip() or text[m.end():m.end() + 1] in ")）"):
                continue
            month = int(m["m1"])
            found = _range((month, int(m["d1"])), (int(m["m2"] or month), int(m["d2"])), None, anchor, m.group(0))
            if found:
                out.append((m.start(), m.end(), found))
    if "eek" in text:
        for m in WEEK_ENDING.finditer(text):
            resolved = resolve_day(month_number(m["month"]), int(m["day"]), m["year"], anchor)
            if resolved is None:
                continue
            last, how = resolved
            out.append((m.start(), m.end(), ResolvedDate(last - dt.timedelta(days=6), m.group(0), bool(m["year"]),
                                                        how + "; the week is the seven days it ends", end=last,
                                                        kind="week-ending")))
    return out


def title_date(title: str, anchor: dt.date | None, fallback_year: int | None = None) -> ResolvedDate | None:
    """A date coded in an article title, resolved against ``anchor`` (or a year guessed from the text)."""
    month = day = None
    m = TITLE_CODE.search(title)
    if m:
        code = m["code"]
        month, day = (int(code[0]), int(code[1:])) if len(code) == 3 else (int(code[:2]), int(code[2:]))
    elif m := TITLE_DDMM.search(title):
        month, day = int(m["month"]), int(m["day"])
    if m is None or month is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if anchor is not None:
        value = nearest_year(month, day, anchor)
        how = f"coded in the title as {m.group(0).strip(' ]】:')}; year {value.year if value else '?'} from the publication date"
    elif fallback_year is not None:
        try:
            value = dt.date(fallback_year, month, day)
        except ValueError:
            value = None
        how = f"coded in the title as {m.group(0).strip(' ]】:')}; year {fallback_year} inferred from the text"
    else:
        return None
    if value is None:
        return None
    return ResolvedDate(value, m.group(0).strip(), False, how, kind="title")


def event_dates(text: str, anchor: dt.date) -> tuple[ResolvedDate, ...]:
    """Every date and date range in ``text``, the year taken from the text or the anchor."""
    events = list(EVENT.finditer(text))
    ranges = date_ranges(text, anchor, events)
    found: list[ResolvedDate] = [r for _, _, r in sorted(ranges, key=lambda r: r[0])]
    for m in events:
        if any(a <= m.start() < b for a, b, _ in ranges):
            continue
        month, day = month_number(m["month"]), int(m["day"])
        if m["year"]:
            try:
                value = dt.date(int(m["year"]), month, day)
            except ValueError:
                continue
            found.append(ResolvedDate(value, m.group(0), True, "written in full"))
        else:
            value = nearest_year(month, day, anchor)
            if value is None:
                continue
            found.append(ResolvedDate(value, m.group(0), False,
                                      f"year {value.year} taken from the article date {anchor.isoformat()}"))
    for m in DAY_FIRST.finditer(text):
        if any(a <= m.start() < b for a, b, _ in ranges):
            continue
        if resolved := resolve_day(month_number(m["month"]), int(m["day"]), m["year"], anchor):
            found.append(ResolvedDate(resolved[0], m.group(0), bool(m["year"]), resolved[1]))
    if "月" in text:
        for m in CJK_DATE.finditer(text):
            if resolved := resolve_day(int(m["month"]), int(m["day"]), m["year"], anchor):
                found.append(ResolvedDate(resolved[0], m.group(0), bool(m["year"]), resolved[1]))
    return tuple(found)


def infer_year(text: str) -> tuple[int, str] | None:
    """Guess the year an undated article was written from the years it speaks of.

    The earliest year spoken of as still to come ("by 2024 ... expected"),
    after any spoken of as past, is the best guess; failing that, the latest
    year spoken of as past. A year found only as one still to come may give a
    month and day its year, never a date by itself (see ``parse.published``).
    """
    forward: list[int] = []
    past: list[int] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        years = [int(y) for y in YEAR.findall(sentence)]
        if not years:
            continue
        if _FORWARD.search(sentence):
            forward.append(min(years))
        elif _PAST.search(sentence):
            past.append(max(years))
    latest_past = max(past, default=None)
    ahead = [y for y in forward if latest_past is None or y > latest_past]
    if ahead:
        year = min(ahead)
        why = f"the earliest year it speaks of as still to come is {year}"
        if latest_past is not None:
            why += f", after {latest_past}, which it speaks of as past"
        return year, why
    if latest_past is not None:
        return latest_past, f"the latest year it speaks of as past is {latest_past}"
    return None


def parse_week(week: str | None) -> tuple[str, dt.date, dt.date]:
    """Validate ``YYYY-WW``; return the normalised week and its Monday and Sunday."""
    if not week:
        raise UsageError("WEEK is missing: give an ISO week as YYYY-WW, e.g. WEEK=2025-47")
    m = WEEK.match(week.strip())
    if not m:
        raise UsageError(f"week {week!r} is malformed: give an ISO week as YYYY-WW, e.g. 2025-47")
    year, number = int(m[1]), int(m[2])
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        last = dt.date(year, 12, 28).isocalendar()[1]
        raise UsageError(
            f"week {week!r} does not exist: {year} has weeks 01 to {last}; give e.g. {year}-{min(number, last):02d}"
        ) from None
    return f"{year}-{number:02d}", monday, monday + dt.timedelta(days=6)
