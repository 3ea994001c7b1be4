"""The alias table, ``data/companies.csv`` (or a project's own ``companies`` setting).

Columns ``key, name, aliases, codes, parent``: one company a row, with its full name, its short names,
Chinese names and other spellings (``|``-separated), every listing code it has and, for a subsidiary,
the key of its parent (GAC Aian's row names ``gac``). A table changed on disk is read again.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from .forms import CJK, LEGAL_TAIL, PINYIN, TOKEN, bare, fold, normalise_code

ALIASES_FILE = Path(__file__).resolve().parents[4] / "data" / "companies.csv"

# one spelling of the index: its words (folded), which of them the table capitalises, and whether it must
# be written in capitals (a lone acronym such as ``EVE``)
Form = tuple[tuple[str, ...], tuple[bool, ...], bool]


@dataclass(frozen=True)
class Alias:
    key: str
    name: str
    codes: tuple[str, ...]
    parent: str = ""  # the key of the parent company's row, for a subsidiary
    aliases: tuple[str, ...] = ()  # the short names and other spellings, as the table writes them

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def _stamped(path: Path) -> tuple[Path, int]:
    return path, path.stat().st_mtime_ns if path.exists() else 0


_active = [_stamped(ALIASES_FILE)]  # the table in use, with its modification time


def use_aliases(path: Path) -> None:
    """Read companies from this alias table (a project's own ``companies`` setting) when it
    exists, else from the shipped one; a table changed since it was last read is read again."""
    _active[0] = _stamped(path if path.exists() else ALIASES_FILE)


def aliases_file() -> tuple[Path, int]:
    return _active[0]


def entries() -> tuple[Alias, ...]:
    """Every row of the active table."""
    return _rows(*_active[0])


@functools.lru_cache(maxsize=4)
def _rows(path: Path, _mtime: int = 0) -> tuple[Alias, ...]:
    if not path.exists():
        return ()
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(_row(row) for row in csv.DictReader(fh))


def _row(row: dict) -> Alias:
    codes = tuple(normalise_code(c) for c in (row.get("codes") or "").split("|") if c.strip())
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return Alias(row["key"].strip(), row["name"].strip(), codes, (row.get("parent") or "").strip(), aliases)


def alias_table() -> tuple[dict[str, Alias], dict[str, Alias]]:
    """(folded name or alias -> company, normalised code -> company), from the active table."""
    return _by_name_and_code(*_active[0])


@functools.lru_cache(maxsize=4)
def _by_name_and_code(path: Path, mtime: int) -> tuple[dict[str, Alias], dict[str, Alias]]:
    by_name: dict[str, Alias] = {}
    by_code: dict[str, Alias] = {}
    for entry in _rows(path, mtime):
        for alias in entry.names:
            by_name[fold(alias)] = entry
        for alias in entry.names:  # without the legal form and punctuation: only where no spelling says otherwise
            by_name.setdefault(fold(LEGAL_TAIL.sub("", alias)), entry)
            by_name.setdefault(bare(alias), entry)
        for code in entry.codes:
            by_code[code] = entry
    return by_name, by_code


def by_key() -> dict[str, Alias]:
    """Key -> row, from the active table."""
    return _by_key(*_active[0])


@functools.lru_cache(maxsize=4)
def _by_key(path: Path, mtime: int) -> dict[str, Alias]:
    return {entry.key: entry for entry in _rows(path, mtime)}


def lookup(name: str) -> Alias | None:
    """The row of a name as written: whole, without its legal form, or without legal form and punctuation
    (and without the readings in pinyin some pages write inside Chinese names)."""
    by_name = alias_table()[0]
    name = PINYIN.sub("", name) if "(" in name else name
    return by_name.get(fold(name)) or by_name.get(fold(LEGAL_TAIL.sub("", name))) or by_name.get(bare(name))


def alias_index() -> tuple[dict[str, list[Form]], list[str]]:
    """Aliases without their legal form as word tuples by their first word (longest first), each with the
    words the table capitalises and whether it must be written in capitals, and the Chinese aliases."""
    return _index(*_active[0])


@functools.lru_cache(maxsize=4)
def _index(path: Path, mtime: int) -> tuple[dict[str, list[Form]], list[str]]:
    forms: dict[tuple[str, ...], tuple[tuple[bool, ...], bool]] = {}
    cjk: set[str] = set()
    for entry in _rows(path, mtime):
        for alias in entry.names:
            alias = LEGAL_TAIL.sub("", alias) or alias
            if CJK.search(alias):
                cjk.add(alias)
            elif (written := TOKEN.findall(alias)) and written[0] != "The":  # "The Goldman Sachs Group": its short name
                _add_form(forms, written)
    by_first: dict[str, list[Form]] = {}
    for words, (upper, capitals) in forms.items():
        by_first.setdefault(words[0], []).append((words, upper, capitals))
    for options in by_first.values():
        options.sort(key=lambda option: len(option[0]), reverse=True)
    return by_first, sorted(cjk, key=len, reverse=True)


def _add_form(forms: dict[tuple[str, ...], tuple[tuple[bool, ...], bool]], written: list[str]) -> None:
    words = tuple(w.casefold() for w in written)
    upper = tuple(w[0].isupper() for w in written)
    capitals = len(written) == 1 and written[0].isupper() and len(written[0]) > 1
    if words in forms:  # NIO and Nio: the looser spelling rules
        was_upper, was_capitals = forms[words]
        upper, capitals = tuple(a and b for a, b in zip(was_upper, upper)), was_capitals and capitals
    forms[words] = upper, capitals
