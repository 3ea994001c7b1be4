"""The company an item is about: the one its headline names first, else the subject of its opening.

A company named only as a modifier of another ("Huawei-backed AITO", "Hydro-Quebec’s BESS arm EVLO
Energy Storage") gives way to the one it modifies; in the opening sentence a company named only in a
clause about something else ("... the index drops while a merger between Ansteel Group and ...",
"As Huawei CFO arrest hampered sentiment, ...") is not the subject. An opening cut short by an
abbreviation ("Governor Brian P.", "On Sept.") runs on into the next sentence.
"""

from __future__ import annotations

import re

from ...models import Company

_GENERIC_FIRST = {"China", "Chinese", "Shanghai", "Beijing", "Shenzhen", "Hong", "General", "National", "American",
                  "Global", "International", "United", "New", "First", "Great", "Energy", "Power", "Sichuan", "Jiangxi"}
_MODIFIER = re.compile(r"(?:-(?:backed|owned|affiliated|linked|controlled|funded|led)|['’]s?)\b")
_NEAR = 60  # characters within which a modified company follows its modifier
# a clause about something else: after it, or inside a leading one up to its comma, no subject is named
_SUBORDINATE = re.compile(r"\s(?:while|whereas|after|amid|following|despite|because)\s", re.I)
_LEADING = re.compile(r"(?:As|After|While|Amid|Following|Despite|Because|Since|With)\s[^,]{3,200},")
_SHORT = 40  # an opening shorter than this was cut at an abbreviation


def principal(headline: str, opening: str, named: tuple[Company, ...]) -> str:
    """The principal company's table name (else its name as written), "" when neither the headline nor
    the opening's main clause names one."""
    for text, main in ((headline, (0, len(headline))), (opening, main_clause(opening))):
        company = _subject(text, main, named)
        if company:
            return company.canonical or company.name
    return ""


def opening(body: str, first: str) -> str:
    """The body's first sentence ``first``, run on into the next one when it is cut short."""
    if len(first) >= _SHORT:
        return first
    at = body.find(first)
    if at < 0:
        return first
    rest = body[at + len(first):]
    following = re.split(r"(?<=[.!?。！？])\s+", rest.lstrip(), maxsplit=1)[0]
    return body[at:at + len(first) + len(rest) - len(rest.lstrip()) + len(following)]


def main_clause(sentence: str) -> tuple[int, int]:
    """Where the sentence's main clause stands: after a leading subordinate clause ("As ..., "), and up
    to a trailing one ("... while ...")."""
    lead = _LEADING.match(sentence)
    start = lead.end() if lead else 0
    trailing = _SUBORDINATE.search(sentence, start)
    return start, trailing.start() if trailing else len(sentence)


def _subject(text: str, span: tuple[int, int], named: tuple[Company, ...]) -> Company | None:
    """The first company named within ``span`` of ``text`` that is not a modifier of a company after it."""
    places = sorted((where, end, n) for n, c in enumerate(named)
                    for where, end in [named_at(c, text)] if span[0] <= where < span[1])
    for k, (where, end, n) in enumerate(places):
        later = [w for w, _, _ in places[k + 1:] if w > end]
        if not (later and later[0] - end <= _NEAR and _MODIFIER.match(text, end)):
            return named[n]
    return None


def named_at(company: Company, text: str) -> tuple[int, int]:
    """Where ``text`` first names the company (start, end): by its name, its name without the legal form,
    or a distinctive first word ("Gotion" for Gotion High-Tech); (-1, -1) when it does not."""
    spellings = {company.name, company.short}
    head = company.short.split()[0] if company.short.split() else ""
    if len(company.short.split()) > 1 and len(head) >= 4 and head.isalpha() and head not in _GENERIC_FIRST:
        spellings.add(head)
    found = [(m.start(), m.end()) for s in spellings if s for m in [re.search(
        rf"(?<![A-Za-z]){re.escape(s)}(?![A-Za-z])" if s.isascii() and len(s) <= 4 else re.escape(s), text)] if m]
    return min(found, default=(-1, -1))
