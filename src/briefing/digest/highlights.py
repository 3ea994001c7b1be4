"""The week in a few lines: one paragraph of at most 120 words, and 3 to 6 points.

The paragraph is chosen from the whole week: the sentences of the articles'
own highlights paragraphs and the opening sentences of the most important
items, each weighed by what it carries (``rank.score`` of the item it
opens, the figures and companies of a highlights sentence), near repeats
left out, the heaviest taken until the words run out. The points are the
week's most important items, at most two from one section while others
have items to give.
"""

from __future__ import annotations

import re
from collections import Counter

from .. import narrative
from ..models import Article, Bullet, Item, Section
from . import rank

MAX_WORDS = 120
MAX_SENTENCE_WORDS = 60  # a longer sentence is no summary
POINTS = (3, 6)  # fewest and most points, when the week has that many items
PER_SECTION = 2
SAME = 0.6  # share of content words that makes a sentence a repeat of one chosen
# a sentence ends as one; a line that does not (a heading, a caption, a cut-off text) is no summary
ENDS = re.compile(r"[.!?。！？…][\"'”’)）]*\s*$")


def size(sentence: str) -> float:
    """A sentence's length in words, a Chinese character counting half a word."""
    cjk = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", sentence))
    return len(sentence.split()) + cjk / 2


def words_of(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.casefold()) if len(w) > 3 or w.isdigit()
                     or not w.isascii())


def repeats(words: frozenset[str], chosen: list[frozenset[str]]) -> bool:
    """True when most of ``words`` were already said by one chosen sentence."""
    return any(words and len(words & seen) >= SAME * min(len(words), len(seen)) for seen in chosen)


def _sentence_weight(sentence: str) -> float:
    figures = len(re.findall(r"\d[\d,.]*\s?(?:%|[A-Za-z]{1,5}\b|yuan|billion|million)", sentence))
    names = len(re.findall(r"\b[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+)*", sentence))
    return min(figures, 4) * 1.0 + min(names, 4) * 0.4


_DATED = re.compile(r"^(?:On|As of|By|In)\s+(?:\w+\s+)?\w+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:(?:19|20)\d{2},?\s*)?|"
                    r"^(?:Recently|Currently|Previously|Meanwhile|Last week|This week|Earlier this \w+),\s*")
# openings that lean on what came before them ("The project ...", "It ..."): no summary on their own
LEANS = re.compile(r"^(?:The (?:project|company|firm|plant|deal|move|two)|It|Its|This|These|Those|They|Their|He|She|"
                    r"However|But|Also|In addition|Moreover|Furthermore|Meanwhile|[\"“])\b", re.I)


def opening(item: Item) -> str:
    """The item's first sentence as a summary line: without its date lead, "" when it leans on what came before."""
    first = narrative.sentences(item.body)[:1]
    if not first:
        return ""
    text = _DATED.sub("", first[0]).strip()
    if not text or LEANS.match(text):
        return ""
    return text[:1].upper() + text[1:]


def _candidates(articles: tuple[Article, ...], items: list[Item]) -> list[tuple[float, int, str]]:
    """(weight, reading order, sentence) of every sentence the paragraph may use. The desk's own
    highlights weigh most, and more when they tell the week's heavy items."""
    out: list[tuple[float, int, str]] = []
    told = [(words_of(f"{item.headline} {item.body}"), rank.score(item)) for item in items]
    order = 0
    for article in articles:
        for sentence in narrative.sentences(re.sub(r"^\s*Highlights?\s*[:：]\s*", "", article.highlights)):
            words = words_of(sentence)
            match = sum(score for seen, score in told if len(words & seen) >= 4)
            out.append((4.0 + _sentence_weight(sentence) + 0.5 * match, order, sentence))
            order += 1
    for item in items:
        text = opening(item)
        if text:
            out.append((rank.score(item), order, text))
            order += 1
    return out


def paragraph(articles: tuple[Article, ...], items: list[Item]) -> str:
    """The highlights paragraph; "" when the week gives nothing to say."""
    chosen: list[tuple[int, str]] = []
    seen: list[frozenset[str]] = []
    total = 0
    for _, order, sentence in sorted(_candidates(articles, items), key=lambda c: (-c[0], c[1])):
        length = size(sentence)
        if length > MAX_SENTENCE_WORDS or total + length > MAX_WORDS or len(sentence) < 20 \
                or not ENDS.search(sentence):
            continue
        words = words_of(sentence)
        if repeats(words, seen):
            continue
        chosen.append((order, sentence))
        seen.append(words)
        total += length
    return " ".join(sentence for _, sentence in sorted(chosen))


def bullets(sections: tuple[Section, ...]) -> tuple[Bullet, ...]:
    """The week's most important items, 3 to 6 of them, no more than two a section while others have more."""
    pool = [(rank.score(item), n, item, section.key) for section in sections for n, item in enumerate(section.items)]
    pool.sort(key=lambda p: (-p[0], p[1]))
    taken: list[tuple[Item, str]] = []
    per: Counter[str] = Counter()
    seen: list[frozenset[str]] = []
    for strict in (True, False):
        for _, _, item, key in pool:
            if len(taken) >= POINTS[1] or (not strict and len(taken) >= POINTS[0]):
                break
            words = words_of(item.headline)
            if any(item is t for t, _ in taken) or (strict and (per[key] >= PER_SECTION or repeats(words, seen))):
                continue
            taken.append((item, key))
            per[key] += 1
            seen.append(words)
    full = {id(item) for section in sections for item in section.full}
    return tuple(Bullet(text=item.headline, item=item.id, section=key, full=id(item) in full) for item, key in taken)
