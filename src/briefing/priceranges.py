"""Price ranges a text writes as two figures, or as one figure and "flat".

Spot desks write a premium's range in words: "a premium of 20 yuan/mt to a
premium of 140 yuan/mt", "a discount of 500 yuan/ton to flat", "flat to a
premium of 500 yuan/ton", "between a backwardation of 20 and 50 yuan/mt",
"fluctuating between 132,100 yuan/mt and 137,940 yuan/mt". Each is one quote,
a range, not two prices. ``spans`` finds them; a discount is a negative
premium.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CUR = r"(?:(?:RMB|USD|US\$|\$|¥)\s?)?"
_UNIT = r"\s?(?:yuan|RMB|USD|dollars|元)?\s?(?:/|per\s|a\s)\s?(?:mt|tonnes?|tons?|t|kg|lb|吨|噸)\b"
_KIND = r"premium|discount|backwardation|contango"
_SHAPES = (
    re.compile(rf"(?:\ban?\s+)?(?P<k1>{_KIND})\s+of\s+(?P<a>{_CUR}{_NUM})(?:{_UNIT})?\s+to\s+(?:an?\s+)?"
               rf"(?P<k2>{_KIND})\s+of\s+(?P<b>{_CUR}{_NUM}){_UNIT}", re.I),
    re.compile(rf"(?:\ban?\s+)?(?P<k1>{_KIND})\s+of\s+(?P<a>{_CUR}{_NUM}){_UNIT}\s+to\s+flat\b", re.I),
    re.compile(rf"\bflat\s+to\s+(?:an?\s+)?(?P<k2>{_KIND})\s+of\s+(?P<b>{_CUR}{_NUM}){_UNIT}", re.I),
    re.compile(rf"\bbetween\s+(?:an?\s+(?P<k1>{_KIND})\s+of\s+)?(?P<a>{_CUR}{_NUM})(?:{_UNIT})?\s+and\s+"
               rf"(?P<b>{_CUR}{_NUM}){_UNIT}", re.I),
)


@dataclass(frozen=True)
class Span:
    """Where a range written in words stands in its text, and its bounds."""

    start: int
    end: int
    low: float
    high: float


def _value(written: str | None, kind: str | None) -> float:
    """The bound a group gives: 0 for "flat", negative for a discount."""
    if written is None:
        return 0.0
    number = float(re.sub(r"[^\d.\-−]", "", written).replace("−", "-"))
    return -number if (kind or "").lower() == "discount" else number


def spans(text: str) -> list[Span]:
    """The ranges written in words in ``text``, in order, none overlapping."""
    found: list[Span] = []
    for shape in _SHAPES:
        for m in shape.finditer(text):
            if any(s.start < m.end() and m.start() < s.end for s in found):
                continue
            groups = m.groupdict()
            a = _value(m["a"] if "a" in groups else None, groups.get("k1"))
            b = _value(m["b"] if "b" in groups else None, groups.get("k2") or groups.get("k1"))
            found.append(Span(m.start(), m.end(), min(a, b), max(a, b)))
    return sorted(found, key=lambda s: s.start)


def at(found: list[Span], position: int) -> Span | None:
    """The range the figure at ``position`` is part of, if any."""
    return next((s for s in found if s.start <= position < s.end), None)
