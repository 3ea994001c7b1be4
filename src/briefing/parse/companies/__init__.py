"""Companies named in a piece of text, with their listing codes.

Companies are found five ways, in this order of trust: a name followed by a stock code (``codes``:
``(002407.SZ)``, ``（001203）``, ``(NYSE: ALB)``, ``股票代码：300750``); a name ending in a legal form
("Co., Ltd.", ``running``); any name or short name of the alias table (``table``, ``data/companies.csv``,
matched by ``match`` whatever legal form and punctuation follow it); capitalised words in running text
ending in a corporate word ("Factorial Energy", "Guosen Securities", ``running``); and Chinese names
(…有限公司, or a short name ending in 集团, 科技, 能源, 锂业, 电池 between punctuation, ``chinese``). The
table ties the long name, short names and every listing code of one company together, so a company
carries every code the table knows, and a subsidiary names its parent. Futures contracts, grade codes,
years and chemical formulas are never taken for stock codes; exchanges, price reporters, news agencies
and public bodies never for companies. Every pattern runs in time linear in its input.
"""

from __future__ import annotations

from dataclasses import replace

from ...models import Company
from .chinese import chinese
from .codes import coded
from .forms import CJK, fold, normalise_code
from . import principal
from .match import alias_spans, entry as row_of, known, names_of
from .running import CORP_WORD, SUFFIX_HINT, corporate, suffixed
from .table import ALIASES_FILE, Alias, alias_table, aliases_file, by_key, entries, use_aliases

__all__ = ["ALIASES_FILE", "Alias", "alias_table", "aliases_file", "by_key", "companies", "entries", "names_of",
           "normalise_code", "principal", "row_of", "use_aliases"]

Candidate = tuple[int, int, int, str, tuple[str, ...]]  # trust (0 highest), start, end, name, codes


def companies(text: str) -> tuple[Company, ...]:
    """Companies named in ``text``, in the order they are named: with a stock code, with a legal form,
    in the alias table, in running text with a corporate word, or as a Chinese company name. A place in the
    text goes to the first of these that finds a name there (the longest, among names found the same way)."""
    found: dict[str, Company] = {}
    for name, codes in _places(_candidates(text)):
        for company in [known(name, code) for code in codes] or [known(name)]:
            key = company.key or fold(company.short) or company.code or ""
            found[key] = _merged(found[key], company) if key in found else company
    return _without_short_forms(tuple(found.values()))


def _without_short_forms(named: tuple[Company, ...]) -> tuple[Company, ...]:
    """A Chinese name outside the table that begins a longer one found beside it is its short form
    (宏润新能源 for 宏润新能源投资有限公司): one company, named by its full name."""
    def short_form(c: Company) -> bool:
        return not c.key and bool(CJK.search(c.name)) and any(
            o is not c and o.name.startswith(c.name) and len(o.name) > len(c.name) for o in named)
    return tuple(c for c in named if not short_form(c))


def _candidates(text: str) -> list[Candidate]:
    out: list[Candidate] = [(0, start, end, name, codes) for start, end, name, codes in coded(text)]
    if SUFFIX_HINT.search(text):
        out += [(1, start, end, name, ()) for start, end, name in suffixed(text)]
    out += [(1, start, end, text[start:end], ()) for start, end in alias_spans(text)]  # the longer of these wins
    if CORP_WORD.search(text):
        out += [(3, start, end, name, ()) for start, end, name in corporate(text)]
    if CJK.search(text):  # a full name (…有限公司) is as sure as a legal form in English
        out += [(1 if full else 3, start, end, name, ()) for start, end, name, full in chinese(text)]
    return out


def _places(candidates: list[Candidate]) -> list[tuple[str, tuple[str, ...]]]:
    """The names that keep their place: most trusted first, then the longest; in text order."""
    taken: list[tuple[int, int, str, tuple[str, ...]]] = []
    for _, start, end, name, codes in sorted(candidates, key=lambda c: (c[0], c[1] - c[2], c[1])):
        if not any(start < b and a < end for a, b, _, _ in taken):
            taken.append((start, end, name, codes))
    return [(name, codes) for _, _, name, codes in sorted(taken)]


def _merged(old: Company, new: Company) -> Company:
    """One company named twice: the fullest name written (the one with a code, when only one has it)."""
    if bool(old.code) == bool(new.code):
        name = max((old.name, new.name), key=len)
    else:
        name = old.name if old.code else new.name
    return replace(old, name=name, code=old.code or new.code, codes=tuple(dict.fromkeys(old.codes + new.codes)))
