"""Chinese company names in running text: a full name ending in a legal form (…有限公司), a short name
ending in a corporate word (集团, 科技, 能源, 锂业, 电池 ...) between punctuation or joining words, and the
name a sentence opens its announcement with ("宏润建设4月8日晚间公告")."""

from __future__ import annotations

import re
from collections.abc import Callable

from .forms import PINYIN

CN_LEGAL = re.compile(r"股份有限公司|有限责任公司|有限責任公司|有限公司")
_CN_SUFFIX = re.compile(r"新能源|股份|集团|集團|科技|能源|锂业|鋰業|锂能|鋰能|电池|電池|电力|電力|矿业|礦業|钴业|鈷業|证券|證券|汽车|汽車|"
                        r"电气|電氣|控股")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
CN_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
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
_CN_VERBS = ("促使", "推动", "推動", "带动", "帶動", "发展", "發展", "加快", "支持", "鼓励", "鼓勵", "利好", "受益")  # never in a name
_CN_GENERIC_END = set("的了在是和与與及等为為锂鋰钠鈉储儲铁鐵铅鉛态態型用性式级級")




# the company whose announcement a sentence opens with, its day or its code between: "宏润建设4月8日晚间公告",
# "鹏辉能源(300438)公告称" (but "招标公告显示", "根据公告": no day, no code, no company)
_ANNOUNCER = re.compile(r"(?:^|(?<=[。！？\n]))\s*(?P<name>[\u4e00-\u9fff]{2,6}?)(?:[(（]\d{6}[)）]|\d{1,2}月\d{1,2}日)"
                        r"(?:晚间|晚間|早间|早間|盘后|盤後|晚)?(?:发布|發布)?公告")


def _announcers(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _ANNOUNCER.finditer(text):
        name = m["name"]
        if name not in _CN_GENERIC and name[0] not in _CN_JOIN_CHARS and not name.startswith(_CN_JOIN) \
                and not name.endswith(("公司", "发布", "發布", "此次", "本次", "该", "該")):
            out.append((m.start("name"), m.end("name")))
    return out


def chinese(text: str) -> list[tuple[int, int, str, bool]]:
    """Chinese company names, each with whether it is a full name: a full name ending in 有限公司 (back to
    the punctuation or the joining word before it), and a short name of two to four characters ending in
    集团, 科技, 能源, 锂业, 电池 and the like, standing between punctuation or joining words (、鹏辉能源、,
    与沙洲电力合作)."""
    full = past_readings(_full_names, text)
    return [(a, b, text[a:b], True) for a, b in full] + [
        (a, b, text[a:b], False) for a, b in past_readings(_short_names, text) + _announcers(text)]


def past_readings(find: Callable[[str], list[tuple[int, int]]], text: str) -> list[tuple[int, int]]:
    """The spans ``find`` gives in ``text``, reading past the pinyin some converted pages put after a
    character (華能新疆能源開發(fā)有限公司): the spans are found without the readings and cover them."""
    if not PINYIN.search(text):
        return find(text)
    kept, where = [], []  # the text without the readings, and where each of its characters stands
    last = 0
    for m in PINYIN.finditer(text):
        kept.append(text[last:m.start()])
        where += range(last, m.start())
        last = m.end()
    kept.append(text[last:])
    where += range(last, len(text) + 1)
    return [(where[a], where[b - 1] + 1) for a, b in find("".join(kept))]


def _full_names(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in CN_LEGAL.finditer(text):
        start = cjk_start(text, m.start(), 25)
        if m.start() - start >= 2 and text[start:m.start()] not in _CN_GENERIC:
            out.append((start, m.end()))
    return out


def _short_names(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _CN_SUFFIX.finditer(text):
        after = text[m.end():m.end() + 1]
        if not after or _CN_BREAK.match(after) or after in _CN_NEXT:
            start = _short_name_start(text, m.start())
            if start >= 0:
                out.append((start, m.end()))
    return out


def _short_name_start(text: str, end: int) -> int:
    """Where a short name of two to four characters before the corporate word at ``end`` starts (the
    shortest that stands after punctuation or a joining word), -1 when none does."""
    for size in (2, 3, 4):
        start = end - size
        core = text[start:end]
        if start < 0 or not CJK_RUN.fullmatch(core) or core in _CN_GENERIC or core[-1] in _CN_GENERIC_END \
                or core[0] in _CN_JOIN_CHARS or core.startswith(_CN_JOIN) or any(v in core for v in _CN_VERBS):
            continue
        if start == 0 or _CN_BREAK.match(text, start - 1) or text[max(0, start - 2):start] in _CN_JOIN \
                or text[start - 1] in _CN_JOIN_CHARS:
            return start
    return -1


def cjk_start(text: str, end: int, limit: int) -> int:
    """Where the Chinese name ending at ``end`` starts: back over Chinese characters and Latin letters
    to punctuation, a digit or at most ``limit`` characters, then after the last joining word."""
    start = end
    while start > max(0, end - limit) and CN_NAME_CHAR.match(text, start - 1):
        start -= 1
    run = text[start:end]
    cut = max((run.rfind(w) + len(w) for w in _CN_JOIN if w in run), default=0)
    cut = max(cut, max((run.rfind(c) + 1 for c in _CN_JOIN_CHARS if c in run), default=0))
    return start + cut
