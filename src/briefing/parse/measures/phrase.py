"""Whether a subject read from a sentence is a noun phrase, or a fragment of the sentence around it.

A subject is the noun phrase of what is measured. The readers in ``subject`` take the words before a verb,
after an "of" and so on; when a sentence is shaped otherwise they can return a piece of it instead: "Our",
"Shanghai Futures Exchange's most", "company installed", "MoM and", "较2023年", "是去年同期的". ``noun_phrase``
keeps a phrase that can name something and returns "" for the rest, so that the figure keeps no subject
rather than a wrong one (and stays out of the key-figures table).
"""

from __future__ import annotations

import re

from .clauses import CJK, VERB_RE

# words that cannot end a noun phrase: determiners, possessives, prepositions, conjunctions, comparatives
_OPEN_END = frozenset("""the a an our its their his her my your this that these those some most more less least overall
    and or but nor of in on at by for from to with into onto over under than as per via plus after before since until
    during whose which who what when where while very so such also then next several other first second third last
    previous prior early late higher lower up down potential cumulative past""".split())
# words that alone name nothing: pronouns, possessives, time and order words, a market's notions
_EMPTY = frozenset("""our its their his her my your we us they it one ones some several after before first last next
    previous prior early late higher lower week month year day today session overnight market support resistance range
    min max minimum maximum total share power past current company companies premium premiums discount discounts base
    quality versus vs""".split())
_WEEKDAY_DATE = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep"
                           r"|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
_AFTER_VERB = re.compile(r"(?:\s(?:last|also|then|recently|already|just|jointly|reportedly))+$", re.I)  # "... last"
_PARTICIPLE_TAIL = re.compile(r"\s+(?:also\s+|further\s+)?[a-z]+ed\s+(?:by|to|from)\b.*$")
_OF_END = re.compile(r"\s(?:of|for)$", re.I)
_ADVERB = re.compile(r"^[a-z]+ly$")  # "gradually", "sharply": how, not what
_PUBLISHER_RANGE = re.compile(r"^[A-Z]{2,6}(?:\s(?:base|price|average))*\s(?:price\s)?range$", re.I)

# Chinese: a clause that opens with a comparison or a copula has no subject of its own ("较2023年", "是去年同期的"),
# and one that ends on a particle or a preposition was cut inside its phrase ("也从", "提升至")
_CJK_OPEN = re.compile(r"^(?:较|較|比|同比|环比|環比|与|與|是|为|為|从|從|相比|相较|相較|超出|低于|低於|高于|高於|约为|約為|在|甚至)")
_CJK_VERB_END = re.compile(r"(?:仅需|僅需|提升|下降|增长|增長|减少|減少|超出|达到|達到|达|達|保有|支持|实现|實現|多跑|不低于|不低於"
                           r"|下滑到了|下滑|回落|上涨|上漲|下跌|节省|節省|增收|连续|連續|补能|補能)$")
_CJK_END = re.compile(r"(?:的|从|從|了|到|至|是|和|及|与|與|或|在|对|對|把|被|将|將|也|都|可|仍|再|最快)$")
# a clause's words, not a noun: "包含" (includes), "具体" (specifically), "项目拟投资" (the project plans to invest)
_CJK_NOT_NOUN = re.compile(r"^(?:包含|包括|具体|具體|其中|分别|分別)$|[拟擬](?:投资|投資|建设|建設|新建|在|于|於)")
_CJK_FIGURE_IN = re.compile(r"\d[\d.,]*\s*(?:%|万|萬|亿|億|元|美元|吨|噸|GWh|MWh|GW|MW|kWh|年|分钟|分鐘|小时|小時|次|公里|℃)")


def noun_phrase(subject: str) -> str:
    """``subject`` when it can be the noun phrase of what is measured, else ""."""
    phrase = _AFTER_VERB.sub("", subject.strip())
    if not phrase:
        return ""
    if CJK.search(phrase):
        return _cjk_phrase(phrase)
    if phrase.count("(") != phrase.count(")"):
        # "YoY) and adjusted EBITDA": the words after a bracket closed; "week (": cut inside one
        phrase = phrase.rsplit(")", 1)[-1] if ")" in phrase else ""
        phrase = re.sub(r"^[\s,]*(?:and|or|but|while|with)?\s+", "", phrase, flags=re.I).strip()
        return noun_phrase(phrase) if phrase else ""
    if phrase.endswith(("[", "'s", "’s")):
        return ""
    if _OF_END.search(phrase):
        # "a combined investment commitment of", "A cost recovery application for": the noun the figure is of
        head = re.split(r"(?:^|\s)(?:a|an|the|its|their|this|these|those)\s", _OF_END.sub("", phrase), flags=re.I)[-1]
        return noun_phrase(head) if head.strip() and not VERB_RE.search(head) else ""
    phrase = _PARTICIPLE_TAIL.sub("", phrase) or phrase  # "SHFE 1811 contract also depressed by shorts"
    words = phrase.split()
    if len(words) == 1 and VERB_RE.fullmatch(phrase):
        return ""  # "was"
    folded = [w.casefold() for w in words]
    open_end = folded[-1] in _OPEN_END and not re.fullmatch(r"[A-Z]", words[-1])  # "grade A" is whole
    if open_end or all(w in _EMPTY for w in folded) or _PUBLISHER_RANGE.match(phrase):
        return ""
    if _WEEKDAY_DATE.search(phrase) or (len(words) == 1 and _ADVERB.match(words[0].casefold())):
        return ""
    if _TIME_ONLY.fullmatch(phrase) or folded[-1] in {"it", "them", "us"} or (
            len(words) > 1 and folded[0] in _SPANS and folded[1] == "of"):
        return ""  # "early this week", "months of 2023": when, not what; "announced it": a verb and its object
    if len(words) > 1 and folded[-1] in _SAYS:
        return noun_phrase(" ".join(words[:-1]))  # "Tata Group wants": the verb is not the subject
    inner = next((n for n in range(1, len(words) - 1) if words[n].casefold() in {"a", "an", "the"}
                  and words[n - 1].casefold() not in _LINKS), None)
    if inner in (1, 2) and (inner == 2 or not words[0][0].isupper()):
        return noun_phrase(" ".join(words[inner + 1:]))  # "offers represent a combined budget": the verb's object
    if len(words) > 1 and (words[1].casefold() in {"a", "an", "to"} or words[0].casefold() in _CLAUSE_WORDS):
        return ""  # "aimed to secure", "whose value": a verb's or a clause's words
    last = words[-1].casefold()
    if last in _IRREGULAR or last.endswith("ed") and last not in _NOUN_ED:
        # "BYD installed", "last assessed", "sought": the verb is not the subject
        return noun_phrase(" ".join(words[:-1])) if len(words) > 1 else ""
    return phrase


_TIME_ONLY = re.compile(r"(?:(?:early|late|mid|earlier|later)\s+)?(?:this|last|next|the\s+previous)\s+"
                        r"(?:week|month|year|quarter|session|trading\s+day|day)", re.I)
_SPANS = {"days", "weeks", "months", "quarters", "years"}
_SAYS = {"wants", "plans", "aims", "says", "expects", "seeks", "hopes", "intends", "targets"}
_LINKS = {"of", "for", "in", "on", "at", "to", "with", "from", "by", "over", "and", "or"}
_CLAUSE_WORDS = {"whose", "which", "who", "where", "when", "it", "we", "they", "if"}
_IRREGULAR = {"sought", "bought", "sold", "held", "won", "seen", "made", "built", "paid", "spent"}
_NOUN_ED = {"need", "seed", "speed", "feed", "bed", "shed", "red", "steed", "breed", "weed"}


def _cjk_phrase(phrase: str) -> str:
    for _ in range(3):
        phrase = _CJK_VERB_END.sub("", phrase).strip()
    if len(phrase) < 2 or _CJK_OPEN.match(phrase) or _CJK_END.search(phrase) or _CJK_NOT_NOUN.search(phrase):
        return ""
    if _CJK_FIGURE_IN.search(phrase) or re.search(r"[)\]*）】]", phrase):
        return ""  # the figure before, or a list's mark, inside: the clause was not cut where it should be
    return phrase
