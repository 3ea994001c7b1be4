"""Names followed by a listing code: ``(002407.SZ)``, ``（001203）``, ``[300490]``, ``300750.SZ``,
``(NYSE: ALB)``, ``(纳斯达克代码ELVA)``, ``股票代码：300750``. Futures contracts (``SHFE 1811``), grades
(``#553``) and years in brackets are never codes."""

from __future__ import annotations

import re

from .chinese import CJK_RUN, CN_LEGAL, CN_NAME_CHAR, cjk_start
from .forms import CJK, CONNECT, lead_word, normalise_code
from .table import alias_table

# (002407.SZ) (688559.SH) [300490] (002846) (03750) 300750.SZ
_CODE_BRACKETED = re.compile(
    r"[(\[（【]\s*(?P<code>\d{6}(?:\.(?:SZ|SH|BJ|HK))?|\d{4,5}(?:\.HK)?)\s*(?:[,，;]\s*(?P<code2>\d{4,6}(?:\.(?:SZ|SH|BJ|HK))?)\s*)?[)\]）】]", re.I)
_CODE_BARE = re.compile(r"(?<![\w.#])(?P<bare>\d{6}\.(?:SZ|SH|BJ)|\d{4,5}\.HK)\b", re.I)
# (NYSE: ALB) (Nasdaq: ELVA) (纳斯达克代码ELVA) （股票代码：300750） 证券代码：002667
_EXCHANGE = r"NYSE American|NYSE|NASDAQ|Nasdaq|ASX|TSXV|TSX|LSE|AIM|OTCQX|OTC|纳斯达克|納斯達克|纽交所|紐交所"
_CODE_LABELLED = re.compile(
    rf"[(（]\s*(?:{_EXCHANGE})\s*(?:代码|代碼|code|ticker|symbol)?\s*[:：]?\s*(?P<ticker>[A-Z]{{1,5}}(?:\.[A-Z]{{1,2}})?)\s*[)）]"
    r"|[(（]?(?:股票代码|证券代码|股票代碼|證券代碼|[Ss]tock code)\s*[:：]\s*(?P<code>\d{6}(?:\.(?:SZ|SH|BJ))?)(?!\d)[)）]?")
_EXCHANGE_HINT = re.compile(rf"{_EXCHANGE}|股票代|证券代|證券代|[Ss]tock code")
_MARKET_HINT = re.compile(r"\.(?:SZ|SH|BJ|HK)\b", re.I)
_DIGIT = re.compile(r"\d")
# Words that make the number after them a futures contract or a grade, not a listing
_NOT_TICKER_BEFORE = re.compile(r"(?:SHFE|DCE|CZCE|INE|GFEX|LME|COMEX|CME|contract|futures|grade|#)\s*$", re.I)


def coded(text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """(start, end, name, codes) of every name followed by a listing code."""
    out: list[tuple[int, int, str, tuple[str, ...]]] = []
    for m in _code_matches(text):
        raws = [r for r in (m.groupdict().get(g) for g in ("code", "bare", "code2", "ticker")) if r]
        codes = tuple(normalise_code(r) for r in raws if r[:1].isalpha() or _is_ticker(r, text, m.start()))
        if not codes:
            continue
        name = name_before(text, m.start())
        known = alias_table()[1].get(codes[0])
        if not name and known is None:
            continue
        start = len(text[:m.start()].rstrip()) - len(name)
        out.append((start, m.end(), name or known.name, codes))
    return out


def _code_matches(text: str) -> list[re.Match]:
    """Every code pattern's matches, in text order; the patterns run only where their hint is found."""
    digits = bool(_DIGIT.search(text))
    if not digits and not _EXCHANGE_HINT.search(text):
        return []
    matches = list(_CODE_BRACKETED.finditer(text)) if digits else []
    if _MARKET_HINT.search(text):
        matches += _CODE_BARE.finditer(text)
    if _EXCHANGE_HINT.search(text):
        matches += _CODE_LABELLED.finditer(text)
    return sorted(matches, key=lambda m: m.start())


def _is_ticker(raw: str, text: str, start: int) -> bool:
    """False for numbers in brackets that are years, contracts or grades."""
    number = raw.split(".", 1)[0]
    if "." not in raw and len(number) == 4 and 1900 <= int(number) <= 2100:
        return False
    return not _NOT_TICKER_BEFORE.search(text[max(0, start - 12):start])


def name_before(text: str, end: int) -> str:
    """The company name that ends at ``end``: a run of capitalised words, or Chinese characters back to the
    punctuation or joining word before them (a short name's last four characters when the run is longer)."""
    at = len(text[:end].rstrip())
    if at and CN_NAME_CHAR.match(text, at - 1) and CJK.search(text, max(0, at - 30), at):
        return _chinese_name_before(text, at)
    words = text[max(0, end - 160):end].rstrip().split()
    name: list[str] = []
    for word in reversed(words):
        opens = word[:1] in "(（[【"  # "(Eve Energy Co., 300014.SZ)": the name starts in the bracket
        word = word[1:] if opens else word
        if len(name) >= 9 or not (word[:1].isupper() or word in CONNECT or word.startswith(("Co.,", "Ltd"))):
            break
        name.insert(0, word)
        if opens:
            break
        if word.endswith((",", ";", ":")) and not word.startswith("Co.,") and len(name) > 1:
            name.pop(0)
            break
    while name and (lead_word(name[0]) or name[0] in CONNECT):
        name.pop(0)
    return " ".join(name).strip(" ,;:")


def _chinese_name_before(text: str, at: int) -> str:
    start = cjk_start(text, at, 30)
    name = text[start:at]
    if CJK.match(name[-1:]) or not CJK.search(name):
        if CJK.match(name[-1:]) and len(name) > 6 and not CN_LEGAL.search(name):
            name = name[-4:]
        return name
    start += CJK_RUN.match(name).end() if CJK.match(name) else 0
    return text[start:at]  # 公司Electrovaya(纳斯达克代码ELVA): the Latin name after the Chinese words
