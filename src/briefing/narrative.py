"""Splitting a narrative article (no item markers) into items.

Each item should hold one event, one company or one forecast. The text is cut
into sentences; a new item starts where a sentence opens with a time or place
lead ("On March 3,", "Recently,", "Internationally,"), where a paragraph opens
on a new subject, where a quotation is attributed to someone from an
organisation the current item has not named, or where a forecast follows
news. Sentences that continue the subject ("Together they ...", "Among
them ...") stay with their item. Sentences before the first lead are the
article's introduction.
"""

from __future__ import annotations

import re

# A full stop after one of these words, after a single letter (an initial) or closing a dotted
# abbreviation ("U.S.", "e.g.") ends no sentence. Legal forms other than "Co." are left out: "Ltd."
# and "Inc." end sentences as often as not, and mid-sentence a comma or bracket follows them.
ABBREVIATIONS = frozenset(
    "co no nos mr mrs ms dr prof st vs approx est etc jan feb mar apr jun jul aug sep sept oct nov dec".split())
# The end of a sentence: a stop and any closing quote, then space and a capital, digit or quote;
# a Chinese stop ends one whatever follows it.
SENTENCE = re.compile(r"(?:(?P<stop>[.!?])(?P<quote>[\"”’]?)\s+(?=[\"“A-Z0-9])|(?P<wide>[。！？][”’」]?)\s*(?=\S))")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
LEAD = re.compile(
    r"^(?:On (?:\w+ )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w*\.? \d{1,2}|Recently|Previously|"
    r"Internationally|Overseas|Domestically|Meanwhile|In China|Last week|This week|Earlier this \w+|Separately)\b"
)
CONTINUE = re.compile(r"^(?:Together|They|It|Its|Their|The company|The two|This|These|Both|Among them|In addition|Moreover|Furthermore|Compared)\b")
QUOTE_OPEN = re.compile(r"^[\"“]")
ATTRIBUTION = re.compile(r"[\"”]\s*,?\s*(?:said|says|explained|believes|noted|added|stated)\b(?P<who>.*)$")
ORG = re.compile(r"\b(?:of|at|from)\s+(?:the\s+)?(?P<org>[A-Z][\w-]*)")
FORECAST_CUE = re.compile(r"\b(?:expected|projected|forecast|estimated|will reach|plans? to)\b", re.I)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
REPORTING = re.compile(r"\s(?:announced|stated|said|revealed|claimed|disclosed|reported)(?: on [\w\s-]+?)? that (?:the company |it )?")
MAX_HEADLINE_WORDS = 14


def sentences(paragraph: str) -> list[str]:
    """Cut a paragraph into sentences, keeping closing quotes with their sentence."""
    out: list[str] = []
    start = 0
    for m in SENTENCE.finditer(paragraph):
        if m["stop"] == "." and _abbreviation(paragraph, m.start()):
            continue
        end = m.start() + len(m["wide"] or m["stop"] + m["quote"])
        out.append(paragraph[start:end].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def _abbreviation(text: str, stop: int) -> bool:
    """The full stop at ``stop`` closes an abbreviation ("Co.", "U.S.", "Sept.") or an initial."""
    m = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    word = m[1].strip(".") if m else ""
    return len(word) == 1 or "." in word or word.casefold() in ABBREVIATIONS


def is_forecast(sentence: str) -> bool:
    return bool(FORECAST_CUE.search(sentence) and YEAR.search(sentence))


def _quoted_org(sentence: str) -> str | None:
    m = ATTRIBUTION.search(sentence)
    if not m:
        return None
    orgs = ORG.findall(m["who"])
    return orgs[-1] if orgs else None


def _starts_item(sentence: str, current: list[str], first_in_paragraph: bool, current_is_forecast: bool) -> bool:
    if not current:
        return True
    if CONTINUE.match(sentence):
        return False
    if LEAD.match(sentence):
        return True
    if QUOTE_OPEN.match(sentence):
        org = _quoted_org(sentence)
        return org is not None and org not in " ".join(current)
    if is_forecast(sentence) and not current_is_forecast:
        return True
    return first_in_paragraph


def is_roundup(paragraphs: list[str]) -> bool:
    """Several news told one after another: two or more time or place leads ("On March 3,",
    "Recently,") after the text's first sentence. Otherwise the text is one story."""
    leads = 0
    for p, paragraph in enumerate(paragraphs):
        for n, sentence in enumerate(sentences(paragraph)):
            if (p or n) and LEAD.match(sentence):
                leads += 1
    return leads >= 2


GOES_ON = re.compile(r"^(?:However|But|That|This|These|Those|Such|It|Its|They|Their|The (?:company|project|firm|"
                     r"lower|higher|move|deal|plant)|At the same time|Meanwhile|Also|In addition|Moreover|Furthermore|"
                     r"As a result|Still|Yet|Besides|Compared)\b")


def is_listing(paragraphs: list[str]) -> bool:
    """A page of separate summaries, one news each: three or more short paragraphs of one to five
    sentences, none of which goes on from the one before ("However, ...", "The company ...")."""
    return (len(paragraphs) >= 3 and all(len(p) < 800 and len(sentences(p)) <= 5 for p in paragraphs)
            and not any(GOES_ON.match(p) or CONTINUE.match(p) for p in paragraphs[1:]))


def split(paragraphs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (introduction paragraphs, [(headline, body)]) for a narrative article:
    a roundup is cut into its news; one story stays one item."""
    if not paragraphs:
        return [], []
    if not is_roundup(paragraphs):
        text = " ".join(paragraphs)
        return [], [(headline(sentences(text)[0]), text)]
    intro: list[str] = []
    groups: list[list[str]] = []
    current: list[str] = []
    forecast = False
    started = False
    for paragraph in paragraphs:
        for n, sentence in enumerate(sentences(paragraph)):
            if not started:
                if LEAD.match(sentence) or (n == 0 and intro):
                    started = True
                else:
                    intro.append(sentence)
                    continue
            if _starts_item(sentence, current, n == 0, forecast):
                if current:
                    groups.append(current)
                current, forecast = [], is_forecast(sentence)
            current.append(sentence)
    if current:
        groups.append(current)
    intro_text = [" ".join(intro)] if intro else []
    return intro_text, [(headline(group[0]), " ".join(group)) for group in groups]


_ADVERBIAL = re.compile(
    r"^(?:Currently|At present|Recently|Previously|Meanwhile|Additionally|In addition|Moreover|Furthermore|Notably|"
    r"However|Internationally|Domestically|Overseas|In China|Last \w+|This \w+|Earlier this \w+|"
    r"According to [^,]{1,80}|It is (?:reported|learned|understood) that|As (?:of|for) [^,]{1,40}|"
    r"(?:Starting|Beginning) (?:from )?[^,]{1,30}|(?:By|In|On|Since|From) [^,]{1,30})\s*,\s*", re.I)
_QUOTE_MARKS = "\"“”‘’'"
_FILLERS = re.compile(r"\s(?:already|previously|currently|recently|also|all|further|officially)(?=\s)", re.I)
_NAME_LIST = re.compile(r"(\b[A-Z][\w-]*(?: [A-Z][\w-]*)*),(?: [A-Z][\w-]*(?: [A-Z][\w-]*)*,){1,}(?: and)? [A-Z][\w-]*"
                        r"(?: [A-Z][\w-]*)*")
_ASIDE = re.compile(r",\s(?:with|including|which|who|whose|located|based|a|an|one of|as well as|such as|"
                    r"both|together with)\b[^,]{1,80},\s")
_BOUNDARY = re.compile(r",\s|;\s|\s\(|\s(?=(?:which|who|where|while|whereas|with|after|as|following|thereby|aiming|"
                       r"marking|making|leveraging|in order to|so as to|and (?:will|is|are|has|have|plans?|expects?|"
                       r"aims?))\b)")
_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|to [a-z]+|[a-z]{3,}ed|"
                   r"rose|fell|won|grew|sold|bought|held|made|took|saw|began|led|stood|said|went|came|broke|became|"
                   r"(?:sign|launch|form|reach|complet|start|begin|begins|win|build|plan|invest|releas|unveil|"
                   r"announc|achiev|enter|set|establish|open|suppl|deliver|ship|receiv|obtain|becom|expect|ris|"
                   r"fall|increas|declin|debut|develop|produc|break|hit|join|partner|collaborat|cooperat|acquir|"
                   r"rais|secur|commission|install|start|lead|lies|lie|accelerat|introduc|target|aim|seek|"
                   r"promot|mak|tak|continu|remain|stand|show|hold|drop|climb|gain|slip|jump|post|report|say|see|top|cut|add|buy|"
                   r"sell|get|go|come|mov|grow|soar|slid|surg|edg|eas|dip|trail|lag|beat|miss|face|warn|fear)"
                   r"(?:e|es|s|ies)?)\b")
_CUT_BEFORE = {"of", "in", "for", "at", "on", "with", "from", "by", "into", "and", "or", "that", "which", "to", "as",
               "under", "over", "across", "through", "during", "between", "among", "via", "including", "such"}
_DANGLING = _CUT_BEFORE | {"a", "an", "the", "its", "their", "his", "her", "our", "is", "are", "was", "were",
                           "has", "have", "will", "be", "been", "like"}


def _has_verb(words: list[str]) -> bool:
    return bool(_VERB.search(" ".join(words[1:]).lower()))


def _trim(words: list[str]) -> list[str]:
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words = words[:-1]
    return words


def clause(text: str, most: int = MAX_HEADLINE_WORDS) -> str:
    """A whole clause of at most ``most`` words from ``text``: fillers and long name lists shortened, then
    cut at a clause boundary (a comma, "which", "while", "and will") that leaves subject and verb, else
    before a preposition. Never cut mid-phrase, never "…"."""
    if len(text.split()) <= most:
        return text
    text = _FILLERS.sub("", text)
    text = _NAME_LIST.sub(lambda m: f"{m.group(1)} and others", text)
    text = _ASIDE.sub(" ", text)
    if len(text.split()) <= most:
        return text
    clauses = [text[:m.start()].split() for m in _BOUNDARY.finditer(text)]
    clauses = [words for words in clauses if 4 <= len(words) <= most]
    with_verb = [words for words in clauses if _has_verb(words)]
    if with_verb:
        return " ".join(_trim(with_verb[-1]))
    words = text.split()[:most + 1]
    cuts = [k for k in range(4, len(words)) if words[k].lower() in _CUT_BEFORE and _has_verb(words[:k])]
    if cuts:
        return " ".join(_trim(words[:cuts[-1]]))
    return " ".join(_trim(clauses[-1] if clauses else words[:most]))


def headline(sentence: str) -> str:
    """A short headline written from an item's first sentence: its subject, verb and object, without the
    sentence's time or place lead, reporting frame ("X announced that") or quotation marks."""
    text = re.sub(r"[\"”]\s*,?\s*(?:said|says|explained|believes|noted|added|stated)\b.*$", "", sentence)
    text = text.strip().strip(_QUOTE_MARKS).strip()
    for _ in range(3):
        text = LEAD.sub("", text).lstrip(" ,")
        text = _ADVERBIAL.sub("", text)
    text = REPORTING.sub(" to " if re.search(REPORTING.pattern + r"will ", text) else ": ", text, count=1)
    text = re.sub(r" to will ", " to ", text)
    if ": " in text:  # "SAIC Group: starting from this year, ..." -> the reported clause without its lead
        who, said = text.split(": ", 1)
        text = f"{who}: {_ADVERBIAL.sub('', said)}"
    shorter = re.sub(r",\s(?:which|who|whose)\b.*$", "", text)  # a relative clause is no headline's business
    text = shorter if len(shorter.split()) >= 4 else text
    out = clause(text).rstrip(" ,.;:")
    return out[:1].upper() + out[1:]


def title_from(text: str) -> str:
    """A title for an article that has none: the first sentence, shortened."""
    if not text.strip():
        return "Untitled article"
    first = sentences(text.strip().split("\n", 1)[0])[0].rstrip(" .")
    return first if len(first.split()) <= 20 else headline(first)
