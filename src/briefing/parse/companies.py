"""Companies named in a piece of text, with their listing codes.

Companies are found five ways, in this order of trust: a name followed by a
stock code (``(002407.SZ)``, ``（001203）``, ``(NYSE: ALB)``, ``股票代码：300750``);
any name or short name of the repository's alias table (``data/companies.csv``),
whatever legal form follows it; a name ending in a legal form ("Co., Ltd.");
capitalised words in running text ending in a corporate word ("Factorial
Energy", "Nordic Batteries"); and Chinese names (…有限公司, or a short name
ending in 集团, 科技, 能源, 锂业, 电池 between punctuation). The table ties the
long name, short names and every listing code of one company together, so a
company carries every code the table knows. Futures contracts (``SHFE 1811``,
``Si2507``), grade codes (``#553``), years and chemical formulas (``Li2CO3``) are
never taken for stock codes; exchanges, price reporters, news agencies and
public bodies never for companies. Every pattern runs in time linear in its
input: recognisers find a short anchor and look a bounded distance around it.
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
# legal forms that end a company name; the capitalised words before them are the rest of it
_SUFFIX = re.compile(r"(?:Co\.,\s*Ltd\.|Co\., Limited|Inc\.|Corp\.|Corporation|Ltd\.|Limited|Group|AG|GmbH|plc|LLC)(?![\w-])")
_CAP_WORD = re.compile(r"[A-Z][\w&'’-]*")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&'’-]*")
_TOKEN_TAIL = re.compile(r"['’]s$|-(?:based|backed|owned|affiliated|led|made|controlled|funded|listed|headquartered|linked|"
                         r"supplied|built|operated|run|designed|developed)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
# Words that make the number after them a futures contract or a grade, not a listing
_NOT_TICKER_BEFORE = re.compile(r"(?:SHFE|DCE|CZCE|INE|GFEX|LME|COMEX|CME|contract|futures|grade|#)\s*$", re.I)
_SUFFIX_HINT = re.compile(r"Co\.|Ltd|Limited|Inc\.|Corp|Group|AG\b|GmbH|plc|LLC")
_LEAD = {"On", "In", "The", "This", "That", "Yesterday", "Today", "Meanwhile", "Recently",
         "Previously", "Also", "And", "But", "While", "When", "As", "Its", "Their", "Both", "Among", "By"}
_CONNECT = {"of", "and", "&", "de"}
# legal forms: a table name is found without them and runs on over the ones written after it
_LEGAL = r"(?:Co\.,\s*Ltd\.?|Co\.,\s*Limited|Company Limited|Co\.|Inc\.?|Corp\.?|Corporation|Ltd\.?|Limited|plc|Plc|PLC|AG|SE|GmbH|LLC|ASA|AB|Oyj|N\.V\.|S\.A\.)"
_LEGAL_TAIL = re.compile(rf"(?:,?\s*{_LEGAL})+$")
_LEGAL_AFTER = re.compile(rf",?\s{{0,2}}{_LEGAL}(?![A-Za-z0-9-])")
# words that end a company name in running text ("Factorial Energy", "Guosen Securities")
_CORP = ("Motor Motors Automobile Auto Automotive Technology Technologies Securities Energy Materials Electronics "
         "Electric Power Group Holdings Holding Mining Metals Lithium Batteries Resources Minerals Industries "
         "Company Corporation Cleantech")
_CORP_SET = set(_CORP.split()) | {"New", "Co.", "Co.,", "Ltd.", "Inc.", "Corp.", "Limited"}
_CORP_WORD = re.compile(rf"(?<![A-Za-z0-9&'’-])(?:{'|'.join(_CORP.split())})(?![A-Za-z0-9&'’-])")
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
_GENERIC = set("""new energy power battery batteries lithium lithium-ion sodium sodium-ion solid-state semi-solid-state
solid state storage global world international national china asia asian europe us u.s. usa uk eu japan korea india
germany australia clean green renewable renewables electric solar wind grid hydrogen nuclear fuel cell cells vehicle
vehicles ev evs nev car cars auto automotive technology market markets metals metal base precious minor rare earth
industry industrial mining materials material cathode anode electrolyte separator copper aluminium aluminum nickel
cobalt zinc lead tin steel iron ore silver gold silicon polysilicon manganese graphite vanadium carbonate hydroxide
sulphate sulfate spot futures price prices weekly daily monthly annual review report news top leading major key first
next future smart digital advanced high low long short duration flow pack module system systems conference forum
summit expo week quarter total overall chain supply demand raw recycled recycling home residential commercial utility
utilities distributed portable consumer mobile the a an its their his her our big small large secondary primary
scrap pv tech""".split())
# Chinese names: a legal form, or a short name's ending word
_CN_LEGAL = re.compile(r"股份有限公司|有限责任公司|有限責任公司|有限公司")
_CN_SUFFIX = re.compile(r"新能源|股份|集团|集團|科技|能源|锂业|鋰業|锂能|鋰能|电池|電池|电力|電力|矿业|礦業|钴业|鈷業|证券|證券|汽车|汽車|电气|電氣|控股")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_CN_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_CN_BREAK = re.compile(r"[\s，,。.、；;：:（）()【】\[\]「」『』“”\"'‘’《》！!？?\d]")
_CN_JOIN = ("中标人为", "中標人為", "成交人为", "中标候选人", "包括", "以及", "公告", "显示", "顯示", "宣布", "表示", "发布",
            "發布", "公示", "子公司", "旗下", "合资", "合資", "全资", "近日", "今日", "日前", "此前", "其中", "联合", "聯合")
_CN_JOIN_CHARS = "与與和及由向对對被将將是的了等从從把给給让讓"
_CN_NEXT = set("发發公宣表称稱成入中签簽拟擬与與和的在将將于於已近等及旗子控股都均分各也则則还還")
_CN_GENERIC = set("""新能 储能 儲能 清洁 清潔 可再生 动力 動力 锂电 鋰電 电池 電池 光伏 风电 風電 火电 火電 核电 氢能 绿色 綠色 传统
傳統 国内 國內 国际 國際 全球 中国 中國 全国 相关 相關 其他 龙头 头部 頭部 电力 能源 科技 集团 技术 技術 材料 汽车 车企 企业 企業
上市 矿业 化学 钠离子 锂离子 固态 固態 半固态 磷酸 三元 负极 正极 电解 隔膜 铜箔 新材 高科 发电 發電 用电 供电 配电 输电 电网 国家
國家 地方 本地 海外 公司 该公司 本公司 子公司 合资 合資 全资 控股 股份 上游 下游 中游 产业 產業 行业 行業 市场 市場 新兴 大型 一线 各大
多家 两家 兩家 三家 该 本 其 此 这 這 上述 以上 全省 全市 省内 市内 国有 國有 民营 民營 科创 科創 创业 創業 新型 智能 数字 數字 节能 節能
环保 環保 光储 光儲 源网 电化学 電化學 液流 全钒 全釩 钒液 釩液 混合 独立 獨立 共享 用户 用戶 工商 户用 戶用 大储 大儲""".split())
_CN_GENERIC_END = set("的了在是和与與及等为為锂鋰钠鈉储儲铁鐵铅鉛态態型用性式级級")


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
                    by_name.setdefault(_fold(_LEGAL_TAIL.sub("", alias.strip())), entry)
            for code in codes:
                by_code[code] = entry
    return by_name, by_code


def alias_index() -> tuple[dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], bool]]], list[str]]:
    """Aliases without their legal form as word tuples by their first word (longest first), each with the
    words the table capitalises and whether it must be written in capitals (a lone acronym such as ``EVE``),
    and the Chinese aliases."""
    return _index(*_active[0])


@functools.lru_cache(maxsize=4)
def _index(path: Path, mtime: int) -> tuple[dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], bool]]], list[str]]:
    forms: dict[tuple[str, ...], tuple[tuple[bool, ...], bool]] = {}
    cjk: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh)) if path.exists() else []
    for row in rows:
        for alias in [row["name"], *(row.get("aliases") or "").split("|")]:
            alias = _LEGAL_TAIL.sub("", alias.strip()) or alias.strip()
            if _CJK.search(alias):
                cjk.add(alias)
                continue
            written = _TOKEN.findall(alias)
            if not written:
                continue
            words = tuple(w.casefold() for w in written)
            upper = tuple(w[0].isupper() for w in written)
            capitals = len(written) == 1 and written[0].isupper() and len(written[0]) > 1
            if words in forms:  # NIO and Nio: the looser spelling rules
                was_upper, was_capitals = forms[words]
                upper, capitals = tuple(a and b for a, b in zip(was_upper, upper)), was_capitals and capitals
            forms[words] = upper, capitals
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], bool]]] = {}
    for words, (upper, capitals) in forms.items():
        by_first.setdefault(words[0], []).append((words, upper, capitals))
    for options in by_first.values():
        options.sort(key=lambda option: len(option[0]), reverse=True)
    return by_first, sorted(cjk, key=len, reverse=True)


def _alias_spans(text: str) -> list[tuple[int, int]]:
    """Where names and short names of the alias table stand in ``text`` (whole words, capitalised where
    the table capitalises them, a lone acronym in capitals), each with the legal form written after it."""
    by_first, cjk = alias_index()
    spans: list[tuple[int, int]] = []
    if by_first.keys().isdisjoint(_TOKEN_TAIL.sub("", w).casefold() if "-" in w or "s" in w[-1:] else w.casefold()
                                  for w in _TOKEN.findall(text)):
        tokens = []
    else:
        tokens = [_bare_token(m) for m in _TOKEN.finditer(text)]
    n = 0
    while n < len(tokens):
        hit = 0
        for words, upper, capitals in by_first.get(tokens[n][2].casefold(), ()):
            size = len(words)
            if n + size > len(tokens) or (capitals and not tokens[n][2].isupper()):
                continue
            written = [tokens[n + i][2] for i in range(size)]
            if all(w.casefold() == want and (w[0].isupper() or not must) for w, want, must in zip(written, words, upper)) \
                    and all(not text[tokens[n + i][1]:tokens[n + i + 1][0]].strip(" .,") for i in range(size - 1)):
                hit = size
                break
        if hit:
            spans.append((tokens[n][0], _after_legal_form(text, tokens[n + hit - 1][1])))
            n += hit
        else:
            n += 1
    if cjk and _CJK.search(text):
        taken = bytearray(len(text))
        for alias in cjk:  # longest first: 山东电工时代 is not also 山东电工
            start = text.find(alias)
            while start >= 0:
                if not any(taken[start:start + len(alias)]):
                    taken[start:start + len(alias)] = b"\x01" * len(alias)
                    spans.append((start, start + len(alias)))
                start = text.find(alias, start + len(alias))
    return spans


def _bare_token(m: re.Match) -> tuple[int, int, str]:
    """A word without its possessive or a lower-case compound after it: ``Alcoa’s`` and ``CNOOC-affiliated``
    are read as ``Alcoa`` and ``CNOOC``."""
    word = m.group()
    tail = _TOKEN_TAIL.search(word)
    if tail and tail.start() > 0:
        word = word[:tail.start()]
    return m.start(), m.start() + len(word), word


def _after_legal_form(text: str, end: int) -> int:
    """``end`` moved past the legal forms written right after it (", Inc.", " Co., Ltd.")."""
    for _ in range(3):
        m = _LEGAL_AFTER.match(text, end)
        if not m:
            break
        end = m.end()
    return end


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


def _corporate(text: str) -> list[tuple[int, int, str]]:
    """Names in running text that end in a corporate word: "Factorial Energy", "Nordic Batteries",
    "NTPC Renewable Energy", "Barbados Light & Power Company". The words before the corporate word are
    capitalised, one of them is not an industry word, the name does not run on into more capitalised
    words, and it does not stand in a headline written in title case."""
    out: list[tuple[int, int, str]] = []
    reach = 0
    for m in _CORP_WORD.finditer(text):
        if m.start() < reach:
            continue
        end = m.end()
        for _ in range(4):
            more = _CORP_NEXT.match(text, end) or _LEGAL_AFTER.match(text, end)
            if not more:
                break
            end = more.end()
        reach = end
        if _RUNS_ON.match(text, end) or _title_case(text, m.start()):
            continue
        words = _capitalised_before(text, m.start())
        while words and (words[0][1] in _LEAD or words[0][1] in _STOP or words[0][1].endswith("-based")):
            words.pop(0)
        core = [w for _, w in words if w not in _CORP_SET]
        if not core or all(w.casefold() in _GENERIC for w in core) or any(w in _NOT_COMPANY for _, w in words):
            continue
        start = words[0][0]
        if len(core) == 1 and _sentence_start(text, start) and re.search(
                rf"(?<![\w-]){re.escape(core[0].lower())}(?![\w-])", text):
            continue  # "Strong Energy demand ..." where the text also writes "strong"
        out.append((start, end, text[start:end]))
    return out


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


def _chinese(text: str) -> list[tuple[int, int, str]]:
    """Chinese company names: a full name ending in 有限公司 (back to the punctuation or the joining word
    before it), and a short name of two to four characters ending in 集团, 科技, 能源, 锂业, 电池 and the
    like, standing between punctuation or joining words (、鹏辉能源、, 与沙洲电力合作)."""
    out: list[tuple[int, int, str]] = []
    for m in _CN_LEGAL.finditer(text):
        start = _cjk_start(text, m.start(), 25)
        name = text[start:m.end()]
        if m.start() - start >= 2 and name[:m.start() - start] not in _CN_GENERIC:
            out.append((start, m.end(), name))
    for m in _CN_SUFFIX.finditer(text):
        after = text[m.end():m.end() + 1]
        if after and not (_CN_BREAK.match(after) or after in _CN_NEXT):
            continue
        for size in (2, 3, 4):
            start = m.start() - size
            core = text[start:m.start()]
            if start < 0 or not _CJK_RUN.fullmatch(core) or core in _CN_GENERIC or core[-1] in _CN_GENERIC_END \
                    or core[0] in _CN_JOIN_CHARS or core.startswith(_CN_JOIN):
                continue
            if start == 0 or _CN_BREAK.match(text, start - 1) or text[max(0, start - 2):start] in _CN_JOIN \
                    or text[start - 1] in _CN_JOIN_CHARS:
                out.append((start, m.end(), text[start:m.end()]))
                break
    return out


def _cjk_start(text: str, end: int, limit: int) -> int:
    """Where the Chinese name ending at ``end`` starts: back over Chinese characters and Latin letters
    to punctuation, a digit or at most ``limit`` characters, then after the last joining word."""
    start = end
    while start > max(0, end - limit) and _CN_NAME_CHAR.match(text, start - 1):
        start -= 1
    run = text[start:end]
    cut = max((run.rfind(w) + len(w) for w in _CN_JOIN if w in run), default=0)
    cut = max(cut, max((run.rfind(c) + 1 for c in _CN_JOIN_CHARS if c in run), default=0))
    return start + cut


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.").casefold()


def normalise_code(code: str) -> str:
    """``300490`` -> ``300490.SZ``; ``688559.sh`` -> ``688559.SH``; ``3750`` -> ``03750.HK``."""
    code = code.upper().strip()
    if not code[:1].isdigit():
        return code  # a ticker in letters (ALB, TSLA, ALB.N): as written
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
    """The company name that ends at ``end``: a run of capitalised words, or Chinese characters back to the
    punctuation or joining word before them (a short name's last four characters when the run is longer)."""
    at = len(text[:end].rstrip())
    if at and _CN_NAME_CHAR.match(text, at - 1) and _CJK.search(text, max(0, at - 30), at):
        start = _cjk_start(text, at, 30)
        name = text[start:at]
        if _CJK.match(name[-1:]) or not _CJK.search(name):
            if _CJK.match(name[-1:]) and len(name) > 6 and not _CN_LEGAL.search(name):
                name = name[-4:]
            return name
        start += _CJK_RUN.match(name).end() if _CJK.match(name) else 0
        return text[start:at]  # 公司Electrovaya(纳斯达克代码ELVA): the Latin name after the Chinese words
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


def _entry(name: str) -> Alias | None:
    """The alias-table entry of a name as written: whole, without its legal form, or a table name inside it
    ("Shenzhen Hnz Technology Co., Ltd." is Hnz Technology)."""
    by_name = alias_table()[0]
    entry = by_name.get(_fold(name)) or by_name.get(_fold(_LEGAL_TAIL.sub("", name)))
    core = _LEGAL_TAIL.sub("", name)
    inside = _alias_spans(core) if entry is None else []
    if inside and inside[-1][1] == len(core):  # a place before the table's name, not a subsidiary's words after it
        entry = by_name.get(_fold(core[inside[-1][0]:]))
    return entry


def _known(name: str, code: str | None = None) -> Company:
    """The company named (with the code the text wrote), tied to its alias-table entry by code or name."""
    entry = alias_table()[1].get(code or "") or _entry(name)
    if entry is None:
        return Company(name=name, code=code, codes=(code,) if code else ())
    codes = tuple(dict.fromkeys([*([code] if code else []), *entry.codes]))
    # ``code`` stays what the text wrote; the table's codes go to ``codes``.
    return Company(name=name, code=code, key=entry.key, canonical=entry.name, codes=codes)


def _coded(text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Names followed by a listing code: ``(002407.SZ)``, ``（001203）``, ``[300490]``, ``300750.SZ``,
    ``(NYSE: ALB)``, ``(纳斯达克代码ELVA)``, ``股票代码：300750``."""
    out: list[tuple[int, int, str, tuple[str, ...]]] = []
    if not _DIGIT.search(text) and not _EXCHANGE_HINT.search(text):
        return out
    matches = list(_CODE_BRACKETED.finditer(text)) if _DIGIT.search(text) else []
    if _MARKET_HINT.search(text):
        matches += _CODE_BARE.finditer(text)
    if _EXCHANGE_HINT.search(text):
        matches += _CODE_LABELLED.finditer(text)
    for m in sorted(matches, key=lambda m: m.start()):
        raws = [r for r in (m.groupdict().get(g) for g in ("code", "bare", "code2", "ticker")) if r]
        codes = tuple(normalise_code(r) for r in raws if r[:1].isalpha() or _is_ticker(r, text, m.start()))
        if not codes:
            continue
        name = _name_before(text, m.start())
        known = alias_table()[1].get(codes[0])
        if not name and known is None:
            continue
        start = len(text[:m.start()].rstrip()) - len(name)
        out.append((start, m.end(), name or known.name, codes))
    return out


def companies(text: str) -> tuple[Company, ...]:
    """Companies named in ``text``, in the order they are named: with a stock code, with a legal form,
    in the alias table, in running text with a corporate word, or as a Chinese company name. A place in the
    text goes to the first of these that finds a name there (the longest, among names found the same way)."""
    candidates: list[tuple[int, int, int, str, tuple[str, ...]]] = [
        (0, start, end, name, codes) for start, end, name, codes in _coded(text)]
    candidates += [(1, start, end, name, ()) for start, end, name in (_suffixed(text) if _SUFFIX_HINT.search(text) else ())]
    candidates += [(2, start, end, text[start:end], ()) for start, end in _alias_spans(text)]
    if _CORP_WORD.search(text):
        candidates += [(3, start, end, name, ()) for start, end, name in _corporate(text)]
    if _CJK.search(text):
        candidates += [(3, start, end, name, ()) for start, end, name in _chinese(text)]
    taken: list[tuple[int, int, str, tuple[str, ...]]] = []
    for _, start, end, name, codes in sorted(candidates, key=lambda c: (c[0], c[1] - c[2], c[1])):
        if not any(start < b and a < end for a, b, _, _ in taken):
            taken.append((start, end, name, codes))
    found: dict[str, Company] = {}
    for _, _, name, codes in sorted(taken):
        for company in [_known(name, code) for code in codes] or [_known(name)]:
            key = company.key or _fold(company.short) or company.code or ""
            if key in found:  # one company named twice: the fullest name written, with its code
                old = found[key]
                name = max((old.name, company.name), key=len) if bool(old.code) == bool(company.code) else \
                    (old.name if old.code else company.name)
                found[key] = replace(old, name=name, code=old.code or company.code,
                                     codes=tuple(dict.fromkeys(old.codes + company.codes)))
            else:
                found[key] = company
    return tuple(found.values())
