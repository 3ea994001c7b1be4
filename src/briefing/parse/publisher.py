"""Who published a page that has no source line: the name its own text gives.

A page saved as text often keeps its publisher only in passing. In order: a
series tag opening the title or the text (``[SMM Analysis]``, ``[Mysteel Weekly
Review]``, also closing the title or opening an image's caption), a dateline led by the publisher (``SMM, October 15th:``), a data
statement (``... processed by SMM based on ...``), a credit in brackets
(``(source: Reuters)``, ``（来源：碳索储能）``), a copyright line (``© 2025
Fastmarkets``), a contact address (``...@smm.cn`` -> SMM). "unknown" when the
text names none; the build then groups the page under "Other sources".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Furniture

_NAME = r"(?-i:[A-Z][\w&\-]*(?:\.[a-z]+)?(?: [A-Z][\w&\-]*(?:\.[a-z]+)?){0,3})"
_SERIES_WORDS = (r"(?:Analysis|Review|Comments?|Commentary|Flash|News|Report|Brief|Insight|Survey|Data|Daily|Weekly|Monthly|"
                 r"Morning|Evening|Price|Prices|Express|Focus|Watch|Outlook|Update)")
SERIES_TAG = re.compile(rf"[\[【](?P<name>(?-i:[A-Z][A-Za-z&\-]{{1,15}}))(?: [A-Za-z\- ]{{0,40}}?)? {_SERIES_WORDS}[\]】:：]",
                        re.I)
DATELINE = re.compile(r"^(?P<name>[A-Z][\w&\-]{1,20}(?: [A-Z][\w&\-]{1,20})??)(?: News)?,? (?:on )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                      r"[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\s*[:：]")
STATEMENT = re.compile(r"\bprocessed by (?P<name>[A-Z][A-Za-z]{1,15}) based on\b")
CREDIT = re.compile(r"[（(]\s*(?:source|来源)\s*[:：]\s*(?P<name>[^()（）,，;；]{2,30}?)\s*[)）]", re.I)
COPYRIGHT = re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?(?P<name>{_NAME})",
                       re.I)
CONTACT = re.compile(r"@(?:[\w-]+\.)*?(?P<name>[\w-]+)\.(?:com|cn|net|org)(?:\.\w+)?\b")
_NOT_NAMES = frozenset({"All", "The", "This", "Image", "Photo", "Getty", "Copyright", "Source", "Data", "On", "In",
                        "By", "As", "At", "From", "Since", "Until", "Through", "Updated", "Published", "Monday",
                        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Yesterday"})


def named(source_line: str) -> str:
    """The publisher of a source line, without what follows it ("雪球App,作者: ..." -> "雪球App")."""
    return re.split(r"\s*[,，;；|(（]|\s+[-–]\s+", source_line.strip(), maxsplit=1)[0].strip()


def _plausible(name: str) -> str:
    name = name.strip(" .,:-")
    return name if 2 <= len(name) <= 30 and name.split(" ")[0] not in _NOT_NAMES else ""


def _first(pattern: re.Pattern[str], texts: Iterable[str], search: bool = False) -> str:
    for text in texts:
        m = pattern.search(text) if search else pattern.match(text)
        if m and (name := _plausible(m["name"])):
            return name
    return ""


def publisher(raw_title: str, dateline: str, statement: str, blocks: list[str], furniture: list[Furniture]) -> str:
    """The publisher the page's text names, by the signs above in their order, else "unknown"."""
    lines = [f.text for f in furniture]
    found = (_first(SERIES_TAG, [raw_title, *blocks[:2], *lines[:20]], search=True)
             or _first(DATELINE, [dateline, *blocks[:1]])
             or _first(STATEMENT, [statement, *lines[-6:]], search=True)
             or _first(CREDIT, [*blocks[-3:], *lines[-6:]], search=True)
             or _first(COPYRIGHT, [*lines, *blocks[-3:]], search=True))
    if found:
        return found
    contact = _first(CONTACT, lines, search=True)
    return contact.upper() if contact else "unknown"
