"""Companies named in a piece of text, with their listing codes.

Companies are matched three ways: a name followed by a stock code, a name
ending in a legal form ("Co., Ltd."), and any name or code listed in the
repository's alias table (``data/companies.csv``), which also ties the long
name, short names and every listing code of one company together. Futures
contracts (``SHFE 1811``, ``Si2507``), grade codes (``#553``), years and
chemical formulas (``Li2CO3``) are never taken for stock codes.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..models import Company

ALIASES_FILE = Path(__file__).resolve().parents[3] / "data" / "companies.csv"

# ---------------------------------------------------------------- companies

# (002407.SZ) (688559.SH) [300490] (002846) (03750) 300750.SZ
_CODE = re.compile(
    r"[(\[（【]\s*(?P<code>\d{6}(?:\.(?:SZ|SH|BJ|HK))?|\d{4,5}(?:\.HK)?)\s*(?:[,，;]\s*(?P<code2>\d{4,6}(?:\.(?:SZ|SH|BJ|HK))?)\s*)?[)\]）】]"
    r"|(?<![\w.#])(?P<bare>\d{6}\.(?:SZ|SH|BJ)|\d{4,5}\.HK)\b", re.I)
_CODE_BRACKETED = re.compile(
    r"[(\[（【]\s*(?P<code>\d{6}(?:\.(?:SZ|SH|BJ|HK))?|\d{4,5}(?:\.HK)?)\s*(?:[,，;]\s*(?P<code2>\d{4,6}(?:\.(?:SZ|SH|BJ|HK))?)\s*)?[)\]）】]", re.I)
_CODE_BARE = re.compile(r"(?<![\w.#])(?P<bare>\d{6}\.(?:SZ|SH|BJ)|\d{4,5}\.HK)\b", re.I)
_MARKET_HINT = re.compile(r"\.(?:SZ|SH|BJ|HK)\b", re.I)
# legal forms that end a company name; the capitalised words before them are the rest of it
_SUFFIX = re.compile(r"(?:Co\.,\s*Ltd\.|Co\., Limited|Inc\.|Corp\.|Corporation|Ltd\.|Limited|Group|AG|GmbH|plc|LLC)(?![\w-])")
_CAP_WORD = re.compile(r"[A-Z][\w&'’-]*")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’-]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
# Words that make the number after them a futures contract or a grade, not a listing
_NOT_TICKER_BEFORE = re.compile(r"(?:SHFE|DCE|CZCE|INE|GFEX|LME|COMEX|CME|contract|futures|grade|#)\s*$", re.I)
_SUFFIXED = re.compile(
    r"\b(?P<name>(?:[A-Z][\w&'’-]*\s+){0,7}?(?:[A-Z][\w&'’-]*\s*)(?:Co\.,\s*Ltd\.|Co\., Limited|Inc\.|Corp\.|Corporation|Ltd\.|Limited|Group|AG|GmbH|plc|LLC))"
)
_SUFFIX_HINT = re.compile(r"Co\.|Ltd|Limited|Inc\.|Corp|Group|AG\b|GmbH|plc|LLC")
_LEAD = {"On", "In", "The", "This", "That", "Yesterday", "Today", "Meanwhile", "Recently",
         "Previously", "Also", "And", "But", "While", "When", "As", "Its", "Their", "Both", "Among", "By"}
_CONNECT = {"of", "and", "&", "de"}


@dataclass(frozen=True)
class Alias:
    key: str
    name: str
    codes: tuple[str, ...]


def _stamped(path: Path) -> tuple[Path, int]:
    return path, path.stat().st_mtime_ns if path.exists() else 0


_active = [_stamped(ALIASES_FILE)]  # the table in use, with its modification time


def use_aliases(path: Path) -> None:
    """Read companies from this alias table (a project's own ``companies`` setting) when it
    exists, else from the shipped one; a table changed since it was last read is read again."""
    _active[0] = _stamped(path if path.exists() else ALIASES_FILE)


def aliases_file() -> tuple[Path, int]:
    return _active[0]


def alias_table() -> tuple[dict[str, Alias], dict[str, Alias]]:
    """(folded name or alias -> company, normalised code -> company), from the active table."""
    return _load_aliases(*_active[0])


@functools.lru_cache(maxsize=4)
def _load_aliases(path: Path, _mtime: int = 0) -> tuple[dict[str, Alias], dict[str, Alias]]:
    by_name: dict[str, Alias] = {}
    by_code: dict[str, Alias] = {}
    if not path.exists():
        return by_name, by_code
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            codes = tuple(normalise_code(c) for c in (row.get("codes") or "").split("|") if c.strip())
            entry = Alias(row["key"].strip(), row["name"].strip(), codes)
            for alias in [entry.name, *(row.get("aliases") or "").split("|")]:
                if alias.strip():
                    by_name[_fold(alias)] = entry
            for code in codes:
                by_code[code] = entry
    return by_name, by_code


def alias_index() -> tuple[dict[str, list[tuple[str, ...]]], list[str]]:
    """Aliases as word tuples by their first word (longest first), and the Chinese ones."""
    return _index(*_active[0])


@functools.lru_cache(maxsize=4)
def _index(path: Path, mtime: int) -> tuple[dict[str, list[tuple[str, ...]]], list[str]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    cjk: list[str] = []
    for alias in _load_aliases(path, mtime)[0]:
        if not alias.isascii():
            cjk.append(alias)
            continue
        words = tuple(w.casefold() for w in _TOKEN.findall(alias))
        if words:
            by_first.setdefault(words[0], []).append(words)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    return by_first, sorted(cjk, key=len, reverse=True)


def _alias_spans(text: str) -> list[tuple[int, int]]:
    """Where names and short names of the alias table stand in ``text`` (whole words only)."""
    by_first, cjk = alias_index()
    spans: list[tuple[int, int]] = []
    low = text.lower()
    if len(low) != len(text):
        low = text  # a rare letter whose lower case is longer: match on the text as written
    if by_first.keys().isdisjoint(_TOKEN.findall(low)):
        tokens = []
    else:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(low)]
    n = 0
    while n < len(tokens):
        options = by_first.get(tokens[n][2])
        hit = 0
        for words in options or ():
            size = len(words)
            if n + size <= len(tokens) and all(tokens[n + i][2] == w for i, w in enumerate(words)) and all(
                    not text[tokens[n + i][1]:tokens[n + i + 1][0]].strip(" .,") for i in range(size - 1)):
                hit = size
                break
        if hit:
            spans.append((tokens[n][0], tokens[n + hit - 1][1]))
            n += hit
        else:
            n += 1
    if cjk and _CJK.search(text):
        for alias in cjk:
            start = text.find(alias)
            while start >= 0:
                spans.append((start, start + len(alias)))
                start = text.find(alias, start + len(alias))
    return spans


def _suffixed(text: str) -> list[tuple[int, int, str]]:
    """Names that end in a legal form: up to eight capitalised words, then "Co., Ltd." and the like."""
    out: list[tuple[int, int, str]] = []
    matches = list(_SUFFIX.finditer(text))
    n = 0
    while n < len(matches):
        first = matches[n]
        end = first.end()
        while n + 1 < len(matches) and not text[end:matches[n + 1].start()].strip():
            n += 1
            end = matches[n].end()
        n += 1
        before = text[max(0, first.start() - 200):first.start()]
        if not before or not before[-1].isspace():
            continue
        words: list[str] = []
        for word in reversed(before.split()):
            if len(words) >= 8 or not _CAP_WORD.fullmatch(word):
                break
            words.insert(0, word)
        while words and (words[0] in _LEAD or words[0].endswith("-based")):
            words.pop(0)
        if words:
            start = first.start() - len(before) + before.rfind(words[0])
            out.append((start, end, " ".join(words) + " " + text[first.start():end]))
    return out


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.").casefold()


def normalise_code(code: str) -> str:
    """``300490`` -> ``300490.SZ``; ``688559.sh`` -> ``688559.SH``; ``3750`` -> ``03750.HK``."""
    code = code.upper().strip()
    if "." in code:
        number, market = code.split(".", 1)
        return f"{number.zfill(5) if market == 'HK' else number}.{market}"
    if len(code) == 6:
        if code.startswith(("60", "68", "90")):
            return f"{code}.SH"
        if code.startswith(("00", "30", "20")):
            return f"{code}.SZ"
        if code.startswith(("4", "8", "92")):
            return f"{code}.BJ"
        return code
    return f"{code.zfill(5)}.HK"


def _is_ticker(raw: str, text: str, start: int) -> bool:
    """False for numbers in brackets that are years, contracts or grades."""
    number = raw.split(".", 1)[0]
    if "." not in raw and len(number) == 4 and 1900 <= int(number) <= 2100:
        return False
    return not _NOT_TICKER_BEFORE.search(text[max(0, start - 12):start])


def _name_before(text: str, end: int) -> str:
    """The run of capitalised words that ends at ``end`` (a company name)."""
    words = text[max(0, end - 160):end].rstrip().split()
    name: list[str] = []
    for word in reversed(words):
        if len(name) >= 9:
            break
        if word[:1].isupper() or word in _CONNECT or word.startswith(("Co.,", "Ltd")):
            name.insert(0, word)
            if word.endswith((",", ";", ":")) and not word.startswith("Co.,") and len(name) > 1:
                name.pop(0)
                break
        else:
            break
    while name and (name[0] in _LEAD or name[0] in _CONNECT or name[0].endswith("-based")):
        name.pop(0)
    return " ".join(name).strip(" ,;:")


def _known(name: str, code: str | None = None) -> Company:
    """The company named (with the code the text wrote), tied to its alias-table entry by code or name."""
    by_name, by_code = alias_table()
    entry = by_code.get(code or "") or by_name.get(_fold(name))
    if entry is None:
        return Company(name=name, code=code, codes=(code,) if code else ())
    codes = tuple(dict.fromkeys([*([code] if code else []), *entry.codes]))
    # ``code`` stays what the text wrote; the table's codes go to ``codes``.
    return Company(name=name, code=code, key=entry.key, canonical=entry.name, codes=codes)


def companies(text: str) -> tuple[Company, ...]:
    """Companies named in ``text``: with a stock code, with a legal suffix, or in the alias table."""
    found: dict[str, Company] = {}
    covered: list[tuple[int, int]] = []

    def add(name: str, code: str | None = None) -> None:
        company = _known(name, code)
        key = company.key or company.code or company.name
        if key in found:
            old = found[key]
            found[key] = replace(old, codes=tuple(dict.fromkeys(old.codes + company.codes)))
        elif not company.key and any(c.name == company.name for c in found.values()):
            return
        else:
            found[key] = company

    if _DIGIT.search(text):
        code_matches = list(_CODE_BRACKETED.finditer(text))
        if _MARKET_HINT.search(text):
            code_matches = sorted(code_matches + list(_CODE_BARE.finditer(text)), key=lambda m: m.start())
        for m in code_matches:
            raw = m.groupdict().get("code") or m.groupdict().get("bare")
            if not _is_ticker(raw, text, m.start()):
                continue
            name = _name_before(text, m.start())
            by_code = alias_table()[1].get(normalise_code(raw))
            if not name and by_code is None:
                continue
            add(name or by_code.name, normalise_code(raw))
            if m.groupdict().get("code2") and _is_ticker(m["code2"], text, m.start("code2")):
                add(name or by_code.name, normalise_code(m["code2"]))
            covered.append((m.start() - len(name) - 2, m.end()))
    for start, end, name in (_suffixed(text) if _SUFFIX_HINT.search(text) else ()):
        if any(a <= start < b for a, b in covered):
            continue
        if name not in {c.name for c in found.values()}:
            add(name)
            covered.append((start, end))
    for start, end in _alias_spans(text):
        if any(a <= start < b for a, b in covered):
            continue
        add(text[start:end])
    return tuple(found.values())
