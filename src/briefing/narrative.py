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

_ABBREV = r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bNo)(?<!\bMr)(?<!\bDr)(?<!\bvs)(?<!\be\.g)(?<!\bi\.e)(?<!\b[A-Z])"
SENTENCE = re.compile(_ABBREV + r"(?<=[.!?])([\"”’]?)\s+(?=[\"“A-Z0-9])")
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
        end = m.start() + len(m.group(1))
        out.append(paragraph[start:end].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


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
    """A page of separate summaries, one news each: three or more short paragraphs of one to three
    sentences, none of which goes on from the one before ("However, ...", "The company ...")."""
    return (len(paragraphs) >= 3 and all(len(p) < 600 and len(sentences(p)) <= 3 for p in paragraphs)
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


def headline(sentence: str) -> str:
    """A short headline written from an item's first sentence."""
    text = re.sub(r"^[\"“]|[\"”]\s*,?\s*(?:said|says|explained|believes|noted|added|stated)\b.*$", "", sentence)
    text = LEAD.sub("", text).lstrip(" ,")
    text = re.sub(r"^(?:By|In) (?:19|20)\d{2},\s*", "", text)
    text = REPORTING.sub(" to " if re.search(REPORTING.pattern + r"will ", text) else ": ", text, count=1)
    text = re.sub(r" to will ", " to ", text)
    words = text.split()
    if len(words) > MAX_HEADLINE_WORDS:
        clause = re.split(r",\s", text)[0].split()
        words = clause if 4 <= len(clause) <= MAX_HEADLINE_WORDS else words[:MAX_HEADLINE_WORDS]
    out = " ".join(words).rstrip(" ,.;:")
    if len(out.split()) < len(text.split()):
        out += "…"
    return out[:1].upper() + out[1:]


def title_from(text: str) -> str:
    """A title for an article that has none: the first sentence, shortened."""
    if not text.strip():
        return "Untitled article"
    first = sentences(text.strip().split("\n", 1)[0])[0].rstrip(" .")
    return first if len(first.split()) <= 20 else headline(first)
