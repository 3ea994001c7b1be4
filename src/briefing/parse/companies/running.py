"""Company names in English running text, found without the alias table: a run of capitalised words
ending in a legal form ("Shenzhen Huabao New Energy Co., Ltd."), or in a corporate word ("Factorial
Energy", "Guosen Securities", "Barbados Light & Power Company"). Every pattern finds a short anchor and
looks a bounded distance before it, so the time is linear in the text."""

from __future__ import annotations

import re

from .forms import GENERIC as _GENERIC, LEGAL_AFTER, lead_word, name_start

# legal forms that end a company name; the capitalised words before them are the rest of it
_SUFFIX = re.compile(r"(?:Co\.,\s*Ltd\.|Co\., Limited|Inc\.|Corp\.|Corporation|Ltd\.|Limited|Group|AG|GmbH|plc|Plc|PLC|LLC)(?![\w-])")
SUFFIX_HINT = re.compile(r"Co\.|Ltd|Limited|Inc\.|Corp|Group|AG\b|GmbH|plc|Plc|PLC|LLC")
_CAP_WORD = re.compile(r"[A-Z][\w&'’-]*")
# words that end a company name in running text ("Factorial Energy", "Guosen Securities")
_CORP = ("Motor Motors Automobile Auto Automotive Technology Technologies Securities Energy Materials Electronics "
         "Electric Power Group Holdings Holding Mining Metals Lithium Batteries Resources Minerals Industries "
         "Company Corporation Cleantech")
_CORP_SET = set(_CORP.split()) | {"New", "Co.", "Co.,", "Ltd.", "Inc.", "Corp.", "Limited"}
CORP_WORD = re.compile(rf"(?<![A-Za-z0-9&'’-])(?:{'|'.join(_CORP.split())})(?![A-Za-z0-9&'’-])")
_CORP_NEXT = re.compile(rf" (?:{'|'.join(_CORP.split())}|Battery(?= Co))(?![A-Za-z0-9&'’-])")
_RUNS_ON = re.compile(r" [A-Z][a-z]")  # "Energy Storage Association": part of a longer name or a headline
_WORD = re.compile(r"\S+")
_LONG_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_LATIN_TAIL = re.compile(r"(?<=[^\x00-\x7f])[A-Z][A-Za-z0-9&'’.-]*$")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_STOP = set("""According After Before During Under Over For From With Without Into Onto Since Until Amid Despite
Both Each Every All Some Many Most Several Other Another Such Our Your His Her These Those What Which Who How Why Where
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec If Once Then Now However Still Yet So Thus
Chinese Japanese Korean European American Indian Australian German French British Canadian""".split())
# exchanges, price reporters, news agencies and public bodies: never part of a company's name
_NOT_COMPANY = set("""SMM Mysteel Fastmarkets Reuters Bloomberg Argus Platts Benchmark LME SHFE COMEX CME DCE CZCE INE GFEX
Xinhua Ministry Commission Administration Agency Association Alliance Council Department Bureau Authority Institute
University Exchange Committee Federation Society Union Government Customs""".split())

Found = tuple[int, int, str]  # start, end, the name as written


def suffixed(text: str) -> list[Found]:
    """Names that end in a legal form: up to eight capitalised words, then "Co., Ltd." and the like."""
    out: list[Found] = []
    matches = list(_SUFFIX.finditer(text))
    n = 0
    while n < len(matches):
        first, end = matches[n], matches[n].end()
        while n + 1 < len(matches) and not text[end:matches[n + 1].start()].strip():
            n += 1
            end = matches[n].end()
        n += 1
        start, words = _capitalised_run(text, first.start())
        if words:
            out.append((start, end, " ".join(words) + " " + text[first.start():end]))
    return out


def _capitalised_run(text: str, at: int) -> tuple[int, list[str]]:
    """Where the capitalised words (up to eight) right before ``at`` start, and the words, without the
    sentence's opening words ("On", "US-based")."""
    before = text[max(0, at - 200):at]
    if not before or not before[-1].isspace():
        return at, []
    words: list[tuple[int, str]] = []
    for m in reversed(list(_WORD.finditer(before))):
        if len(words) >= 8 or not (_CAP_WORD.fullmatch(m.group()) or (m.group() == "&" and words)):
            break
        words.insert(0, (at - len(before) + m.start(), m.group()))
    words = words[name_start([w for _, w in words]):]
    return (words[0][0] if words else at), [w for _, w in words]


def corporate(text: str) -> list[Found]:
    """Names in running text that end in a corporate word: "Factorial Energy", "Nordic Batteries",
    "NTPC Renewable Energy", "Barbados Light & Power Company". The words before the corporate word are
    capitalised, one of them is not an industry word, the name does not run on into more capitalised
    words, and it does not stand in a headline written in title case."""
    out: list[Found] = []
    reach = 0
    for m in CORP_WORD.finditer(text):
        if m.start() < reach:
            continue
        end = reach = _corporate_end(text, m.end())
        if _RUNS_ON.match(text, end) or _title_case(text, m.start()):
            continue
        words = _capitalised_before(text, m.start())
        words = words[name_start([w for _, w in words]):]
        while words and (lead_word(words[0][1]) or words[0][1] in _STOP):
            words.pop(0)
        if _is_name(text, words):
            out.append((words[0][0], end, text[words[0][0]:end]))
    return out


def _corporate_end(text: str, end: int) -> int:
    """``end`` moved past more corporate words and legal forms ("Energy Technology Co., Ltd.")."""
    for _ in range(4):
        more = _CORP_NEXT.match(text, end) or LEGAL_AFTER.match(text, end)
        if not more:
            break
        end = more.end()
    return end


def _is_name(text: str, words: list[tuple[int, str]]) -> bool:
    """Capitalised words before a corporate word make a name: one of them is no industry word, none is
    a public body or a price reporter, and a lone word opening a sentence is not a word the text also
    writes in lower case ("Strong Energy demand ..." where the text writes "strong")."""
    core = [w for _, w in words if w not in _CORP_SET]
    if not core or all(w.casefold() in _GENERIC for w in core) or any(w in _NOT_COMPANY for _, w in words):
        return False
    return not (len(core) == 1 and _sentence_start(text, words[0][0]) and re.search(
        rf"(?<![\w-]){re.escape(core[0].lower())}(?![\w-])", text))


def _capitalised_before(text: str, end: int) -> list[tuple[int, str]]:
    """The capitalised words (with where each starts) right before ``end``, up to five, stopping at
    punctuation, a lower-case word, a possessive or a line break."""
    before = text[max(0, end - 120):end]
    if not before.endswith(" ") or before.endswith("  "):
        return []
    base = end - len(before)
    words: list[tuple[int, str]] = []
    for m in reversed(list(_WORD.finditer(before))):
        word = m.group()
        gap = before[m.end():(words[0][0] - base) if words else len(before)]
        if len(words) >= 5 or gap != " ":
            break
        if not (_CAP_WORD.fullmatch(word) or word == "&"):
            latin = _LATIN_TAIL.search(word)
            if latin and _CAP_WORD.fullmatch(latin.group()):
                words.insert(0, (base + m.start() + latin.start(), latin.group()))
            break
        if word.endswith((",", ";", ":", "'s", "’s")) or (word.endswith(".") and not _INITIALS.fullmatch(word)):
            break
        words.insert(0, (base + m.start(), word))
    while words and words[0][1] == "&":
        words.pop(0)
    return words


def _title_case(text: str, at: int) -> bool:
    """True when the line or sentence around ``at`` capitalises most of its longer words (a headline)."""
    left = max(text.rfind("\n", 0, at), text.rfind(". ", max(0, at - 300), at))
    right = min(x for x in (text.find("\n", at, at + 300), text.find(". ", at, at + 300), at + 300) if x >= 0)
    words = _LONG_WORD.findall(text[left + 1:right])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _sentence_start(text: str, at: int) -> bool:
    return not text[:at].strip() or text[:at].rstrip()[-1] in ".!?:\"“\n"
