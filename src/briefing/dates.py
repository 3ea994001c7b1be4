"""Dates: publication stamps, datelines, event dates, inference and ISO weeks."""

from __future__ import annotations

import datetime as dt
import re

from .errors import UsageError
from .models import ResolvedDate

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "Nov 20, 2025 16:13" (the stamp, possibly glued to an icon label)
STAMP = re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),\s*(?P<year>\d{4})(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<ampm>[ap]m)?)?", re.I)
# "SMM November 20 News:" and the like: a dateline without a year
DATELINE = re.compile(r"^\s*SMM,?\s*(?:News\s+on\s+)?" + _MONTH + r"\s*(?P<day>\d{1,2})\b.*?:", re.I)
# "On November 14, 2025" / "November 14" / "March 3"
EVENT = re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s*(?P<year>(?:19|20)\d{2}))?\b")
YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
WEEK = re.compile(r"^(\d{4})-W?(\d{1,2})$")
_FORWARD = re.compile(r"\b(?:by|expected|projected|forecast|estimated|will|plan(?:s|ned)?|aim(?:s|ing)?|target(?:s|ing)?)\b", re.I)
_PAST = re.compile(r"\b(?:already|has|have|had|was|were|achieved|completed|last year)\b", re.I)


def month_number(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def parse_stamp(line: str) -> dt.datetime | None:
    """The publication stamp in a line such as ``iconNov 20, 2025 16:13``."""
    m = STAMP.search(line)
    if not m:
        return None
    hour = int(m["hour"] or 0)
    if m["ampm"]:
        hour = hour % 12 + (12 if m["ampm"].lower() == "pm" else 0)
    try:
        return dt.datetime(int(m["year"]), month_number(m["month"]), int(m["day"]), hour, int(m["minute"] or 0))
    except ValueError:
        return None


def nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day closest to ``anchor`` (at most ~6 months away)."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs(candidate - anchor) < abs(best - anchor):
            best = candidate
    return best


def event_dates(text: str, anchor: dt.date) -> tuple[ResolvedDate, ...]:
    """Every month-day date in ``text``, the year taken from the text or the anchor."""
    found: list[ResolvedDate] = []
    for m in EVENT.finditer(text):
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
    return tuple(found)


def infer_year(text: str) -> tuple[int, str] | None:
    """Guess the year an undated article was written from the years it speaks of.

    The earliest year spoken of as still to come ("by 2024 ... expected") is
    the best guess; failing that, the latest year spoken of as past.
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
