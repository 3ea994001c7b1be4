"""Names of the alias table found in text, and a name as written tied to its table row.

The index (``table.alias_index``) holds every spelling without its legal form as a tuple of words under
its first word: a text is read once, word by word, trying at each word the longest spellings that start
with it, so the time is linear in the text whatever the table's size. A name is matched whatever legal
form and punctuation follow it ("Suzhou Qingtao New Energy Technology Co., Ltd.").
"""

from __future__ import annotations

import re

from ...models import Company
from .chinese import past_readings
from .forms import CJK, CN_LEGAL_TAIL, GENERIC, LEGAL_TAIL, PINYIN, TOKEN, TOKEN_TAIL, after_legal_form
from .table import Alias, alias_index, alias_table, by_key, lookup

_TAILED = re.compile(r"['’-]")  # a word that may carry a possessive or a compound tail
Token = tuple[int, int, str]  # start, end, the word without its possessive or compound tail


def alias_spans(text: str) -> list[tuple[int, int]]:
    """Where names and short names of the alias table stand in ``text`` (whole words, capitalised where
    the table capitalises them, a lone acronym in capitals), each with the legal form written after it."""
    by_first, cjk = alias_index()
    spans = _latin_spans(text, by_first)
    if cjk and CJK.search(text):
        spans += past_readings(lambda t: _chinese_spans(t, cjk), text)
    return spans


def _latin_spans(text: str, by_first: dict) -> list[tuple[int, int]]:
    if by_first.keys().isdisjoint(TOKEN_TAIL.sub("", w).casefold() if "-" in w or "s" in w[-1:] else w.casefold()
                                  for w in set(TOKEN.findall(text))):  # each word once
        return []
    tokens = [bare_token(m) if _TAILED.search(m.group()) else (m.start(), m.end(), m.group())
              for m in TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    n = 0
    while n < len(tokens):
        hit = _longest_at(text, tokens, n, by_first.get(tokens[n][2].casefold(), ()))
        if hit:
            spans.append((tokens[n][0], after_legal_form(text, tokens[n + hit - 1][1])))
        n += hit or 1
    return spans


def _longest_at(text: str, tokens: list[Token], n: int, options) -> int:
    """How many words the longest spelling starting at word ``n`` covers (0 when none): the words equal
    when folded, capitalised where the table capitalises them, and nothing but spaces, commas or full stops
    between them."""
    for words, upper, capitals in options:
        size = len(words)
        if n + size > len(tokens) or (capitals and not tokens[n][2].isupper()):
            continue
        written = [tokens[n + i][2] for i in range(size)]
        if all(w.casefold() == want for w, want in zip(written, words)) and _cased(written, words, upper) \
                and all(not text[tokens[n + i][1]:tokens[n + i + 1][0]].strip(" .,") for i in range(size - 1)):
            return size
    return 0


def _cased(written: list[str], words: tuple[str, ...], upper: tuple[bool, ...]) -> bool:
    """The words are capitalised where the table capitalises them; a name of two or more words whose first
    is no industry or place word may be written in other cases as long as one of its words is capitalised
    ("Ningde times", "honeycomb Energy", as machine translations write them)."""
    if all(w[0].isupper() or not must for w, must in zip(written, upper)):
        return True
    return len(words) >= 2 and len(words[0]) >= 3 and words[0] not in GENERIC and any(w[0].isupper() for w in written)


def _chinese_spans(text: str, cjk: list[str]) -> list[tuple[int, int]]:
    """Chinese aliases, longest first: 山东电工时代 is not also 山东电工."""
    spans: list[tuple[int, int]] = []
    taken = bytearray(len(text))
    for alias in cjk:
        start = text.find(alias)
        while start >= 0:
            if not any(taken[start:start + len(alias)]):
                taken[start:start + len(alias)] = b"\x01" * len(alias)
                spans.append((start, start + len(alias)))
            start = text.find(alias, start + len(alias))
    return spans


def bare_token(m: re.Match) -> Token:
    """A word without its possessive or a lower-case compound after it: ``Alcoa’s`` and ``CNOOC-affiliated``
    are read as ``Alcoa`` and ``CNOOC``."""
    word = m.group()
    tail = TOKEN_TAIL.search(word)
    if tail and tail.start() > 0:
        word = word[:tail.start()]
    return m.start(), m.start() + len(word), word


def entry(name: str) -> Alias | None:
    """The alias-table row of a name as written: whole, without its legal form, or a table name inside it
    ("Shenzhen Hnz Technology Co., Ltd." is Hnz Technology)."""
    found = lookup(name)
    if found is None and CJK.search(name):
        return _chinese_entry(CN_LEGAL_TAIL.sub("", PINYIN.sub("", name)))
    core = LEGAL_TAIL.sub("", name)
    inside = alias_spans(core) if found is None else []
    if inside and inside[-1][1] == len(core):  # a place before the table's name, not a subsidiary's words after it
        found = lookup(core[inside[-1][0]:])
    return found


# what a Chinese full name may add after the short name: its line of business (宁德时代 + 新能源科技)
_CN_TRADE = re.compile(r"(?:新能源|新材料|科技|技术|技術|能源|锂业|鋰業|锂电|鋰電|锂能|鋰能|电池|電池|材料|汽车|汽車|控股|集团|集團|实业|實業|"
                       r"电子|電子|电气|電氣|股份|动力|動力|储能|儲能|矿业|礦業|化工|化学|化學|钴业|鈷業|电力|電力|智能|装备|裝備|激光|高科|"
                       r"精密|发展|發展|投资|投資|国际|國際|工业|工業)*")


def _chinese_entry(core: str) -> Alias | None:
    """The row of a Chinese full name without its legal form: a table name after at most a place
    (惠州亿纬锂能) and before at most its line of business (宁德时代新能源科技); a name that goes on
    with other words is a company of its own (中國華能集團清潔能源技術研究院)."""
    for start, end in alias_spans(core):
        if start <= 6 and _CN_TRADE.fullmatch(core, end):
            return lookup(core[start:end])
    return None


def known(name: str, code: str | None = None) -> Company:
    """The company named (with the code the text wrote), tied to its alias-table row by code or name:
    its key, full name, every listing code the table knows and its parent company."""
    row = alias_table()[1].get(code or "") or entry(name)
    if row is None:
        return Company(name=name, code=code, codes=(code,) if code else ())
    codes = tuple(dict.fromkeys([*([code] if code else []), *row.codes]))
    parent = by_key().get(row.parent)
    # ``code`` stays what the text wrote; the table's codes go to ``codes``.
    return Company(name=name, code=code, key=row.key, canonical=row.name, codes=codes,
                   parent=parent.name if parent else "")


def names_of(company: Company) -> tuple[str, ...]:
    """Every name a company goes by: as written, the table's full name and all its aliases."""
    row = by_key().get(company.key)
    return tuple(dict.fromkeys(n for n in (company.name, company.short, company.canonical, *(row.aliases if row else ()))
                               if n))
